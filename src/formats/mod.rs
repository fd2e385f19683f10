//! Other representations of a computed [`AftercarePlan`](crate::protocol::AftercarePlan): an
//! iCalendar feed for the patient's calendar, a FHIR R4 CarePlan for booking systems and EHRs,
//! and a printable HTML handout.
//!
//! Every renderer is a pure, deterministic function of the plan (plus a small extra input): the
//! plan already carries every patient-facing text in the served language, and the renderers only
//! add structure and the few structural labels of `src/content/formats/labels.toml`.
//!
//! ```
//! use aftercare::formats;
//! use aftercare::protocol::{Overrides, PatientZone, Protocol, TreatedAt};
//!
//! let protocol = Protocol::load().expect("compiled-in content is valid");
//! let labels = formats::Labels::load().expect("compiled-in labels are valid");
//! labels.ensure_languages(protocol.languages()).expect("labels for every language");
//! let treated_at = TreatedAt::parse("2026-03-07T10:00:00-05:00").expect("valid instant");
//! let zone = PatientZone::parse(Some("America/New_York"), &treated_at).expect("known zone");
//! let locale = protocol.negotiate(Some("es"), None).expect("supported");
//! let plan = protocol.plan(&treated_at, &zone, &locale, &Overrides::none());
//!
//! assert!(formats::ics::render(&plan, "").starts_with("BEGIN:VCALENDAR\r\n"));
//! let care_plan = formats::fhir::render(&plan, Some("Patient/123"));
//! assert_eq!(care_plan["subject"]["reference"], "Patient/123");
//! assert!(formats::html::render(&plan).contains("<html lang=\"es\">"));
//! ```

pub mod fhir;
pub mod html;
pub mod ics;
mod labels;

pub use labels::{LabelSet, Labels, LabelsError};

#[cfg(test)]
mod test_plans;
