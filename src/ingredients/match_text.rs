//! [`MatchText`]: the text the matcher scans, written by the label parser.
//!
//! A leaf module: the parser writes a `MatchText` and the matcher reads one,
//! and neither needs the other for it.

use super::normalize::{HyphenMode, MappedText, normalize_chars, push_hyphens_as_spaces};

/// A character of the submitted text with its character offset.
pub type Located = (char, u32);

/// Where a run of [`MatchText`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First byte of the run in [`MatchText::text`].
    pub byte_start: usize,
    /// Index of the ingredient in the parsed list.
    pub ingredient: usize,
}

/// All ingredient names (and parenthesised aliases) of a submission, normalised
/// and joined by newlines, each byte mapped back to its original character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchText {
    /// Normalised text and its byte-to-character map.
    pub mapped: MappedText,
    /// Runs in byte order.
    pub segments: Vec<Segment>,
}

impl MatchText {
    /// Makes room for `bytes` more bytes of text.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.mapped.text.reserve(bytes);
        self.mapped.origin.reserve(bytes);
        // Names are rarely shorter than ten bytes.
        self.segments.reserve(bytes / 10);
    }

    /// Appends the runs of ingredient `index`: its name, each alias, and the
    /// name qualified by its aliases.
    ///
    /// `shown`, when given, is `name` already normalised with
    /// [`HyphenMode::Keep`]: the name's run is then rewritten from it instead
    /// of normalising `name` again.
    pub(crate) fn push_ingredient<'a>(
        &mut self,
        index: usize,
        name: &[Located],
        shown: Option<&MappedText>,
        aliases: impl Iterator<Item = &'a [Located]> + Clone,
    ) {
        let before = self.mapped.text.len();
        match shown {
            Some(shown) => push_hyphens_as_spaces(shown, &mut self.mapped),
            None => normalize_chars(name.iter().copied(), HyphenMode::AsSpace, &mut self.mapped),
        }
        self.end_run(index, before);
        let mut has_aliases = false;
        for alias in aliases.clone() {
            has_aliases = true;
            self.push_run(index, alias.iter().copied());
        }
        // The name qualified by its aliases: "Jojoba Esters (Beads)" is
        // also read as "jojoba esters beads". Where the name and an alias
        // meet, spaces collapse across the join, so this run is always
        // normalised from the characters.
        if has_aliases {
            let qualified = aliases.flat_map(|alias| {
                let space = (' ', alias.first().map_or(0, |c| c.1));
                std::iter::once(space).chain(alias.iter().copied())
            });
            self.push_run(index, name.iter().copied().chain(qualified));
        }
    }

    /// Appends one normalised run of ingredient `index`, ended by a newline.
    fn push_run(&mut self, index: usize, run: impl IntoIterator<Item = Located>) {
        let before = self.mapped.text.len();
        normalize_chars(run, HyphenMode::AsSpace, &mut self.mapped);
        self.end_run(index, before);
    }

    /// Ends the run of ingredient `index` written from byte `before` on, if
    /// it is not empty: records its segment and appends a newline.
    fn end_run(&mut self, index: usize, before: usize) {
        if self.mapped.text.len() > before {
            self.segments.push(Segment {
                byte_start: before,
                ingredient: index,
            });
            let last = self.mapped.origin.last().copied().unwrap_or(0);
            self.mapped.text.push('\n');
            self.mapped.origin.push(last);
        }
    }

    /// The ingredient whose run holds byte `at`.
    pub(crate) fn ingredient_at(&self, at: usize) -> usize {
        let index = self.segments.partition_point(|s| s.byte_start <= at);
        self.segments[index.saturating_sub(1)].ingredient
    }
}
