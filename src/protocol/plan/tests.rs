use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;

use crate::protocol::fixture;
use crate::protocol::{AftercarePlan, Overrides, PatientZone, TreatedAt};

fn plan_for(treated_at: &str, zone: Option<&str>, locale: &str, overrides: &[(&str, &str)]) -> AftercarePlan {
    let protocol = fixture::protocol();
    let treated_at = TreatedAt::parse(treated_at).expect("valid treated_at");
    let zone = PatientZone::parse(zone, &treated_at).expect("valid zone");
    let locale = protocol.negotiate(Some(locale), None).expect("supported locale");
    let requested: BTreeMap<String, String> = overrides.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let overrides = Overrides::parse(protocol, &requested).expect("valid overrides");
    protocol.plan(&treated_at, &zone, &locale, &overrides)
}

fn phase_starts(plan: &AftercarePlan) -> Vec<(String, String)> {
    plan.phases
        .iter()
        .map(|phase| (phase.starts_at.utc.to_rfc3339(), phase.starts_at.local.clone()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(utc, local)| (utc.to_string(), local.to_string()))
        .collect()
}

fn milestone_ids(plan: &AftercarePlan) -> Vec<&str> {
    plan.milestones.iter().map(|milestone| milestone.id.as_str()).collect()
}

// The fixture's phases start at PT0H, PT36H and P4D.

#[test]
fn phase_boundaries_are_elapsed_time_across_the_new_york_spring_change() {
    let plan = plan_for("2026-03-07T10:00:00-05:00", Some("America/New_York"), "en", &[]);

    assert_eq!(
        phase_starts(&plan),
        pairs(&[
            ("2026-03-07T15:00:00+00:00", "2026-03-07T10:00:00-05:00"),
            ("2026-03-09T03:00:00+00:00", "2026-03-08T23:00:00-04:00"),
            ("2026-03-11T15:00:00+00:00", "2026-03-11T11:00:00-04:00"),
        ])
    );
}

#[test]
fn phase_boundaries_are_elapsed_time_across_the_new_york_autumn_change() {
    let plan = plan_for("2026-10-31T10:00:00-04:00", Some("America/New_York"), "en", &[]);

    assert_eq!(
        phase_starts(&plan),
        pairs(&[
            ("2026-10-31T14:00:00+00:00", "2026-10-31T10:00:00-04:00"),
            ("2026-11-02T02:00:00+00:00", "2026-11-01T21:00:00-05:00"),
            ("2026-11-04T14:00:00+00:00", "2026-11-04T09:00:00-05:00"),
        ])
    );
}

#[test]
fn a_treatment_in_the_repeated_autumn_hour_keeps_its_own_offset() {
    let first = plan_for("2026-11-01T01:30:00-04:00", Some("America/New_York"), "en", &[]);
    let second = plan_for("2026-11-01T01:30:00-05:00", Some("America/New_York"), "en", &[]);

    assert_eq!(first.treated_at.local, "2026-11-01T01:30:00-04:00");
    assert_eq!(second.treated_at.local, "2026-11-01T01:30:00-05:00");
    assert_eq!(first.phases[1].starts_at.local, "2026-11-02T12:30:00-05:00");
    assert_eq!(second.phases[1].starts_at.local, "2026-11-02T13:30:00-05:00");
}

#[test]
fn phase_boundaries_are_elapsed_time_across_the_paris_spring_change() {
    let plan = plan_for("2026-03-28T20:00:00+01:00", Some("Europe/Paris"), "en", &[]);

    assert_eq!(
        phase_starts(&plan)[..2],
        pairs(&[
            ("2026-03-28T19:00:00+00:00", "2026-03-28T20:00:00+01:00"),
            ("2026-03-30T07:00:00+00:00", "2026-03-30T09:00:00+02:00"),
        ])
    );
}

#[test]
fn the_leap_day_2028_counts_as_a_whole_day() {
    let plan = plan_for("2028-02-28T12:00:00Z", None, "en", &[]);

    let starts: Vec<&str> = plan.phases.iter().map(|phase| phase.starts_at.local.as_str()).collect();

    assert_eq!(
        starts,
        [
            "2028-02-28T12:00:00+00:00",
            "2028-03-01T00:00:00+00:00",
            "2028-03-03T12:00:00+00:00"
        ]
    );
}

#[test]
fn the_plan_serializes_as_the_documented_json_shape() {
    let plan = plan_for("2026-05-04T09:00:00+02:00", None, "en", &[]);

    let json = serde_json::to_value(&plan).expect("the plan serializes");

    assert_eq!(
        json["protocol"],
        json!({"id": "fixture-protocol", "version": "0.0.1-fixture"})
    );
    assert_eq!(json["locale"], "en");
    assert_eq!(json["timezone"], "+02:00");
    assert_eq!(
        json["treated_at"],
        json!({"utc": "2026-05-04T07:00:00Z", "local": "2026-05-04T09:00:00+02:00"})
    );
    assert_eq!(json["plan_ends_at"]["utc"], "2026-05-08T07:00:00Z");
    assert_eq!(json["phases"][1]["starts_after"], "PT36H");
    assert_eq!(json["phases"][1]["ends_after"], "PT96H");
    assert_eq!(json["phases"][1]["name"], "Fixture phase B");
    assert_eq!(json["phases"][2]["ends_at"], serde_json::Value::Null);
    assert_eq!(json["rules"][1]["id"], "fixture-avoid-guidance");
    assert_eq!(json["rules"][1]["kind"], "avoid");
    assert_eq!(json["rules"][1]["basis"], "guidance");
    assert_eq!(json["rules"][1]["overridden"], false);
    assert_eq!(json["rules"][2]["basis"], "clinic-default");
    assert_eq!(json["rules"][2]["basis_note"], "Fixture clinic-default note (avoid).");
    assert_eq!(json["milestones"][0]["at"]["utc"], "2026-05-06T07:00:00Z");
    assert_eq!(json["provider_first"], "Fixture provider first.");
    assert_eq!(json["rules"][2]["patient_note"], "Fixture clinic may change.");
    assert_eq!(json["rules"][1]["patient_note"], serde_json::Value::Null);
    assert_eq!(json["routine"]["steps"][0]["rule_id"], "do-daily-sunscreen");
    assert_eq!(
        json["routine"]["steps"][0]["window"],
        json!({
            "continues": "always",
            "text": "Fixture always.",
            "ends_after": null,
            "ends_at": null,
            "at_least_for": null,
            "at_least_until": null,
            "after_treatment": null,
        })
    );
    assert_eq!(
        json["ingredients"]["avoid"][0],
        json!({
            "class": "fixture-acid",
            "rule_id": "fixture-avoid-default",
            "window": {
                "continues": "at-least",
                "text": "Fixture at least 72 hours, then provider.",
                "ends_after": null,
                "ends_at": null,
                "at_least_for": "PT72H",
                "at_least_until": {"utc": "2026-05-07T07:00:00Z", "local": "2026-05-07T09:00:00+02:00"},
                "after_treatment": "fixture 72 hours after",
            },
        })
    );
    assert_eq!(json["rules"][0]["window"]["continues"], "no");
    assert_eq!(json["rules"][0]["window"]["ends_after"], "PT36H");
    assert_eq!(json["rules"][0]["window"]["text"], "Fixture until 36 hours.");
    assert_eq!(
        json["ingredients"]["look_for"],
        json!([{"class": "fixture-soother", "rule_id": "fixture-tip"}])
    );
    assert_eq!(json["contact_provider"], json!(["Fixture warning text."]));
}

#[test]
fn the_plan_is_in_the_negotiated_language() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "es-MX", &[]);

    assert_eq!(plan.locale.as_str(), "es");
    assert_eq!(plan.phases[0].name, "Fase de prueba A");
    assert_eq!(plan.rules[0].text, "Texto de prueba: esperar.");
    assert_eq!(
        plan.milestones[0].text,
        "Terminan las pruebas de esperar y evitar (guía)."
    );
    assert_eq!(plan.routine.steps[2].text, "Paso de prueba: consejo.");
    assert_eq!(plan.provider_first, "Prueba: especialista primero.");
    // The guidance minimum is 24 h; the plan holds the rule's default of 48 h, as a minimum.
    assert_eq!(
        plan.rules[1].window.text,
        "Prueba al menos 48 horas, después especialista."
    );
    assert_eq!(plan.contact_provider, ["Texto de prueba: aviso."]);
}

