//! Phases and rule windows: durations, ordering, and the plan bounds.

use std::collections::BTreeSet;

use super::FileCheck;
use crate::protocol::content::{ContentError, ContentProblem, RawPhase, RawRules};
use crate::protocol::duration::IsoDuration;
use crate::protocol::model::{Continues, Phase, Rule};

pub(super) fn phases(check: &FileCheck<'_>, raw: Vec<RawPhase>) -> Result<Vec<Phase>, ContentError> {
    let mut seen = BTreeSet::new();
    let mut orders = BTreeSet::new();
    let mut phases = Vec::with_capacity(raw.len());
    for phase in raw {
        check.id(&phase.id, &mut seen)?;
        let id = phase.id;
        if !orders.insert(phase.order) {
            return Err(check.fail(&id, ContentProblem::Other("duplicate order")));
        }
        let starts_after = check.duration(&id, "starts_after", &phase.starts_after)?;
        let ends_after = match &phase.ends_after {
            Some(text) => Some(check.duration(&id, "ends_after", text)?),
            None => None,
        };
        if ends_after.is_some_and(|end| end <= starts_after) {
            return Err(check.fail(&id, ContentProblem::EmptyWindow));
        }
        let mut what_to_expect = Vec::with_capacity(phase.what_to_expect.len());
        for (index, text) in phase.what_to_expect.into_iter().enumerate() {
            what_to_expect.push(check.text(&id, &format!("what_to_expect[{index}]"), text)?);
        }
        phases.push(Phase {
            order: phase.order,
            starts_after,
            ends_after,
            name: check.text(&id, "name", phase.name)?,
            summary: check.text(&id, "summary", phase.summary)?,
            what_to_expect,
            basis: phase.basis,
            basis_note: check.basis_note(&id, phase.basis, phase.basis_note)?,
            id,
        });
    }
    phases.sort_by_key(Phase::order);
    check_sequence(check, &phases)?;
    Ok(phases)
}

/// Phases must start at PT0H, follow each other without gap or overlap, and only the last one
/// may (and must) be open-ended.
fn check_sequence(check: &FileCheck<'_>, phases: &[Phase]) -> Result<(), ContentError> {
    let Some(first) = phases.first() else {
        return Err(check.fail(
            "phases",
            ContentProblem::PhaseSequence("at least one phase is required"),
        ));
    };
    if first.starts_after != IsoDuration::ZERO {
        return Err(check.fail(
            first.id(),
            ContentProblem::PhaseSequence("the first phase must start at PT0H"),
        ));
    }
    for pair in phases.windows(2) {
        let (previous, next) = (&pair[0], &pair[1]);
        let Some(previous_end) = previous.ends_after else {
            return Err(check.fail(
                previous.id(),
                ContentProblem::PhaseSequence("only the last phase may be open-ended"),
            ));
        };
        if next.starts_after > previous_end {
            return Err(check.fail(
                next.id(),
                ContentProblem::PhaseSequence("leaves a gap after the previous phase"),
            ));
        }
        if next.starts_after < previous_end {
            return Err(check.fail(next.id(), ContentProblem::PhaseSequence("overlaps the previous phase")));
        }
    }
    match phases.last() {
        Some(last) if last.ends_after.is_some() => Err(check.fail(
            last.id(),
            ContentProblem::PhaseSequence("the last phase must be open-ended"),
        )),
        _ => Ok(()),
    }
}

pub(super) fn rules(check: &FileCheck<'_>, raw: RawRules, plan_end: IsoDuration) -> Result<Vec<Rule>, ContentError> {
    let mut seen = BTreeSet::new();
    let mut rules = Vec::with_capacity(raw.rules.len());
    for rule in raw.rules {
        check.id(&rule.id, &mut seen)?;
        let id = rule.id;
        let starts_after = check.duration(&id, "starts_after", &rule.starts_after)?;
        let always = rule.continues == Continues::Always;
        let ends_after = match &rule.ends_after {
            Some(text) if !always => check.duration(&id, "ends_after", text)?,
            None if always && rule.minimum_ends_after.is_none() => plan_end,
            _ => return Err(check.fail(&id, ContentProblem::AlwaysWindow)),
        };
        if ends_after <= starts_after {
            return Err(check.fail(&id, ContentProblem::EmptyWindow));
        }
        if ends_after > plan_end {
            return Err(check.fail(
                &id,
                ContentProblem::OutsidePlan {
                    plan_end: plan_end.to_string(),
                },
            ));
        }
        let minimum_ends_after = match &rule.minimum_ends_after {
            Some(text) => Some(check.duration(&id, "minimum_ends_after", text)?),
            None => None,
        };
        if minimum_ends_after.is_some_and(|minimum| minimum <= starts_after || minimum > ends_after) {
            return Err(check.fail(&id, ContentProblem::MinimumOutsideWindow));
        }
        rules.push(Rule {
            kind: rule.kind,
            basis: rule.basis,
            starts_after,
            ends_after,
            minimum_ends_after,
            continues: rule.continues,
            text: check.text(&id, "text", rule.text)?,
            rationale: check.text(&id, "rationale", rule.rationale)?,
            basis_note: check.basis_note(&id, rule.basis, rule.basis_note)?,
            id,
        });
    }
    Ok(rules)
}
