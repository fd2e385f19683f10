use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{problem_of, spawn_app, spawn_app_with, test_settings};

fn rule<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn milestone<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no milestone {id}"))
}

#[tokio::test]
async fn the_plan_from_query_parameters_has_the_whole_timeline() {
    let app = spawn_app().await;
    let response = app
        .get("/v1/aftercare-plan?treated_at=2026-10-31T09:00:00-04:00&timezone=America/New_York")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["content-language"], "en");
    let plan: Value = response.json().await.unwrap();
    assert_eq!(
        plan["protocol"],
        json!({"id": "microneedling-aftercare", "version": "1.0.0"})
    );
    assert_eq!(plan["phases"].as_array().unwrap().len(), 6);
    // Sun avoidance: at least three days of elapsed time, across the 2026-11-01 DST change.
    let sun = rule(&plan, "avoid-direct-sun");
    assert_eq!(sun["kind"], "avoid");
    assert_eq!(sun["basis"], "guidance");
    assert_eq!(sun["ends_at"]["utc"], "2026-11-03T13:00:00Z");
    assert_eq!(sun["ends_at"]["local"], "2026-11-03T08:00:00-05:00");
    assert_eq!(rule(&plan, "avoid-strenuous-activity")["ends_after"], "PT24H");
    assert_eq!(
        milestone(&plan, "strenuous-activity-may-resume")["at"]["utc"],
        "2026-11-01T13:00:00Z"
    );
    assert_eq!(plan["plan_ends_at"]["utc"], "2026-12-26T13:00:00Z");
    let avoid: Vec<&str> = plan["ingredients"]["avoid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["class"].as_str().unwrap())
        .collect();
    for class in ["salicylic-acid", "glycolic-acid", "benzoyl-peroxide"] {
        assert!(avoid.contains(&class), "{class} missing from {avoid:?}");
    }
    let look_for = plan["ingredients"]["look_for"].as_array().unwrap();
    assert!(look_for.iter().any(|i| i["class"] == "niacinamide"));
    assert!(!plan["routine"]["morning"].as_array().unwrap().is_empty());
    assert!(!plan["routine"]["evening"].as_array().unwrap().is_empty());
    assert!(!plan["contact_provider"].as_array().unwrap().is_empty());
    // Every clinic default says so.
    for rule in plan["rules"].as_array().unwrap() {
        assert_eq!(
            rule["basis"] == "clinic-default",
            rule["basis_note"].is_string(),
            "{}",
            rule["id"]
        );
    }
}

#[tokio::test]
async fn the_plan_is_complete_in_spanish() {
    let app = spawn_app().await;
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
    // Paris moved to +02:00 at 02:00 on 2026-03-29; 24 h later is 01:30 local.
    assert_eq!(plan["phases"][1]["starts_at"]["local"], "2026-03-30T01:30:00+02:00");
    let english: Value = app
        .get("/v1/aftercare-plan?treated_at=2026-03-29T00:30:00%2B01:00")
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(plan["rules"][0]["text"], english["rules"][0]["text"]);
}

#[tokio::test]
async fn post_applies_overrides_that_lengthen_a_rule_and_move_its_milestone() {
    let app = spawn_app().await;
    let body = json!({"treated_at": "2026-06-01T08:00:00Z", "overrides": {"avoid-direct-sun": "P7D"}});
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 200);
    let plan: Value = response.json().await.unwrap();
    let sun = rule(&plan, "avoid-direct-sun");
    assert_eq!(sun["overridden"], true);
    assert_eq!(sun["ends_at"]["utc"], "2026-06-08T08:00:00Z");
    assert_eq!(
        milestone(&plan, "direct-sun-avoidance-ends")["at"]["utc"],
        "2026-06-08T08:00:00Z"
    );
    assert_eq!(rule(&plan, "avoid-makeup")["overridden"], false);
}

#[tokio::test]
async fn an_override_below_the_guidance_is_a_422_naming_the_rule_and_its_minimum() {
    let app = spawn_app().await;
    let body = json!({"treated_at": "2026-06-01T08:00:00Z", "overrides": {"avoid-direct-sun": "PT48H"}});
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], "/overrides/avoid-direct-sun");
    assert!(problem["errors"][0]["rule"].as_str().unwrap().contains("PT72H"));
}

#[tokio::test]
async fn every_broken_override_is_named_in_one_answer() {
    let app = spawn_app().await;
    let body = json!({
        "treated_at": "2026-06-01T08:00:00Z",
        "overrides": {"avoid-direct-sun": "PT48H", "avoid-makeup": "soon", "avoid-strenuous-activity": "P7D"},
    });
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        ["/overrides/avoid-direct-sun", "/overrides/avoid-makeup"],
        "{problem}"
    );
}

#[tokio::test]
async fn body_problems_are_answered_as_problems() {
    let app = spawn_app().await;
    let post = |body: &'static str, content_type: &'static str| {
        app.request(Method::POST, "/v1/aftercare-plan")
            .header("Content-Type", content_type)
            .body(body)
    };
    let cases: Vec<(reqwest::RequestBuilder, u16, &str, Option<&str>)> = vec![
        (
            post(r#"{"treated_at": "#, "application/json"),
            400,
            "urn:aftercare:problem:malformed-json",
            None,
        ),
        (
            post(r#"{"treated_at": 20260601}"#, "application/json"),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/treated_at"),
        ),
        (
            post(r#"{}"#, "application/json"),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/treated_at"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "secret_field": 1}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/secret_field"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "overrides": {"no-such-rule": "P7D"}}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/overrides/no-such-rule"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "timezone": "Nowhere/Secret"}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/timezone"),
        ),
        (
            post(r#"{"treated_at": "2026-06-01T08:00:00Z"}"#, "text/plain"),
            415,
            "urn:aftercare:problem:unsupported-media-type",
            None,
        ),
        (
            post(r#"{"treated_at": "2026-06-01T08:00:00Z"}"#, "application/json").header("Content-Encoding", "gzip"),
            415,
            "urn:aftercare:problem:unsupported-media-type",
            None,
        ),
    ];
    for (request, status, problem_type, pointer) in cases {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{problem_type}");
        let problem = problem_of(response).await;
        assert_eq!(problem["type"], problem_type);
        if let Some(pointer) = pointer {
            assert_eq!(problem["errors"][0]["pointer"], pointer, "{problem}");
        }
        assert!(!problem.to_string().contains("20260601"), "{problem}");
        assert!(!problem.to_string().contains("Nowhere/Secret"), "{problem}");
    }
    let too_large = format!(
        r#"{{"treated_at": "2026-06-01T08:00:00Z", "locale": "{}"}}"#,
        "e".repeat(70_000)
    );
    let response = app.post_json_text("/v1/aftercare-plan", too_large).await;
    assert_eq!(response.status(), 413);
    assert_eq!(
        problem_of(response).await["type"],
        "urn:aftercare:problem:payload-too-large"
    );
}

#[tokio::test]
async fn a_request_in_flight_when_shutdown_begins_still_completes() {
    let app = spawn_app_with(test_settings()).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let body = r#"{"treated_at": "2026-06-01T08:00:00Z"}"#;
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /v1/aftercare-plan HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let shutdown = app.shutdown.clone();
    let stopping = tokio::spawn(async move { shutdown.shutdown().await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    stream.write_all(&body.as_bytes()[10..]).await.unwrap();

    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        &response[..response.len().min(200)]
    );
    tokio::time::timeout(Duration::from_secs(10), stopping)
        .await
        .expect("shutdown finishes")
        .unwrap();
}
