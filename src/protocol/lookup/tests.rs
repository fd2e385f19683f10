use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use proptest::prelude::*;

use crate::protocol::fixture;
use crate::protocol::{At, LookupError, Overrides, PatientZone, PhaseLookup, TreatedAt};

const TREATED_AT: &str = "2026-05-01T08:00:00Z";

fn lookup_at(treated_at: &str, at: DateTime<Utc>, zone: Option<&str>) -> Result<PhaseLookup, LookupError> {
    let protocol = fixture::protocol();
    let treated_at = TreatedAt::parse(treated_at).expect("valid treated_at");
    let zone = PatientZone::parse(zone, &treated_at).expect("valid zone");
    let at = At::parse(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)).expect("valid at");
    protocol.phase_at(&treated_at, &at, &zone, &protocol.default_locale(), &Overrides::none())
}

fn after_treatment(delta: TimeDelta) -> DateTime<Utc> {
    after_utc(TREATED_AT) + delta
}

fn after_utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("valid").with_timezone(&Utc)
}

fn lookup_after(delta: TimeDelta) -> PhaseLookup {
    lookup_at(TREATED_AT, after_treatment(delta), None).expect("not before treatment")
}

fn rules_in_force(delta: TimeDelta) -> Vec<String> {
    lookup_after(delta)
        .rules_in_force
        .into_iter()
        .map(|rule| rule.id)
        .collect()
}

// The fixture's phases start at PT0H, PT36H and P4D.

