//! Runs the public corpus of real labels (`tests/ingredients/corpus/real/`) through the checker
//! and scores it: recall of every restricted active and natural source, per language and per
//! active, and false flags (an active flagged that the label does not hold, or a look-alike
//! flagged, other than for a harsh class the label is annotated with). `cargo test corpus_real -- --nocapture` prints the table.
//!
//! The floors below are the measured figures: a change that loses a found active or adds a false
//! flag fails, and a change that finds more raises them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use aftercare::ingredients::IngredientCheck;

use crate::corpus_format::{ACTIVES, Label, corpus};

/// Fewest restricted actives and sources that must be found (of every expected one).
const MIN_FOUND: usize = 320;
/// Most false flags allowed.
const MAX_FALSE_FLAGS: usize = 5;

#[derive(Default)]
struct Score {
    labels: usize,
    expected: usize,
    found: usize,
    false_flags: usize,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.labels += other.labels;
        self.expected += other.expected;
        self.found += other.found;
        self.false_flags += other.false_flags;
    }

    fn row(&self, name: &str) -> String {
        let recall = if self.expected == 0 {
            "-".to_owned()
        } else {
            format!("{:.1}%", 100.0 * self.found as f64 / self.expected as f64)
        };
        format!(
            "{name:<16} {:>6} {:>8} {:>6} {:>8} {:>6}\n",
            self.labels, self.expected, self.found, recall, self.false_flags
        )
    }
}

/// What one label scored, with a line for every miss and false flag.
struct Outcome {
    by_active: BTreeMap<&'static str, Score>,
    score: Score,
    problems: Vec<String>,
}

/// The restricted actives the answer names: flagged actives and the actives sources relate to.
fn found_actives(check: &IngredientCheck) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut actives = BTreeSet::new();
    let mut sources = BTreeSet::new();
    for flag in &check.flagged {
        if let Some(active) = &flag.active {
            actives.insert(active.clone());
        }
        if let Some(active) = &flag.relates_to {
            sources.insert(active.clone());
        }
        if ACTIVES.contains(&flag.class.as_str()) && flag.active.is_none() && flag.relates_to.is_none() {
            actives.insert(flag.class.clone());
        }
    }
    (actives, sources)
}

fn score(language: &str, label: &Label) -> Outcome {
    let at = format!("{language}: {:?} ({})", label.name, label.source);
    let mut outcome = Outcome {
        by_active: BTreeMap::new(),
        score: Score {
            labels: 1,
            ..Score::default()
        },
        problems: Vec::new(),
    };
    let check = crate::common::check(&[&label.text]);
    let (actives, sources) = found_actives(&check);
    for active in ACTIVES {
        let entry = outcome.by_active.entry(active).or_default();
        let expected_active = label.actives.iter().any(|a| a == active);
        let expected_source = label.sources.iter().any(|a| a == active);
        let found_active = actives.contains(*active);
        let found_any = found_active || sources.contains(*active);
        if expected_active || expected_source {
            entry.expected += 1;
            // A label that holds the active must have it flagged as the active; a label that
            // holds only a source must have it flagged either way.
            let found = if expected_active { found_active } else { found_any };
            if found {
                entry.found += 1;
            } else {
                outcome.problems.push(format!("{at}: {active} not found"));
            }
        } else if found_any {
            entry.false_flags += 1;
            outcome
                .problems
                .push(format!("{at}: {active} flagged but not on the label"));
        }
    }
    // A look-alike is not the restricted active: a false flag when it is flagged as one of the
    // actives. Flagged as a harsh product (methyl salicylate high on a list reads as wintergreen
    // oil) it is scored by the harsh-class corpus test, not here.
    let names_an_active = |f: &&aftercare::ingredients::FlaggedIngredient| {
        [Some(&f.class), f.active.as_ref(), f.relates_to.as_ref()]
            .into_iter()
            .flatten()
            .any(|id| ACTIVES.contains(&id.as_str()))
    };
    for flag in check.flagged.iter().filter(names_an_active) {
        let text = flag.text.to_lowercase();
        if let Some(lookalike) = label.lookalikes.iter().find(|l| l.to_lowercase() == text) {
            outcome.score.false_flags += 1;
            outcome.problems.push(format!(
                "{at}: look-alike {lookalike:?} flagged as {}",
                flag.ingredient_id
            ));
        }
    }
    for entry in outcome.by_active.values() {
        outcome.score.expected += entry.expected;
        outcome.score.found += entry.found;
        outcome.score.false_flags += entry.false_flags;
    }
    outcome
}

#[test]
fn corpus_real_labels_restricted_actives_are_found_without_false_flags() {
    let mut by_language: BTreeMap<&str, Score> = BTreeMap::new();
    let mut by_active: BTreeMap<&str, Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut problems = Vec::new();
    for (language, label) in corpus() {
        let outcome = score(language, &label);
        by_language.entry(language).or_default().add(&outcome.score);
        for (active, s) in &outcome.by_active {
            let entry = by_active.entry(active).or_default();
            entry.add(s);
            entry.labels += usize::from(s.expected > 0);
        }
        total.add(&outcome.score);
        problems.extend(outcome.problems);
    }
    let mut table = String::from("                 labels expected  found   recall  false\n");
    for (language, s) in &by_language {
        table.push_str(&s.row(language));
    }
    table.push_str(&total.row("all languages"));
    for (active, s) in &by_active {
        table.push_str(&s.row(active));
    }
    let _ = writeln!(table, "{} problems:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{table}");
    assert!(
        total.found >= MIN_FOUND && total.false_flags <= MAX_FALSE_FLAGS,
        "found {} (floor {MIN_FOUND}), false flags {} (ceiling {MAX_FALSE_FLAGS})\n{table}",
        total.found,
        total.false_flags
    );
}
