//! `POST /v1/ingredient-checks`, `POST /v1/ingredient-checks/batch`, `GET /v1/ingredients` and
//! `GET /v1/ingredients/{ingredient_id}`.

use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;

use super::check_pool::{CheckPool, INLINE_CHECK_BYTES};
use super::ingredient_dto::{
    BatchCheckRequest, BatchCheckResponse, BatchCheckResult, IngredientCheckRequest, IngredientCheckResponse,
    IngredientEntry,
};
pub use super::ingredient_service::IngredientService;
use super::localized::{AcceptLanguageHeader, CACHE_CONTENT, CACHE_PATIENT, localized_json_bytes};
use super::phases::LocaleQueryParams;
use super::plan_input::{Location, RawPlanInput, query_locale};
use crate::http::extract::{ApiJson, ApiQuery, BatchJson};
use crate::problem::{FieldError, Problem};
use crate::protocol::Protocol;

/// Can I use this product after microneedling? Checks a label's ingredients.
#[utoipa::path(
    post,
    path = "/v1/ingredient-checks",
    tag = "ingredients",
    operation_id = "check_ingredients",
    params(AcceptLanguageHeader),
    request_body = IngredientCheckRequest,
    responses(
        (status = 200, description = "The verdict (`avoid`, `caution`, `none-found` or `unreadable`) with every flagged and helpful ingredient explained, the parsed list and notes. At most `limits.label_items` (500) ingredients are answered: with the longest label (`limits.ingredient_text_chars`, 20,000 characters) an answer is about 180 KB (measured with 500 restricted names in English and Spanish).",
            body = IngredientCheckResponse),
        (status = 422, description = "A field breaks a rule (a limit, a bad time, zone or locale, `at` before `treated_at`), or the label reads as more than `limits.label_items` (500) ingredients once parsed; `errors` points at each.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json"),
        (status = 503, description = "A label over 2,000 bytes is checked off the HTTP workers, at most `limits.check_workers` at once; every place was taken. `Retry-After` says when to retry.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait before retrying.")))
    )
)]
#[post("/v1/ingredient-checks")]
pub async fn check_ingredients(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
    pool: web::Data<CheckPool>,
    body: ApiJson<IngredientCheckRequest>,
) -> Result<HttpResponse, Problem> {
    let body = body.0;
    let mut errors = service.limit_errors("", &body.ingredients, &[("product_name", body.product_name.as_deref())]);
    let timing = timing(&body.treated_at, &body.at, &body.timezone, &body.locale)
        .parse_optional(&protocol, Location::Body, &request)
        .map_err(|problem| errors.extend(problem.errors().iter().cloned()));
    let timing = match timing {
        Ok(timing) if errors.is_empty() => timing,
        _ => return Err(Problem::validation(errors)),
    };
    // A long label takes real CPU time: it is checked off the HTTP workers, in the pool.
    let bytes: usize = body.ingredients.items().iter().map(String::len).sum();
    let (response, timing) = if bytes > INLINE_CHECK_BYTES {
        let place = pool.place()?;
        let service = service.clone().into_inner();
        web::block(move || {
            let _place = place;
            let response = service.check(&body.ingredients, body.product_name, &timing);
            response.map(|response| (response, timing))
        })
        .await
        .map_err(|_| Problem::internal())??
    } else {
        (service.check(&body.ingredients, body.product_name, &timing)?, timing)
    };
    if let Some(error) = service.items_error("", response.check.ingredients.len()) {
        return Err(Problem::validation(vec![error]));
    }
    let json = serde_json::to_vec(&response).map_err(|error| {
        tracing::error!(error = %error, "an ingredient answer could not be serialised");
        Problem::internal()
    })?;
    Ok(localized_json_bytes(json, &timing.locale, CACHE_PATIENT))
}

