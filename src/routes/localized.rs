//! Responses in the negotiated language: `Content-Language` and `Vary: Accept-Language`.

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;

use crate::protocol::Locale;

/// `Cache-Control` for protocol content that is the same for everyone.
pub const CACHE_CONTENT: &str = "public, max-age=3600";
/// `Cache-Control` for anything computed from a patient's data.
pub const CACHE_PATIENT: &str = "no-store";

/// A JSON response in `locale`, already serialised, with the given cache policy.
pub fn localized_json_bytes(body: impl Into<Bytes>, locale: &Locale, cache_control: &'static str) -> HttpResponse {
    let mut response = HttpResponse::Ok().body(body.into());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    // Locales are language codes from the protocol content (ASCII letters and hyphens), always valid.
    if let Ok(language) = HeaderValue::from_str(locale.as_str()) {
        headers.insert(header::CONTENT_LANGUAGE, language);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    response
}
