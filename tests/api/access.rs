use reqwest::Method;

use aftercare::settings::KeyDigest;

use crate::helpers::{problem_of, spawn_app_with, test_settings};

fn digest() -> KeyDigest {
    KeyDigest::of_key("clinic-secret-key")
}

#[tokio::test]
async fn with_keys_on_v1_needs_a_valid_bearer_key_and_health_stays_open() {
    let mut settings = test_settings();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![digest()];
    let app = spawn_app_with(settings).await;

    let missing = app.get("/v1/phases").await;
    assert_eq!(missing.status(), 401);
    assert_eq!(missing.headers()["www-authenticate"], r#"Bearer realm="aftercare""#);
    assert_eq!(problem_of(missing).await["type"], "urn:aftercare:problem:unauthorized");

    let wrong = app
        .request(Method::GET, "/v1/phases")
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(!problem_of(wrong).await.to_string().contains("guess"));

    let right = app
        .request(Method::GET, "/v1/phases")
        .bearer_auth("clinic-secret-key")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200);

    assert_eq!(app.get("/health/ready").await.status(), 200);
    assert_eq!(app.get("/metrics").await.status(), 200);
}

#[tokio::test]
async fn metrics_and_docs_can_be_protected_too() {
    let mut settings = test_settings();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![digest()];
    settings.auth.protect_metrics = true;
    settings.auth.protect_docs = true;
    let app = spawn_app_with(settings).await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    assert_eq!(app.get("/openapi.json").await.status(), 401);
    let scrape = app
        .request(Method::GET, "/metrics")
        .bearer_auth("clinic-secret-key")
        .send()
        .await
        .unwrap();
    assert_eq!(scrape.status(), 200);
    assert_eq!(app.get("/health/live").await.status(), 200);
}

#[tokio::test]
async fn the_bearer_scheme_name_is_case_insensitive() {
    let mut settings = test_settings();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![digest()];
    let app = spawn_app_with(settings).await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let response = app
            .request(Method::GET, "/v1/phases")
            .header("Authorization", format!("{scheme} clinic-secret-key"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{scheme}");
    }
    let basic = app
        .request(Method::GET, "/v1/phases")
        .header("Authorization", "Basic clinic-secret-key")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 401);
}

#[tokio::test]
async fn a_percent_encoded_path_needs_the_key_of_the_route_it_reaches() {
    let mut settings = test_settings();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![digest()];
    let app = spawn_app_with(settings).await;

    for encoded in ["/%761/phases", "/v1/%70hases/current", "/%76%31/ingredients"] {
        assert_eq!(app.get(encoded).await.status(), 401, "{encoded}");
    }
    let right = app
        .request(Method::GET, "/%761/phases")
        .bearer_auth("clinic-secret-key")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 200, "the encoded path reaches the route with a key");
}

#[tokio::test]
async fn failed_key_checks_are_limited_per_client_and_two_keys_are_refused() {
    let mut settings = test_settings();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![digest()];
    settings.auth.failures_per_minute = 3;
    let app = spawn_app_with(settings).await;
    let with_key = |key: &'static str| app.request(Method::GET, "/v1/phases").bearer_auth(key).send();

    let two = app
        .request(Method::GET, "/v1/phases")
        .header("Authorization", "Bearer clinic-secret-key")
        .header("Authorization", "Bearer other")
        .send()
        .await
        .unwrap();
    assert_eq!(two.status(), 401);
    assert_eq!(problem_of(two).await["errors"][0]["rule"], "must be sent once");
    // That was one failed check; two more and the budget is spent.
    for _ in 0..2 {
        assert_eq!(with_key("guess").await.unwrap().status(), 401);
    }
    let limited = with_key("guess").await.unwrap();
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(
        problem_of(limited).await["type"],
        "urn:aftercare:problem:too-many-requests"
    );
    // The right key still passes: only failures are counted.
    assert_eq!(with_key("clinic-secret-key").await.unwrap().status(), 200);
}
