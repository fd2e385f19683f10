//! Responses in the negotiated language: `Content-Language` and `Vary: Accept-Language`.

use actix_web::HttpResponse;
use actix_web::http::header;
use serde::Serialize;

use crate::protocol::Locale;

/// `Cache-Control` for protocol content that is the same for everyone.
pub const CACHE_CONTENT: &str = "public, max-age=3600";
/// `Cache-Control` for anything computed from a patient's data.
pub const CACHE_PATIENT: &str = "no-store";

/// A JSON response in `locale` with the given cache policy.
pub fn localized_json(body: &impl Serialize, locale: &Locale, cache_control: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_LANGUAGE, locale.as_str()))
        .insert_header((header::VARY, "Accept-Language"))
        .insert_header((header::CACHE_CONTROL, cache_control))
        .json(body)
}
