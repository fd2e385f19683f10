//! Where a patient is in the plan at one instant. Windows are half-open: an instant exactly on a
//! boundary belongs to the phase (or rule window) that starts there.

use thiserror::Error;

use super::Protocol;
use super::duration::IsoDuration;
use super::locale::Locale;
use super::overrides::Overrides;
use super::time::{At, PatientZone, TreatedAt};
use super::view::{MilestoneRef, NextPhase, PhaseLookup, RuleInForce, TimePoint};

/// Why a lookup was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LookupError {
    /// `at` is before `treated_at`.
    #[error("at must not be earlier than treated_at")]
    BeforeTreatment,
}

impl LookupError {
    /// The rule the request broke, safe to show to a client.
    pub fn rule(&self) -> String {
        self.to_string()
    }
}

impl Protocol {
    /// The phase, rules in force and milestones at instant `at`, computed from the same plan
    /// [`Protocol::plan`] returns.
    pub fn phase_at(
        &self,
        treated_at: &TreatedAt,
        at: &At,
        zone: &PatientZone,
        locale: &Locale,
        overrides: &Overrides,
    ) -> Result<PhaseLookup, LookupError> {
        let at_utc = at.utc();
        if at_utc < treated_at.utc() {
            return Err(LookupError::BeforeTreatment);
        }
        // Both instants lie in 2000..=2099, so the gap is always within IsoDuration's range.
        let elapsed = IsoDuration::between(treated_at.utc(), at_utc).unwrap_or_default();
        let plan = self.plan(treated_at, zone, locale, overrides);
        let mut phases = plan.phases;
        // Validation guarantees a first phase starting at PT0H, so some phase starts at or
        // before any `at` that is not before treatment.
        let index = phases
            .iter()
            .rposition(|phase| phase.starts_at.utc <= at_utc)
            .unwrap_or(0);
        let next_phase = phases.get(index + 1).map(|next| NextPhase {
            id: next.id.clone(),
            name: next.name.clone(),
            starts_at: next.starts_at.clone(),
        });
        let phase = phases.swap_remove(index);
        // A window that ends holds until its end; a minimum until it is reached, and after it the
        // rule is listed as past its minimum; a rule that always applies never stops.
        let (mut rules_in_force, mut rules_past_minimum) = (Vec::new(), Vec::new());
        for rule in plan.rules.into_iter().filter(|rule| rule.starts_at.utc <= at_utc) {
            let window = &rule.window;
            let listed = match (&window.ends_at, &window.at_least_until) {
                (Some(end), _) if at_utc >= end.utc => None,
                (_, Some(minimum)) if at_utc >= minimum.utc => Some(&mut rules_past_minimum),
                _ => Some(&mut rules_in_force),
            };
            if let Some(list) = listed {
                list.push(RuleInForce {
                    id: rule.id,
                    kind: rule.kind,
                    text: rule.text,
                    basis: rule.basis,
                    basis_note: rule.basis_note,
                    patient_note: rule.patient_note,
                    window: rule.window,
                });
            }
        }
        let (milestones_passed, milestones_upcoming) = plan
            .milestones
            .into_iter()
            .map(|milestone| MilestoneRef {
                id: milestone.id,
                at: milestone.at,
                text: milestone.text,
            })
            .partition(|milestone| milestone.at.utc <= at_utc);
        Ok(PhaseLookup {
            provider_first: plan.provider_first,
            protocol: plan.protocol,
            locale: plan.locale,
            treated_at: plan.treated_at,
            at: TimePoint {
                utc: at_utc,
                local: zone.local_rfc3339(at_utc),
            },
            timezone: plan.timezone,
            elapsed,
            phase,
            next_phase,
            rules_in_force,
            rules_past_minimum,
            milestones_passed,
            milestones_upcoming,
        })
    }
}

#[cfg(test)]
mod tests;
