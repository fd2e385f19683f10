use aftercare::settings::KeyDigest;
use reqwest::Method;

use crate::helpers::{spawn_app, spawn_app_with, test_settings};

const ORIGIN: &str = "https://app.clinic.example";

fn with_cors() -> aftercare::settings::Settings {
    let mut settings = test_settings();
    settings.cors.allowed_origins = vec![ORIGIN.to_owned()];
    settings
}

#[tokio::test]
async fn an_allowed_origin_is_named_exactly_and_never_with_credentials() {
    let app = spawn_app_with(with_cors()).await;
    let response = app
        .request(Method::GET, "/v1/phases")
        .header("Origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
    assert!(response.headers().get("access-control-allow-credentials").is_none());
}

#[tokio::test]
async fn a_preflight_from_an_allowed_origin_succeeds_even_with_keys_required() {
    let mut settings = with_cors();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![KeyDigest::of_key("any-key")];
    let app = spawn_app_with(settings).await;
    let response = app
        .request(Method::OPTIONS, "/v1/ingredient-checks")
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
    let methods = response.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(methods.contains("POST"), "{methods}");
}

#[tokio::test]
async fn another_origin_is_refused_and_never_reflected() {
    let app = spawn_app_with(with_cors()).await;
    let response = app
        .request(Method::GET, "/v1/phases")
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    // Without Access-Control-Allow-Origin the browser withholds the answer from that page.
    assert!(response.headers().get("access-control-allow-origin").is_none());
    let preflight = app
        .request(Method::OPTIONS, "/v1/phases")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert!(preflight.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn cors_is_off_by_default() {
    let app = spawn_app().await;
    let response = app
        .request(Method::GET, "/v1/phases")
        .header("Origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("access-control-allow-origin").is_none());
}
