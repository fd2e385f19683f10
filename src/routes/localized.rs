//! Responses in the negotiated language: `Content-Language` and `Vary: Accept-Language`.

use actix_web::HttpResponse;
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;

use crate::protocol::Locale;

/// `Cache-Control` for protocol content that is the same for everyone.
pub const CACHE_CONTENT: &str = "public, max-age=3600";
/// `Cache-Control` for anything computed from a patient's data.
pub const CACHE_PATIENT: &str = "no-store";

/// A JSON response in `locale`, already serialised, with the given cache policy.
pub fn localized_json_bytes(body: impl Into<Bytes>, locale: &Locale, cache_control: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .insert_header((header::CONTENT_LANGUAGE, locale.as_str()))
        .insert_header((header::VARY, "Accept-Language"))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .body(body.into())
}
