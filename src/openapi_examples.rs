//! Response examples computed from the compiled-in content, so every documented answer is one the
//! service really gives (for a fixed treatment: 2026-03-07T10:00:00-05:00, America/New_York).

use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi, RefOr};

use crate::formats::{fhir, html, ics};
use crate::ingredients::IngredientsInput;
use crate::protocol::{At, Overrides, PatientZone, Protocol, TreatedAt};
use crate::routes::ingredient_dto::{BatchCheckResponse, BatchCheckResult};
use crate::routes::ingredients::IngredientService;
use crate::routes::plan_input::TimingFields;

const JSON: &str = "application/json";
const TREATED_AT: &str = "2026-03-07T10:00:00-05:00";
const AT: &str = "2026-03-09T12:00:00Z";
const LABEL: &str = "Ingredients: Aqua (Water), Glycerin, Sodium Salicylate, Niacinamide, Aloe Barbadensis Leaf Juice";

/// Sets the `200` example of every `/v1` operation from the loaded content.
pub fn add_response_examples(api: &mut OpenApi, protocol: &Protocol, service: &IngredientService) {
    let Some(examples) = Examples::compute(protocol, service) else {
        return;
    };
    for (path, method, media_type, value) in examples.0 {
        let item = api.paths.paths.get_mut(path);
        let operation = item.and_then(|item| match method {
            "post" => item.post.as_mut(),
            _ => item.get.as_mut(),
        });
        if let Some(operation) = operation {
            set_success_example(operation, media_type, value);
        }
    }
}

fn set_success_example(operation: &mut Operation, media_type: &str, value: serde_json::Value) {
    if let Some(RefOr::T(response)) = operation.responses.responses.get_mut("200")
        && let Some(RefOr::T(content)) = response.content.get_mut(media_type)
    {
        content.example = Some(value);
    }
}

struct Examples(Vec<(&'static str, &'static str, &'static str, serde_json::Value)>);

impl Examples {
    fn compute(protocol: &Protocol, service: &IngredientService) -> Option<Self> {
        let treated_at = TreatedAt::parse(TREATED_AT).ok()?;
        let zone = PatientZone::parse(Some("America/New_York"), &treated_at).ok()?;
        let locale = protocol.negotiate(Some("en"), None).ok()?;
        let none = Overrides::none();
        let at = At::parse(AT).ok()?;

        let plan = protocol.plan(&treated_at, &zone, &locale, &none);
        let lookup = protocol.phase_at(&treated_at, &at, &zone, &locale, &none).ok()?;
        let mut phases = protocol.phase_descriptions(&locale);
        phases.truncate(2);
        let phase = protocol.phase_description("hours-24-to-72", &locale)?;

        let timing = TimingFields {
            treated_at: Some(treated_at),
            at: Some(at),
            zone: Some(zone),
            locale,
            overrides: none,
        };
        let input = IngredientsInput::Text(LABEL.to_owned());
        let check = service
            .check(&input, Some("Clarifying cleanser".to_owned()), &timing)
            .ok()?;
        let second = service
            .check(
                &IngredientsInput::List(vec!["Niacinamide".into(), "Glycerin".into()]),
                None,
                &timing,
            )
            .ok()?;
        let batch = BatchCheckResponse {
            count: 2,
            results: vec![
                BatchCheckResult {
                    id: "sku-1".into(),
                    result: service.check(&input, None, &timing).ok()?,
                },
                BatchCheckResult {
                    id: "sku-2".into(),
                    result: second,
                },
            ],
        };
        let mut entries = service.listing_entries(&timing.locale)?;
        let entry = entries.iter().find(|entry| entry.id == "sodium-salicylate")?.clone();
        entries.truncate(3);

        let ics = serde_json::Value::String(ics::render(&plan, ""));
        let fhir = fhir::render(&plan, Some("Patient/123"));
        let html = serde_json::Value::String(html::render(&plan));
        let mut examples = vec![
            ("/v1/aftercare-plan", "get", JSON, serde_json::to_value(&plan).ok()?),
            ("/v1/aftercare-plan", "post", JSON, serde_json::to_value(&plan).ok()?),
            ("/v1/phases/current", "get", JSON, serde_json::to_value(&lookup).ok()?),
            ("/v1/phases", "get", JSON, serde_json::to_value(&phases).ok()?),
            ("/v1/phases/{phase_id}", "get", JSON, serde_json::to_value(&phase).ok()?),
            (
                "/v1/ingredient-checks",
                "post",
                JSON,
                serde_json::to_value(&check).ok()?,
            ),
            (
                "/v1/ingredient-checks/batch",
                "post",
                JSON,
                serde_json::to_value(&batch).ok()?,
            ),
            ("/v1/ingredients", "get", JSON, serde_json::to_value(&entries).ok()?),
            (
                "/v1/ingredients/{ingredient_id}",
                "get",
                JSON,
                serde_json::to_value(&entry).ok()?,
            ),
        ];
        for method in ["get", "post"] {
            examples.push(("/v1/aftercare-plan", method, "text/calendar", ics.clone()));
            examples.push(("/v1/aftercare-plan", method, "application/fhir+json", fhir.clone()));
            examples.push(("/v1/aftercare-plan", method, "text/html", html.clone()));
        }
        Some(Self(examples))
    }
}
