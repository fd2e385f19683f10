//! Merging the language tables into one list per kind of word.

use std::collections::BTreeMap;

use super::raw::{Check, Form, RawLanguage, compared_form};
use super::{Headings, LabelVocabulary, Search, VocabularyError, WordSet};
use crate::ingredients::label::ListSection;
use crate::ingredients::label::may_contain::MayContain;

/// The words of every table read so far.
#[derive(Default)]
pub(super) struct Merged {
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
    text_negations: Vec<String>,
    text_negation_endings: Vec<String>,
    warning_sections: Vec<String>,
}

impl Merged {
    pub(super) fn add(&mut self, check: &Check, table: &RawLanguage) -> Result<(), VocabularyError> {
        let lists: [(&str, &[String], Form, &mut Vec<String>); 13] = [
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
            (
                "text_negations",
                &table.text_negations,
                Form::Normalised,
                &mut self.text_negations,
            ),
            (
                "text_negation_endings",
                &table.text_negation_endings,
                Form::Normalised,
                &mut self.text_negation_endings,
            ),
            (
                "warning_sections",
                &table.warning_sections,
                Form::Folded,
                &mut self.warning_sections,
            ),
        ];
        let mut any = false;
        for (list, words, form, into) in lists {
            any |= !words.is_empty();
            into.extend(check.words(list, words, form)?.iter().map(|w| compared_form(w, form)));
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

    pub(super) fn finish(self, file: &str, languages: Vec<String>) -> Result<LabelVocabulary, VocabularyError> {
        let set = |list: &'static str, words: Vec<String>, search| {
            WordSet::new(distinct(words), search).map_err(|error| VocabularyError::Automaton {
                file: file.to_owned(),
                list,
                message: error,
            })
        };
        let mut headings: Headings = self
            .headings
            .into_iter()
            .map(|(word, (section, _))| (word, section))
            .collect();
        headings.sort_by_key(|(word, _)| std::cmp::Reverse(word.chars().count()));
        Ok(LabelVocabulary {
            languages,
            headings,
            stops: distinct(self.stops),
            purpose_column: distinct(self.purpose_column),
            step_words: longest_first(self.step_words),
            may_contain: MayContain::new(longest_first(self.may_contain)),
            sentence_claims: set("sentence_claims", self.sentence_claims, Search::Opening)?,
            piece_claims: set("piece_claims", self.piece_claims, Search::Anywhere)?,
            piece_claim_endings: set("piece_claim_endings", self.piece_claim_endings, Search::Anywhere)?,
            piece_claim_openings: set("piece_claim_openings", self.piece_claim_openings, Search::Opening)?,
            conjunctions: distinct(self.conjunctions),
            alias_noise: distinct(self.alias_noise),
            text_negations: distinct(self.text_negations),
            text_negation_endings: distinct(self.text_negation_endings),
            warning_sections: distinct(self.warning_sections),
        })
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
