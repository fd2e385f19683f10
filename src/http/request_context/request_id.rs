//! The request id: a client's well-formed `X-Request-Id` reused, else a UUID v4.

use actix_web::http::header::{HeaderMap, HeaderName};

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

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;

    use super::*;

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
