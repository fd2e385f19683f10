//! Holds the public corpus of real labels in `tests/ingredients/corpus/real/` to its format:
//! every file on disk is compiled in, every label cites where it was read, names only known
//! kinds and classes, and the corpus is large and varied enough to judge a checker by.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// Every corpus file, by language code (the file name), compiled in.
const FILES: &[(&str, &str)] = &[
    ("de", include_str!("corpus/real/de.toml")),
    ("en", include_str!("corpus/real/en.toml")),
    ("es", include_str!("corpus/real/es.toml")),
    ("fr", include_str!("corpus/real/fr.toml")),
    ("it", include_str!("corpus/real/it.toml")),
    ("ja", include_str!("corpus/real/ja.toml")),
    ("ko", include_str!("corpus/real/ko.toml")),
    ("la", include_str!("corpus/real/la.toml")),
    ("nl", include_str!("corpus/real/nl.toml")),
    ("pl", include_str!("corpus/real/pl.toml")),
    ("pt", include_str!("corpus/real/pt.toml")),
    ("ru", include_str!("corpus/real/ru.toml")),
    ("zh-Hans", include_str!("corpus/real/zh-Hans.toml")),
    ("zh-Hant", include_str!("corpus/real/zh-Hant.toml")),
];

pub(crate) const LANGUAGES: &[&str] = &[
    "en", "es", "fr", "de", "it", "pt", "nl", "pl", "ru", "ko", "ja", "zh-Hans", "zh-Hant", "la",
];
const KINDS: &[&str] = &[
    "drug-facts",
    "shop-scrape",
    "k-beauty",
    "eu-leaflet",
    "cosmetic-label",
    "pharmacopoeia",
];
pub(crate) const ACTIVES: &[&str] = &["salicylic-acid", "glycolic-acid", "benzoyl-peroxide"];
pub(crate) const HARSH: &[&str] = &[
    "physical-exfoliant",
    "chemical-exfoliant",
    "retinoid",
    "hydroquinone",
    "ascorbic-acid",
    "peroxide",
    "essential-oil",
    "denatured-alcohol",
    "fragrance",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    label: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Label {
    pub(crate) name: String,
    brand: String,
    pub(crate) source: String,
    pub(crate) kind: String,
    pub(crate) actives: Vec<String>,
    pub(crate) sources: Vec<String>,
    pub(crate) harsh: Vec<String>,
    pub(crate) lookalikes: Vec<String>,
    comment: Option<String>,
    pub(crate) text: String,
}

pub(crate) fn corpus() -> Vec<(&'static str, Label)> {
    FILES
        .iter()
        .flat_map(|(language, text)| {
            let file: File = toml::from_str(text).unwrap_or_else(|e| panic!("corpus/real/{language}.toml: {e}"));
            file.label.into_iter().map(move |label| (*language, label))
        })
        .collect()
}

/// Problems with one label's fields, each naming the label.
fn label_problems(language: &str, label: &Label) -> Vec<String> {
    let at = format!("{language}: {:?}", label.name);
    let mut problems = Vec::new();
    if label.name.trim().is_empty() || label.brand.trim().is_empty() {
        problems.push(format!("{at}: empty name or brand"));
    }
    let cited = ["https://", "http://", "github:"]
        .iter()
        .any(|p| label.source.starts_with(p));
    if !cited || label.source.contains(char::is_whitespace) {
        problems.push(format!(
            "{at}: source {:?} is not an http(s) or github: address",
            label.source
        ));
    }
    if !KINDS.contains(&label.kind.as_str()) {
        problems.push(format!("{at}: unknown kind {:?}", label.kind));
    }
    for (field, values, known) in [
        ("actives", &label.actives, ACTIVES),
        ("sources", &label.sources, ACTIVES),
        ("harsh", &label.harsh, HARSH),
    ] {
        let unknown: Vec<&String> = values.iter().filter(|v| !known.contains(&v.as_str())).collect();
        if !unknown.is_empty() {
            problems.push(format!("{at}: unknown {field} {unknown:?}"));
        }
        if values.iter().collect::<BTreeSet<_>>().len() != values.len() {
            problems.push(format!("{at}: {field} repeats a value"));
        }
    }
    let text = label.text.to_lowercase();
    if label.text.trim().is_empty() {
        problems.push(format!("{at}: empty text"));
    }
    for lookalike in &label.lookalikes {
        if lookalike.trim().is_empty() || !text.contains(&lookalike.to_lowercase()) {
            problems.push(format!("{at}: look-alike {lookalike:?} is not in the text"));
        }
    }
    if label.comment.as_deref().is_some_and(|c| c.trim().is_empty()) {
        problems.push(format!("{at}: empty comment"));
    }
    problems
}

#[test]
fn every_corpus_file_on_disk_is_compiled_in_under_a_known_language() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ingredients/corpus/real");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("tests/ingredients/corpus/real exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let compiled: BTreeSet<String> = FILES.iter().map(|(language, _)| format!("{language}.toml")).collect();
    assert_eq!(on_disk, compiled, "files on disk and files compiled in differ");
    for (language, _) in FILES {
        assert!(LANGUAGES.contains(language), "{language}.toml is not a known language");
    }
}

#[test]
fn every_label_cites_its_source_and_names_only_known_kinds_and_classes() {
    let problems: Vec<String> = corpus()
        .iter()
        .flat_map(|(l, label)| label_problems(l, label))
        .collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn no_two_labels_share_a_text() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut repeats = Vec::new();
    for (language, label) in corpus() {
        let key = label.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let here = format!("{language}: {:?}", label.name);
        if let Some(first) = seen.insert(key, here.clone()) {
            repeats.push(format!("{here} repeats {first}"));
        }
    }
    assert!(repeats.is_empty(), "{}", repeats.join("\n"));
}

#[test]
fn corpus_holds_three_hundred_labels_with_positives_for_every_active_and_negatives() {
    let corpus = corpus();
    assert!(corpus.len() >= 300, "only {} labels", corpus.len());
    for active in ACTIVES {
        let positives = corpus
            .iter()
            .filter(|(_, l)| l.actives.iter().any(|a| a == active))
            .count();
        assert!(positives > 0, "no label contains {active}");
    }
    let negatives = corpus
        .iter()
        .filter(|(_, l)| l.actives.is_empty() && l.sources.is_empty())
        .count();
    assert!(
        negatives * 4 >= corpus.len(),
        "only {negatives} of {} labels are negatives",
        corpus.len()
    );
}

#[test]
fn every_language_file_holds_at_least_one_label() {
    let counts: BTreeMap<&str, usize> = corpus().iter().fold(BTreeMap::new(), |mut counts, (language, _)| {
        *counts.entry(*language).or_default() += 1;
        counts
    });
    for (language, _) in FILES {
        assert!(
            counts.get(language).is_some_and(|n| *n > 0),
            "{language}.toml holds no label"
        );
    }
}
