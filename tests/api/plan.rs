//! The plan engine on the fixture content (`tests/fixtures/`): exact instants, ids and texts
//! that follow from the fixture, so a clinical edit to the shipped content never breaks them.

use chrono::{DateTime, FixedOffset, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, instant, problem_of, spawn_fixture_app};

/// 15:00 UTC; New York moves to -04:00 at 07:00 UTC the next day.
const TREATED_AT: &str = "2026-03-07T10:00:00-05:00";

fn rule<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn items(value: &Value) -> &[Value] {
    value.as_array().unwrap_or_else(|| panic!("not an array: {value}"))
}

/// `(id, utc, local)` of each served item, reading the time point under `key`.
fn timeline<'a>(list: &'a Value, key: &str) -> Vec<(&'a str, &'a str, &'a str)> {
    items(list)
        .iter()
        .map(|item| {
            (
                item["id"].as_str().unwrap(),
                item[key]["utc"].as_str().unwrap(),
                item[key]["local"].as_str().unwrap(),
            )
        })
        .collect()
}

async fn post_plan(app: &TestApp, overrides: Value) -> reqwest::Response {
    let body = json!({"treated_at": TREATED_AT, "timezone": "America/New_York", "overrides": overrides});
    app.post_json("/v1/aftercare-plan", &body).await
}

/// Checks that a served time point names one instant twice: `utc` in UTC and `local` at the offset
/// the zone has at that instant (`before` until `change`, `after` from then on).
fn assert_local_time(point: &Value, change: DateTime<Utc>, before: &str, after: &str) {
    let utc = instant(&point["utc"]);
    let local = DateTime::<FixedOffset>::parse_from_rfc3339(point["local"].as_str().unwrap()).unwrap();
    assert_eq!(local, utc, "{point}");
    let expected = if utc < change { before } else { after };
    assert_eq!(local.offset().to_string(), expected, "{point}");
}

