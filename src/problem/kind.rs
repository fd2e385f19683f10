//! [`ProblemKind`]: the classes of problem, their statuses, titles and `type` URIs.

use actix_web::http::StatusCode;

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
    /// 408: the request body did not arrive in time.
    RequestTimeout,
    /// 431: the request's header fields are too large together.
    HeadersTooLarge,
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
            Self::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
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
            Self::HeadersTooLarge => "urn:aftercare:problem:headers-too-large",
            Self::RequestTimeout => "urn:aftercare:problem:request-timeout",
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
            Self::HeadersTooLarge => "Request header fields too large",
            Self::RequestTimeout => "Request timeout",
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
            408 => Self::RequestTimeout,
            406 => Self::NotAcceptable,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::Validation,
            429 => Self::TooManyRequests,
            431 => Self::HeadersTooLarge,
            503 => Self::Unavailable,
            _ if status.is_client_error() => Self::BadRequest,
            _ => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
