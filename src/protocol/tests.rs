use super::*;
use crate::protocol::fixture;

fn duration(text: &str) -> IsoDuration {
    IsoDuration::parse(text).expect("test durations are valid")
}

#[test]
fn the_protocol_carries_the_identity_and_languages_of_its_data() {
    let protocol = fixture::protocol();

    assert_eq!(protocol.id(), "fixture-protocol");
    assert_eq!(protocol.version(), "0.0.1-fixture");
    assert_eq!(protocol.languages(), ["en", "es"]);
    assert_eq!(protocol.default_locale().as_str(), "en");
}

#[test]
fn the_plan_ends_where_the_open_ended_phase_starts() {
    let protocol = fixture::protocol();

    assert_eq!(protocol.plan_end(), duration("P4D"));
}

#[test]
fn phases_come_in_order_with_their_windows_and_are_found_by_id() {
    let protocol = fixture::protocol();

    let windows: Vec<_> = protocol
        .phases()
        .iter()
        .map(|phase| (phase.id(), phase.starts_after(), phase.ends_after()))
        .collect();

    assert_eq!(
        windows,
        [
            ("fixture-phase-a", IsoDuration::ZERO, Some(duration("PT36H"))),
            ("fixture-phase-b", duration("PT36H"), Some(duration("P4D"))),
            ("fixture-phase-c", duration("P4D"), None),
        ]
    );
    assert_eq!(protocol.phase("fixture-phase-b").map(Phase::order), Some(2));
    assert!(protocol.phase("no-such-phase").is_none());
}

#[test]
fn a_phase_contains_its_start_but_not_its_end() {
    let phase = fixture::protocol().phase("fixture-phase-b").expect("fixture phase");

    assert!(!phase.contains(duration("PT35H59M59S")));
    assert!(phase.contains(duration("PT36H")));
    assert!(!phase.contains(duration("P4D")));
}

#[test]
fn rules_keep_their_data_file_order_and_are_found_by_id() {
    let protocol = fixture::protocol();

    let ids: Vec<&str> = protocol.rules().iter().map(Rule::id).collect();

    assert_eq!(
        ids,
        [
            "fixture-expect",
            "fixture-avoid-guidance",
            "fixture-avoid-default",
            "fixture-do-later",
            "do-daily-sunscreen",
            "fixture-tip",
            "fixture-warning"
        ]
    );
    let later = protocol.rule("fixture-do-later").expect("fixture rule");
    assert_eq!(
        (later.kind(), later.basis(), later.starts_after(), later.ends_after()),
        (RuleKind::Do, Basis::ClinicDefault, duration("PT12H"), duration("P4D"))
    );
    assert!(protocol.rule("no-such-rule").is_none());
}

#[test]
fn the_shortest_override_is_the_guidance_minimum_or_else_the_default_end() {
    let protocol = fixture::protocol();

    let with_minimum = protocol.rule("fixture-avoid-guidance").expect("fixture rule");
    let without = protocol.rule("fixture-avoid-default").expect("fixture rule");

    assert_eq!(with_minimum.minimum_ends_after(), duration("PT24H"));
    assert_eq!(with_minimum.ends_after(), duration("PT48H"));
    assert_eq!(without.minimum_ends_after(), without.ends_after());
}

#[test]
fn texts_and_basis_notes_are_served_in_the_asked_language() {
    let protocol = fixture::protocol();
    let en = protocol.default_locale();
    let es = protocol.negotiate(Some("es"), None).expect("a fixture language");

    let avoid = protocol.rule("fixture-avoid-default").expect("fixture rule");
    let guidance = protocol.rule("fixture-expect").expect("fixture rule");
    let phase = protocol.phase("fixture-phase-a").expect("fixture phase");

    assert_eq!(avoid.text(&en), "Fixture avoid-default text.");
    assert_eq!(avoid.text(&es), "Texto de prueba: evitar (clínica).");
    assert_eq!(avoid.basis_note(&es), Some("Nota de prueba de la clínica (evitar)."));
    assert_eq!(guidance.basis_note(&en), None);
    assert_eq!(phase.name(&es), "Fase de prueba A");
    assert_eq!(
        phase.what_to_expect(&en),
        ["Fixture expectation A1.", "Fixture expectation A2."]
    );
}

#[test]
fn milestones_keep_their_data_file_order_and_name_the_rules_they_end() {
    let protocol = fixture::protocol();

    let milestones: Vec<_> = protocol
        .milestones()
        .iter()
        .map(|milestone| (milestone.id(), milestone.offset(), milestone.ends_rules().len()))
        .collect();

    assert_eq!(
        milestones,
        [
            ("fixture-moment", duration("P3DT12H"), 0),
            ("fixture-default-ends", duration("PT72H"), 1),
            ("fixture-two-rules-end", duration("PT48H"), 2),
        ]
    );
    assert_eq!(protocol.milestones()[1].ends_rules(), ["fixture-avoid-default"]);
}

#[test]
fn ingredient_classes_map_to_the_rules_that_set_their_windows() {
    let protocol = fixture::protocol();
    let cases = [
        ("fixture-acid", Some("fixture-avoid-default")),
        ("fixture-scrub", Some("fixture-avoid-guidance")),
        ("fixture-soother", None),
        ("no-such-class", None),
    ];

    for (class, rule_id) in cases {
        assert_eq!(protocol.restriction_for_class(class).map(Rule::id), rule_id, "{class}");
    }
    assert_eq!(
        protocol.benefit_for_class("fixture-soother").map(Rule::id),
        Some("fixture-tip")
    );
    assert!(protocol.benefit_for_class("fixture-acid").is_none());
    let restricted: Vec<_> = protocol
        .restricted_classes()
        .iter()
        .map(IngredientClass::class)
        .collect();
    assert_eq!(restricted, ["fixture-acid", "fixture-scrub"]);
    let beneficial: Vec<_> = protocol
        .beneficial_classes()
        .iter()
        .map(IngredientClass::class)
        .collect();
    assert_eq!(beneficial, ["fixture-soother"]);
}

#[test]
fn the_routine_and_the_contact_section_come_from_the_rules() {
    let protocol = fixture::protocol();
    let rule_ids = |steps: &[RoutineStep]| steps.iter().map(|s| s.rule_id().to_owned()).collect::<Vec<_>>();

    assert_eq!(
        rule_ids(protocol.routine().steps()),
        ["do-daily-sunscreen", "fixture-do-later", "fixture-tip"]
    );
    let warnings: Vec<_> = protocol.contact_provider().map(Rule::id).collect();
    assert_eq!(warnings, ["fixture-warning"]);
}
