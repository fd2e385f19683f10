//! The outermost middleware: request id, the request span and its one log line, security and
//! cache headers, 406 negotiation for documented routes, and the problem format for every
//! error response — including a panic in a handler, which becomes a 500 problem.

mod error_answers;
mod finish;
mod negotiation;
mod request_id;

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{ConnectionType, Method};
use actix_web::middleware::Next;
use actix_web::web;
use futures_util::FutureExt;
use tracing::Instrument;

use error_answers::{as_problem_if_error, problem_for_error};
use finish::Finish;
use negotiation::not_acceptable;
pub use request_id::{REQUEST_ID_HEADER, RequestId, request_id_from};

use super::access::AccessControl;
use super::rate_limit::RateLimit;
use super::trace_context::TraceParent;
use crate::metrics::Metrics;
use crate::problem::Problem;
use crate::readiness::{Readiness, RequestActivity};

/// `cors.allowed_origins` when CORS is on. The CORS layer answers preflights and decorates the
/// answers of the routes; this middleware, outside it, also answers refusals (401, 429, 431, 406)
/// and turns error answers into problems, so it names an allowed origin on every answer itself.
#[derive(Debug, Clone, Default)]
pub struct AllowedOrigins(pub Vec<String>);

/// The headers an allowed origin may read (besides the CORS-safelisted ones).
const EXPOSED: &str = "content-language, x-request-id, retry-after, www-authenticate";

/// `limits.header_bytes`: the most bytes a request's header fields may take together.
#[derive(Debug, Clone, Copy)]
pub struct HeaderLimit(pub usize);

/// The size of `headers` as sent: each field's name, value and the `: ` and CRLF around them.
fn header_bytes(headers: &actix_web::http::header::HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

/// The middleware function; register it with `actix_web::middleware::from_fn`.
pub async fn request_context(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    // As the client sent it, for the log line and the metrics.
    let method = req.method().clone();
    // HEAD is answered by the GET route: the HTTP layer remembers the request was HEAD and sends
    // the headers (Content-Length included) without the body.
    if method == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    let request_id = request_id_from(req.headers());
    // An exact, allowed origin, to name on the answer whatever it is.
    let allowed_origin = req
        .headers()
        .get(header::ORIGIN)
        .filter(|origin| {
            req.app_data::<web::Data<AllowedOrigins>>()
                .is_some_and(|allowed| allowed.0.iter().any(|known| known.as_bytes() == origin.as_bytes()))
        })
        .cloned();
    let trace = req
        .headers()
        .get("traceparent")
        .and_then(|value| value.to_str().ok())
        .and_then(TraceParent::parse);
    let span = tracing::info_span!(
        "http.request",
        request_id = %request_id,
        trace_id = trace.as_ref().map(|t| t.trace_id.as_str()),
        parent_span_id = trace.as_ref().map(|t| t.parent_id.as_str()),
        // A client-chosen method token is logged as `other`, like in the metrics.
        http.method = crate::metrics::method_label(&method),
        http.route = tracing::field::Empty,
        http.status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    );

    let metrics = req
        .app_data::<web::Data<Metrics>>()
        .map(|data| data.clone().into_inner());
    let _in_flight = metrics.as_deref().map(Metrics::start);
    // Counted for the shutdown, which waits until requests have gone quiet before closing.
    let _activity = req
        .app_data::<web::Data<RequestActivity>>()
        .cloned()
        .map(RequestActivity::start);
    let readiness = req.app_data::<web::Data<Readiness>>().cloned();
    let finish = Finish {
        span: &span,
        metrics: metrics.as_deref(),
        method,
        started,
    };

    // Every security decision reads the path as the router does (percent-decoded: `/%761/phases`
    // is `/v1/phases`), and the route pattern it matches when there is one, never the raw path.
    // The pattern is found once, here, and also names the route in the log line and metrics.
    let pattern = route_pattern(&req);
    let routed = pattern.clone().unwrap_or_else(|| req.match_info().as_str().to_owned());
    let oversized = req
        .app_data::<web::Data<HeaderLimit>>()
        .filter(|limit| header_bytes(req.headers()) > limit.0)
        .map(|limit| {
            Problem::new(
                crate::problem::ProblemKind::HeadersTooLarge,
                format!(
                    "The request's header fields are larger than {} bytes together.",
                    limit.0
                ),
            )
        });
    let refused = oversized
        .or_else(|| {
            req.app_data::<web::Data<AccessControl>>()
                .filter(|access| access.protects(&routed))
                // A CORS preflight never carries credentials (Fetch standard); the CORS layer answers it.
                .filter(|_| {
                    !(req.method() == Method::OPTIONS
                        && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD))
                })
                .and_then(|access| access.check(&req).err())
        })
        .or_else(|| {
            let limit = req
                .app_data::<web::Data<RateLimit>>()
                .filter(|_| routed.starts_with("/v1/"))?;
            limit.check(&req).err()
        });
    let mut response = match refused.or_else(|| not_acceptable(&req, &routed)) {
        Some(problem) => req.into_response(problem.to_response(Some(&request_id))),
        None => {
            let outcome = AssertUnwindSafe(async move { next.call(req).await })
                .catch_unwind()
                .instrument(span.clone())
                .await;
            match outcome {
                Ok(Ok(response)) => as_problem_if_error(response.map_into_boxed_body(), &request_id),
                // Without the request (routing owns it) the problem is answered as an error that renders
                // itself with the request id and our headers.
                Ok(Err(error)) => {
                    let problem = problem_for_error(&error).with_request_id(&request_id);
                    return Err(finish.without_response(problem));
                }
                Err(_panic) => {
                    return Err(finish.without_response(Problem::internal().with_request_id(&request_id)));
                }
            }
        }
    };

    let headers = response.headers_mut();
    headers.insert(
        REQUEST_ID_HEADER,
        HeaderValue::from_str(&request_id).unwrap_or(HeaderValue::from_static("invalid")),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(origin) = allowed_origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSED));
        let varies_on_origin = headers
            .get_all(header::VARY)
            .any(|value| value.to_str().is_ok_and(|v| v.to_ascii_lowercase().contains("origin")));
        if !varies_on_origin {
            headers.append(header::VARY, HeaderValue::from_static("Origin"));
        }
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // From the start of shutdown every answer closes its connection. Otherwise keep-alive clients (a
    // proxy's upstream pool, clients behind a Service) keep reusing connections through the drain
    // delay, and when the listener closes actix drops, unanswered, every request that has arrived on
    // an open connection but not started. This way each connection ends after a complete answer and
    // its client reconnects, to another instance once readiness has taken this one out.
    if readiness.is_some_and(|readiness| readiness.is_draining()) {
        response
            .response_mut()
            .head_mut()
            .set_connection_type(ConnectionType::Close);
    }

    finish.record(pattern.as_deref(), response.status().as_u16());
    Ok(response)
}

