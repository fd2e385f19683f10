//! The plan's views: a treatment's phases, rules, milestones, routine and ingredients placed on
//! the patient's timeline.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::locale::Locale;
use crate::protocol::model::{Basis, RuleKind};

/// An absolute instant, in UTC and in the patient's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"utc": "2026-03-11T14:30:00Z", "local": "2026-03-11T10:30:00-04:00"}))]
pub struct TimePoint {
    /// The instant in UTC (RFC 3339 with `Z`).
    #[schema(example = "2026-03-11T14:30:00Z")]
    pub utc: DateTime<Utc>,
    /// The same instant as RFC 3339 in the patient's zone, with that zone's offset at the instant.
    #[schema(example = "2026-03-11T10:30:00-04:00")]
    pub local: String,
}

/// The protocol a plan was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProtocolRef {
    /// The protocol id.
    #[schema(example = "microneedling-aftercare")]
    pub id: String,
    /// The protocol version.
    #[schema(example = "1.0.0")]
    pub version: String,
}

/// A healing phase placed on the patient's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanPhase {
    /// Stable phase id.
    #[schema(example = "hours-24-to-72")]
    pub id: String,
    /// Position of the phase, from 1.
    #[schema(example = 2)]
    pub order: u32,
    /// Localized name.
    #[schema(example = "24 to 72 hours")]
    pub name: String,
    /// Localized summary.
    pub summary: String,
    /// Localized list of what to expect.
    pub what_to_expect: Vec<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// End offset from treatment (exclusive); null for the open-ended last phase.
    pub ends_after: Option<IsoDuration>,
    /// When the phase starts.
    pub starts_at: TimePoint,
    /// When the phase ends (exclusive); null for the open-ended last phase.
    pub ends_at: Option<TimePoint>,
}

/// A rule placed on the patient's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanRule {
    /// Stable rule id.
    #[schema(example = "avoid-direct-sun")]
    pub id: String,
    /// What the rule asks.
    pub kind: RuleKind,
    /// Localized instruction.
    #[schema(example = "Avoid direct sunlight.")]
    pub text: String,
    /// Localized reason, traced to the guidance.
    pub rationale: String,
    /// Where the window comes from.
    pub basis: Basis,
    /// For clinic defaults: the note that the clinic may adjust the window.
    pub basis_note: Option<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// End offset from treatment (exclusive), after overrides.
    pub ends_after: IsoDuration,
    /// When the rule starts applying.
    pub starts_at: TimePoint,
    /// When the rule stops applying (exclusive).
    pub ends_at: TimePoint,
    /// Whether a clinic override changed the end.
    pub overridden: bool,
}

/// A milestone placed on the patient's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanMilestone {
    /// Stable milestone id.
    #[schema(example = "direct-sun-avoidance-ends")]
    pub id: String,
    /// When the milestone happens.
    pub at: TimePoint,
    /// Localized text.
    pub text: String,
    /// Where the moment comes from.
    pub basis: Basis,
    /// For clinic defaults: the note that the clinic may adjust it.
    pub basis_note: Option<String>,
}

/// One routine step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanRoutineStep {
    /// Localized instruction.
    #[schema(example = "Apply a mild moisturizer.")]
    pub text: String,
    /// The rule the step comes from.
    #[schema(example = "do-moisturize")]
    pub rule_id: String,
    /// When the step is no longer needed (the rule's end, exclusive).
    pub until: TimePoint,
}

/// The daily routine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanRoutine {
    /// Morning steps, in order.
    pub morning: Vec<PlanRoutineStep>,
    /// Evening steps, in order.
    pub evening: Vec<PlanRoutineStep>,
    /// Steps to repeat during the day.
    pub during_the_day: Vec<PlanRoutineStep>,
}

/// An ingredient class to avoid and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AvoidIngredient {
    /// Ingredient class id.
    #[schema(example = "salicylic-acid")]
    pub class: String,
    /// The rule that sets the window.
    #[schema(example = "avoid-active-ingredients")]
    pub rule_id: String,
    /// When the restriction ends (exclusive).
    pub until: TimePoint,
}

/// A beneficial ingredient class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct LookForIngredient {
    /// Ingredient class id.
    #[schema(example = "aloe-vera")]
    pub class: String,
    /// The rule that recommends it.
    #[schema(example = "tip-soothing-products")]
    pub rule_id: String,
}

/// Ingredient guidance for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanIngredients {
    /// Classes to avoid and until when.
    pub avoid: Vec<AvoidIngredient>,
    /// Classes that may help.
    pub look_for: Vec<LookForIngredient>,
}

/// A patient's whole aftercare plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AftercarePlan {
    /// The protocol the plan comes from.
    pub protocol: ProtocolRef,
    /// The language of every text.
    #[schema(value_type = String, example = "en")]
    pub locale: Locale,
    /// The treatment instant.
    pub treated_at: TimePoint,
    /// The patient's IANA zone, or the fixed offset of `treated_at` when none was given.
    #[schema(example = "America/New_York")]
    pub timezone: String,
    /// When the plan ends: the start of the open-ended phase, or later if an override
    /// lengthens a rule beyond it.
    pub plan_ends_at: TimePoint,
    /// The phases, in order; contiguous, the last open-ended.
    pub phases: Vec<PlanPhase>,
    /// Every rule with its window.
    pub rules: Vec<PlanRule>,
    /// Milestones, in time order.
    pub milestones: Vec<PlanMilestone>,
    /// The daily routine.
    pub routine: PlanRoutine,
    /// Ingredient guidance.
    pub ingredients: PlanIngredients,
    /// When to contact the provider (the texts of the warning rules).
    pub contact_provider: Vec<String>,
}
