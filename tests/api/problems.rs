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

#[tokio::test]
async fn object_keys_that_are_not_api_names_are_never_echoed_in_a_pointer() {
    let app = spawn_app().await;
    let cases = [
        (
            "/v1/aftercare-plan",
            r#"{"treated_at": "2026-03-07T10:00:00Z", "Jane Doe ZZMARKER123": 1}"#,
            "",
        ),
        (
            "/v1/aftercare-plan",
            r#"{"treated_at": "2026-03-07T10:00:00Z", "overrides": {"Jane Doe ZZMARKER123": 5}}"#,
            "/overrides",
        ),
        (
            "/v1/ingredient-checks",
            r#"{"ingredients": "Water", "jane.doe@ZZMARKER123.example": true}"#,
            "",
        ),
        (
            "/v1/ingredient-checks/batch",
            r#"{"products": [{"id": "a", "ingredients": "Water", "ZZMARKER123": 1}]}"#,
            "/products/0",
        ),
    ];
    for (path, body, pointer) in cases {
        let response = app.post_json_text(path, body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem = problem_of(response).await;
        assert!(!problem.to_string().contains("ZZMARKER123"), "{problem}");
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
    }
}

#[tokio::test]
async fn a_misspelt_field_name_is_still_named() {
    let app = spawn_app().await;
    let response = app
        .post_json_text(
            "/v1/aftercare-plan",
            r#"{"treated_at": "2026-03-07T10:00:00Z", "time_zone": "Europe/Madrid"}"#,
        )
        .await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], "/time_zone");
}

#[tokio::test]
async fn a_body_of_the_wrong_json_type_gets_a_rule_in_json_terms() {
    let app = spawn_app().await;
    let cases = [
        ("/v1/aftercare-plan", "null", "", "must be a JSON object"),
        ("/v1/aftercare-plan", "[]", "", "must be a JSON object"),
        ("/v1/ingredient-checks", r#""Water""#, "", "must be a JSON object"),
        (
            "/v1/aftercare-plan",
            r#"{"treated_at": "2026-03-07T10:00:00Z", "overrides": []}"#,
            "/overrides",
            "must be a JSON object",
        ),
        (
            "/v1/ingredient-checks/batch",
            r#"{"products": {}}"#,
            "/products",
            "must be an array",
        ),
    ];
    for (path, body, pointer, rule) in cases {
        let response = app.post_json_text(path, body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem = problem_of(response).await;
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
        assert_eq!(problem["errors"][0]["rule"], rule, "{body}");
    }
}

#[tokio::test]
async fn an_unknown_time_zone_breaks_the_same_rule_with_or_without_treated_at() {
    let app = spawn_app().await;
    let mut rules = Vec::new();
    for body in [
        r#"{"ingredients": "Water", "timezone": "Mars/Olympus"}"#,
        r#"{"ingredients": "Water", "timezone": "Mars/Olympus", "treated_at": "2026-03-07T10:00:00Z"}"#,
    ] {
        let response = app.post_json_text("/v1/ingredient-checks", body).await;
        assert_eq!(response.status(), 422, "{body}");
        let problem = problem_of(response).await;
        assert_eq!(problem["errors"][0]["pointer"], "/timezone");
        rules.push(problem["errors"][0]["rule"].clone());
    }
    assert_eq!(rules[0], rules[1]);
}

#[tokio::test]
async fn a_format_parameter_bypasses_accept_only_where_the_operation_has_one() {
    let app = spawn_app().await;
    for path in [
        "/v1/phases?format=json",
        "/health/live?format=json",
        "/v1/ingredients?format=x",
    ] {
        let response = app
            .request(Method::GET, path)
            .header("Accept", "text/plain")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 406, "{path}");
        assert_eq!(problem_of(response).await["errors"][0]["header"], "Accept");
    }
    let plan = app
        .request(
            Method::GET,
            "/v1/aftercare-plan?treated_at=2026-03-07T10:00:00Z&format=ics",
        )
        .header("Accept", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(plan.status(), 200);
    assert_eq!(plan.headers()["content-type"], "text/calendar; charset=utf-8");
}

#[tokio::test]
async fn a_percent_encoded_path_gets_the_405_and_406_of_the_route_it_reaches() {
    let app = spawn_app().await;
    let response = app.request(Method::DELETE, "/%761/phases").send().await.unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, HEAD");
    let response = app
        .request(Method::GET, "/v1/%70hases/current?treated_at=2026-03-07T10:00:00Z")
        .header("Accept", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 406);
}

#[tokio::test]
async fn header_fields_over_the_limit_are_a_431_problem() {
    let app = spawn_app().await;
    let response = app
        .request(Method::GET, "/health/live")
        .header("X-Padding", "a".repeat(20 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 431);
    assert!(response.headers().contains_key("x-request-id"));
    let body = problem_of(response).await;
    assert_eq!(body["type"], "urn:aftercare:problem:headers-too-large");
    assert!(!body.to_string().contains("aaaa"));
    let fine = app
        .request(Method::GET, "/health/live")
        .header("X-Padding", "a".repeat(8 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(fine.status(), 200);
}

#[tokio::test]
async fn a_body_in_another_charset_or_a_number_out_of_range_is_named() {
    let app = spawn_app().await;
    let response = app
        .request(Method::POST, "/v1/aftercare-plan")
        .header("Content-Type", "application/json; charset=utf-16")
        .body(r#"{"treated_at": "2026-03-07T10:00:00Z"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
    let response = app
        .post_json_text("/v1/aftercare-plan", r#"{"treated_at": 1e400}"#)
        .await;
    assert_eq!(response.status(), 422);
    let body = problem_of(response).await;
    assert_eq!(body["errors"][0]["pointer"], "/treated_at");
    let response = app
        .post_json_text(
            "/v1/aftercare-plan",
            r#"{"treated_at": "2026-03-07T10:00:00Z", "overrides": {"avoid-direct-sun": "P7D "}}"#,
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "a duration with a trailing space is not a duration"
    );
}
