//! Combining hits into a verdict, with restriction windows supplied by the caller.

use std::collections::BTreeMap;

use chrono::Duration;

use super::answer_texts::{AnswerTexts, SummaryFacts};
use super::knowledge::{KnowledgeBase, Role, Severity};
use super::label::gaps::Gap;
use super::label::{IngredientList, LabelIngredient, NoteKind, Submitted};
use super::matcher::Hit;
use super::report::{
    BeneficialIngredient, CheckNote, Coverage, FlaggedIngredient, FoundIn, IngredientCheck, ParsedIngredient, Span,
    Verdict,
};
use super::safety_net::TextHit;
use super::{CheckError, CheckOptions};

mod flags;
mod new_flag;
mod resolve;
mod strength;

use new_flag::{Place, new_flag, text_candidates};

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

fn reason(reasons: &BTreeMap<String, String>, language: &str) -> String {
    reasons.get(language).cloned().unwrap_or_default()
}

/// The text of a note: its first 200 characters.
fn note_text(submitted: &Submitted, start: u32, end: u32) -> String {
    submitted.cut(start, end.min(start + 200))
}

/// The printed name of `ingredient` around a hit at `start..end`: from the first to the last
/// character of its cleaned name, or of the hit where that reaches further (a hit in an alias).
/// An entry that is a sentence ("cada 1 g de gel contiene: Peróxido de Benzoílo") is named from
/// after its last colon before the hit.
fn printed_name(list: &IngredientList, ingredient: &LabelIngredient, start: u32, end: u32) -> (u32, u32) {
    let name = list.name(ingredient);
    let before_hit = name.partition_point(|(_, at)| *at < start);
    let colon = name[..before_hit].iter().rposition(|(c, _)| matches!(c, ':' | '：'));
    let after_colon = colon.and_then(|i| name[i + 1..].iter().find(|(c, _)| !c.is_whitespace()));
    let first = after_colon.or(name.first());
    match (first, name.last()) {
        (Some(first), Some(last)) => (first.1.min(start), (last.1 + 1).max(end)),
        _ => (start, end),
    }
}

/// What the matcher found: names in the parsed list, and names elsewhere in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hits<'a> {
    /// Hits in the ingredient list.
    pub list: &'a [Hit],
    /// Hits the safety net found outside it.
    pub text: &'a [TextHit],
}

