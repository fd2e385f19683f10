//! Turning a piece into an ingredient: claims, footnotes, parentheses, percentages.

use super::keywords::{PIECE_CLAIMS, SENTENCE_CLAIMS};
use super::lines::{Block, HARD_BREAK};
use super::segments::{Brackets, Piece};
use super::{IngredientList, LabelIngredient, LabelNote, Located, NoteKind};
use crate::ingredients::reference::normalize::{HyphenMode, normalize_chars};

/// Footnote marks that are dropped from names.
fn is_footnote_mark(c: char) -> bool {
    matches!(
        c,
        '*' | '†' | '‡' | '§' | '^' | '¹' | '²' | '³' | '\u{2070}'..='\u{2079}'
    )
}

fn is_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | ':' | HARD_BREAK)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClaimScope {
    Piece,
    Sentence,
}

fn claim_scope(display: &str) -> Option<ClaimScope> {
    let &first = display.as_bytes().first()?;
    let opens = |claims: &[&str]| {
        claims
            .iter()
            .any(|c| c.as_bytes()[0] == first && display.starts_with(c))
    };
    if opens(&SENTENCE_CLAIMS) {
        Some(ClaimScope::Sentence)
    } else if opens(&["0%", "0 %", "0.0%", "0,0%"]) || display.ends_with(" free") || has_piece_claim(display) {
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

/// Removes a percentage ("10%", "2.5 % w/w") from `name`, returning its text.
fn take_percentage(name: &mut Vec<Located>) -> Option<String> {
    if !name.iter().any(|(c, _)| *c == '%') {
        return None;
    }
    let text: Vec<char> = name.iter().map(|(c, _)| c.to_ascii_lowercase()).collect();
    for i in 0..text.len() {
        let at_word = i == 0 || !text[i - 1].is_alphanumeric();
        if !at_word || !text[i].is_ascii_digit() {
            continue;
        }
        let mut j = i;
        while j < text.len() && (text[j].is_ascii_digit() || matches!(text[j], '.' | ',')) {
            j += 1;
        }
        while j < text.len() && text[j] == ' ' {
            j += 1;
        }
        if text.get(j) != Some(&'%') {
            continue;
        }
        let mut end = j + 1;
        let rest: String = text[end..].iter().collect();
        for unit in [" w/w", " w/v", " v/v", "w/w", "w/v", "v/v"] {
            if rest.starts_with(unit) {
                end += unit.len();
                break;
            }
        }
        let taken: String = name.drain(i..end).map(|(c, _)| c).collect();
        return Some(taken.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    None
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

/// True for bracket content that is no alias: "nano", digits or footnote marks.
fn is_alias_noise(shown: &str) -> bool {
    shown == "nano" || shown.chars().all(|c| c.is_ascii_digit() || is_footnote_mark(c))
}

/// Length of a leading "and " / "& " that ends a prose list, if any.
fn conjunction_len(name: &[Located]) -> usize {
    let lower = |i: usize| name.get(i).map(|(c, _)| c.to_ascii_lowercase());
    if [lower(0), lower(1), lower(2), lower(3)] == [Some('a'), Some('n'), Some('d'), Some(' ')] {
        4
    } else if [lower(0), lower(1)] == [Some('&'), Some(' ')] {
        2
    } else {
        0
    }
}

/// The cleaned name, its aliases and its concentration.
fn split_name(seg: &[Located], scratch: &mut String) -> (Vec<Located>, Vec<Vec<Located>>, Option<String>) {
    let has_brackets = seg.iter().any(|(c, _)| matches!(c, '(' | '[' | '{'));
    let brackets = if has_brackets {
        Brackets::of(seg)
    } else {
        Brackets::default()
    };
    let (mut name, mut aliases, mut concentration) = (Vec::with_capacity(seg.len()), Vec::new(), None);
    let mut i = 0;
    while i < seg.len() {
        if let Some(close) = brackets.close_of(seg, i) {
            let mut content = trimmed(&seg[i + 1..close]).to_vec();
            let noise = is_alias_noise(display_into(&content, scratch));
            if let Some(p) = take_percentage(&mut content) {
                concentration.get_or_insert(p);
            } else if !noise {
                aliases.push(content);
            }
            name.push((' ', seg[i].1));
            i = close + 1;
            continue;
        }
        if !is_footnote_mark(seg[i].0) {
            name.push(seg[i]);
        }
        i += 1;
    }
    if let Some(p) = take_percentage(&mut name) {
        concentration.get_or_insert(p);
    }
    trim_in_place(&mut name);
    // The last item of a prose list: "..., and sodium hydroxide".
    let cut = conjunction_len(&name);
    if cut > 0 {
        name.drain(..cut);
        trim_in_place(&mut name);
    }
    (name, aliases, concentration)
}

/// The display form of `name`, a cleaned copy of `seg` whose display form is `shown`.
///
/// The name only ever loses characters of `seg` (or gets one space for a
/// bracketed group), so the same length means the same text.
fn normalised_name(seg: &[Located], name: &[Located], shown: &str) -> String {
    if name.len() == seg.len() {
        return shown.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    normalize_chars(name.iter().copied(), HyphenMode::Keep, &mut out);
    out
}

/// Turns the pieces of one block into ingredients and notes.
pub(super) fn emit(chars: &[char], item: usize, block: &Block, pieces: Vec<Piece>, list: &mut IngredientList) {
    let mut claim_until = 0;
    let (mut shown, mut scratch) = (String::new(), String::new());
    list.ingredients.reserve(pieces.len());
    for piece in pieces {
        let seg = trimmed(&block.chars[piece.start..piece.end]);
        let (Some(first), Some(last)) = (seg.first(), seg.last()) else {
            continue;
        };
        let (start, end) = (first.1, last.1 + 1);
        let note = |kind| LabelNote { kind, item, start, end };
        if piece.start < claim_until {
            list.notes.push(note(NoteKind::IgnoredClaim));
            continue;
        }
        if is_footnote_mark(first.0) {
            list.notes.push(note(NoteKind::FootnoteLegend));
            continue;
        }
        if let Some(scope) = claim_scope(display_into(seg, &mut shown)) {
            if scope == ClaimScope::Sentence && opens_line(&block.chars, piece.start) {
                claim_until = sentence_end(&block.chars, piece.start);
            }
            list.notes.push(note(NoteKind::IgnoredClaim));
            continue;
        }
        let (mut name, mut aliases, concentration) = split_name(seg, &mut scratch);
        if concentration
            .as_deref()
            .is_some_and(|c| claim_scope(c) == Some(ClaimScope::Piece))
        {
            list.notes.push(note(NoteKind::IgnoredClaim));
            continue;
        }
        if name.is_empty() && !aliases.is_empty() {
            name = aliases.remove(0);
        }
        if name.is_empty() {
            continue;
        }
        let words = name
            .iter()
            .zip(name.iter().skip(1))
            .filter(|((a, _), (b, _))| a.is_whitespace() && !b.is_whitespace())
            .count()
            + 1;
        if words > 10 {
            list.notes.push(note(NoteKind::UnparsedFragment));
            continue;
        }
        let normalised = normalised_name(seg, &name, &shown);
        list.ingredients.push(LabelIngredient {
            item,
            position: list.ingredients.len() + 1,
            start,
            end,
            text: super::slice(chars, start, end),
            name,
            normalised,
            aliases,
            section: block.section,
            step: block.step,
            may_contain: piece.may_contain,
            concentration,
        });
    }
}
