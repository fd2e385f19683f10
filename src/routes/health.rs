//! `GET /health/live` and `GET /health/ready`.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::{Problem, ProblemKind};
use crate::readiness::Readiness;

/// The state of a health probe.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthStatus {
    /// `ok` for liveness, `ready` for readiness.
    #[schema(example = "ready")]
    pub status: &'static str,
}

/// Liveness: answers 200 while the process runs.
#[utoipa::path(
    get,
    path = "/health/live",
    tag = "health",
    operation_id = "get_liveness",
    responses((status = 200, description = "The process is running.", body = HealthStatus,
        example = json!({"status": "ok"})))
)]
#[get("/health/live")]
pub async fn get_liveness() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus { status: "ok" })
}

/// Readiness: 200 once content is loaded, 503 as soon as shutdown begins.
#[utoipa::path(
    get,
    path = "/health/ready",
    tag = "health",
    operation_id = "get_readiness",
    responses(
        (status = 200, description = "Content is loaded; the service takes traffic.", body = HealthStatus,
            example = json!({"status": "ready"})),
        (status = 503, description = "Starting up or shutting down.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json")
    )
)]
#[get("/health/ready")]
pub async fn get_readiness(readiness: web::Data<Readiness>) -> Result<HttpResponse, Problem> {
    if readiness.is_ready() {
        Ok(HttpResponse::Ok().json(HealthStatus { status: "ready" }))
    } else if readiness.is_draining() {
        Err(Problem::new(ProblemKind::Unavailable, "The service is shutting down."))
    } else {
        Err(Problem::new(ProblemKind::Unavailable, "The service is starting up.").with_retry_after(1))
    }
}
