//! `POST /v1/ingredient-checks`, `POST /v1/ingredient-checks/batch`, `GET /v1/ingredients` and
//! `GET /v1/ingredients/{ingredient_id}`.

use std::collections::HashMap;

use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;

use super::ingredient_dto::{
    BatchCheckRequest, BatchCheckResponse, BatchCheckResult, IngredientCheckRequest, IngredientCheckResponse,
    IngredientEntry,
};
use super::localized::{CACHE_CONTENT, CACHE_PATIENT, localized_json_bytes};
use super::phases::LocaleQueryParams;
use super::plan_input::{Location, RawPlanInput, TimingFields, query_locale};
use crate::http::extract::{ApiJson, ApiQuery, BatchJson};
use crate::ingredients::knowledge::{EntryKind, Role};
use crate::ingredients::protocol_link::{LinkError, restriction_windows};
use crate::ingredients::{CheckOptions, IngredientChecker, IngredientsInput, RestrictionWindows};
use crate::problem::{FieldError, Problem};
use crate::protocol::{Locale, Protocol};
use crate::settings::LimitSettings;

/// The checker, the windows from the protocol and the prepared knowledge-base answers.
#[derive(Debug)]
pub struct IngredientService {
    checker: IngredientChecker,
    windows: RestrictionWindows,
    limits: LimitSettings,
    listing: HashMap<Locale, (Bytes, HashMap<String, Bytes>)>,
    entries: HashMap<Locale, Vec<IngredientEntry>>,
}

impl IngredientService {
    /// The request limits this service enforces.
    pub fn limits(&self) -> &LimitSettings {
        &self.limits
    }

    /// Links the knowledge base to the protocol and prepares the listings.
    pub fn build(checker: IngredientChecker, protocol: &Protocol, limits: LimitSettings) -> Result<Self, LinkError> {
        let windows = restriction_windows(checker.knowledge(), protocol)?;
        let mut listing = HashMap::new();
        let mut localized_entries = HashMap::new();
        for language in protocol.languages() {
            let Ok(locale) = protocol.negotiate(Some(language), None) else {
                continue;
            };
            let entries: Vec<IngredientEntry> = checker
                .knowledge()
                .entries()
                .iter()
                .map(|entry| IngredientEntry {
                    id: entry.id.clone(),
                    inci: entry.inci.clone(),
                    kind: kind_name(entry.kind).to_owned(),
                    class: entry.class.clone(),
                    severity: match entry.role {
                        Role::Restricted(severity) => Some(severity),
                        Role::Beneficial | Role::NotRestricted => None,
                    },
                    active: entry.active.clone(),
                    rule_id: entry.rule.clone(),
                    rule_ends_after: entry
                        .rule
                        .as_deref()
                        .and_then(|rule| protocol.rule(rule))
                        .map(|rule| rule.ends_after().to_string()),
                    synonyms: entry.synonyms.clone(),
                    cas: entry.cas.clone(),
                    reason: entry.reason.get(language).cloned().unwrap_or_default(),
                })
                .collect();
            let by_id = entries
                .iter()
                .map(|entry| (entry.id.clone(), Bytes::from(to_json(entry))))
                .collect::<HashMap<_, _>>();
            listing.insert(locale.clone(), (Bytes::from(to_json(&entries)), by_id));
            localized_entries.insert(locale, entries);
        }
        Ok(Self {
            checker,
            windows,
            limits,
            listing,
            entries: localized_entries,
        })
    }

    /// Checks one product with parsed timing fields.
    pub fn check(
        &self,
        input: &IngredientsInput,
        product_name: Option<String>,
        timing: &TimingFields,
    ) -> Result<IngredientCheckResponse, Problem> {
        let options = CheckOptions {
            language: timing.locale.as_str(),
            windows: &self.windows,
            treated_at: timing.treated_at.as_ref().map(|treated_at| treated_at.utc()),
            at: timing.at.as_ref().map_or_else(Utc::now, |at| at.utc()),
        };
        let check = self.checker.check(input, &options).map_err(|error| {
            tracing::error!(error = %error, "the ingredient check failed on content the start-up checks accepted");
            Problem::internal()
        })?;
        let zone = timing.zone.filter(|_| timing.treated_at.is_some());
        Ok(IngredientCheckResponse {
            product_name,
            locale: timing.locale.as_str().to_owned(),
            timezone: zone.map(|zone| zone.name()),
            restricted_until_local: zone
                .zip(check.restricted_until)
                .map(|(zone, until)| zone.local_rfc3339(until)),
            check,
        })
    }

