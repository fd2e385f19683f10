use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::protocol::{AftercarePlan, Overrides, PatientZone, Protocol, TreatedAt};

fn protocol() -> Protocol {
    Protocol::load().expect("the compiled-in content is valid")
}

fn plan_for(treated_at: &str, zone: Option<&str>, locale: &str, overrides: &[(&str, &str)]) -> AftercarePlan {
    let protocol = protocol();
    let treated_at = TreatedAt::parse(treated_at).expect("valid treated_at");
    let zone = PatientZone::parse(zone, &treated_at).expect("valid zone");
    let locale = protocol.negotiate(Some(locale), None).expect("supported locale");
    let requested: BTreeMap<String, String> = overrides.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let overrides = Overrides::parse(&protocol, &requested).expect("valid overrides");
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

#[test]
fn phase_boundaries_are_elapsed_time_across_the_new_york_spring_change() {
    let plan = plan_for("2026-03-07T10:00:00-05:00", Some("America/New_York"), "en", &[]);

    assert_eq!(
        phase_starts(&plan)[..3],
        pairs(&[
            ("2026-03-07T15:00:00+00:00", "2026-03-07T10:00:00-05:00"),
            ("2026-03-08T15:00:00+00:00", "2026-03-08T11:00:00-04:00"),
            ("2026-03-10T15:00:00+00:00", "2026-03-10T11:00:00-04:00"),
        ])
    );
}

#[test]
fn phase_boundaries_are_elapsed_time_across_the_new_york_autumn_change() {
    let plan = plan_for("2026-10-31T10:00:00-04:00", Some("America/New_York"), "en", &[]);

    assert_eq!(
        phase_starts(&plan)[..3],
        pairs(&[
            ("2026-10-31T14:00:00+00:00", "2026-10-31T10:00:00-04:00"),
            ("2026-11-01T14:00:00+00:00", "2026-11-01T09:00:00-05:00"),
            ("2026-11-03T14:00:00+00:00", "2026-11-03T09:00:00-05:00"),
        ])
    );
}

#[test]
fn a_treatment_in_the_repeated_autumn_hour_keeps_its_own_offset() {
    let first = plan_for("2026-11-01T01:30:00-04:00", Some("America/New_York"), "en", &[]);
    let second = plan_for("2026-11-01T01:30:00-05:00", Some("America/New_York"), "en", &[]);

    assert_eq!(first.treated_at.local, "2026-11-01T01:30:00-04:00");
    assert_eq!(second.treated_at.local, "2026-11-01T01:30:00-05:00");
    assert_eq!(first.phases[1].starts_at.local, "2026-11-02T00:30:00-05:00");
}

#[test]
fn phase_boundaries_are_elapsed_time_across_the_paris_spring_change() {
    let plan = plan_for("2026-03-28T20:00:00+01:00", Some("Europe/Paris"), "en", &[]);

    assert_eq!(
        phase_starts(&plan)[..2],
        pairs(&[
            ("2026-03-28T19:00:00+00:00", "2026-03-28T20:00:00+01:00"),
            ("2026-03-29T19:00:00+00:00", "2026-03-29T21:00:00+02:00"),
        ])
    );
}

#[test]
fn the_leap_day_2028_counts_as_a_whole_day() {
    let plan = plan_for("2028-02-28T12:00:00Z", None, "en", &[]);

    let starts: Vec<String> = plan.phases.iter().map(|phase| phase.starts_at.local.clone()).collect();

    assert_eq!(
        starts,
        [
            "2028-02-28T12:00:00+00:00",
            "2028-02-29T12:00:00+00:00",
            "2028-03-02T12:00:00+00:00",
            "2028-03-06T12:00:00+00:00",
            "2028-04-10T12:00:00+00:00",
            "2028-04-24T12:00:00+00:00",
        ]
    );
}

#[test]
fn the_plan_serializes_as_the_documented_json_shape() {
    let plan = plan_for("2026-05-04T09:00:00+02:00", None, "en", &[]);

    let json = serde_json::to_value(&plan).expect("the plan serializes");

    assert_eq!(
        json["protocol"],
        serde_json::json!({"id": "microneedling-aftercare", "version": "1.0.0"})
    );
    assert_eq!(json["locale"], "en");
    assert_eq!(json["timezone"], "+02:00");
    assert_eq!(
        json["treated_at"],
        serde_json::json!({"utc": "2026-05-04T07:00:00Z", "local": "2026-05-04T09:00:00+02:00"})
    );
    assert_eq!(json["plan_ends_at"]["utc"], "2026-06-29T07:00:00Z");
    assert_eq!(json["phases"][2]["starts_after"], "PT72H");
    assert_eq!(json["phases"][2]["ends_after"], "PT168H");
    assert_eq!(json["phases"][5]["ends_at"], serde_json::Value::Null);
    assert_eq!(json["rules"][5]["id"], "avoid-direct-sun");
    assert_eq!(json["rules"][5]["kind"], "avoid");
    assert_eq!(json["rules"][5]["basis"], "guidance");
    assert_eq!(json["rules"][5]["overridden"], false);
    assert_eq!(json["rules"][6]["basis"], "clinic-default");
    assert_eq!(json["milestones"][0]["at"]["utc"], "2026-05-05T07:00:00Z");
    assert_eq!(json["routine"]["morning"][2]["rule_id"], "do-daily-sunscreen");
    assert_eq!(
        json["ingredients"]["avoid"][0],
        serde_json::json!({
            "class": "salicylic-acid",
            "rule_id": "avoid-active-ingredients",
            "until": {"utc": "2026-05-11T07:00:00Z", "local": "2026-05-11T09:00:00+02:00"},
        })
    );
    assert_eq!(
        json["ingredients"]["look_for"][0],
        serde_json::json!({"class": "aloe-vera", "rule_id": "tip-soothing-products"})
    );
    assert_eq!(json["contact_provider"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_plan_is_in_the_negotiated_language() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "es-MX", &[]);

    assert_eq!(plan.locale.as_str(), "es");
    assert_eq!(plan.phases[0].name, "Primeras 24 horas");
    assert_eq!(plan.rules[5].text, "Evita la luz solar directa.");
    assert!(plan.contact_provider[0].starts_with("Ponte en contacto con tu especialista"));
}

#[test]
fn lengthening_a_rule_moves_its_milestone_and_the_plan_end() {
    let plan = plan_for("2026-05-04T09:00:00Z", None, "en", &[("avoid-direct-sun", "P10W")]);

    let sun = plan
        .rules
        .iter()
        .find(|rule| rule.id == "avoid-direct-sun")
        .expect("rule in plan");
    let last = plan.milestones.last().expect("milestones exist");

    assert!(sun.overridden);
    assert_eq!(sun.ends_after.to_string(), "PT1680H");
    assert_eq!(sun.ends_at.utc.to_rfc3339(), "2026-07-13T09:00:00+00:00");
    assert_eq!(plan.plan_ends_at, sun.ends_at);
    assert_eq!(
        (last.id.as_str(), &last.at),
        ("direct-sun-avoidance-ends", &sun.ends_at)
    );
}

#[test]
fn a_milestone_ending_two_rules_waits_for_the_later_one() {
    let plan = plan_for(
        "2026-05-04T09:00:00Z",
        None,
        "en",
        &[("avoid-active-ingredients", "P14D")],
    );

    let milestone = plan
        .milestones
        .iter()
        .find(|m| m.id == "exfoliants-and-actives-may-resume")
        .expect("exists");
    let salicylic = &plan.ingredients.avoid[0];
    let exfoliant = &plan.ingredients.avoid[3];

    assert_eq!(milestone.at.utc.to_rfc3339(), "2026-05-18T09:00:00+00:00");
    assert_eq!(salicylic.until.utc.to_rfc3339(), "2026-05-18T09:00:00+00:00");
    assert_eq!(exfoliant.until.utc.to_rfc3339(), "2026-05-11T09:00:00+00:00");
    assert_eq!(plan.plan_ends_at.utc.to_rfc3339(), "2026-06-29T09:00:00+00:00");
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
        serde_json::json!(["expect", "do", "avoid", "tip", "warning"])
    );
    assert_eq!(
        schemas["Basis"]["enum"],
        serde_json::json!(["guidance", "clinic-default"])
    );
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
    #[test]
    fn phases_in_a_plan_are_contiguous_and_only_the_last_is_open(
        seconds in 946_684_800i64..=4_102_444_799, zone in 0usize..5, sun_hours in 72u32..=4368,
    ) {
        let treated_at = chrono::DateTime::from_timestamp(seconds, 0).expect("in range").to_rfc3339();
        let sun = format!("PT{sun_hours}H");
        let plan = plan_for(&treated_at, Some(ZONES[zone]), "en", &[("avoid-direct-sun", &sun)]);

        prop_assert_eq!(&plan.phases[0].starts_at, &plan.treated_at);
        for pair in plan.phases.windows(2) {
            prop_assert_eq!(pair[0].ends_at.as_ref(), Some(&pair[1].starts_at));
            prop_assert!(pair[0].starts_at.utc < pair[1].starts_at.utc);
        }
        prop_assert!(plan.phases.last().is_some_and(|phase| phase.ends_at.is_none()));
        for rule in &plan.rules {
            prop_assert!(plan.treated_at.utc <= rule.starts_at.utc);
            prop_assert!(rule.starts_at.utc < rule.ends_at.utc);
            prop_assert!(rule.ends_at.utc <= plan.plan_ends_at.utc);
        }
        for milestone in &plan.milestones {
            prop_assert!(milestone.at.utc <= plan.plan_ends_at.utc);
        }
    }
}