#[test]
fn milestones_are_in_time_order_whatever_the_data_file_order() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "en", &[]);

    let at: Vec<String> = plan.milestones.iter().map(|m| m.at.utc.to_rfc3339()).collect();

    assert_eq!(
        milestone_ids(&plan),
        ["fixture-two-rules-end", "fixture-default-ends", "fixture-moment"]
    );
    assert_eq!(
        at,
        [
            "2026-05-06T09:00:00+00:00",
            "2026-05-07T09:00:00+00:00",
            "2026-05-07T21:00:00+00:00"
        ]
    );
}

#[test]
fn a_window_that_starts_after_treatment_is_placed_at_its_own_start() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "en", &[]);

    let later = plan
        .rules
        .iter()
        .find(|rule| rule.id == "fixture-do-later")
        .expect("rule in plan");

    assert_eq!(later.starts_at.utc.to_rfc3339(), "2026-05-04T21:00:00+00:00");
    assert_eq!(later.window.ends_at.as_ref(), Some(&plan.plan_ends_at));
    assert_eq!(plan.routine.steps[1].window, later.window);
}

#[test]
fn lengthening_a_rule_moves_its_milestone_its_ingredients_and_the_plan_end() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "en", &[("fixture-avoid-default", "P10D")]);

    let avoid = plan
        .rules
        .iter()
        .find(|rule| rule.id == "fixture-avoid-default")
        .expect("rule in plan");
    let last = plan.milestones.last().expect("milestones exist");

    let minimum = avoid.window.at_least_until.clone().expect("an at-least rule");
    assert!(avoid.overridden);
    assert_eq!(
        avoid.window.at_least_for.map(|d| d.to_string()).as_deref(),
        Some("PT240H")
    );
    assert_eq!(avoid.window.ends_at, None, "a minimum is never an end");
    assert_eq!(avoid.window.text, "Fixture at least 10 days, then provider.");
    assert_eq!(minimum.utc.to_rfc3339(), "2026-05-14T09:00:00+00:00");
    assert_eq!(plan.plan_ends_at, minimum);
    assert_eq!((last.id.as_str(), &last.at), ("fixture-default-ends", &minimum));
    assert_eq!(plan.ingredients.avoid[0].window, avoid.window);
    assert!(
        plan.rules
            .iter()
            .filter(|rule| rule.id != avoid.id)
            .all(|rule| !rule.overridden)
    );
}

