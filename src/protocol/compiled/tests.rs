use std::sync::LazyLock;

use proptest::prelude::*;

use super::*;
use crate::protocol::fixture;

/// The templates must render what the serialiser writes for any valid content: they are checked
/// on the fixture and on the shipped content, without asserting either's values.
fn contents() -> &'static [(Protocol, CompiledResponses); 2] {
    static CONTENTS: LazyLock<[(Protocol, CompiledResponses); 2]> = LazyLock::new(|| {
        [fixture::protocol().clone(), Protocol::load().expect("valid")].map(|protocol| {
            let compiled = CompiledResponses::build(&protocol).expect("compiles");
            (protocol, compiled)
        })
    });
    &CONTENTS
}

fn zone_strategy() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        Just(None),
        Just(Some("America/New_York")),
        Just(Some("Europe/Paris")),
        Just(Some("Australia/Lord_Howe")),
        Just(Some("Asia/Kathmandu")),
        Just(Some("UTC")),
    ]
}

fn instant(seconds: i64, nanos: u32) -> String {
    DateTime::<Utc>::from_timestamp(seconds, nanos).unwrap().to_rfc3339()
}

proptest! {
    #![proptest_config(crate::proptest_config::with_cases(256))]

    #[test]
    fn rendered_plans_equal_serialised_plans(seconds in 946_684_800i64..4_102_444_799, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000], zone in zone_strategy(), spanish: bool, content in 0usize..2) {
        let (protocol, compiled) = &contents()[content];
        let treated_at = TreatedAt::parse(&instant(seconds, nanos)).unwrap();
        let zone = PatientZone::parse(zone, &treated_at).unwrap();
        let locale = protocol.negotiate(Some(if spanish { "es" } else { "en" }), None).unwrap();
        let fast = compiled.plan(protocol, &treated_at, &zone, &locale, &Overrides::none());
        let slow = serde_json::to_vec(&protocol.plan(&treated_at, &zone, &locale, &Overrides::none())).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
    }

    #[test]
    fn rendered_lookups_equal_serialised_lookups(seconds in 946_684_800i64..4_000_000_000, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000], after in prop_oneof![0i64..200 * 3600, (0i64..1400).prop_map(|h| h * 3600), Just(24 * 3600), Just(36 * 3600)], after_nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000], zone in zone_strategy(), spanish: bool, content in 0usize..2) {
        let (protocol, compiled) = &contents()[content];
        let treated_at = TreatedAt::parse(&instant(seconds, nanos)).unwrap();
        let at_utc = treated_at.utc() + TimeDelta::seconds(after) + TimeDelta::nanoseconds(i64::from(after_nanos));
        let at = At::from_utc(at_utc).unwrap();
        let zone = PatientZone::parse(zone, &treated_at).unwrap();
        let locale = protocol.negotiate(Some(if spanish { "es" } else { "en" }), None).unwrap();
        let fast = compiled.lookup(protocol, &treated_at, &at, &zone, &locale, &Overrides::none()).unwrap();
        let slow = serde_json::to_vec(&protocol.phase_at(&treated_at, &at, &zone, &locale, &Overrides::none()).unwrap()).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
    }
}

#[test]
fn every_interval_boundary_renders_like_the_serialiser() {
    let treated_at = TreatedAt::parse("2026-03-07T10:00:00-05:00").unwrap();
    let zone = PatientZone::parse(Some("America/New_York"), &treated_at).unwrap();
    for (protocol, compiled) in contents() {
        let locale = protocol.default_locale();
        for start in interval_starts(protocol) {
            for nudge in [TimeDelta::zero(), TimeDelta::nanoseconds(-1), TimeDelta::nanoseconds(1)] {
                let Ok(at) = At::from_utc(treated_at.utc() + start + nudge) else {
                    continue;
                };
                let Ok(slow) = protocol.phase_at(&treated_at, &at, &zone, &locale, &Overrides::none()) else {
                    continue;
                };
                let fast = compiled
                    .lookup(protocol, &treated_at, &at, &zone, &locale, &Overrides::none())
                    .unwrap();
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    serde_json::to_string(&slow).unwrap(),
                    "{} at {start} {nudge}",
                    protocol.id()
                );
            }
        }
    }
}

#[test]
fn static_answers_are_the_serialised_descriptions() {
    for (protocol, compiled) in contents() {
        let locale = protocol.negotiate(Some("es"), None).unwrap();
        let phases = compiled.phases(&locale).unwrap();
        assert_eq!(
            phases,
            serde_json::to_vec(&protocol.phase_descriptions(&locale)).unwrap()
        );
        for phase in protocol.phases() {
            let description = protocol.phase_description(phase.id(), &locale).unwrap();
            assert_eq!(
                compiled.phase(&locale, phase.id()).unwrap(),
                serde_json::to_vec(&description).unwrap()
            );
        }
        assert!(compiled.phase(&locale, "no-such-phase").is_none());
    }
}

#[test]
fn a_lookup_before_treatment_is_refused() {
    let (protocol, compiled) = &contents()[0];
    let treated_at = TreatedAt::parse("2026-03-07T10:00:00Z").unwrap();
    let at = At::parse("2026-03-07T09:59:59Z").unwrap();
    let zone = PatientZone::parse(None, &treated_at).unwrap();
    let locale = protocol.default_locale();
    let result = compiled.lookup(protocol, &treated_at, &at, &zone, &locale, &Overrides::none());
    assert_eq!(result.unwrap_err(), LookupError::BeforeTreatment);
}

#[test]
fn templates_render_without_falling_back_to_the_serialiser() {
    let treated_at = TreatedAt::parse("2026-11-01T01:30:00-04:00").unwrap();
    let zone = PatientZone::parse(Some("America/New_York"), &treated_at).unwrap();
    for (protocol, compiled) in contents() {
        let responses = &compiled.by_locale[&protocol.default_locale()];
        let plan = Fill {
            treated_at: treated_at.utc(),
            zone: &zone,
            at: None,
            elapsed: None,
        };
        assert!(responses.plan.render(&plan).is_some());
        let at = treated_at.utc() + TimeDelta::hours(30);
        let lookup = Fill {
            at: Some(at),
            elapsed: IsoDuration::between(treated_at.utc(), at),
            ..plan
        };
        for (_, template) in &responses.lookups {
            assert!(template.render(&lookup).is_some());
        }
    }
}
