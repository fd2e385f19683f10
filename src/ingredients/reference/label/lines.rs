//! Line-level structure of a label: headings, Drug Facts sections, kit steps.

use super::keywords::{HEADINGS, STEP_WORDS, STOPS};
use super::{LabelNote, ListSection, Located, NoteKind};
use crate::ingredients::reference::normalize::is_dash;

/// Marks a blank line inside a block: always separates ingredients.
pub(super) const HARD_BREAK: char = '\u{2029}';

/// Characters that show a block is a delimited list (so newlines are soft wraps).
const LIST_SEPARATORS: [char; 8] = [',', ';', '•', '·', '●', '▪', '|', '◆'];

/// A run of consecutive ingredient lines from one section.
pub(super) struct Block {
    /// The text, with `'\n'` between lines and [`HARD_BREAK`] for blank lines.
    pub chars: Vec<Located>,
    /// [`fold`] of each character of `chars`.
    pub lower: Vec<char>,
    /// The section the lines belong to.
    pub section: ListSection,
    /// The kit step, if any.
    pub step: Option<u32>,
    /// True when the block has no list separators, so each line is one entry.
    pub newline_separates: bool,
}

/// Case- and dash-folded copy of one character, index-aligned with the original.
#[inline]
pub(super) fn fold(c: char) -> char {
    if c.is_ascii() {
        return match c {
            '\t' | '\r' | '\x0B' | '\x0C' => ' ',
            _ => c.to_ascii_lowercase(),
        };
    }
    fold_non_ascii(c)
}

/// [`fold`] for a non-ASCII character.
fn fold_non_ascii(c: char) -> char {
    if is_dash(c) {
        '-'
    } else if c.is_whitespace() && c != '\n' && c != HARD_BREAK {
        ' '
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// True when `lower[at..]` starts with `word` followed by a non-letter.
pub(super) fn word_at(lower: &[char], at: usize, end: usize, word: &str) -> Option<usize> {
    let mut i = at;
    for w in word.chars() {
        if i >= end || lower[i] != w {
            return None;
        }
        i += 1;
    }
    let before_ok = at == 0 || !lower[at - 1].is_alphanumeric();
    let after_ok = i >= end || !lower[i].is_alphabetic();
    (before_ok && after_ok).then_some(i)
}

fn skip_spaces(lower: &[char], mut at: usize, end: usize) -> usize {
    while at < end && lower[at] == ' ' {
        at += 1;
    }
    at
}

fn skip_punctuation(lower: &[char], at: usize, end: usize) -> usize {
    let mut i = skip_spaces(lower, at, end);
    if i < end && matches!(lower[i], ':' | '-' | '.' | ')') {
        i += 1;
    }
    skip_spaces(lower, i, end)
}

/// Where a stop word opens the line, directly or after a short "Product - " prefix.
fn is_stop(lower: &[char], start: usize, end: usize) -> bool {
    let hit = |at: usize| STOPS.iter().any(|s| word_at(lower, at, end, s).is_some());
    if hit(start) {
        return true;
    }
    let limit = end.min(start + 42);
    (start..limit)
        .find(|&i| lower[i] == '-' && i + 1 < end && lower[i + 1] == ' ')
        .is_some_and(|i| hit(skip_spaces(lower, i + 1, end)))
}

/// An ingredient heading in the line: its section and where the list text starts.
///
/// The heading opens the line, follows a short "Product -" or "Product:" prefix,
/// or follows a short prefix and ends with a colon ("Normal eye shadow ingredients:").
fn heading_at(lower: &[char], start: usize, end: usize) -> Option<(ListSection, usize)> {
    let limit = end.min(start + 41);
    for at in start..limit {
        if matches!(lower[at], ',' | ';') {
            return None;
        }
        for (word, section) in HEADINGS {
            if let Some(mut after) = word_at(lower, at, end, word) {
                if lower[after..end].starts_with(&['(', 's', ')']) {
                    after += 3;
                }
                let prefix_end = lower[start..at].iter().rposition(|c| *c != ' ');
                let dashed = prefix_end.is_none_or(|p| matches!(lower[start + p], '-' | ':'));
                let colon = lower.get(skip_spaces(lower, after, end)) == Some(&':');
                if dashed || colon {
                    return Some((section, skip_punctuation(lower, after, end)));
                }
            }
        }
    }
    None
}

/// Skips spaces and one leading bullet ("• ", "- ").
fn skip_bullet(lower: &[char], start: usize, end: usize) -> usize {
    let at = skip_spaces(lower, start, end);
    let bullet = at < end && matches!(lower[at], '•' | '●' | '▪' | '◆' | '■' | '-');
    if bullet && at + 1 < end && lower[at + 1] == ' ' {
        skip_spaces(lower, at + 1, end)
    } else {
        at
    }
}

fn step_at(lower: &[char], start: usize, end: usize) -> Option<(u32, usize)> {
    let after = STEP_WORDS.iter().find_map(|w| word_at(lower, start, end, w))?;
    let digits_at = skip_spaces(lower, after, end);
    let digits_end = (digits_at..end).find(|&i| !lower[i].is_ascii_digit()).unwrap_or(end);
    let text: String = lower[digits_at..digits_end].iter().collect();
    let number = text.parse().ok()?;
    Some((number, skip_punctuation(lower, digits_end, end)))
}

/// In a Drug Facts active section, cuts the purpose column ("....Sunscreen").
fn purpose_cut(lower: &[char], start: usize, end: usize) -> usize {
    let mut seen_text = false;
    for i in start..end {
        let c = lower[i];
        let dots = c == '…' || (c == '.' && lower[i..end].starts_with(&['.', '.', '.']));
        let gap = seen_text && c == ' ' && i + 1 < end && matches!(lower[i + 1], ' ' | '\t');
        if dots || gap || c == '\t' || word_at(lower, i, end, "purpose").is_some() {
            return i;
        }
        seen_text |= c != ' ';
    }
    end
}

fn line_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        // CR LF (forms, Windows) is one break, not a line break plus an empty line.
        if *c == '\n' && i > 0 && chars[i - 1] == '\r' {
            start = i + 1;
            continue;
        }
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{85}') {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, chars.len()));
    out
}

struct Builder<'a> {
    chars: &'a [char],
    item: usize,
    current: Vec<Located>,
    current_lower: Vec<char>,
    section: ListSection,
    step: Option<u32>,
    out: Vec<Block>,
    ignored: Option<(usize, usize)>,
}

