//! Extractors whose every rejection is a [`Problem`] that names the field and the rule,
//! never the submitted value (serde's own messages quote values, so they are rewritten here).

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::problem::{FieldError, Problem, ProblemKind};

/// The largest JSON body a route accepts; set per app or per resource with `app_data`.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A JSON body parsed into `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = Problem;
    type Future = LocalBoxFuture<'static, Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map_or(64 * 1024, |limit| limit.0);
        read_json(req, payload, limit, ApiJson)
    }
}

/// The largest body of a batch endpoint.
#[derive(Debug, Clone, Copy)]
pub struct BatchBodyLimit(pub usize);

/// A JSON body of a batch endpoint (limited by [`BatchBodyLimit`] instead of [`BodyLimit`]).
#[derive(Debug)]
pub struct BatchJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for BatchJson<T> {
    type Error = Problem;
    type Future = LocalBoxFuture<'static, Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BatchBodyLimit>().map_or(1024 * 1024, |limit| limit.0);
        read_json(req, payload, limit, BatchJson)
    }
}

fn read_json<T: DeserializeOwned + 'static, W: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    limit: usize,
    wrap: fn(T) -> W,
) -> LocalBoxFuture<'static, Result<W, Problem>> {
    let checked = check_content_type(req).and_then(|()| check_declared_length(req, limit));
    let mut payload = payload.take();
    Box::pin(async move {
        checked?;
        let mut body = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|_| Problem::new(ProblemKind::BadRequest, "The request body could not be read."))?;
            if body.len() + chunk.len() > limit {
                return Err(too_large(limit));
            }
            body.extend_from_slice(&chunk);
        }
        decode_json(&body).map(wrap)
    })
}

fn check_content_type(req: &HttpRequest) -> Result<(), Problem> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let is_json = content_type.is_some_and(|value| {
        let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
    });
    // The service reads bodies as sent: a compressed one would otherwise fail as malformed JSON
    // (RFC 9110 §15.5.16: an unsupported content coding is a 415).
    let encoded = req
        .headers()
        .get(header::CONTENT_ENCODING)
        .is_some_and(|value| !value.as_bytes().eq_ignore_ascii_case(b"identity"));
    if encoded {
        return Err(Problem::new(
            ProblemKind::UnsupportedMediaType,
            "The body must be sent without a content coding (not compressed).",
        )
        .with_errors(vec![FieldError::header(
            "Content-Encoding",
            "must be absent or identity",
        )]));
    }
    if is_json {
        Ok(())
    } else {
        Err(
            Problem::new(ProblemKind::UnsupportedMediaType, "The body must be sent as JSON.")
                .with_errors(vec![FieldError::header("Content-Type", "must be application/json")]),
        )
    }
}

fn check_declared_length(req: &HttpRequest, limit: usize) -> Result<(), Problem> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => Err(too_large(limit)),
        _ => Ok(()),
    }
}

fn too_large(limit: usize) -> Problem {
    Problem::new(
        ProblemKind::PayloadTooLarge,
        format!("The body is larger than the limit of {limit} bytes."),
    )
}

/// Parses `body` as JSON into `T`, mapping every failure to a problem without quoting input.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    // The common case, a valid body, is parsed without tracking the path: only an error needs it,
    // and then the body is parsed again to name the field.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let (rule, field) = rewrite_serde_message(&inner.to_string());
                let mut pointer = json_pointer(error.path());
                if let Some(field) = field {
                    pointer.push('/');
                    pointer.push_str(&escape_pointer_token(&field));
                }
                Problem::validation(vec![FieldError::pointer(pointer, rule)])
            }
            _ => malformed(inner),
        }
    })?;
    deserializer.end().map_err(|error| malformed(&error))?;
    Ok(value)
}

fn malformed(error: &serde_json::Error) -> Problem {
    Problem::new(
        ProblemKind::MalformedJson,
        format!(
            "The body is not well-formed JSON (line {}, column {}).",
            error.line(),
            error.column()
        ),
    )
}

