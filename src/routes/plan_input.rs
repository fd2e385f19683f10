//! Turns the raw fields shared by the plan and phase endpoints (`treated_at`, `at`, `timezone`,
//! `locale`, `overrides`) into domain types, collecting every broken rule into one 422.

use std::borrow::Cow;
use std::collections::BTreeMap;

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::problem::{FieldError, Problem};
use crate::protocol::{At, Locale, Overrides, PatientZone, Protocol, TreatedAt, ZoneError};

/// Longest accepted `treated_at`, `at` and `timezone` value, characters.
pub const MAX_FIELD_CHARS: usize = 64;
/// Longest accepted `locale` value, characters (a BCP 47 tag).
pub const MAX_LOCALE_CHARS: usize = 35;
/// Most overrides in one request.
pub const MAX_OVERRIDES: usize = 32;

/// Where the fields came from, so errors point at them correctly.
#[derive(Debug, Clone, Copy)]
pub enum Location {
    /// Query parameters: errors name the `parameter`.
    Query,
    /// A JSON body: errors carry a JSON `pointer`.
    Body,
}

impl Location {
    /// In a query string an unencoded `+` arrives as a space, so `…T10:00:00 01:00` means
    /// `…T10:00:00+01:00`; the space cannot mean anything else after the `T`.
    fn repair_offset(self, text: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Self::Query if text.contains('T') && text.matches(' ').count() == 1 => {
                let (head, tail) = text.split_once(' ').unwrap_or((text, ""));
                if head.contains('T') && tail.starts_with(|c: char| c.is_ascii_digit()) {
                    return std::borrow::Cow::Owned(format!("{head}+{tail}"));
                }
                std::borrow::Cow::Borrowed(text)
            }
            _ => std::borrow::Cow::Borrowed(text),
        }
    }

    /// An error about `field` at this location.
    pub fn error(self, field: &str, rule: impl Into<String>) -> FieldError {
        match self {
            Self::Query => FieldError::parameter(field, rule),
            Self::Body => FieldError::pointer(format!("/{field}"), rule),
        }
    }
}

/// The raw fields, as received.
#[derive(Debug, Default)]
pub struct RawPlanInput<'a> {
    /// `treated_at`; `None` when absent.
    pub treated_at: Option<&'a str>,
    /// `at`; `None` means now.
    pub at: Option<&'a str>,
    /// `timezone`.
    pub timezone: Option<&'a str>,
    /// `locale`.
    pub locale: Option<&'a str>,
    /// `overrides` (body only).
    pub overrides: Option<&'a BTreeMap<String, String>>,
}

/// The parsed fields.
#[derive(Debug)]
pub struct PlanInput {
    /// The treatment instant.
    pub treated_at: TreatedAt,
    /// The instant asked about, when given.
    pub at: Option<At>,
    /// The patient's zone.
    pub zone: PatientZone,
    /// The response language.
    pub locale: Locale,
    /// Rule windows lengthened for this plan.
    pub overrides: Overrides,
}