/// Checks many products at once (a shop's catalogue, a patient's shelf), one result per product in order.
#[utoipa::path(
    post,
    path = "/v1/ingredient-checks/batch",
    tag = "ingredients",
    operation_id = "check_ingredients_batch",
    params(AcceptLanguageHeader),
    request_body = BatchCheckRequest,
    responses(
        (status = 200, description = "One result per product, in the order of the request, streamed as each is checked. The products read as at most `limits.batch_items` (20,000) ingredients in all, so an answer is about 7 MB at most (about 350 bytes per ingredient, measured).", body = BatchCheckResponse),
        (status = 413, description = "The body is larger than `limits.batch_body_bytes` (1 MiB by default).",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Too many products, a field of the batch or of a product breaks a rule, a product reads as more than `limits.label_items` ingredients, or all of them as more than `limits.batch_items`; checked before any product is; `errors` points at each.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json"),
        (status = 503, description = "Batches run off the HTTP workers, at most `limits.check_workers` at once; every place was taken. `Retry-After` says when to retry.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait before retrying.")))
    )
)]
#[post("/v1/ingredient-checks/batch")]
pub async fn check_ingredients_batch(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
    pool: web::Data<CheckPool>,
    body: BatchJson<BatchCheckRequest>,
) -> Result<HttpResponse, Problem> {
    let body = body.0;
    let max = service.limits().batch_max_products;
    if body.products.len() > max {
        return Err(Problem::validation(vec![FieldError::pointer(
            "/products",
            format!("must have at most {max} items"),
        )]));
    }
    if body.products.is_empty() {
        return Err(Problem::validation(vec![FieldError::pointer(
            "/products",
            "must have at least 1 item",
        )]));
    }
    let mut errors = Vec::new();
    for (index, product) in body.products.iter().enumerate() {
        let names = [
            ("id", Some(product.id.as_str())),
            ("product_name", product.product_name.as_deref()),
        ];
        errors.extend(service.limit_errors(&format!("/products/{index}"), &product.ingredients, &names));
    }
    let timing = timing(&body.treated_at, &body.at, &body.timezone, &body.locale)
        .parse_optional(&protocol, Location::Body, &request)
        .map_err(|problem| errors.extend(problem.errors().iter().cloned()));
    let timing = match timing {
        Ok(timing) if errors.is_empty() => timing,
        _ => return Err(Problem::validation(errors)),
    };
    // The whole batch runs in the pool, off the HTTP workers: first the bounds on what the
    // products read as (so an answer is refused before any product is checked), then each product
    // is checked and serialised only when the client has taken the one before (a channel of one
    // chunk). A client that stops reading stalls the work; one that is gone (or whose connection
    // `server.write_timeout_ms` closed) ends it.
    let place = pool.place()?;
    let count = body.products.len();
    let locale = timing.locale.clone();
    let service = service.into_inner();
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Bytes, Problem>>(1);
    actix_web::rt::task::spawn_blocking(move || {
        let _place = place;
        let mut errors = Vec::new();
        let mut total = 0;
        for (index, product) in body.products.iter().enumerate() {
            let items = service.items_read(&product.ingredients);
            total += items;
            errors.extend(service.items_error(&format!("/products/{index}"), items));
        }
        let max = service.limits().batch_items;
        if total > max {
            errors.push(FieldError::pointer(
                "/products",
                format!("must read as at most {max} ingredients in all once parsed"),
            ));
        }
        if !errors.is_empty() {
            let _ = sender.blocking_send(Err(Problem::validation(errors)));
            return;
        }
        for (index, product) in body.products.into_iter().enumerate() {
            let mut chunk = if index == 0 {
                format!(r#"{{"count":{count},"results":["#).into_bytes()
            } else {
                b",".to_vec()
            };
            let result = service
                .check(&product.ingredients, product.product_name, &timing)
                .map(|result| BatchCheckResult { id: product.id, result });
            let written = result.map(|result| serde_json::to_writer(&mut chunk, &result));
            if !matches!(written, Ok(Ok(()))) {
                // Start-up checks make this unreachable; end the stream so the client sees a cut answer.
                tracing::error!("an ingredient check failed in the middle of a batch answer");
                let _ = sender.blocking_send(Err(Problem::internal()));
                return;
            }
            if sender.blocking_send(Ok(Bytes::from(chunk))).is_err() {
                return; // The client is gone: drop the rest of the work.
            }
        }
        let _ = sender.blocking_send(Ok(Bytes::from_static(b"]}")));
    });
    let first = match receiver.recv().await {
        Some(Ok(first)) => first,
        Some(Err(problem)) => return Err(problem),
        None => return Err(Problem::internal()),
    };
    let rest = futures_util::stream::poll_fn(move |context| {
        receiver
            .poll_recv(context)
            .map(|next| next.map(|chunk| chunk.map_err(|_| std::io::Error::other("batch check failed"))))
    });
    let chunks = futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }).chain(rest);
    Ok(HttpResponse::Ok()
        .content_type(ContentType::json())
        .insert_header((header::CONTENT_LANGUAGE, locale.as_str()))
        .insert_header((header::VARY, "Accept-Language"))
        .insert_header((header::CACHE_CONTROL, CACHE_PATIENT))
        .streaming(chunks))
}