#[test]
fn every_phase_boundary_belongs_to_the_phase_that_starts_there() {
    let hour = TimeDelta::hours(1);
    let nanosecond = TimeDelta::nanoseconds(1);
    let second = TimeDelta::seconds(1);
    let cases = [
        (TimeDelta::zero(), "fixture-phase-a"),
        (hour * 36 - nanosecond, "fixture-phase-a"),
        (hour * 36 - second, "fixture-phase-a"),
        (hour * 36, "fixture-phase-b"),
        (TimeDelta::days(4) - nanosecond, "fixture-phase-b"),
        (TimeDelta::days(4), "fixture-phase-c"),
        (TimeDelta::days(3650), "fixture-phase-c"),
    ];
    for (delta, expected) in cases {
        assert_eq!(lookup_after(delta).phase.id, expected, "{delta}");
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
    let tip = "fixture-tip".to_owned();
    let later = "fixture-do-later".to_owned();

    assert!(rules_in_force(TimeDelta::hours(24) - TimeDelta::seconds(1)).contains(&tip));
    assert!(!rules_in_force(TimeDelta::hours(24)).contains(&tip));
    assert!(!rules_in_force(TimeDelta::hours(12) - TimeDelta::nanoseconds(1)).contains(&later));
    assert!(rules_in_force(TimeDelta::hours(12)).contains(&later));
    assert_eq!(rules_in_force(TimeDelta::days(4)), ["do-daily-sunscreen"]);
    assert_eq!(rules_in_force(TimeDelta::weeks(500)), ["do-daily-sunscreen"]);
}

#[test]
fn a_minimum_moves_its_rule_to_past_minimum_and_never_ends_it() {
    let lookup = |delta| lookup_after(delta);
    let ids = |rules: &[crate::protocol::RuleInForce]| rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();

    let before = lookup(TimeDelta::hours(48) - TimeDelta::seconds(1));
    assert!(ids(&before.rules_in_force).contains(&"fixture-avoid-guidance".to_owned()));
    assert!(before.rules_past_minimum.is_empty());
    let after = lookup(TimeDelta::hours(48));
    assert!(!ids(&after.rules_in_force).contains(&"fixture-avoid-guidance".to_owned()));
    assert_eq!(ids(&after.rules_past_minimum), ["fixture-avoid-guidance"]);
    let long_after = lookup(TimeDelta::weeks(20));
    assert_eq!(
        ids(&long_after.rules_past_minimum),
        ["fixture-avoid-guidance", "fixture-avoid-default"]
    );
    assert_eq!(long_after.provider_first, "Fixture provider first.");
}

#[test]
fn the_lookup_reports_elapsed_time_the_next_phase_and_milestones() {
    let lookup = lookup_after(TimeDelta::hours(72));

    let passed: Vec<&str> = lookup.milestones_passed.iter().map(|m| m.id.as_str()).collect();
    let upcoming: Vec<&str> = lookup.milestones_upcoming.iter().map(|m| m.id.as_str()).collect();
    let in_force: Vec<&str> = lookup.rules_in_force.iter().map(|r| r.id.as_str()).collect();
    let next = lookup.next_phase.expect("not the last phase");

    assert_eq!(lookup.elapsed.to_string(), "PT72H");
    assert_eq!(lookup.phase.id, "fixture-phase-b");
    assert_eq!(lookup.phase.starts_at.utc.to_rfc3339(), "2026-05-02T20:00:00+00:00");
    assert_eq!(
        (next.id.as_str(), next.name.as_str(), next.starts_at.utc.to_rfc3339()),
        (
            "fixture-phase-c",
            "Fixture phase C",
            "2026-05-05T08:00:00+00:00".to_owned()
        )
    );
    assert_eq!(
        passed,
        ["fixture-two-rules-end", "fixture-default-ends"],
        "a milestone at `at` has passed"
    );
    assert_eq!(upcoming, ["fixture-moment"]);
    assert_eq!(in_force, ["fixture-do-later", "do-daily-sunscreen", "fixture-warning"]);
}

#[test]
fn an_override_changes_what_is_in_force_and_when_its_milestone_comes() {
    let protocol = fixture::protocol();
    let treated_at = TreatedAt::parse(TREATED_AT).expect("valid");
    let zone = PatientZone::parse(None, &treated_at).expect("valid");
    let requested = [("fixture-avoid-default".to_owned(), "P4D".to_owned())].into();
    let overrides = Overrides::parse(protocol, &requested).expect("valid override");
    let at = At::from_utc(after_treatment(TimeDelta::hours(80))).expect("valid");

    let lookup = protocol
        .phase_at(&treated_at, &at, &zone, &protocol.default_locale(), &overrides)
        .expect("valid");

    let avoid = lookup
        .rules_in_force
        .iter()
        .find(|rule| rule.id == "fixture-avoid-default")
        .expect("in force until its lengthened minimum");
    assert_eq!(
        avoid
            .window
            .at_least_until
            .as_ref()
            .map(|end| end.utc.to_rfc3339())
            .as_deref(),
        Some("2026-05-05T08:00:00+00:00")
    );
    assert_eq!(avoid.window.ends_at, None);
    assert_eq!(avoid.patient_note.as_deref(), Some("Fixture clinic may change."));
    assert_eq!(
        lookup.milestones_upcoming.last().map(|m| m.id.as_str()),
        Some("fixture-default-ends")
    );
}

#[test]
fn the_last_phase_has_no_next_phase_and_elapsed_time_keeps_seconds() {
    let delta = TimeDelta::weeks(9) + TimeDelta::minutes(90) + TimeDelta::milliseconds(5_500);

    let lookup = lookup_after(delta);

    assert!(lookup.next_phase.is_none());
    assert!(lookup.phase.ends_at.is_none());
    assert_eq!(lookup.elapsed.to_string(), "PT1513H30M5S");
}

#[test]
fn the_phase_is_the_same_object_as_in_the_plan() {
    let protocol = fixture::protocol();
    let treated_at = TreatedAt::parse(TREATED_AT).expect("valid");
    let zone = PatientZone::parse(Some("Europe/Paris"), &treated_at).expect("valid");
    let locale = protocol.negotiate(Some("es"), None).expect("a fixture language");
    let plan = protocol.plan(&treated_at, &zone, &locale, &Overrides::none());
    let at = At::parse("2026-05-03T12:00:00+02:00").expect("valid");

    let lookup = protocol
        .phase_at(&treated_at, &at, &zone, &locale, &Overrides::none())
        .expect("valid");

    assert_eq!(lookup.phase, plan.phases[1]);
    assert_eq!(lookup.phase.name, "Fase de prueba B");
    assert_eq!(lookup.at.local, "2026-05-03T12:00:00+02:00");
}

#[test]
fn a_lookup_across_the_paris_spring_change_shows_the_new_offset() {
    let lookup = lookup_at(
        "2026-03-28T20:00:00+01:00",
        after_utc("2026-03-30T07:00:00Z"),
        Some("Europe/Paris"),
    )
    .expect("valid");

    assert_eq!(lookup.phase.id, "fixture-phase-b");
    assert_eq!(lookup.phase.starts_at.local, "2026-03-30T09:00:00+02:00");
    assert_eq!(lookup.at.local, "2026-03-30T09:00:00+02:00");
    assert_eq!(lookup.elapsed.to_string(), "PT36H");
}

proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn every_instant_at_or_after_treatment_falls_in_exactly_one_phase(
        treated in 946_684_800i64..=4_000_000_000, elapsed in 0i64..=20_000_000, nanos in 0u32..1_000_000_000,
    ) {
        let treated_at = DateTime::from_timestamp(treated, 0).expect("in range").to_rfc3339();
        let at = DateTime::from_timestamp(treated + elapsed, nanos).expect("in range");

        let lookup = lookup_at(&treated_at, at, None).expect("at is after treatment");
        let protocol = fixture::protocol();
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
