//! The data files as they are written (serde models), how they are found, and what can be wrong
//! with them. [`crate::protocol::Protocol::from_sources`] turns these raw models into the
//! validated domain model.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use super::duration::DurationError;
use crate::content_layout::{self as layout, LayoutFile};

/// One data file: its name (used in error messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    /// How messages name the file: its path, e.g. `src/content/protocol/rules.toml`.
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// The texts of all protocol data files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentSources {
    /// `protocol.toml`: id, version, languages.
    pub protocol: ContentFile,
    /// `phases.toml`: the healing phases.
    pub phases: ContentFile,
    /// `rules.toml`: the aftercare rules.
    pub rules: ContentFile,
    /// `milestones.toml`: the milestones.
    pub milestones: ContentFile,
    /// `routine.toml`: the daily steps.
    pub routine: ContentFile,
    /// `ingredient_guidance.toml`: restricted and beneficial ingredient classes.
    pub ingredient_guidance: ContentFile,
}

impl ContentSources {
    /// The data files compiled into the binary, named by their path under `src/content/`.
    pub fn compiled_in() -> ContentSources {
        let compiled_in = |file: &LayoutFile| -> Result<ContentFile, std::convert::Infallible> {
            Ok(ContentFile {
                name: file.compiled_in_name(),
                text: file.compiled_in.to_owned(),
            })
        };
        match ContentSources::read(compiled_in) {
            Ok(sources) => sources,
            Err(never) => match never {},
        }
    }

    /// Reads every protocol file of the content layout with `read`.
    ///
    /// # Errors
    /// The first error of `read`.
    pub fn read<E>(mut read: impl FnMut(&LayoutFile) -> Result<ContentFile, E>) -> Result<ContentSources, E> {
        Ok(ContentSources {
            protocol: read(&layout::PROTOCOL)?,
            phases: read(&layout::PHASES)?,
            rules: read(&layout::RULES)?,
            milestones: read(&layout::MILESTONES)?,
            routine: read(&layout::ROUTINE)?,
            ingredient_guidance: read(&layout::INGREDIENT_GUIDANCE)?,
        })
    }
}

/// Why the protocol content was refused at start-up. Every message names the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContentError {
    /// The file is not valid TOML or does not match the expected shape (this includes unknown
    /// fields); the message carries the TOML parser's line and column.
    #[error("{file}: {message}")]
    Syntax {
        /// The file name.
        file: String,
        /// The TOML parser's message.
        message: String,
    },
    /// An entry of the file is wrong.
    #[error("{file}: entry `{entry}`: {problem}")]
    Invalid {
        /// The file name.
        file: String,
        /// The entry id (or a descriptive position such as `steps[2]`).
        entry: String,
        /// What is wrong with it.
        problem: ContentProblem,
    },
}

