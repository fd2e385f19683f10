//! The loader is tested on a fixture labels file (`tests/fixtures/formats/labels.toml`), so each
//! refusal below is the effect of one edit and none depends on the shipped wording; the shipped
//! labels are held by the content contract (`tests/api/content_contract.rs`).

use super::{Labels, LabelsError};
use crate::protocol::fixture;

const FIXTURE: &str = include_str!("../../../tests/fixtures/formats/labels.toml");

/// The fixture with one edit, which must apply.
fn edited(from: &str, to: &str) -> String {
    assert!(FIXTURE.contains(from), "the fixture has no {from:?}");
    FIXTURE.replacen(from, to, 1)
}

#[test]
fn the_compiled_in_labels_are_valid() {
    assert!(Labels::load().is_ok());
    assert_eq!(Labels::embedded(), &Labels::load().expect("valid"));
}

#[test]
fn the_fixture_labels_are_valid() {
    assert!(Labels::from_toml(FIXTURE).is_ok());
}

#[test]
fn a_missing_label_is_refused_with_its_name_and_the_file() {
    let text = edited("daily_sunscreen = \"Prueba daily sunscreen\"\n", "");

    let error = Labels::from_toml(&text).expect_err("a label is missing");

    let message = error.to_string();
    assert!(message.starts_with("labels.toml: "), "{message}");
    assert!(message.contains("daily_sunscreen"), "{message}");
}

#[test]
fn an_unknown_label_is_refused() {
    let text = edited("[labels.es]\n", "[labels.es]\nsurprise = \"x\"\n");

    let error = Labels::from_toml(&text).expect_err("unknown label");

    assert!(error.to_string().contains("surprise"), "{error}");
}

#[test]
fn an_empty_label_is_refused() {
    let text = edited("tips = \"Prueba tips\"", "tips = \" \"");

    let error = Labels::from_toml(&text);

    assert_eq!(
        error,
        Err(LabelsError::EmptyLabel {
            language: "es".to_owned(),
            label: "tips".to_owned()
        })
    );
}

#[test]
fn an_empty_ingredient_class_name_is_refused() {
    let text = edited("fixture-scrub = \"Fixture scrub\"", "fixture-scrub = \"\"");

    assert_eq!(
        Labels::from_toml(&text),
        Err(LabelsError::EmptyLabel {
            language: "en".to_owned(),
            label: "ingredient_classes.fixture-scrub".to_owned()
        })
    );
}

#[test]
fn a_declared_language_without_labels_is_refused() {
    let text = edited("languages = [\"en\", \"es\"]", "languages = [\"en\", \"es\", \"fr\"]");

    assert_eq!(
        Labels::from_toml(&text),
        Err(LabelsError::MissingLanguage("fr".to_owned()))
    );
}

#[test]
fn labels_for_an_undeclared_language_are_refused() {
    let text = edited("languages = [\"en\", \"es\"]", "languages = [\"en\"]");

    assert_eq!(
        Labels::from_toml(&text),
        Err(LabelsError::UndeclaredLanguage("es".to_owned()))
    );
}

#[test]
fn a_language_naming_other_ingredient_classes_is_refused() {
    let text = edited("fixture-soother = \"Prueba soother\"\n", "");

    let error = Labels::from_toml(&text);

    assert!(matches!(error, Err(LabelsError::ClassesDiffer { ref language, .. }) if language == "es"));
}

#[test]
fn a_protocol_language_without_labels_is_reported() {
    let labels = Labels::from_toml(FIXTURE).expect("valid");

    assert_eq!(labels.ensure_languages(&["en".to_owned(), "es".to_owned()]), Ok(()));
    assert_eq!(
        labels.ensure_languages(&["en".to_owned(), "de".to_owned()]),
        Err(LabelsError::MissingLanguage("de".to_owned()))
    );
}

#[test]
fn a_class_without_a_name_is_shown_by_its_id() {
    let labels = Labels::from_toml(FIXTURE).expect("valid");
    let english = labels.for_locale(&fixture::protocol().default_locale());

    assert_eq!(english.class_name("azelaic-acid"), "azelaic acid");
    assert_eq!(english.class_name("fixture-acid"), "Fixture acid");
}
