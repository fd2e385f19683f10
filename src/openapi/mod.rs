//! The OpenAPI document: the root below, every path collected from the handlers registered in
//! [`crate::routes::configure`], then the responses every operation shares (problems and the
//! `X-Request-Id` header) added in one place.

mod limits;
mod shared_responses;

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::problem::{FieldError, ProblemDetails};
use limits::apply_limits;
use shared_responses::add_shared_responses;

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
    servers((url = "/", description = "This service: the host and path prefix the document was fetched from (`server.public_base_url` sets an absolute one)")),
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

/// Points the spec's only server at `public_base_url` (`server.public_base_url`); the default,
/// `/`, leaves the relative server of the committed document, which resolves against wherever
/// the document was fetched from (any port, behind any proxy).
pub fn with_public_base_url(api: &mut utoipa::openapi::OpenApi, public_base_url: &str) {
    if public_base_url != "/" {
        let server = utoipa::openapi::server::ServerBuilder::new()
            .url(public_base_url.trim_end_matches('/'))
            .description(Some("This service, at its configured public address"))
            .build();
        api.servers = Some(vec![server]);
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
