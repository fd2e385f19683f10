//! Entries that refer to rules: milestones, the routine and the ingredient guidance.

use std::collections::{BTreeMap, BTreeSet};

use super::FileCheck;
use crate::protocol::content::{
    ContentError, ContentProblem, RawIngredientClass, RawIngredientGuidance, RawMilestones, RawRoutine, RawRoutineStep,
};
use crate::protocol::duration::IsoDuration;
use crate::protocol::model::{IngredientClass, Milestone, Routine, RoutineStep, Rule, RuleKind};

pub(super) fn milestones(
    check: &FileCheck<'_>,
    raw: RawMilestones,
    plan_end: IsoDuration,
    rules: &BTreeMap<&str, &Rule>,
) -> Result<Vec<Milestone>, ContentError> {
    let mut seen = BTreeSet::new();
    let mut milestones = Vec::with_capacity(raw.milestones.len());
    for milestone in raw.milestones {
        check.id(&milestone.id, &mut seen)?;
        let id = milestone.id;
        let offset = match (&milestone.offset, milestone.marks_end_of.as_slice()) {
            (Some(_), [_, ..]) => return Err(check.fail(&id, ContentProblem::MilestoneTiming("both"))),
            (None, []) => return Err(check.fail(&id, ContentProblem::MilestoneTiming("neither"))),
            (Some(offset), []) => check.duration(&id, "offset", offset)?,
            (None, marked) => latest_end(check, &id, marked, rules)?,
        };
        if offset > plan_end {
            return Err(check.fail(
                &id,
                ContentProblem::OutsidePlan {
                    plan_end: plan_end.to_string(),
                },
            ));
        }
        milestones.push(Milestone {
            offset,
            basis: milestone.basis,
            ends_rules: milestone.marks_end_of,
            text: check.text(&id, "text", milestone.text)?,
            basis_note: check.basis_note(&id, milestone.basis, milestone.basis_note)?,
            id,
        });
    }
    Ok(milestones)
}

/// The latest default end of the rules a milestone marks.
fn latest_end(
    check: &FileCheck<'_>,
    id: &str,
    marked: &[String],
    rules: &BTreeMap<&str, &Rule>,
) -> Result<IsoDuration, ContentError> {
    let mut latest = IsoDuration::ZERO;
    for rule_id in marked {
        let rule = rules
            .get(rule_id.as_str())
            .ok_or_else(|| check.fail(id, ContentProblem::UnknownRule { rule: rule_id.clone() }))?;
        latest = latest.max(rule.ends_after());
    }
    Ok(latest)
}

pub(super) fn routine(
    check: &FileCheck<'_>,
    raw: RawRoutine,
    rules: &BTreeMap<&str, &Rule>,
) -> Result<Routine, ContentError> {
    let steps = |section: &str, raw: Vec<RawRoutineStep>| -> Result<Vec<RoutineStep>, ContentError> {
        let mut steps = Vec::with_capacity(raw.len());
        for (index, step) in raw.into_iter().enumerate() {
            let entry = format!("{section}[{}]", index + 1);
            if !rules.contains_key(step.rule.as_str()) {
                return Err(check.fail(&entry, ContentProblem::UnknownRule { rule: step.rule }));
            }
            steps.push(RoutineStep {
                text: check.text(&entry, "text", step.text)?,
                rule: step.rule,
            });
        }
        Ok(steps)
    };
    Ok(Routine {
        steps: steps("steps", raw.steps)?,
    })
}

pub(super) fn ingredients(
    check: &FileCheck<'_>,
    raw: RawIngredientGuidance,
    rules: &BTreeMap<&str, &Rule>,
) -> Result<(Vec<IngredientClass>, Vec<IngredientClass>), ContentError> {
    let mut seen = BTreeSet::new();
    let mut section = |entries: Vec<RawIngredientClass>, kinds: &[RuleKind], expected: &'static str| {
        let mut classes = Vec::with_capacity(entries.len());
        for entry in entries {
            check.id(&entry.class, &mut seen)?;
            let rule = rules.get(entry.rule.as_str()).ok_or_else(|| {
                check.fail(
                    &entry.class,
                    ContentProblem::UnknownRule {
                        rule: entry.rule.clone(),
                    },
                )
            })?;
            if !kinds.contains(&rule.kind()) {
                return Err(check.fail(
                    &entry.class,
                    ContentProblem::WrongRuleKind {
                        rule: entry.rule,
                        expected,
                    },
                ));
            }
            classes.push(IngredientClass {
                class: entry.class,
                rule: entry.rule,
            });
        }
        Ok(classes)
    };
    let avoid = section(raw.avoid, &[RuleKind::Avoid], "avoid")?;
    let look_for = section(raw.look_for, &[RuleKind::Do, RuleKind::Tip], "do or tip")?;
    Ok((avoid, look_for))
}
