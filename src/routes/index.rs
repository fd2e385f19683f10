//! `GET /`: what this service is and where everything is, derived from the spec's tags.

use std::collections::BTreeMap;

use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::OpenApi;

use super::CACHE_STATIC;

/// The service index.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceIndex {
    /// Service name.
    #[schema(example = "aftercare")]
    pub service: &'static str,
    /// Service version.
    #[schema(example = "0.1.0")]
    pub version: &'static str,
    /// What the service does.
    pub description: &'static str,
    /// Links to the documentation and the spec.
    pub links: IndexLinks,
    /// Every endpoint group (OpenAPI tag) and its operations.
    pub groups: Vec<EndpointGroup>,
}

/// Links to the documentation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndexLinks {
    /// Swagger UI; null when `docs.enabled` is off.
    #[schema(example = "/docs/")]
    pub docs: Option<&'static str>,
    /// The OpenAPI document as JSON.
    #[schema(example = "/openapi.json")]
    pub openapi_json: &'static str,
    /// The OpenAPI document as YAML.
    #[schema(example = "/openapi.yaml")]
    pub openapi_yaml: &'static str,
}

/// One endpoint group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EndpointGroup {
    /// The OpenAPI tag.
    #[schema(example = "health")]
    pub name: String,
    /// What the group is for.
    pub description: Option<String>,
    /// The group's operations.
    pub operations: Vec<OperationLink>,
}

/// One operation of a group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OperationLink {
    /// The operationId.
    #[schema(example = "get_readiness")]
    pub operation_id: String,
    /// HTTP method.
    #[schema(example = "GET")]
    pub method: String,
    /// Path template.
    #[schema(example = "/health/ready")]
    pub path: String,
}

impl ServiceIndex {
    /// Builds the index from the spec.
    pub fn from_openapi(api: &OpenApi, docs_enabled: bool) -> Self {
        let mut groups: BTreeMap<String, EndpointGroup> = BTreeMap::new();
        for tag in api.tags.iter().flatten() {
            groups.insert(
                tag.name.clone(),
                EndpointGroup {
                    name: tag.name.clone(),
                    description: tag.description.clone(),
                    operations: Vec::new(),
                },
            );
        }
        for (path, item) in &api.paths.paths {
            let operations = [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                for tag in operation.tags.iter().flatten() {
                    let group = groups.entry(tag.clone()).or_insert_with(|| EndpointGroup {
                        name: tag.clone(),
                        description: None,
                        operations: Vec::new(),
                    });
                    group.operations.push(OperationLink {
                        operation_id: operation.operation_id.clone().unwrap_or_default(),
                        method: method.to_owned(),
                        path: path.clone(),
                    });
                }
            }
        }
        Self {
            service: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            description: env!("CARGO_PKG_DESCRIPTION"),
            links: IndexLinks {
                docs: docs_enabled.then_some("/docs/"),
                openapi_json: "/openapi.json",
                openapi_yaml: "/openapi.yaml",
            },
            groups: groups
                .into_values()
                .filter(|group| !group.operations.is_empty())
                .collect(),
        }
    }
}

/// The service index: name, version, links to the docs, the spec and every endpoint group.
#[utoipa::path(
    get,
    path = "/",
    tag = "meta",
    operation_id = "get_index",
    responses((status = 200, description = "The service index.", body = ServiceIndex,
        example = json!({
            "service": "aftercare", "version": "0.1.0",
            "description": "REST/JSON service for skin aftercare after a microneedling treatment",
            "links": {"docs": "/docs/", "openapi_json": "/openapi.json", "openapi_yaml": "/openapi.yaml"},
            "groups": [{"name": "health", "description": "Liveness and readiness probes.",
                "operations": [{"operation_id": "get_readiness", "method": "GET", "path": "/health/ready"}]}]
        })))
)]
#[get("/")]
pub async fn get_index(index: web::Data<IndexDocument>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .insert_header((header::CACHE_CONTROL, CACHE_STATIC))
        .body(index.0.clone())
}

/// The index, serialised once at start-up.
#[derive(Debug, Clone)]
pub struct IndexDocument(pub Bytes);

impl From<&ServiceIndex> for IndexDocument {
    fn from(index: &ServiceIndex) -> Self {
        // A struct of strings: serialisation cannot fail.
        Self(Bytes::from(serde_json::to_vec(index).unwrap_or_default()))
    }
}