fn timing<'a>(
    treated_at: &'a Option<String>,
    at: &'a Option<String>,
    timezone: &'a Option<String>,
    locale: &'a Option<String>,
) -> RawPlanInput<'a> {
    RawPlanInput {
        treated_at: treated_at.as_deref(),
        at: at.as_deref(),
        timezone: timezone.as_deref(),
        locale: locale.as_deref(),
        overrides: None,
    }
}

/// The ingredient knowledge base: every recognised ingredient, why it is flagged or helpful, and for how long.
#[utoipa::path(
    get,
    path = "/v1/ingredients",
    tag = "ingredients",
    operation_id = "list_ingredients",
    params(LocaleQueryParams, AcceptLanguageHeader),
    responses(
        (status = 200, description = "Every entry, in the negotiated language.", body = Vec<IngredientEntry>),
        (status = 422, description = "An unsupported `locale`.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json")
    )
)]
#[get("/v1/ingredients")]
pub async fn list_ingredients(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
    query: ApiQuery<LocaleQueryParams>,
) -> Result<HttpResponse, Problem> {
    let locale = query_locale(&protocol, query.0.locale.as_deref(), &request)?;
    let list = service.listing_json(&locale).ok_or_else(Problem::internal)?;
    Ok(localized_json_bytes(list.clone(), &locale, CACHE_CONTENT))
}

/// One knowledge-base entry, so an app can show why an ingredient was flagged.
#[utoipa::path(
    get,
    path = "/v1/ingredients/{ingredient_id}",
    tag = "ingredients",
    operation_id = "get_ingredient",
    params(
        ("ingredient_id" = String, Path, description = "Stable kebab-case ingredient id.", max_length = 64, example = "sodium-salicylate"),
        LocaleQueryParams,
        AcceptLanguageHeader
    ),
    responses(
        (status = 200, description = "The entry, in the negotiated language.", body = IngredientEntry),
        (status = 404, description = "No entry has this id.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json"),
        (status = 422, description = "An unsupported `locale`.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json")
    )
)]
#[get("/v1/ingredients/{ingredient_id}")]
pub async fn get_ingredient(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
    ingredient_id: web::Path<String>,
    query: ApiQuery<LocaleQueryParams>,
) -> Result<HttpResponse, Problem> {
    let locale = query_locale(&protocol, query.0.locale.as_deref(), &request)?;
    service.listing_json(&locale).ok_or_else(Problem::internal)?;
    let entry = service
        .entry_json(&locale, &ingredient_id)
        .ok_or_else(|| Problem::not_found("No ingredient has this id; GET /v1/ingredients lists them."))?;
    Ok(localized_json_bytes(entry.clone(), &locale, CACHE_CONTENT))
}
