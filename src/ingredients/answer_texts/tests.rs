use super::*;

const FILE: &str = "answer_texts.toml";

fn languages() -> Vec<String> {
    vec!["en".to_owned()]
}

fn file(avoid: &str) -> String {
    format!(
        r#"languages = ["en"]
[en]
summary.avoid = "{avoid}"
summary.caution = "Ask about {{names}}."
summary.none_found = "Nothing found in {{read}} ingredients."
summary.unreadable = "Unreadable."
caveat = "Mild products only."
"#
    )
}

#[test]
fn the_shipped_texts_are_valid_for_the_protocols_languages() {
    let protocol = crate::protocol::Protocol::load().expect("valid protocol");
    let texts = AnswerTexts::embedded(protocol.languages()).expect("valid answer texts");
    for language in protocol.languages() {
        assert!(!texts.caveat(language).is_empty(), "{language}");
    }
}

#[test]
fn summaries_are_filled_in_with_the_facts() {
    let texts = AnswerTexts::from_toml(FILE, &file("Avoid: {names}."), &languages()).expect("valid");
    let facts = SummaryFacts {
        names: "Salicylic Acid",
        read: 12,
    };
    assert_eq!(texts.summary("en", Verdict::Avoid, facts), "Avoid: Salicylic Acid.");
    assert_eq!(
        texts.summary("en", Verdict::NoneFound, facts),
        "Nothing found in 12 ingredients."
    );
    assert_eq!(texts.summary("en", Verdict::Unreadable, facts), "Unreadable.");
}

#[test]
fn a_summary_without_its_required_placeholder_is_refused_naming_the_key() {
    let error = AnswerTexts::from_toml(FILE, &file("Avoid this."), &languages()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "answer_texts.toml: [en] summary.avoid: must contain `{names}`"
    );
}

#[test]
fn an_unknown_placeholder_is_refused() {
    let error = AnswerTexts::from_toml(FILE, &file("Avoid {name}."), &languages()).unwrap_err();
    assert!(error.to_string().contains("`{name}` is not a placeholder"), "{error}");
}

#[test]
fn languages_other_than_the_protocols_are_refused() {
    let two = vec!["en".to_owned(), "es".to_owned()];
    let error = AnswerTexts::from_toml(FILE, &file("Avoid {names}."), &two).unwrap_err();
    assert!(matches!(error, AnswerTextsError::Languages { .. }), "{error}");
}

#[test]
fn a_missing_sentence_is_refused() {
    let text = file("Avoid {names}.").replace("caveat = \"Mild products only.\"\n", "");
    let error = AnswerTexts::from_toml(FILE, &text, &languages()).unwrap_err();
    assert!(error.to_string().contains("caveat"), "{error}");
}
