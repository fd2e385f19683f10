//! `IngredientList::parse`: turns submitted label text into ingredient entries.
//!
//! The parser works on characters paired with their offset in the submitted
//! string, so every entry and note keeps a span into what the caller sent.

mod ascii_set;
mod claims;
mod cleanup;
pub(crate) mod folded;
pub(crate) mod gaps;
mod headings;
mod lines;
mod may_contain;
mod name_split;
mod percentage;
mod segments;
mod vocabulary;

use serde::Serialize;
use utoipa::ToSchema;

pub use super::match_text::Located;
use super::match_text::MatchText;
pub use vocabulary::{LabelVocabulary, VocabularyError};
pub(crate) use vocabulary::{Search, WordSet};

/// Which part of a label an ingredient was listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListSection {
    /// A plain ingredient list ("Ingredients:" or no heading at all).
    Ingredients,
    /// The active-ingredient part of a US "Drug Facts" panel.
    Active,
    /// The inactive-ingredient part of a "Drug Facts" panel.
    Inactive,
}

/// Why a piece of the submitted text produced a note instead of an ingredient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A claim of absence ("salicylic acid-free", "without parabens"): never counts as presence.
    IgnoredClaim,
    /// Text that does not read as an ingredient name (marketing prose, titles).
    UnparsedFragment,
    /// A footnote legend such as "*organic".
    FootnoteLegend,
    /// A label section that holds no ingredients (directions, warnings, purpose).
    IgnoredSection,
    /// An ingredient recognised as explicitly not restricted (e.g. ethylhexyl salicylate).
    NotRestricted,
}

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
    /// The cleaned name (no parentheses, footnote marks or percentages): a
    /// range of [`IngredientList::names`], read with [`IngredientList::name`].
    pub name: NameRange,
    /// `name` normalised for display (hyphens kept).
    pub normalised: String,
    /// Names given in parentheses ("Aqua (Water)" gives "Water"): a range of
    /// [`Names::aliases`], read with [`IngredientList::aliases`].
    pub aliases: std::ops::Range<u32>,
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

/// A half-open range of [`Names::chars`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameRange {
    /// First index.
    pub start: u32,
    /// End index (exclusive).
    pub end: u32,
}

/// The cleaned names and aliases of a list, in one buffer instead of one
/// allocation per name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Characters of every name and alias, each with its submitted offset.
    pub chars: Vec<Located>,
    /// Where each alias lies in `chars`.
    pub aliases: Vec<NameRange>,
}

impl Names {
    /// Appends `name`, returning where it lies.
    fn push(&mut self, name: &[Located]) -> NameRange {
        let start = self.chars.len() as u32;
        self.chars.extend_from_slice(name);
        NameRange {
            start,
            end: self.chars.len() as u32,
        }
    }

    /// The characters of `range`.
    fn get(&self, range: NameRange) -> &[Located] {
        &self.chars[range.start as usize..range.end as usize]
    }
}

/// The parsed ingredient list of one submission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngredientList {
    /// Ingredients in submission order.
    pub ingredients: Vec<LabelIngredient>,
    /// Notes about text that was not taken as an ingredient.
    pub notes: Vec<LabelNote>,
    /// The names and aliases the ingredients refer to.
    pub names: Names,
    /// The names normalised for matching, written while parsing (equal to
    /// what [`IngredientList::build_match_text`] writes from `names`).
    match_text: MatchText,
}

impl IngredientList {
    /// Parses one or more submitted strings (a label text, or one string per ingredient) with
    /// the words of `vocabulary`.
    pub fn parse<S: AsRef<str>>(vocabulary: &LabelVocabulary, items: &[S]) -> Self {
        let items: Vec<Submitted> = items.iter().map(|s| Submitted::new(s.as_ref())).collect();
        Self::parse_submitted(vocabulary, &items)
    }

