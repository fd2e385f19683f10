//! What a line opens with: an ingredient heading, a section without
//! ingredients, a kit step; and the purpose column of a Drug Facts panel.

use super::ListSection;
use super::folded::{any_word_at, opens_word, skip_punctuation, skip_spaces, word_after_start, word_at};
use super::vocabulary::LabelVocabulary;

/// Where a stop word opens the line, directly or after a short "Product - " prefix.
pub(super) fn is_stop(words: &LabelVocabulary, lower: &[char], start: usize, end: usize) -> bool {
    let hit = |at: usize| any_word_at(lower, at, end, &words.stops);
    if hit(start) {
        return true;
    }
    let limit = end.min(start + 42);
    (start..limit)
        .find(|&i| lower[i] == '-' && i + 1 < end && lower[i + 1] == ' ')
        .is_some_and(|i| hit(skip_spaces(lower, i + 1, end)))
}

/// An ingredient heading in the line: its section and where the list text starts.
///
/// The heading opens the line, follows a short "Product -" or "Product:" prefix,
/// or follows a short prefix and ends with a colon ("Normal eye shadow ingredients:").
pub(super) fn heading_at(
    words: &LabelVocabulary,
    lower: &[char],
    start: usize,
    end: usize,
) -> Option<(ListSection, usize)> {
    let limit = end.min(start + 41);
    for at in start..limit {
        if matches!(lower[at], ',' | ';') {
            return None;
        }
        if !opens_word(lower, at) {
            continue;
        }
        for (word, section) in words.headings.iter().filter(|(word, _)| word.starts_with(lower[at])) {
            if let Some(mut after) = word_after_start(lower, at, end, word) {
                if lower[after..end].starts_with(&['(', 's', ')']) {
                    after += 3;
                }
                let prefix_end = lower[start..at].iter().rposition(|c| *c != ' ');
                let dashed = prefix_end.is_none_or(|p| matches!(lower[start + p], '-' | ':'));
                let colon = lower.get(skip_spaces(lower, after, end)) == Some(&':');
                if dashed || colon {
                    return Some((*section, skip_punctuation(lower, after, end)));
                }
            }
        }
    }
    None
}

/// Skips spaces and one leading bullet ("• ", "- ").
pub(super) fn skip_bullet(lower: &[char], start: usize, end: usize) -> usize {
    let at = skip_spaces(lower, start, end);
    let bullet = at < end && matches!(lower[at], '•' | '●' | '▪' | '◆' | '■' | '-');
    if bullet && at + 1 < end && lower[at + 1] == ' ' {
        skip_spaces(lower, at + 1, end)
    } else {
        at
    }
}

pub(super) fn step_at(words: &LabelVocabulary, lower: &[char], start: usize, end: usize) -> Option<(u32, usize)> {
    let after = words.step_words.iter().find_map(|w| word_at(lower, start, end, w))?;
    let digits_at = skip_spaces(lower, after, end);
    let digits_end = (digits_at..end).find(|&i| !lower[i].is_ascii_digit()).unwrap_or(end);
    let text: String = lower[digits_at..digits_end].iter().collect();
    let number = text.parse().ok()?;
    Some((number, skip_punctuation(lower, digits_end, end)))
}

/// In a Drug Facts active section, cuts the purpose column ("....Sunscreen").
pub(super) fn purpose_cut(words: &LabelVocabulary, lower: &[char], start: usize, end: usize) -> usize {
    let mut seen_text = false;
    for i in start..end {
        let c = lower[i];
        let dots = c == '…' || (c == '.' && lower[i..end].starts_with(&['.', '.', '.']));
        let gap = seen_text && c == ' ' && i + 1 < end && matches!(lower[i + 1], ' ' | '\t');
        if dots || gap || c == '\t' || any_word_at(lower, i, end, &words.purpose_column) {
            return i;
        }
        seen_text |= c != ' ';
    }
    end
}