#[tokio::test]
async fn the_plan_from_query_parameters_places_every_window_in_elapsed_time_across_dst() {
    let app = spawn_fixture_app().await;

    let response = app
        .get(&format!(
            "/v1/aftercare-plan?treated_at={}&timezone=America/New_York",
            TREATED_AT.replace('+', "%2B")
        ))
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["content-language"], "en");
    let plan: Value = response.json().await.unwrap();
    assert_eq!(
        plan["protocol"],
        json!({"id": "fixture-protocol", "version": "0.0.1-fixture"})
    );
    assert_eq!(plan["timezone"], "America/New_York");
    assert_eq!(
        plan["treated_at"],
        json!({"utc": "2026-03-07T15:00:00Z", "local": "2026-03-07T10:00:00-05:00"})
    );
    // Offsets are elapsed time: PT36H after 10:00 -05:00 is 23:00 -04:00 the next day, since New
    // York moved its clocks an hour forward in between.
    assert_eq!(
        timeline(&plan["phases"], "starts_at"),
        [
            ("fixture-phase-a", "2026-03-07T15:00:00Z", "2026-03-07T10:00:00-05:00"),
            ("fixture-phase-b", "2026-03-09T03:00:00Z", "2026-03-08T23:00:00-04:00"),
            ("fixture-phase-c", "2026-03-11T15:00:00Z", "2026-03-11T11:00:00-04:00"),
        ]
    );
    assert!(plan["phases"][2]["ends_at"].is_null(), "the last phase is open-ended");
    // A window that ends has `ends_at`; a minimum has `at_least_until` and never `ends_at`; a
    // rule that always applies has neither.
    let windows: Vec<(&str, &str, Option<&str>, Option<&str>)> = items(&plan["rules"])
        .iter()
        .map(|rule| {
            let window = &rule["window"];
            (
                rule["id"].as_str().unwrap(),
                window["continues"].as_str().unwrap(),
                window["ends_at"]["local"].as_str(),
                window["at_least_until"]["local"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        windows,
        [
            ("fixture-expect", "no", Some("2026-03-08T23:00:00-04:00"), None),
            (
                "fixture-avoid-guidance",
                "at-least",
                None,
                Some("2026-03-09T11:00:00-04:00")
            ),
            (
                "fixture-avoid-default",
                "at-least",
                None,
                Some("2026-03-10T11:00:00-04:00")
            ),
            ("fixture-do-later", "no", Some("2026-03-11T11:00:00-04:00"), None),
            ("do-daily-sunscreen", "always", None, None),
            ("fixture-tip", "no", Some("2026-03-08T11:00:00-04:00"), None),
            ("fixture-warning", "no", Some("2026-03-11T11:00:00-04:00"), None),
        ]
    );
    assert_eq!(plan["provider_first"], "Fixture provider first.");
    assert_eq!(
        rule(&plan, "fixture-avoid-default")["window"]["text"],
        "Fixture at least 72 hours, then provider."
    );
    // A window that starts after treatment starts before the change, at the old offset.
    assert_eq!(
        rule(&plan, "fixture-do-later")["starts_at"],
        json!({"utc": "2026-03-08T03:00:00Z", "local": "2026-03-07T22:00:00-05:00"})
    );
    assert_eq!(
        rule(&plan, "fixture-avoid-default")["basis_note"],
        "Fixture clinic-default note (avoid)."
    );
    assert!(rule(&plan, "fixture-avoid-guidance")["basis_note"].is_null());
    assert_eq!(plan["plan_ends_at"]["utc"], "2026-03-11T15:00:00Z");
    // Milestones in time order (the file lists the fixed moment first); one that marks the end of
    // two rules falls at the later end (PT48H, not PT36H).
    assert_eq!(
        timeline(&plan["milestones"], "at"),
        [
            (
                "fixture-two-rules-end",
                "2026-03-09T15:00:00Z",
                "2026-03-09T11:00:00-04:00"
            ),
            (
                "fixture-default-ends",
                "2026-03-10T15:00:00Z",
                "2026-03-10T11:00:00-04:00"
            ),
            ("fixture-moment", "2026-03-11T03:00:00Z", "2026-03-10T23:00:00-04:00"),
        ]
    );
}

#[tokio::test]
async fn routine_ingredients_and_contacts_follow_the_rules_they_name() {
    let app = spawn_fixture_app().await;

    let plan: Value = post_plan(&app, json!({})).await.json().await.unwrap();

    assert_eq!(
        plan["ingredients"],
        json!({
            "avoid": [
                {"class": "fixture-acid", "rule_id": "fixture-avoid-default", "window": rule(&plan, "fixture-avoid-default")["window"]},
                {"class": "fixture-scrub", "rule_id": "fixture-avoid-guidance", "window": rule(&plan, "fixture-avoid-guidance")["window"]},
            ],
            "look_for": [{"class": "fixture-soother", "rule_id": "fixture-tip"}],
        })
    );
    assert_eq!(
        plan["ingredients"]["avoid"][0]["window"]["at_least_until"]["utc"],
        "2026-03-10T15:00:00Z"
    );
    // Each step holds as its rule does: the sunscreen step never ends.
    let steps: Vec<(&str, &str, Option<&str>)> = items(&plan["routine"]["steps"])
        .iter()
        .map(|step| {
            (
                step["rule_id"].as_str().unwrap(),
                step["window"]["continues"].as_str().unwrap(),
                step["window"]["ends_at"]["utc"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("do-daily-sunscreen", "always", None),
            ("fixture-do-later", "no", Some("2026-03-11T15:00:00Z")),
            ("fixture-tip", "no", Some("2026-03-08T15:00:00Z")),
        ]
    );
    assert_eq!(plan["routine"]["steps"][0]["text"], "Fixture sunscreen step.");
    assert_eq!(plan["contact_provider"], json!(["Fixture warning text."]));
}

#[tokio::test]
async fn the_plan_is_complete_in_spanish() {
    let app = spawn_fixture_app().await;

    let response = app
        .request(
            Method::GET,
            "/v1/aftercare-plan?treated_at=2026-03-29T00:30:00%2B01:00&timezone=Europe/Paris",
        )
        .header("Accept-Language", "es-ES,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();

    assert_eq!(response.headers()["content-language"], "es");
    let plan: Value = response.json().await.unwrap();
    assert_eq!(plan["locale"], "es");
    // Paris moved to +02:00 at 01:00 UTC on 2026-03-29, half an hour after the treatment.
    let change = instant(&json!("2026-03-29T01:00:00Z"));
    assert_local_time(&plan["phases"][0]["starts_at"], change, "+01:00", "+02:00");
    assert_eq!(plan["phases"][1]["starts_at"]["local"], "2026-03-30T13:30:00+02:00");
    assert_eq!(plan["phases"][1]["name"], "Fase de prueba B");
    assert_eq!(
        plan["phases"][0]["what_to_expect"],
        json!(["Expectativa de prueba A1.", "Expectativa de prueba A2."])
    );
    assert_eq!(
        rule(&plan, "fixture-avoid-default")["text"],
        "Texto de prueba: evitar (clínica)."
    );
    assert_eq!(
        rule(&plan, "fixture-avoid-default")["basis_note"],
        "Nota de prueba de la clínica (evitar)."
    );
    assert_eq!(
        plan["milestones"][0]["text"],
        "Terminan las pruebas de esperar y evitar (guía)."
    );
    assert_eq!(plan["routine"]["steps"][1]["text"], "Paso de prueba: hacer más tarde.");
    assert_eq!(plan["provider_first"], "Prueba: especialista primero.");
    assert_eq!(
        rule(&plan, "fixture-avoid-default")["patient_note"],
        "Prueba: la clínica puede cambiarlo."
    );
    assert_eq!(plan["contact_provider"], json!(["Texto de prueba: aviso."]));
}

#[tokio::test]
async fn post_applies_overrides_that_lengthen_a_rule_and_move_its_milestone() {
    let app = spawn_fixture_app().await;

    let response = post_plan(&app, json!({"fixture-avoid-guidance": "P26W"})).await;

    assert_eq!(response.status(), 200);
    let plan: Value = response.json().await.unwrap();
    let lengthened = rule(&plan, "fixture-avoid-guidance");
    assert_eq!(lengthened["overridden"], true);
    let minimum = &lengthened["window"]["at_least_until"];
    assert_eq!(lengthened["window"]["at_least_for"], "PT4368H");
    assert_eq!(minimum["utc"], "2026-09-05T15:00:00Z");
    assert!(lengthened["window"]["ends_at"].is_null(), "a minimum is never an end");
    assert_eq!(
        lengthened["window"]["text"],
        "Fixture at least 26 weeks, then provider."
    );
    // The milestone that marks its end (and fixture-expect's, which ends earlier) follows it; so
    // do the ingredient class it restricts and the end of the plan.
    let moved = items(&plan["milestones"]).last().unwrap();
    assert_eq!(moved["id"], "fixture-two-rules-end");
    assert_eq!(&moved["at"], minimum);
    assert_eq!(plan["ingredients"]["avoid"][1]["window"], lengthened["window"]);
    assert_eq!(&plan["plan_ends_at"], minimum);
    let others = items(&plan["rules"])
        .iter()
        .filter(|r| r["id"] != "fixture-avoid-guidance");
    assert!(others.into_iter().all(|r| r["overridden"] == false));
}

#[tokio::test]
async fn a_guidance_rule_may_be_shortened_down_to_its_minimum_and_no_further() {
    let app = spawn_fixture_app().await;

    let at_minimum = post_plan(&app, json!({"fixture-avoid-guidance": "PT24H"})).await;
    let below = post_plan(&app, json!({"fixture-avoid-guidance": "PT23H59M"})).await;

    assert_eq!(at_minimum.status(), 200);
    let plan: Value = at_minimum.json().await.unwrap();
    assert_eq!(
        rule(&plan, "fixture-avoid-guidance")["window"]["at_least_until"]["utc"],
        "2026-03-08T15:00:00Z"
    );
    // The milestone now waits for fixture-expect, the later of its two rules.
    assert_eq!(plan["milestones"][0]["at"]["utc"], "2026-03-09T03:00:00Z");
    assert_eq!(below.status(), 422);
    let problem = problem_of(below).await;
    assert_eq!(
        problem["errors"],
        json!([{
            "pointer": "/overrides/fixture-avoid-guidance",
            "rule": "the override for rule `fixture-avoid-guidance` must be at least PT24H",
        }])
    );
}

#[tokio::test]
async fn a_clinic_default_rule_may_only_be_lengthened() {
    let app = spawn_fixture_app().await;

    let response = post_plan(&app, json!({"fixture-avoid-default": "PT71H"})).await;

    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], "/overrides/fixture-avoid-default");
    assert_eq!(
        problem["errors"][0]["rule"],
        "the override for rule `fixture-avoid-default` must be at least PT72H"
    );
}

#[tokio::test]
async fn every_broken_override_is_named_in_one_answer() {
    let app = spawn_fixture_app().await;

    let response = post_plan(
        &app,
        json!({"fixture-avoid-guidance": "PT1S", "fixture-expect": "soon", "fixture-tip": "P26W"}),
    )
    .await;

    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    let pointers: Vec<&str> = items(&problem["errors"])
        .iter()
        .map(|error| error["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        ["/overrides/fixture-avoid-guidance", "/overrides/fixture-expect"],
        "{problem}"
    );
}

#[tokio::test]
async fn a_clinic_contact_advice_replaces_the_default_everywhere_and_is_bounded() {
    let app = spawn_fixture_app().await;
    let advice = "Call the clinic on 555-0100 with any concern about your skin.";
    let body =
        |advice: &str| json!({"treated_at": TREATED_AT, "timezone": "America/New_York", "contact_advice": advice});

    let plan: Value = app
        .post_json("/v1/aftercare-plan", &body(advice))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plan["contact_provider"], json!([advice]));
    assert_eq!(rule(&plan, "fixture-warning")["text"], advice);
    for format in ["html", "ics"] {
        let response = app
            .post_json(
                &format!("/v1/aftercare-plan?format={format}"),
                &body(&format!("  {advice}\n")),
            )
            .await;
        assert_eq!(response.status(), 200, "{format}");
        let text = response.text().await.unwrap().replace("\r\n ", "");
        assert!(text.contains(advice), "{format}: the clinic's advice is missing");
        assert!(
            !text.contains("Fixture warning text."),
            "{format}: the default is still there"
        );
    }

    let too_long = "x".repeat(1001);
    let response = app.post_json("/v1/aftercare-plan", &body(&too_long)).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(
        problem["errors"],
        json!([{"pointer": "/contact_advice", "rule": "must be at most 1000 characters"}])
    );
    assert!(!problem.to_string().contains(&too_long));
    let blank = app.post_json("/v1/aftercare-plan", &body("   ")).await;
    assert_eq!(blank.status(), 422);
}
