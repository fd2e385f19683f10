//! One flag per restricted entry: every mention of the same knowledge-base entry is folded into
//! one [`FlaggedIngredient`] whose span is its best mention (a real list entry over a name inside
//! marketing text), and an ingredient that names one active twice ("Salicylic Acid (BHA)") is
//! flagged once, for its best-ranked entry.

use foldhash::HashMap;

use crate::ingredients::knowledge::{Entry, EntryKind, Severity};
use crate::ingredients::report::{FlaggedIngredient, Span};

/// A flag not yet written out: what folding needs now, the rest when it is kept.
pub(super) struct Pending<'a> {
    /// Avoid or caution.
    pub severity: Severity,
    /// Where the printed name is.
    pub span: Span,
    build: Box<dyn FnOnce() -> FlaggedIngredient + 'a>,
}

impl<'a> Pending<'a> {
    pub(super) fn new(severity: Severity, span: Span, build: impl FnOnce() -> FlaggedIngredient + 'a) -> Self {
        Self {
            severity,
            span,
            build: Box::new(build),
        }
    }
}

/// A restricted hit, before mentions of the same entry are folded together.
pub(super) struct Candidate<'a> {
    /// The flag this hit alone would give.
    pub flag: Pending<'a>,
    /// Index of the entry in the knowledge base.
    pub entry: usize,
    /// Index of the ingredient in the parsed list; none for a name found outside it.
    pub ingredient: Option<usize>,
    /// How much of its ingredient's printed name the match covers, in characters per thousand:
    /// "Salicylic Acid" in the entry "Salicylic Acid" is 1000, in "Salicylic acid cleanser" 600.
    pub coverage: u32,
    /// Listed only in a "may contain" clause.
    pub may_contain: bool,
}

/// `active` and `relates_to` of a flag for `entry`: a natural source or an ambiguous name only
/// relates to an active.
pub(super) fn active_fields(entry: &Entry) -> (Option<String>, Option<String>) {
    match entry.kind {
        EntryKind::Source | EntryKind::Ambiguous => (None, entry.active.clone()),
        _ => (entry.active.clone(), None),
    }
}

/// Orders candidates for the same entry: a definite listing over a "may contain" one, then the
/// mention that is most wholly the ingredient's name, then the earlier one.
fn better(a: &Candidate<'_>, b: &Candidate<'_>) -> bool {
    (!a.may_contain, a.coverage) > (!b.may_contain, b.coverage)
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Caution => 0,
        Severity::Avoid => 1,
    }
}

/// Folds candidates (in text order) into one flag per entry, in the order of each entry's first
/// mention; within one ingredient, one flag per active.
pub(super) fn fold(candidates: Vec<Candidate<'_>>, entries: &[Entry]) -> Vec<FlaggedIngredient> {
    // Within one ingredient, keep the most severe, most complete candidate per active.
    let mut kept: Vec<Candidate<'_>> = Vec::with_capacity(candidates.len());
    let mut kept_at: HashMap<(usize, &str), usize> = HashMap::default();
    for candidate in candidates {
        // The active an entry is, delivers or relates to.
        let active = entries[candidate.entry].active.as_deref();
        let key = candidate.ingredient.zip(active);
        match key.and_then(|key| kept_at.get(&key).copied()) {
            Some(at) => {
                let k = &kept[at];
                let rank = |c: &Candidate<'_>| (severity_rank(c.flag.severity), c.flag.span.end - c.flag.span.start);
                if rank(&candidate) > rank(k) {
                    kept[at] = candidate;
                }
            }
            None => {
                if let Some(key) = key {
                    kept_at.insert(key, kept.len());
                }
                kept.push(candidate);
            }
        }
    }
    // Across the submission, one flag per entry carrying every mention.
    let mut groups: Vec<(Candidate<'_>, Vec<Span>)> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::default();
    for candidate in kept {
        match group_of.get(&candidate.entry) {
            Some(&at) => {
                let (best, mentions) = &mut groups[at];
                mentions.push(candidate.flag.span);
                if better(&candidate, best) {
                    *best = candidate;
                }
            }
            None => {
                group_of.insert(candidate.entry, groups.len());
                let mentions = vec![candidate.flag.span];
                groups.push((candidate, mentions));
            }
        }
    }
    groups
        .into_iter()
        .map(|(best, mut mentions)| {
            mentions.sort_by_key(|s| (s.item, s.start));
            mentions.dedup();
            FlaggedIngredient {
                mentions,
                ..(best.flag.build)()
            }
        })
        .collect()
}
