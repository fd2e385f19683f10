//! The views of `GET /v1/phases`: phases and rules independent of any treatment date.

use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::model::{Basis, Continues, RuleKind};

/// A rule as listed under a phase description (default window, no overrides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PhaseRule {
    /// Stable rule id.
    #[schema(example = "avoid-makeup")]
    pub id: String,
    /// What the rule asks.
    pub kind: RuleKind,
    /// Localized instruction.
    pub text: String,
    /// Localized reason.
    pub rationale: String,
    /// Where the window comes from.
    pub basis: Basis,
    /// For integrators, on clinic defaults: why the window is a default the clinic may change.
    pub basis_note: Option<String>,
    /// For patients, in plain words: "Your clinic may change this time." on clinic defaults.
    pub patient_note: Option<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// What happens at the end of the window: `no` (it ends), `at-least` (a minimum) or
    /// `always` (it never expires).
    pub continues: Continues,
    /// For patients: how long, counted from the treatment.
    pub window_text: String,
    /// Default end offset from treatment (exclusive); only when `continues` is `no`.
    pub ends_after: Option<IsoDuration>,
    /// The minimum (or the clinic's default minimum) from treatment; only when `continues` is
    /// `at-least`.
    pub at_least_for: Option<IsoDuration>,
}

/// A phase independent of any treatment date, for `GET /v1/phases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PhaseDescription {
    /// Stable phase id.
    #[schema(example = "first-24-hours")]
    pub id: String,
    /// Position, from 1.
    #[schema(example = 1)]
    pub order: u32,
    /// Localized name.
    #[schema(example = "First 24 hours after treatment")]
    pub name: String,
    /// Localized summary.
    pub summary: String,
    /// Localized list of what to expect.
    pub what_to_expect: Vec<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// End offset (exclusive); null for the open-ended last phase.
    pub ends_after: Option<IsoDuration>,
    /// Where the phase's boundaries come from: `clinic-default` when one is a default.
    pub basis: Basis,
    /// For integrators: why a boundary is a clinic default; null otherwise.
    pub basis_note: Option<String>,
    /// For patients, in plain words, on a clinic default; null otherwise.
    pub patient_note: Option<String>,
    /// The rules whose default window overlaps the phase (a minimum, or a rule that always
    /// applies, overlaps every later phase).
    pub rules: Vec<PhaseRule>,
}
