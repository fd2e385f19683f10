//! The phase listing and lookup. Engine behaviour (windows, boundaries, rules in force) runs on
//! the fixture content (`tests/fixtures/`) with exact values; the locale and parameter handling
//! runs on the shipped content, whose texts it does not read.

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{FIXTURE_RULES, TestApp, elapsed, problem_of, spawn_app, spawn_fixture_app};

const TREATED: &str = "2026-03-07T10:00:00-05:00";

fn encode(value: &str) -> String {
    value.replace('+', "%2B").replace(':', "%3A")
}

fn utc(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn listing(app: &TestApp, query: &str) -> Vec<Value> {
    app.get(&format!("/v1/phases{query}")).await.json().await.unwrap()
}

/// The ids of the items of a served list that `keep` selects.
fn ids(list: &Value, keep: impl Fn(&Value) -> bool) -> Vec<&Value> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|item| keep(item))
        .map(|item| &item["id"])
        .collect()
}

#[tokio::test]
async fn phases_are_listed_in_order_in_english_by_default_with_the_rules_they_overlap() {
    let app = spawn_fixture_app().await;

    let response = app.get("/v1/phases").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(response.headers()["vary"], "Accept-Language");
    let phases: Vec<Value> = response.json().await.unwrap();
    let windows: Vec<(&Value, &Value, &Value)> = phases
        .iter()
        .map(|phase| (&phase["id"], &phase["starts_after"], &phase["ends_after"]))
        .collect();
    assert_eq!(
        windows,
        [
            (&json!("fixture-phase-a"), &json!("PT0S"), &json!("PT36H")),
            (&json!("fixture-phase-b"), &json!("PT36H"), &json!("PT96H")),
            (&json!("fixture-phase-c"), &json!("PT96H"), &Value::Null),
        ]
    );
    assert_eq!(phases[0]["name"], "Fixture phase A");
    assert_eq!(
        phases[0]["what_to_expect"],
        json!(["Fixture expectation A1.", "Fixture expectation A2."])
    );
    // A phase lists the rules whose window overlaps its own: the PT24H tip and the PT36H expect
    // rule end within A, so B lacks them; only the rule that always applies reaches into C.
    let rule_ids = |phase: &Value| ids(&phase["rules"], |_| true).into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(rule_ids(&phases[0]), FIXTURE_RULES);
    assert_eq!(
        rule_ids(&phases[1]),
        [
            "fixture-avoid-guidance",
            "fixture-avoid-default",
            "fixture-do-later",
            "do-daily-sunscreen",
            "fixture-warning"
        ]
    );
    assert_eq!(rule_ids(&phases[2]), ["do-daily-sunscreen"]);
}

