//! [`LabelVocabulary`]: the words the label parser looks for (headings, section stops, kit steps,
//! "may contain" openings, claims of absence), read from a data file with a table per language.
//!
//! A label is read with the words of every language at once: the tables are merged into one list
//! per kind of word, longest first, so where one word extends another the longer one is tried
//! first, whatever the language.

mod error;
mod merge;
mod raw;
mod word_set;

use std::collections::BTreeMap;

pub use error::VocabularyError;

use super::ListSection;
use super::may_contain::MayContain;
use merge::Merged;
use raw::{Check, RawLanguage};
pub(crate) use word_set::{Search, WordSet};

/// Path of the embedded vocabulary file, as named in errors.
pub const EMBEDDED_FILE: &str = "src/content/ingredients/label_words.toml";

const EMBEDDED: &str = crate::content_layout::LABEL_WORDS.compiled_in;

/// Headings with the section each opens.
pub(super) type Headings = Vec<(String, ListSection)>;

/// The parser's words in every language, merged, with the look-up tables built from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelVocabulary {
    languages: Vec<String>,
    /// Headings that open an ingredient section, longest first.
    pub(super) headings: Headings,
    /// Line openings of a section without ingredients.
    pub(super) stops: Vec<String>,
    /// Words that open the purpose column of a Drug Facts active section.
    pub(super) purpose_column: Vec<String>,
    /// Words that open a kit step, longest first.
    pub(super) step_words: Vec<String>,
    /// Openings of a "may contain" clause, longest first.
    pub(super) may_contain: MayContain,
    /// Claims that open a sentence and cover all of it.
    pub(super) sentence_claims: WordSet,
    /// Claims found inside a single piece.
    pub(super) piece_claims: WordSet,
    /// Claims that end a piece.
    pub(super) piece_claim_endings: WordSet,
    /// Claims that open a piece.
    pub(super) piece_claim_openings: WordSet,
    /// Words that open the last item of a prose list.
    pub(super) conjunctions: Vec<String>,
    /// Bracketed texts that are no alias.
    pub(super) alias_noise: Vec<String>,
    /// Words that, earlier in the same sentence, make a name outside the list a claim or a
    /// warning rather than a listing ("alternative to", "do not use with").
    pub(crate) text_negations: Vec<String>,
    /// Words that, right after a name outside the list, make it a claim ("-free").
    pub(crate) text_negation_endings: Vec<String>,
    /// Line openings of a section that warns about other products (warnings, interactions):
    /// a name found in it outside the list never counts.
    pub(crate) warning_sections: Vec<String>,
}

impl LabelVocabulary {
    /// The vocabulary compiled into the binary.
    pub fn embedded() -> Result<Self, VocabularyError> {
        Self::from_toml(EMBEDDED_FILE, EMBEDDED)
    }

    /// Reads and validates a vocabulary file: `file_name` is only used to name it in errors.
    pub fn from_toml(file_name: &str, text: &str) -> Result<Self, VocabularyError> {
        let raw: BTreeMap<String, RawLanguage> = toml::from_str(text).map_err(|error| VocabularyError::Parse {
            file: file_name.to_owned(),
            message: error.message().to_owned(),
        })?;
        if raw.is_empty() {
            return Err(VocabularyError::NoLanguage {
                file: file_name.to_owned(),
            });
        }
        let mut merged = Merged::default();
        for (language, table) in &raw {
            let check = Check {
                file: file_name,
                language,
            };
            check.language_code()?;
            merged.add(&check, table)?;
        }
        merged.finish(file_name, raw.into_keys().collect())
    }

    /// Claims of absence that open a sentence (also read by the safety net).
    pub(crate) fn sentence_claims(&self) -> &[String] {
        self.sentence_claims.words()
    }

    /// Every heading and section stop: the folded words that open a section.
    pub(crate) fn section_openings(&self) -> Vec<String> {
        let headings = self.headings.iter().map(|(word, _)| word);
        headings.chain(&self.stops).cloned().collect()
    }

    /// Claims that open a piece ("0%").
    pub(crate) fn piece_claim_openings(&self) -> &[String] {
        self.piece_claim_openings.words()
    }

    /// The language codes of the file's tables (`xx`: signs of every language).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests;
