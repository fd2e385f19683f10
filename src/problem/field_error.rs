//! [`FieldError`]: where in the request one broken rule sits.

use serde::Serialize;
use utoipa::ToSchema;

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
