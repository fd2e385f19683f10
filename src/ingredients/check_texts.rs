//! [`CheckTexts`]: every text of one check's answer (entries as written,
//! normalised names, concentrations, notes) in one buffer, each named by a
//! [`TextRange`], instead of one `String` per text.

/// A text of an [`IngredientCheck`](super::IngredientCheck): a byte range of
/// its [`CheckTexts`], read with [`IngredientCheck::text`](super::IngredientCheck::text).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    /// First byte.
    pub start: u32,
    /// End byte (exclusive).
    pub end: u32,
}

/// The texts of one check, one after another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckTexts(String);

impl CheckTexts {
    /// The text of `range` (a range this buffer gave out).
    pub fn get(&self, range: TextRange) -> &str {
        &self.0[range.start as usize..range.end as usize]
    }

    /// Every text, one after another (ranges given out are byte ranges of it).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends `text`, returning where it lies.
    pub(crate) fn push_str(&mut self, text: &str) -> TextRange {
        let start = self.len();
        self.0.push_str(text);
        self.since(start)
    }

    /// Appends `chars`, returning where they lie.
    pub(crate) fn push_chars(&mut self, chars: impl Iterator<Item = char>) -> TextRange {
        let start = self.len();
        self.0.extend(chars);
        self.since(start)
    }

    /// Appends one character.
    pub(crate) fn push(&mut self, c: char) {
        self.0.push(c);
    }

    /// The current length, where the next text starts.
    pub(crate) fn len(&self) -> u32 {
        self.0.len() as u32
    }

    /// The text written from `start` (an earlier [`CheckTexts::len`]) to the end.
    pub(crate) fn since(&self, start: u32) -> TextRange {
        TextRange { start, end: self.len() }
    }

    /// Drops the text from `start` on (a text that was written and then not used).
    pub(crate) fn truncate(&mut self, start: u32) {
        self.0.truncate(start as usize);
    }

    /// Makes room for `bytes` more bytes.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.0.reserve(bytes);
    }

    /// The bytes the buffer has room for.
    pub(crate) fn capacity(&self) -> usize {
        self.0.capacity()
    }

    /// Empties the buffer, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}
