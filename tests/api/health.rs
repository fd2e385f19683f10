use crate::helpers::spawn_app;

#[tokio::test]
async fn liveness_answers_200_with_status_ok() {
    let app = spawn_app().await;
    let response = app.get("/health/live").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn readiness_answers_200_once_started() {
    let app = spawn_app().await;
    let response = app.get("/health/ready").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn every_response_carries_nosniff_and_a_request_id() {
    let app = spawn_app().await;
    for path in ["/", "/health/live", "/openapi.json", "/no/such/route"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["x-content-type-options"], "nosniff", "{path}");
        assert!(response.headers().contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn a_well_formed_incoming_request_id_is_returned_unchanged() {
    let app = spawn_app().await;
    let response = app
        .request(reqwest::Method::GET, "/health/live")
        .header("X-Request-Id", "clinic-42.a_b")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "clinic-42.a_b");
}

#[tokio::test]
async fn a_malformed_incoming_request_id_is_replaced_by_a_uuid() {
    let app = spawn_app().await;
    let response = app
        .request(reqwest::Method::GET, "/health/live")
        .header("X-Request-Id", "not ok!")
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_ne!(id, "not ok!");
    assert_eq!(id.len(), 36, "{id} is not a UUID");
}
