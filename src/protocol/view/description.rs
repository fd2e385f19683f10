//! The views of `GET /v1/phases`: phases and rules independent of any treatment date.

use serde::Serialize;
use utoipa::ToSchema;

use crate::protocol::duration::IsoDuration;
use crate::protocol::model::{Basis, RuleKind};

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
    /// For clinic defaults: the note that the clinic may adjust the window.
    pub basis_note: Option<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// Default end offset from treatment (exclusive).
    pub ends_after: IsoDuration,
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
    #[schema(example = "First 24 hours")]
    pub name: String,
    /// Localized summary.
    pub summary: String,
    /// Localized list of what to expect.
    pub what_to_expect: Vec<String>,
    /// Start offset from treatment (inclusive).
    pub starts_after: IsoDuration,
    /// End offset (exclusive); null for the open-ended last phase.
    pub ends_after: Option<IsoDuration>,
    /// The rules whose default window overlaps the phase.
    pub rules: Vec<PhaseRule>,
}
