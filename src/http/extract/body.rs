//! The JSON body extractors: media type, content coding and size are checked before a byte is
//! parsed.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use super::json::decode_json;
use crate::problem::{FieldError, Problem, ProblemKind};

/// The largest JSON body a route accepts; set per app or per resource with `app_data`.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// How long a body may take to arrive, first byte to last (`server.body_read_timeout_ms`).
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

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
    let timeout = req
        .app_data::<BodyTimeout>()
        .map_or(std::time::Duration::from_secs(10), |timeout| timeout.0);
    let mut payload = payload.take();
    Box::pin(async move {
        checked?;
        let read = async {
            let mut body = Vec::new();
            while let Some(chunk) = payload.next().await {
                let chunk =
                    chunk.map_err(|_| Problem::new(ProblemKind::BadRequest, "The request body could not be read."))?;
                if body.len() + chunk.len() > limit {
                    return Err(too_large(limit));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(body)
        };
        let body = actix_web::rt::time::timeout(timeout, read).await.map_err(|_| {
            Problem::new(
                ProblemKind::RequestTimeout,
                format!("The body did not arrive within {} ms.", timeout.as_millis()),
            )
        })??;
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
    // JSON is UTF-8 (RFC 8259 §8.1): a body declared in another charset would be read wrongly.
    let other_charset = content_type.is_some_and(|value| {
        value.split(';').skip(1).any(|parameter| {
            let (name, charset) = parameter.split_once('=').unwrap_or((parameter, ""));
            let charset = charset.trim().trim_matches('"');
            name.trim().eq_ignore_ascii_case("charset")
                && !charset.eq_ignore_ascii_case("utf-8")
                && !charset.eq_ignore_ascii_case("utf8")
        })
    });
    if is_json && other_charset {
        Err(
            Problem::new(ProblemKind::UnsupportedMediaType, "The body must be JSON in UTF-8.").with_errors(vec![
                FieldError::header("Content-Type", "charset must be utf-8 when given"),
            ]),
        )
    } else if is_json {
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

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        count: u32,
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
    async fn json_in_a_charset_other_than_utf8_is_a_415() {
        for content_type in [
            "application/json; charset=utf-16",
            "application/json;charset=\"ISO-8859-1\"",
            "application/json; CHARSET=latin1",
        ] {
            let request = TestRequest::post()
                .insert_header((header::CONTENT_TYPE, content_type))
                .set_payload("{}");
            let problem = extract(request).await.unwrap_err();
            assert_eq!(problem.kind(), ProblemKind::UnsupportedMediaType, "{content_type}");
            assert_eq!(problem.errors()[0].rule, "charset must be utf-8 when given");
        }
        for content_type in ["application/json; charset=UTF-8", "application/json; charset=\"utf-8\""] {
            let request = TestRequest::post()
                .insert_header((header::CONTENT_TYPE, content_type))
                .set_payload(r#"{"treated_at":"x","count":2}"#);
            assert!(extract(request).await.is_ok(), "{content_type}");
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
}
