//! Building a flag: its restriction end and protocol fields, for a name in the list or one the
//! safety net found elsewhere in the text.

use chrono::{DateTime, Utc};

use super::resolve::{Resolved, match_kind};
use super::strength::{self, Reading};
use super::{flags, reason, span};
use crate::ingredients::knowledge::{Entry, KnowledgeBase, Pattern, Role, Severity};
use crate::ingredients::label::Submitted;
use crate::ingredients::matcher::Hit;
use crate::ingredients::report::{FlaggedIngredient, FoundIn, MatchKind, Span};
use crate::ingredients::safety_net::TextHit;
use crate::ingredients::{CheckError, CheckOptions};

/// The end of a restriction under `rule_id` for a treatment at `options.treated_at`.
fn restriction_end(options: &CheckOptions, rule_id: &str) -> Result<Option<DateTime<Utc>>, CheckError> {
    match options.treated_at {
        Some(treated_at) => {
            let window = options
                .windows
                .get(rule_id)
                .ok_or_else(|| CheckError::MissingWindow(rule_id.to_owned()))?;
            Ok(Some(treated_at + window))
        }
        None => Ok(None),
    }
}

/// Where a flag's name was found; its text is cut only if the flag is kept.
pub(super) struct Place<'a> {
    pub submitted: &'a Submitted<'a>,
    pub position: Option<usize>,
    pub found_in: FoundIn,
    pub span: Span,
}

/// The flag for `entry` read as `reading`, matched through `pattern`, at `place`: its
/// restriction end now (a missing window is an error), the rest of it only when it is kept.
pub(super) fn new_flag<'a>(
    entry: &'a Entry,
    pattern: &'a Pattern,
    reading: Reading<'a>,
    place: Place<'a>,
    match_kind: MatchKind,
    severity: Severity,
    options: &CheckOptions<'a>,
) -> Result<flags::Pending<'a>, CheckError> {
    let rule = reading.rule.unwrap_or_default();
    let restricted_until = restriction_end(options, rule)?;
    let (language, at) = (options.language, options.at);
    let span = place.span;
    let build = move || {
        let (active, relates_to) = flags::active_fields(entry);
        FlaggedIngredient {
            text: place.submitted.cut(span.start as u32, span.end as u32),
            position: place.position,
            found_in: place.found_in,
            span,
            mentions: Vec::new(),
            ingredient_id: entry.id.clone(),
            active,
            relates_to,
            class: reading.class.to_owned(),
            match_kind,
            matched_name: pattern.written.clone(),
            severity,
            reason: reason(reading.reason, language),
            rule_id: rule.to_owned(),
            restricted_until,
            restriction_active: restricted_until.map(|until| at < until),
        }
    };
    Ok(flags::Pending::new(severity, span, build))
}

/// Flag candidates for the restricted names found outside the list: each stands for the name as
/// printed, and loses to a mention in the list.
pub(super) fn text_candidates<'a>(
    knowledge: &'a KnowledgeBase,
    items: &'a [Submitted<'a>],
    hits: &[TextHit],
    options: &CheckOptions<'a>,
) -> Result<Vec<flags::Candidate<'a>>, CheckError> {
    let (entries, patterns) = (knowledge.entries(), knowledge.patterns());
    let mut candidates = Vec::new();
    for hit in hits {
        let pattern = &patterns[hit.pattern];
        let entry = &entries[pattern.entry];
        // Outside the list a name has no place and no stated strength: its own reading.
        let reading = strength::reading(entry, usize::MAX, None);
        let Role::Restricted(severity) = reading.role else {
            continue;
        };
        let resolved = Resolved {
            hit: Hit {
                ingredient: usize::MAX,
                pattern: hit.pattern,
                start: hit.start,
                end: hit.end,
            },
            entry: pattern.entry,
            reinterpreted: false,
        };
        let place = Place {
            submitted: &items[hit.item],
            position: None,
            found_in: FoundIn::Text,
            span: span(hit.item, hit.start, hit.end),
        };
        let match_kind = match_kind(&resolved, entry, pattern.source, false);
        candidates.push(flags::Candidate {
            flag: new_flag(entry, pattern, reading, place, match_kind, severity, options)?,
            entry: pattern.entry,
            ingredient: None,
            coverage: 0,
            may_contain: false,
        });
    }
    Ok(candidates)
}
