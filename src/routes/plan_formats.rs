//! The representations of the aftercare plan: JSON (default), iCalendar, FHIR R4 CarePlan and a
//! printable HTML handout, chosen by the `format` parameter, else by `Accept`, else JSON.

use actix_web::HttpResponse;
use actix_web::http::header::{self, ContentType};
use serde::Deserialize;
use utoipa::ToSchema;

use super::localized::CACHE_PATIENT;
use crate::formats::{Labels, fhir, html, ics};
use crate::http::accept;
use crate::problem::Problem;
use crate::protocol::{AftercarePlan, CompiledResponses, Locale, Overrides, PatientZone, Protocol, TreatedAt};

/// The `format` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlanFormat {
    /// `application/json`: the plan document.
    Json,
    /// `text/calendar`: an iCalendar feed to subscribe to.
    Ics,
    /// `application/fhir+json`: a FHIR R4 CarePlan.
    Fhir,
    /// `text/html`: a printable handout.
    Html,
}

/// Media types in order of preference when `Accept` weighs them equally.
const OFFERED: [(&str, PlanFormat); 4] = [
    ("application/json", PlanFormat::Json),
    ("application/fhir+json", PlanFormat::Fhir),
    ("text/calendar", PlanFormat::Ics),
    ("text/html", PlanFormat::Html),
];

impl PlanFormat {
    /// The explicit `format`, else the best match for `Accept`, else a 406 problem.
    pub fn negotiate(explicit: Option<PlanFormat>, accept_header: Option<&str>) -> Result<PlanFormat, Problem> {
        if let Some(format) = explicit {
            return Ok(format);
        }
        let types: Vec<&str> = OFFERED.iter().map(|(media_type, _)| *media_type).collect();
        let chosen = accept::choose(accept_header, &types).ok_or_else(|| Problem::not_acceptable(&types))?;
        Ok(OFFERED
            .iter()
            .find(|(media_type, _)| *media_type == chosen)
            .map_or(PlanFormat::Json, |(_, format)| *format))
    }
}

/// Longest accepted `contact_advice`, characters.
pub const MAX_CONTACT_ADVICE_CHARS: usize = 1000;

/// Checks a clinic's contact advice: 1 to [`MAX_CONTACT_ADVICE_CHARS`] characters once trimmed,
/// with no control characters other than line breaks. Returns it trimmed.
pub fn parse_contact_advice(advice: &str) -> Result<&str, String> {
    let advice = advice.trim();
    if advice.is_empty() {
        return Err("must not be empty".to_owned());
    }
    if advice.chars().count() > MAX_CONTACT_ADVICE_CHARS {
        return Err(format!("must be at most {MAX_CONTACT_ADVICE_CHARS} characters"));
    }
    if advice.chars().any(|c| c.is_control() && c != '\n') {
        return Err("must not contain control characters other than line breaks".to_owned());
    }
    Ok(advice)
}

/// Checks a FHIR patient reference: `Patient/` and a FHIR id (`[A-Za-z0-9.-]{1,64}`).
pub fn parse_patient_reference(reference: &str) -> Result<&str, &'static str> {
    let id = reference.strip_prefix("Patient/").ok_or("must be Patient/<id>")?;
    let valid = (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if valid {
        Ok(reference)
    } else {
        Err("must be Patient/<id> where the id has 1-64 of A-Z a-z 0-9 - .")
    }
}

/// What the plan is rendered from.
pub struct PlanRequest<'a> {
    /// The treatment instant.
    pub treated_at: &'a TreatedAt,
    /// The patient's zone.
    pub zone: &'a PatientZone,
    /// The language.
    pub locale: &'a Locale,
    /// Clinic overrides.
    pub overrides: &'a Overrides,
    /// A canonical text of the overrides, for deterministic calendar UIDs.
    pub fingerprint: &'a str,
    /// A validated `Patient/<id>`, for FHIR.
    pub patient_reference: Option<&'a str>,
    /// A clinic's own contact advice, validated, replacing the default in every representation.
    pub contact_advice: Option<&'a str>,
}

