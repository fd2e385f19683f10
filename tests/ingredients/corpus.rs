//! Runs the corpus of real product labels in `tests/ingredients/corpus/labels.toml`.

use std::collections::BTreeSet;

use aftercare::ingredients::Verdict;
use serde::Deserialize;

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
        let want_flagged: BTreeSet<&str> = label.flagged.iter().map(String::as_str).collect();
        let want_beneficial: BTreeSet<&str> = label.beneficial.iter().map(String::as_str).collect();
        let verdict = verdict_name(result.verdict);
        if verdict != label.verdict || flagged != want_flagged || beneficial != want_beneficial {
            failures.push(format!(
                "{} ({}): verdict {verdict} (want {}), flagged {flagged:?} (want {want_flagged:?}), beneficial {beneficial:?} (want {want_beneficial:?})",
                label.name, label.source, label.verdict
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
