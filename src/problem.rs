//! The one error type of the HTTP layer and its RFC 9457 `application/problem+json` rendering.
//!
//! Handlers and extractors return [`Problem`]; the request-context middleware adds the request id
//! and the `instance` member on the way out, so every rejection carries them.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// Media type of every error response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Where in the request an error sits: exactly one of the three is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON Pointer (RFC 6901) into the request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "/treated_at")]
    pub pointer: Option<String>,
    /// Name of a query or path parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "timezone")]
    pub parameter: Option<String>,
    /// Name of a request header.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "Accept")]
    pub header: Option<String>,
    /// The rule that was broken. Never contains the submitted value.
    #[schema(example = "must be an IANA time zone name such as Europe/Paris or America/New_York")]
    pub rule: String,
}

impl FieldError {
    /// An error in the JSON body at `pointer`.
    pub fn pointer(pointer: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            pointer: Some(pointer.into()),
            parameter: None,
            header: None,
            rule: rule.into(),
        }
    }

    /// An error in the query or path parameter `name`.
    pub fn parameter(name: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            pointer: None,
            parameter: Some(name.into()),
            header: None,
            rule: rule.into(),
        }
    }

    /// An error in the request header `name`.
    pub fn header(name: impl Into<String>, rule: impl Into<String>) -> Self {
        Self {
            pointer: None,
            parameter: None,
            header: Some(name.into()),
            rule: rule.into(),
        }
    }
}

/// The classes of problem the API answers with; each has a stable `type` URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// 400: the body is not well-formed JSON.
    MalformedJson,
    /// 400: a request that cannot be read at all (bad query string encoding, bad header).
    BadRequest,
    /// 401: missing or invalid credentials.
    Unauthorized,
    /// 404: no such route or resource.
    NotFound,
    /// 405: the route exists but not for this method.
    MethodNotAllowed,
    /// 406: none of the media types in `Accept` can be produced.
    NotAcceptable,
    /// 413: the body is larger than the configured limit.
    PayloadTooLarge,
    /// 415: the body is not sent as JSON.
    UnsupportedMediaType,
    /// 422: well-formed input that breaks a rule.
    Validation,
    /// 429: too many requests.
    TooManyRequests,
    /// 500: a defect on our side.
    Internal,
    /// 503: the service is not ready or is shutting down.
    Unavailable,
}

impl ProblemKind {
    /// The HTTP status of this kind.
    pub fn status(self) -> StatusCode {
        match self {
            Self::MalformedJson | Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The stable problem `type` URI.
    pub fn type_uri(self) -> &'static str {
        match self {
            Self::MalformedJson => "urn:aftercare:problem:malformed-json",
            Self::BadRequest => "urn:aftercare:problem:bad-request",
            Self::Unauthorized => "urn:aftercare:problem:unauthorized",
            Self::NotFound => "urn:aftercare:problem:not-found",
            Self::MethodNotAllowed => "urn:aftercare:problem:method-not-allowed",
            Self::NotAcceptable => "urn:aftercare:problem:not-acceptable",
            Self::PayloadTooLarge => "urn:aftercare:problem:payload-too-large",
            Self::UnsupportedMediaType => "urn:aftercare:problem:unsupported-media-type",
            Self::Validation => "urn:aftercare:problem:validation-error",
            Self::TooManyRequests => "urn:aftercare:problem:too-many-requests",
            Self::Internal => "urn:aftercare:problem:internal-error",
            Self::Unavailable => "urn:aftercare:problem:unavailable",
        }
    }

    /// A short human-readable summary that does not change between occurrences.
    pub fn title(self) -> &'static str {
        match self {
            Self::MalformedJson => "Malformed JSON body",
            Self::BadRequest => "Bad request",
            Self::Unauthorized => "Unauthorized",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::NotAcceptable => "Not acceptable",
            Self::PayloadTooLarge => "Payload too large",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::Validation => "Invalid request",
            Self::TooManyRequests => "Too many requests",
            Self::Internal => "Internal server error",
            Self::Unavailable => "Service unavailable",
        }
    }

    /// The kind that answers a bare HTTP status produced outside our handlers.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            401 => Self::Unauthorized,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            406 => Self::NotAcceptable,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::Validation,
            429 => Self::TooManyRequests,
            503 => Self::Unavailable,
            _ if status.is_client_error() => Self::BadRequest,
            _ => Self::Internal,
        }
    }
}

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

/// The schema of every problem response, as documented in the OpenAPI.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:aftercare:problem:validation-error",
    "title": "Invalid request",
    "status": 422,
    "detail": "The request breaks 1 rule; see `errors`.",
    "instance": "urn:aftercare:request:0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51",
    "request_id": "0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51",
    "errors": [{"parameter": "timezone", "rule": "must be an IANA time zone name such as Europe/Paris or America/New_York"}]
}))]
pub struct ProblemDetails {
    /// A URI that identifies the problem class.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// A short summary of the problem class.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this occurrence, without quoting input.
    pub detail: String,
    /// Identifies this occurrence (`urn:aftercare:request:<request id>`).
    pub instance: Option<String>,
    /// The request id, also sent in the `X-Request-Id` header.
    pub request_id: Option<String>,
    /// One entry per broken rule (validation problems only).
    #[serde(default)]
    pub errors: Vec<FieldError>,
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

    #[test]
    fn statuses_produced_outside_handlers_map_to_their_kind() {
        assert_eq!(
            ProblemKind::from_status(StatusCode::PAYLOAD_TOO_LARGE),
            ProblemKind::PayloadTooLarge
        );
        assert_eq!(
            ProblemKind::from_status(StatusCode::IM_A_TEAPOT),
            ProblemKind::BadRequest
        );
        assert_eq!(ProblemKind::from_status(StatusCode::BAD_GATEWAY), ProblemKind::Internal);
    }
}
