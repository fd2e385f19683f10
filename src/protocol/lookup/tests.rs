use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use proptest::prelude::*;

use crate::protocol::{At, LookupError, Overrides, PatientZone, PhaseLookup, Protocol, TreatedAt};

const TREATED_AT: &str = "2026-05-01T08:00:00Z";

fn lookup_at(treated_at: &str, at: DateTime<Utc>, zone: Option<&str>) -> Result<PhaseLookup, LookupError> {
    let protocol = Protocol::load().expect("valid content");
    let treated_at = TreatedAt::parse(treated_at).expect("valid treated_at");
    let zone = PatientZone::parse(zone, &treated_at).expect("valid zone");
    let at = At::parse(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)).expect("valid at");
    protocol.phase_at(&treated_at, &at, &zone, &protocol.default_locale(), &Overrides::none())
}

fn after_treatment(delta: TimeDelta) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(TREATED_AT)
        .expect("valid")
        .with_timezone(&Utc)
        + delta
}

fn phase_after(delta: TimeDelta) -> String {
    lookup_at(TREATED_AT, after_treatment(delta), None)
        .expect("not before treatment")
        .phase
        .id
}

#[test]
fn every_phase_boundary_belongs_to_the_phase_that_starts_there() {
    let hour = TimeDelta::hours(1);
    let nanosecond = TimeDelta::nanoseconds(1);
    let second = TimeDelta::seconds(1);
    let cases = [
        (TimeDelta::zero(), "first-24-hours"),
        (hour * 24 - nanosecond, "first-24-hours"),
        (hour * 24 - second, "first-24-hours"),
        (hour * 24, "hours-24-to-72"),
        (hour * 72 - nanosecond, "hours-24-to-72"),
        (hour * 72, "day-3-to-day-7"),
        (TimeDelta::days(7) - second, "day-3-to-day-7"),
        (TimeDelta::days(7), "remodelling"),
        (TimeDelta::weeks(6) - nanosecond, "remodelling"),
        (TimeDelta::weeks(6), "results-window"),
        (TimeDelta::weeks(8) - nanosecond, "results-window"),
        (TimeDelta::weeks(8), "maintenance"),
        (TimeDelta::days(3650), "maintenance"),
    ];
    for (delta, expected) in cases {
        assert_eq!(phase_after(delta), expected, "{delta}");
    }
}

#[test]
fn an_instant_before_treatment_is_refused() {
    for delta in [TimeDelta::nanoseconds(-1), TimeDelta::seconds(-1), TimeDelta::days(-3)] {
        let result = lookup_at(TREATED_AT, after_treatment(delta), None);

        assert_eq!(result.err(), Some(LookupError::BeforeTreatment), "{delta}");
    }
}

#[test]
fn rules_in_force_use_half_open_windows() {
    let ids = |delta| -> Vec<String> {
        let lookup = lookup_at(TREATED_AT, after_treatment(delta), None).expect("valid");
        lookup.rules_in_force.into_iter().map(|rule| rule.id).collect()
    };
    let strenuous = "avoid-strenuous-activity".to_owned();

    assert!(ids(TimeDelta::hours(24) - TimeDelta::seconds(1)).contains(&strenuous));
    assert!(!ids(TimeDelta::hours(24)).contains(&strenuous));
    assert!(ids(TimeDelta::weeks(8)).is_empty());
}