/// The JSON Pointer of `path`. Object keys come from the client (an unknown field, a key of
/// `overrides`), so one is written only when it is shaped like an API name (see
/// [`is_api_name`]); the pointer stops at the object holding any other key, which keeps names,
/// e-mail addresses or whole sentences sent as keys out of the answer.
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } if is_api_name(key) => pointer.push_str(&format!("/{key}")),
            Segment::Enum { variant } if is_api_name(variant) => pointer.push_str(&format!("/{variant}")),
            Segment::Map { .. } | Segment::Enum { .. } | Segment::Unknown => break,
        }
    }
    pointer
}

/// Whether a client-sent object key looks like a field name or id of this API (lowercase
/// ASCII letters, digits, `_` and `-`, starting with a letter, at most 64 characters), and so
/// may be repeated in a pointer. Such a key never needs `~` or `/` escaped.
fn is_api_name(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Rewrites a serde message into a rule that never quotes the submitted value. Returns the rule and,
/// for `missing field`, the field name to append to the pointer (serde reports the parent's path).
pub fn rewrite_serde_message(message: &str) -> (String, Option<String>) {
    let message = message.rsplit_once(" at line ").map_or(message, |(head, _)| head);
    let expected = message.split_once(", expected ").map(|(_, expected)| expected);
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return ("is required".to_owned(), Some(field.to_owned()));
    }
    if let Some(field) = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return ("must appear only once".to_owned(), Some(field.to_owned()));
    }
    let rule = if message.starts_with("invalid type:") || message.starts_with("invalid value:") {
        format!("must be {}", expected.map_or("of the documented type", in_json_terms))
    } else if message.starts_with("invalid length") && expected.is_some_and(|e| e.starts_with("struct ")) {
        // serde reads an array as a struct's fields in order; the API only takes an object.
        "must be a JSON object".to_owned()
    } else if message.starts_with("invalid length") {
        format!("must have {}", expected.unwrap_or("the documented length"))
    } else if message.starts_with("unknown variant") {
        match expected {
            Some(list) => format!("must be {list}"),
            None => "must be one of the documented values".to_owned(),
        }
    } else if message.starts_with("unknown field") {
        match expected {
            Some(list) => format!("is not a recognised field; expected {list}"),
            None => "is not a recognised field".to_owned(),
        }
    } else if message.starts_with("data did not match any variant") {
        "must match one of the documented forms".to_owned()
    } else if message.starts_with("duplicate field") {
        "must appear only once".to_owned()
    } else if let Some(rule) = message.strip_prefix(RULE_MARKER) {
        rule.to_owned()
    } else {
        "has an invalid value".to_owned()
    };
    (rule, None)
}

/// serde's name of an expected type in the terms of JSON: never a Rust type name.
fn in_json_terms(expected: &str) -> &str {
    if expected.starts_with("struct ") || expected == "a map" {
        "a JSON object"
    } else if expected == "a sequence" || expected.starts_with("tuple") {
        "an array"
    } else {
        expected
    }
}

/// Prefix of custom deserialisation errors whose text is a rule we wrote and may be shown.
pub const RULE_MARKER: &str = "rule: ";

/// Query parameters parsed into `T`; errors name the parameter.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = Problem;
    type Future = std::future::Ready<Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(decode_query(req.query_string()).map(ApiQuery))
    }
}

