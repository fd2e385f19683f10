//! `GET /v1/aftercare-plan` and `POST /v1/aftercare-plan`: the whole healing timeline.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::localized::AcceptLanguageHeader;
use super::phases::LocaleQueryParams;
use super::plan_formats::{self, PlanFormat, PlanRequest, parse_contact_advice, parse_patient_reference};
use super::plan_input::{Location, MAX_OVERRIDES, RawPlanInput};
use crate::formats::Labels;
use crate::http::extract::{ApiJson, ApiQuery, RULE_MARKER};
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
    /// Documented once, by [`LocaleQueryParams`].
    #[param(ignore)]
    pub locale: Option<String>,
    /// The representation; else chosen by `Accept`, else JSON.
    #[param(inline)]
    pub format: Option<PlanFormat>,
    /// The FHIR subject (`Patient/<id>`, FHIR id rules) for `format=fhir`. Never logged.
    #[param(
        max_length = 72,
        pattern = r"^Patient/[A-Za-z0-9.\-]{1,64}$",
        example = "Patient/123"
    )]
    pub patient_reference: Option<String>,
}

/// Query of `POST /v1/aftercare-plan`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQueryParams {
    /// The representation; else chosen by `Accept`, else JSON.
    #[param(inline)]
    pub format: Option<PlanFormat>,
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
    #[serde(default, deserialize_with = "unique_keys")]
    #[schema(schema_with = overrides_schema)]
    pub overrides: BTreeMap<String, String>,
    /// The FHIR subject (`Patient/<id>`, FHIR id rules) for the FHIR representation. Never logged.
    #[schema(
        max_length = 72,
        pattern = r"^Patient/[A-Za-z0-9.\-]{1,64}$",
        example = "Patient/123"
    )]
    pub patient_reference: Option<String>,
    /// The clinic's own reviewed contact advice, in the plan's language: it replaces the default
    /// advice (the `warning-contact-provider` rule) in every representation, labelled as the
    /// clinic's. Trimmed; 1 to 1000 characters, no control characters but line breaks. Never
    /// logged.
    #[schema(
        min_length = 1,
        max_length = 1000,
        example = "Call the clinic on 555-0100 with any concern about your skin."
    )]
    pub contact_advice: Option<String>,
}

/// `overrides` as a map whose keys are each given once: a second value for a rule is a 422 (as a
/// duplicate top-level field is), never a silent "the last one wins".
fn unique_keys<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct UniqueKeys;
    impl<'de> serde::de::Visitor<'de> for UniqueKeys {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if out.insert(key, value).is_some() {
                    return Err(serde::de::Error::custom(format!(
                        "{RULE_MARKER}must give each rule id once"
                    )));
                }
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(UniqueKeys)
}

/// The schema of `overrides` with its limits as keywords: at most [`MAX_OVERRIDES`] entries, keys
/// kebab-case rule ids of at most 64 characters, values strings.
fn overrides_schema() -> utoipa::openapi::Object {
    use utoipa::openapi::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "Lengthened rule windows for this plan: rule id → new `ends_after` as an ISO 8601 duration \
(e.g. `P7D`). Never shorter than the guidance allows (nor the rule's default), at most `P26W`; \
at most 32 entries.",
        ))
        .max_properties(Some(MAX_OVERRIDES))
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(64))
                .pattern(Some("^[a-z0-9]+(-[a-z0-9]+)*$")),
        ))
        .additional_properties(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

/// The aftercare plan for a treatment, from query parameters (subscribable, bookmarkable).
#[utoipa::path(
    get,
    path = "/v1/aftercare-plan",
    tag = "aftercare-plan",
    operation_id = "get_aftercare_plan",
    params(AftercarePlanQueryParams, LocaleQueryParams, AcceptLanguageHeader),
    responses(
        (status = 200, description = "The whole plan: phases, rules with absolute windows, milestones, routine, ingredients, when to contact the provider. As JSON, an iCalendar feed (subscribe to this URL), a FHIR R4 CarePlan or a printable HTML handout.",
            content(
                (AftercarePlan = "application/json"),
                (String = "text/calendar"),
                (Object = "application/fhir+json"),
                (String = "text/html")
            )),
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
    let parts = PlanParts {
        format: query.format,
        patient_reference: query.patient_reference.as_deref(),
        contact_advice: None,
        location: Location::Query,
    };
    respond(&protocol, &compiled, raw, parts, &request)
}

/// The aftercare plan for a treatment, with optional clinic overrides that lengthen rule windows.
#[utoipa::path(
    post,
    path = "/v1/aftercare-plan",
    tag = "aftercare-plan",
    operation_id = "create_aftercare_plan",
    params(FormatQueryParams, AcceptLanguageHeader),
    request_body = AftercarePlanRequest,
    responses(
        (status = 200, description = "The whole plan with the overrides applied (`overridden: true` on each lengthened rule), in the negotiated representation.",
            content(
                (AftercarePlan = "application/json"),
                (String = "text/calendar"),
                (Object = "application/fhir+json"),
                (String = "text/html")
            )),
        (status = 422, description = "A field breaks a rule: bad time, zone or locale, an unknown rule id in `overrides`, an override below the rule's minimum, or a malformed `patient_reference`.",
            body = crate::problem::ProblemDetails, content_type = "application/problem+json")
    )
)]
#[post("/v1/aftercare-plan")]
pub async fn create_aftercare_plan(
    request: HttpRequest,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    query: ApiQuery<FormatQueryParams>,
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
    let parts = PlanParts {
        format: query.0.format,
        patient_reference: body.patient_reference.as_deref(),
        contact_advice: body.contact_advice.as_deref(),
        location: Location::Body,
    };
    respond(&protocol, &compiled, raw, parts, &request)
}

/// The representation-related fields of a plan request.
struct PlanParts<'a> {
    format: Option<PlanFormat>,
    patient_reference: Option<&'a str>,
    contact_advice: Option<&'a str>,
    location: Location,
}

fn respond(
    protocol: &Protocol,
    compiled: &CompiledResponses,
    raw: RawPlanInput<'_>,
    parts: PlanParts<'_>,
    request: &HttpRequest,
) -> Result<HttpResponse, Problem> {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok());
    let format = PlanFormat::negotiate(parts.format, accept)?;
    let patient = parts.patient_reference.map(parse_patient_reference).transpose();
    let contact_advice = parts.contact_advice.map(parse_contact_advice).transpose();
    let (input, contact_advice) = match (raw.parse(protocol, parts.location, request), patient, contact_advice) {
        (Ok(input), Ok(_), Ok(advice)) => (input, advice),
        (input, patient, advice) => {
            let mut errors = input.err().map(|problem| problem.errors().to_vec()).unwrap_or_default();
            if let Err(rule) = patient {
                errors.push(parts.location.error("patient_reference", rule));
            }
            if let Err(rule) = advice {
                errors.push(parts.location.error("contact_advice", rule));
            }
            return Err(Problem::validation(errors));
        }
    };
    let fingerprint = input.overrides.fingerprint();
    let plan_request = PlanRequest {
        treated_at: &input.treated_at,
        zone: &input.zone,
        locale: &input.locale,
        overrides: &input.overrides,
        fingerprint: &fingerprint,
        patient_reference: parts.patient_reference,
        contact_advice,
    };
    // The labels of the loaded content (start-up registers them); the compiled-in ones otherwise.
    let labels: &Labels = match request.app_data::<web::Data<Labels>>() {
        Some(labels) => labels,
        None => Labels::embedded(),
    };
    Ok(plan_formats::respond(protocol, compiled, labels, &plan_request, format))
}