#[test]
fn the_lookup_reports_elapsed_time_the_next_phase_and_milestones() {
    let lookup = lookup_at(TREATED_AT, after_treatment(TimeDelta::hours(72)), None).expect("valid");

    let passed: Vec<&str> = lookup.milestones_passed.iter().map(|m| m.id.as_str()).collect();
    let upcoming: Vec<&str> = lookup.milestones_upcoming.iter().map(|m| m.id.as_str()).collect();
    let next = lookup.next_phase.expect("not the last phase");

    assert_eq!(lookup.elapsed.to_string(), "PT72H");
    assert_eq!(lookup.phase.id, "day-3-to-day-7");
    assert_eq!(lookup.phase.starts_at.utc.to_rfc3339(), "2026-05-04T08:00:00+00:00");
    assert_eq!(
        (next.id.as_str(), next.starts_at.utc.to_rfc3339()),
        ("remodelling", "2026-05-08T08:00:00+00:00".to_owned())
    );
    assert_eq!(
        passed,
        [
            "strenuous-activity-may-resume",
            "redness-expected-to-subside",
            "direct-sun-avoidance-ends",
            "makeup-may-resume",
            "first-results"
        ]
    );
    assert_eq!(
        upcoming,
        [
            "exfoliants-and-actives-may-resume",
            "dramatic-results-begin",
            "dramatic-results-expected"
        ]
    );
}

#[test]
fn the_last_phase_has_no_next_phase_and_elapsed_time_keeps_seconds() {
    let delta = TimeDelta::weeks(9) + TimeDelta::minutes(90) + TimeDelta::milliseconds(5_500);

    let lookup = lookup_at(TREATED_AT, after_treatment(delta), None).expect("valid");

    assert!(lookup.next_phase.is_none());
    assert!(lookup.phase.ends_at.is_none());
    assert_eq!(lookup.elapsed.to_string(), "PT1513H30M5S");
}

#[test]
fn the_phase_is_the_same_object_as_in_the_plan() {
    let protocol = Protocol::load().expect("valid content");
    let treated_at = TreatedAt::parse(TREATED_AT).expect("valid");
    let zone = PatientZone::parse(Some("Europe/Paris"), &treated_at).expect("valid");
    let locale = protocol.default_locale();
    let plan = protocol.plan(&treated_at, &zone, &locale, &Overrides::none());
    let at = At::parse("2026-05-20T12:00:00+02:00").expect("valid");

    let lookup = protocol
        .phase_at(&treated_at, &at, &zone, &locale, &Overrides::none())
        .expect("valid");

    assert_eq!(lookup.phase, plan.phases[3]);
    assert_eq!(lookup.at.local, "2026-05-20T12:00:00+02:00");
}

#[test]
fn a_lookup_across_the_paris_spring_change_shows_the_new_offset() {
    let lookup = lookup_at(
        "2026-03-28T20:00:00+01:00",
        after_utc("2026-03-29T19:00:00Z"),
        Some("Europe/Paris"),
    )
    .expect("valid");

    assert_eq!(lookup.phase.id, "hours-24-to-72");
    assert_eq!(lookup.phase.starts_at.local, "2026-03-29T21:00:00+02:00");
    assert_eq!(lookup.at.local, "2026-03-29T21:00:00+02:00");
    assert_eq!(lookup.elapsed.to_string(), "PT24H");
}

fn after_utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("valid").with_timezone(&Utc)
}

proptest! {
    #[test]
    fn every_instant_at_or_after_treatment_falls_in_exactly_one_phase(
        treated in 946_684_800i64..=4_000_000_000, elapsed in 0i64..=20_000_000, nanos in 0u32..1_000_000_000,
    ) {
        let treated_at = DateTime::from_timestamp(treated, 0).expect("in range").to_rfc3339();
        let at = DateTime::from_timestamp(treated + elapsed, nanos).expect("in range");

        let lookup = lookup_at(&treated_at, at, None).expect("at is after treatment");
        let protocol = Protocol::load().expect("valid content");
        let treated_at = TreatedAt::parse(&treated_at).expect("valid");
        let zone = PatientZone::parse(None, &treated_at).expect("valid");
        let plan = protocol.plan(&treated_at, &zone, &protocol.default_locale(), &Overrides::none());

        let containing: Vec<&str> = plan
            .phases
            .iter()
            .filter(|phase| phase.starts_at.utc <= at && phase.ends_at.as_ref().is_none_or(|end| at < end.utc))
            .map(|phase| phase.id.as_str())
            .collect();
        prop_assert_eq!(containing, vec![lookup.phase.id.as_str()]);
    }
}
