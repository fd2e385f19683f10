use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, problem_of, spawn_app, spawn_app_with, test_settings};

async fn check(app: &TestApp, body: Value) -> reqwest::Response {
    app.post_json("/v1/ingredient-checks", &body).await
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[tokio::test]
async fn a_label_with_a_salicylate_is_avoid_until_the_window_ends() {
    let app = spawn_app().await;
    let label = "Ingredients: Aqua (Water), Glycerin, Sodium Salicylate, Aloe Barbadensis Leaf Juice";
    let response = check(&app, json!({"ingredients": label, "treated_at": "2026-06-01T08:00:00Z", "at": "2026-06-03T08:00:00Z", "timezone": "Europe/Madrid", "product_name": "Cleanser"})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["verdict"], "avoid");
    assert_eq!(body["product_name"], "Cleanser");
    assert_eq!(body["restricted_until"], "2026-06-08T08:00:00Z");
    assert_eq!(body["restricted_until_local"], "2026-06-08T10:00:00+02:00");
    let flagged = &body["flagged"][0];
    assert_eq!(flagged["ingredient_id"], "sodium-salicylate");
    assert_eq!(flagged["active"], "salicylic-acid");
    assert_eq!(flagged["match"], "derivative");
    let span = &flagged["span"];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(char_slice(label, start, end), flagged["text"].as_str().unwrap());
    assert_eq!(body["beneficial"][0]["ingredient_id"], "aloe-vera");
    assert!(body["ingredients"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn after_the_window_a_found_active_is_caution_and_says_when_its_window_ended() {
    let app = spawn_app().await;
    let body: Value = check(&app, json!({"ingredients": ["Water", "Glycolic Acid 10%"], "treated_at": "2026-06-01T08:00:00Z", "at": "2026-06-20T08:00:00Z"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["verdict"], "caution");
    assert_eq!(body["label_verdict"], "avoid");
    assert_eq!(body["restriction_ended_at"], "2026-06-08T08:00:00Z");
}

#[tokio::test]
async fn claims_of_absence_and_may_contain_clauses_are_not_presence() {
    let app = spawn_app().await;
    let free: Value = check(
        &app,
        json!({"ingredients": "Salicylic acid-free formula. Ingredients: Water, Glycerin, Niacinamide"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(free["verdict"], "none-found", "{free}");
    let may: Value = check(
        &app,
        json!({"ingredients": "Ingredients: Water, Glycerin. May contain: Salicylic Acid"}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(may["verdict"], "caution", "{may}");
    assert_eq!(may["flagged"][0]["match"], "possible");
}

#[tokio::test]
async fn reasons_are_localised_in_spanish() {
    let app = spawn_app().await;
    let response = app
        .request(Method::POST, "/v1/ingredient-checks")
        .header("Accept-Language", "es")
        .json(&json!({"ingredients": "Benzoyl Peroxide 5%"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "es");
    let body: Value = response.json().await.unwrap();
    assert!(
        body["flagged"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("peróxido de benzoilo"),
        "{body}"
    );
}

#[tokio::test]
async fn every_broken_limit_is_a_422_pointing_at_the_field() {
    let app = spawn_app().await;
    let cases = [
        (json!({"ingredients": "a".repeat(20_001)}), "/ingredients"),
        (json!({"ingredients": vec!["Water"; 501]}), "/ingredients"),
        (json!({"ingredients": "   "}), "/ingredients"),
        (
            json!({"ingredients": "Water", "product_name": "n".repeat(201)}),
            "/product_name",
        ),
        (
            json!({"ingredients": "Water", "treated_at": "2026-06-01T08:00:00Z", "at": "2026-05-01T08:00:00Z"}),
            "/at",
        ),
        (json!({"ingredients": "Water", "timezone": "Secret/Zone"}), "/timezone"),
        (json!({"ingredients": {"secret": 1}}), "/ingredients"),
        (json!({"ingredients": ["Water", 7, "Glycerin"]}), "/ingredients/1"),
        (json!({"ingredients": null}), "/ingredients"),
    ];
    for (body, pointer) in cases {
        let response = check(&app, body).await;
        assert_eq!(response.status(), 422, "{pointer}");
        let problem = problem_of(response).await;
        let pointers: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["pointer"].as_str())
            .collect();
        assert!(pointers.contains(&pointer), "{pointer}: {problem}");
        assert!(
            !problem.to_string().contains("Secret") && !problem.to_string().contains("secret"),
            "{problem}"
        );
    }
}

#[tokio::test]
async fn a_batch_answers_in_order_and_points_at_the_broken_product() {
    let app = spawn_app().await;
    let products = json!([
        {"id": "a", "ingredients": "Water, Glycolic Acid 10%"},
        {"id": "b", "ingredients": ["Niacinamide", "Glycerin"], "product_name": "Serum"},
        {"id": "c", "ingredients": "Water, Salix Alba Bark Extract"}
    ]);
    let response = app
        .post_json("/v1/ingredient-checks/batch", &json!({"products": products}))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["count"], 3);
    let verdicts: Vec<(&str, &str)> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(verdicts, [("a", "avoid"), ("b", "none-found"), ("c", "caution")]);

    let broken = json!({"products": [{"id": "a", "ingredients": "Water"}, {"id": "b", "ingredients": ""}]});
    let response = app.post_json("/v1/ingredient-checks/batch", &broken).await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        problem_of(response).await["errors"][0]["pointer"],
        "/products/1/ingredients"
    );
}

#[tokio::test]
async fn batch_limits_are_configurable_and_answered_with_413_and_422() {
    let mut settings = test_settings();
    settings.limits.json_body_bytes = 1024;
    settings.limits.batch_body_bytes = 4096;
    settings.limits.batch_max_products = 2;
    let app = spawn_app_with(settings).await;
    let three = json!({"products": [{"id": "a", "ingredients": "Water"}, {"id": "b", "ingredients": "Water"}, {"id": "c", "ingredients": "Water"}]});
    let response = app.post_json("/v1/ingredient-checks/batch", &three).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], "/products");
    assert!(problem["errors"][0]["rule"].as_str().unwrap().contains("at most 2"));

    let big = json!({"products": [{"id": "a", "ingredients": "w".repeat(5000)}]});
    let response = app.post_json("/v1/ingredient-checks/batch", &big).await;
    assert_eq!(response.status(), 413);
    // The batch limit is larger than the single-check limit.
    let medium = json!({"products": [{"id": "a", "ingredients": "Water, ".repeat(300)}]});
    let response = app.post_json("/v1/ingredient-checks/batch", &medium).await;
    assert_eq!(response.status(), 200);
    let single = check(&app, json!({"ingredients": "Water, ".repeat(300)})).await;
    assert_eq!(single.status(), 413);
}

#[tokio::test]
async fn the_knowledge_base_is_listed_and_each_entry_found_by_id() {
    let app = spawn_app().await;
    let entries: Vec<Value> = app.get("/v1/ingredients").await.json().await.unwrap();
    let salicylic = entries
        .iter()
        .find(|e| e["id"] == "salicylic-acid")
        .expect("salicylic acid listed");
    assert_eq!(salicylic["severity"], "avoid");
    assert_eq!(salicylic["rule_id"], "avoid-active-ingredients");
    assert_eq!(salicylic["rule_ends_after"], "PT168H");
    assert!(salicylic["cas"].as_array().unwrap().contains(&json!("69-72-7")));
    let octisalate = entries
        .iter()
        .find(|e| e["inci"] == "Ethylhexyl Salicylate")
        .expect("octisalate listed");
    assert!(octisalate["severity"].is_null());
    assert!(octisalate["at_strength"].is_null());
    let citric = entries
        .iter()
        .find(|e| e["id"] == "citric-acid")
        .expect("citric acid listed");
    assert!(citric["severity"].is_null());
    let at_strength = &citric["at_strength"];
    assert_eq!(at_strength["at_least_percent"], 5.0);
    assert_eq!(at_strength["within_first"], 5);
    assert_eq!(at_strength["severity"], "caution");
    assert_eq!(at_strength["rule_id"], "avoid-exfoliating-products");
    assert!(!at_strength["reason"].as_str().unwrap().contains("small amounts"));

    let response = app.get("/v1/ingredients/niacinamide?locale=es").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-language"], "es");
    let missing = app.get("/v1/ingredients/unobtainium").await;
    assert_eq!(missing.status(), 404);
    problem_of(missing).await;
}

#[tokio::test]
async fn a_name_broken_across_a_windows_line_break_is_still_found() {
    let app = spawn_app().await;
    for label in [
        "Aqua, Glycolic\r\nAcid, Glycerin",
        "Aqua, Benzoyl\r\nPeroxide, Glycerin",
        "Aqua,\r\nSalicylic Acid",
    ] {
        let body: Value = check(&app, json!({"ingredients": label})).await.json().await.unwrap();
        assert_eq!(body["verdict"], "avoid", "{label:?}: {body}");
    }
}

#[tokio::test]
async fn a_full_batch_streams_one_result_per_product_as_valid_json() {
    let app = spawn_app().await;
    let products: Vec<Value> = (0..1000)
        .map(|i| json!({"id": format!("p{i}"), "ingredients": "Water, Glycerin, Salicylic Acid"}))
        .collect();
    let response = app
        .post_json("/v1/ingredient-checks/batch", &json!({"products": products}))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["count"], 1000);
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 1000);
    assert_eq!(results[999]["id"], "p999");
    assert!(results.iter().all(|r| r["verdict"] == "avoid"));
}

#[tokio::test]
async fn answers_are_bounded_by_the_ingredients_a_label_reads_as() {
    let mut settings = test_settings();
    settings.limits.label_items = 100;
    settings.limits.batch_items = 150;
    let app = spawn_app_with(settings).await;

    // A short body that reads as many ingredients (each one flagged and answered).
    let response = check(&app, json!({"ingredients": "aha,".repeat(101)})).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], "/ingredients");
    assert_eq!(
        problem["errors"][0]["rule"],
        "must read as at most 100 ingredients once parsed"
    );
    // The same past 2,000 bytes is checked in the pool, with the same bound.
    let long = check(&app, json!({"ingredients": "aha,".repeat(600)})).await;
    assert_eq!(long.status(), 422);
    assert_eq!(
        check(&app, json!({"ingredients": "aha,".repeat(100)})).await.status(),
        200
    );
    let long_fine = format!("{}aha", "Water and glycerin in a long note. ".repeat(70));
    assert_eq!(check(&app, json!({"ingredients": long_fine})).await.status(), 200);

    // A batch is refused before any product is checked: per product and in all.
    let products = json!([
        {"id": "a", "ingredients": "aha,".repeat(80)},
        {"id": "b", "ingredients": "aha,".repeat(101)},
    ]);
    let response = app
        .post_json("/v1/ingredient-checks/batch", &json!({"products": products}))
        .await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/products/1/ingredients", "/products"]);
    let fine = json!([{"id": "a", "ingredients": "aha,".repeat(70)}, {"id": "b", "ingredients": "aha,".repeat(70)}]);
    let response = app
        .post_json("/v1/ingredient-checks/batch", &json!({"products": fine}))
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["count"], 2);
}
