//! The loader is tested against the fixture protocol (`tests/fixtures/protocol/`), whose classes
//! are `fixture-acid` (rule `fixture-avoid-default`), `fixture-scrub` (`fixture-avoid-guidance`) and
//! `fixture-soother` (`fixture-tip`), so no case depends on the shipped classes and rules; only the
//! shipped file's own cases read the shipped content.

use super::names::is_valid_cas;
use super::*;
use crate::protocol::fixture;

const FILE: &str = "test.toml";

fn entry(id: &str, extra: &str) -> String {
    format!(
        r#"
[[ingredient]]
id = "{id}"
inci = "{id} name"
kind = "active"
class = "fixture-acid"
severity = "avoid"
reason.en = "English"
reason.es = "Español"
{extra}
"#
    )
}

fn parse(body: &str) -> Result<KnowledgeBase, KnowledgeError> {
    parse_file(&format!("languages = [\"en\", \"es\"]\n{body}"))
}

fn parse_file(text: &str) -> Result<KnowledgeBase, KnowledgeError> {
    KnowledgeBase::from_toml(FILE, text, fixture::protocol())
}

#[test]
fn the_embedded_knowledge_base_is_valid_in_the_protocols_languages() {
    // Which ingredients it holds is the content contract's to check (tests/api/content_contract.rs).
    let knowledge = KnowledgeBase::embedded().expect("embedded file validates");
    let protocol = Protocol::load().expect("the compiled-in protocol is valid");
    assert_eq!(knowledge.languages(), protocol.languages());
}

