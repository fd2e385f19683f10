//! The view of `GET /v1/phases/current`: where a patient is at one instant.

use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::locale::Locale;
use crate::protocol::model::RuleKind;

use super::plan::{PlanPhase, ProtocolRef, TimePoint};

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
    /// Rules whose half-open window contains `at`.
    pub rules_in_force: Vec<RuleInForce>,
    /// Milestones at or before `at`.
    pub milestones_passed: Vec<MilestoneRef>,
    /// Milestones after `at`.
    pub milestones_upcoming: Vec<MilestoneRef>,
}

/// A rule in force at the instant asked about: what to do and until when. The rationale and the
/// basis of each rule are in the plan and in `GET /v1/phases/{phase_id}`.
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
    /// When the rule stops applying (exclusive).
    pub ends_at: TimePoint,
}

/// A milestone on the patient's timeline, passed or upcoming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MilestoneRef {
    /// Stable milestone id.
    #[schema(example = "strenuous-activity-may-resume")]
    pub id: String,
    /// When it is reached.
    pub at: TimePoint,
    /// Localized text.
    pub text: String,
}
