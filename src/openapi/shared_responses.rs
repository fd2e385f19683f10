//! The responses every operation shares (problems, `X-Request-Id`, `Content-Language`) and the
//! API-key security scheme, added to the collected paths in one place.

use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, Response, ResponseBuilder, Type};

use crate::problem::{PROBLEM_JSON, ProblemKind};

/// Security scheme name of the API keys.
const API_KEY: &str = "api_key";

/// Header component name of the request id.
const REQUEST_ID: &str = "X-Request-Id";
/// Problems every operation can answer, beyond those each handler documents itself.
const SHARED_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::NotAcceptable,
        "NotAcceptable",
        "None of the media types in `Accept` can be produced.",
    ),
    (
        ProblemKind::HeadersTooLarge,
        "HeadersTooLarge",
        "The request's header fields together are larger than `limits.header_bytes` (16 KiB by default).",
    ),
    (
        ProblemKind::Internal,
        "InternalError",
        "A defect on our side; the body never says more than that.",
    ),
];

/// Answers every `/v1` operation may give when access control or rate limiting is switched on.
const V1_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::Unauthorized,
        "Unauthorized",
        "A key is required (`auth.enabled`) and was missing, not valid, or sent in more than one `Authorization` header.",
    ),
    (
        ProblemKind::TooManyRequests,
        "TooManyRequests",
        "The client used up its rate limit (`rate_limit.enabled`) or its failed key checks (`auth.failures_per_minute`); `Retry-After` says when to retry.",
    ),
];

/// Problems of every operation that takes a JSON body.
const BODY_PROBLEMS: &[(ProblemKind, &str, &str)] = &[
    (
        ProblemKind::MalformedJson,
        "MalformedJson",
        "The body is not well-formed JSON.",
    ),
    (
        ProblemKind::RequestTimeout,
        "RequestTimeout",
        "The body did not arrive within `server.body_read_timeout_ms` (10 s by default).",
    ),
    (
        ProblemKind::PayloadTooLarge,
        "PayloadTooLarge",
        "The body is larger than `limits.json_body_bytes` (64 KiB by default).",
    ),
    (
        ProblemKind::UnsupportedMediaType,
        "UnsupportedMediaType",
        "The body is not sent as `application/json`, declares a `charset` other than UTF-8, or is sent with a `Content-Encoding` other than `identity` (compressed bodies are not read).",
    ),
    (
        ProblemKind::Validation,
        "ValidationError",
        "The body breaks a rule (a number out of range included); `errors` names each field and rule.",
    ),
];

pub(super) fn add_shared_responses(api: &mut utoipa::openapi::OpenApi) {
    api.components.get_or_insert_with(Default::default).add_security_scheme(
        API_KEY.to_owned(),
        utoipa::openapi::security::SecurityScheme::Http(
            utoipa::openapi::security::HttpBuilder::new()
                .scheme(utoipa::openapi::security::HttpAuthScheme::Bearer)
                .description(Some(
                    "An API key, when the operator has set `auth.enabled`; the service stores only its SHA-256 digest.",
                ))
                .build(),
        ),
    );
    api.components.get_or_insert_with(Default::default).headers.insert(
        REQUEST_ID.to_owned(),
        RefOr::T(
            HeaderBuilder::new()
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(Type::String)
                        .max_length(Some(64)),
                ))
                .description(Some(
                    "The request id: the caller's own when it sent a well-formed one (1-64 characters of \
A-Z a-z 0-9 . _ -), else a generated UUID.",
                ))
                .build(),
        ),
    );
    let mut used = std::collections::BTreeSet::new();
    for (path, item) in api.paths.paths.iter_mut() {
        let is_v1 = path.starts_with("/v1/");
        for operation in operations_mut(item) {
            // Keys are needed only where access control is switched on (`auth.enabled`): both are valid.
            if is_v1 {
                operation.security = Some(vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new(API_KEY, Vec::<String>::new()),
                ]);
            } else {
                operation
                    .security
                    .get_or_insert_with(|| vec![SecurityRequirement::default()]);
            }
            let takes_body = operation.request_body.is_some();
            let shared = SHARED_PROBLEMS
                .iter()
                .chain(if takes_body { BODY_PROBLEMS } else { &[] })
                .chain(if is_v1 { V1_PROBLEMS } else { &[] });
            for (kind, name, description) in shared {
                let status = kind.status().as_str().to_owned();
                if let std::collections::btree_map::Entry::Vacant(entry) = operation.responses.responses.entry(status) {
                    entry.insert(RefOr::Ref(Ref::from_response_name(*name)));
                    used.insert((*kind, *name, *description));
                }
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let RefOr::T(response) = response {
                    response
                        .headers
                        .entry(REQUEST_ID.to_owned())
                        .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/headers/{REQUEST_ID}"))));
                    // Every `/v1` answer is in a negotiated language (`routes::localized`, the plan formats, the batch).
                    if is_v1 && status == "200" {
                        response.headers.entry(CONTENT_LANGUAGE.to_owned()).or_insert_with(|| {
                            RefOr::T(string_header("The negotiated language of the answer, e.g. `es`."))
                        });
                    }
                }
            }
        }
    }
    let components = api.components.get_or_insert_with(Default::default);
    for (kind, name, description) in used {
        let example = serde_json::json!({
            "type": kind.type_uri(),
            "title": kind.title(),
            "status": kind.status().as_u16(),
            "detail": description,
            "instance": "urn:aftercare:request:0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51",
            "request_id": "0b6a9a43-44b1-4d5e-9b8e-2f0f1b1e0a51"
        });
        let mut response = problem_response(description, Some(example));
        match kind {
            ProblemKind::TooManyRequests => {
                let retry_after = HeaderBuilder::new()
                    .schema(Some(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(0)),
                    ))
                    .description(Some("Seconds to wait before the next request."))
                    .build();
                response.headers.insert("Retry-After".to_owned(), RefOr::T(retry_after));
            }
            ProblemKind::Unauthorized => {
                response.headers.insert(
                    "WWW-Authenticate".to_owned(),
                    RefOr::T(string_header("Always `Bearer realm=\"aftercare\"`.")),
                );
            }
            _ => {}
        }
        components.responses.insert(name.to_owned(), RefOr::T(response));
    }
}

/// Header name of the negotiated language.
const CONTENT_LANGUAGE: &str = "Content-Language";

fn string_header(description: &str) -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(Some(utoipa::openapi::ObjectBuilder::new().schema_type(Type::String)))
        .description(Some(description))
        .build()
}

fn problem_response(description: &str, example: Option<serde_json::Value>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .header_ref(REQUEST_ID, Ref::new(format!("#/components/headers/{REQUEST_ID}")))
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemDetails")))
                .example(example)
                .build(),
        )
        .build()
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}
