//! `GET /openapi.json` and `GET /openapi.yaml`: the generated spec, serialised once at start-up.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};

use super::CACHE_STATIC;

/// The spec in both serialisations.
#[derive(Debug, Clone)]
pub struct SpecDocuments {
    /// `openapi/openapi.json`, byte for byte.
    pub json: String,
    /// The same document as YAML.
    pub yaml: String,
}

/// The OpenAPI document of this service, as JSON.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    operation_id = "get_openapi_json",
    responses((status = 200, description = "The OpenAPI 3.1 document.", body = Object, content_type = "application/json",
        example = json!({"openapi": "3.1.0", "info": {"title": "Aftercare API"}})))
)]
#[get("/openapi.json")]
pub async fn get_openapi_json(spec: web::Data<SpecDocuments>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, CACHE_STATIC))
        .body(spec.json.clone())
}

/// The OpenAPI document of this service, as YAML.
#[utoipa::path(
    get,
    path = "/openapi.yaml",
    tag = "meta",
    operation_id = "get_openapi_yaml",
    responses((status = 200, description = "The OpenAPI 3.1 document.", body = Object, content_type = "application/yaml",
        example = json!({"openapi": "3.1.0", "info": {"title": "Aftercare API"}})))
)]
#[get("/openapi.yaml")]
pub async fn get_openapi_yaml(spec: web::Data<SpecDocuments>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/yaml")
        .insert_header((header::CACHE_CONTROL, CACHE_STATIC))
        .body(spec.yaml.clone())
}