/// The pattern of the route the router matches for `req` (`/v1/phases/{phase_id}`), read from the
/// path as the router reads it (percent-decoded), so an encoded path cannot pass for another.
/// Security decisions fall back to that decoded path when no route matches.
fn route_pattern(req: &ServiceRequest) -> Option<String> {
    req.resource_map().match_pattern(req.match_info().as_str())
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::test as actix_test;
    use actix_web::{App, HttpResponse, web};

    use super::*;
    use crate::problem::PROBLEM_JSON;

    use crate::telemetry::Captured;

    async fn panicking_handler() -> HttpResponse {
        panic!("boom with patient data")
    }

    async fn echo_handler(path: web::Path<String>) -> HttpResponse {
        HttpResponse::Ok().body(path.into_inner())
    }

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_500_problem_with_the_request_id() {
        let app = actix_test::init_service(
            App::new()
                .wrap(from_fn(request_context))
                .route("/boom", web::get().to(panicking_handler)),
        )
        .await;
        let request = actix_test::TestRequest::get()
            .uri("/boom")
            .insert_header(("X-Request-Id", "req-1"))
            .to_request();
        let error = actix_test::try_call_service(&app, request)
            .await
            .expect_err("the panic becomes an error response");
        let response = error.error_response();
        assert_eq!(response.status(), 500);
        assert_eq!(response.headers().get("x-request-id").unwrap(), "req-1");
        assert_eq!(response.headers().get("content-type").unwrap(), PROBLEM_JSON);
    }

    /// Sends `request` through the middleware to a `/patients/{reference}` route while JSON log
    /// lines at `info` are captured: the answer's status and the log text.
    async fn status_and_logs(request: actix_test::TestRequest) -> (actix_web::http::StatusCode, String) {
        let captured = Captured::default();
        let settings = crate::settings::LogSettings {
            format: crate::settings::LogFormat::Json,
            level: "info".into(),
        };
        let subscriber = crate::telemetry::get_subscriber(&settings, captured.clone());
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = actix_test::init_service(
            App::new()
                .wrap(from_fn(request_context))
                .route("/patients/{reference}", web::get().to(echo_handler)),
        )
        .await;
        let response = actix_test::call_service(&app, request.to_request()).await;
        let logs = captured.text();
        (response.status(), logs)
    }

    #[actix_web::test]
    async fn the_log_line_names_the_route_pattern_but_never_path_or_query_values() {
        let request = actix_test::TestRequest::get()
            .uri("/patients/patient-4711?treated_at=2026-01-02T03:04:05Z")
            .insert_header(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        let (status, logs) = status_and_logs(request).await;
        assert_eq!(status, 200);
        assert!(logs.contains(r#""http.route":"/patients/{reference}""#), "{logs}");
        assert!(logs.contains(r#""http.status":200"#), "{logs}");
        assert!(logs.contains("latency_ms"), "{logs}");
        assert!(
            logs.contains(r#""trace_id":"4bf92f3577b34da6a3ce929d0e0e4736""#),
            "{logs}"
        );
        assert!(!logs.contains("patient-4711") && !logs.contains("2026-01-02"), "{logs}");
    }

    #[actix_web::test]
    async fn a_made_up_method_is_logged_as_other_never_as_sent() {
        let method = Method::from_bytes(b"JANE-DOE-4711").unwrap();
        let request = actix_test::TestRequest::default().method(method).uri("/patients/x");
        let (_status, logs) = status_and_logs(request).await;
        assert!(logs.contains(r#""http.method":"other""#), "{logs}");
        assert!(!logs.contains("JANE-DOE-4711"), "{logs}");
    }

    #[actix_web::test]
    async fn a_head_request_is_logged_as_head_though_the_get_route_answers_it() {
        let request = actix_test::TestRequest::default()
            .method(Method::HEAD)
            .uri("/patients/x");

        let (status, logs) = status_and_logs(request).await;

        assert_eq!(status, 200, "answered by the GET route");
        assert!(logs.contains(r#""http.method":"HEAD""#), "{logs}");
    }
}
