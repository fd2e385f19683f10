use reqwest::Method;
use serde_json::Value;

use crate::helpers::{problem_of, spawn_app};

const TREATED: &str = "2026-03-07T10:00:00-05:00";

fn encode(value: &str) -> String {
    value.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn phases_are_listed_in_order_in_english_by_default() {
    let app = spawn_app().await;
    let response = app.get("/v1/phases").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(response.headers()["vary"], "Accept-Language");
    let phases: Vec<Value> = response.json().await.unwrap();
    let ids: Vec<&str> = phases.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "first-24-hours",
            "hours-24-to-72",
            "day-3-to-day-7",
            "remodelling",
            "results-window",
            "maintenance"
        ]
    );
    assert_eq!(phases[0]["starts_after"], "PT0S");
    assert_eq!(phases[0]["ends_after"], "PT24H");
    assert_eq!(phases[1]["starts_after"], "PT24H");
    assert!(phases[5]["ends_after"].is_null(), "the last phase is open-ended");
    assert!(
        phases[0]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "avoid-strenuous-activity")
    );
}

#[tokio::test]
async fn spanish_comes_from_the_locale_parameter_or_accept_language() {
    let app = spawn_app().await;
    let by_param: Vec<Value> = app.get("/v1/phases?locale=es-MX").await.json().await.unwrap();
    assert_eq!(by_param[1]["name"], "De 24 a 72 horas");
    let by_header = app
        .request(Method::GET, "/v1/phases")
        .header("Accept-Language", "fr;q=1, es;q=0.8, en;q=0.5")
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
    let response = app.get("/v1/phases?locale=fr").await;
    assert_eq!(response.status(), 422);
    let body = problem_of(response).await;
    assert_eq!(body["errors"][0]["parameter"], "locale");
}

#[tokio::test]
async fn one_phase_is_found_by_id_and_an_unknown_id_is_a_404_problem() {
    let app = spawn_app().await;
    let phase: Value = app.get("/v1/phases/results-window").await.json().await.unwrap();
    assert_eq!(phase["starts_after"], "PT1008H");
    assert_eq!(phase["ends_after"], "PT1344H");
    let missing = app.get("/v1/phases/week-99").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(problem_of(missing).await["type"], "urn:aftercare:problem:not-found");
}

async fn current(app: &crate::helpers::TestApp, query: &str) -> reqwest::Response {
    app.get(&format!("/v1/phases/current?{query}")).await
}

#[tokio::test]
async fn phase_boundaries_are_half_open() {
    let app = spawn_app().await;
    let cases = [
        ("2026-03-07T15:00:00Z", "first-24-hours"),
        ("2026-03-08T14:59:59Z", "first-24-hours"),
        ("2026-03-08T15:00:00Z", "hours-24-to-72"),
        ("2026-03-10T15:00:00Z", "day-3-to-day-7"),
        ("2026-03-14T15:00:00Z", "remodelling"),
        ("2026-04-18T15:00:00Z", "results-window"),
        ("2026-05-02T15:00:00Z", "maintenance"),
        ("2099-12-31T23:59:59Z", "maintenance"),
    ];
    for (at, expected) in cases {
        let response = current(&app, &format!("treated_at={}&at={at}", encode(TREATED))).await;
        assert_eq!(response.status(), 200, "{at}");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["phase"]["id"], expected, "at {at}");
    }
}

#[tokio::test]
async fn the_current_phase_tells_what_applies_now_and_what_comes_next_across_dst() {
    let app = spawn_app().await;
    let query = format!(
        "treated_at={}&at=2026-03-09T12:00:00Z&timezone=America/New_York",
        encode(TREATED)
    );
    let body: Value = current(&app, &query).await.json().await.unwrap();
    assert_eq!(body["phase"]["id"], "hours-24-to-72");
    assert_eq!(body["elapsed"], "PT45H");
    // 72 h of elapsed time after a treatment at 10:00 EST ends at 11:00 EDT (the clocks moved on 03-08).
    assert_eq!(body["next_phase"]["starts_at"]["local"], "2026-03-10T11:00:00-04:00");
    assert_eq!(body["next_phase"]["starts_at"]["utc"], "2026-03-10T15:00:00Z");
    let in_force: Vec<&str> = body["rules_in_force"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(in_force.contains(&"avoid-direct-sun"));
    assert!(!in_force.contains(&"avoid-strenuous-activity"), "ended at 24 h");
    let passed: Vec<&str> = body["milestones_passed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(passed.contains(&"strenuous-activity-may-resume"));
    assert!(!body["milestones_upcoming"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn at_defaults_to_now() {
    let app = spawn_app().await;
    let an_hour_ago =
        (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let body: Value = current(&app, &format!("treated_at={an_hour_ago}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["phase"]["id"], "first-24-hours");
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
    let app = spawn_app().await;
    let response = current(&app, "treated_at=2016-12-31T23:59:60Z&at=2017-01-01T23:59:59Z").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["elapsed"], "PT23H59M59S");
    assert_eq!(body["phase"]["id"], "first-24-hours", "less than 24 hours have elapsed");
    assert_eq!(body["treated_at"]["utc"], "2017-01-01T00:00:00Z");
    assert_eq!(body["next_phase"]["starts_at"]["utc"], "2017-01-02T00:00:00Z");
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
