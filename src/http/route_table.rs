//! The documented routes, read from the OpenAPI document: which methods each path allows and
//! which media types each operation produces. Drives 405 `Allow` and 406 answers, so they can
//! never disagree with the spec.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::{OpenApi, RefOr};

/// One path and its operations: each method with the media types it produces and whether it
/// takes a `format` query parameter (which then chooses the representation instead of `Accept`).
#[derive(Debug)]
pub struct RouteEntry {
    pattern: ResourceDef,
    operations: Vec<(Method, Vec<String>, bool)>,
}

impl RouteEntry {
    /// The methods this path allows, in a stable order.
    pub fn allowed_methods(&self) -> Vec<&str> {
        let mut methods: Vec<&str> = self.operations.iter().map(|(method, _, _)| method.as_str()).collect();
        // Every GET route also answers HEAD (see the request-context middleware).
        if methods.contains(&"GET") {
            methods.insert(methods.iter().position(|m| *m == "GET").map_or(0, |i| i + 1), "HEAD");
        }
        methods
    }

    /// The media types of the successful responses of `method`, if the path has that method.
    pub fn produces(&self, method: &Method) -> Option<&[String]> {
        self.operations
            .iter()
            .find(|(m, _, _)| m == method)
            .map(|(_, types, _)| types.as_slice())
    }

    /// Whether `method` on this path takes a `format` query parameter.
    pub fn takes_format(&self, method: &Method) -> bool {
        self.operations
            .iter()
            .any(|(m, _, takes_format)| m == method && *takes_format)
    }
}

/// All documented routes plus the few undocumented ones (the Swagger UI).
#[derive(Debug, Default)]
pub struct RouteTable {
    entries: Vec<RouteEntry>,
}

impl RouteTable {
    /// Reads every path and operation of `api`.
    pub fn from_openapi(api: &OpenApi) -> Self {
        let mut table = Self::default();
        for (path, item) in &api.paths.paths {
            let operations = operations_of(item)
                .into_iter()
                .map(|(method, operation)| (method, success_media_types(operation), takes_format(operation)))
                .collect();
            table.entries.push(RouteEntry {
                pattern: ResourceDef::new(path.as_str()),
                operations,
            });
        }
        // Literal paths first so `/v1/phases/current` wins over `/v1/phases/{phase_id}`.
        table
            .entries
            .sort_by_key(|entry| entry.pattern.is_prefix() || entry.pattern.pattern().is_some_and(|p| p.contains('{')));
        table
    }

    /// Adds an undocumented route that answers `GET` with any media type.
    pub fn with_get_route(mut self, pattern: &str) -> Self {
        self.entries.push(RouteEntry {
            pattern: ResourceDef::new(pattern),
            operations: vec![(Method::GET, Vec::new(), false)],
        });
        self
    }

    /// The entry whose pattern matches `path`.
    pub fn lookup(&self, path: &str) -> Option<&RouteEntry> {
        self.entries.iter().find(|entry| entry.pattern.is_match(path))
    }
}

fn operations_of(item: &PathItem) -> Vec<(Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PUT, &item.put),
        (Method::PATCH, &item.patch),
        (Method::DELETE, &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_ref().map(|operation| (method, operation)))
    .collect()
}

fn takes_format(operation: &Operation) -> bool {
    operation.parameters.iter().flatten().any(|parameter| match parameter {
        RefOr::T(parameter) => {
            parameter.name == "format" && matches!(parameter.parameter_in, utoipa::openapi::path::ParameterIn::Query)
        }
        RefOr::Ref(_) => false,
    })
}

fn success_media_types(operation: &Operation) -> Vec<String> {
    let mut types: Vec<String> = operation
        .responses
        .responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(_, response)| match response {
            RefOr::T(response) => Some(response.content.keys().cloned().collect::<Vec<_>>()),
            RefOr::Ref(_) => None,
        })
        .flatten()
        .collect();
    types.dedup();
    types
}
