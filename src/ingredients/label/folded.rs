//! The folded text of a label (lower case, one dash, one kind of space) and
//! word matching in it.

use crate::ingredients::normalize::is_dash;

/// Marks a blank line inside a block: always separates ingredients.
pub(super) const HARD_BREAK: char = '\u{2029}';

/// Case- and dash-folded copy of one character, index-aligned with the original.
#[inline]
pub(crate) fn fold(c: char) -> char {
    match ASCII_FOLD.get(c as usize) {
        Some(&folded) => char::from(folded),
        None => fold_non_ascii(c),
    }
}

/// [`fold`] of each ASCII character: lower case, with `\t`, `\r`, VT and FF as spaces.
static ASCII_FOLD: [u8; 128] = {
    let mut map = [0; 128];
    let mut b = 0;
    while b < 128 {
        map[b as usize] = match b {
            b'\t' | b'\r' | 0x0B | 0x0C => b' ',
            _ => b.to_ascii_lowercase(),
        };
        b += 1;
    }
    map
};

/// [`fold`] for a non-ASCII character.
fn fold_non_ascii(c: char) -> char {
    if is_dash(c) {
        '-'
    } else if c.is_whitespace() && c != '\n' && c != HARD_BREAK {
        ' '
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// True when `lower[at..]` starts with `word` followed by a non-letter.
pub(super) fn word_at(lower: &[char], at: usize, end: usize, word: &str) -> Option<usize> {
    if !opens_word(lower, at) {
        return None;
    }
    word_after_start(lower, at, end, word)
}

/// True when no letter or digit comes right before `at`.
pub(super) fn opens_word(lower: &[char], at: usize) -> bool {
    at == 0 || !lower[at - 1].is_alphanumeric()
}

/// [`word_at`] for an `at` that [`opens_word`].
pub(super) fn word_after_start(lower: &[char], at: usize, end: usize, word: &str) -> Option<usize> {
    let mut i = at;
    for w in word.chars() {
        if i >= end || lower[i] != w {
            return None;
        }
        i += 1;
    }
    let after_ok = i >= end || !lower[i].is_alphabetic();
    after_ok.then_some(i)
}

/// True when one of `words` is found at `at` by [`word_at`].
pub(super) fn any_word_at(lower: &[char], at: usize, end: usize, words: &[String]) -> bool {
    at < end
        && opens_word(lower, at)
        && words
            .iter()
            .any(|word| word.starts_with(lower[at]) && word_after_start(lower, at, end, word).is_some())
}

pub(super) fn skip_spaces(lower: &[char], mut at: usize, end: usize) -> usize {
    while at < end && lower[at] == ' ' {
        at += 1;
    }
    at
}

pub(super) fn skip_punctuation(lower: &[char], at: usize, end: usize) -> usize {
    let mut i = skip_spaces(lower, at, end);
    if i < end && matches!(lower[i], ':' | '-' | '.' | ')') {
        i += 1;
    }
    skip_spaces(lower, i, end)
}

/// The length of `word` (in characters) when `lower[at..]` starts with it.
pub(super) fn prefix_len(lower: &[char], at: usize, word: &str) -> Option<usize> {
    let mut len = 0;
    for w in word.chars() {
        if lower.get(at + len) != Some(&w) {
            return None;
        }
        len += 1;
    }
    Some(len)
}
