//! The outermost middleware: request id, the request span and its one log line, security and
//! cache headers, 406 negotiation for documented routes, and the problem format for every
//! error response — including a panic in a handler, which becomes a 500 problem.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{ConnectionType, Method};
use actix_web::middleware::Next;
use actix_web::web;
use futures_util::FutureExt;
use tracing::Instrument;

use super::accept;
use super::access::AccessControl;
use super::rate_limit::RateLimit;
use super::route_table::RouteTable;
use super::trace_context::TraceParent;
use crate::metrics::Metrics;
use crate::problem::{FieldError, PROBLEM_JSON, Problem, ProblemKind};
use crate::readiness::{Readiness, RequestActivity};

/// Header that carries the request id both ways.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Longest request id reused from a client, bytes.
const MAX_REQUEST_ID_BYTES: usize = 64;

/// The id of a request: a client's well-formed id or a UUID v4, kept inline (no allocation).
#[derive(Clone, Copy)]
pub struct RequestId {
    bytes: [u8; MAX_REQUEST_ID_BYTES],
    len: usize,
}

impl RequestId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        // Built only from a `str` (a checked header value or a formatted UUID), cut at its end.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    fn from_ascii(id: &str) -> Self {
        let mut bytes = [0; MAX_REQUEST_ID_BYTES];
        bytes[..id.len()].copy_from_slice(id.as_bytes());
        Self { bytes, len: id.len() }
    }

    fn new_v4() -> Self {
        let mut bytes = [0; MAX_REQUEST_ID_BYTES];
        let len = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut bytes).len();
        Self { bytes, len }
    }
}

impl std::ops::Deref for RequestId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Reuses a well-formed incoming id (1–64 characters of `A-Za-z0-9._-`), else makes a UUID v4.
pub fn request_id_from(headers: &HeaderMap) -> RequestId {
    headers
        .get(&REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_well_formed_request_id(id))
        .map_or_else(RequestId::new_v4, RequestId::from_ascii)
}

fn is_well_formed_request_id(id: &str) -> bool {
    (1..=MAX_REQUEST_ID_BYTES).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
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

    let refused = req
        .app_data::<web::Data<AccessControl>>()
        .filter(|access| access.protects(req.path()))
        // A CORS preflight never carries credentials (Fetch standard); the CORS layer answers it.
        .filter(|_| {
            !(req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD))
        })
        .and_then(|access| access.check(req.headers()).err())
        .or_else(|| {
            let limit = req
                .app_data::<web::Data<RateLimit>>()
                .filter(|_| req.path().starts_with("/v1/"))?;
            limit.check(&req).err()
        });
    let mut response = match refused.or_else(|| not_acceptable(&req)) {
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

    // Finding the pattern walks the router again: only when a log line or metrics need it.
    let route = if span.is_disabled() && finish.metrics.is_none() {
        None
    } else {
        response.request().match_pattern()
    };
    finish.record(route.as_deref(), response.status().as_u16());
    Ok(response)
}

/// What is recorded when a request ends.
struct Finish<'a> {
    span: &'a tracing::Span,
    metrics: Option<&'a Metrics>,
    method: Method,
    started: Instant,
}

impl Finish<'_> {
    fn without_response(&self, problem: Problem) -> actix_web::Error {
        self.record(None, problem.kind().status().as_u16());
        problem.into()
    }

    /// The one log line of a request (route pattern, status, latency; never the path or query) and
    /// its metrics.
    fn record(&self, route: Option<&str>, status: u16) {
        let seconds = self.started.elapsed().as_secs_f64();
        if let Some(metrics) = self.metrics {
            metrics.observe(route, &self.method, status, seconds);
        }
        let span = self.span;
        span.record("http.route", route.unwrap_or("unmatched"));
        span.record("http.status", status);
        span.record("latency_ms", seconds * 1_000.0);
        // 503 is the service reporting its state (readiness while starting or draining), not a failure.
        let failed = status >= 500 && status != 503;
        span.in_scope(|| {
            if failed {
                tracing::error!("request failed");
            } else {
                tracing::info!("request completed");
            }
        });
    }
}

