//! Every answer that can be prepared at start-up, per language: the phase descriptions as bytes,
//! and templates for the plan and for each interval of the timeline in which the phase lookup's
//! answer does not change. Requests then render instead of building and serialising views.

use std::collections::HashMap;

use bytes::Bytes;
use chrono::{DateTime, TimeDelta, Utc};

use super::duration::IsoDuration;
use super::template::{Fill, JsonTemplate, TemplateError};
use super::time::{At, PatientZone, TreatedAt};
use super::{Locale, LookupError, Overrides, Protocol, TimePoint};

/// The treatment instant templates are compiled for (any instant in range would do).
const REFERENCE: &str = "2050-01-01T00:00:00Z";
/// Stands for the instant asked about while compiling lookups; before [`REFERENCE`], so no
/// offset from it can collide with it.
const AT_SENTINEL: &str = "2001-01-01T00:00:00Z";

/// Prepared answers for every language.
#[derive(Debug)]
pub struct CompiledResponses {
    by_locale: HashMap<Locale, LocaleResponses>,
}

#[derive(Debug)]
struct LocaleResponses {
    phases: Bytes,
    phase_by_id: HashMap<String, Bytes>,
    plan: JsonTemplate,
    /// Lookup templates by the start of their interval, ascending; the first starts at zero.
    lookups: Vec<(TimeDelta, JsonTemplate)>,
}

impl CompiledResponses {
    /// Prepares every answer of `protocol`.
    pub fn build(protocol: &Protocol) -> Result<Self, TemplateError> {
        let reference = DateTime::parse_from_rfc3339(REFERENCE).map_err(|_| TemplateError::new("bad reference"))?;
        let reference = reference.with_timezone(&Utc);
        let treated_at = TreatedAt::parse(REFERENCE).map_err(|_| TemplateError::new("bad reference"))?;
        let zone = PatientZone::Fixed(chrono::FixedOffset::east_opt(0).ok_or(TemplateError::new("bad offset"))?);
        let sentinel = DateTime::parse_from_rfc3339(AT_SENTINEL).map_err(|_| TemplateError::new("bad sentinel"))?;
        let sentinel = sentinel.with_timezone(&Utc);
        let none = Overrides::none();
        let mut by_locale = HashMap::new();
        for language in protocol.languages() {
            let locale = protocol
                .negotiate(Some(language), None)
                .map_err(|_| TemplateError::new("a declared language"))?;
            let phases = Bytes::from(to_json(&protocol.phase_descriptions(&locale))?);
            let phase_by_id = protocol
                .phases()
                .iter()
                .filter_map(|phase| protocol.phase_description(phase.id(), &locale))
                .map(|description| Ok((description.id.clone(), Bytes::from(to_json(&description)?))))
                .collect::<Result<_, TemplateError>>()?;
            let plan_json = to_json(&protocol.plan(&treated_at, &zone, &locale, &none))?;
            let plan = JsonTemplate::compile(&plan_json, reference, None)?;
            let mut lookups = Vec::new();
            for start in interval_starts(protocol) {
                let at = At::from_utc(reference + start).map_err(|_| TemplateError::new("an interval out of range"))?;
                let mut lookup = protocol
                    .phase_at(&treated_at, &at, &zone, &locale, &none)
                    .map_err(|_| TemplateError::new("a lookup before treatment"))?;
                lookup.at = TimePoint {
                    utc: sentinel,
                    local: String::new(),
                };
                lookups.push((
                    start,
                    JsonTemplate::compile(&to_json(&lookup)?, reference, Some(sentinel))?,
                ));
            }
            by_locale.insert(
                locale,
                LocaleResponses {
                    phases,
                    phase_by_id,
                    plan,
                    lookups,
                },
            );
        }
        Ok(Self { by_locale })
    }

    /// `GET /v1/phases` in `locale`.
    pub fn phases(&self, locale: &Locale) -> Option<Bytes> {
        self.by_locale.get(locale).map(|responses| responses.phases.clone())
    }

    /// `GET /v1/phases/{id}` in `locale`; `None` for an unknown id.
    pub fn phase(&self, locale: &Locale, id: &str) -> Option<Bytes> {
        self.by_locale.get(locale)?.phase_by_id.get(id).cloned()
    }

    /// The plan as JSON, identical to serialising [`Protocol::plan`].
    pub fn plan(
        &self,
        protocol: &Protocol,
        treated_at: &TreatedAt,
        zone: &PatientZone,
        locale: &Locale,
        overrides: &Overrides,
    ) -> Vec<u8> {
        let fill = Fill {
            treated_at: treated_at.utc(),
            zone,
            at: None,
            elapsed: None,
        };
        let rendered = match self.by_locale.get(locale) {
            Some(responses) if overrides.is_empty() => responses.plan.render(&fill),
            _ => None,
        };
        rendered.unwrap_or_else(|| to_json_bytes(&protocol.plan(treated_at, zone, locale, overrides)))
    }

    /// The phase lookup as JSON, identical to serialising [`Protocol::phase_at`].
    pub fn lookup(
        &self,
        protocol: &Protocol,
        treated_at: &TreatedAt,
        at: &At,
        zone: &PatientZone,
        locale: &Locale,
        overrides: &Overrides,
    ) -> Result<Vec<u8>, LookupError> {
        if at.utc() < treated_at.utc() {
            return Err(LookupError::BeforeTreatment);
        }
        let elapsed = at.utc() - treated_at.utc();
        let template = self
            .by_locale
            .get(locale)
            .filter(|_| overrides.is_empty())
            .and_then(|responses| {
                let index = responses.lookups.partition_point(|(start, _)| *start <= elapsed);
                responses
                    .lookups
                    .get(index.checked_sub(1)?)
                    .map(|(_, template)| template)
            });
        let fill = Fill {
            treated_at: treated_at.utc(),
            zone,
            at: Some(at.utc()),
            elapsed: IsoDuration::between(treated_at.utc(), at.utc()),
        };
        match template.and_then(|template| template.render(&fill)) {
            Some(json) => Ok(json),
            None => protocol
                .phase_at(treated_at, at, zone, locale, overrides)
                .map(|lookup| to_json_bytes(&lookup)),
        }
    }
}

/// Every offset at which a phase, rule or milestone starts or ends: between two consecutive
/// ones the lookup's answer changes only in `at` and `elapsed`.
fn interval_starts(protocol: &Protocol) -> Vec<TimeDelta> {
    let mut starts = vec![TimeDelta::zero()];
    for phase in protocol.phases() {
        starts.push(phase.starts_after().to_time_delta());
    }
    for rule in protocol.rules() {
        starts.push(rule.starts_after().to_time_delta());
        starts.push(rule.ends_after().to_time_delta());
    }
    for milestone in protocol.milestones() {
        starts.push(milestone.offset().to_time_delta());
    }
    starts.sort();
    starts.dedup();
    starts
}

fn to_json(value: &impl serde::Serialize) -> Result<String, TemplateError> {
    serde_json::to_string(value).map_err(|_| TemplateError::new("a view does not serialise"))
}

fn to_json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    // The views are plain structs of strings and numbers: serialisation cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests;
