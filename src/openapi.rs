//! The OpenAPI document: the root below, every path collected from the handlers registered in
//! [`crate::routes::configure`], then the responses every operation shares (problems and the
//! `X-Request-Id` header) added in one place.

use actix_web::App;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, Response, ResponseBuilder, Type};
use utoipa_actix_web::AppExt;

use crate::problem::{FieldError, PROBLEM_JSON, ProblemDetails, ProblemKind};

/// The root of the spec; paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Aftercare API",
        description = "Tells patients, clinics and apps how to care for skin after a microneedling treatment: \
the aftercare plan, product-ingredient safety checks and the current healing phase.\n\n\
Every error is an RFC 9457 `application/problem+json` document that names the field and the rule broken, \
never the submitted value. Every response carries `X-Request-Id`.",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "Aftercare API maintainers")
    ),
    servers((url = "http://127.0.0.1:8080", description = "Local run with built-in defaults")),
    tags(
        (name = "meta", description = "The service index and this document."),
        (name = "health", description = "Liveness and readiness probes for orchestrators."),
        (name = "aftercare-plan", description = "The whole healing timeline computed from the treatment time."),
        (name = "ingredients", description = "Product-ingredient safety checks and the ingredient knowledge base."),
        (name = "phases", description = "The healing phases, and which one a patient is in at a given moment."),
    ),
    components(schemas(ProblemDetails, FieldError))
)]
pub struct ApiDoc;

/// Security scheme name of the API keys.
const API_KEY: &str = "api_key";

/// Header component name of the request id.
const REQUEST_ID: &str = "X-Request-Id";

/// Builds the full spec, loading the compiled-in content for the examples (for `aftercare openapi`
/// and tests; the server passes the content it already loaded to [`openapi_for`]). Content that
/// fails to load leaves the examples out; start-up reports that failure on its own.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let content = crate::protocol::Protocol::load().ok().and_then(|protocol| {
        let checker = crate::ingredients::IngredientChecker::embedded().ok()?;
        let limits = crate::settings::LimitSettings::default();
        let service = crate::routes::ingredients::IngredientService::build(checker, &protocol, limits).ok()?;
        Some((protocol, service))
    });
    match content {
        Some((protocol, service)) => openapi_for(&protocol, &service),
        None => {
            let mut api = paths_and_shared_responses();
            apply_limits(&mut api, &crate::settings::LimitSettings::default());
            api
        }
    }
}

/// Builds the full spec with examples computed from already loaded content.
pub fn openapi_for(
    protocol: &crate::protocol::Protocol,
    ingredients: &crate::routes::ingredients::IngredientService,
) -> utoipa::openapi::OpenApi {
    let mut api = paths_and_shared_responses();
    apply_limits(&mut api, ingredients.limits());
    crate::openapi_examples::add_response_examples(&mut api, protocol, ingredients);
    api
}

/// Writes the configured `[limits]` into the request schemas as JSON Schema keywords, so the spec a
/// server serves states the bounds it enforces (the committed spec has the defaults). The total
/// of an `ingredients` list is bounded too, which JSON Schema cannot say: each string gets the bound.
fn apply_limits(api: &mut utoipa::openapi::OpenApi, limits: &crate::settings::LimitSettings) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayItems, Schema};

    let Some(components) = api.components.as_mut() else {
        return;
    };
    let schemas = &mut components.schemas;
    let mut string_property = |schema: &str, property: &str, max_length: usize| {
        if let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(schema)
            && let Some(RefOr::T(Schema::Object(field))) = object.properties.get_mut(property)
        {
            field.max_length = Some(max_length);
        }
    };
    string_property("IngredientCheckRequest", "product_name", limits.product_name_chars);
    string_property("BatchProduct", "id", limits.product_name_chars);
    string_property("BatchProduct", "product_name", limits.product_name_chars);
    if let Some(RefOr::T(Schema::Object(batch))) = schemas.get_mut("BatchCheckRequest")
        && let Some(RefOr::T(Schema::Array(products))) = batch.properties.get_mut("products")
    {
        products.min_items = Some(1);
        products.max_items = Some(limits.batch_max_products);
    }
    if let Some(RefOr::T(Schema::OneOf(input))) = schemas.get_mut("IngredientsInput") {
        for form in &mut input.items {
            match form {
                RefOr::T(Schema::Object(text)) => text.max_length = Some(limits.ingredient_text_chars),
                RefOr::T(Schema::Array(list)) => {
                    list.max_items = Some(limits.ingredient_list_items);
                    if let ArrayItems::RefOrSchema(item) = &mut list.items
                        && let RefOr::T(Schema::Object(text)) = item.as_mut()
                    {
                        text.max_length = Some(limits.ingredient_text_chars);
                    }
                }
                _ => {}
            }
        }
    }
}

fn paths_and_shared_responses() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    add_shared_responses(&mut api);
    api
}

/// The spec as pretty JSON with a final newline: exactly the committed `openapi/openapi.json`.
pub fn to_json(api: &utoipa::openapi::OpenApi) -> String {
    let mut json = api.to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// The spec as YAML.
pub fn to_yaml(api: &utoipa::openapi::OpenApi) -> String {
    api.to_yaml().unwrap_or_default()
}

/// Problems every operation can answer, beyond those each handler documents itself.
const SHARED_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::NotAcceptable,
        "NotAcceptable",
        "None of the media types in `Accept` can be produced.",
    ),
    (
        ProblemKind::Internal,
        "InternalError",
        "A defect on our side; the body never says more than that.",
    ),
];

/// Answers every `/v1` operation may give when access control or rate limiting is switched on.
const V1_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::Unauthorized,
        "Unauthorized",
        "A key is required (`auth.enabled`) and was missing or not valid.",
    ),
    (
        ProblemKind::TooManyRequests,
        "TooManyRequests",
        "The client used up its rate limit (`rate_limit.enabled`); `Retry-After` says when to retry.",
    ),
];

