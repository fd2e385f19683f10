//! The plan as a FHIR R4 CarePlan resource, `application/fhir+json`.
//!
//! - `status` is `active` and `intent` is `plan`; `language` is the served locale.
//! - `created` is the treatment instant rather than the time of the request, so the resource is a
//!   pure function of the request (reproducible, cacheable) and the plan exists from that moment.
//! - `period` runs from the treatment to the plan's end; every instant is RFC 3339 in UTC.
//! - `subject` is a literal reference (`Patient/123`, validated by the caller) or, without one, a
//!   display-only Reference with the localized word "Patient" (CarePlan.subject is required).
//! - One `activity` per rule, in plan order, with `id` = the rule id and a `detail` of kind `Task`
//!   (R4 care-plan-activity-kind), `code.text` = the rule's text, `status` `not-started`, the
//!   rule's window as `scheduledPeriod`, its text and rationale as `description`, and
//!   `doNotPerform: true` on `avoid` rules only.
//! - One `note` per `expect` rule.
//! - No narrative `text`: it is optional in R4, and the HTML handout is the human-readable form.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::labels::Labels;
use crate::protocol::{AftercarePlan, PlanRule, RuleKind};

/// Renders the plan as a FHIR R4 CarePlan.
///
/// `patient_reference` must already be validated as `Patient/<id>` with FHIR id rules; without
/// it the subject is a display-only reference.
#[must_use]
pub fn render(plan: &AftercarePlan, patient_reference: Option<&str>) -> Value {
    let labels = Labels::embedded().for_locale(&plan.locale);
    let subject = match patient_reference {
        Some(reference) => json!({ "reference": reference }),
        None => json!({ "display": labels.patient }),
    };
    let notes: Vec<Value> = plan
        .rules
        .iter()
        .filter(|rule| rule.kind == RuleKind::Expect)
        .map(|rule| json!({ "text": rule.text }))
        .collect();
    let mut care_plan = json!({
        "resourceType": "CarePlan",
        "language": plan.locale.as_str(),
        "status": "active",
        "intent": "plan",
        "title": labels.plan_title,
        "description": format!(
            "{} ({}: {} {})",
            labels.plan_description, labels.protocol, plan.protocol.id, plan.protocol.version
        ),
        "subject": subject,
        "period": {
            "start": instant(plan.treated_at.utc),
            "end": instant(plan.plan_ends_at.utc),
        },
        "created": instant(plan.treated_at.utc),
        "activity": plan.rules.iter().map(activity).collect::<Vec<_>>(),
    });
    if !notes.is_empty() {
        care_plan["note"] = Value::Array(notes);
    }
    care_plan
}

/// One rule as a CarePlan activity.
fn activity(rule: &PlanRule) -> Value {
    let mut description = format!("{}\n\n{}", rule.text, rule.rationale);
    if let Some(note) = &rule.basis_note {
        description.push_str(&format!("\n\n{note}"));
    }
    let mut detail = json!({
        "kind": "Task",
        "code": { "text": rule.text },
        "status": "not-started",
        "scheduledPeriod": {
            "start": instant(rule.starts_at.utc),
            "end": instant(rule.ends_at.utc),
        },
        "description": description,
    });
    if rule.kind == RuleKind::Avoid {
        detail["doNotPerform"] = Value::Bool(true);
    }
    json!({ "id": rule.id, "detail": detail })
}

/// An instant as a FHIR dateTime: RFC 3339 in UTC, whole seconds.
fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
#[path = "fhir_tests.rs"]
mod tests;
