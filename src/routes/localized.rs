//! Responses in the negotiated language: `Content-Language` and `Vary: Accept-Language`.

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use utoipa::IntoParams;

use crate::protocol::Locale;

/// The `Accept-Language` request header, as every localized operation documents it
/// (`params(..., AcceptLanguageHeader)`); handlers read it through the `locale` negotiation.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Header)]
pub struct AcceptLanguageHeader {
    /// Preferred languages; used when `locale` is absent.
    #[param(rename = "Accept-Language")]
    pub accept_language: Option<String>,
}

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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::routes::plan_input::MAX_LOCALE_CHARS;

    /// Every `locale` of the spec (query parameters and body properties) as `(where, schema)`.
    fn locale_schemas(spec: &Value) -> Vec<(String, Value)> {
        let mut found = Vec::new();
        for (path, operations) in spec["paths"].as_object().unwrap() {
            for (method, operation) in operations.as_object().unwrap() {
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    if parameter["name"] == "locale" {
                        found.push((format!("{method} {path}"), parameter["schema"].clone()));
                    }
                }
            }
        }
        for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
            if let Some(locale) = schema["properties"]
                .get("locale")
                .filter(|l| l.get("pattern").is_some())
            {
                found.push((name.clone(), locale.clone()));
            }
        }
        found
    }

    #[test]
    fn every_requested_locale_is_documented_with_one_pattern_and_length() {
        let spec: Value = serde_json::to_value(crate::openapi::openapi()).unwrap();
        let locales = locale_schemas(&spec);
        assert!(locales.len() >= 5, "{locales:?}");
        let (_, first) = &locales[0];
        for (place, schema) in &locales {
            assert_eq!(schema["pattern"], first["pattern"], "{place}");
            assert_eq!(schema["maxLength"], MAX_LOCALE_CHARS, "{place}");
        }
    }

    #[test]
    fn every_v1_operation_documents_one_accept_language_header_alike() {
        let spec: Value = serde_json::to_value(crate::openapi::openapi()).unwrap();
        let mut headers = Vec::new();
        for (path, operations) in spec["paths"].as_object().unwrap() {
            if !path.starts_with("/v1/") {
                continue;
            }
            for (method, operation) in operations.as_object().unwrap() {
                let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
                let found: Vec<Value> = parameters
                    .into_iter()
                    .filter(|parameter| parameter["name"] == "Accept-Language")
                    .collect();
                assert_eq!(found.len(), 1, "{method} {path}");
                headers.extend(found);
            }
        }
        assert!(headers.len() >= 9, "{headers:?}");
        for header in &headers {
            assert_eq!(header, &headers[0]);
        }
        assert_eq!(headers[0]["in"], "header");
        assert_eq!(headers[0]["required"], false);
    }
}
