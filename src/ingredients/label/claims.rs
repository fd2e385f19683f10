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
    if display.is_empty() {
        None
    } else if words.sentence_claims.opens(display) {
        Some(ClaimScope::Sentence)
    } else if words.piece_claim_openings.opens(display)
        || words.piece_claim_endings.closes(display)
        || words.piece_claims.within(display)
    {
        Some(ClaimScope::Piece)
    } else {
        None
    }
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
