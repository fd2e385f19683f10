//! Places the protocol on a patient's timeline. Offsets are elapsed time added to the treatment
//! instant, so across a DST change the local wall-clock hour of a boundary shifts by the change.

use std::cell::RefCell;

use chrono::{DateTime, Utc};

use super::Protocol;
use super::duration::IsoDuration;
use super::locale::Locale;
use super::model::{Continues, Phase, Routine, Rule, RuleKind};
use super::overrides::Overrides;
use super::texts::ProtocolTexts;
use super::time::{PatientZone, TreatedAt};
use super::view::{
    AftercarePlan, AvoidIngredient, LookForIngredient, PlanIngredients, PlanMilestone, PlanPhase, PlanRoutine,
    PlanRoutineStep, PlanRule, PlanWindow, ProtocolRef, TimePoint,
};

/// The treatment instant and zone that offsets are placed against.
pub(crate) struct Timeline<'a> {
    pub(crate) treated_at: DateTime<Utc>,
    pub(crate) zone: &'a PatientZone,
    /// Local times already written: a plan places ~90 points at ~15 distinct instants, and each
    /// local time costs a search of the zone's transitions.
    local_times: RefCell<Vec<(DateTime<Utc>, String)>>,
}

impl<'a> Timeline<'a> {
    /// A timeline for a treatment at `treated_at`, shown in `zone`.
    pub(crate) fn new(treated_at: DateTime<Utc>, zone: &'a PatientZone) -> Self {
        Timeline {
            treated_at,
            zone,
            local_times: RefCell::new(Vec::with_capacity(16)),
        }
    }
}

impl Timeline<'_> {
    /// The instant `offset` after treatment.
    pub(crate) fn instant(&self, offset: IsoDuration) -> DateTime<Utc> {
        // The accepted range (2000..2099) plus at most 100 years never leaves chrono's range.
        self.treated_at
            .checked_add_signed(offset.to_time_delta())
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// A [`TimePoint`] for an instant.
    pub(crate) fn point(&self, instant: DateTime<Utc>) -> TimePoint {
        let mut known = self.local_times.borrow_mut();
        let local = match known.iter().find(|(at, _)| *at == instant) {
            Some((_, local)) => local.clone(),
            None => {
                let local = self.zone.local_rfc3339(instant);
                known.push((instant, local.clone()));
                local
            }
        };
        TimePoint { utc: instant, local }
    }

    /// A [`TimePoint`] `offset` after treatment.
    pub(crate) fn at(&self, offset: IsoDuration) -> TimePoint {
        self.point(self.instant(offset))
    }
}

impl Protocol {
    /// The end of the plan without overrides: the start of the open-ended phase (`P8W`).
    pub fn plan_end(&self) -> IsoDuration {
        self.phases.last().map_or(IsoDuration::ZERO, Phase::starts_after)
    }

    /// The end of the plan with overrides: the later of [`Protocol::plan_end`] and the end (or
    /// minimum) of every (possibly lengthened) rule.
    pub fn plan_end_with(&self, overrides: &Overrides) -> IsoDuration {
        self.rules
            .iter()
            .filter(|rule| rule.has_end())
            .map(|rule| overrides.ends_after(rule))
            .fold(self.plan_end(), IsoDuration::max)
    }

    /// The whole aftercare plan for a patient, localized and placed on their timeline.
    pub fn plan(
        &self,
        treated_at: &TreatedAt,
        zone: &PatientZone,
        locale: &Locale,
        overrides: &Overrides,
    ) -> AftercarePlan {
        let timeline = Timeline::new(treated_at.utc(), zone);
        let window = |rule_id: &str| {
            self.rule(rule_id)
                .map(|rule| plan_window(rule, &self.texts, &timeline, locale, overrides))
        };
        AftercarePlan {
            provider_first: self.texts.provider_first(locale).to_owned(),
            protocol: ProtocolRef {
                id: self.id.clone(),
                version: self.version.clone(),
            },
            locale: locale.clone(),
            treated_at: timeline.at(IsoDuration::ZERO),
            timezone: zone.name(),
            plan_ends_at: timeline.at(self.plan_end_with(overrides)),
            phases: self
                .phases
                .iter()
                .map(|phase| plan_phase(phase, &self.texts, &timeline, locale))
                .collect(),
            rules: self
                .rules
                .iter()
                .map(|rule| plan_rule(rule, &self.texts, &timeline, locale, overrides))
                .collect(),
            milestones: self.plan_milestones(&timeline, locale, overrides),
            routine: plan_routine(&self.routine, locale, &window),
            ingredients: PlanIngredients {
                avoid: self
                    .avoid
                    .iter()
                    .filter_map(|class| {
                        Some(AvoidIngredient {
                            class: class.class().to_owned(),
                            rule_id: class.rule_id().to_owned(),
                            window: window(class.rule_id())?,
                        })
                    })
                    .collect(),
                look_for: self
                    .look_for
                    .iter()
                    .map(|class| LookForIngredient {
                        class: class.class().to_owned(),
                        rule_id: class.rule_id().to_owned(),
                    })
                    .collect(),
            },
            contact_provider: self
                .rules
                .iter()
                .filter(|rule| rule.kind() == RuleKind::Warning)
                .map(|rule| rule.text(locale).to_owned())
                .collect(),
        }
    }

