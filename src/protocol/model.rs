//! The validated content model: phases, rules, milestones, routine and ingredient guidance.
//! Values of these types only come out of [`crate::protocol::Protocol::from_sources`], so every
//! text has every declared language and every window is consistent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::duration::IsoDuration;
use super::locale::Locale;

/// What a rule asks of the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Something normal the patient may notice.
    Expect,
    /// Something to do.
    Do,
    /// Something to avoid.
    Avoid,
    /// Optional advice.
    Tip,
    /// When to contact the provider.
    Warning,
}

/// Where a rule's window (or a milestone's moment) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Stated by the clinical guidance.
    Guidance,
    /// A conservative default a clinic may adjust, because the guidance gives no duration.
    ClinicDefault,
}

/// What happens when a rule's window reaches its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Continues {
    /// The window ends: an expectation or a tip for a stated time.
    #[default]
    No,
    /// The time is a minimum (the guidance says "at least", or a clinic default stands in for
    /// one): the rule holds at least until then, and after it the provider's instructions decide.
    AtLeast,
    /// The rule never expires (the guidance says "always" or "every day"): no end at all.
    Always,
}

impl Continues {
    /// A rule's `end` (its end or minimum) as `(ends_after, at_least_for)`: an end only for a
    /// window that ends, a minimum only for an at-least rule, neither for one that always applies.
    pub fn split(self, end: IsoDuration) -> (Option<IsoDuration>, Option<IsoDuration>) {
        match self {
            Continues::No => (Some(end), None),
            Continues::AtLeast => (None, Some(end)),
            Continues::Always => (None, None),
        }
    }
}

/// A text in every declared language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalizedText(pub(crate) BTreeMap<String, String>);

impl LocalizedText {
    /// The text in `locale` (every declared language is present after validation).
    pub fn get(&self, locale: &Locale) -> &str {
        self.0.get(locale.as_str()).map_or("", String::as_str)
    }
}

/// A healing phase: a half-open window `[starts_after, ends_after)` after treatment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub(crate) id: String,
    pub(crate) order: u32,
    pub(crate) starts_after: IsoDuration,
    pub(crate) ends_after: Option<IsoDuration>,
    pub(crate) name: LocalizedText,
    pub(crate) summary: LocalizedText,
    pub(crate) what_to_expect: Vec<LocalizedText>,
    pub(crate) basis: Basis,
    pub(crate) basis_note: Option<LocalizedText>,
}

impl Phase {
    /// The stable kebab-case id, e.g. `first-24-hours`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The position of the phase, starting at 1.
    pub fn order(&self) -> u32 {
        self.order
    }
    /// Start offset from treatment (inclusive).
    pub fn starts_after(&self) -> IsoDuration {
        self.starts_after
    }
    /// End offset from treatment (exclusive); `None` for the open-ended last phase.
    pub fn ends_after(&self) -> Option<IsoDuration> {
        self.ends_after
    }
    /// The localized name.
    pub fn name(&self, locale: &Locale) -> &str {
        self.name.get(locale)
    }
    /// The localized summary.
    pub fn summary(&self, locale: &Locale) -> &str {
        self.summary.get(locale)
    }
    /// The localized list of what to expect.
    pub fn what_to_expect(&self, locale: &Locale) -> Vec<String> {
        self.what_to_expect
            .iter()
            .map(|text| text.get(locale).to_owned())
            .collect()
    }
    /// Where the phase's boundaries come from.
    pub fn basis(&self) -> Basis {
        self.basis
    }
    /// The localized note, for integrators, of a phase whose boundary is a clinic default.
    pub fn basis_note(&self, locale: &Locale) -> Option<&str> {
        self.basis_note.as_ref().map(|note| note.get(locale))
    }
    /// Whether an offset from treatment falls in this phase's half-open window.
    pub fn contains(&self, offset: IsoDuration) -> bool {
        offset >= self.starts_after && self.ends_after.is_none_or(|end| offset < end)
    }
}

/// An aftercare rule with its default half-open window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub(crate) id: String,
    pub(crate) kind: RuleKind,
    pub(crate) basis: Basis,
    pub(crate) starts_after: IsoDuration,
    pub(crate) ends_after: IsoDuration,
    pub(crate) minimum_ends_after: Option<IsoDuration>,
    pub(crate) continues: Continues,
    pub(crate) text: LocalizedText,
    pub(crate) rationale: LocalizedText,
    pub(crate) basis_note: Option<LocalizedText>,
}

