//! Combining hits into a verdict, with restriction windows supplied by the caller.

use std::collections::BTreeMap;

use chrono::Duration;

use super::check_texts::{CheckTexts, TextRange};
use super::knowledge::{Entry, EntryKind, KnowledgeBase, PatternSource, Role, Severity};
use super::label::{IngredientList, NoteKind, Submitted};
use super::matcher::Hit;
use super::report::{
    BeneficialIngredient, CheckNote, FlaggedIngredient, IngredientCheck, MatchKind, ParsedIngredient, SharedText, Span,
    Verdict,
};
use super::{CheckError, CheckOptions};

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

/// The texts of the knowledge base that answers repeat (ids, classes, rule
/// ids, reasons, matched names), shared so a hit copies none of them.
#[derive(Debug, Clone)]
pub(super) struct KnowledgeTexts {
    /// By entry index.
    entries: Vec<EntryTexts>,
    /// The written name of each pattern, by pattern index.
    written: Vec<SharedText>,
}

/// The shared texts of one entry.
#[derive(Debug, Clone)]
struct EntryTexts {
    id: SharedText,
    class: SharedText,
    /// The rule id, empty when the entry has none.
    rule: SharedText,
    active: Option<SharedText>,
    reason: BTreeMap<String, SharedText>,
}

impl KnowledgeTexts {
    /// Shares the texts of `knowledge`.
    pub(super) fn new(knowledge: &KnowledgeBase) -> Self {
        let entries = knowledge
            .entries()
            .iter()
            .map(|e| EntryTexts {
                id: e.id.as_str().into(),
                class: e.class.as_str().into(),
                rule: e.rule.as_deref().unwrap_or_default().into(),
                active: e.active.as_deref().map(SharedText::from),
                reason: e.reason.iter().map(|(l, r)| (l.clone(), r.as_str().into())).collect(),
            })
            .collect();
        let written = knowledge.patterns().iter().map(|p| p.written.as_str().into()).collect();
        Self { entries, written }
    }
}

/// A hit after context (e.g. "BHA" next to "beta hydroxy acid") is applied.
struct Resolved<'a> {
    hit: Hit,
    entry: &'a Entry,
    /// Its shared texts.
    texts: &'a EntryTexts,
    written: &'a SharedText,
    source: PatternSource,
    reinterpreted: bool,
}

fn span(item: usize, start: u32, end: u32) -> Span {
    Span {
        item,
        start: start as usize,
        end: end as usize,
    }
}

fn match_kind(r: &Resolved, may_contain: bool) -> MatchKind {
    match (may_contain, r.reinterpreted, r.entry.kind, r.source) {
        (true, ..) => MatchKind::Possible,
        (_, true, ..) | (_, _, EntryKind::Ambiguous, _) => MatchKind::Ambiguous,
        (_, _, EntryKind::Derivative, _) => MatchKind::Derivative,
        (_, _, EntryKind::Source, _) => MatchKind::Source,
        (.., PatternSource::Cas) => MatchKind::Cas,
        (.., PatternSource::Synonym) => MatchKind::Synonym,
        (.., PatternSource::Name) => MatchKind::Name,
    }
}

fn rank(role: Role) -> u8 {
    match role {
        Role::Restricted(Severity::Avoid) => 3,
        Role::Restricted(Severity::Caution) => 2,
        Role::Beneficial => 1,
        Role::NotRestricted => 0,
    }
}

/// Resolves hits in text order: context first, then one result per
/// (ingredient, entry). Hits arrive grouped by ingredient, so duplicates are
/// only looked for among the current ingredient's results.
fn resolve<'a>(knowledge: &'a KnowledgeBase, texts: &'a KnowledgeTexts, hits: &[Hit]) -> Vec<Resolved<'a>> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    let mut present = vec![false; entries.len()];
    for hit in hits {
        present[patterns[hit.pattern].entry] = true;
    }
    let mut out: Vec<Resolved<'a>> = Vec::with_capacity(hits.len());
    let mut current_from = 0;
    for hit in hits {
        let pattern = &patterns[hit.pattern];
        let mut index = pattern.entry;
        let mut reinterpreted = false;
        if let Some(target) = entries[index].reinterpreted_as.filter(|t| present[*t]) {
            (index, reinterpreted) = (target, true);
        }
        if out
            .get(current_from)
            .is_some_and(|r| r.hit.ingredient != hit.ingredient)
        {
            current_from = out.len();
        }
        let entry = &entries[index];
        if !out[current_from..].iter().any(|r| std::ptr::eq(r.entry, entry)) {
            out.push(Resolved {
                hit: *hit,
                entry,
                texts: &texts.entries[index],
                written: &texts.written[hit.pattern],
                source: pattern.source,
                reinterpreted,
            });
        }
    }
    out
}

/// True when ingredient `ingredient` has a restricted result delivering `active`.
fn has_restricted_active(resolved: &[Resolved], ingredient: usize, active: &str) -> bool {
    let from = resolved.partition_point(|r| r.hit.ingredient < ingredient);
    resolved[from..]
        .iter()
        .take_while(|r| r.hit.ingredient == ingredient)
        .any(|r| matches!(r.entry.role, Role::Restricted(_)) && r.entry.active.as_deref() == Some(active))
}

