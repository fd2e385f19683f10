//! Claims of absence ("free from parabens", "salicylic acid-free", "sin
//! parabenos"): they never count as presence.

use super::Located;
use super::folded::HARD_BREAK;
use super::keywords::{PIECE_CLAIMS, SENTENCE_CLAIMS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClaimScope {
    /// The claim covers its own piece ("salicylic acid-free").
    Piece,
    /// The claim covers the rest of its sentence ("Free from X, Y, Z").
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

pub(super) fn claim_scope(display: &str) -> Option<ClaimScope> {
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
pub(super) fn opens_line(chars: &[Located], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .find(|(c, _)| !matches!(c, ' ' | '-' | '•' | '\t'))
        .is_none_or(|(c, _)| matches!(*c, '\n' | '.' | HARD_BREAK))
}

pub(super) fn sentence_end(chars: &[Located], from: usize) -> usize {
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
