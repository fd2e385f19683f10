//! The structural labels of the formats (headings, calendar name, titles), loaded from
//! `src/content/formats/labels.toml` (or `formats/labels.toml` of the content directory) and
//! validated: every declared language has every label, no label is empty, every language names
//! the same ingredient classes, and ([`Labels::ensure_matches`]) the languages and classes are the
//! protocol's.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::protocol::{Locale, Protocol};

/// The file name used in error messages.
const FILE: &str = "labels.toml";

/// The labels of one language. Every field is required by the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSet {
    /// Title of the plan (HTML `<h1>`, FHIR `title`).
    pub plan_title: String,
    /// One-line description of the plan (FHIR `description`).
    pub plan_description: String,
    /// Calendar name (`X-WR-CALNAME`).
    pub calendar_name: String,
    /// Display of the FHIR subject when no patient reference is given.
    pub patient: String,
    /// Label of the treatment instant.
    pub treated_at: String,
    /// Label of the time zone.
    pub timezone: String,
    /// Heading of the timeline.
    pub timeline: String,
    /// Caption of the timeline table.
    pub timeline_caption: String,
    /// Column header: phase.
    pub phase: String,
    /// Column header: start.
    pub from: String,
    /// Column header and list prefix: end.
    pub until: String,
    /// Column header: the phase summary.
    pub overview: String,
    /// Shown for the end of the open-ended last phase.
    pub open_ended: String,
    /// Heading of the `do` rules.
    pub r#do: String,
    /// Heading of the `avoid` rules.
    pub avoid: String,
    /// Heading of the `tip` rules.
    pub tips: String,
    /// Heading of the `expect` rules.
    pub what_to_expect: String,
    /// Heading of the milestones.
    pub milestones: String,
    /// Heading of the daily routine.
    pub routine: String,
    /// Before the instant a minimum is reached: "At least until".
    pub at_least_until: String,
    /// After a minimum: "then follow your provider's instructions".
    pub then_provider: String,
    /// Heading of the ingredient guidance.
    pub ingredients: String,
    /// Sub-heading: classes to avoid.
    pub ingredients_to_avoid: String,
    /// Sub-heading: classes to look for.
    pub ingredients_to_look_for: String,
    /// Heading of the warning rules.
    pub contact_provider: String,
    /// Title of the recurring sunscreen reminder.
    pub daily_sunscreen: String,
    /// Label of the protocol id and version.
    pub protocol: String,
    /// How the handout writes a local date and time people can count to: `{weekday}`, `{day}`,
    /// `{month}` and `{time}` (24-hour `HH:MM`), e.g. "{weekday} {day} {month}, {time}".
    pub date_time: String,
    /// Weekday names, Monday first.
    pub weekdays: [String; 7],
    /// Month names, January first.
    pub months: [String; 12],
    /// Display names of ingredient classes, by class id.
    pub ingredient_classes: BTreeMap<String, String>,
}

impl LabelSet {
    /// The display name of an ingredient class; the id with spaces for a class the file lacks.
    #[must_use]
    pub fn class_name(&self, class: &str) -> String {
        self.ingredient_classes
            .get(class)
            .cloned()
            .unwrap_or_else(|| class.replace('-', " "))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    default_language: String,
    languages: Vec<String>,
    labels: BTreeMap<String, LabelSet>,
}

/// Why the labels file was refused. Every message names the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LabelsError {
    /// Not valid TOML, or a label is missing or unknown (the message names it, with line and column).
    #[error("{FILE}: {0}")]
    Syntax(String),
    /// A declared language has no `[labels.<language>]` table.
    #[error("{FILE}: language `{0}` has no labels")]
    MissingLanguage(String),
    /// A `[labels.<language>]` table for a language not in `languages`.
    #[error("{FILE}: labels for undeclared language `{0}`")]
    UndeclaredLanguage(String),
    /// A label is an empty text.
    #[error("{FILE}: label `{label}` is empty in `{language}`")]
    EmptyLabel {
        /// The language.
        language: String,
        /// The label key.
        label: String,
    },
    /// Labels for a language the protocol does not declare.
    #[error("{FILE}: labels for `{0}`, a language the protocol does not declare")]
    NotInProtocol(String),
    /// An ingredient class of the protocol has no name.
    #[error("{FILE}: ingredient_classes: no name for `{0}`, a class of the protocol")]
    UnnamedClass(String),
    /// A name for an ingredient class the protocol does not declare.
    #[error("{FILE}: ingredient_classes: `{0}` is not a class of the protocol")]
    UnknownClass(String),
    /// A language names other ingredient classes than the default language.
    #[error("{FILE}: `{language}` names other ingredient classes than `{default}`")]
    ClassesDiffer {
        /// The language.
        language: String,
        /// The default language.
        default: String,
    },
}

/// The validated labels of every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    default_language: String,
    sets: BTreeMap<String, LabelSet>,
}

