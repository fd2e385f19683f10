//! Splitting a block into ingredient pieces at separators outside parentheses.

use super::Located;
use super::keywords::SENTENCE_CLAIMS;
use super::lines::{Block, HARD_BREAK};

/// Openings of a "may contain" clause (folded to lower case, dashes as `-`).
const MAY_CONTAIN: [&str; 10] = [
    "may also contain",
    "may contain",
    "contains one or more of",
    "+/-",
    "[+/-",
    "±",
    "peut contenir",
    "puede contener",
    "kann enthalten",
    "pode conter",
];

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
pub(super) struct Brackets(Vec<(usize, usize)>);

impl Brackets {
    /// Pairs each closer with the innermost open bracket of its kind; brackets
    /// opened after that one are left unmatched.
    pub(super) fn of(chars: &[Located]) -> Self {
        let mut pairs = Vec::new();
        let mut stack: Vec<(usize, char)> = Vec::new();
        for (i, (c, _)) in chars.iter().enumerate() {
            let closer = match c {
                '(' => ')',
                '[' => ']',
                '{' => '}',
                _ if stack.is_empty() => continue,
                _ => {
                    if let Some(depth) = stack.iter().rposition(|(_, want)| want == c) {
                        pairs.push((stack[depth].0, i));
                        stack.truncate(depth);
                    }
                    continue;
                }
            };
            stack.push((i, closer));
        }
        pairs.sort_unstable();
        Self(pairs)
    }

    /// The closer matching the bracket opened at `open` (a character of
    /// `chars`, the text these pairs were found in), if any.
    #[inline]
    pub(super) fn close_of(&self, chars: &[Located], open: usize) -> Option<usize> {
        if self.0.is_empty() || !matches!(chars[open].0, '(' | '[' | '{') {
            return None;
        }
        let index = self.0.binary_search_by_key(&open, |&(o, _)| o).ok()?;
        Some(self.0[index].1)
    }
}

/// The length of `word` (in characters) when `lower[at..]` starts with it.
fn prefix_len(lower: &[char], at: usize, word: &str) -> Option<usize> {
    let mut len = 0;
    for w in word.chars() {
        if lower.get(at + len) != Some(&w) {
            return None;
        }
        len += 1;
    }
    Some(len)
}

/// End of a "may contain" opening at `at`, if one starts there.
fn may_contain_at(lower: &[char], at: usize, end: usize) -> Option<usize> {
    let at = (at..end).find(|&i| lower[i] != ' ')?;
    if !matches!(lower[at], 'm' | 'c' | '+' | '[' | '±' | 'p' | 'k') {
        return None;
    }
    MAY_CONTAIN.iter().find_map(|word| {
        prefix_len(lower, at, word).map(|len| {
            let mut i = at + len;
            while i < end && matches!(lower[i], ' ' | ':' | '(' | ')' | '+' | '/' | '-') {
                i += 1;
            }
            i
        })
    })
}

/// A "may contain" opening anywhere in `[start, end)`: (where it starts, where its content starts).
fn may_contain_in(lower: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    (start..end).find_map(|i| {
        // Cheap first-character test before the word-start and keyword checks.
        let opens = matches!(lower[i], 'm' | 'c' | '+' | '[' | '±' | 'p' | 'k');
        let at_word = opens && (i == start || !lower[i - 1].is_alphanumeric());
        if at_word {
            may_contain_at(lower, i, end).map(|content| (i, content))
        } else {
            None
        }
    })
}

/// Footnote legends ("*organic", "¹ certified") sit on their own line.
fn is_legend_mark(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '\u{2070}'..='\u{2079}')
}

/// True when a line starting at `at` opens with an absence claim ("Sin parabenos").
fn claim_follows(lower: &[char], at: usize) -> bool {
    let Some(start) = (at..lower.len()).find(|&i| lower[i] != ' ') else {
        return false;
    };
    SENTENCE_CLAIMS
        .iter()
        .any(|claim| prefix_len(lower, start, claim).is_some())
}

fn is_separator(chars: &[Located], lower: &[char], i: usize, piece_start: usize, newline_separates: bool) -> bool {
    let c = lower[i];
    let prev = i.checked_sub(1).map(|p| lower[p]);
    let next = lower.get(i + 1).copied();
    match c {
        ';' | '•' | '·' | '●' | '▪' | '◆' | '|' | HARD_BREAK => true,
        ',' => !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())),
        '\n' => {
            let legend_next = lower[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| is_legend_mark(*c));
            let legend_here = lower[piece_start..i]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| is_legend_mark(*c));
            newline_separates || legend_next || legend_here || claim_follows(lower, i + 1)
        }
        '.' => match next {
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

/// Splits a block into pieces; separators inside parentheses do not split,
/// except inside a bracketed "may contain" clause ("[+/- CI 77891, CI 77491]").
pub(super) fn split(block: &Block) -> Vec<Piece> {
    let chars = &block.chars;
    let lower = &block.lower;
    let brackets = Brackets::of(chars);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut rest_may_contain = false;
    let mut group_end: Option<usize> = None;
    let mut push = |start: usize, end: usize, in_group: bool, rest: &mut bool| {
        let mut piece = Piece {
            start,
            end,
            may_contain: *rest || in_group,
        };
        if let Some((keyword, content)) = may_contain_in(lower, start, end) {
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
        } else if let Some(close) = brackets.close_of(chars, i) {
            if group_end.is_none() && may_contain_at(lower, i + 1, close).is_some() {
                push(start, i, false, &mut rest_may_contain);
                (start, group_end) = (i + 1, Some(close));
            } else {
                i = close;
            }
        } else if is_separator(chars, lower, i, start, block.newline_separates) {
            push(start, i, group_end.is_some(), &mut rest_may_contain);
            start = i + 1;
        }
        i += 1;
    }
    push(start, chars.len(), group_end.is_some(), &mut rest_may_contain);
    pieces
}
