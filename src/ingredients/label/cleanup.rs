//! Turning the pieces of a block into ingredients and notes.

use super::claims::{ClaimScope, claim_scope, opens_line, sentence_end};
use super::lines::Block;
use super::name_split::{NameSplitter, is_footnote_mark, trimmed};
use super::segments::Piece;
use super::vocabulary::LabelVocabulary;
use super::{LabelIngredient, LabelNote, Located, Names, NoteKind, Submitted};
use crate::ingredients::match_text::MatchText;
use crate::ingredients::normalize::{HyphenMode, MappedText, normalize_chars};

/// The normalised display text of `chars`, with the source offset of every byte, written into `out`.
fn mapped_display_into<'a>(chars: &[Located], out: &'a mut MappedText) -> &'a MappedText {
    out.text.clear();
    out.origin.clear();
    normalize_chars(chars.iter().copied(), HyphenMode::Keep, out);
    out
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
    /// Splits each piece into its name, aliases and concentration.
    splitter: NameSplitter,
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
            splitter: NameSplitter::default(),
        }
    }
}

impl Emitter {
    /// Turns the pieces of one block into ingredients and notes.
    pub(super) fn emit(
        &mut self,
        words: &LabelVocabulary,
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
            if let Some(scope) = claim_scope(words, &mapped_display_into(seg, &mut self.shown).text) {
                if scope == ClaimScope::Sentence && opens_line(&block.chars, piece.start) {
                    claim_until = sentence_end(&block.chars, piece.start);
                }
                out.notes.push(note(NoteKind::IgnoredClaim));
                continue;
            }
            let (name_range, concentration) = self.splitter.split(words, seg);
            if concentration
                .as_deref()
                .is_some_and(|c| claim_scope(words, c) == Some(ClaimScope::Piece))
            {
                out.notes.push(note(NoteKind::IgnoredClaim));
                continue;
            }
            let split = &self.splitter;
            let mut aliases = split.alias_ends.as_slice();
            let name = match aliases.split_first() {
                Some((&(from, to), rest)) if split.name.is_empty() => {
                    aliases = rest;
                    &split.alias_chars[from..to]
                }
                _ => match name_range {
                    Some(range) => &seg[range],
                    None => &split.name,
                },
            };
            // A piece with no letter or digit ("-", "*", "()") names nothing: it is not an
            // ingredient that was read.
            if !name.iter().any(|(c, _)| c.is_alphanumeric()) {
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
                let range = out.names.push(&split.alias_chars[from..to]);
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