/// Parses a query string into `T`.
pub fn decode_query<T: DeserializeOwned>(query: &str) -> Result<T, Problem> {
    // As for bodies: the path is tracked only to name the parameter of an error.
    if let Ok(value) = serde_urlencoded::from_str(query) {
        return Ok(value);
    }
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let (rule, field) = rewrite_serde_message(&error.inner().to_string());
        let name = field.unwrap_or_else(|| error.path().to_string());
        let name = if name == "." { "query".to_owned() } else { name };
        Problem::validation(vec![FieldError::parameter(name, rule)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Body {
        treated_at: String,
        count: u32,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Item {
        id: u8,
    }

    async fn extract(req: TestRequest) -> Result<ApiJson<Body>, Problem> {
        let (req, mut payload) = req.to_http_parts();
        ApiJson::<Body>::from_request(&req, &mut payload).await
    }

    fn json_request(body: &'static str) -> TestRequest {
        TestRequest::post()
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body)
    }

    #[actix_web::test]
    async fn a_valid_body_is_extracted() {
        let body = extract(json_request(r#"{"treated_at":"x","count":2}"#))
            .await
            .expect("valid");
        assert_eq!(body.0.count, 2);
    }

    #[actix_web::test]
    async fn malformed_json_is_a_400_with_line_and_column() {
        let problem = extract(json_request(r#"{"count": 2,"#)).await.unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::MalformedJson);
    }

    #[actix_web::test]
    async fn a_wrong_type_is_a_422_naming_the_pointer_without_the_value() {
        let problem = extract(json_request(r#"{"treated_at":"x","count":"secret-value"}"#))
            .await
            .unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::Validation);
        let error = &problem.errors()[0];
        assert_eq!(error.pointer.as_deref(), Some("/count"));
        assert!(!error.rule.contains("secret-value"), "{}", error.rule);
        assert!(error.rule.starts_with("must be"), "{}", error.rule);
    }

    #[actix_web::test]
    async fn a_nested_wrong_type_points_into_the_array() {
        let problem = extract(json_request(
            r#"{"treated_at":"x","count":1,"items":[{"id":1},{"id":"nine"}]}"#,
        ))
        .await
        .unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/items/1/id"));
    }

    #[actix_web::test]
    async fn a_missing_field_points_at_the_field() {
        let problem = extract(json_request(r#"{"count":1}"#)).await.unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/treated_at"));
        assert_eq!(problem.errors()[0].rule, "is required");
    }

    #[actix_web::test]
    async fn an_unknown_field_is_named() {
        let problem = extract(json_request(r#"{"treated_at":"x","count":1,"colour":"red"}"#))
            .await
            .unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/colour"));
        assert!(problem.errors()[0].rule.starts_with("is not a recognised field"));
        assert!(!problem.errors()[0].rule.contains("red"));
    }

    #[actix_web::test]
    async fn trailing_garbage_is_malformed() {
        let problem = extract(json_request(r#"{"treated_at":"x","count":1} trailing"#))
            .await
            .unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::MalformedJson);
    }

    #[actix_web::test]
    async fn a_missing_or_wrong_content_type_is_a_415() {
        for request in [
            TestRequest::post().set_payload("{}"),
            TestRequest::post()
                .insert_header((header::CONTENT_TYPE, "text/plain"))
                .set_payload("{}"),
        ] {
            let problem = extract(request).await.unwrap_err();
            assert_eq!(problem.kind(), ProblemKind::UnsupportedMediaType);
            assert_eq!(problem.errors()[0].header.as_deref(), Some("Content-Type"));
        }
    }

    #[actix_web::test]
    async fn a_json_suffix_media_type_with_parameters_is_accepted() {
        let request = TestRequest::post()
            .insert_header((header::CONTENT_TYPE, "application/merge-patch+json; charset=utf-8"))
            .set_payload(r#"{"treated_at":"x","count":2}"#);
        assert!(extract(request).await.is_ok());
    }

    #[actix_web::test]
    async fn a_body_over_the_limit_is_a_413() {
        let request = json_request(r#"{"treated_at":"a long enough value","count":1}"#).app_data(BodyLimit(10));
        let problem = extract(request).await.unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::PayloadTooLarge);
    }

    #[test]
    fn serde_messages_never_keep_the_quoted_value() {
        for message in [
            "invalid type: string \"patient-123\", expected u32 at line 1 column 9",
            "invalid value: integer `-4`, expected u32",
            "unknown variant `patient-123`, expected `en` or `es`",
            "some custom message with patient-123",
        ] {
            let (rule, _) = rewrite_serde_message(message);
            assert!(!rule.contains("patient-123") && !rule.contains("-4"), "{rule}");
        }
    }

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Query {
        limit: Option<u16>,
    }

    #[test]
    fn a_bad_query_value_names_the_parameter() {
        let problem = decode_query::<Query>("limit=lots").unwrap_err();
        assert_eq!(problem.errors()[0].parameter.as_deref(), Some("limit"));
        assert!(!problem.errors()[0].rule.contains("lots"));
    }
}