impl Builder<'_> {
    /// Appends one character (as written and folded) to the current block.
    fn push(&mut self, c: Located, lower: char) {
        self.current.push(c);
        self.current_lower.push(lower);
    }

    /// Removes the last character of the current block.
    fn pop(&mut self) {
        self.current.pop();
        self.current_lower.pop();
    }

    fn flush(&mut self) {
        while self.current.last().is_some_and(|(c, _)| *c == HARD_BREAK) {
            self.pop();
        }
        if !self.current.is_empty() {
            let chars = std::mem::take(&mut self.current);
            let lower = std::mem::take(&mut self.current_lower);
            let newline_separates = !chars.iter().any(|(c, _)| LIST_SEPARATORS.contains(c));
            let (section, step) = (self.section, self.step);
            self.out.push(Block {
                chars,
                lower,
                section,
                step,
                newline_separates,
            });
        }
    }

    fn ignore(&mut self, start: usize, end: usize) {
        self.ignored = match self.ignored {
            Some((s, _)) => Some((s, end)),
            None => Some((start, end)),
        };
    }

    fn close_ignored(&mut self, notes: &mut Vec<LabelNote>) {
        if let Some((start, end)) = self.ignored.take() {
            let (start, end) = (start as u32, end as u32);
            let kind = NoteKind::IgnoredSection;
            notes.push(LabelNote {
                kind,
                item: self.item,
                start,
                end,
            });
        }
    }

    fn append_line(&mut self, lower: &[char], start: usize, mut end: usize) {
        while end > start && lower[end - 1] == ' ' {
            end -= 1;
        }
        if start >= end {
            return;
        }
        let ends_hyphenated = self.current.last().is_some_and(|(c, _)| is_dash(*c));
        if ends_hyphenated {
            // A name broken across a line: "Salicy-/lic" loses the typesetting
            // hyphen, "Coco-/Glucoside" keeps its own.
            if self.chars[start].is_lowercase() {
                self.pop();
            }
        } else if !self.current.is_empty() {
            self.push(('\n', (start - 1) as u32), '\n');
        }
        let located = (start..end).map(|i| (self.chars[i], i as u32));
        self.current.extend(located);
        self.current_lower.extend_from_slice(&lower[start..end]);
    }
}

/// Splits one submitted string into blocks of ingredient text.
pub(super) fn blocks(chars: &[char], item: usize, notes: &mut Vec<LabelNote>) -> Vec<Block> {
    let lower: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    let lines = line_ranges(chars);
    let has_heading = lines.iter().any(|&(s, e)| {
        let s = skip_bullet(&lower, s, e);
        !is_stop(&lower, s, e) && heading_at(&lower, s, e).is_some()
    });
    let mut in_list = !has_heading;
    let mut b = Builder {
        chars,
        item,
        current: Vec::new(),
        current_lower: Vec::new(),
        section: ListSection::Ingredients,
        step: None,
        out: Vec::new(),
        ignored: None,
    };
    for (line_start, end) in lines {
        let mut start = skip_bullet(&lower, line_start, end);
        if start == end {
            if b.current.last().is_some_and(|(c, _)| *c != HARD_BREAK) {
                b.push((HARD_BREAK, line_start as u32), HARD_BREAK);
            }
            continue;
        }
        if let Some((number, rest)) = step_at(&lower, start, end) {
            b.flush();
            b.step = Some(number);
            start = rest;
        }
        if is_stop(&lower, start, end) {
            b.flush();
            in_list &= !has_heading;
            b.ignore(start, end);
            continue;
        }
        if let Some((section, rest)) = heading_at(&lower, start, end) {
            b.flush();
            b.close_ignored(notes);
            in_list = true;
            b.section = section;
            start = rest;
        }
        if !in_list {
            b.ignore(start, end);
            continue;
        }
        b.close_ignored(notes);
        let end = match b.section {
            ListSection::Active => purpose_cut(&lower, start, end),
            _ => end,
        };
        b.append_line(&lower, start, end);
    }
    b.flush();
    b.close_ignored(notes);
    b.out
}