/// What is wrong with one entry of a data file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContentProblem {
    /// A duration field does not parse.
    #[error("field `{field}` {source}")]
    BadDuration {
        /// The field name.
        field: &'static str,
        /// The parser's reason.
        source: DurationError,
    },
    /// Another entry of the same file has the same id.
    #[error("duplicate id")]
    DuplicateId,
    /// A text lacks a declared language.
    #[error("field `{field}` has no `{language}` translation")]
    MissingTranslation {
        /// The field name.
        field: String,
        /// The missing language.
        language: String,
    },
    /// A text is given in a language the protocol does not declare.
    #[error("field `{field}` has a translation in undeclared language `{language}`")]
    UndeclaredLanguage {
        /// The field name.
        field: String,
        /// The undeclared language.
        language: String,
    },
    /// A reference to a rule that does not exist.
    #[error("refers to unknown rule `{rule}`")]
    UnknownRule {
        /// The unknown rule id.
        rule: String,
    },
    /// A reference to a rule of the wrong kind.
    #[error("refers to rule `{rule}`, which must be of kind {expected}")]
    WrongRuleKind {
        /// The rule id.
        rule: String,
        /// The kinds allowed here.
        expected: &'static str,
    },
    /// A window whose end is not after its start.
    #[error("window must end after it starts")]
    EmptyWindow,
    /// A window or offset outside the plan `PT0H .. plan end`.
    #[error("window must lie within the plan (PT0H to {plan_end})")]
    OutsidePlan {
        /// The plan end, canonical form.
        plan_end: String,
    },
    /// A problem with the phase sequence.
    #[error("{0}")]
    PhaseSequence(&'static str),
    /// `minimum_ends_after` is not within the rule's window.
    #[error("minimum_ends_after must be after starts_after and at most ends_after")]
    MinimumOutsideWindow,
    /// `ends_after` given for a rule that always applies, or missing for one that ends.
    #[error(
        "a rule gives ends_after unless it has continues = \"always\" (then it has no end, and no minimum_ends_after)"
    )]
    AlwaysWindow,
    /// A clinic default without the note saying so.
    #[error("a clinic-default entry needs a basis_note saying it is a clinic-adjustable default")]
    MissingBasisNote,
    /// A milestone gives both `offset` and `marks_end_of`, or neither.
    #[error("a milestone gives either `offset` or `marks_end_of` (the rules whose end it marks), not {0}")]
    MilestoneTiming(&'static str),
    /// A field value that is wrong for another reason.
    #[error("{0}")]
    Other(&'static str),
}

/// A text in every declared language: language code -> text.
pub type RawText = BTreeMap<String, String>;

/// `protocol.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProtocol {
    pub id: String,
    pub version: String,
    pub default_language: String,
    pub languages: Vec<String>,
    pub texts: RawProtocolTexts,
}

/// `protocol.toml` `[texts]`: the statements every representation of a plan shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProtocolTexts {
    pub provider_first: RawText,
    pub until: RawText,
    pub at_least: RawText,
    pub always: RawText,
    pub after_treatment: RawText,
    pub clinic_may_change: RawText,
    pub clinic_advice: RawText,
    pub hour: RawText,
    pub hours: RawText,
    pub day: RawText,
    pub days: RawText,
    pub week: RawText,
    pub weeks: RawText,
}

/// `phases.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhases {
    pub phases: Vec<RawPhase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPhase {
    pub id: String,
    pub order: u32,
    pub starts_after: String,
    pub ends_after: Option<String>,
    pub name: RawText,
    pub summary: RawText,
    pub what_to_expect: Vec<RawText>,
    /// `clinic-default` when a boundary of the phase is one.
    #[serde(default = "guidance")]
    pub basis: super::model::Basis,
    pub basis_note: Option<RawText>,
}

fn guidance() -> super::model::Basis {
    super::model::Basis::Guidance
}

/// `rules.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRules {
    pub rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: String,
    pub kind: super::model::RuleKind,
    pub basis: super::model::Basis,
    pub starts_after: String,
    /// Absent exactly for a rule that always applies.
    pub ends_after: Option<String>,
    pub minimum_ends_after: Option<String>,
    #[serde(default)]
    pub continues: super::model::Continues,
    pub text: RawText,
    pub rationale: RawText,
    pub basis_note: Option<RawText>,
}

/// `milestones.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMilestones {
    pub milestones: Vec<RawMilestone>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMilestone {
    pub id: String,
    /// The moment, for a milestone that marks no rule's end.
    pub offset: Option<String>,
    pub basis: super::model::Basis,
    /// The rules whose end the milestone marks; it falls at the latest of their default ends.
    #[serde(default)]
    pub marks_end_of: Vec<String>,
    pub text: RawText,
    pub basis_note: Option<RawText>,
}

/// `routine.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoutine {
    pub steps: Vec<RawRoutineStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRoutineStep {
    pub rule: String,
    pub text: RawText,
}

/// `ingredient_guidance.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIngredientGuidance {
    pub avoid: Vec<RawIngredientClass>,
    pub look_for: Vec<RawIngredientClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIngredientClass {
    pub class: String,
    pub rule: String,
}

/// Parses one data file, naming it in the error.
pub(crate) fn parse_file<T: DeserializeOwned>(file: &ContentFile) -> Result<T, ContentError> {
    toml::from_str(&file.text).map_err(|error| ContentError::Syntax {
        file: file.name.clone(),
        message: error.to_string().trim_end().to_owned(),
    })
}