#[test]
fn a_minimal_file_validates() {
    let knowledge = parse(&entry("acid-one", r#"synonyms = ["first acid"]"#)).expect("valid");
    assert_eq!(knowledge.entries()[0].active.as_deref(), Some("acid-one"));
    assert_eq!(
        knowledge.referenced_rules().into_iter().collect::<Vec<_>>(),
        ["fixture-avoid-default"]
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
fn unknown_kinds_and_severities_are_rejected() {
    let kind = parse(&entry("acid-one", "").replace("kind = \"active\"", "kind = \"potion\""));
    assert!(matches!(kind, Err(KnowledgeError::Unknown { field: "kind", .. })));
    let severity = parse(&entry("acid-one", "").replace("severity = \"avoid\"", "severity = \"scary\""));
    assert!(matches!(
        severity,
        Err(KnowledgeError::Unknown { field: "severity", .. })
    ));
}

#[test]
fn a_class_the_protocol_does_not_declare_is_refused_naming_file_and_entry() {
    let error = parse(&entry("acid-one", "").replace("class = \"fixture-acid\"", "class = \"retinoid\"")).unwrap_err();
    assert_eq!(
        error,
        KnowledgeError::UndeclaredClass {
            file: FILE.into(),
            entry: "acid-one".into(),
            class: "retinoid".into()
        }
    );
    let message = error.to_string();
    assert!(message.contains(FILE) && message.contains("acid-one") && message.contains("retinoid"));
}

#[test]
fn an_entry_takes_the_rule_its_class_falls_under_in_the_protocol() {
    let body = entry("acid-one", "")
        + &entry("scrub-one", "")
            .replace("class = \"fixture-acid\"", "class = \"fixture-scrub\"")
            .replace("kind = \"active\"", "kind = \"exfoliant\"");
    let knowledge = parse(&body).expect("valid");
    let rule_of = |id: &str| knowledge.entry(id).and_then(|entry| entry.rule.clone());
    assert_eq!(rule_of("acid-one").as_deref(), Some("fixture-avoid-default"));
    assert_eq!(rule_of("scrub-one").as_deref(), Some("fixture-avoid-guidance"));
}

#[test]
fn a_restricted_class_added_to_the_protocol_is_accepted_without_code() {
    let mut sources = fixture::sources();
    sources
        .ingredient_guidance
        .text
        .push_str("\n[[avoid]]\nclass = \"retinoid\"\nrule = \"fixture-avoid-guidance\"\n");
    let protocol = Protocol::from_sources(&sources).expect("the extended protocol is valid");
    let text = format!(
        "languages = [\"en\", \"es\"]\n{}",
        entry("retinol", "").replace("class = \"fixture-acid\"", "class = \"retinoid\"")
    );
    let knowledge = KnowledgeBase::from_toml(FILE, &text, &protocol).expect("valid");
    assert_eq!(knowledge.entries()[0].rule.as_deref(), Some("fixture-avoid-guidance"));
}

#[test]
fn severity_must_fit_the_class() {
    let beneficial_restricted = entry("aloe-one", "")
        .replace("class = \"fixture-acid\"", "class = \"fixture-soother\"")
        .replace("kind = \"active\"", "kind = \"beneficial\"");
    assert!(
        matches!(parse(&beneficial_restricted), Err(KnowledgeError::Inconsistent { ref entry, .. }) if entry == "aloe-one")
    );
    let restricted_none = entry("acid-one", "").replace("severity = \"avoid\"", "severity = \"none\"");
    assert!(
        matches!(parse(&restricted_none), Err(KnowledgeError::Inconsistent { ref entry, .. }) if entry == "acid-one")
    );
}

#[test]
fn languages_must_be_the_protocols() {
    let error = parse_file(&format!(
        "languages = [\"en\"]\n{}",
        entry("acid-one", "").replace("reason.es = \"Español\"\n", "")
    ))
    .unwrap_err();
    assert!(matches!(error, KnowledgeError::LanguagesDiffer { .. }), "{error}");
    assert!(error.to_string().contains(FILE));
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
fn name_sources_are_kept_and_an_empty_citation_is_refused() {
    let cited = parse(&entry("acid-one", r#"name_sources = ["CosIng 37595", "Ph. Eur."]"#)).expect("valid");
    assert_eq!(cited.entries()[0].name_sources, ["CosIng 37595", "Ph. Eur."]);
    let uncited = parse(&entry("acid-one", "")).expect("name_sources is optional");
    assert!(uncited.entries()[0].name_sources.is_empty());
    let empty = parse(&entry("acid-one", r#"name_sources = [" "]"#)).unwrap_err();
    assert!(matches!(empty, KnowledgeError::Inconsistent { ref entry, .. } if entry == "acid-one"));
}

#[test]
fn malformed_toml_names_the_file() {
    let error = parse_file("languages = [").unwrap_err();
    assert!(matches!(error, KnowledgeError::Parse { ref file, .. } if file == FILE));
}

/// The shipped knowledge file without its Spanish reasons: once the service answered such a file
/// with 500 for `locale=es`; now it is refused when loaded, naming the file, entry and language.
#[test]
fn the_shipped_file_without_spanish_reasons_is_refused_at_load() {
    let shipped = include_str!("../../content/ingredients/knowledge.toml");
    let without_spanish: String = shipped
        .lines()
        .filter(|line| !line.starts_with("reason.es"))
        .map(|line| format!("{line}\n"))
        .collect();
    let first = KnowledgeBase::embedded().expect("valid").entries()[0].id.clone();

    let shipped_protocol = Protocol::load().expect("the compiled-in protocol is valid");
    let parse_shipped = |text: &str| KnowledgeBase::from_toml(FILE, text, &shipped_protocol);

    let error = parse_shipped(&without_spanish).unwrap_err();
    assert_eq!(
        error,
        KnowledgeError::MissingReason {
            file: FILE.into(),
            entry: first.clone(),
            language: "es".into()
        }
    );
    assert_eq!(
        error.to_string(),
        format!("{FILE}: entry `{first}`: missing `es` reason")
    );

    let also_undeclared = without_spanish.replacen("languages = [\"en\", \"es\"]", "languages = [\"en\"]", 1);
    let error = parse_shipped(&also_undeclared).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{FILE}: declares languages [en], the protocol [en, es]")
    );
}
