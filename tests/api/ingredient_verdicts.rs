//! What an ingredient check says it found: the four verdicts, the summary, the caveat and the
//! coverage, on the fixture content (its answer texts are not the shipped wording).

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_fixture_app};

async fn check(app: &TestApp, body: Value) -> Value {
    let response = app.post_json("/v1/ingredient-checks", &body).await;
    assert_eq!(response.status(), 200, "{body}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_label_with_nothing_to_read_is_unreadable_never_none_found() {
    let app = spawn_fixture_app().await;
    for label in [
        ",,,,",
        "Ingredients:",
        "()",
        "-",
        "*",
        "...",
        "\u{200B}",
        " ; ; ",
        "\u{FEFF}\u{2060}",
    ] {
        let body = check(&app, json!({"ingredients": label})).await;
        assert_eq!(body["verdict"], "unreadable", "{label:?}: {body}");
        assert_eq!(body["label_verdict"], "unreadable", "{label:?}");
        assert_eq!(body["summary"], "Fixture unreadable.", "{label:?}");
        assert_eq!(body["caveat"], "Fixture caveat.", "{label:?}");
        assert_eq!(body["coverage"]["items_read"], 0, "{label:?}");
    }
    let list = check(&app, json!({"ingredients": [",", "  "]})).await;
    assert_eq!(list["verdict"], "unreadable", "{list}");
}

#[tokio::test]
async fn a_read_label_without_restricted_ingredients_is_none_found_with_the_caveat() {
    let app = spawn_fixture_app().await;
    let body = check(
        &app,
        json!({"ingredients": "Ingredients: Water, Glycerin, Fixture Soothing Gel"}),
    )
    .await;
    assert_eq!(body["verdict"], "none-found", "{body}");
    assert_eq!(body["summary"], "Fixture none found in 3 ingredients.");
    assert_eq!(body["caveat"], "Fixture caveat.");
    assert_eq!(body["coverage"]["items_read"], 3);
    assert_eq!(body["coverage"]["items_recognised"], 1);
    assert_eq!(body["coverage"]["not_read"], json!([]));
}

#[tokio::test]
async fn the_summary_names_what_was_found_in_the_requested_language() {
    let app = spawn_fixture_app().await;
    let body = check(&app, json!({"ingredients": "Water, Fixturic Acid 2%", "locale": "es"})).await;
    assert_eq!(body["verdict"], "avoid", "{body}");
    assert_eq!(body["summary"], "Evitar (fixture): Fixturic Acid.");
    assert_eq!(body["caveat"], "Advertencia (fixture).");
}

#[tokio::test]
async fn text_the_parser_did_not_read_is_listed_in_coverage() {
    let app = spawn_fixture_app().await;
    let label = "Best fixture serum ever. Ingredients: Water, Glycerin";
    let body = check(&app, json!({"ingredients": label})).await;
    let not_read = body["coverage"]["not_read"].as_array().unwrap();
    assert_eq!(not_read.len(), 1, "{body}");
    let (start, end) = (
        not_read[0]["start"].as_u64().unwrap(),
        not_read[0]["end"].as_u64().unwrap(),
    );
    let text: String = label
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(text, "Best fixture serum ever. Ingredients");
}

#[tokio::test]
async fn one_flag_stands_for_every_mention_of_an_ingredient_and_spans_the_printed_name() {
    let app = spawn_fixture_app().await;
    let label = "Fixturic Acid gel, Water, Fixturic Acid 2%";
    let body = check(&app, json!({"ingredients": label})).await;
    let flagged = body["flagged"].as_array().unwrap();
    assert_eq!(flagged.len(), 1, "{body}");
    assert_eq!(flagged[0]["text"], "Fixturic Acid");
    assert_eq!(flagged[0]["position"], 3, "the list entry that is only the name wins");
    assert_eq!(flagged[0]["mentions"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_avoided_ingredient_whose_window_ended_is_still_reported_as_caution() {
    let app = spawn_fixture_app().await;
    let body = check(
        &app,
        json!({"ingredients": "Water, Fixturic Acid", "treated_at": "2026-06-01T08:00:00Z", "at": "2026-09-01T08:00:00Z"}),
    )
    .await;
    assert_eq!(
        (body["verdict"].as_str(), body["label_verdict"].as_str()),
        (Some("caution"), Some("avoid")),
        "{body}"
    );
    assert_eq!(body["summary"], "Fixture caution: Fixturic Acid.");
}

#[tokio::test]
async fn an_entry_reads_at_strength_from_a_stated_concentration_or_a_high_place() {
    let app = spawn_fixture_app().await;
    let low = "Water, Glycerin, Squalane, Fixture Adjuster";

    let strong = check(&app, json!({"ingredients": format!("{low} 10%")})).await;
    let high = check(&app, json!({"ingredients": "Fixture Adjuster, Water"})).await;
    let weak = check(&app, json!({"ingredients": low})).await;
    let stated_low = check(&app, json!({"ingredients": "Fixture Adjuster 1%, Water"})).await;

    for body in [&strong, &high] {
        assert_eq!(body["verdict"], "caution", "{body}");
        let flag = &body["flagged"][0];
        assert_eq!(flag["ingredient_id"], "fixture-adjuster");
        assert_eq!(flag["class"], "fixture-scrub");
        assert_eq!(flag["rule_id"], "fixture-avoid-guidance");
        assert_eq!(
            flag["reason"],
            "Fixture reason: an adjuster at 5% or more, or within the first 3."
        );
    }
    for body in [&weak, &stated_low] {
        assert_eq!(body["verdict"], "none-found", "{body}");
        let note = body["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["ingredient_id"] == "fixture-adjuster");
        let reason = &note.expect("a not-restricted note")["reason"];
        assert_eq!(reason, "Fixture reason: an adjuster below 5% and after the first 3.");
    }
}
