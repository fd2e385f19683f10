//! [`LabelVocabulary`]: the words the label parser looks for (headings, section stops, kit steps,
//! "may contain" openings, claims of absence), read from a data file with a table per language.
//!
//! A label is read with the words of every language at once: the tables are merged into one list
//! per kind of word, longest first, so where one word extends another the longer one is tried
//! first, whatever the language.

mod error;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use error::VocabularyError;

use super::ListSection;
use super::folded::fold;
use super::may_contain::MayContain;
use crate::ingredients::normalize::{HyphenMode, normalize_str};

/// Path of the embedded vocabulary file, as named in errors.
pub const EMBEDDED_FILE: &str = "src/content/ingredients/label_words.toml";

const EMBEDDED: &str = include_str!("../../content/ingredients/label_words.toml");

/// One language's table as written in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    headings: RawHeadings,
    #[serde(default)]
    stops: Vec<String>,
    #[serde(default)]
    purpose_column: Vec<String>,
    #[serde(default)]
    step_words: Vec<String>,
    #[serde(default)]
    may_contain: Vec<String>,
    #[serde(default)]
    sentence_claims: Vec<String>,
    #[serde(default)]
    piece_claims: Vec<String>,
    #[serde(default)]
    piece_claim_endings: Vec<String>,
    #[serde(default)]
    piece_claim_openings: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
    #[serde(default)]
    alias_noise: Vec<String>,
}

/// The headings of one language, by the section they open.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeadings {
    #[serde(default)]
    ingredients: Vec<String>,
    #[serde(default)]
    active: Vec<String>,
    #[serde(default)]
    inactive: Vec<String>,
}

/// How the parser compares a kind of word, which decides the form it must be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Against the folded label text (lower case, one dash, one kind of space).
    Folded,
    /// Against the normalised text (also without accents); a space at either end is part of it.
    Normalised,
}

/// Headings with the section each opens.
pub(super) type Headings = Vec<(String, ListSection)>;

/// The parser's words in every language, merged, with the look-up tables built from them.
#[derive(Debug, Clone)]
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
    pub(super) sentence_claims: Vec<String>,
    /// For each byte, true when one of `sentence_claims` starts with it.
    pub(super) sentence_claim_first: [bool; 256],
    /// Claims found inside a single piece.
    pub(super) piece_claims: Vec<String>,
    /// Claims that end a piece.
    pub(super) piece_claim_endings: Vec<String>,
    /// Claims that open a piece.
    pub(super) piece_claim_openings: Vec<String>,
    /// Words that open the last item of a prose list.
    pub(super) conjunctions: Vec<String>,
    /// Bracketed texts that are no alias.
    pub(super) alias_noise: Vec<String>,
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
        Ok(merged.finish(raw.into_keys().collect()))
    }

    /// The language codes of the file's tables (`xx`: signs of every language).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(String::as_str)
    }
}

/// Checks the words of one language table.
struct Check<'a> {
    file: &'a str,
    language: &'a str,
}

impl Check<'_> {
    fn error(&self, list: &str, word: &str, problem: &'static str) -> VocabularyError {
        VocabularyError::Word {
            file: self.file.to_owned(),
            language: self.language.to_owned(),
            list: list.to_owned(),
            word: word.to_owned(),
            problem,
        }
    }

    /// A table is named by a two- or three-letter lower-case language code.
    fn language_code(&self) -> Result<(), VocabularyError> {
        let code = self.language;
        if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(())
        } else {
            Err(VocabularyError::LanguageCode {
                file: self.file.to_owned(),
                language: code.to_owned(),
            })
        }
    }

    /// Checks that `words` (the list `list`) are written in `form` and listed once.
    fn words<'w>(&self, list: &str, words: &'w [String], form: Form) -> Result<&'w [String], VocabularyError> {
        for (index, word) in words.iter().enumerate() {
            let inner = match form {
                Form::Folded => word.as_str(),
                Form::Normalised => trim_one_space(word),
            };
            if inner.is_empty() {
                return Err(self.error(list, word, "is empty"));
            }
            let written_as_compared = !inner.chars().any(char::is_control)
                && match form {
                    Form::Folded => inner.chars().map(fold).eq(inner.chars()),
                    Form::Normalised => normalize_str(inner, HyphenMode::Keep) == inner,
                };
            let single_spaces = !inner.starts_with(' ') && !inner.ends_with(' ') && !inner.contains("  ");
            if !written_as_compared || !single_spaces {
                return Err(self.error(
                    list,
                    word,
                    match form {
                        Form::Folded => "must be lower case, with `-` for dashes and single spaces",
                        Form::Normalised => "must be normalised: lower case, no accents, `-` for dashes, single spaces",
                    },
                ));
            }
            if words[..index].contains(word) {
                return Err(self.error(list, word, "is listed twice"));
            }
        }
        Ok(words)
    }
}