impl Rule {
    /// The stable kebab-case id, e.g. `avoid-direct-sun`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// What the rule asks.
    pub fn kind(&self) -> RuleKind {
        self.kind
    }
    /// Where the window comes from.
    pub fn basis(&self) -> Basis {
        self.basis
    }
    /// Start offset from treatment (inclusive).
    pub fn starts_after(&self) -> IsoDuration {
        self.starts_after
    }
    /// Default end offset from treatment (exclusive) of a rule that ends, or the minimum (or
    /// default minimum) of an at-least rule. For a rule that always applies, the plan's end: the
    /// time the plan's timeline runs to, never shown as an end (see [`Rule::end`]).
    pub fn ends_after(&self) -> IsoDuration {
        self.ends_after
    }
    /// What happens at the end of the window.
    pub fn continues(&self) -> Continues {
        self.continues
    }
    /// True when the rule has a time a clinic may lengthen: every rule that does not always apply.
    pub fn has_end(&self) -> bool {
        self.continues != Continues::Always
    }
    /// The shortest end an override may set: the guidance minimum when the data gives one,
    /// else the default end (overrides only ever lengthen a rule).
    pub fn minimum_ends_after(&self) -> IsoDuration {
        self.minimum_ends_after.unwrap_or(self.ends_after)
    }
    /// The localized instruction.
    pub fn text(&self, locale: &Locale) -> &str {
        self.text.get(locale)
    }
    /// The localized reason, traced to the guidance.
    pub fn rationale(&self, locale: &Locale) -> &str {
        self.rationale.get(locale)
    }
    /// The localized note that a clinic-default window may be adjusted (clinic defaults only).
    pub fn basis_note(&self, locale: &Locale) -> Option<&str> {
        self.basis_note.as_ref().map(|note| note.get(locale))
    }
}

/// A moment in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub(crate) id: String,
    pub(crate) offset: IsoDuration,
    pub(crate) basis: Basis,
    pub(crate) ends_rules: Vec<String>,
    pub(crate) text: LocalizedText,
    pub(crate) basis_note: Option<LocalizedText>,
}

impl Milestone {
    /// The stable kebab-case id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Default offset from treatment; for a milestone that marks rules' ends, the latest of
    /// their default ends.
    pub fn offset(&self) -> IsoDuration {
        self.offset
    }
    /// Where the moment comes from.
    pub fn basis(&self) -> Basis {
        self.basis
    }
    /// The rules whose end this milestone marks (`marks_end_of` in the data; it moves when they
    /// are lengthened).
    pub fn ends_rules(&self) -> &[String] {
        &self.ends_rules
    }
    /// The localized text.
    pub fn text(&self, locale: &Locale) -> &str {
        self.text.get(locale)
    }
    /// The localized clinic-default note, if any.
    pub fn basis_note(&self, locale: &Locale) -> Option<&str> {
        self.basis_note.as_ref().map(|note| note.get(locale))
    }
}

/// One step of the daily routine and the rule it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineStep {
    pub(crate) rule: String,
    pub(crate) text: LocalizedText,
}

impl RoutineStep {
    /// The id of the rule the step comes from.
    pub fn rule_id(&self) -> &str {
        &self.rule
    }
    /// The localized instruction.
    pub fn text(&self, locale: &Locale) -> &str {
        self.text.get(locale)
    }
}

/// The daily routine: steps in the order a patient does them (the guidance gives no times of day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub(crate) steps: Vec<RoutineStep>,
}

impl Routine {
    /// The steps, in order.
    pub fn steps(&self) -> &[RoutineStep] {
        &self.steps
    }
}

/// An ingredient class (e.g. `salicylic-acid`) and the rule that sets its window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngredientClass {
    pub(crate) class: String,
    pub(crate) rule: String,
}

impl IngredientClass {
    /// The kebab-case class id.
    pub fn class(&self) -> &str {
        &self.class
    }
    /// The id of the rule that sets the class's window.
    pub fn rule_id(&self) -> &str {
        &self.rule
    }
}
