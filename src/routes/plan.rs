//! `GET /v1/aftercare-plan` and `POST /v1/aftercare-plan`: the whole healing timeline.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::localized::{CACHE_PATIENT, localized_json_bytes};
use super::plan_input::{Location, RawPlanInput};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::problem::Problem;
use crate::protocol::{AftercarePlan, CompiledResponses, Protocol};

/// Query of `GET /v1/aftercare-plan`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AftercarePlanQueryParams {
    /// Treatment instant, RFC 3339 with a UTC offset, between 2000-01-01T00:00:00Z and 2099-12-31T23:59:59Z.
    #[param(max_length = 64, format = DateTime, example = "2026-03-07T10:00:00-05:00")]
    pub treated_at: String,
    /// The patient's IANA time zone, used for the `local` times. Default: the offset of `treated_at`.
    #[param(
        max_length = 64,
        pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
        example = "America/New_York"
    )]
    pub timezone: Option<String>,
    /// Response language (`en`, `es`, or a regional tag such as `es-MX`); else `Accept-Language`, else English.
    #[param(max_length = 35, pattern = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", example = "en")]
    pub locale: Option<String>,
}

/// Body of `POST /v1/aftercare-plan`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "treated_at": "2026-03-07T10:00:00-05:00",
    "timezone": "America/New_York",
    "locale": "en",
    "overrides": {"avoid-direct-sun": "P7D"}
}))]
pub struct AftercarePlanRequest {
    /// Treatment instant, RFC 3339 with a UTC offset, between 2000-01-01T00:00:00Z and 2099-12-31T23:59:59Z.
    #[schema(max_length = 64, format = DateTime)]
    pub treated_at: String,
    /// The patient's IANA time zone. Default: the offset of `treated_at`.
    #[schema(max_length = 64, pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    pub timezone: Option<String>,
    /// Response language; else `Accept-Language`, else English.
    #[schema(max_length = 35, pattern = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    pub locale: Option<String>,
    /// Lengthened rule windows for this plan: rule id → new `ends_after` as an ISO 8601 duration
    /// (e.g. `P7D`). Never shorter than the guidance allows (nor the rule's default), at most `P26W`;
    /// at most 32 entries.
    #[serde(default)]
    pub overrides: BTreeMap<String, String>,
}

/// The aftercare plan for a treatment, from query parameters (subscribable, bookmarkable).
#[utoipa::path(
    get,
    path = "/v1/aftercare-plan",
    tag = "aftercare-plan",
    operation_id = "get_aftercare_plan",
    params(AftercarePlanQueryParams, ("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")),
    responses(
        (status = 200, description = "The whole plan: phases, rules with absolute windows, milestones, routine, ingredients, when to contact the provider.",
            body = AftercarePlan),
        (status = 422, description = "A missing, malformed or out-of-range parameter, or an unknown time zone or locale; `errors` names each parameter.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[get("/v1/aftercare-plan")]
pub async fn get_aftercare_plan(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    query: ApiQuery<AftercarePlanQueryParams>,
) -> Result<HttpResponse, Problem> {
    let query = query.0;
    let raw = RawPlanInput {
        treated_at: Some(&query.treated_at),
        timezone: query.timezone.as_deref(),
        locale: query.locale.as_deref(),
        ..RawPlanInput::default()
    };
    respond(&protocol, &compiled, raw, Location::Query, &request)
}

/// The aftercare plan for a treatment, with optional clinic overrides that lengthen rule windows.
#[utoipa::path(
    post,
    path = "/v1/aftercare-plan",
    tag = "aftercare-plan",
    operation_id = "create_aftercare_plan",
    params(("Accept-Language" = Option<String>, Header, description = "Preferred languages; used when `locale` is absent.")),
    request_body = AftercarePlanRequest,
    responses(
        (status = 200, description = "The whole plan with the overrides applied (`overridden: true` on each lengthened rule).",
            body = AftercarePlan),
        (status = 422, description = "A field breaks a rule: bad time, zone or locale, an unknown rule id in `overrides`, or an override below the rule's minimum.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[post("/v1/aftercare-plan")]
pub async fn create_aftercare_plan(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    body: ApiJson<AftercarePlanRequest>,
) -> Result<HttpResponse, Problem> {
    let body = body.0;
    let raw = RawPlanInput {
        treated_at: Some(&body.treated_at),
        timezone: body.timezone.as_deref(),
        locale: body.locale.as_deref(),
        overrides: Some(&body.overrides),
        at: None,
    };
    respond(&protocol, &compiled, raw, Location::Body, &request)
}

fn respond(
    protocol: &Protocol,
    compiled: &CompiledResponses,
    raw: RawPlanInput<'_>,
    location: Location,
    request: &HttpRequest,
) -> Result<HttpResponse, Problem> {
    let input = raw.parse(protocol, location, request)?;
    let plan = compiled.plan(
        protocol,
        &input.treated_at,
        &input.zone,
        &input.locale,
        &input.overrides,
    );
    Ok(localized_json_bytes(plan, &input.locale, CACHE_PATIENT))
}
