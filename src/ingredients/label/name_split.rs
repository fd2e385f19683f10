//! A piece's name, aliases and concentration: footnote marks dropped,
//! bracketed groups taken as aliases, percentages taken out.

use std::ops::Range;

use super::Located;
use super::ascii_set::ascii_set;
use super::folded::HARD_BREAK;
use super::percentage::take_percentage;
use super::segments::Brackets;
use super::vocabulary::LabelVocabulary;
use crate::ingredients::normalize::{HyphenMode, normalize_chars};

/// Footnote marks that are dropped from names.
pub(super) fn is_footnote_mark(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '*' | '^');
    }
    matches!(
        c,
        '*' | '†' | '‡' | '§' | '^' | '¹' | '²' | '³' | '\u{2070}'..='\u{2079}'
    )
}

/// ASCII characters that make a piece need more than trimming: openers
/// of bracketed groups, percentages and footnote marks.
static CLEANED_ASCII: [bool; 128] = ascii_set(b"([{%*^");

/// True when `c` opens a group, marks a percentage or is a footnote mark.
#[inline]
fn needs_cleaning(c: char) -> bool {
    match CLEANED_ASCII.get(c as usize) {
        Some(&cleaned) => cleaned,
        None => is_footnote_mark(c),
    }
}

fn is_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | ':' | HARD_BREAK)
}

/// The range of `chars` left after trimming separators and leading "- " / "> " bullets.
fn trim_range(chars: &[Located]) -> std::ops::Range<usize> {
    let start = chars.iter().position(|(c, _)| !is_trim(*c)).unwrap_or(chars.len());
    let end = chars.iter().rposition(|(c, _)| !is_trim(*c)).map_or(start, |e| e + 1);
    let (mut start, end) = (start, end.max(start));
    while let [(b, _), (' ', _), ..] = chars[start..end] {
        if !matches!(b, '-' | '–' | '>') {
            break;
        }
        start += 2;
    }
    start..end
}

pub(super) fn trimmed(chars: &[Located]) -> &[Located] {
    &chars[trim_range(chars)]
}

/// Trims `chars` in place, like [`trimmed`].
fn trim_in_place(chars: &mut Vec<Located>) {
    let range = trim_range(chars);
    chars.truncate(range.end);
    chars.drain(..range.start);
}

/// The normalised display text of `chars`, written into `scratch`.
fn display_into<'a>(chars: &[Located], scratch: &'a mut String) -> &'a str {
    scratch.clear();
    normalize_chars(chars.iter().copied(), HyphenMode::Keep, scratch);
    scratch
}

/// True for bracket content that is no alias: "nano", digits or footnote marks.
fn is_alias_noise(words: &LabelVocabulary, shown: &str) -> bool {
    words.alias_noise.iter().any(|noise| noise == shown)
        || shown.chars().all(|c| c.is_ascii_digit() || is_footnote_mark(c))
}

/// Length of a leading "and " / "& " (a conjunction and a space) that ends a prose list, if any.
fn conjunction_len(words: &LabelVocabulary, name: &[Located]) -> usize {
    let opens_with = |word: &String| {
        let mut chars = name.iter();
        let same = word
            .chars()
            .all(|w| chars.next().is_some_and(|(c, _)| c.eq_ignore_ascii_case(&w)));
        (same && chars.next().is_some_and(|(c, _)| *c == ' ')).then(|| word.chars().count() + 1)
    };
    words.conjunctions.iter().find_map(opens_with).unwrap_or(0)
}

/// Splits pieces, with buffers reused from piece to piece.
#[derive(Debug)]
pub(super) struct NameSplitter {
    /// The cleaned name of the piece.
    pub name: Vec<Located>,
    /// The aliases of the piece, one after another.
    pub alias_chars: Vec<Located>,
    /// Where each alias lies in `alias_chars`.
    pub alias_ends: Vec<(usize, usize)>,
    /// Room for the display form of a bracketed group.
    scratch: String,
    /// Room for the bracket pairs of a piece.
    brackets: Brackets,
}

impl Default for NameSplitter {
    fn default() -> Self {
        // Most pieces fit, so the buffers are rarely grown.
        const PIECE: usize = 64;
        Self {
            name: Vec::with_capacity(PIECE),
            alias_chars: Vec::with_capacity(PIECE),
            alias_ends: Vec::with_capacity(4),
            scratch: String::with_capacity(PIECE),
            brackets: Brackets::default(),
        }
    }
}

impl NameSplitter {
    /// Cleans `seg` (a trimmed piece) into its name, its aliases (in
    /// `self.alias_chars`) and its concentration.
    ///
    /// The name is `seg[range]` when the piece needed no more than dropping a
    /// leading "and ", else it is written to `self.name` and the range is `None`.
    pub(super) fn split(&mut self, words: &LabelVocabulary, seg: &[Located]) -> (Option<Range<usize>>, Option<String>) {
        self.alias_chars.clear();
        self.alias_ends.clear();
        let plain = !seg.iter().any(|&(c, _)| needs_cleaning(c));
        if plain {
            // No group, mark or percentage: the name is the piece, trimmed
            // again (a bullet can uncover more) and less a prose "and".
            let mut range = trim_range(seg);
            let cut = conjunction_len(words, &seg[range.clone()]);
            if cut > 0 {
                let from = range.start + cut;
                let rest = trim_range(&seg[from..range.end]);
                range = rest.start + from..rest.end + from;
            }
            return (Some(range), None);
        }
        let has_brackets = seg.iter().any(|(c, _)| matches!(c, '(' | '[' | '{'));
        let mut brackets = std::mem::take(&mut self.brackets);
        if has_brackets {
            brackets.find(seg);
        } else {
            brackets.clear();
        }
        self.name.clear();
        let mut concentration = None;
        let mut i = 0;
        while i < seg.len() {
            if let Some(close) = brackets.close_of(seg, i) {
                let from = self.alias_chars.len();
                self.alias_chars.extend_from_slice(trimmed(&seg[i + 1..close]));
                let noise = is_alias_noise(words, display_into(&self.alias_chars[from..], &mut self.scratch));
                if let Some(p) = take_percentage(&mut self.alias_chars, from) {
                    // The first concentration of a piece is kept.
                    concentration.get_or_insert(p);
                    self.alias_chars.truncate(from);
                } else if noise {
                    self.alias_chars.truncate(from);
                } else {
                    self.alias_ends.push((from, self.alias_chars.len()));
                }
                self.name.push((' ', seg[i].1));
                i = close + 1;
                continue;
            }
            if !is_footnote_mark(seg[i].0) {
                self.name.push(seg[i]);
            }
            i += 1;
        }
        if let Some(p) = take_percentage(&mut self.name, 0) {
            concentration.get_or_insert(p);
        }
        trim_in_place(&mut self.name);
        // The last item of a prose list: "..., and sodium hydroxide".
        let cut = conjunction_len(words, &self.name);
        if cut > 0 {
            self.name.drain(..cut);
            trim_in_place(&mut self.name);
        }
        self.brackets = brackets;
        (None, concentration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_need_cleaning_for_groups_percentages_and_footnote_marks() {
        for c in (0..=0x2100).filter_map(char::from_u32) {
            let expected = matches!(c, '(' | '[' | '{' | '%') || is_footnote_mark(c);
            assert_eq!(needs_cleaning(c), expected, "{c:?}");
        }
    }
}