/// Renders the plan in `format` with the headers that go with it.
pub fn respond(
    protocol: &Protocol,
    compiled: &CompiledResponses,
    labels: &Labels,
    request: &PlanRequest<'_>,
    format: PlanFormat,
) -> HttpResponse {
    let plan = || -> AftercarePlan {
        let plan = protocol.plan(request.treated_at, request.zone, request.locale, request.overrides);
        match request.contact_advice {
            Some(advice) => plan.with_contact_advice(advice),
            None => plan,
        }
    };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_LANGUAGE, request.locale.as_str()))
        .insert_header((header::VARY, "Accept, Accept-Language"))
        .insert_header((header::CACHE_CONTROL, CACHE_PATIENT));
    match format {
        // The prepared answer holds the default contact advice; a clinic's own is serialised.
        PlanFormat::Json if request.contact_advice.is_some() => response
            .content_type(ContentType::json())
            .body(serde_json::to_vec(&plan()).unwrap_or_default()),
        PlanFormat::Json => response.content_type(ContentType::json()).body(compiled.plan(
            protocol,
            request.treated_at,
            request.zone,
            request.locale,
            request.overrides,
        )),
        PlanFormat::Ics => response
            .content_type("text/calendar; charset=utf-8")
            .insert_header((header::CONTENT_DISPOSITION, "inline; filename=aftercare.ics"))
            .body(ics::render_with(labels, &plan(), request.fingerprint)),
        PlanFormat::Fhir => response
            .content_type("application/fhir+json")
            .body(fhir::render_json_with(labels, &plan(), request.patient_reference)),
        PlanFormat::Html => response
            .content_type("text/html; charset=utf-8")
            .insert_header((
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ))
            .body(html::render_with(labels, &plan())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemKind;

    #[test]
    fn the_format_parameter_wins_over_accept() {
        let format = PlanFormat::negotiate(Some(PlanFormat::Ics), Some("application/json")).unwrap();
        assert_eq!(format, PlanFormat::Ics);
    }

    #[test]
    fn accept_chooses_among_the_four_media_types() {
        let cases = [
            (None, PlanFormat::Json),
            (Some("*/*"), PlanFormat::Json),
            (Some("text/calendar"), PlanFormat::Ics),
            (Some("application/fhir+json"), PlanFormat::Fhir),
            (
                Some("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                PlanFormat::Html,
            ),
            (Some("application/json;q=0.5, text/calendar"), PlanFormat::Ics),
        ];
        for (accept, expected) in cases {
            assert_eq!(PlanFormat::negotiate(None, accept).unwrap(), expected, "{accept:?}");
        }
    }

    #[test]
    fn an_unacceptable_accept_is_a_406() {
        let problem = PlanFormat::negotiate(None, Some("application/xml")).unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::NotAcceptable);
    }

    #[test]
    fn contact_advice_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(
            parse_contact_advice("  Call us on 555 0100.\n"),
            Ok("Call us on 555 0100.")
        );
        assert_eq!(parse_contact_advice("Line one\nline two"), Ok("Line one\nline two"));
        assert_eq!(parse_contact_advice(" \n "), Err("must not be empty".to_owned()));
        assert!(parse_contact_advice("a\u{7}b").is_err());
        assert!(parse_contact_advice(&"x".repeat(MAX_CONTACT_ADVICE_CHARS)).is_ok());
        assert_eq!(
            parse_contact_advice(&"é".repeat(MAX_CONTACT_ADVICE_CHARS + 1)),
            Err("must be at most 1000 characters".to_owned())
        );
    }

    #[test]
    fn patient_references_follow_fhir_id_rules() {
        assert_eq!(parse_patient_reference("Patient/123"), Ok("Patient/123"));
        assert!(parse_patient_reference("Patient/a.b-C9").is_ok());
        for bad in [
            "123",
            "Patient/",
            "Patient/has space",
            "Practitioner/1",
            &format!("Patient/{}", "x".repeat(65)),
        ] {
            assert!(parse_patient_reference(bad).is_err(), "{bad}");
        }
    }
}
