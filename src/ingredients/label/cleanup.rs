//! Turning a piece into an ingredient: claims, footnotes, parentheses, percentages.

use std::ops::Range;

use super::keywords::{PIECE_CLAIMS, SENTENCE_CLAIMS};
use super::lines::{Block, HARD_BREAK};
use super::percentage::take_percentage;
use super::segments::{Brackets, Piece, ascii_set};
use super::{LabelIngredient, LabelNote, Located, Names, NoteKind, Submitted};
use crate::ingredients::match_text::MatchText;
use crate::ingredients::normalize::{HyphenMode, MappedText, normalize_chars};

/// Footnote marks that are dropped from names.
fn is_footnote_mark(c: char) -> bool {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClaimScope {
    Piece,
    Sentence,
}

/// For each byte, true when one of [`SENTENCE_CLAIMS`] starts with it.
static SENTENCE_CLAIM_FIRST: [bool; 256] = {
    let mut set = [false; 256];
    let mut i = 0;
    while i < SENTENCE_CLAIMS.len() {
        set[SENTENCE_CLAIMS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    set
};

fn claim_scope(display: &str) -> Option<ClaimScope> {
    let &first = display.as_bytes().first()?;
    let opens = |claims: &[&str]| {
        claims
            .iter()
            .any(|c| c.as_bytes()[0] == first && display.starts_with(c))
    };
    // Most pieces start with a byte no sentence claim starts with.
    if SENTENCE_CLAIM_FIRST[usize::from(first)] && opens(&SENTENCE_CLAIMS) {
        Some(ClaimScope::Sentence)
    } else if (first == b'0' && opens(&["0%", "0 %", "0.0%", "0,0%"]))
        || display.ends_with(" free")
        || has_piece_claim(display)
    {
        Some(ClaimScope::Piece)
    } else {
        None
    }
}

/// True when `display` holds one of [`PIECE_CLAIMS`]; each holds "free" or "without".
fn has_piece_claim(display: &str) -> bool {
    let bytes = display.as_bytes();
    let candidate = bytes.iter().enumerate().any(|(i, &b)| match b {
        b'f' => bytes[i..].starts_with(b"free"),
        b'w' => bytes[i..].starts_with(b"without"),
        _ => false,
    });
    candidate && PIECE_CLAIMS.iter().any(|c| contains(display, c))
}

/// `haystack.contains(needle)` for short texts, without a searcher set-up.
fn contains(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter()
        .enumerate()
        .filter(|&(_, &b)| b == first)
        .any(|(i, _)| hay[i + 1..].starts_with(rest))
}

/// True when only spaces or bullets separate `at` from a line or sentence start.
fn opens_line(chars: &[Located], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .find(|(c, _)| !matches!(c, ' ' | '-' | '•' | '\t'))
        .is_none_or(|(c, _)| matches!(*c, '\n' | '.' | HARD_BREAK))
}

fn sentence_end(chars: &[Located], from: usize) -> usize {
    let from = (from..chars.len())
        .find(|&i| !chars[i].0.is_whitespace())
        .unwrap_or(chars.len());
    (from..chars.len())
        .find(|&i| {
            let c = chars[i].0;
            let next = chars.get(i + 1).map(|(n, _)| *n);
            matches!(c, '\n' | HARD_BREAK) || (c == '.' && next.is_none_or(char::is_whitespace))
        })
        .unwrap_or(chars.len())
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

fn trimmed(chars: &[Located]) -> &[Located] {
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

/// [`display_into`] with the source offset of every byte.
fn mapped_display_into<'a>(chars: &[Located], out: &'a mut MappedText) -> &'a MappedText {
    out.text.clear();
    out.origin.clear();
    normalize_chars(chars.iter().copied(), HyphenMode::Keep, out);
    out
}

/// True for bracket content that is no alias: "nano", digits or footnote marks.
fn is_alias_noise(shown: &str) -> bool {
    shown == "nano" || shown.chars().all(|c| c.is_ascii_digit() || is_footnote_mark(c))
}

/// Length of a leading "and " / "& " that ends a prose list, if any.
fn conjunction_len(name: &[Located]) -> usize {
    match name {
        [('a' | 'A', _), ('n' | 'N', _), ('d' | 'D', _), (' ', _), ..] => 4,
        [('&', _), (' ', _), ..] => 2,
        _ => 0,
    }
}

/// True when `name` has more than `limit` words (a word starts at every
/// non-space after a space, and at the start).
fn has_more_words(name: &[Located], limit: usize) -> bool {
    // Each word after the first needs a space and a letter before it.
    if name.len() < 2 * limit {
        return false;
    }
    let starts = name
        .windows(2)
        .filter(|pair| pair[0].0.is_whitespace() && !pair[1].0.is_whitespace());
    starts.take(limit).count() == limit
}

/// Where the parsed entries go.
pub(super) struct Output<'a> {
    /// Ingredients of the whole submission.
    pub ingredients: &'a mut Vec<LabelIngredient>,
    /// Their names and aliases.
    pub names: &'a mut Names,
    /// Their names normalised for matching.
    pub match_text: &'a mut MatchText,
    /// Notes about pieces of the current submitted string.
    pub notes: &'a mut Vec<LabelNote>,
}

/// Turns pieces into ingredients, with buffers reused from piece to piece.
#[derive(Debug)]
pub(super) struct Emitter {
    /// The piece normalised for display, with the source offset of each byte.
    shown: MappedText,
    /// The cleaned name normalised for display, when it differs from the piece.
    name_shown: MappedText,
    /// The cleaned name of the piece.
    name: Vec<Located>,
    /// The aliases of the piece, one after another.
    alias_chars: Vec<Located>,
    /// Where each alias lies in `alias_chars`.
    alias_ends: Vec<(usize, usize)>,
    /// Room for the display form of a bracketed group.
    scratch: String,
    /// Room for the bracket pairs of a piece.
    brackets: Brackets,
}

impl Default for Emitter {
    fn default() -> Self {
        // Most pieces fit, so the buffers are rarely grown.
        const PIECE: usize = 64;
        let mapped = || MappedText {
            text: String::with_capacity(PIECE),
            origin: Vec::with_capacity(PIECE),
        };
        Self {
            shown: mapped(),
            name_shown: mapped(),
            name: Vec::with_capacity(PIECE),
            alias_chars: Vec::with_capacity(PIECE),
            alias_ends: Vec::with_capacity(4),
            scratch: String::with_capacity(PIECE),
            brackets: Brackets::default(),
        }
    }
}

impl Emitter {
    /// Cleans `seg` (a trimmed piece) into its name, its aliases (in
    /// `self.alias_chars`) and its concentration.
    ///
    /// The name is `seg[range]` when the piece needed no more than dropping a
    /// leading "and ", else it is written to `self.name` and the range is `None`.
    fn split_name(&mut self, seg: &[Located]) -> (Option<Range<usize>>, Option<String>) {
        self.alias_chars.clear();
        self.alias_ends.clear();
        let plain = !seg.iter().any(|&(c, _)| needs_cleaning(c));
        if plain {
            // No group, mark or percentage: the name is the piece, trimmed
            // again (a bullet can uncover more) and less a prose "and".
            let mut range = trim_range(seg);
            let cut = conjunction_len(&seg[range.clone()]);
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
                let noise = is_alias_noise(display_into(&self.alias_chars[from..], &mut self.scratch));
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
        let cut = conjunction_len(&self.name);
        if cut > 0 {
            self.name.drain(..cut);
            trim_in_place(&mut self.name);
        }
        self.brackets = brackets;
        (None, concentration)
    }

    /// Turns the pieces of one block into ingredients and notes.
    pub(super) fn emit(
        &mut self,
        submitted: &Submitted,
        item: usize,
        block: &Block,
        pieces: &[Piece],
        out: &mut Output,
    ) {
        let mut claim_until = 0;
        out.ingredients.reserve(pieces.len());
        for &piece in pieces {
            let seg = trimmed(&block.chars[piece.start..piece.end]);
            let (Some(first), Some(last)) = (seg.first(), seg.last()) else {
                continue;
            };
            let (start, end) = (first.1, last.1 + 1);
            let note = |kind| LabelNote { kind, item, start, end };
            if piece.start < claim_until {
                out.notes.push(note(NoteKind::IgnoredClaim));
                continue;
            }
            if is_footnote_mark(first.0) {
                out.notes.push(note(NoteKind::FootnoteLegend));
                continue;
            }
            if let Some(scope) = claim_scope(&mapped_display_into(seg, &mut self.shown).text) {
                if scope == ClaimScope::Sentence && opens_line(&block.chars, piece.start) {
                    claim_until = sentence_end(&block.chars, piece.start);
                }
                out.notes.push(note(NoteKind::IgnoredClaim));
                continue;
            }
            let (name_range, concentration) = self.split_name(seg);
            if concentration
                .as_deref()
                .is_some_and(|c| claim_scope(c) == Some(ClaimScope::Piece))
            {
                out.notes.push(note(NoteKind::IgnoredClaim));
                continue;
            }
            let mut aliases = self.alias_ends.as_slice();
            let name = match aliases.split_first() {
                Some((&(from, to), rest)) if self.name.is_empty() => {
                    aliases = rest;
                    &self.alias_chars[from..to]
                }
                _ => match name_range {
                    Some(range) => &seg[range],
                    None => &self.name,
                },
            };
            if name.is_empty() {
                continue;
            }
            if has_more_words(name, 10) {
                out.notes.push(note(NoteKind::UnparsedFragment));
                continue;
            }
            // The name only ever loses characters of `seg` (or gets one space
            // for a bracketed group), so the same length means the same text.
            let shown = if name.len() == seg.len() {
                &self.shown
            } else {
                mapped_display_into(name, &mut self.name_shown)
            };
            let index = out.ingredients.len();
            let name_range = out.names.push(name);
            let first_alias = out.names.aliases.len() as u32;
            for &(from, to) in aliases {
                let range = out.names.push(&self.alias_chars[from..to]);
                out.names.aliases.push(range);
            }
            let alias_ranges = first_alias..out.names.aliases.len() as u32;
            let alias_names = out.names.aliases[first_alias as usize..].iter();
            out.match_text.push_ingredient(
                index,
                out.names.get(name_range),
                Some(shown),
                alias_names.map(|&range| out.names.get(range)),
            );
            out.ingredients.push(LabelIngredient {
                item,
                position: index + 1,
                start,
                end,
                text: submitted.cut(start, end),
                name: name_range,
                normalised: shown.text.clone(),
                aliases: alias_ranges,
                section: block.section,
                step: block.step,
                may_contain: piece.may_contain,
                concentration,
            });
        }
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