/// Builds the check result from the parsed list and its hits.
pub(super) fn assemble(
    knowledge: &KnowledgeBase,
    texts: &AnswerTexts,
    items: &[Submitted],
    list: IngredientList,
    found: Hits,
    unread: Vec<Gap>,
    options: &CheckOptions,
) -> Result<IngredientCheck, CheckError> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    let resolved = resolve(knowledge, found.list);
    let resolved = &resolved[..];
    // "Salicylic Acid (BHA)": the bare "BHA" is an alias of the acid, not the preservative.
    let alias_of_active = |r: &Resolved| {
        let target = entries[r.entry].reinterpreted_as.map(|t| &entries[t]);
        let active = target.and_then(|t| t.active.as_deref());
        active.is_some_and(|a| has_restricted_active(entries, resolved, r.hit.ingredient, a))
    };
    // The best-ranked entry recognised in each ingredient, with the rank of its reading.
    let mut recognised: Vec<Option<(usize, u8)>> = vec![None; list.ingredients.len()];
    let places = strength::places(&list.ingredients);
    let (mut candidates, mut beneficial, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    for r in resolved {
        let entry = &entries[r.entry];
        let pattern = &patterns[r.hit.pattern];
        let ingredient = &list.ingredients[r.hit.ingredient];
        let concentration = ingredient.concentration.as_deref();
        let reading = strength::reading(entry, places[r.hit.ingredient], concentration);
        let slot = &mut recognised[r.hit.ingredient];
        if slot.is_none_or(|(_, best)| rank(reading.role) > best) {
            *slot = Some((r.entry, rank(reading.role)));
        }
        let item = ingredient.item;
        // The matched text, for beneficial and not-restricted results; a flag cuts its printed name.
        let matched_text = || items[item].cut(r.hit.start, r.hit.end);
        let where_ = span(item, r.hit.start, r.hit.end);
        let (position, rule_id) = (ingredient.position, reading.rule.unwrap_or_default().to_owned());
        let match_kind = match_kind(r, entry, pattern.source, ingredient.may_contain);
        match reading.role {
            Role::Restricted(severity) => {
                let severity = if ingredient.may_contain {
                    Severity::Caution
                } else {
                    severity
                };
                let (start, end) = printed_name(&list, ingredient, r.hit.start, r.hit.end);
                let place = Place {
                    submitted: &items[item],
                    position: Some(position),
                    found_in: FoundIn::IngredientList,
                    span: span(item, start, end),
                };
                candidates.push(flags::Candidate {
                    flag: new_flag(entry, pattern, reading, place, match_kind, severity, options)?,
                    entry: r.entry,
                    ingredient: Some(r.hit.ingredient),
                    coverage: (r.hit.end - r.hit.start) * 1000 / (end - start).max(1),
                    may_contain: ingredient.may_contain,
                });
            }
            Role::Beneficial => beneficial.push(BeneficialIngredient {
                text: matched_text(),
                position,
                span: where_,
                ingredient_id: entry.id.clone(),
                match_kind,
                matched_name: pattern.written.clone(),
                reason: reason(reading.reason, options.language),
                rule_id,
            }),
            Role::NotRestricted if alias_of_active(r) => {}
            Role::NotRestricted => notes.push(CheckNote {
                kind: NoteKind::NotRestricted,
                span: where_,
                text: matched_text(),
                ingredient_id: Some(entry.id.clone()),
                reason: Some(reason(reading.reason, options.language)),
            }),
        }
    }
    candidates.extend(text_candidates(knowledge, items, found.text, options)?);
    let flagged = flags::fold(candidates, entries);
    let items_recognised = recognised.iter().filter(|r| r.is_some()).count();
    let ingredients: Vec<ParsedIngredient> = list
        .ingredients
        .into_iter()
        .zip(recognised)
        .map(|(ingredient, best)| ParsedIngredient {
            position: ingredient.position,
            text: ingredient.text,
            span: span(ingredient.item, ingredient.start, ingredient.end),
            normalised: ingredient.normalised,
            recognised: best.map(|(entry, _)| entries[entry].id.clone()),
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
    let not_read = unread.iter().map(|g| span(g.item, g.start, g.end)).collect();
    let coverage = Coverage {
        items_read: ingredients.len(),
        items_recognised,
        not_read,
    };
    let found = Found {
        flagged,
        beneficial,
        ingredients,
        notes,
        coverage,
    };
    Ok(verdicts(knowledge, texts, found, options))
}

/// Everything the check found, before the verdicts are drawn.
struct Found {
    flagged: Vec<FlaggedIngredient>,
    beneficial: Vec<BeneficialIngredient>,
    ingredients: Vec<ParsedIngredient>,
    notes: Vec<CheckNote>,
    coverage: Coverage,
}

/// The verdict of `flagged`, counting a flag whose restriction has ended as `caution` when
/// `as_of_now`; with no flag, `unreadable` when nothing was read.
fn verdict_of(flagged: &[FlaggedIngredient], items_read: usize, as_of_now: bool) -> Verdict {
    let empty = if items_read == 0 {
        Verdict::Unreadable
    } else {
        Verdict::NoneFound
    };
    flagged.iter().fold(empty, |verdict, f| {
        let ended = as_of_now && f.restriction_active == Some(false);
        verdict.worse(match f.severity {
            Severity::Avoid if !ended => Verdict::Avoid,
            _ => Verdict::Caution,
        })
    })
}

/// The knowledge-base names of the flags that give `verdict`, in order, each once.
fn names_behind(knowledge: &KnowledgeBase, flagged: &[FlaggedIngredient], verdict: Verdict) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in flagged {
        let counts = match verdict {
            Verdict::Avoid => f.severity == Severity::Avoid && f.restriction_active != Some(false),
            _ => true,
        };
        let name = knowledge
            .entry(&f.ingredient_id)
            .map_or(f.text.as_str(), |e| e.inci.as_str());
        if counts && !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

fn verdicts(knowledge: &KnowledgeBase, texts: &AnswerTexts, found: Found, options: &CheckOptions) -> IngredientCheck {
    let Found {
        flagged,
        beneficial,
        ingredients,
        notes,
        coverage,
    } = found;
    let label_verdict = verdict_of(&flagged, coverage.items_read, false);
    let verdict = verdict_of(&flagged, coverage.items_read, true);
    let names = names_behind(knowledge, &flagged, verdict);
    let facts = SummaryFacts {
        names: &names,
        read: coverage.items_read,
    };
    let summary = texts.summary(options.language, verdict, facts);
    let restricted_until = flagged.iter().filter_map(|f| f.restricted_until).max();
    let restriction_ended_at = restricted_until.filter(|until| options.at >= *until);
    IngredientCheck {
        verdict,
        label_verdict,
        summary,
        caveat: texts.caveat(options.language).to_owned(),
        coverage,
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
