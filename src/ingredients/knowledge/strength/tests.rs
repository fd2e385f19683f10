//! Thresholds, percent texts and placeholders of `at_strength`; the whole table is validated in
//! `knowledge/tests.rs` against the fixture protocol.

use super::*;

const BOTH: Thresholds = Thresholds {
    at_least: Some(500),
    within_first: Some(5),
};

#[test]
fn a_percentage_above_zero_and_at_most_a_hundred_is_kept_in_hundredths() {
    assert_eq!(hundredths(5.0), Some(500));
    assert_eq!(hundredths(0.5), Some(50));
    assert_eq!(hundredths(100.0), Some(10_000));
    assert_eq!(hundredths(0.0), None);
    assert_eq!(hundredths(-1.0), None);
    assert_eq!(hundredths(100.5), None);
    assert_eq!(hundredths(f64::NAN), None);
}

#[test]
fn a_percent_is_written_without_trailing_zeros() {
    let cases = [
        (500, "5"),
        (50, "0.5"),
        (1250, "12.5"),
        (1205, "12.05"),
        (10_000, "100"),
    ];
    for (value, text) in cases {
        assert_eq!(percent_text(value), text, "{value}");
    }
}

#[test]
fn placeholders_are_replaced_by_the_entrys_thresholds() {
    let filled = fill("From {percent}% or among the first {first}.", BOTH);
    assert_eq!(filled.as_deref(), Ok("From 5% or among the first 5."));
    assert_eq!(fill("No number here.", BOTH).as_deref(), Ok("No number here."));
}

#[test]
fn a_placeholder_without_its_threshold_or_an_unknown_one_is_refused() {
    let none = Thresholds {
        at_least: None,
        within_first: None,
    };
    let missing = fill("From {percent}%.", none).unwrap_err();
    assert!(missing.contains("{percent}"), "{missing}");
    let unknown = fill("At {strength}.", BOTH).unwrap_err();
    assert!(unknown.contains("{strength}"), "{unknown}");
}

#[test]
fn only_restricted_severities_are_severities_at_strength() {
    assert_eq!(severity("avoid"), Some(Severity::Avoid));
    assert_eq!(severity("caution"), Some(Severity::Caution));
    assert_eq!(severity("none"), None);
    assert_eq!(severity("beneficial"), None);
}

mod loading {
    //! `[ingredient.at_strength]` loaded against the fixture protocol.

    use crate::ingredients::knowledge::{KnowledgeBase, KnowledgeError, Role, Severity};
    use crate::protocol::fixture;

    const FILE: &str = "test.toml";

    /// A not-restricted entry with `table` as its `at_strength` (and `top` above the entries).
    fn parse(top: &str, table: &str) -> Result<KnowledgeBase, KnowledgeError> {
        let text = format!(
            r#"languages = ["en", "es"]
{top}
[[ingredient]]
id = "adjuster"
inci = "Adjuster"
kind = "not-restricted"
class = "not-restricted"
severity = "none"
reason.en = "Flagged from {{percent}}%."
reason.es = "Desde {{percent}} %."

[ingredient.at_strength]
{table}
"#
        );
        KnowledgeBase::from_toml(FILE, &text, fixture::protocol())
    }

    const CAUTION: &str = r#"class = "fixture-scrub"
severity = "caution"
reason.en = "At {percent}% or among the first {first}."
reason.es = "Desde {percent} % o entre los {first} primeros."
"#;

    fn problem(error: &KnowledgeError) -> String {
        match error {
            KnowledgeError::Inconsistent { entry, problem, .. } if entry == "adjuster" => problem.clone(),
            other => panic!("not an at_strength problem of `adjuster`: {other}"),
        }
    }

    #[test]
    fn a_table_takes_its_class_rule_and_filled_reasons() {
        let table = format!("at_least_percent = 5\nhigh_on_list = true\n{CAUTION}");

        let knowledge = parse("high_on_list = 4", &table).expect("valid");

        let entry = &knowledge.entries()[0];
        let strength = entry.at_strength.as_ref().expect("read");
        assert_eq!((strength.at_least, strength.within_first), (Some(500), Some(4)));
        assert_eq!(strength.role, Role::Restricted(Severity::Caution));
        assert_eq!(strength.rule.as_deref(), Some("fixture-avoid-guidance"));
        assert_eq!(strength.reason["en"], "At 5% or among the first 4.");
        assert_eq!(entry.reason["es"], "Desde 5 %.");
        assert_eq!(knowledge.high_on_list(), Some(4));
        assert!(knowledge.referenced_rules().contains("fixture-avoid-guidance"));
    }

    #[test]
    fn high_on_list_needs_the_files_number_and_a_threshold_is_required() {
        let table = format!("high_on_list = true\n{CAUTION}")
            .replace(" {percent}%", "")
            .replace(" {percent} %", "");
        let no_number = parse("", &table).unwrap_err();
        assert!(problem(&no_number).contains("high_on_list"), "{no_number}");

        let neither = parse("", CAUTION).unwrap_err();
        assert!(problem(&neither).contains("at_least_percent"), "{neither}");

        let zero = parse("high_on_list = 0", &format!("at_least_percent = 5\n{CAUTION}")).unwrap_err();
        assert!(matches!(zero, KnowledgeError::HighOnList { .. }), "{zero}");
    }

    #[test]
    fn a_threshold_out_of_range_or_a_missing_placeholder_value_is_refused() {
        let over = parse("", &format!("at_least_percent = 150\n{CAUTION}")).unwrap_err();
        assert!(problem(&over).contains("150"), "{over}");

        // `{first}` without high_on_list = true.
        let first = parse("", &format!("at_least_percent = 5\n{CAUTION}")).unwrap_err();
        assert!(problem(&first).contains("{first}"), "{first}");
    }

    #[test]
    fn the_class_must_be_restricted_its_severity_known_and_every_language_given() {
        let table = |class: &str, severity: &str| {
            format!("at_least_percent = 5\nhigh_on_list = true\n{CAUTION}")
                .replace("fixture-scrub", class)
                .replace("\"caution\"", severity)
        };
        let beneficial = parse("high_on_list = 3", &table("fixture-soother", "\"caution\"")).unwrap_err();
        assert!(matches!(beneficial, KnowledgeError::UndeclaredClass { ref class, .. } if class == "fixture-soother"));

        let unknown = parse("high_on_list = 3", &table("fixture-scrub", "\"none\"")).unwrap_err();
        assert!(
            matches!(
                unknown,
                KnowledgeError::Unknown {
                    field: "at_strength severity",
                    ..
                }
            ),
            "{unknown}"
        );

        let spanish = table("fixture-scrub", "\"caution\"")
            .replace("reason.es = \"Desde {percent} % o entre los {first} primeros.\"\n", "");
        let missing = parse("high_on_list = 3", &spanish).unwrap_err();
        assert!(problem(&missing).contains("missing `es` reason"), "{missing}");
    }
}
