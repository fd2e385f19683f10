//! `GET /v1/phases`, `GET /v1/phases/{phase_id}` and `GET /v1/phases/current`.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::localized::{AcceptLanguageHeader, CACHE_CONTENT, CACHE_PATIENT, localized_json_bytes};
use super::plan_input::{Location, RawPlanInput, query_locale};
use crate::http::extract::ApiQuery;
use crate::problem::{FieldError, Problem};
use crate::protocol::{At, CompiledResponses, PhaseDescription, PhaseLookup, Protocol};

/// The `locale` query parameter, as every localized `GET` documents it (`params(..., LocaleQueryParams)`,
/// also where the handler's own query struct reads `locale`).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocaleQueryParams {
    /// Response language (`en`, `es`, or a regional tag such as `es-MX`); else `Accept-Language`, else English.
    #[param(max_length = 35, pattern = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", example = "es")]
    pub locale: Option<String>,
}

/// Query of `GET /v1/phases/current`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CurrentPhaseQueryParams {
    /// Treatment instant, RFC 3339 with a UTC offset, between 2000-01-01T00:00:00Z and 2099-12-31T23:59:59Z.
    #[param(max_length = 64, format = DateTime, example = "2026-03-07T10:00:00-05:00")]
    pub treated_at: String,
    /// The instant asked about (same format and range; not before `treated_at`). Default: now.
    #[param(max_length = 64, format = DateTime, example = "2026-03-09T08:00:00-04:00")]
    pub at: Option<String>,
    /// The patient's IANA time zone, used for the `local` times. Default: the offset of `treated_at`.
    #[param(
        max_length = 64,
        pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
        example = "America/New_York"
    )]
    pub timezone: Option<String>,
    /// Documented once, by [`LocaleQueryParams`].
    #[param(ignore)]
    pub locale: Option<String>,
}

/// List the healing phases with their offsets, texts and rules.
#[utoipa::path(
    get,
    path = "/v1/phases",
    tag = "phases",
    operation_id = "list_phases",
    params(LocaleQueryParams, AcceptLanguageHeader),
    responses(
        (status = 200, description = "Every phase in order, in the negotiated language (see `Content-Language`).",
            body = Vec<PhaseDescription>),
        (status = 422, description = "An unsupported `locale`.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json")
    )
)]
#[get("/v1/phases")]
pub async fn list_phases(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    query: ApiQuery<LocaleQueryParams>,
) -> Result<HttpResponse, Problem> {
    let locale = query_locale(&protocol, query.0.locale.as_deref(), &request)?;
    let body = compiled.phases(&locale).ok_or_else(Problem::internal)?;
    Ok(localized_json_bytes(body, &locale, CACHE_CONTENT))
}

/// Where the patient is now: the phase at an instant, what applies, and what comes next.
#[utoipa::path(
    get,
    path = "/v1/phases/current",
    tag = "phases",
    operation_id = "get_current_phase",
    params(CurrentPhaseQueryParams, LocaleQueryParams, AcceptLanguageHeader),
    responses(
        (status = 200, description = "The phase at `at` (half-open windows: exactly 24 h after treatment is the second phase).",
            body = PhaseLookup),
        (status = 422, description = "A missing, malformed or out-of-range parameter, an unknown time zone or locale, or `at` before `treated_at`; `errors` names each parameter.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[get("/v1/phases/current")]
pub async fn get_current_phase(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    query: ApiQuery<CurrentPhaseQueryParams>,
) -> Result<HttpResponse, Problem> {
    let ApiQuery(query) = query;
    let raw = RawPlanInput {
        treated_at: Some(&query.treated_at),
        at: query.at.as_deref(),
        timezone: query.timezone.as_deref(),
        locale: query.locale.as_deref(),
        overrides: None,
    };
    let input = raw.parse(&protocol, Location::Query, &request)?;
    let at = input.at.unwrap_or_else(At::now);
    let lookup = compiled
        .lookup(
            &protocol,
            &input.treated_at,
            &at,
            &input.zone,
            &input.locale,
            &input.overrides,
        )
        .map_err(|error| {
            // Without `at` the lookup is for now: a treatment in the future is the field at fault.
            let error = match query.at {
                Some(_) => FieldError::parameter("at", error.rule()),
                None => FieldError::parameter("treated_at", "must not be in the future when `at` is omitted"),
            };
            Problem::validation(vec![error])
        })?;
    Ok(localized_json_bytes(lookup, &input.locale, CACHE_PATIENT))
}

/// One healing phase with its offsets, texts and rules.
#[utoipa::path(
    get,
    path = "/v1/phases/{phase_id}",
    tag = "phases",
    operation_id = "get_phase",
    params(
        ("phase_id" = String, Path, description = "Stable kebab-case phase id.", max_length = 64, example = "hours-24-to-72"),
        LocaleQueryParams,
        AcceptLanguageHeader
    ),
    responses(
        (status = 200, description = "The phase, in the negotiated language.", body = PhaseDescription),
        (status = 404, description = "No phase has this id.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json"),
        (status = 422, description = "An unsupported `locale`.", body = crate::problem::ProblemDetails,
            content_type = "application/problem+json")
    )
)]
#[get("/v1/phases/{phase_id}")]
pub async fn get_phase(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    phase_id: web::Path<String>,
    query: ApiQuery<LocaleQueryParams>,
) -> Result<HttpResponse, Problem> {
    let locale = query_locale(&protocol, query.0.locale.as_deref(), &request)?;
    let phase = compiled
        .phase(&locale, &phase_id)
        .ok_or_else(|| Problem::not_found("No phase has this id; GET /v1/phases lists them."))?;
    Ok(localized_json_bytes(phase, &locale, CACHE_CONTENT))
}