#[tokio::test]
async fn spanish_comes_from_the_locale_parameter_or_accept_language() {
    let app = spawn_fixture_app().await;
    let by_param = listing(&app, "?locale=es-MX").await;
    assert_eq!(by_param[1]["name"], "Fase de prueba B");
    assert_eq!(by_param[1]["rules"][0]["text"], "Texto de prueba: evitar (guía).");
    let by_header = app
        .request(Method::GET, "/v1/phases")
        .header("Accept-Language", "zz;q=1, es;q=0.8, en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.headers()["content-language"], "es");
    let zero_weight = app
        .request(Method::GET, "/v1/phases")
        .header("Accept-Language", "es;q=0, en;q=0.1")
        .send()
        .await
        .unwrap();
    assert_eq!(zero_weight.headers()["content-language"], "en");
    // A tag with a byte outside visible ASCII is skipped, not the whole header.
    let non_ascii = app
        .request(Method::GET, "/v1/phases")
        .header(
            "Accept-Language",
            reqwest::header::HeaderValue::from_bytes("és, es;q=0.9, en;q=0.1".as_bytes()).unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(non_ascii.headers()["content-language"], "es");
}

#[tokio::test]
async fn an_unsupported_locale_is_a_422_naming_locale() {
    let app = spawn_app().await;
    let response = app.get("/v1/phases?locale=zz").await;
    assert_eq!(response.status(), 422);
    let body = problem_of(response).await;
    assert_eq!(body["errors"][0]["parameter"], "locale");
}

#[tokio::test]
async fn one_phase_is_found_by_id_and_an_unknown_id_is_a_404_problem() {
    let app = spawn_fixture_app().await;
    let phases = listing(&app, "?locale=es").await;
    assert_eq!(phases.len(), 3);
    for listed in &phases {
        let path = format!("/v1/phases/{}?locale=es", listed["id"].as_str().unwrap());
        let response = app.get(&path).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<Value>().await.unwrap(), *listed);
    }
    let missing = app.get("/v1/phases/week-99").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(problem_of(missing).await["type"], "urn:aftercare:problem:not-found");
}

async fn current(app: &crate::helpers::TestApp, query: &str) -> reqwest::Response {
    app.get(&format!("/v1/phases/current?{query}")).await
}

#[tokio::test]
async fn phase_boundaries_are_half_open() {
    let app = spawn_fixture_app().await;
    // From 15:00 UTC on 2026-03-07, phase B starts PT36H and phase C PT96H later.
    let cases = [
        ("2026-03-07T15:00:00Z", "fixture-phase-a", Some("PT0S")),
        ("2026-03-09T02:59:59Z", "fixture-phase-a", Some("PT35H59M59S")),
        ("2026-03-09T03:00:00Z", "fixture-phase-b", Some("PT36H")),
        ("2026-03-11T14:59:59Z", "fixture-phase-b", Some("PT95H59M59S")),
        ("2026-03-11T15:00:00Z", "fixture-phase-c", Some("PT96H")),
        ("2099-12-31T23:59:59Z", "fixture-phase-c", None),
    ];
    for (at, expected, elapsed) in cases {
        let response = current(&app, &format!("treated_at={}&at={at}", encode(TREATED))).await;
        assert_eq!(response.status(), 200, "{at}");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["phase"]["id"], expected, "at {at}");
        if let Some(elapsed) = elapsed {
            assert_eq!(body["elapsed"], elapsed, "at {at}");
        }
    }
}

#[tokio::test]
async fn the_current_phase_agrees_with_the_plan_across_dst() {
    let app = spawn_fixture_app().await;
    let zone = "timezone=America/New_York";
    let query = format!("treated_at={}&at=2026-03-09T12:00:00Z&{zone}", encode(TREATED));

    let body: Value = current(&app, &query).await.json().await.unwrap();
    let plan: Value = app
        .get(&format!("/v1/aftercare-plan?treated_at={}&{zone}", encode(TREATED)))
        .await
        .json()
        .await
        .unwrap();

    assert_eq!(body["elapsed"], "PT45H");
    assert_eq!(body["at"]["local"], "2026-03-09T08:00:00-04:00");
    assert_eq!(body["phase"]["id"], "fixture-phase-b");
    assert_eq!(body["phase"], plan["phases"][1]);
    assert_eq!(
        body["next_phase"],
        json!({
            "id": "fixture-phase-c",
            "name": "Fixture phase C",
            "starts_at": {"utc": "2026-03-11T15:00:00Z", "local": "2026-03-11T11:00:00-04:00"},
        })
    );
    // At PT45H the PT24H tip and the PT36H expect rule have ended; the PT48H avoid rule has not.
    assert_eq!(
        ids(&body["rules_in_force"], |_| true),
        [
            "fixture-avoid-guidance",
            "fixture-avoid-default",
            "fixture-do-later",
            "do-daily-sunscreen",
            "fixture-warning"
        ]
    );
    // The first milestone waits for the PT48H rule, so none has passed yet.
    assert_eq!(body["milestones_passed"], json!([]));
    assert_eq!(
        ids(&body["milestones_upcoming"], |_| true),
        ["fixture-two-rules-end", "fixture-default-ends", "fixture-moment"]
    );
}

#[tokio::test]
async fn at_defaults_to_now() {
    let app = spawn_fixture_app().await;
    let an_hour_ago = utc(Utc::now() - TimeDelta::hours(1));
    let body: Value = current(&app, &format!("treated_at={an_hour_ago}"))
        .await
        .json()
        .await
        .unwrap();
    let elapsed = elapsed(&body["elapsed"]);
    assert!(
        TimeDelta::hours(1) <= elapsed && elapsed < TimeDelta::minutes(61),
        "{elapsed}"
    );
    assert_eq!(body["phase"]["id"], "fixture-phase-a");
}

