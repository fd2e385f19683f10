use chrono::Utc;

use super::*;

/// Checks one label text in English without a treatment time.
fn check_text(text: &str) -> IngredientCheck {
    let checker = IngredientChecker::embedded().expect("builds");
    let windows = RestrictionWindows::new();
    let options = CheckOptions {
        language: "en",
        windows: &windows,
        treated_at: None,
        at: Utc::now(),
    };
    checker
        .check(&IngredientsInput::Text(text.into()), &options)
        .expect("checks")
}

#[test]
fn the_embedded_checker_builds_and_checks_a_label() {
    let result = check_text("Water, Glycerin");
    assert_eq!(result.verdict, Verdict::NoneFound);
    assert_eq!(result.ingredients.len(), 2);
}

#[test]
fn results_serialise_with_snake_case_keys_and_match_field() {
    let result = check_text("Salicylic Acid");
    let json = serde_json::to_value(&result).expect("serialises");
    assert_eq!(json["verdict"], "avoid");
    assert_eq!(json["flagged"][0]["match"], "name");
    assert_eq!(json["flagged"][0]["span"]["end"], 14);
}

#[test]
fn input_accepts_a_string_or_an_array() {
    let text: IngredientsInput = serde_json::from_str("\"Water, Glycerin\"").expect("string");
    let list: IngredientsInput = serde_json::from_str("[\"Water\", \"Glycerin\"]").expect("array");
    assert_eq!(text.items(), ["Water, Glycerin"]);
    assert_eq!(list.items(), ["Water", "Glycerin"]);
    let escaped: IngredientsInput = serde_json::from_str(r#""Aqua \"Water\"""#).expect("escaped string");
    assert_eq!(escaped.items(), ["Aqua \"Water\""]);
    let empty: IngredientsInput = serde_json::from_str("[]").expect("empty array");
    assert!(empty.items().is_empty());
    for other in ["1", "null", "true", "{}", r#"["Water", 1]"#, r#"[["Water"]]"#] {
        let error = serde_json::from_str::<IngredientsInput>(other)
            .expect_err(other)
            .to_string();
        assert!(error.starts_with("invalid type"), "{other}: {error}");
    }
}

#[test]
fn output_types_document_themselves_as_openapi_schemas() {
    use utoipa::OpenApi;

    #[derive(OpenApi)]
    #[openapi(components(schemas(IngredientCheck, IngredientsInput)))]
    struct Doc;

    let json = serde_json::to_value(Doc::openapi()).expect("serialises");
    let schemas = &json["components"]["schemas"];
    for name in [
        "IngredientCheck",
        "FlaggedIngredient",
        "BeneficialIngredient",
        "ParsedIngredient",
        "CheckNote",
        "Span",
        "Verdict",
        "MatchKind",
    ] {
        assert!(schemas.get(name).is_some(), "{name} missing");
    }
    assert!(schemas["FlaggedIngredient"]["properties"].get("match").is_some());
}

#[test]
fn windows_can_be_collected_from_protocol_rules() {
    let windows: RestrictionWindows = [("avoid-active-ingredients".to_owned(), chrono::Duration::days(7))]
        .into_iter()
        .collect();
    assert_eq!(windows.get("avoid-active-ingredients"), Some(chrono::Duration::days(7)));
    assert_eq!(windows.get("unknown"), None);
}