    /// Milestones in time order; one that marks the end (or minimum) of rules sits at their
    /// latest.
    fn plan_milestones(&self, timeline: &Timeline<'_>, locale: &Locale, overrides: &Overrides) -> Vec<PlanMilestone> {
        let mut milestones: Vec<(IsoDuration, PlanMilestone)> = self
            .milestones
            .iter()
            .map(|milestone| {
                let offset = milestone
                    .ends_rules()
                    .iter()
                    .filter_map(|rule_id| self.rule(rule_id))
                    .map(|rule| overrides.ends_after(rule))
                    .max()
                    .unwrap_or(milestone.offset());
                let view = PlanMilestone {
                    id: milestone.id().to_owned(),
                    at: timeline.at(offset),
                    text: milestone.text(locale).to_owned(),
                    basis: milestone.basis(),
                    basis_note: milestone.basis_note(locale).map(str::to_owned),
                    patient_note: self.texts.patient_note(milestone.basis(), locale),
                };
                (offset, view)
            })
            .collect();
        milestones.sort_by_key(|(offset, _)| *offset);
        milestones.into_iter().map(|(_, view)| view).collect()
    }
}

pub(crate) fn plan_phase(phase: &Phase, texts: &ProtocolTexts, timeline: &Timeline<'_>, locale: &Locale) -> PlanPhase {
    PlanPhase {
        id: phase.id().to_owned(),
        order: phase.order(),
        name: phase.name(locale).to_owned(),
        summary: phase.summary(locale).to_owned(),
        what_to_expect: phase.what_to_expect(locale),
        starts_after: phase.starts_after(),
        ends_after: phase.ends_after(),
        starts_at: timeline.at(phase.starts_after()),
        ends_at: phase.ends_after().map(|end| timeline.at(end)),
        basis: phase.basis(),
        basis_note: phase.basis_note(locale).map(str::to_owned),
        patient_note: texts.patient_note(phase.basis(), locale),
    }
}

/// How long `rule` holds on this timeline, with overrides: an end only for a window that ends,
/// the minimum for an at-least rule, nothing for one that always applies.
pub(crate) fn plan_window(
    rule: &Rule,
    texts: &ProtocolTexts,
    timeline: &Timeline<'_>,
    locale: &Locale,
    overrides: &Overrides,
) -> PlanWindow {
    let end = overrides.ends_after(rule);
    let continues = rule.continues();
    let (ends_after, at_least_for) = continues.split(end);
    PlanWindow {
        continues,
        text: texts.window(continues, end, locale),
        ends_after,
        ends_at: ends_after.map(|end| timeline.at(end)),
        at_least_for,
        at_least_until: at_least_for.map(|end| timeline.at(end)),
        after_treatment: (continues != Continues::Always).then(|| texts.after_treatment(end, locale)),
    }
}

fn plan_rule(
    rule: &Rule,
    texts: &ProtocolTexts,
    timeline: &Timeline<'_>,
    locale: &Locale,
    overrides: &Overrides,
) -> PlanRule {
    PlanRule {
        id: rule.id().to_owned(),
        kind: rule.kind(),
        text: rule.text(locale).to_owned(),
        rationale: rule.rationale(locale).to_owned(),
        basis: rule.basis(),
        basis_note: rule.basis_note(locale).map(str::to_owned),
        patient_note: texts.rule_note(rule.basis(), rule.kind(), locale),
        starts_after: rule.starts_after(),
        starts_at: timeline.at(rule.starts_after()),
        window: plan_window(rule, texts, timeline, locale, overrides),
        overridden: overrides.is_overridden(rule),
    }
}

fn plan_routine(routine: &Routine, locale: &Locale, window: &dyn Fn(&str) -> Option<PlanWindow>) -> PlanRoutine {
    PlanRoutine {
        steps: routine
            .steps()
            .iter()
            .filter_map(|step| {
                Some(PlanRoutineStep {
                    text: step.text(locale).to_owned(),
                    rule_id: step.rule_id().to_owned(),
                    window: window(step.rule_id())?,
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