fn reason(texts: &EntryTexts, language: &str) -> SharedText {
    texts.reason.get(language).cloned().unwrap_or_default()
}

/// The text of a note (its first 200 characters), appended to `texts`.
fn note_text(submitted: &Submitted, start: u32, end: u32, texts: &mut CheckTexts) -> TextRange {
    let end = end.min(start + 200);
    submitted.copy_into(start, end, texts)
}

/// Builds the check result from the parsed list and its hits (the list's
/// ingredients and texts are moved into the result; its buffers stay for reuse).
pub(super) fn assemble(
    knowledge: &KnowledgeBase,
    texts: &KnowledgeTexts,
    items: &[Submitted],
    list: &mut IngredientList,
    hits: &[Hit],
    options: &CheckOptions,
) -> Result<IngredientCheck, CheckError> {
    let resolved = resolve(knowledge, texts, hits);
    // The list's texts, to which the answer's own are appended.
    let mut check_texts = std::mem::take(&mut list.texts);
    // "Salicylic Acid (BHA)": the bare "BHA" is an alias of the acid, not the preservative.
    let alias_of_active = |r: &Resolved| {
        let target = r.entry.reinterpreted_as.map(|t| &knowledge.entries()[t]);
        let active = target.and_then(|t| t.active.as_deref());
        active.is_some_and(|a| has_restricted_active(&resolved, r.hit.ingredient, a))
    };
    let mut recognised: Vec<Option<&Resolved>> = vec![None; list.ingredients.len()];
    // Sized up front (notes at most), so the answer's lists are allocated once.
    let [restricted, helpful, not_restricted] = resolved.iter().fold([0; 3], |mut count, r| {
        count[match r.entry.role {
            Role::Restricted(_) => 0,
            Role::Beneficial => 1,
            Role::NotRestricted => 2,
        }] += 1;
        count
    });
    let mut flagged = Vec::with_capacity(restricted);
    let mut beneficial = Vec::with_capacity(helpful);
    let mut notes = Vec::with_capacity(not_restricted + list.notes.len());
    for r in &resolved {
        let ingredient = &list.ingredients[r.hit.ingredient];
        let slot = &mut recognised[r.hit.ingredient];
        if slot.is_none_or(|best| rank(r.entry.role) > rank(best.entry.role)) {
            *slot = Some(r);
        }
        let item = ingredient.item;
        let text = items[item].copy_into(r.hit.start, r.hit.end, &mut check_texts);
        let where_ = span(item, r.hit.start, r.hit.end);
        let (position, rule_id) = (ingredient.position, r.texts.rule.clone());
        match r.entry.role {
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
                            .ok_or_else(|| CheckError::MissingWindow(rule_id.to_string()))?;
                        Some(treated_at + window)
                    }
                    None => None,
                };
                flagged.push(FlaggedIngredient {
                    text,
                    position,
                    span: where_,
                    ingredient_id: r.texts.id.clone(),
                    active: r.texts.active.clone(),
                    class: r.texts.class.clone(),
                    match_kind: match_kind(r, ingredient.may_contain),
                    matched_name: r.written.clone(),
                    severity,
                    reason: reason(r.texts, options.language),
                    rule_id,
                    restricted_until,
                    restriction_active: restricted_until.map(|until| options.at < until),
                });
            }
            Role::Beneficial => beneficial.push(BeneficialIngredient {
                text,
                position,
                span: where_,
                ingredient_id: r.texts.id.clone(),
                match_kind: match_kind(r, ingredient.may_contain),
                matched_name: r.written.clone(),
                reason: reason(r.texts, options.language),
                rule_id,
            }),
            Role::NotRestricted if alias_of_active(r) => {}
            Role::NotRestricted => notes.push(CheckNote {
                kind: NoteKind::NotRestricted,
                span: where_,
                text,
                ingredient_id: Some(r.texts.id.clone()),
                reason: Some(reason(r.texts, options.language)),
            }),
        }
    }
    let ingredients = list
        .ingredients
        .drain(..)
        .zip(&recognised)
        .map(|(ingredient, best)| ParsedIngredient {
            position: ingredient.position,
            text: ingredient.text,
            span: span(ingredient.item, ingredient.start, ingredient.end),
            normalised: ingredient.normalised,
            recognised: best.map(|r| r.texts.id.clone()),
            section: ingredient.section,
            step: ingredient.step,
            may_contain: ingredient.may_contain,
            concentration: ingredient.concentration,
        })
        .collect();
    notes.extend(list.notes.iter().map(|n| CheckNote {
        kind: n.kind,
        span: span(n.item, n.start, n.end),
        text: note_text(&items[n.item], n.start, n.end, &mut check_texts),
        ingredient_id: None,
        reason: None,
    }));
    notes.sort_by_key(|n| (n.span.item, n.span.start));
    Ok(verdicts(flagged, beneficial, ingredients, notes, check_texts, options))
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
    texts: CheckTexts,
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
        texts,
    }
}
