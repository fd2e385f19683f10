//! Resolving the matcher's hits: context first ("BHA" next to "beta hydroxy
//! acid"), then one result per ingredient and entry.

use crate::ingredients::knowledge::{Entry, EntryKind, KnowledgeBase, PatternSource, Role, Severity};
use crate::ingredients::matcher::Hit;
use crate::ingredients::report::MatchKind;

/// A hit after context (e.g. "BHA" next to "beta hydroxy acid") is applied.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolved {
    /// The hit.
    pub hit: Hit,
    /// The entry it counts for, an index of [`KnowledgeBase::entries`].
    pub entry: usize,
    /// True when context made it count for another entry than its pattern's.
    pub reinterpreted: bool,
}

/// How `r` was recognised, counting for `entry` through a pattern from `source`.
pub(super) fn match_kind(r: &Resolved, entry: &Entry, source: PatternSource, may_contain: bool) -> MatchKind {
    match (may_contain, r.reinterpreted, entry.kind, source) {
        (true, ..) => MatchKind::Possible,
        (_, true, ..) | (_, _, EntryKind::Ambiguous, _) => MatchKind::Ambiguous,
        (_, _, EntryKind::Derivative, _) => MatchKind::Derivative,
        (_, _, EntryKind::Source, _) => MatchKind::Source,
        (.., PatternSource::Cas) => MatchKind::Cas,
        (.., PatternSource::Synonym) => MatchKind::Synonym,
        (.., PatternSource::Name) => MatchKind::Name,
    }
}

/// The rank of a role when an ingredient has several results: the highest is recognised.
pub(super) fn rank(role: Role) -> u8 {
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
pub(super) fn resolve(knowledge: &KnowledgeBase, hits: &[Hit]) -> Vec<Resolved> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    // Whether each knowledge-base entry has a hit.
    let mut present = vec![false; entries.len()];
    for hit in hits {
        present[patterns[hit.pattern].entry] = true;
    }
    let mut out: Vec<Resolved> = Vec::with_capacity(hits.len());
    let mut current_from = 0;
    for hit in hits {
        let mut index = patterns[hit.pattern].entry;
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
        if !out[current_from..].iter().any(|r| r.entry == index) {
            out.push(Resolved {
                hit: *hit,
                entry: index,
                reinterpreted,
            });
        }
    }
    out
}

/// True when ingredient `ingredient` has a restricted result delivering `active`.
pub(super) fn has_restricted_active(entries: &[Entry], resolved: &[Resolved], ingredient: usize, active: &str) -> bool {
    let from = resolved.partition_point(|r| r.hit.ingredient < ingredient);
    resolved[from..]
        .iter()
        .take_while(|r| r.hit.ingredient == ingredient)
        .map(|r| &entries[r.entry])
        .any(|entry| matches!(entry.role, Role::Restricted(_)) && entry.active.as_deref() == Some(active))
}
