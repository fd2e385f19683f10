//! Plans for the format tests: the fixture protocol placed at a fixed instant in New York.
//!
//! The fixture's phases start at PT0H, PT36H and P4D; from [`TREATED_AT`] that is 15:00Z on
//! 2026-03-07, 03:00Z on 2026-03-09 (after the spring change) and 15:00Z on 2026-03-11.

use super::labels::{LabelSet, Labels};
use crate::protocol::fixture;
use crate::protocol::{AftercarePlan, Overrides, PatientZone, TreatedAt};

/// The fixed treatment instant, the day before New York's 2026 spring change.
pub const TREATED_AT: &str = "2026-03-07T10:00:00-05:00";

/// The plan for a treatment at `treated_at` in New York, in `language`.
pub fn plan_at(treated_at: &str, language: &str) -> AftercarePlan {
    let protocol = fixture::protocol();
    let treated = TreatedAt::parse(treated_at).expect("valid instant");
    let zone = PatientZone::parse(Some("America/New_York"), &treated).expect("known zone");
    let locale = protocol.negotiate(Some(language), None).expect("a fixture language");
    protocol.plan(&treated, &zone, &locale, &Overrides::none())
}

/// The plan for the fixed input, in `language`.
pub fn plan(language: &str) -> AftercarePlan {
    plan_at(TREATED_AT, language)
}

/// The structural labels the renderers use for `plan`'s language.
pub fn labels(plan: &AftercarePlan) -> &'static LabelSet {
    Labels::embedded().for_locale(&plan.locale)
}
