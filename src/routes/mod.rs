//! Thin handlers: extract, call the domain, map to DTOs. `configure` is the one place every
//! documented route is registered (through utoipa-actix-web, so a route cannot exist without
//! its OpenAPI operation).

pub mod check_pool;
pub mod health;
pub mod index;
pub mod ingredient_dto;
pub mod ingredient_service;
pub mod ingredients;
pub mod localized;
pub mod metrics;
pub mod phases;
pub mod plan;
pub mod plan_formats;
pub mod plan_input;
pub mod spec;

use utoipa_actix_web::service_config::ServiceConfig;

/// Cache policy for answers that never change while a process runs.
pub const CACHE_STATIC: &str = "public, max-age=300";

/// Registers every documented route.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(index::get_index)
        .service(health::get_liveness)
        .service(health::get_readiness)
        .service(metrics::get_metrics)
        .service(spec::get_openapi_json)
        .service(spec::get_openapi_yaml)
        .service(phases::list_phases)
        // `current` before `{phase_id}` so the literal path wins.
        .service(phases::get_current_phase)
        .service(phases::get_phase)
        .service(plan::get_aftercare_plan)
        .service(plan::create_aftercare_plan)
        .service(ingredients::check_ingredients)
        .service(ingredients::check_ingredients_batch)
        .service(ingredients::list_ingredients)
        .service(ingredients::get_ingredient);
}
