//! Turning a piece into an ingredient: claims, footnotes, parentheses, percentages.

use super::keywords::{PIECE_CLAIMS, SENTENCE_CLAIMS};
use super::lines::{Block, HARD_BREAK};
use super::segments::{Piece, matching_brackets};
use super::{IngredientList, LabelIngredient, LabelNote, Located, NoteKind};
use crate::ingredients::normalize::{HyphenMode, MappedText, normalize_chars};

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
    let zero = ["0%", "0 %", "0.0%", "0,0%"].iter().any(|z| display.starts_with(z));
    if SENTENCE_CLAIMS.iter().any(|c| display.starts_with(c)) {
        Some(ClaimScope::Sentence)
    } else if zero || display.ends_with(" free") || PIECE_CLAIMS.iter().any(|c| display.contains(c)) {
        Some(ClaimScope::Piece)
    } else {
        None
    }
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

fn trimmed(chars: &[Located]) -> &[Located] {
    let start = chars.iter().position(|(c, _)| !is_trim(*c)).unwrap_or(chars.len());
    let end = chars.iter().rposition(|(c, _)| !is_trim(*c)).map_or(start, |e| e + 1);
    let mut slice = &chars[start..end.max(start)];
    while let [(b, _), (' ', _), rest @ ..] = slice {
        if !matches!(b, '-' | '–' | '>') {
            break;
        }
        slice = rest;
    }
    slice
}

fn display(chars: &[Located]) -> String {
    let mut out = MappedText::default();
    normalize_chars(chars.iter().copied(), HyphenMode::Keep, &mut out);
    out.text
}

/// Like [`display`], reusing `scratch` to avoid an allocation per piece.
fn display_into<'a>(chars: &[Located], scratch: &'a mut MappedText) -> &'a str {
    scratch.text.clear();
    scratch.origin.clear();
    normalize_chars(chars.iter().copied(), HyphenMode::Keep, scratch);
    &scratch.text
}

/// The cleaned name, its aliases and its concentration.
fn split_name(seg: &[Located]) -> (Vec<Located>, Vec<Vec<Located>>, Option<String>) {
    let has_brackets = seg.iter().any(|(c, _)| matches!(c, '(' | '[' | '{'));
    let brackets = if has_brackets {
        matching_brackets(seg)
    } else {
        Vec::new()
    };
    let (mut name, mut aliases, mut concentration) = (Vec::new(), Vec::new(), None);
    let mut i = 0;
    while i < seg.len() {
        if let Some(close) = brackets.get(i).copied().flatten() {
            let mut content = trimmed(&seg[i + 1..close]).to_vec();
            let shown = display(&content);
            if let Some(p) = take_percentage(&mut content) {
                concentration.get_or_insert(p);
            } else if !(shown == "nano" || shown.chars().all(|c| c.is_ascii_digit() || is_footnote_mark(c))) {
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
    let mut name = trimmed(&name).to_vec();
    // The last item of a prose list: "..., and sodium hydroxide".
    let lower: String = name.iter().take(4).map(|(c, _)| c.to_ascii_lowercase()).collect();
    if lower == "and " || lower.starts_with("& ") {
        let cut = if lower == "and " { 4 } else { 2 };
        name = trimmed(&name[cut..]).to_vec();
    }
    (name, aliases, concentration)
}

/// Turns the pieces of one block into ingredients and notes.
pub(super) fn emit(chars: &[char], item: usize, block: &Block, pieces: Vec<Piece>, list: &mut IngredientList) {
    let mut claim_until = 0;
    let mut scratch = MappedText::default();
    for piece in pieces {
        let seg = trimmed(&block.chars[piece.start..piece.end]);
        let (Some(first), Some(last)) = (seg.first(), seg.last()) else {
            continue;
        };
        let (start, end) = (first.1, last.1 + 1);
        let note = |kind| LabelNote { kind, item, start, end };
        let shown = display_into(seg, &mut scratch);
        if piece.start < claim_until {
            list.notes.push(note(NoteKind::IgnoredClaim));
            continue;
        }
        if is_footnote_mark(first.0) {
            list.notes.push(note(NoteKind::FootnoteLegend));
            continue;
        }
        if let Some(scope) = claim_scope(shown) {
            if scope == ClaimScope::Sentence && opens_line(&block.chars, piece.start) {
                claim_until = sentence_end(&block.chars, piece.start);
            }
            list.notes.push(note(NoteKind::IgnoredClaim));
            continue;
        }
        let (mut name, mut aliases, concentration) = split_name(seg);
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
        list.ingredients.push(LabelIngredient {
            item,
            position: list.ingredients.len() + 1,
            start,
            end,
            text: super::slice(chars, start, end),
            name,
            aliases,
            section: block.section,
            step: block.step,
            may_contain: piece.may_contain,
            concentration,
        });
    }
}
