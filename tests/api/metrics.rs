use crate::helpers::spawn_fixture_app;

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_never_by_raw_path() {
    let app = spawn_fixture_app().await;
    let phase_id = "fixture-phase-a";
    for _ in 0..2 {
        assert_eq!(app.get(&format!("/v1/phases/{phase_id}")).await.status(), 200);
    }
    assert_eq!(app.get("/v1/phases/no-such-phase-secret").await.status(), 404);
    assert_eq!(app.get("/patients/secret-4711").await.status(), 404);
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert!(
        text.contains(r#"aftercare_http_requests_total{method="GET",route="/v1/phases/{phase_id}",status="200"} 2"#),
        "{text}"
    );
    assert!(
        text.contains(r#"aftercare_http_requests_total{method="GET",route="/v1/phases/{phase_id}",status="404"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"aftercare_http_requests_total{method="GET",route="unmatched",status="404"} 1"#),
        "{text}"
    );
    assert!(text.contains(
        r#"aftercare_http_request_duration_seconds_count{method="GET",route="/v1/phases/{phase_id}",status="200"} 2"#
    ));
    assert!(
        text.contains("aftercare_http_requests_in_flight 1"),
        "the scrape itself is in flight"
    );
    assert!(text.contains(r#"aftercare_protocol_info{id="fixture-protocol",version="0.0.1-fixture"} 1"#));
    assert!(text.contains(&format!(
        r#"aftercare_build_info{{version="{}"}} 1"#,
        env!("CARGO_PKG_VERSION")
    )));
    assert!(!text.contains("secret"), "{text}");
}
