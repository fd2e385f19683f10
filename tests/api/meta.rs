use crate::helpers::spawn_app;

#[tokio::test]
async fn the_index_links_the_docs_the_spec_and_every_endpoint_group() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["service"], "aftercare");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(body["links"]["docs"], "/docs/");
    assert_eq!(body["links"]["openapi_json"], "/openapi.json");
    let groups: Vec<&str> = body["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    for group in ["health", "meta"] {
        assert!(groups.contains(&group), "{group} missing from {groups:?}");
    }
}

#[tokio::test]
async fn the_served_spec_is_the_generated_spec_byte_for_byte() {
    let app = spawn_app().await;
    let response = app.get("/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let served = response.text().await.unwrap();
    let generated = aftercare::openapi::to_json(&aftercare::openapi::openapi());
    assert!(served == generated, "the served spec differs from openapi::openapi()");
}

#[tokio::test]
async fn the_spec_is_also_served_as_yaml() {
    let app = spawn_app().await;
    let response = app.get("/openapi.yaml").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/yaml");
    let text = response.text().await.unwrap();
    assert!(text.starts_with("openapi: 3.1.0"), "{}", &text[..40.min(text.len())]);
    assert!(text.contains("operationId: get_readiness"));
}

#[tokio::test]
async fn swagger_ui_is_served_from_the_binary_and_points_at_the_spec() {
    let app = spawn_app().await;
    let redirect = app.get("/docs").await;
    assert_eq!(redirect.status(), 308);
    assert_eq!(redirect.headers()["location"], "/docs/");
    let page = app.get("/docs/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "not the Swagger UI page");
    assert!(
        !html.contains("https://"),
        "the docs page loads something from another host"
    );
    let initializer = app.get("/docs/swagger-initializer.js").await.text().await.unwrap();
    assert!(initializer.contains("/openapi.json"), "{initializer}");
}

#[test]
fn committed_spec_matches_the_generated_spec() {
    let generated = aftercare::openapi::to_json(&aftercare::openapi::openapi());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        generated == committed,
        "openapi/openapi.json is out of date with the code.\nRegenerate it with:\n    cargo run --release -- openapi > openapi/openapi.json\nthen review and commit the diff."
    );
}

#[tokio::test]
async fn the_served_spec_states_the_configured_limits() {
    let mut settings = crate::helpers::test_settings();
    settings.limits.batch_max_products = 7;
    settings.limits.ingredient_text_chars = 1234;
    settings.limits.ingredient_list_items = 9;
    settings.limits.product_name_chars = 11;
    let app = crate::helpers::spawn_app_with(settings).await;

    let spec: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();

    let schemas = &spec["components"]["schemas"];
    assert_eq!(schemas["BatchCheckRequest"]["properties"]["products"]["maxItems"], 7);
    assert_eq!(schemas["BatchProduct"]["properties"]["id"]["maxLength"], 11);
    assert_eq!(
        schemas["IngredientCheckRequest"]["properties"]["product_name"]["maxLength"],
        11
    );
    let forms = &schemas["IngredientsInput"]["oneOf"];
    assert_eq!(forms[0]["maxLength"], 1234);
    assert_eq!(forms[1]["maxItems"], 9);
    assert_eq!(forms[1]["items"]["maxLength"], 1234);
    // And the server holds to them.
    let over = app
        .post_json(
            "/v1/ingredient-checks",
            &serde_json::json!({"ingredients": "Water", "product_name": "x".repeat(12)}),
        )
        .await;
    assert_eq!(over.status(), 422);
}

#[tokio::test]
async fn with_docs_disabled_the_docs_routes_do_not_exist() {
    let mut settings = crate::helpers::test_settings();
    settings.docs.enabled = false;
    let app = crate::helpers::spawn_app_with(settings).await;
    assert_eq!(app.get("/docs").await.status(), 404);
    assert_eq!(app.get("/docs/index.html").await.status(), 404);
    let index: serde_json::Value = app.get("/").await.json().await.unwrap();
    assert!(index["links"]["docs"].is_null());
}

#[tokio::test]
async fn headers_the_server_sends_are_documented_in_the_spec() {
    let app = spawn_app().await;
    let spec: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    let responses = &spec["components"]["responses"];
    assert!(responses["TooManyRequests"]["headers"]["Retry-After"].is_object());
    assert!(responses["Unauthorized"]["headers"]["WWW-Authenticate"].is_object());
    let phases = app.get("/v1/phases").await;
    assert_eq!(phases.headers()["content-language"], "en");
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            let headers = &operation["responses"]["200"]["headers"];
            assert!(headers["Content-Language"].is_object(), "{method} {path}: {headers}");
        }
    }
}

#[tokio::test]
async fn the_overrides_limit_in_the_spec_is_the_one_the_server_enforces() {
    let app = spawn_app().await;
    let spec: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    let overrides = &spec["components"]["schemas"]["AftercarePlanRequest"]["properties"]["overrides"];
    let max = overrides["maxProperties"]
        .as_u64()
        .expect("maxProperties is documented") as usize;
    assert_eq!(overrides["propertyNames"]["maxLength"], 64);
    assert!(overrides["propertyNames"]["pattern"].is_string());
    let too_many: serde_json::Map<String, serde_json::Value> =
        (0..=max).map(|i| (format!("rule-{i}"), "P7D".into())).collect();
    let body = serde_json::json!({"treated_at": "2026-03-07T10:00:00Z", "overrides": too_many});
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 422);
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["pointer"], "/overrides");
    assert_eq!(problem["errors"][0]["rule"], format!("must have at most {max} entries"));
}

#[tokio::test]
async fn the_served_spec_points_at_the_configured_public_base_url_else_relative() {
    let app = spawn_app().await;
    let spec: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    assert_eq!(
        spec["servers"][0]["url"], "/",
        "relative: Swagger UI works on any port and behind a proxy"
    );

    let mut settings = crate::helpers::test_settings();
    settings.server.public_base_url = "https://api.clinic.example/aftercare/".to_owned();
    let app = crate::helpers::spawn_app_with(settings).await;
    let spec: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    assert_eq!(spec["servers"][0]["url"], "https://api.clinic.example/aftercare");
    assert_eq!(spec["servers"].as_array().map(Vec::len), Some(1));
}