impl RawPlanInput<'_> {
    /// Parses only `locale` (with `Accept-Language` as the fallback).
    pub fn parse_locale(
        &self,
        protocol: &Protocol,
        location: Location,
        request: &HttpRequest,
    ) -> Result<Locale, Problem> {
        if self
            .locale
            .is_some_and(|locale| locale.chars().count() > MAX_LOCALE_CHARS)
        {
            let rule = format!("must be at most {MAX_LOCALE_CHARS} characters");
            return Err(Problem::validation(vec![location.error("locale", rule)]));
        }
        protocol
            .negotiate(self.locale, accept_language(request).as_deref())
            .map_err(|error| Problem::validation(vec![location.error("locale", error.rule())]))
    }

    /// Parses every field for a plan or lookup (`treated_at` required), reporting all broken rules at once.
    pub fn parse(&self, protocol: &Protocol, location: Location, request: &HttpRequest) -> Result<PlanInput, Problem> {
        let fields = self.parse_fields(protocol, location, request, true)?;
        match (fields.treated_at, fields.zone) {
            (Some(treated_at), Some(zone)) => Ok(PlanInput {
                treated_at,
                at: fields.at,
                zone,
                locale: fields.locale,
                overrides: fields.overrides,
            }),
            _ => Err(Problem::validation(vec![location.error("treated_at", "is required")])),
        }
    }

    /// Parses every field with `treated_at` optional (ingredient checks).
    pub fn parse_optional(
        &self,
        protocol: &Protocol,
        location: Location,
        request: &HttpRequest,
    ) -> Result<TimingFields, Problem> {
        self.parse_fields(protocol, location, request, false)
    }

    fn parse_fields(
        &self,
        protocol: &Protocol,
        location: Location,
        request: &HttpRequest,
        treated_at_required: bool,
    ) -> Result<TimingFields, Problem> {
        let mut errors = Vec::new();
        let mut check_length = |field: &str, value: Option<&str>, max: usize| match value {
            Some(text) if text.chars().count() > max => {
                errors.push(location.error(field, format!("must be at most {max} characters")));
                false
            }
            _ => true,
        };
        let lengths_ok = [
            check_length("treated_at", self.treated_at, MAX_FIELD_CHARS),
            check_length("at", self.at, MAX_FIELD_CHARS),
            check_length("timezone", self.timezone, MAX_FIELD_CHARS),
            check_length("locale", self.locale, MAX_LOCALE_CHARS),
        ];
        if !lengths_ok.iter().all(|ok| *ok) {
            return Err(Problem::validation(errors));
        }

        let treated_at_text = self.treated_at.map(|text| location.repair_offset(text));
        let at_text = self.at.map(|text| location.repair_offset(text));
        let treated_at = match treated_at_text.as_deref() {
            None if treated_at_required => {
                errors.push(location.error("treated_at", "is required"));
                None
            }
            None => None,
            Some(text) => TreatedAt::parse(text)
                .map_err(|error| errors.push(location.error("treated_at", error.rule())))
                .ok(),
        };
        let at = match at_text.as_deref() {
            None => None,
            Some(text) => At::parse(text)
                .map_err(|error| errors.push(location.error("at", error.rule())))
                .ok(),
        };
        let zone = match (&treated_at, self.timezone) {
            (Some(treated_at), zone) => PatientZone::parse(zone, treated_at)
                .map_err(|error| errors.push(location.error("timezone", error.rule())))
                .ok(),
            (None, Some(name)) => match name.parse::<chrono_tz::Tz>() {
                Ok(zone) => Some(PatientZone::Iana(zone)),
                Err(_) => {
                    errors.push(location.error("timezone", ZoneError::UnknownTimeZone.rule()));
                    None
                }
            },
            (None, None) => None,
        };
        let locale = protocol
            .negotiate(self.locale, accept_language(request).as_deref())
            .map_err(|error| errors.push(location.error("locale", error.rule())))
            .ok();
        let overrides = match self.overrides {
            None => Some(Overrides::none()),
            Some(requested) if requested.len() > MAX_OVERRIDES => {
                errors.push(location.error("overrides", format!("must have at most {MAX_OVERRIDES} entries")));
                None
            }
            Some(requested) => Overrides::parse(protocol, requested)
                .map_err(|broken| {
                    for error in broken {
                        let pointer = match error.rule_id() {
                            Some(rule_id) => format!("/overrides/{rule_id}"),
                            None => "/overrides".to_owned(),
                        };
                        errors.push(FieldError::pointer(pointer, error.rule()));
                    }
                })
                .ok(),
        };
        if let (Some(treated_at), Some(at)) = (&treated_at, &at)
            && at.utc() < treated_at.utc()
        {
            errors.push(location.error("at", "must not be before treated_at"));
        }
        match (locale, overrides) {
            (Some(locale), Some(overrides)) if errors.is_empty() => Ok(TimingFields {
                treated_at,
                at,
                zone,
                locale,
                overrides,
            }),
            _ => Err(Problem::validation(errors)),
        }
    }
}

/// The parsed fields, `treated_at` and the zone optional.
#[derive(Debug)]
pub struct TimingFields {
    /// The treatment instant, when given.
    pub treated_at: Option<TreatedAt>,
    /// The instant asked about, when given.
    pub at: Option<At>,
    /// The patient's zone: the named one, else the offset of `treated_at`, else none.
    pub zone: Option<PatientZone>,
    /// The response language.
    pub locale: Locale,
    /// Rule windows lengthened for this request.
    pub overrides: Overrides,
}

/// The language of a `GET` answer: the `locale` query parameter, else `Accept-Language`, else the default.
pub fn query_locale(protocol: &Protocol, explicit: Option<&str>, request: &HttpRequest) -> Result<Locale, Problem> {
    RawPlanInput {
        locale: explicit,
        ..RawPlanInput::default()
    }
    .parse_locale(protocol, Location::Query, request)
}

/// The `Accept-Language` header as text. A value with bytes outside visible ASCII (a UTF-8 tag such
/// as `és`, or a stray Latin-1 byte) is still read: negotiation skips the entries it cannot use
/// instead of ignoring the whole header.
fn accept_language(request: &HttpRequest) -> Option<Cow<'_, str>> {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
}
