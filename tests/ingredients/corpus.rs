//! Runs the corpus of real product labels in `tests/ingredients/corpus/labels.toml`.

use std::collections::BTreeSet;

use aftercare::ingredients::Verdict;
use serde::Deserialize;

use crate::corpus_reannotated::{REANNOTATED, reannotation};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    label: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    name: String,
    brand: String,
    source: String,
    verdict: String,
    flagged: Vec<String>,
    beneficial: Vec<String>,
    comment: Option<String>,
    text: String,
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::NoneFound => "none-found",
        Verdict::Unreadable => "unreadable",
        Verdict::Caution => "caution",
        Verdict::Avoid => "avoid",
    }
}

fn load() -> Corpus {
    let text = include_str!("corpus/labels.toml");
    toml::from_str(text).expect("tests/ingredients/corpus/labels.toml is valid")
}

#[test]
fn corpus_holds_at_least_forty_cited_labels() {
    let corpus = load();
    assert!(corpus.label.len() >= 40, "only {} labels", corpus.label.len());
    for label in &corpus.label {
        assert!(label.source.starts_with("http"), "{} has no source", label.name);
        assert!(!label.brand.is_empty() && !label.text.trim().is_empty());
        let _ = &label.comment;
    }
}

#[test]
fn every_corpus_label_gets_its_expected_verdict_and_flags() {
    let mut failures = Vec::new();
    for label in load().label {
        let result = crate::common::check(&[&label.text]);
        let flagged: BTreeSet<&str> = result.flagged.iter().map(|f| f.ingredient_id.as_str()).collect();
        let beneficial: BTreeSet<&str> = result.beneficial.iter().map(|b| b.ingredient_id.as_str()).collect();
        let mut want_flagged: BTreeSet<&str> = label.flagged.iter().map(String::as_str).collect();
        let mut want_verdict = label.verdict.as_str();
        if let Some(row) = reannotation(&label.name) {
            want_flagged.extend(row.also_flagged);
            want_verdict = row.verdict;
        }
        let want_beneficial: BTreeSet<&str> = label.beneficial.iter().map(String::as_str).collect();
        let verdict = verdict_name(result.verdict);
        if verdict != want_verdict || flagged != want_flagged || beneficial != want_beneficial {
            failures.push(format!(
                "{} ({}): verdict {verdict} (want {want_verdict}), flagged {flagged:?} (want {want_flagged:?}), beneficial {beneficial:?} (want {want_beneficial:?})",
                label.name, label.source
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_reannotation_names_a_corpus_label_and_changes_it() {
    let corpus = load();
    for row in REANNOTATED {
        let label = corpus.label.iter().find(|label| label.name == row.name);
        let label = label.unwrap_or_else(|| panic!("no corpus label is named {:?}", row.name));
        let new_flags = row.also_flagged.iter().any(|id| !label.flagged.iter().any(|f| f == id));
        assert!(
            new_flags || row.verdict != label.verdict,
            "{:?} is already annotated so in labels.toml: remove its row",
            row.name
        );
    }
}
