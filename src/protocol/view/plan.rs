//! The plan's views: a treatment's phases, rules, milestones, routine and ingredients placed on
//! the patient's timeline.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::locale::Locale;
use crate::protocol::model::{Basis, Continues, RuleKind};

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
    #[schema(example = "24 to 72 hours after treatment")]
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
    /// Where the phase's boundaries come from: `clinic-default` when one is a default.
    pub basis: Basis,
    /// For integrators: why a boundary is a clinic default; null otherwise.
    pub basis_note: Option<String>,
    /// For patients, in plain words: "Your clinic may change this time." for a clinic default;
    /// null otherwise.
    pub patient_note: Option<String>,
}

/// How long a rule (or what follows from it) holds, placed on the patient's timeline. A minimum
/// is never given as an end: `ends_at` is only set for a window that ends (`continues: no`),
/// `at_least_until` only for a minimum (`continues: at-least`), and a rule that always applies has
/// neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanWindow {
    /// What happens at the end of the window: `no` (it ends), `at-least` (a minimum, after which
    /// the provider's instructions decide) or `always` (it never expires).
    pub continues: Continues,
    /// For patients: how long, counted from the treatment, e.g. "For at least 72 hours after your
    /// treatment, then follow your provider's instructions."
    #[schema(example = "For at least 72 hours after your treatment, then follow your provider's instructions.")]
    pub text: String,
    /// End offset from treatment (exclusive), after overrides; only when `continues` is `no`.
    pub ends_after: Option<IsoDuration>,
    /// When the window ends (exclusive); only when `continues` is `no`.
    pub ends_at: Option<TimePoint>,
    /// The minimum (or the clinic's default minimum) from treatment, after overrides; only when
    /// `continues` is `at-least`.
    pub at_least_for: Option<IsoDuration>,
    /// The instant the minimum is reached; only when `continues` is `at-least`.
    pub at_least_until: Option<TimePoint>,
    /// For patients: the end or minimum counted from the treatment, to read next to its date
    /// ("72 hours after your treatment"); null for a rule that always applies.
    #[schema(example = "72 hours after your treatment")]
    pub after_treatment: Option<String>,
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
    /// For integrators, on clinic defaults: why the window is a default the clinic may change.
    pub basis_note: Option<String>,
    /// For patients, in plain words: "Your clinic may change this time." on clinic defaults.
    pub patient_note: Option<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// When the rule starts applying.
    pub starts_at: TimePoint,
    /// How long the rule holds.
    pub window: PlanWindow,
    /// Whether a clinic override lengthened the window.
    pub overridden: bool,
}

/// A milestone placed on the patient's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanMilestone {
    /// Stable milestone id.
    #[schema(example = "direct-sun-minimum-reached")]
    pub id: String,
    /// When the milestone happens.
    pub at: TimePoint,
    /// Localized text.
    pub text: String,
    /// Where the moment comes from.
    pub basis: Basis,
    /// For integrators, on clinic defaults: why the moment is a default the clinic may change.
    pub basis_note: Option<String>,
    /// For patients, in plain words: "Your clinic may change this time." on clinic defaults.
    pub patient_note: Option<String>,
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
    /// How long the step holds: its rule's window.
    pub window: PlanWindow,
}

/// The daily routine. The guidance gives no times of day, so the steps have none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PlanRoutine {
    /// Every day's steps, in the order a patient does them.
    pub steps: Vec<PlanRoutineStep>,
}

/// An ingredient class to avoid and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AvoidIngredient {
    /// Ingredient class id.
    #[schema(example = "salicylic-acid")]
    pub class: String,
    /// The rule that sets the window.
    #[schema(example = "avoid-active-ingredients")]
    pub rule_id: String,
    /// How long to avoid it: its rule's window (a minimum, then the provider's instructions).
    pub window: PlanWindow,
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
    /// Classes to avoid and for how long.
    pub avoid: Vec<AvoidIngredient>,
    /// Classes that may help.
    pub look_for: Vec<LookForIngredient>,
}

impl AftercarePlan {
    /// Replaces the default contact advice (the `warning` rules) with a clinic's own reviewed
    /// text, in every place the plan states it. It stays labelled as the clinic's advice.
    pub fn with_contact_advice(mut self, advice: &str) -> Self {
        let mut replaced = false;
        for rule in self.rules.iter_mut().filter(|rule| rule.kind == RuleKind::Warning) {
            advice.clone_into(&mut rule.text);
            replaced = true;
        }
        if replaced {
            self.contact_provider = vec![advice.to_owned()];
        }
        self
    }
}

/// A patient's whole aftercare plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AftercarePlan {
    /// The first statement of every plan: the provider's instructions come first.
    #[schema(
        example = "Your provider's instructions come first: wherever they differ from this plan, follow your provider."
    )]
    pub provider_first: String,
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
    /// Where the plan's timeline ends: the start of the open-ended phase, or later if an override
    /// lengthens a rule beyond it. Rules that always apply go on after it.
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
    /// When to contact the provider (the texts of the warning rules; the default is the
    /// clinic's, see the `warning-contact-provider` rule).
    pub contact_provider: Vec<String>,
}
