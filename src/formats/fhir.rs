//! The plan as a FHIR R4 CarePlan resource, `application/fhir+json`.
//!
//! - `status` is `active` and `intent` is `plan`; `language` is the served locale.
//! - `created` is the treatment instant rather than the time of the request, so the resource is a
//!   pure function of the request (reproducible, cacheable) and the plan exists from that moment.
//! - `description` opens with the provider-first statement.
//! - `period` starts at the treatment and has no end: sunscreen and the provider's instructions
//!   never expire. Every instant is RFC 3339 in UTC, whole seconds (a FHIR dateTime).
//! - `subject` is a literal reference (`Patient/123`, validated by the caller) or, without one, a
//!   display-only Reference with the localized word "Patient" (CarePlan.subject is required).
//! - One `activity` per rule, in plan order, with `id` = the rule id and a `detail` of kind `Task`
//!   (R4 care-plan-activity-kind), `code.text` = the rule's text, `status` `not-started`, the
//!   rule's window as `scheduledPeriod` (with an `end` only for a window that ends: a minimum is
//!   not an end), its text, how long it holds and its rationale as `description`, and
//!   `doNotPerform: true` on `avoid` rules only.
//! - One `note` per `expect` rule.
//! - No narrative `text`: it is optional in R4, and the HTML handout is the human-readable form.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;

use super::labels::Labels;
use crate::protocol::{AftercarePlan, PlanRule, RuleKind};

/// Renders the plan as a FHIR R4 CarePlan.
///
/// `patient_reference` must already be validated as `Patient/<id>` with FHIR id rules; without
/// it the subject is a display-only reference.
#[must_use]
pub fn render(plan: &AftercarePlan, patient_reference: Option<&str>) -> Value {
    serde_json::to_value(CarePlan::new(Labels::embedded(), plan, patient_reference)).unwrap_or(Value::Null)
}

/// The CarePlan as JSON bytes: what [`render`] serialises to, written without building the
/// `Value` tree first.
#[must_use]
pub fn render_json(plan: &AftercarePlan, patient_reference: Option<&str>) -> Vec<u8> {
    render_json_with(Labels::embedded(), plan, patient_reference)
}

/// [`render_json`] with the given labels (those of the content the service loaded).
#[must_use]
pub fn render_json_with(labels: &Labels, plan: &AftercarePlan, patient_reference: Option<&str>) -> Vec<u8> {
    serde_json::to_vec(&CarePlan::new(labels, plan, patient_reference)).unwrap_or_default()
}

// The structs below declare their fields in the byte order of their JSON names, which is the order
// `serde_json::Value` objects keep; a test holds the typed bytes and the `Value` bytes together.

/// A FHIR R4 CarePlan resource.
#[derive(Serialize)]
struct CarePlan<'a> {
    activity: Vec<Activity<'a>>,
    created: String,
    description: String,
    intent: &'static str,
    language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    note: Vec<Note<'a>>,
    period: Period,
    #[serde(rename = "resourceType")]
    resource_type: &'static str,
    status: &'static str,
    subject: Subject<'a>,
    title: &'a str,
}

#[derive(Serialize)]
struct Activity<'a> {
    detail: Detail<'a>,
    id: &'a str,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: Note<'a>,
    description: String,
    #[serde(rename = "doNotPerform", skip_serializing_if = "Option::is_none")]
    do_not_perform: Option<bool>,
    kind: &'static str,
    #[serde(rename = "scheduledPeriod")]
    scheduled_period: Period,
    status: &'static str,
}

/// A `{ "text": … }` object: a CodeableConcept's text or an Annotation.
#[derive(Serialize)]
struct Note<'a> {
    text: &'a str,
}

/// A FHIR Period; without `end` it is ongoing (a minimum is not an end, and a rule that always
/// applies has none).
#[derive(Serialize)]
struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    start: String,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Subject<'a> {
    Display(&'a str),
    Reference(&'a str),
}

impl<'a> CarePlan<'a> {
    fn new(labels: &'a Labels, plan: &'a AftercarePlan, patient_reference: Option<&'a str>) -> Self {
        let labels = labels.for_locale(&plan.locale);
        CarePlan {
            activity: plan.rules.iter().map(Activity::new).collect(),
            created: fhir_date_time(plan.treated_at.utc),
            description: format!(
                "{} {} ({}: {} {})",
                plan.provider_first, labels.plan_description, labels.protocol, plan.protocol.id, plan.protocol.version
            ),
            intent: "plan",
            language: plan.locale.as_str(),
            note: plan
                .rules
                .iter()
                .filter(|rule| rule.kind == RuleKind::Expect)
                .map(|rule| Note { text: &rule.text })
                .collect(),
            period: Period {
                end: None,
                start: fhir_date_time(plan.treated_at.utc),
            },
            resource_type: "CarePlan",
            status: "active",
            subject: match patient_reference {
                Some(reference) => Subject::Reference(reference),
                None => Subject::Display(&labels.patient),
            },
            title: &labels.plan_title,
        }
    }
}

impl<'a> Activity<'a> {
    /// One rule as a CarePlan activity.
    fn new(rule: &'a PlanRule) -> Self {
        let mut description = format!("{}\n\n{}\n\n{}", rule.text, rule.window.text, rule.rationale);
        if let Some(note) = &rule.basis_note {
            description.push_str("\n\n");
            description.push_str(note);
        }
        Activity {
            detail: Detail {
                code: Note { text: &rule.text },
                description,
                do_not_perform: (rule.kind == RuleKind::Avoid).then_some(true),
                kind: "Task",
                scheduled_period: Period {
                    end: rule.window.ends_at.as_ref().map(|end| fhir_date_time(end.utc)),
                    start: fhir_date_time(rule.starts_at.utc),
                },
                status: "not-started",
            },
            id: &rule.id,
        }
    }
}

/// A FHIR dateTime: RFC 3339 in UTC to the second, `2026-03-08T15:00:00Z`.
fn fhir_date_time(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
