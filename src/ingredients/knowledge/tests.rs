use super::names::is_valid_cas;
use super::*;

const FILE: &str = "test.toml";

fn entry(id: &str, extra: &str) -> String {
    format!(
        r#"
[[ingredient]]
id = "{id}"
inci = "{id} name"
kind = "active"
class = "salicylic-acid"
severity = "avoid"
rule = "avoid-active-ingredients"
reason.en = "English"
reason.es = "Español"
{extra}
"#
    )
}

fn parse(body: &str) -> Result<KnowledgeBase, KnowledgeError> {
    KnowledgeBase::from_toml(FILE, &format!("languages = [\"en\", \"es\"]\n{body}"))
}

#[test]
fn the_embedded_knowledge_base_is_valid_and_bilingual() {
    let knowledge = KnowledgeBase::embedded().expect("embedded file validates");
    assert_eq!(knowledge.languages(), ["en", "es"]);
    assert!(knowledge.entry("salicylic-acid").is_some());
    assert!(knowledge.patterns().len() > 100);
}

#[test]
fn a_minimal_file_validates() {
    let knowledge = parse(&entry("acid-one", r#"synonyms = ["first acid"]"#)).expect("valid");
    assert_eq!(knowledge.entries()[0].active.as_deref(), Some("acid-one"));
    assert_eq!(
        knowledge.referenced_rules().into_iter().collect::<Vec<_>>(),
        ["avoid-active-ingredients"]
    );
}

#[test]
fn duplicate_ids_are_rejected_naming_file_and_entry() {
    let error = parse(&(entry("acid-one", "") + &entry("acid-one", r#"synonyms = ["other"]"#))).unwrap_err();
    assert_eq!(
        error,
        KnowledgeError::DuplicateId {
            file: FILE.into(),
            id: "acid-one".into()
        }
    );
    assert!(error.to_string().contains("test.toml") && error.to_string().contains("acid-one"));
}

#[test]
fn conflicting_and_duplicate_synonyms_are_rejected() {
    let conflict = parse(
        &(entry("acid-one", r#"synonyms = ["Shared Name"]"#) + &entry("acid-two", r#"synonyms = ["shared-name"]"#)),
    );
    assert!(
        matches!(conflict, Err(KnowledgeError::ConflictingSynonym { ref first, ref second, .. }) if first == "acid-one" && second == "acid-two")
    );
    let duplicate = parse(&entry("acid-one", r#"synonyms = ["twice", "TWICE"]"#));
    assert!(matches!(duplicate, Err(KnowledgeError::DuplicateSynonym { ref entry, .. }) if entry == "acid-one"));
}

#[test]
fn a_missing_reason_language_is_rejected() {
    let body = entry("acid-one", "").replace("reason.es = \"Español\"\n", "");
    let error = parse(&body).unwrap_err();
    assert_eq!(
        error,
        KnowledgeError::MissingReason {
            file: FILE.into(),
            entry: "acid-one".into(),
            language: "es".into()
        }
    );
}

#[test]
fn unknown_classes_kinds_and_severities_are_rejected() {
    let class = parse(&entry("acid-one", "").replace("class = \"salicylic-acid\"", "class = \"mystery\""));
    assert!(matches!(class, Err(KnowledgeError::Unknown { field: "class", .. })));
    let kind = parse(&entry("acid-one", "").replace("kind = \"active\"", "kind = \"potion\""));
    assert!(matches!(kind, Err(KnowledgeError::Unknown { field: "kind", .. })));
    let severity = parse(&entry("acid-one", "").replace("severity = \"avoid\"", "severity = \"scary\""));
    assert!(matches!(
        severity,
        Err(KnowledgeError::Unknown { field: "severity", .. })
    ));
}

#[test]
fn restricted_entries_must_name_a_rule_and_classes_share_one() {
    let no_rule = parse(&entry("acid-one", "").replace("rule = \"avoid-active-ingredients\"\n", ""));
    assert!(matches!(no_rule, Err(KnowledgeError::Inconsistent { .. })));
    let two_rules = entry("acid-one", "")
        + &entry("acid-two", "").replace("avoid-active-ingredients", "avoid-exfoliating-products");
    assert!(matches!(parse(&two_rules), Err(KnowledgeError::Inconsistent { ref entry, .. }) if entry == "acid-two"));
}

#[test]
fn cas_numbers_must_pass_their_check_digit() {
    assert!(is_valid_cas("69-72-7"));
    assert!(is_valid_cas("7732-18-5"));
    assert!(!is_valid_cas("69-72-8"));
    assert!(!is_valid_cas("69727"));
    let error = parse(&entry("acid-one", r#"cas = ["69-72-8"]"#)).unwrap_err();
    assert!(matches!(error, KnowledgeError::BadCas { .. }));
}

#[test]
fn references_must_point_at_known_entries() {
    let body = entry("acid-one", "").replace("kind = \"active\"", "kind = \"derivative\"") + "active = \"nowhere\"\n";
    assert!(matches!(parse(&body), Err(KnowledgeError::UnknownReference { ref target, .. }) if target == "nowhere"));
}

#[test]
fn malformed_toml_names_the_file() {
    let error = KnowledgeBase::from_toml(FILE, "languages = [").unwrap_err();
    assert!(matches!(error, KnowledgeError::Parse { ref file, .. } if file == FILE));
}
