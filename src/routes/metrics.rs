//! `GET /metrics`: the Prometheus text exposition.

use actix_web::{HttpResponse, get, web};

use crate::metrics::Metrics;

/// Prometheus metrics: requests and latency by route pattern, method and status, requests in
/// flight, build and protocol information.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "meta",
    operation_id = "get_metrics",
    responses((status = 200, description = "Prometheus text format 0.0.4; route labels are patterns, never raw paths.",
        body = String, content_type = "text/plain",
        example = "aftercare_http_requests_total{method=\"GET\",route=\"/v1/phases\",status=\"200\"} 1"))
)]
#[get("/metrics")]
pub async fn get_metrics(metrics: web::Data<Metrics>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render())
}
