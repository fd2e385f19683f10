//! The vocabulary file as written, and the checks of its words.

use serde::Deserialize;

use super::VocabularyError;
use crate::ingredients::label::folded::fold;
use crate::ingredients::normalize::{HyphenMode, latin_look_alike, normalize_str};

/// One language's table as written in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawLanguage {
    pub(super) headings: RawHeadings,
    pub(super) stops: Vec<String>,
    pub(super) purpose_column: Vec<String>,
    pub(super) step_words: Vec<String>,
    pub(super) may_contain: Vec<String>,
    pub(super) sentence_claims: Vec<String>,
    pub(super) piece_claims: Vec<String>,
    pub(super) piece_claim_endings: Vec<String>,
    pub(super) piece_claim_openings: Vec<String>,
    pub(super) conjunctions: Vec<String>,
    pub(super) alias_noise: Vec<String>,
    pub(super) text_negations: Vec<String>,
    pub(super) text_negation_endings: Vec<String>,
    pub(super) warning_sections: Vec<String>,
}

/// The headings of one language, by the section they open.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawHeadings {
    pub(super) ingredients: Vec<String>,
    pub(super) active: Vec<String>,
    pub(super) inactive: Vec<String>,
}

/// How the parser compares a kind of word, which decides the form it must be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// Against the folded label text (lower case, one dash, one kind of space).
    Folded,
    /// Against the normalised text (also without accents); a space at either end is part of it.
    Normalised,
}

/// Checks the words of one language table.
pub(super) struct Check<'a> {
    /// The file, as named in errors.
    pub(super) file: &'a str,
    /// The table's language code.
    pub(super) language: &'a str,
}

impl Check<'_> {
    pub(super) fn error(&self, list: &str, word: &str, problem: &'static str) -> VocabularyError {
        VocabularyError::Word {
            file: self.file.to_owned(),
            language: self.language.to_owned(),
            list: list.to_owned(),
            word: word.to_owned(),
            problem,
        }
    }

    /// A table is named by a two- or three-letter lower-case language code.
    pub(super) fn language_code(&self) -> Result<(), VocabularyError> {
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
    pub(super) fn words<'w>(
        &self,
        list: &str,
        words: &'w [String],
        form: Form,
    ) -> Result<&'w [String], VocabularyError> {
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
                    Form::Normalised => normalize_str(inner, HyphenMode::Keep) == script_forms(inner),
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

/// `word` as the normaliser writes its scripts, which a word is not asked to be written in: Hangul
/// syllables as jamo, Cyrillic and Greek look-alikes of Latin letters as the Latin letter.
fn script_forms(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            unicode_normalization::char::decompose_canonical(c, |d| out.push(d));
        } else {
            out.push(latin_look_alike(c).unwrap_or(c));
        }
    }
    out
}

/// `word` as it is compared: a normalised word in the normaliser's output (with the spaces at its
/// ends kept), a folded one as written.
pub(super) fn compared_form(word: &str, form: Form) -> String {
    match form {
        Form::Folded => word.to_owned(),
        Form::Normalised => {
            let inner = normalize_str(trim_one_space(word), HyphenMode::Keep);
            let lead = if word.starts_with(' ') { " " } else { "" };
            let trail = if word.len() > 1 && word.ends_with(' ') { " " } else { "" };
            format!("{lead}{inner}{trail}")
        }
    }
}

/// `word` less at most one space at each end.
fn trim_one_space(word: &str) -> &str {
    let word = word.strip_prefix(' ').unwrap_or(word);
    word.strip_suffix(' ').unwrap_or(word)
}