/// `word` less at most one space at each end.
fn trim_one_space(word: &str) -> &str {
    let word = word.strip_prefix(' ').unwrap_or(word);
    word.strip_suffix(' ').unwrap_or(word)
}

/// The words of every table read so far.
#[derive(Default)]
struct Merged {
    /// Headings with their section and the language that named them first.
    headings: BTreeMap<String, (ListSection, String)>,
    stops: Vec<String>,
    purpose_column: Vec<String>,
    step_words: Vec<String>,
    may_contain: Vec<String>,
    sentence_claims: Vec<String>,
    piece_claims: Vec<String>,
    piece_claim_endings: Vec<String>,
    piece_claim_openings: Vec<String>,
    conjunctions: Vec<String>,
    alias_noise: Vec<String>,
}

impl Merged {
    fn add(&mut self, check: &Check, table: &RawLanguage) -> Result<(), VocabularyError> {
        let lists: [(&str, &[String], Form, &mut Vec<String>); 10] = [
            ("stops", &table.stops, Form::Folded, &mut self.stops),
            (
                "purpose_column",
                &table.purpose_column,
                Form::Folded,
                &mut self.purpose_column,
            ),
            ("step_words", &table.step_words, Form::Folded, &mut self.step_words),
            ("may_contain", &table.may_contain, Form::Folded, &mut self.may_contain),
            (
                "sentence_claims",
                &table.sentence_claims,
                Form::Normalised,
                &mut self.sentence_claims,
            ),
            (
                "piece_claims",
                &table.piece_claims,
                Form::Normalised,
                &mut self.piece_claims,
            ),
            (
                "piece_claim_endings",
                &table.piece_claim_endings,
                Form::Normalised,
                &mut self.piece_claim_endings,
            ),
            (
                "piece_claim_openings",
                &table.piece_claim_openings,
                Form::Normalised,
                &mut self.piece_claim_openings,
            ),
            (
                "conjunctions",
                &table.conjunctions,
                Form::Folded,
                &mut self.conjunctions,
            ),
            (
                "alias_noise",
                &table.alias_noise,
                Form::Normalised,
                &mut self.alias_noise,
            ),
        ];
        let mut any = false;
        for (list, words, form, into) in lists {
            any |= !words.is_empty();
            into.extend(check.words(list, words, form)?.iter().cloned());
        }
        let headings = [
            (
                "headings.ingredients",
                &table.headings.ingredients,
                ListSection::Ingredients,
            ),
            ("headings.active", &table.headings.active, ListSection::Active),
            ("headings.inactive", &table.headings.inactive, ListSection::Inactive),
        ];
        let mut seen: Vec<&String> = Vec::new();
        for (list, words, section) in headings {
            any |= !words.is_empty();
            for word in check.words(list, words, Form::Folded)? {
                if seen.contains(&word) {
                    return Err(check.error(list, word, "opens two sections"));
                }
                seen.push(word);
                let (known, by) = self
                    .headings
                    .entry(word.clone())
                    .or_insert_with(|| (section, check.language.to_owned()));
                if *known != section {
                    return Err(VocabularyError::HeadingSections {
                        file: check.file.to_owned(),
                        word: word.clone(),
                        languages: [by.clone(), check.language.to_owned()],
                    });
                }
            }
        }
        if any {
            Ok(())
        } else {
            Err(VocabularyError::EmptyLanguage {
                file: check.file.to_owned(),
                language: check.language.to_owned(),
            })
        }
    }

    fn finish(self, languages: Vec<String>) -> LabelVocabulary {
        let mut headings: Headings = self
            .headings
            .into_iter()
            .map(|(word, (section, _))| (word, section))
            .collect();
        headings.sort_by_key(|(word, _)| std::cmp::Reverse(word.chars().count()));
        let sentence_claims = distinct(self.sentence_claims);
        let mut sentence_claim_first = [false; 256];
        for claim in &sentence_claims {
            sentence_claim_first[usize::from(claim.as_bytes()[0])] = true;
        }
        LabelVocabulary {
            languages,
            headings,
            stops: distinct(self.stops),
            purpose_column: distinct(self.purpose_column),
            step_words: longest_first(self.step_words),
            may_contain: MayContain::new(longest_first(self.may_contain)),
            sentence_claims,
            sentence_claim_first,
            piece_claims: distinct(self.piece_claims),
            piece_claim_endings: distinct(self.piece_claim_endings),
            piece_claim_openings: distinct(self.piece_claim_openings),
            conjunctions: distinct(self.conjunctions),
            alias_noise: distinct(self.alias_noise),
        }
    }
}

/// `words` without a word two languages share, in file order.
fn distinct(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// [`distinct`] words, longest first (in characters), so a word is tried before any it extends.
fn longest_first(words: Vec<String>) -> Vec<String> {
    let mut words = distinct(words);
    words.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
    words
}

#[cfg(test)]
mod tests;
