//! [`AnswerTexts`]: the patient-facing sentences of a check answer (its `summary` and `caveat`),
//! per language, from the content file `ingredients/answer_texts.toml`, validated at start-up.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::report::Verdict;

/// Path of the compiled-in file, as named in errors.
pub const EMBEDDED_FILE: &str = "src/content/ingredients/answer_texts.toml";

/// The answer texts are invalid: the service must not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerTextsError {
    /// The file is not valid TOML of the expected shape.
    #[error("{file}: {message}")]
    Parse {
        /// The file as read.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The declared languages are not the protocol's.
    #[error("{file}: languages are {found:?}, the protocol's are {expected:?}")]
    Languages {
        /// The file as read.
        file: String,
        /// Declared here.
        found: Vec<String>,
        /// Declared by the protocol.
        expected: Vec<String>,
    },
    /// A declared language has no table.
    #[error("{file}: no [{language}] table")]
    MissingLanguage {
        /// The file as read.
        file: String,
        /// The language.
        language: String,
    },
    /// A sentence is empty, names an unknown placeholder or leaves out a required one.
    #[error("{file}: [{language}] {key}: {problem}")]
    Sentence {
        /// The file as read.
        file: String,
        /// The language.
        language: String,
        /// The key, e.g. `summary.avoid`.
        key: &'static str,
        /// What is wrong.
        problem: String,
    },
}

// No `deny_unknown_fields` here (serde does not combine it with `flatten`): every key besides
// `languages` is read as a language table, which refuses unknown keys itself.
#[derive(Debug, Deserialize)]
struct RawFile {
    languages: Vec<String>,
    #[serde(flatten)]
    tables: BTreeMap<String, Sentences>,
}

/// The sentences of one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sentences {
    summary: Summaries,
    caveat: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summaries {
    avoid: String,
    caution: String,
    none_found: String,
    unreadable: String,
}

/// The validated sentences of every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerTexts {
    by_language: BTreeMap<String, Sentences>,
}

/// What a summary is filled in with.
#[derive(Debug, Clone, Copy)]
pub struct SummaryFacts<'a> {
    /// The names of what was found, joined (for `avoid` and `caution`).
    pub names: &'a str,
    /// How many ingredients were read (for `none-found`).
    pub read: usize,
}

impl AnswerTexts {
    /// Loads the compiled-in file for `languages` (the protocol's).
    ///
    /// # Errors
    /// As [`AnswerTexts::from_toml`].
    pub fn embedded(languages: &[String]) -> Result<Self, AnswerTextsError> {
        Self::from_toml(
            EMBEDDED_FILE,
            crate::content_layout::ANSWER_TEXTS.compiled_in,
            languages,
        )
    }

    /// Parses and validates the file `file` holding `text` against the protocol's `languages`.
    ///
    /// # Errors
    /// The first problem, naming the file, the language and the key.
    pub fn from_toml(file: &str, text: &str, languages: &[String]) -> Result<Self, AnswerTextsError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| AnswerTextsError::Parse {
            file: file.to_owned(),
            message: e.message().to_owned(),
        })?;
        if raw.languages != languages {
            return Err(AnswerTextsError::Languages {
                file: file.to_owned(),
                found: raw.languages,
                expected: languages.to_vec(),
            });
        }
        if let Some(extra) = raw.tables.keys().find(|k| !languages.contains(k)) {
            return Err(AnswerTextsError::Parse {
                file: file.to_owned(),
                message: format!("[{extra}] is not a declared language"),
            });
        }
        for language in languages {
            let sentences = raw
                .tables
                .get(language)
                .ok_or_else(|| AnswerTextsError::MissingLanguage {
                    file: file.to_owned(),
                    language: language.clone(),
                })?;
            let fail = |key: &'static str, problem: String| AnswerTextsError::Sentence {
                file: file.to_owned(),
                language: language.clone(),
                key,
                problem,
            };
            let summary = &sentences.summary;
            for (key, sentence, required) in [
                ("summary.avoid", &summary.avoid, Some("names")),
                ("summary.caution", &summary.caution, Some("names")),
                ("summary.none_found", &summary.none_found, Some("read")),
                ("summary.unreadable", &summary.unreadable, None),
                ("caveat", &sentences.caveat, None),
            ] {
                check_sentence(sentence, required).map_err(|problem| fail(key, problem))?;
            }
        }
        Ok(Self {
            by_language: raw.tables,
        })
    }

    /// The caveat in `language` (empty for a language not declared, which the checker refuses
    /// before asking).
    pub fn caveat(&self, language: &str) -> &str {
        self.by_language.get(language).map_or("", |s| s.caveat.as_str())
    }

    /// The summary of `verdict` in `language`, filled in with `facts`.
    pub fn summary(&self, language: &str, verdict: Verdict, facts: SummaryFacts) -> String {
        let Some(sentences) = self.by_language.get(language) else {
            return String::new();
        };
        let summary = &sentences.summary;
        let template = match verdict {
            Verdict::Avoid => &summary.avoid,
            Verdict::Caution => &summary.caution,
            Verdict::NoneFound => &summary.none_found,
            Verdict::Unreadable => &summary.unreadable,
        };
        template
            .replace("{names}", facts.names)
            .replace("{read}", &facts.read.to_string())
    }
}

/// Checks one sentence: not blank, only known placeholders, the required one present.
fn check_sentence(sentence: &str, required: Option<&str>) -> Result<(), String> {
    if sentence.trim().is_empty() {
        return Err("is empty".to_owned());
    }
    let mut rest = sentence;
    let mut found = Vec::new();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("has a `{` without its `}`")?;
        let name = &after[..close];
        if Some(name) != required {
            return Err(format!("`{{{name}}}` is not a placeholder of this sentence"));
        }
        found.push(name);
        rest = &after[close + 1..];
    }
    match required {
        Some(name) if found.is_empty() => Err(format!("must contain `{{{name}}}`")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
