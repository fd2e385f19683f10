use aftercare::settings::KeyDigest;
use reqwest::Method;

use crate::helpers::{problem_of, spawn_app_with, test_settings};

fn limited() -> aftercare::settings::Settings {
    let mut settings = test_settings();
    settings.rate_limit.enabled = true;
    settings.rate_limit.per_second = 1;
    settings.rate_limit.burst = 2;
    settings
}

#[tokio::test]
async fn a_client_past_its_burst_gets_a_429_with_retry_after() {
    let app = spawn_app_with(limited()).await;
    assert_eq!(app.get("/v1/phases").await.status(), 200);
    assert_eq!(app.get("/v1/phases").await.status(), 200);
    let refused = app.get("/v1/phases").await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    assert_eq!(
        problem_of(refused).await["type"],
        "urn:aftercare:problem:too-many-requests"
    );
    // Health probes are never limited.
    for _ in 0..5 {
        assert_eq!(app.get("/health/ready").await.status(), 200);
    }
}

#[tokio::test]
async fn each_api_key_has_its_own_bucket() {
    let mut settings = limited();
    settings.auth.enabled = true;
    settings.auth.api_key_sha256 = vec![KeyDigest::of_key("key-a"), KeyDigest::of_key("key-b")];
    let app = spawn_app_with(settings).await;
    for _ in 0..2 {
        let response = app
            .request(Method::GET, "/v1/phases")
            .bearer_auth("key-a")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let a = app
        .request(Method::GET, "/v1/phases")
        .bearer_auth("key-a")
        .send()
        .await
        .unwrap();
    assert_eq!(a.status(), 429);
    let b = app
        .request(Method::GET, "/v1/phases")
        .bearer_auth("key-b")
        .send()
        .await
        .unwrap();
    assert_eq!(b.status(), 200);
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    let mut settings = limited();
    settings.rate_limit.trusted_proxies = vec!["127.0.0.1".to_owned()];
    let app = spawn_app_with(settings).await;
    let from = |address: &'static str| {
        app.request(Method::GET, "/v1/phases")
            .header("X-Forwarded-For", address)
            .send()
    };
    assert_eq!(from("203.0.113.5").await.unwrap().status(), 200);
    assert_eq!(from("203.0.113.5").await.unwrap().status(), 200);
    assert_eq!(from("203.0.113.5").await.unwrap().status(), 429);
    assert_eq!(from("203.0.113.6").await.unwrap().status(), 200);

    // Without a trusted proxy the header is ignored: every request counts against the peer.
    let app = spawn_app_with(limited()).await;
    let spoofed = |address: &'static str| {
        app.request(Method::GET, "/v1/phases")
            .header("X-Forwarded-For", address)
            .send()
    };
    assert_eq!(spoofed("198.51.100.1").await.unwrap().status(), 200);
    assert_eq!(spoofed("198.51.100.2").await.unwrap().status(), 200);
    assert_eq!(spoofed("198.51.100.3").await.unwrap().status(), 429);
}

#[tokio::test]
async fn without_access_control_made_up_keys_share_the_address_bucket() {
    let app = spawn_app_with(limited()).await;
    let statuses = [
        app.request(Method::GET, "/v1/phases").bearer_auth("made-up-1").send(),
        app.request(Method::GET, "/v1/phases").bearer_auth("made-up-2").send(),
        app.request(Method::GET, "/v1/phases").bearer_auth("made-up-3").send(),
    ];
    let mut answered = Vec::new();
    for request in statuses {
        answered.push(request.await.unwrap().status().as_u16());
    }
    assert_eq!(answered, [200, 200, 429]);
}

#[tokio::test]
async fn a_percent_encoded_path_is_limited_as_the_route_it_reaches() {
    let app = spawn_app_with(limited()).await;
    assert_eq!(app.get("/v1/phases").await.status(), 200);
    assert_eq!(app.get("/v1/phases").await.status(), 200);
    // `%76` is `v` and `%70` is `p`: the router reads both as /v1/phases, and so does the limiter.
    for encoded in ["/%761/phases", "/v1/%70hases", "/%76%31/phases/first-24-hours"] {
        assert_eq!(app.get(encoded).await.status(), 429, "{encoded}");
    }
}

#[tokio::test]
async fn every_forwarded_line_counts_and_ipv6_clients_share_their_network() {
    let mut settings = limited();
    // The trusted proxy given in its IPv4-mapped form still matches the IPv4 peer.
    settings.rate_limit.trusted_proxies = vec!["::ffff:127.0.0.1".to_owned()];
    let app = spawn_app_with(settings).await;
    // A client rotates a spoofed first line; the proxy appends its own line with the real peer.
    for spoofed in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
        let response = app
            .request(Method::GET, "/v1/phases")
            .header("X-Forwarded-For", spoofed)
            .header("X-Forwarded-For", "203.0.113.5")
            .send()
            .await
            .unwrap();
        let expected = if spoofed == "3.3.3.3" { 429 } else { 200 };
        assert_eq!(response.status(), expected, "{spoofed}");
    }
    // Addresses of one /64 share a bucket; another /64 has its own.
    let from = |address: &'static str| {
        app.request(Method::GET, "/v1/phases")
            .header("X-Forwarded-For", address)
            .send()
    };
    assert_eq!(from("2001:db8:1:2::1").await.unwrap().status(), 200);
    assert_eq!(from("2001:db8:1:2::2").await.unwrap().status(), 200);
    assert_eq!(from("2001:db8:1:2:ffff::3").await.unwrap().status(), 429);
    assert_eq!(from("2001:db8:1:3::1").await.unwrap().status(), 200);
}
