//! Claims of absence ("free from parabens", "salicylic acid-free", "sin
//! parabenos"): they never count as presence.

use super::Located;
use super::folded::HARD_BREAK;
use super::vocabulary::LabelVocabulary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClaimScope {
    /// The claim covers its own piece ("salicylic acid-free").
    Piece,
    /// The claim covers the rest of its sentence ("Free from X, Y, Z").
    Sentence,
}

/// The scope of the claim `display` (a piece's normalised text) makes, if it is one.
pub(super) fn claim_scope(words: &LabelVocabulary, display: &str) -> Option<ClaimScope> {
    let &first = display.as_bytes().first()?;
    let opens = |claims: &[String]| {
        claims
            .iter()
            .any(|c| c.as_bytes()[0] == first && display.starts_with(c.as_str()))
    };
    // Most pieces start with a byte no sentence claim starts with.
    if words.sentence_claim_first[usize::from(first)] && opens(&words.sentence_claims) {
        Some(ClaimScope::Sentence)
    } else if opens(&words.piece_claim_openings)
        || words.piece_claim_endings.iter().any(|e| display.ends_with(e.as_str()))
        || has_piece_claim(words, display)
    {
        Some(ClaimScope::Piece)
    } else {
        None
    }
}

/// True when `display` holds one of the piece claims: one pass over its bytes, where a byte no
/// claim starts with is ruled out by one look-up.
fn has_piece_claim(words: &LabelVocabulary, display: &str) -> bool {
    let bytes = display.as_bytes();
    let starts = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| words.piece_claim_first[usize::from(b)]);
    starts.map(|(i, _)| &bytes[i..]).any(|rest| {
        words
            .piece_claims
            .iter()
            .any(|claim| rest.starts_with(claim.as_bytes()))
    })
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