/// 406 when `Accept` rules out every media type the documented operation produces.
fn not_acceptable(req: &ServiceRequest) -> Option<Problem> {
    // Without an Accept header (or with one that takes anything) every route is acceptable.
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())?;
    if accept.trim() == "*/*" {
        return None;
    }
    let table = req.app_data::<web::Data<RouteTable>>()?;
    let route = table.lookup(req.path())?;
    // Where the operation takes a `format` parameter, an explicit one chooses the representation
    // over Accept (the handler checks it); elsewhere `format` means nothing and Accept still counts.
    if route.takes_format(req.method())
        && form_urlencoded::parse(req.query_string().as_bytes()).any(|(name, _)| name == "format")
    {
        return None;
    }
    let produces = route.produces(req.method())?;
    if produces.is_empty() {
        return None;
    }
    let offered: Vec<&str> = produces.iter().map(String::as_str).collect();
    match accept::choose(Some(accept), &offered) {
        Some(_) => None,
        None => Some(
            Problem::new(
                ProblemKind::NotAcceptable,
                "None of the media types in Accept can be produced for this route.",
            )
            .with_errors(vec![FieldError::header(
                "Accept",
                format!("must accept one of: {}", offered.join(", ")),
            )]),
        ),
    }
}

/// Re-renders any error response as a problem that carries the request id.
fn as_problem_if_error(response: ServiceResponse<BoxBody>, request_id: &str) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let problem = match response.response().error() {
        Some(error) => problem_for_error(error),
        None if is_problem_json(response.headers()) => return response,
        None => Problem::new(ProblemKind::from_status(status), default_detail(status.as_u16())),
    };
    response.into_response(problem.to_response(Some(request_id)))
}

fn is_problem_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
}

/// Our own problems pass through; anything else becomes a problem of its status, logged once here.
fn problem_for_error(error: &actix_web::Error) -> Problem {
    if let Some(problem) = error.as_error::<Problem>() {
        if problem.kind() == ProblemKind::Internal {
            tracing::error!("internal error answered as a 500 problem");
        }
        return problem.clone();
    }
    let status = error.as_response_error().status_code();
    if status.is_server_error() {
        tracing::error!(error.kind = %std::any::type_name_of_val(error.as_response_error()), "unexpected error");
    }
    Problem::new(ProblemKind::from_status(status), default_detail(status.as_u16()))
}

fn default_detail(status: u16) -> &'static str {
    match status {
        404 => "No resource matches this path.",
        405 => "This route does not allow this method.",
        408 => "The request took too long to arrive.",
        413 => "The body is larger than the configured limit.",
        415 => "The body must be sent as JSON.",
        400..=499 => "The request could not be processed.",
        _ => "The service failed to answer this request; it has been logged.",
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use actix_web::middleware::from_fn;
    use actix_web::test as actix_test;
    use actix_web::{App, HttpResponse, web};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log buffer").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }

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
        let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
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

    #[test]
    fn only_well_formed_request_ids_are_reused() {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID_HEADER, HeaderValue::from_static("abc-123_x.y"));
        assert_eq!(&*request_id_from(&headers), "abc-123_x.y");
        for bad in ["has space", "", "ünïcode", &"x".repeat(65)] {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(bad) {
                headers.insert(REQUEST_ID_HEADER, value);
            }
            let id = request_id_from(&headers);
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{bad:?} was reused as {id}");
        }
    }

    #[test]
    fn made_up_request_ids_are_distinct_lowercase_uuid_v4s() {
        let ids: std::collections::HashSet<String> = (0..1000)
            .map(|_| request_id_from(&HeaderMap::new()).to_string())
            .collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            let uuid = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(uuid.get_version_num(), 4);
            assert_eq!(*id, uuid.hyphenated().to_string());
        }
    }
}