    /// Parses submitted strings.
    pub(crate) fn parse_submitted(vocabulary: &LabelVocabulary, items: &[Submitted]) -> Self {
        let mut list = IngredientList::default();
        // Names and aliases are disjoint parts of the text, so they fit in its
        // length; their normalised runs (with the qualified names) nearly do.
        let chars: usize = items.iter().map(|s| s.chars.len()).sum();
        list.names.chars.reserve(chars);
        list.match_text.reserve(chars + chars / 4);
        let mut buffers = ParseBuffers::default();
        let ParseBuffers {
            lines,
            emitter,
            piece_notes,
            brackets,
            pieces,
        } = &mut buffers;
        piece_notes.clear();
        for (index, submitted) in items.iter().enumerate() {
            let mut out = cleanup::Output {
                ingredients: &mut list.ingredients,
                names: &mut list.names,
                match_text: &mut list.match_text,
                notes: piece_notes,
            };
            // Notes about ignored sections of a string come before those about its pieces.
            lines::blocks(vocabulary, &submitted.chars, index, &mut list.notes, lines, |block| {
                segments::split(vocabulary, block, brackets, pieces);
                emitter.emit(vocabulary, submitted, index, block, pieces, &mut out);
            });
            list.notes.append(piece_notes);
        }
        list
    }

    /// The cleaned name of `ingredient` (an entry of this list).
    pub fn name(&self, ingredient: &LabelIngredient) -> &[Located] {
        self.names.get(ingredient.name)
    }

    /// The aliases of `ingredient` (an entry of this list), in label order.
    pub fn aliases(&self, ingredient: &LabelIngredient) -> impl Iterator<Item = &[Located]> + Clone {
        let (start, end) = (ingredient.aliases.start as usize, ingredient.aliases.end as usize);
        self.names.aliases[start..end]
            .iter()
            .map(|&range| self.names.get(range))
    }

    /// Normalises the names of this list for matching again, from its names
    /// and aliases: the same text the parser wrote ([`IngredientList::match_text`]).
    pub fn build_match_text(&self) -> MatchText {
        let list = self;
        let mut out = MatchText::default();
        // Name, aliases and the qualified name, each with a newline (exact for ASCII).
        let capacity: usize = list
            .ingredients
            .iter()
            .map(|i| {
                let aliases: usize = list.aliases(i).map(|a| a.len() + 1).sum();
                2 * (list.name(i).len() + aliases + 1)
            })
            .sum();
        out.mapped.text.reserve(capacity);
        out.mapped.origin.reserve(capacity);
        out.segments.reserve(list.ingredients.len());
        for (index, ingredient) in list.ingredients.iter().enumerate() {
            out.push_ingredient(index, list.name(ingredient), None, list.aliases(ingredient));
        }
        out
    }

    /// The names normalised for matching, as [`IngredientList::build_match_text`] would write them.
    pub fn match_text(&self) -> &MatchText {
        &self.match_text
    }
}

/// Working buffers of one parse (block text, piece bounds, clean-up room),
/// reused from block to block.
#[derive(Debug)]
pub(crate) struct ParseBuffers {
    lines: lines::LineBuffers,
    emitter: cleanup::Emitter,
    piece_notes: Vec<LabelNote>,
    brackets: segments::Brackets,
    pieces: Vec<segments::Piece>,
}

impl Default for ParseBuffers {
    fn default() -> Self {
        Self {
            lines: lines::LineBuffers::default(),
            emitter: cleanup::Emitter::default(),
            piece_notes: Vec::new(),
            brackets: segments::Brackets::default(),
            // Room for the pieces of a typical block.
            pieces: Vec::with_capacity(32),
        }
    }
}

/// One submitted string and its characters: spans count characters, and
/// text is cut from the string.
pub(crate) struct Submitted<'a> {
    text: &'a str,
    chars: Vec<char>,
}

impl<'a> Submitted<'a> {
    /// Splits `text` into characters, once.
    pub(crate) fn new(text: &'a str) -> Self {
        let chars = if text.is_ascii() {
            // One byte per character: no UTF-8 decoding needed.
            text.bytes().map(char::from).collect()
        } else {
            text.chars().collect()
        };
        Self { text, chars }
    }

    /// The characters of the string.
    pub(crate) fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The text of characters `start..end`.
    pub(crate) fn cut(&self, start: u32, end: u32) -> String {
        let (start, end) = (start as usize, end as usize);
        if self.text.len() == self.chars.len() {
            // ASCII: character offsets are byte offsets.
            return self.text[start..end].to_owned();
        }
        self.chars[start..end].iter().collect()
    }
}

#[cfg(test)]
mod tests;