impl Labels {
    /// Parses and validates a labels file.
    ///
    /// # Errors
    /// A [`LabelsError`] naming the file and the missing, unknown or empty label or language.
    pub fn from_toml(text: &str) -> Result<Labels, LabelsError> {
        let file: LabelsFile = toml::from_str(text).map_err(|error| LabelsError::Syntax(error.to_string()))?;
        let declared: BTreeSet<&String> = file.languages.iter().chain([&file.default_language]).collect();
        if let Some(missing) = declared.iter().find(|language| !file.labels.contains_key(**language)) {
            return Err(LabelsError::MissingLanguage((*missing).clone()));
        }
        if let Some(extra) = file.labels.keys().find(|language| !declared.contains(language)) {
            return Err(LabelsError::UndeclaredLanguage(extra.clone()));
        }
        let default_classes: BTreeSet<&String> =
            file.labels[&file.default_language].ingredient_classes.keys().collect();
        for (language, set) in &file.labels {
            if let Some(label) = empty_label(set) {
                return Err(LabelsError::EmptyLabel {
                    language: language.clone(),
                    label,
                });
            }
            if set.ingredient_classes.keys().collect::<BTreeSet<_>>() != default_classes {
                return Err(LabelsError::ClassesDiffer {
                    language: language.clone(),
                    default: file.default_language.clone(),
                });
            }
        }
        Ok(Labels {
            default_language: file.default_language,
            sets: file.labels,
        })
    }

    /// Loads and validates the labels compiled into the binary; call it at start-up so a bad file
    /// stops the service with a clear message.
    ///
    /// # Errors
    /// As [`Labels::from_toml`].
    pub fn load() -> Result<Labels, LabelsError> {
        Labels::from_toml(crate::content_layout::LABELS.compiled_in)
    }

    /// The compiled-in labels, loaded once.
    ///
    /// # Panics
    /// If the compiled-in file is invalid, which the tests of this module rule out.
    pub fn embedded() -> &'static Labels {
        static LABELS: OnceLock<Labels> = OnceLock::new();
        LABELS.get_or_init(|| Labels::load().expect("the compiled-in labels.toml is valid"))
    }

    /// Checks that every language of the protocol has labels (call it at start-up with
    /// `protocol.languages()`).
    ///
    /// # Errors
    /// [`LabelsError::MissingLanguage`] for the first language without labels.
    pub fn ensure_languages(&self, languages: &[String]) -> Result<(), LabelsError> {
        match languages.iter().find(|language| !self.sets.contains_key(*language)) {
            Some(missing) => Err(LabelsError::MissingLanguage(missing.clone())),
            None => Ok(()),
        }
    }

    /// Checks the labels against the protocol (call it at start-up): the same languages, and a name
    /// for exactly the ingredient classes its guidance declares.
    ///
    /// # Errors
    /// The first language or class found on one side only.
    pub fn ensure_matches(&self, protocol: &Protocol) -> Result<(), LabelsError> {
        self.ensure_languages(protocol.languages())?;
        if let Some(extra) = self
            .sets
            .keys()
            .find(|language| !protocol.languages().contains(language))
        {
            return Err(LabelsError::NotInProtocol(extra.clone()));
        }
        let declared: BTreeSet<&str> = protocol
            .restricted_classes()
            .iter()
            .chain(protocol.beneficial_classes())
            .map(|class| class.class())
            .collect();
        let named: BTreeSet<&str> = self.sets[&self.default_language]
            .ingredient_classes
            .keys()
            .map(String::as_str)
            .collect();
        if let Some(class) = declared.difference(&named).next() {
            return Err(LabelsError::UnnamedClass((*class).to_owned()));
        }
        match named.difference(&declared).next() {
            Some(class) => Err(LabelsError::UnknownClass((*class).to_owned())),
            None => Ok(()),
        }
    }

    /// The labels of a locale, or of the default language when the file lacks the locale
    /// (which [`Labels::ensure_languages`] rules out at start-up).
    #[must_use]
    pub fn for_locale(&self, locale: &Locale) -> &LabelSet {
        self.sets
            .get(locale.as_str())
            .unwrap_or_else(|| &self.sets[&self.default_language])
    }
}

/// The key of the first empty label, found through the serialized form so no key is forgotten.
fn empty_label(set: &LabelSet) -> Option<String> {
    let serde_json::Value::Object(fields) = serde_json::to_value(set).ok()? else {
        return None;
    };
    fields.into_iter().find_map(|(key, value)| match value {
        serde_json::Value::String(text) if text.trim().is_empty() => Some(key),
        serde_json::Value::Array(names) => names
            .iter()
            .position(|name| name.as_str().is_none_or(|name| name.trim().is_empty()))
            .map(|index| format!("{key}[{index}]")),
        serde_json::Value::Object(classes) => classes
            .into_iter()
            .find(|(_, name)| name.as_str().is_none_or(|name| name.trim().is_empty()))
            .map(|(class, _)| format!("ingredient_classes.{class}")),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
