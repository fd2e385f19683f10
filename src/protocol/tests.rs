use super::*;

fn protocol() -> Protocol {
    Protocol::load().expect("the compiled-in content is valid")
}

fn hours(text: &str) -> IsoDuration {
    IsoDuration::parse(text).expect("test durations are valid")
}

#[test]
fn the_compiled_in_content_has_the_fixed_identity_and_languages() {
    let protocol = protocol();

    assert_eq!(protocol.id(), "microneedling-aftercare");
    assert_eq!(protocol.version(), "1.0.0");
    assert_eq!(protocol.languages(), ["en", "es"]);
    assert_eq!(protocol.default_locale().as_str(), "en");
    assert_eq!(protocol.plan_end(), hours("P8W"));
}

#[test]
fn the_phases_have_the_fixed_ids_and_windows() {
    let expected = [
        ("first-24-hours", "PT0H", Some("PT24H")),
        ("hours-24-to-72", "PT24H", Some("PT72H")),
        ("day-3-to-day-7", "PT72H", Some("P7D")),
        ("remodelling", "P7D", Some("P6W")),
        ("results-window", "P6W", Some("P8W")),
        ("maintenance", "P8W", None),
    ];
    let protocol = protocol();

    let actual: Vec<_> = protocol
        .phases()
        .iter()
        .map(|phase| (phase.id(), phase.starts_after(), phase.ends_after()))
        .collect();

    let expected: Vec<_> = expected
        .iter()
        .map(|(id, start, end)| (*id, hours(start), end.map(hours)))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_rules_have_the_fixed_ids_kinds_windows_and_bases() {
    use Basis::{ClinicDefault as C, Guidance as G};
    use RuleKind::{Avoid, Do, Expect, Tip, Warning};
    let expected = [
        ("expect-redness", Expect, "PT48H", G, None),
        ("expect-mild-swelling", Expect, "PT48H", G, None),
        ("expect-minor-itching", Expect, "PT72H", C, None),
        ("tip-cool-compress", Tip, "PT72H", C, None),
        ("avoid-strenuous-activity", Avoid, "PT24H", G, Some("PT24H")),
        ("avoid-direct-sun", Avoid, "PT72H", G, Some("PT72H")),
        ("avoid-makeup", Avoid, "PT72H", C, None),
        ("avoid-exfoliating-products", Avoid, "P7D", C, None),
        ("avoid-active-ingredients", Avoid, "P7D", C, None),
        ("do-gentle-cleanser", Do, "P7D", C, None),
        ("do-keep-skin-clean", Do, "P7D", C, None),
        ("do-follow-provider-directions", Do, "P8W", G, None),
        ("do-moisturize", Do, "P8W", C, None),
        ("do-daily-sunscreen", Do, "P8W", C, None),
        ("do-protective-clothing", Do, "P8W", C, None),
        ("tip-soothing-products", Tip, "P7D", C, None),
        ("warning-contact-provider", Warning, "P8W", C, None),
    ];
    let protocol = protocol();

    assert_eq!(protocol.rules().len(), expected.len());
    for (id, kind, ends_after, basis, minimum) in expected {
        let rule = protocol.rule(id).expect("fixed rule id exists");
        assert_eq!(rule.kind(), kind, "{id}");
        assert_eq!(rule.starts_after(), IsoDuration::ZERO, "{id}");
        assert_eq!(rule.ends_after(), hours(ends_after), "{id}");
        assert_eq!(rule.basis(), basis, "{id}");
        assert_eq!(rule.minimum_ends_after(), hours(minimum.unwrap_or(ends_after)), "{id}");
    }
}

#[test]
fn the_milestones_have_the_fixed_ids_and_offsets() {
    let expected = [
        ("strenuous-activity-may-resume", "PT24H"),
        ("redness-expected-to-subside", "PT48H"),
        ("direct-sun-avoidance-ends", "PT72H"),
        ("makeup-may-resume", "PT72H"),
        ("first-results", "PT72H"),
        ("exfoliants-and-actives-may-resume", "P7D"),
        ("dramatic-results-begin", "P6W"),
        ("dramatic-results-expected", "P8W"),
    ];
    let protocol = protocol();

    let actual: Vec<_> = protocol.milestones().iter().map(|m| (m.id(), m.offset())).collect();

    let expected: Vec<_> = expected.iter().map(|(id, offset)| (*id, hours(offset))).collect();
    assert_eq!(actual, expected);
    assert_eq!(protocol.milestones()[0].ends_rules(), ["avoid-strenuous-activity"]);
}

#[test]
fn every_clinic_default_says_it_is_clinic_adjustable_in_every_language() {
    let protocol = protocol();
    let en = protocol.negotiate(Some("en"), None).expect("supported");
    let es = protocol.negotiate(Some("es"), None).expect("supported");
    let notes = protocol
        .rules()
        .iter()
        .filter(|rule| rule.basis() == Basis::ClinicDefault)
        .map(|rule| (rule.id(), rule.basis_note(&en), rule.basis_note(&es)))
        .chain(
            protocol
                .milestones()
                .iter()
                .filter(|milestone| milestone.basis() == Basis::ClinicDefault)
                .map(|m| (m.id(), m.basis_note(&en), m.basis_note(&es))),
        );

    for (id, english, spanish) in notes {
        assert!(
            english.is_some_and(|note| note.starts_with("Clinic-adjustable default")),
            "{id}"
        );
        assert!(
            spanish.is_some_and(|note| note.contains("ajustable por la clínica")),
            "{id}"
        );
    }
}

#[test]
fn every_spanish_text_is_a_translation_not_a_copy() {
    let protocol = protocol();
    let en = protocol.default_locale();
    let es = protocol.negotiate(Some("es"), None).expect("supported");

    for rule in protocol.rules() {
        assert_ne!(rule.text(&en), rule.text(&es), "{}", rule.id());
        assert_ne!(rule.rationale(&en), rule.rationale(&es), "{}", rule.id());
    }
    for phase in protocol.phases() {
        assert_ne!(phase.name(&en), phase.name(&es), "{}", phase.id());
        assert_ne!(phase.what_to_expect(&en), phase.what_to_expect(&es), "{}", phase.id());
    }
}

#[test]
fn the_ingredient_classes_map_to_the_rules_that_set_their_windows() {
    let protocol = protocol();
    let cases = [
        ("salicylic-acid", Some("avoid-active-ingredients")),
        ("glycolic-acid", Some("avoid-active-ingredients")),
        ("benzoyl-peroxide", Some("avoid-active-ingredients")),
        ("chemical-exfoliant", Some("avoid-exfoliating-products")),
        ("physical-exfoliant", Some("avoid-exfoliating-products")),
        ("aloe-vera", None),
        ("retinol", None),
    ];

    for (class, rule_id) in cases {
        assert_eq!(protocol.restriction_for_class(class).map(Rule::id), rule_id, "{class}");
    }
    let beneficial: Vec<_> = protocol
        .beneficial_classes()
        .iter()
        .map(IngredientClass::class)
        .collect();
    assert_eq!(
        beneficial,
        ["aloe-vera", "cucumber-extract", "green-tea-extract", "niacinamide"]
    );
    assert_eq!(
        protocol.benefit_for_class("niacinamide").map(Rule::id),
        Some("tip-soothing-products")
    );
    assert_eq!(protocol.restricted_classes().len(), 5);
}

#[test]
fn the_routine_and_the_contact_section_come_from_the_rules() {
    let protocol = protocol();
    let rule_ids = |steps: &[RoutineStep]| steps.iter().map(|s| s.rule_id().to_owned()).collect::<Vec<_>>();

    assert_eq!(
        rule_ids(protocol.routine().morning()),
        ["do-gentle-cleanser", "do-moisturize", "do-daily-sunscreen"]
    );
    assert_eq!(
        rule_ids(protocol.routine().evening()),
        ["do-gentle-cleanser", "do-moisturize"]
    );
    assert_eq!(
        rule_ids(protocol.routine().during_the_day()),
        ["tip-soothing-products", "do-protective-clothing"]
    );
    let warnings: Vec<_> = protocol.contact_provider().map(Rule::id).collect();
    assert_eq!(warnings, ["warning-contact-provider"]);
}
