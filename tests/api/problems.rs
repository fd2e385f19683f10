use reqwest::Method;

use crate::helpers::{problem_of, spawn_app};

#[tokio::test]
async fn an_unknown_route_is_a_404_problem() {
    let app = spawn_app().await;
    let response = app.get("/v1/no-such-thing?patient=secret-4711").await;
    assert_eq!(response.status(), 404);
    let body = problem_of(response).await;
    assert_eq!(body["type"], "urn:aftercare:problem:not-found");
    assert!(!body.to_string().contains("secret-4711"));
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_with_allow() {
    let app = spawn_app().await;
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        let response = app.request(method.clone(), "/health/ready").send().await.unwrap();
        assert_eq!(response.status(), 405, "{method}");
        assert_eq!(response.headers()["allow"], "GET, HEAD");
        let body = problem_of(response).await;
        assert_eq!(body["type"], "urn:aftercare:problem:method-not-allowed");
    }
}

#[tokio::test]
async fn an_unacceptable_accept_header_is_a_406_problem_naming_the_header() {
    let app = spawn_app().await;
    let response = app
        .request(Method::GET, "/health/live")
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 406);
    let body = problem_of(response).await;
    assert_eq!(body["errors"][0]["header"], "Accept");
    assert!(body["errors"][0]["rule"].as_str().unwrap().contains("application/json"));
}

#[tokio::test]
async fn accept_wildcards_and_weights_are_honoured() {
    let app = spawn_app().await;
    for accept in ["*/*", "application/*", "text/html;q=0.9, application/json;q=0.1"] {
        let response = app
            .request(Method::GET, "/health/live")
            .header("Accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{accept}");
    }
}

#[tokio::test]
async fn head_is_answered_by_the_get_route_without_a_body() {
    let app = spawn_app().await;
    let response = app.request(Method::HEAD, "/v1/phases").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert!(
        response.headers()["content-length"]
            .to_str()
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 1000
    );
    assert!(response.bytes().await.unwrap().is_empty());
}
