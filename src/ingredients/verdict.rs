//! Combining hits into a verdict, with restriction windows supplied by the caller.

use std::collections::BTreeMap;

use chrono::Duration;

use super::check_texts::{CheckTexts, TextRange};
use super::knowledge::{KnowledgeBase, Role, Severity};
use super::label::{IngredientList, NoteKind, Submitted};
use super::matcher::Hit;
use super::report::{
    BeneficialIngredient, CheckNote, FlaggedIngredient, IngredientCheck, ParsedIngredient, SharedText, Span, Verdict,
};
use super::scratch::ReportBuffers;
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

/// Working buffers of [`assemble`], reusable from one check to the next.
#[derive(Debug, Default)]
pub(super) struct AssembleBuffers {
    /// Whether each knowledge-base entry has a hit.
    present: Vec<bool>,
    /// The hits, resolved.
    resolved: Vec<Resolved>,
    /// The best-ranked entry recognised in each ingredient.
    recognised: Vec<Option<usize>>,
}

fn span(item: usize, start: u32, end: u32) -> Span {
    Span {
        item,
        start: start as usize,
        end: end as usize,
    }
}

fn reason(texts: &EntryTexts, language: &str) -> SharedText {
    texts.reason.get(language).cloned().unwrap_or_default()
}

/// The text of a note (its first 200 characters), appended to `texts`.
fn note_text(submitted: &Submitted, start: u32, end: u32, texts: &mut CheckTexts) -> TextRange {
    let end = end.min(start + 200);
    submitted.copy_into(start, end, texts)
}

/// Builds the check result from the parsed list and its hits. The list's
/// ingredients and texts are moved into the result, whose lists are those of
/// `report` (emptied); `list` and `buffers` keep their buffers for reuse.
#[expect(
    clippy::too_many_arguments,
    reason = "the check's inputs and its three sets of buffers"
)]
pub(super) fn assemble(
    knowledge: &KnowledgeBase,
    texts: &KnowledgeTexts,
    items: &[Submitted],
    list: &mut IngredientList,
    hits: &[Hit],
    buffers: &mut AssembleBuffers,
    report: &mut ReportBuffers,
    options: &CheckOptions,
) -> Result<IngredientCheck, CheckError> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    let AssembleBuffers {
        present,
        resolved,
        recognised,
    } = buffers;
    resolve(knowledge, hits, present, resolved);
    let resolved = &*resolved;
    // The list's texts, to which the answer's own are appended.
    let mut check_texts = std::mem::take(&mut list.texts);
    // "Salicylic Acid (BHA)": the bare "BHA" is an alias of the acid, not the preservative.
    let alias_of_active = |r: &Resolved| {
        let target = entries[r.entry].reinterpreted_as.map(|t| &entries[t]);
        let active = target.and_then(|t| t.active.as_deref());
        active.is_some_and(|a| has_restricted_active(entries, resolved, r.hit.ingredient, a))
    };
    recognised.clear();
    recognised.resize(list.ingredients.len(), None);
    let mut flagged = std::mem::take(&mut report.flagged);
    let mut beneficial = std::mem::take(&mut report.beneficial);
    let mut notes = std::mem::take(&mut report.notes);
    let mut ingredients = std::mem::take(&mut report.ingredients);
    for r in resolved {
        let (entry, entry_texts) = (&entries[r.entry], &texts.entries[r.entry]);
        let (written, source) = (&texts.written[r.hit.pattern], patterns[r.hit.pattern].source);
        let ingredient = &list.ingredients[r.hit.ingredient];
        let slot = &mut recognised[r.hit.ingredient];
        if slot.is_none_or(|best| rank(entry.role) > rank(entries[best].role)) {
            *slot = Some(r.entry);
        }
        let item = ingredient.item;
        let text = items[item].copy_into(r.hit.start, r.hit.end, &mut check_texts);
        let where_ = span(item, r.hit.start, r.hit.end);
        let (position, rule_id) = (ingredient.position, entry_texts.rule.clone());
        let match_kind = match_kind(r, entry, source, ingredient.may_contain);
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
                            .ok_or_else(|| CheckError::MissingWindow(rule_id.to_string()))?;
                        Some(treated_at + window)
                    }
                    None => None,
                };
                flagged.push(FlaggedIngredient {
                    text,
                    position,
                    span: where_,
                    ingredient_id: entry_texts.id.clone(),
                    active: entry_texts.active.clone(),
                    class: entry_texts.class.clone(),
                    match_kind,
                    matched_name: written.clone(),
                    severity,
                    reason: reason(entry_texts, options.language),
                    rule_id,
                    restricted_until,
                    restriction_active: restricted_until.map(|until| options.at < until),
                });
            }
            Role::Beneficial => beneficial.push(BeneficialIngredient {
                text,
                position,
                span: where_,
                ingredient_id: entry_texts.id.clone(),
                match_kind,
                matched_name: written.clone(),
                reason: reason(entry_texts, options.language),
                rule_id,
            }),
            Role::NotRestricted if alias_of_active(r) => {}
            Role::NotRestricted => notes.push(CheckNote {
                kind: NoteKind::NotRestricted,
                span: where_,
                text,
                ingredient_id: Some(entry_texts.id.clone()),
                reason: Some(reason(entry_texts, options.language)),
            }),
        }
    }
    ingredients.extend(
        list.ingredients
            .drain(..)
            .zip(recognised.iter())
            .map(|(ingredient, best)| ParsedIngredient {
                position: ingredient.position,
                text: ingredient.text,
                span: span(ingredient.item, ingredient.start, ingredient.end),
                normalised: ingredient.normalised,
                recognised: best.map(|entry| texts.entries[entry].id.clone()),
                section: ingredient.section,
                step: ingredient.step,
                may_contain: ingredient.may_contain,
                concentration: ingredient.concentration,
            }),
    );
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
