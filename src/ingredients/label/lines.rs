//! Line-level structure of a label: headings, Drug Facts sections, kit steps.

use super::folded::{HARD_BREAK, fold};
use super::headings::{heading_at, is_stop, purpose_cut, skip_bullet, step_at};
use super::vocabulary::LabelVocabulary;
use super::{LabelNote, ListSection, Located, NoteKind};
use crate::ingredients::normalize::is_dash;

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

fn line_ranges(chars: &[char], out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        // Most characters are past CR and below NEL: one comparison each.
        let maybe_break = c <= '\r' || c >= '\u{85}';
        if !(maybe_break && matches!(c, '\n' | '\r' | '\u{2028}' | '\u{85}')) {
            continue;
        }
        // CR LF (forms, Windows) is one break, not a line break plus an empty line.
        if c == '\n' && i > 0 && chars[i - 1] == '\r' {
            start = i + 1;
            continue;
        }
        out.push((start, i));
        start = i + 1;
    }
    out.push((start, chars.len()));
}

/// Working buffers of [`blocks`], kept from one call to the next so a parse
/// does not allocate them again.
#[derive(Debug, Default)]
pub(super) struct LineBuffers {
    /// [`fold`] of each submitted character.
    lower: Vec<char>,
    /// Line ranges of the submitted string.
    lines: Vec<(usize, usize)>,
    /// The block being built, lent to [`Builder`].
    current: Vec<Located>,
    /// [`fold`] of each character of `current`.
    current_lower: Vec<char>,
}

struct Builder<'a, F> {
    chars: &'a [char],
    item: usize,
    current: Vec<Located>,
    current_lower: Vec<char>,
    /// Room reserved for a block: the whole submitted string, so lines are appended without growing.
    section: ListSection,
    step: Option<u32>,
    /// Called with each finished block.
    out: F,
    ignored: Option<(usize, usize)>,
}

impl<F: FnMut(&Block)> Builder<'_, F> {
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
            // The buffers are lent to the block and taken back, to be reused by the next one.
            let chars = std::mem::take(&mut self.current);
            let lower = std::mem::take(&mut self.current_lower);
            let newline_separates = !chars.iter().any(|(c, _)| LIST_SEPARATORS.contains(c));
            let block = Block {
                chars,
                lower,
                section: self.section,
                step: self.step,
                newline_separates,
            };
            (self.out)(&block);
            (self.current, self.current_lower) = (block.chars, block.lower);
            self.current.clear();
            self.current_lower.clear();
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
        let located = self.chars[start..end].iter().zip(start as u32..).map(|(&c, i)| (c, i));
        self.current.extend(located);
        self.current_lower.extend_from_slice(&lower[start..end]);
    }
}

/// Splits one submitted string into blocks of ingredient text, handing each
/// to `on_block` as it is finished; notes about ignored sections go to `notes`.
pub(super) fn blocks(
    words: &LabelVocabulary,
    chars: &[char],
    item: usize,
    notes: &mut Vec<LabelNote>,
    buffers: &mut LineBuffers,
    on_block: impl FnMut(&Block),
) {
    let LineBuffers {
        lower,
        lines,
        current,
        current_lower,
    } = buffers;
    lower.clear();
    lower.extend(chars.iter().map(|c| fold(*c)));
    let lower = &lower[..];
    line_ranges(chars, lines);
    let has_heading = lines.iter().any(|&(s, e)| {
        let s = skip_bullet(lower, s, e);
        !is_stop(words, lower, s, e) && heading_at(words, lower, s, e).is_some()
    });
    let mut in_list = !has_heading;
    let mut b = Builder {
        chars,
        item,
        current: std::mem::take(current),
        current_lower: std::mem::take(current_lower),
        section: ListSection::Ingredients,
        step: None,
        out: on_block,
        ignored: None,
    };
    b.current.clear();
    b.current_lower.clear();
    b.current.reserve(chars.len());
    b.current_lower.reserve(chars.len());
    for &(line_start, end) in lines.iter() {
        let mut start = skip_bullet(lower, line_start, end);
        if start == end {
            if b.current.last().is_some_and(|(c, _)| *c != HARD_BREAK) {
                b.push((HARD_BREAK, line_start as u32), HARD_BREAK);
            }
            continue;
        }
        if let Some((number, rest)) = step_at(words, lower, start, end) {
            b.flush();
            b.step = Some(number);
            start = rest;
        }
        if is_stop(words, lower, start, end) {
            b.flush();
            in_list &= !has_heading;
            b.ignore(start, end);
            continue;
        }
        if let Some((section, rest)) = heading_at(words, lower, start, end) {
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
            ListSection::Active => purpose_cut(words, lower, start, end),
            _ => end,
        };
        b.append_line(lower, start, end);
    }
    b.flush();
    b.close_ignored(notes);
    (*current, *current_lower) = (b.current, b.current_lower);
}
