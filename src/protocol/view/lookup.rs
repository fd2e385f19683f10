//! The view of `GET /v1/phases/current`: where a patient is at one instant.

use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::locale::Locale;
use crate::protocol::model::{Basis, RuleKind};

use super::plan::{PlanPhase, PlanWindow, ProtocolRef, TimePoint};

/// The phase after the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct NextPhase {
    /// Stable phase id.
    #[schema(example = "day-3-to-day-7")]
    pub id: String,
    /// Localized name.
    pub name: String,
    /// When it starts.
    pub starts_at: TimePoint,
}

/// Where a patient is in the plan at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PhaseLookup {
    /// The first statement of every answer about a plan: the provider's instructions come first.
    pub provider_first: String,
    /// The protocol the answer comes from.
    pub protocol: ProtocolRef,
    /// The language of every text.
    #[schema(value_type = String, example = "en")]
    pub locale: Locale,
    /// The treatment instant.
    pub treated_at: TimePoint,
    /// The instant looked up.
    pub at: TimePoint,
    /// The patient's IANA zone or fixed offset.
    #[schema(example = "Europe/Paris")]
    pub timezone: String,
    /// Elapsed time since treatment, truncated to whole seconds.
    pub elapsed: IsoDuration,
    /// The phase `at` falls in (the same object as in the plan).
    pub phase: PlanPhase,
    /// The following phase, or null in the open-ended last phase.
    pub next_phase: Option<NextPhase>,
    /// Rules in force at `at`: those whose window contains it, and every rule that always
    /// applies, after the plan's timeline too.
    pub rules_in_force: Vec<RuleInForce>,
    /// Rules whose minimum has been reached by `at`: the guidance (or the clinic's default) no
    /// longer sets a time for them, and the provider's instructions decide when they stop.
    pub rules_past_minimum: Vec<RuleInForce>,
    /// Milestones at or before `at`.
    pub milestones_passed: Vec<MilestoneRef>,
    /// Milestones after `at`.
    pub milestones_upcoming: Vec<MilestoneRef>,
}

/// A rule at the instant asked about: what to do and for how long. The rationale of each rule is
/// in the plan and in `GET /v1/phases/{phase_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RuleInForce {
    /// Stable rule id.
    #[schema(example = "avoid-direct-sun")]
    pub id: String,
    /// What the rule asks.
    pub kind: RuleKind,
    /// Localized instruction.
    #[schema(example = "Avoid direct sunlight.")]
    pub text: String,
    /// Where the window comes from.
    pub basis: Basis,
    /// For integrators, on clinic defaults: why the window is a default the clinic may change.
    pub basis_note: Option<String>,
    /// For patients, in plain words: "Your clinic may change this time." on clinic defaults.
    pub patient_note: Option<String>,
    /// How long the rule holds.
    pub window: PlanWindow,
}

/// A milestone on the patient's timeline, passed or upcoming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MilestoneRef {
    /// Stable milestone id.
    #[schema(example = "activity-minimum-reached")]
    pub id: String,
    /// When it is reached.
    pub at: TimePoint,
    /// Localized text.
    pub text: String,
}
