//! The whole-text safety net: text the list parser did not read as ingredients (prose, headings,
//! one-line or comma-less lists, glued table cells, sections it set aside) is still scanned for
//! every knowledge-base name, so a restricted active printed anywhere on the label is found.
//!
//! A name outside the list does not count when its sentence makes it a claim or a warning:
//! a claim of absence or a negation earlier in the sentence ("free from", "alternative to",
//! "do not use with", "sin"), a claim opening right before it ("0%"), or a claim ending right
//! after it ("-free"). The words come from the label vocabulary, one table per language.

use super::label::folded::fold;
use super::label::gaps::Gap;
use super::label::{IngredientList, LabelVocabulary, NoteKind, Submitted};
use super::matcher::{Hit, Matcher, is_unspaced_script};
use super::normalize::{HyphenMode, MappedText, normalize_chars, normalize_str};

/// Characters before a name read for a negation: enough for "do not use together with
/// products that contain", short enough that a long sentence's start does not reach a name.
const CONTEXT_BEFORE: usize = 80;
/// Characters after a name read for a claim ending.
const CONTEXT_AFTER: usize = 12;

/// A knowledge-base name found outside the ingredient list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextHit {
    /// Index of the submitted string.
    pub item: usize,
    /// Index of the pattern in the knowledge base.
    pub pattern: usize,
    /// Half-open character span in the submitted string.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
}

/// Every name in the unread gaps of the submission that no claim or negation cancels, in order.
/// Linear in the gaps' length: one normalisation and one scan per gap, and a bounded context
/// per hit.
pub(crate) fn scan(
    matcher: &Matcher,
    words: &LabelVocabulary,
    items: &[Submitted],
    list: &IngredientList,
    gaps: &[Gap],
) -> Vec<TextHit> {
    let claims: Vec<(usize, u32, u32)> = list
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::IgnoredClaim)
        .map(|n| (n.item, n.start, n.end))
        .collect();
    let mut hits = Vec::new();
    let mut text = MappedText::default();
    let mut warnings: Vec<Vec<(u32, u32)>> = Vec::with_capacity(items.len());
    for gap in gaps {
        let chars = items[gap.item].chars();
        while warnings.len() <= gap.item {
            warnings.push(warning_sections(words, items[warnings.len()].chars()));
        }
        let warned = &warnings[gap.item];
        text.text.clear();
        text.origin.clear();
        let located = (gap.start..gap.end).map(|at| (chars[at as usize], at));
        normalize_chars(located, HyphenMode::AsSpace, &mut text);
        for (pattern, start, end) in matcher.scan_text(&text) {
            let in_claim = claims
                .iter()
                .any(|&(item, from, to)| item == gap.item && from < end && start < to);
            let in_warning = warned.iter().any(|&(from, to)| from <= start && end <= to);
            if !in_claim && !in_warning && !negated(words, chars, gap.start, start, end) {
                hits.push(TextHit {
                    item: gap.item,
                    pattern,
                    start,
                    end,
                });
            }
        }
    }
    hits
}

/// Characters a section heading may follow at the start of its line.
fn is_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '•' | '·' | '・' | '●' | '■' | '-' | '*' | '[' | '(' | '【' | '〔' | '#'
        )
}

/// The character ranges of the sections of `chars` that warn about other products: from a line
/// opening with a warning word to the next line opening with a heading or a section stop.
/// Each line costs at most its first few characters.
fn warning_sections(words: &LabelVocabulary, chars: &[char]) -> Vec<(u32, u32)> {
    const HEAD: usize = 48;
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    let mut line = 0;
    while line < chars.len() {
        let end = chars[line..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line + p);
        let lead = (line..end).find(|&i| !is_lead(chars[i])).unwrap_or(end);
        let head: String = chars[lead..end.min(lead + HEAD)].iter().map(|&c| fold(c)).collect();
        let warns = words
            .warning_sections
            .iter()
            .any(|w| head.starts_with(w.as_str()) && !head[w.len()..].starts_with(char::is_alphanumeric));
        if warns {
            open.get_or_insert(line);
        } else if let Some(from) = open.filter(|_| words.opens_section(&head)) {
            sections.push((from as u32, line as u32));
            open = None;
        }
        line = end + 1;
    }
    if let Some(from) = open {
        sections.push((from as u32, chars.len() as u32));
    }
    sections
}

/// The list's hits less those in a warning section ("O que pode interferir com este
/// medicamento?" followed by a bulleted list of other medicines) and those their own ingredient
/// entry makes a claim or a comparison ("Nature's alternative to salicylic acid" read as one
/// entry): only the entry's text before the name is read, so a claim in an earlier entry never
/// reaches it.
pub(crate) fn drop_negated(words: &LabelVocabulary, items: &[Submitted], list: &IngredientList, hits: &mut Vec<Hit>) {
    let mut warnings: Vec<Option<Vec<(u32, u32)>>> = vec![None; items.len()];
    hits.retain(|hit| {
        let ingredient = &list.ingredients[hit.ingredient];
        let chars = items[ingredient.item].chars();
        let warned = warnings[ingredient.item].get_or_insert_with(|| warning_sections(words, chars));
        let in_warning = warned.iter().any(|&(from, to)| from <= hit.start && hit.end <= to);
        !in_warning && !negated(words, chars, ingredient.start, hit.start, hit.end)
    });
}

/// True when the sentence around `start..end`, read back no further than `floor`, makes the name
/// a claim or a warning.
fn negated(words: &LabelVocabulary, chars: &[char], floor: u32, start: u32, end: u32) -> bool {
    let (floor, start, end) = (floor as usize, start as usize, end as usize);
    let from = sentence_start(chars, start, start.saturating_sub(CONTEXT_BEFORE).max(floor));
    // A trailing space, so that a word written with one ("no ") can end right before the name.
    let before = normalize_str(&chars[from..start].iter().collect::<String>(), HyphenMode::Keep) + " ";
    let after_to = (end + CONTEXT_AFTER).min(chars.len());
    // The text right after, with its leading space kept: " free" and "-free" both end a name.
    let after: String = chars[end..after_to].iter().collect();
    let after = match after.starts_with(char::is_whitespace) {
        true => format!(" {}", normalize_str(&after, HyphenMode::Keep)),
        false => normalize_str(&after, HyphenMode::Keep),
    };
    // A word must start a word of the text ("no " is not the end of "piano "), except in
    // scripts written without spaces.
    let opens_word = |at: usize, phrase: &str| {
        phrase.chars().next().is_some_and(is_unspaced_script)
            || before[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
    };
    let in_before = |phrase: &String| {
        before
            .match_indices(phrase.as_str())
            .any(|(at, _)| opens_word(at, phrase))
    };
    words.text_negations.iter().any(in_before)
        || words.sentence_claims().iter().any(in_before)
        || words
            .piece_claim_openings()
            .iter()
            .any(|o| before.trim_end().ends_with(o.trim()))
        || words
            .text_negation_endings
            .iter()
            .any(|e| after.starts_with(e.as_str()))
}

/// The first character of the sentence holding `at`, looking back no further than `floor`.
fn sentence_start(chars: &[char], at: usize, floor: usize) -> usize {
    (floor..at)
        .rev()
        .find(|&i| {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            matches!(c, '\n' | '!' | '?' | ';' | '•' | '|' | '。' | '！' | '？' | '；')
                || (c == '.' && next.is_none_or(char::is_whitespace))
        })
        .map_or(floor, |i| i + 1)
}

#[cfg(test)]
mod tests;
