//! The one error type of the HTTP layer and its RFC 9457 `application/problem+json` rendering.
//!
//! Handlers and extractors return [`Problem`]; the request-context middleware adds the request id
//! and the `instance` member on the way out, so every rejection carries them.

mod details;
mod field_error;
mod kind;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

pub use details::ProblemDetails;
pub use field_error::FieldError;
pub use kind::ProblemKind;

/// Media type of every error response.
pub const PROBLEM_JSON: &str = "application/problem+json";
/// An RFC 9457 problem. `detail` and every `rule` are written by us and never quote input.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind:?}: {detail}")]
pub struct Problem {
    kind: ProblemKind,
    detail: String,
    errors: Vec<FieldError>,
    allow: Option<String>,
    retry_after_secs: Option<u64>,
    request_id: Option<String>,
}

impl Problem {
    /// A problem of `kind` with a human-readable `detail`.
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
            errors: Vec::new(),
            allow: None,
            retry_after_secs: None,
            request_id: None,
        }
    }

    /// A 422 listing every broken rule.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.len() {
            1 => "The request breaks 1 rule; see `errors`.".to_owned(),
            n => format!("The request breaks {n} rules; see `errors`."),
        };
        Self::new(ProblemKind::Validation, detail).with_errors(errors)
    }

    /// A 404 for a route or resource that does not exist.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::NotFound, detail)
    }

    /// A 405 that lists the methods the route allows (sent in `Allow`).
    pub fn method_not_allowed(allowed: &[&str]) -> Self {
        let allow = allowed.join(", ");
        let mut problem = Self::new(
            ProblemKind::MethodNotAllowed,
            format!("This route allows only: {allow}."),
        );
        problem.allow = Some(allow);
        problem
    }

    /// A 406: `Accept` rules out every media type in `offered`, which the `Accept` error lists.
    pub fn not_acceptable(offered: &[&str]) -> Self {
        Self::new(
            ProblemKind::NotAcceptable,
            "None of the media types in Accept can be produced for this route.",
        )
        .with_errors(vec![FieldError::header(
            "Accept",
            format!("must accept one of: {}", offered.join(", ")),
        )])
    }

    /// An opaque 500; the cause is logged by the caller, never sent.
    pub fn internal() -> Self {
        Self::new(
            ProblemKind::Internal,
            "The service failed to answer this request; it has been logged.",
        )
    }

    /// Adds field errors.
    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors.extend(errors);
        self
    }

    /// Asks the client to wait this many seconds (sent in `Retry-After`).
    pub fn with_retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// Carries the request id, for problems answered outside the normal response path.
    pub fn with_request_id(mut self, request_id: &str) -> Self {
        self.request_id = Some(request_id.to_owned());
        self
    }

    /// The kind of this problem.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// The field errors of this problem.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// Renders the response; `request_id` is set by the request-context middleware.
    pub fn to_response(&self, request_id: Option<&str>) -> HttpResponse {
        let request_id = request_id.or(self.request_id.as_deref());
        let body = ProblemDocument {
            type_uri: self.kind.type_uri(),
            title: self.kind.title(),
            status: self.kind.status().as_u16(),
            detail: &self.detail,
            instance: request_id.map(|id| format!("urn:aftercare:request:{id}")),
            request_id,
            errors: &self.errors,
        };
        let mut response = HttpResponse::build(self.kind.status());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        response.insert_header((header::CACHE_CONTROL, "no-store"));
        response.insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
        if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(id).ok()) {
            response.insert_header((header::HeaderName::from_static("x-request-id"), id));
        }
        if let Some(allow) = &self.allow {
            response.insert_header((header::ALLOW, allow.as_str()));
        }
        if self.kind == ProblemKind::Unauthorized {
            response.insert_header((header::WWW_AUTHENTICATE, r#"Bearer realm="aftercare""#));
        }
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, HeaderValue::from(secs)));
        }
        match serde_json::to_vec(&body) {
            Ok(bytes) => response.body(bytes),
            Err(_) => response.finish(),
        }
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
    }

    fn error_response(&self) -> HttpResponse {
        self.to_response(None)
    }
}

#[derive(Serialize)]
struct ProblemDocument<'a> {
    #[serde(rename = "type")]
    type_uri: &'static str,
    title: &'static str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;

    async fn body_of(response: HttpResponse) -> serde_json::Value {
        let bytes = to_bytes(response.into_body()).await.expect("body");
        serde_json::from_slice(&bytes).expect("json")
    }

    #[actix_web::test]
    async fn a_validation_problem_renders_rfc9457_members_and_errors() {
        let problem = Problem::validation(vec![FieldError::parameter(
            "timezone",
            "must be an IANA time zone name",
        )]);
        let response = problem.to_response(Some("abc"));
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.headers().get(header::CONTENT_TYPE).unwrap(), PROBLEM_JSON);
        let body = body_of(response).await;
        assert_eq!(body["type"], "urn:aftercare:problem:validation-error");
        assert_eq!(body["status"], 422);
        assert_eq!(body["instance"], "urn:aftercare:request:abc");
        assert_eq!(body["request_id"], "abc");
        assert_eq!(body["errors"][0]["parameter"], "timezone");
        assert!(body["errors"][0].get("pointer").is_none());
    }

    #[actix_web::test]
    async fn method_not_allowed_sends_the_allow_header() {
        let response = Problem::method_not_allowed(&["GET", "POST"]).to_response(None);
        assert_eq!(response.headers().get(header::ALLOW).unwrap(), "GET, POST");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    }
}