    /// The knowledge-base entries in `locale`, as listed by `GET /v1/ingredients`.
    pub fn listing_entries(&self, locale: &Locale) -> Option<Vec<IngredientEntry>> {
        self.entries.get(locale).cloned()
    }

    /// The broken limits of one product's fields, as errors under `prefix` (e.g. `/products/3`).
    fn limit_errors(&self, prefix: &str, input: &IngredientsInput, names: &[(&str, Option<&str>)]) -> Vec<FieldError> {
        let limits = &self.limits;
        let mut errors = Vec::new();
        let items = input.items();
        if items.len() > limits.ingredient_list_items {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                format!("must have at most {} items", limits.ingredient_list_items),
            ));
        }
        if items.iter().map(|item| item.chars().count()).sum::<usize>() > limits.ingredient_text_chars {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                format!("must have at most {} characters in all", limits.ingredient_text_chars),
            ));
        }
        if items.iter().all(|item| item.trim().is_empty()) {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                "must name at least one ingredient",
            ));
        }
        for (field, value) in names {
            if value.is_some_and(|value| value.chars().count() > limits.product_name_chars) {
                errors.push(FieldError::pointer(
                    format!("{prefix}/{field}"),
                    format!("must be at most {} characters", limits.product_name_chars),
                ));
            }
        }
        errors
    }
}

fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Active => "active",
        EntryKind::Derivative => "derivative",
        EntryKind::Source => "source",
        EntryKind::Ambiguous => "ambiguous",
        EntryKind::Exfoliant => "exfoliant",
        EntryKind::Beneficial => "beneficial",
        EntryKind::NotRestricted => "not-restricted",
    }
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    // Plain structs of strings: serialisation cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Can I use this product after microneedling? Checks a label's ingredients.
#[utoipa::path(
    post,
    path = "/v1/ingredient-checks",
    tag = "ingredients",
    operation_id = "check_ingredients",
    params(("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")),
    request_body = IngredientCheckRequest,
    responses(
        (status = 200, description = "The verdict (`avoid`, `caution` or `ok`) with every flagged and helpful ingredient explained, the parsed list and notes.",
            body = IngredientCheckResponse),
        (status = 422, description = "A field breaks a rule (a limit, a bad time, zone or locale, `at` before `treated_at`); `errors` points at each.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[post("/v1/ingredient-checks")]
pub async fn check_ingredients(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
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
    let response = service.check(&body.ingredients, body.product_name, &timing)?;
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
    params(("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")),
    request_body = BatchCheckRequest,
    responses(
        (status = 200, description = "One result per product, in the order of the request.", body = BatchCheckResponse),
        (status = 413, description = "The body is larger than `limits.batch_body_bytes` (1 MiB by default).",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Too many products, or a field of the batch or of a product breaks a rule; `errors` points at each.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[post("/v1/ingredient-checks/batch")]
pub async fn check_ingredients_batch(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    service: web::Data<IngredientService>,
    body: BatchJson<BatchCheckRequest>,
) -> Result<HttpResponse, Problem> {
    let body = body.0;
    let max = service.limits.batch_max_products;
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
    // The answer can be tens of megabytes (every product echoes its parsed list): each product is
    // checked and serialised only when the client is ready for it, so memory stays per product.
    let count = body.products.len();
    let locale = timing.locale.clone();
    let service = service.into_inner();
    let mut products = body.products.into_iter().enumerate();
    let mut finished = false;
    let chunks = futures_util::stream::poll_fn(move |_| {
        if finished {
            return std::task::Poll::Ready(None);
        }
        let chunk = match products.next() {
            Some((index, product)) => {
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
                    finished = true;
                    return std::task::Poll::Ready(Some(Err(std::io::Error::other("batch check failed"))));
                }
                chunk
            }
            None => {
                finished = true;
                b"]}".to_vec()
            }
        };
        std::task::Poll::Ready(Some(Ok::<_, std::io::Error>(Bytes::from(chunk))))
    });
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
    params(LocaleQueryParams, ("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")),
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
    let (list, _) = service.listing.get(&locale).ok_or_else(Problem::internal)?;
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
        ("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")
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
    let (_, by_id) = service.listing.get(&locale).ok_or_else(Problem::internal)?;
    let entry = by_id
        .get(ingredient_id.as_str())
        .ok_or_else(|| Problem::not_found("No ingredient has this id; GET /v1/ingredients lists them."))?;
    Ok(localized_json_bytes(entry.clone(), &locale, CACHE_CONTENT))
}
