//! `IngredientList::parse`: turns submitted label text into ingredient entries.
//!
//! The parser works on characters paired with their offset in the submitted
//! string, so every entry and note keeps a span into what the caller sent.

mod cleanup;
mod keywords;
mod lines;
mod segments;

/// A character of the submitted text with its character offset.
pub(crate) type Located = (char, u32);

pub use crate::ingredients::label::{ListSection, NoteKind};

/// One ingredient as parsed from the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelIngredient {
    /// Index of the submitted string (0 when a single string was sent).
    pub item: usize,
    /// 1-based position in the whole submission.
    pub position: usize,
    /// Half-open character span of the entry in its submitted string.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
    /// The entry as written.
    pub text: String,
    /// The cleaned name: no parentheses, footnote marks or percentages.
    pub name: Vec<Located>,
    /// `name` normalised for display (hyphens kept).
    pub normalised: String,
    /// Names given in parentheses ("Aqua (Water)" gives "Water").
    pub aliases: Vec<Vec<Located>>,
    /// The label section it was listed in.
    pub section: ListSection,
    /// The kit step ("Step 2") it belongs to, if any.
    pub step: Option<u32>,
    /// True when listed only in a "may contain" / "+/-" clause.
    pub may_contain: bool,
    /// A stated concentration such as "2%".
    pub concentration: Option<String>,
}

/// A note about part of the submitted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelNote {
    /// What kind of note this is.
    pub kind: NoteKind,
    /// Index of the submitted string.
    pub item: usize,
    /// Half-open character span.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
}

/// The parsed ingredient list of one submission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngredientList {
    /// Ingredients in submission order.
    pub ingredients: Vec<LabelIngredient>,
    /// Notes about text that was not taken as an ingredient.
    pub notes: Vec<LabelNote>,
}

impl IngredientList {
    /// Parses one or more submitted strings (a label text, or one string per ingredient).
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Self {
        let chars: Vec<Vec<char>> = items.iter().map(|s| to_chars(s.as_ref())).collect();
        Self::parse_chars(&chars)
    }

    /// Parses submitted strings already split into characters.
    pub fn parse_chars(items: &[Vec<char>]) -> Self {
        let mut list = IngredientList::default();
        for (index, chars) in items.iter().enumerate() {
            for block in lines::blocks(chars, index, &mut list.notes) {
                let pieces = segments::split(&block);
                cleanup::emit(chars, index, &block, pieces, &mut list);
            }
        }
        list
    }
}

/// The characters of `text`, allocated once.
pub(crate) fn to_chars(text: &str) -> Vec<char> {
    if text.is_ascii() {
        // One byte per character: no UTF-8 decoding needed.
        return text.bytes().map(char::from).collect();
    }
    let mut chars = Vec::with_capacity(text.len());
    chars.extend(text.chars());
    chars
}

/// Text of `chars[start..end]` as a `String`.
pub(crate) fn slice(chars: &[char], start: u32, end: u32) -> String {
    let chars = &chars[start as usize..end as usize];
    if chars.iter().all(char::is_ascii) {
        // The common case: one byte per character, copied without UTF-8 encoding.
        let bytes: Vec<u8> = chars.iter().map(|&c| c as u8).collect();
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut out = String::with_capacity(chars.len());
    out.extend(chars);
    out
}
