use super::{Labels, LabelsError};
use crate::protocol::Protocol;

const FILE_TEXT: &str = include_str!("../../content/formats/labels.toml");

#[test]
fn the_compiled_in_labels_are_valid() {
    assert!(Labels::load().is_ok());
    assert_eq!(Labels::embedded(), &Labels::load().expect("valid"));
}

#[test]
fn every_protocol_language_has_every_label() {
    let protocol = Protocol::load().expect("the compiled-in content is valid");

    let result = Labels::embedded().ensure_languages(protocol.languages());

    assert_eq!(result, Ok(()));
}

#[test]
fn every_ingredient_class_of_the_protocol_has_a_name_in_every_language() {
    let protocol = Protocol::load().expect("the compiled-in content is valid");
    let classes = protocol
        .restricted_classes()
        .iter()
        .chain(protocol.beneficial_classes());

    for class in classes {
        for language in protocol.languages() {
            let locale = protocol.negotiate(Some(language), None).expect("declared language");
            let names = &Labels::embedded().for_locale(&locale).ingredient_classes;
            assert!(names.contains_key(class.class()), "{language} lacks {}", class.class());
        }
    }
}

#[test]
fn a_missing_label_is_refused_with_its_name_and_the_file() {
    let text = FILE_TEXT.replacen("daily_sunscreen = \"Protector solar diario\"\n", "", 1);

    let error = Labels::from_toml(&text).expect_err("a label is missing");

    let message = error.to_string();
    assert!(message.starts_with("labels.toml: "), "{message}");
    assert!(message.contains("daily_sunscreen"), "{message}");
}

#[test]
fn an_unknown_label_is_refused() {
    let text = FILE_TEXT.replacen("[labels.es]\n", "[labels.es]\nsurprise = \"x\"\n", 1);

    let error = Labels::from_toml(&text).expect_err("unknown label");

    assert!(error.to_string().contains("surprise"), "{error}");
}

#[test]
fn an_empty_label_is_refused() {
    let text = FILE_TEXT.replacen("tips = \"Consejos\"", "tips = \" \"", 1);

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
fn a_declared_language_without_labels_is_refused() {
    let text = FILE_TEXT.replacen(
        "languages = [\"en\", \"es\"]",
        "languages = [\"en\", \"es\", \"fr\"]",
        1,
    );

    assert_eq!(
        Labels::from_toml(&text),
        Err(LabelsError::MissingLanguage("fr".to_owned()))
    );
}

#[test]
fn labels_for_an_undeclared_language_are_refused() {
    let text = FILE_TEXT.replacen("languages = [\"en\", \"es\"]", "languages = [\"en\"]", 1);

    assert_eq!(
        Labels::from_toml(&text),
        Err(LabelsError::UndeclaredLanguage("es".to_owned()))
    );
}

#[test]
fn a_language_naming_other_ingredient_classes_is_refused() {
    let text = FILE_TEXT.replacen("niacinamide = \"Niacinamida\"\n", "", 1);

    let error = Labels::from_toml(&text);

    assert!(matches!(error, Err(LabelsError::ClassesDiffer { ref language, .. }) if language == "es"));
}

#[test]
fn a_protocol_language_without_labels_is_reported() {
    let languages = ["en".to_owned(), "de".to_owned()];

    let result = Labels::embedded().ensure_languages(&languages);

    assert_eq!(result, Err(LabelsError::MissingLanguage("de".to_owned())));
}

#[test]
fn a_class_without_a_name_is_shown_by_its_id() {
    let protocol = Protocol::load().expect("the compiled-in content is valid");
    let labels = Labels::embedded().for_locale(&protocol.default_locale());

    assert_eq!(labels.class_name("azelaic-acid"), "azelaic acid");
    assert_eq!(labels.class_name("aloe-vera"), "Aloe vera");
}
