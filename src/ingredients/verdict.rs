//! Combining hits into a verdict, with restriction windows supplied by the caller.

use std::collections::BTreeMap;

use chrono::Duration;

use super::knowledge::{Entry, KnowledgeBase, Role, Severity};
use super::label::{IngredientList, NoteKind, Submitted};
use super::matcher::Hit;
use super::report::{
    BeneficialIngredient, CheckNote, FlaggedIngredient, IngredientCheck, ParsedIngredient, Span, Verdict,
};
use super::{CheckError, CheckOptions};

mod resolve;

use resolve::{Resolved, has_restricted_active, match_kind, rank, resolve};

/// Restriction windows by protocol rule id: how long after treatment a rule holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestrictionWindows(BTreeMap<String, Duration>);

impl FromIterator<(String, Duration)> for RestrictionWindows {
    fn from_iter<I: IntoIterator<Item = (String, Duration)>>(windows: I) -> Self {
        Self(windows.into_iter().collect())
    }
}

impl RestrictionWindows {
    /// No windows.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the window of `rule_id` (elapsed time from the treatment instant).
    pub fn with(mut self, rule_id: &str, ends_after: Duration) -> Self {
        self.0.insert(rule_id.to_owned(), ends_after);
        self
    }

    /// The window of `rule_id`, if known.
    pub fn get(&self, rule_id: &str) -> Option<Duration> {
        self.0.get(rule_id).copied()
    }
}

fn span(item: usize, start: u32, end: u32) -> Span {
    Span {
        item,
        start: start as usize,
        end: end as usize,
    }
}

fn reason(entry: &Entry, language: &str) -> String {
    entry.reason.get(language).cloned().unwrap_or_default()
}

/// The text of a note: its first 200 characters.
fn note_text(submitted: &Submitted, start: u32, end: u32) -> String {
    submitted.cut(start, end.min(start + 200))
}

/// Builds the check result from the parsed list and its hits.
pub(super) fn assemble(
    knowledge: &KnowledgeBase,
    items: &[Submitted],
    list: IngredientList,
    hits: &[Hit],
    options: &CheckOptions,
) -> Result<IngredientCheck, CheckError> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    let resolved = resolve(knowledge, hits);
    let resolved = &resolved[..];
    // "Salicylic Acid (BHA)": the bare "BHA" is an alias of the acid, not the preservative.
    let alias_of_active = |r: &Resolved| {
        let target = entries[r.entry].reinterpreted_as.map(|t| &entries[t]);
        let active = target.and_then(|t| t.active.as_deref());
        active.is_some_and(|a| has_restricted_active(entries, resolved, r.hit.ingredient, a))
    };
    // The best-ranked entry recognised in each ingredient.
    let mut recognised: Vec<Option<usize>> = vec![None; list.ingredients.len()];
    let (mut flagged, mut beneficial, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for r in resolved {
        let entry = &entries[r.entry];
        let pattern = &patterns[r.hit.pattern];
        let ingredient = &list.ingredients[r.hit.ingredient];
        let slot = &mut recognised[r.hit.ingredient];
        if slot.is_none_or(|best| rank(entry.role) > rank(entries[best].role)) {
            *slot = Some(r.entry);
        }
        let item = ingredient.item;
        let text = items[item].cut(r.hit.start, r.hit.end);
        let where_ = span(item, r.hit.start, r.hit.end);
        let (position, rule_id) = (ingredient.position, entry.rule.clone().unwrap_or_default());
        let match_kind = match_kind(r, entry, pattern.source, ingredient.may_contain);
        match entry.role {
            Role::Restricted(severity) => {
                let severity = if ingredient.may_contain {
                    Severity::Caution
                } else {
                    severity
                };
                let restricted_until = match options.treated_at {
                    Some(treated_at) => {
                        let window = options
                            .windows
                            .get(&rule_id)
                            .ok_or_else(|| CheckError::MissingWindow(rule_id.clone()))?;
                        Some(treated_at + window)
                    }
                    None => None,
                };
                flagged.push(FlaggedIngredient {
                    text,
                    position,
                    span: where_,
                    ingredient_id: entry.id.clone(),
                    active: entry.active.clone(),
                    class: entry.class.clone(),
                    match_kind,
                    matched_name: pattern.written.clone(),
                    severity,
                    reason: reason(entry, options.language),
                    rule_id,
                    restricted_until,
                    restriction_active: restricted_until.map(|until| options.at < until),
                });
            }
            Role::Beneficial => beneficial.push(BeneficialIngredient {
                text,
                position,
                span: where_,
                ingredient_id: entry.id.clone(),
                match_kind,
                matched_name: pattern.written.clone(),
                reason: reason(entry, options.language),
                rule_id,
            }),
            Role::NotRestricted if alias_of_active(r) => {}
            Role::NotRestricted => notes.push(CheckNote {
                kind: NoteKind::NotRestricted,
                span: where_,
                text,
                ingredient_id: Some(entry.id.clone()),
                reason: Some(reason(entry, options.language)),
            }),
        }
    }
    let ingredients = list
        .ingredients
        .into_iter()
        .zip(recognised)
        .map(|(ingredient, best)| ParsedIngredient {
            position: ingredient.position,
            text: ingredient.text,
            span: span(ingredient.item, ingredient.start, ingredient.end),
            normalised: ingredient.normalised,
            recognised: best.map(|entry| entries[entry].id.clone()),
            section: ingredient.section,
            step: ingredient.step,
            may_contain: ingredient.may_contain,
            concentration: ingredient.concentration,
        })
        .collect();
    notes.extend(list.notes.iter().map(|n| CheckNote {
        kind: n.kind,
        span: span(n.item, n.start, n.end),
        text: note_text(&items[n.item], n.start, n.end),
        ingredient_id: None,
        reason: None,
    }));
    notes.sort_by_key(|n| (n.span.item, n.span.start));
    Ok(verdicts(flagged, beneficial, ingredients, notes, options))
}

fn worst<'a>(flagged: impl Iterator<Item = &'a FlaggedIngredient>) -> Verdict {
    flagged
        .map(|f| match f.severity {
            Severity::Avoid => Verdict::Avoid,
            Severity::Caution => Verdict::Caution,
        })
        .max()
        .unwrap_or(Verdict::Ok)
}

fn verdicts(
    flagged: Vec<FlaggedIngredient>,
    beneficial: Vec<BeneficialIngredient>,
    ingredients: Vec<ParsedIngredient>,
    notes: Vec<CheckNote>,
    options: &CheckOptions,
) -> IngredientCheck {
    let label_verdict = worst(flagged.iter());
    let verdict = worst(flagged.iter().filter(|f| f.restriction_active != Some(false)));
    let restricted_until = flagged.iter().filter_map(|f| f.restricted_until).max();
    let restriction_ended_at = restricted_until.filter(|until| options.at >= *until);
    IngredientCheck {
        verdict,
        label_verdict,
        evaluated_at: options.at,
        treated_at: options.treated_at,
        restricted_until,
        restriction_ended_at,
        flagged,
        beneficial,
        ingredients,
        notes,
    }
}
