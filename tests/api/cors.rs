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

#[tokio::test]
async fn every_answer_to_an_allowed_origin_names_it_refusals_and_errors_included() {
    let mut settings = with_cors();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![KeyDigest::of_key("clinic-key")];
    settings.rate_limit.enabled = true;
    settings.rate_limit.per_second = 1;
    settings.rate_limit.burst = 1;
    let app = spawn_app_with(settings).await;
    let get = |path: &'static str, origin: &'static str, key: Option<&'static str>| {
        let request = app.request(Method::GET, path).header("Origin", origin);
        match key {
            Some(key) => request.bearer_auth(key),
            None => request,
        }
        .send()
    };
    let cases = [
        ("/v1/phases", None, 401),
        ("/v1/phases", Some("clinic-key"), 200),
        ("/v1/phases", Some("clinic-key"), 429),
        ("/no-such-route", Some("clinic-key"), 404),
    ];
    for (path, key, status) in cases {
        let response = get(path, ORIGIN, key).await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN, "{status}");
        let exposed = response.headers()["access-control-expose-headers"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            exposed.contains("x-request-id") && exposed.contains("retry-after"),
            "{exposed}"
        );
        assert!(
            response
                .headers()
                .get_all("vary")
                .iter()
                .any(|v| v.to_str().unwrap().contains("Origin")),
            "{status}"
        );
    }
    let other = get("/v1/phases", "https://evil.example", None).await.unwrap();
    assert_eq!(other.status(), 401);
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn a_mobile_web_view_origin_is_an_exact_origin_too() {
    let mut settings = test_settings();
    settings.cors.allowed_origins = vec!["capacitor://localhost".to_owned(), "http://localhost:8100".to_owned()];
    let app = spawn_app_with(settings).await;
    for origin in ["capacitor://localhost", "http://localhost:8100"] {
        let response = app
            .request(Method::GET, "/v1/phases")
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["access-control-allow-origin"], origin);
        let preflight = app
            .request(Method::OPTIONS, "/v1/phases")
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .send()
            .await
            .unwrap();
        assert!(preflight.status().is_success(), "{origin}: {}", preflight.status());
        assert_eq!(preflight.headers()["access-control-allow-origin"], origin);
    }
    let other = app
        .request(Method::GET, "/v1/phases")
        .header("Origin", "ionic://localhost")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
