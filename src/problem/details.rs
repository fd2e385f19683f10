//! [`ProblemDetails`]: the documented schema of every problem response.

use serde::Serialize;
use utoipa::ToSchema;

use super::FieldError;

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
