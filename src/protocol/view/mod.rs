//! Localized, serializable views of the protocol, ready to be JSON responses (snake_case keys,
//! RFC 3339 instants, ISO 8601 durations).

mod description;
mod lookup;
mod plan;

pub use description::{PhaseDescription, PhaseRule};
pub use lookup::{MilestoneRef, NextPhase, PhaseLookup, RuleInForce};
pub use plan::{
    AftercarePlan, AvoidIngredient, LookForIngredient, PlanIngredients, PlanMilestone, PlanPhase, PlanRoutine,
    PlanRoutineStep, PlanRule, PlanWindow, ProtocolRef, TimePoint,
};
