//! Plans for the format tests: the fixed input of the snapshot assertions.

use crate::protocol::{AftercarePlan, Overrides, PatientZone, Protocol, TreatedAt};

/// The fixed treatment instant of the snapshots.
pub const TREATED_AT: &str = "2026-03-07T10:00:00-05:00";

/// The plan for a treatment at `treated_at` in New York, in `language`.
pub fn plan_at(treated_at: &str, language: &str) -> AftercarePlan {
    let protocol = Protocol::load().expect("the compiled-in content is valid");
    let treated = TreatedAt::parse(treated_at).expect("valid instant");
    let zone = PatientZone::parse(Some("America/New_York"), &treated).expect("known zone");
    let locale = protocol.negotiate(Some(language), None).expect("supported language");
    protocol.plan(&treated, &zone, &locale, &Overrides::none())
}

/// The plan for the fixed input, in `language`.
pub fn plan(language: &str) -> AftercarePlan {
    plan_at(TREATED_AT, language)
}
