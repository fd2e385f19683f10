//! How the plan endpoint handles the request itself (bodies, media types, limits, shutdown),
//! whatever the content; the plan it computes is tested in `plan.rs`.

use std::time::Duration;

use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{problem_of, spawn_app, spawn_app_with, test_settings};

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

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_is_a_408_problem() {
    let mut settings = test_settings();
    settings.server.body_read_timeout_ms = 300;
    let app = spawn_app_with(settings).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /v1/aftercare-plan HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // A trickle: a byte now and then, never the whole body.
    stream.write_all(b"{").await.unwrap();
    let started = std::time::Instant::now();
    let mut response = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let _ = stream.write_all(b" ").await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            if let Ok(Ok(n)) = tokio::time::timeout(Duration::from_millis(10), stream.read(&mut response)).await {
                break n;
            }
        }
    })
    .await
    .expect("an answer before the client gives up");
    let text = String::from_utf8_lossy(&response[..read]).into_owned();
    assert!(text.starts_with("HTTP/1.1 408"), "{}", &text[..text.len().min(200)]);
    assert!(text.contains("urn:aftercare:problem:request-timeout"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_rule_given_twice_in_overrides_is_a_422_not_a_silent_last_wins() {
    let app = spawn_app_with(test_settings()).await;
    let body = r#"{"treated_at": "2026-03-07T10:00:00Z", "overrides": {"avoid-direct-sun": "P7D", "avoid-direct-sun": "PT72H"}}"#;
    let response = app.post_json_text("/v1/aftercare-plan", body).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(
        problem["errors"],
        serde_json::json!([{"pointer": "/overrides", "rule": "must give each rule id once"}])
    );
    let once = r#"{"treated_at": "2026-03-07T10:00:00Z", "overrides": {"avoid-direct-sun": "P7D"}}"#;
    assert_eq!(app.post_json_text("/v1/aftercare-plan", once).await.status(), 200);
}