/// Problems of every operation that takes a JSON body.
const BODY_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::MalformedJson,
        "MalformedJson",
        "The body is not well-formed JSON.",
    ),
    (
        ProblemKind::PayloadTooLarge,
        "PayloadTooLarge",
        "The body is larger than `limits.json_body_bytes` (64 KiB by default).",
    ),
    (
        ProblemKind::UnsupportedMediaType,
        "UnsupportedMediaType",
        "The body is not sent as `application/json`, or is sent with a `Content-Encoding` other than `identity` (compressed bodies are not read).",
    ),
    (
        ProblemKind::Validation,
        "ValidationError",
        "The body breaks a rule; `errors` names each field and rule.",
    ),
];

fn add_shared_responses(api: &mut utoipa::openapi::OpenApi) {
    api.components.get_or_insert_with(Default::default).add_security_scheme(
        API_KEY.to_owned(),
        utoipa::openapi::security::SecurityScheme::Http(
            utoipa::openapi::security::HttpBuilder::new()
                .scheme(utoipa::openapi::security::HttpAuthScheme::Bearer)
                .description(Some(
                    "An API key, when the operator has set `auth.enabled`; the service stores only its SHA-256 digest.",
                ))
                .build(),
        ),
    );
    api.components.get_or_insert_with(Default::default).headers.insert(
        REQUEST_ID.to_owned(),
        RefOr::T(
            HeaderBuilder::new()
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(Type::String)
                        .max_length(Some(64)),
                ))
                .description(Some(
                    "The request id: the caller's own when it sent a well-formed one (1-64 characters of \
A-Z a-z 0-9 . _ -), else a generated UUID.",
                ))
                .build(),
        ),
    );
    let mut used = std::collections::BTreeSet::new();
    for (path, item) in api.paths.paths.iter_mut() {
        let is_v1 = path.starts_with("/v1/");
        for operation in operations_mut(item) {
            // Keys are needed only where access control is switched on (`auth.enabled`): both are valid.
            if is_v1 {
                operation.security = Some(vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new(API_KEY, Vec::<String>::new()),
                ]);
            } else {
                operation
                    .security
                    .get_or_insert_with(|| vec![SecurityRequirement::default()]);
            }
            let takes_body = operation.request_body.is_some();
            let shared = SHARED_PROBLEMS
                .iter()
                .chain(if takes_body { BODY_PROBLEMS } else { &[] })
                .chain(if is_v1 { V1_PROBLEMS } else { &[] });
            for (kind, name, description) in shared {
                let status = kind.status().as_str().to_owned();
                if let std::collections::btree_map::Entry::Vacant(entry) = operation.responses.responses.entry(status) {
                    entry.insert(RefOr::Ref(Ref::from_response_name(*name)));
                    used.insert((*kind, *name, *description));
                }
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let RefOr::T(response) = response {
                    response
                        .headers
                        .entry(REQUEST_ID.to_owned())
                        .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/headers/{REQUEST_ID}"))));
                    // Every `/v1` answer is in a negotiated language (`routes::localized`, the plan formats, the batch).
                    if is_v1 && status == "200" {
                        response.headers.entry(CONTENT_LANGUAGE.to_owned()).or_insert_with(|| {
                            RefOr::T(string_header("The negotiated language of the answer, e.g. `es`."))
                        });
                    }
                }
            }
        }
    }
    let components = api.components.get_or_insert_with(Default::default);
    for (kind, name, description) in used {
        let example = serde_json::json!({
            "type": kind.type_uri(),
            "title": kind.title(),
            "status": kind.status().as_u16(),
            "detail": description,
            "instance": "urn:aftercare:request:0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51",
            "request_id": "0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51"
        });
        let mut response = problem_response(description, Some(example));
        match kind {
            ProblemKind::TooManyRequests => {
                let retry_after = HeaderBuilder::new()
                    .schema(Some(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(0)),
                    ))
                    .description(Some("Seconds to wait before the next request."))
                    .build();
                response.headers.insert("Retry-After".to_owned(), RefOr::T(retry_after));
            }
            ProblemKind::Unauthorized => {
                response.headers.insert(
                    "WWW-Authenticate".to_owned(),
                    RefOr::T(string_header("Always `Bearer realm=\"aftercare\"`.")),
                );
            }
            _ => {}
        }
        components.responses.insert(name.to_owned(), RefOr::T(response));
    }
}

/// Header name of the negotiated language.
const CONTENT_LANGUAGE: &str = "Content-Language";

fn string_header(description: &str) -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(Some(utoipa::openapi::ObjectBuilder::new().schema_type(Type::String)))
        .description(Some(description))
        .build()
}

fn problem_response(description: &str, example: Option<serde_json::Value>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .header_ref(REQUEST_ID, Ref::new(format!("#/components/headers/{REQUEST_ID}")))
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemDetails")))
                .example(example)
                .build(),
        )
        .build()
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_an_id_a_tag_a_summary_and_problem_responses() {
        let api = openapi();
        for (path, item) in &api.paths.paths {
            for operation in [&item.get, &item.post, &item.put, &item.delete].into_iter().flatten() {
                assert!(operation.operation_id.is_some(), "{path} has no operationId");
                assert!(
                    operation.tags.as_ref().is_some_and(|t| !t.is_empty()),
                    "{path} has no tag"
                );
                assert!(operation.summary.is_some(), "{path} has no summary");
                for status in ["406", "500"] {
                    assert!(
                        operation.responses.responses.contains_key(status),
                        "{path} lacks {status}"
                    );
                }
            }
        }
    }
}
