//! Splitting a block into ingredient pieces at separators outside parentheses.

use super::Located;
use super::ascii_set::{ascii_set, in_ascii_set};
use super::folded::{HARD_BREAK, prefix_len};
use super::lines::Block;
use super::vocabulary::LabelVocabulary;

/// Brackets, opening and closing.
static BRACKETS: [bool; 128] = ascii_set(b"()[]{}");

/// ASCII letters, digits and the space.
static PLAIN: [bool; 128] = ascii_set(b" 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

/// True for ASCII letters, digits and spaces: they neither split a block nor open a group.
#[inline]
fn is_plain(c: char) -> bool {
    in_ascii_set(&PLAIN, c)
}

/// One candidate ingredient: a range of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    /// First index in the block (after any "may contain" opening).
    pub start: usize,
    /// End index in the block (exclusive).
    pub end: usize,
    /// Listed in a "may contain" clause.
    pub may_contain: bool,
}

/// Matched bracket pairs `(open, close)` of a text, sorted by opening index.
#[derive(Debug, Default)]
pub(super) struct Brackets {
    pairs: Vec<(usize, usize)>,
    /// Open brackets while pairing: index and the closer wanted (kept for reuse).
    stack: Vec<(usize, char)>,
}

impl Brackets {
    /// Pairs each closer with the innermost open bracket of its kind; brackets
    /// opened after that one are left unmatched. Replaces the pairs found before.
    pub(super) fn find(&mut self, chars: &[Located]) {
        let Self { pairs, stack } = self;
        pairs.clear();
        stack.clear();
        for (i, &(c, _)) in chars.iter().enumerate() {
            if !in_ascii_set(&BRACKETS, c) {
                continue;
            }
            let closer = match c {
                '(' => ')',
                '[' => ']',
                '{' => '}',
                ')' | ']' | '}' => {
                    if let Some(depth) = stack.iter().rposition(|&(_, want)| want == c) {
                        pairs.push((stack[depth].0, i));
                        stack.truncate(depth);
                    }
                    continue;
                }
                _ => continue,
            };
            stack.push((i, closer));
        }
        pairs.sort_unstable();
    }

    /// Forgets the pairs found before, as for a text without brackets.
    pub(super) fn clear(&mut self) {
        self.pairs.clear();
    }

    /// The closer matching the bracket opened at `open` (a character of
    /// `chars`, the text these pairs were found in), if any.
    #[inline]
    pub(super) fn close_of(&self, chars: &[Located], open: usize) -> Option<usize> {
        if self.pairs.is_empty() || !matches!(chars[open].0, '(' | '[' | '{') {
            return None;
        }
        let index = self.pairs.binary_search_by_key(&open, |&(o, _)| o).ok()?;
        Some(self.pairs[index].1)
    }
}

/// Footnote legends ("*organic", "¹ certified") sit on their own line.
fn is_legend_mark(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '\u{2070}'..='\u{2079}')
}

/// True when a line starting at `at` opens with an absence claim ("Sin parabenos").
fn claim_follows(words: &LabelVocabulary, lower: &[char], at: usize) -> bool {
    let Some(start) = (at..lower.len()).find(|&i| lower[i] != ' ') else {
        return false;
    };
    words
        .sentence_claims
        .words()
        .iter()
        .any(|claim| prefix_len(lower, start, claim).is_some())
}

fn is_separator(
    words: &LabelVocabulary,
    chars: &[Located],
    lower: &[char],
    i: usize,
    piece_start: usize,
    newline_separates: bool,
) -> bool {
    let next = || lower.get(i + 1).copied();
    match lower[i] {
        ';' | '•' | '·' | '●' | '▪' | '◆' | '|' | HARD_BREAK => true,
        ',' => {
            let prev = i.checked_sub(1).map(|p| lower[p]);
            !(prev.is_some_and(|p| p.is_ascii_digit()) && next().is_some_and(|n| n.is_ascii_digit()))
        }
        '\n' => {
            let legend_next = lower[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| is_legend_mark(*c));
            let legend_here = lower[piece_start..i]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| is_legend_mark(*c));
            newline_separates || legend_next || legend_here || claim_follows(words, lower, i + 1)
        }
        '.' => match next() {
            None => true,
            Some(n) if n == ' ' || n == '\n' => {
                let after = chars[i + 1..].iter().find(|(c, _)| !c.is_whitespace());
                after.is_none_or(|(a, _)| !a.is_lowercase())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Splits a block into `pieces` (replacing what they held); separators inside
/// parentheses do not split, except inside a bracketed "may contain" clause
/// ("[+/- CI 77891, CI 77491]"). `brackets` is room for the block's pairs.
pub(super) fn split(words: &LabelVocabulary, block: &Block, brackets: &mut Brackets, pieces: &mut Vec<Piece>) {
    let chars = &block.chars;
    let lower = &block.lower;
    brackets.find(chars);
    pieces.clear();
    let mut start = 0;
    let mut rest_may_contain = false;
    let mut group_end: Option<usize> = None;
    let mut push = |start: usize, end: usize, in_group: bool, rest: &mut bool| {
        let mut piece = Piece {
            start,
            end,
            may_contain: *rest || in_group,
        };
        if let Some((keyword, content)) = words.may_contain.find(lower, start, end) {
            if lower[start..keyword].iter().any(|c| c.is_alphanumeric()) {
                pieces.push(Piece {
                    start,
                    end: keyword,
                    may_contain: piece.may_contain,
                });
            }
            piece.start = content;
            piece.may_contain = true;
            *rest |= !in_group;
        }
        pieces.push(piece);
    };
    let mut i = 0;
    while i < chars.len() {
        if group_end == Some(i) {
            push(start, i, true, &mut rest_may_contain);
            (start, group_end) = (i + 1, None);
        } else if !is_plain(lower[i]) {
            if let Some(close) = brackets.close_of(chars, i) {
                if group_end.is_none() && words.may_contain.at(lower, i + 1, close).is_some() {
                    push(start, i, false, &mut rest_may_contain);
                    (start, group_end) = (i + 1, Some(close));
                } else {
                    i = close;
                }
            } else if is_separator(words, chars, lower, i, start, block.newline_separates) {
                push(start, i, group_end.is_some(), &mut rest_may_contain);
                start = i + 1;
            }
        }
        i += 1;
    }
    push(start, chars.len(), group_end.is_some(), &mut rest_may_contain);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_ascii_letters_digits_and_the_space() {
        for c in (0..=0x2100).filter_map(char::from_u32) {
            assert_eq!(is_plain(c), c.is_ascii_alphanumeric() || c == ' ', "{c:?}");
        }
    }
}