#[tokio::test]
async fn every_broken_parameter_is_a_422_that_names_it_without_echoing_it() {
    let app = spawn_app().await;
    let cases = [
        ("at=2026-03-08T10:00:00Z", "treated_at"),
        ("treated_at=2026-03-07T10:00:00", "treated_at"),
        ("treated_at=yesterday-secret", "treated_at"),
        ("treated_at=1999-12-31T23:59:59Z", "treated_at"),
        ("treated_at=2100-01-01T00:00:00Z", "treated_at"),
        ("treated_at=2026-03-07T10:00:00Z&at=2026-03-07T09:59:59Z", "at"),
        (
            "treated_at=2026-03-07T10:00:00Z&timezone=Mars/Olympus_Secret",
            "timezone",
        ),
        ("treated_at=2026-03-07T10:00:00Z&locale=xx-secret", "locale"),
        (&format!("treated_at={}", "9".repeat(65)), "treated_at"),
    ];
    for (query, parameter) in cases {
        let response = current(&app, query).await;
        assert_eq!(response.status(), 422, "{query}");
        let body = problem_of(response).await;
        let named: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["parameter"].as_str())
            .collect();
        assert!(named.contains(&parameter), "{query}: {body}");
        assert!(!body.to_string().contains("secret"), "{body}");
    }
}

#[tokio::test]
async fn an_unencoded_plus_in_the_offset_is_read_as_a_plus() {
    let app = spawn_app().await;
    let response = current(&app, "treated_at=2026-03-07T10:00:00+01:00&at=2026-03-07T09:30:00Z").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["treated_at"]["utc"], "2026-03-07T09:00:00Z");
}

#[tokio::test]
async fn posix_style_locales_are_understood() {
    let app = spawn_app().await;
    let response = app.get("/v1/phases?locale=es_MX").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-language"], "es");
}

#[tokio::test]
async fn a_repeated_parameter_is_named() {
    let app = spawn_app().await;
    let response = current(&app, "treated_at=2026-03-07T10:00:00Z&treated_at=2026-03-08T10:00:00Z").await;
    assert_eq!(response.status(), 422);
    let body = problem_of(response).await;
    assert_eq!(body["errors"][0]["parameter"], "treated_at");
    assert_eq!(body["errors"][0]["rule"], "must appear only once");
}

#[tokio::test]
async fn a_future_treatment_without_at_blames_treated_at() {
    let app = spawn_app().await;
    let response = current(&app, "treated_at=2099-03-07T10:00:00Z").await;
    assert_eq!(response.status(), 422);
    assert_eq!(problem_of(response).await["errors"][0]["parameter"], "treated_at");
}

#[tokio::test]
async fn a_leap_second_treatment_time_gives_phases_that_agree_with_elapsed() {
    let app = spawn_fixture_app().await;
    let response = current(&app, "treated_at=2016-12-31T23:59:60Z&at=2017-01-01T23:59:59Z").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["elapsed"], "PT23H59M59S");
    assert_eq!(body["treated_at"]["utc"], "2017-01-01T00:00:00Z");
    assert_eq!(body["phase"]["id"], "fixture-phase-a");
    assert_eq!(body["next_phase"]["id"], "fixture-phase-b");
    assert_eq!(
        body["next_phase"]["starts_at"]["utc"], "2017-01-02T12:00:00Z",
        "boundaries count from the second after the leap second"
    );
}

#[tokio::test]
async fn a_missing_treated_at_is_a_422_saying_it_is_required() {
    let app = spawn_app().await;
    let response = current(&app, "at=2026-03-08T10:00:00Z&timezone=Europe/Paris").await;
    assert_eq!(response.status(), 422);
    let body = problem_of(response).await;
    assert_eq!(body["status"], 422);
    assert_eq!(
        body["errors"],
        serde_json::json!([{"parameter": "treated_at", "rule": "is required"}]),
        "{body}"
    );
}

#[tokio::test]
async fn escaped_parameter_names_and_values_are_read_decoded() {
    let app = spawn_app().await;
    let response = current(
        &app,
        "treated%5Fat=2026-03-07T10%3A00%3A00%2B01%3A00&%61t=2026-03-07T10:30:00Z&x%2Dy=1&timezone=Europe%2FParis",
    )
    .await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["treated_at"]["utc"], "2026-03-07T09:00:00Z");
    assert_eq!(body["at"]["local"], "2026-03-07T11:30:00+01:00");
    assert_eq!(body["elapsed"], "PT1H30M");
}