#[test]
fn a_milestone_ending_two_rules_waits_for_the_later_one() {
    let lengthened = plan_for("2026-05-04T09:00:00Z", None, "en", &[("fixture-expect", "PT60H")]);
    let shortened = plan_for(
        "2026-05-04T09:00:00Z",
        None,
        "en",
        &[("fixture-avoid-guidance", "PT30H")],
    );

    let two_rules_end = |plan: &AftercarePlan| {
        let milestone = plan.milestones.iter().find(|m| m.id == "fixture-two-rules-end");
        milestone.expect("exists").at.utc.to_rfc3339()
    };

    assert_eq!(two_rules_end(&lengthened), "2026-05-06T21:00:00+00:00");
    let minimum = |plan: &AftercarePlan| {
        let window = &plan.ingredients.avoid[1].window;
        window
            .at_least_until
            .as_ref()
            .expect("an at-least rule")
            .utc
            .to_rfc3339()
    };
    assert_eq!(minimum(&lengthened), "2026-05-06T09:00:00+00:00");
    assert_eq!(
        two_rules_end(&shortened),
        "2026-05-05T21:00:00+00:00",
        "the other rule ends at 36 h"
    );
    assert_eq!(minimum(&shortened), "2026-05-05T15:00:00+00:00");
    assert_eq!(shortened.plan_ends_at.utc.to_rfc3339(), "2026-05-08T09:00:00+00:00");
}

#[test]
fn the_response_types_document_themselves_in_the_openapi_schema() {
    use utoipa::OpenApi;
    #[derive(OpenApi)]
    #[openapi(components(schemas(
        crate::protocol::AftercarePlan,
        crate::protocol::PhaseLookup,
        crate::protocol::PhaseDescription
    )))]
    struct Doc;

    let spec = serde_json::to_value(Doc::openapi()).expect("the spec serializes");
    let schemas = &spec["components"]["schemas"];

    assert_eq!(schemas["IsoDuration"]["type"], "string");
    assert_eq!(schemas["TimePoint"]["properties"]["utc"]["format"], "date-time");
    assert_eq!(
        schemas["RuleKind"]["enum"],
        json!(["expect", "do", "avoid", "tip", "warning"])
    );
    assert_eq!(schemas["Basis"]["enum"], json!(["guidance", "clinic-default"]));
    assert!(schemas["AftercarePlan"]["properties"]["plan_ends_at"].is_object());
}

const ZONES: [&str; 5] = [
    "America/New_York",
    "Europe/Paris",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
];

proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn phases_in_a_plan_are_contiguous_and_only_the_last_is_open(
        seconds in 946_684_800i64..=4_102_444_799, zone in 0usize..5, avoid_hours in 72u32..=4368,
    ) {
        let treated_at = chrono::DateTime::from_timestamp(seconds, 0).expect("in range").to_rfc3339();
        let avoid = format!("PT{avoid_hours}H");
        let plan = plan_for(&treated_at, Some(ZONES[zone]), "en", &[("fixture-avoid-default", &avoid)]);

        prop_assert_eq!(&plan.phases[0].starts_at, &plan.treated_at);
        for pair in plan.phases.windows(2) {
            prop_assert_eq!(pair[0].ends_at.as_ref(), Some(&pair[1].starts_at));
            prop_assert!(pair[0].starts_at.utc < pair[1].starts_at.utc);
        }
        prop_assert!(plan.phases.last().is_some_and(|phase| phase.ends_at.is_none()));
        for rule in &plan.rules {
            prop_assert!(plan.treated_at.utc <= rule.starts_at.utc);
            let window = &rule.window;
            // Exactly one of an end and a minimum, except for a rule that always applies.
            let end = window.ends_at.as_ref().or(window.at_least_until.as_ref());
            prop_assert_eq!(end.is_none(), window.continues == crate::protocol::Continues::Always);
            prop_assert!(window.ends_at.is_none() || window.at_least_until.is_none());
            if let Some(end) = end {
                prop_assert!(rule.starts_at.utc < end.utc);
                prop_assert!(end.utc <= plan.plan_ends_at.utc);
            }
        }
        for milestone in &plan.milestones {
            prop_assert!(milestone.at.utc <= plan.plan_ends_at.utc);
        }
    }
}
