//! Validation is tested on the fixture protocol (`tests/fixtures/protocol/`): each case breaks one
//! entry of it, so no case depends on the shipped files' wording or durations; the shipped content
//! is held by the content contract (`tests/api/content_contract.rs`).

use crate::protocol::fixture;
use crate::protocol::{ContentError, ContentFile, ContentProblem, ContentSources, DurationError, Protocol};

/// A case: what is broken, the outcome, the expected outcome.
type Case = (
    &'static str,
    Result<Protocol, ContentError>,
    Result<Protocol, ContentError>,
);

type Pick = fn(&mut ContentSources) -> &mut ContentFile;

fn phases(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.phases
}
fn rules(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.rules
}
fn milestones(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.milestones
}
fn routine(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.routine
}
fn ingredients(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.ingredient_guidance
}
fn header(s: &mut ContentSources) -> &mut ContentFile {
    &mut s.protocol
}

/// Replaces the first `from` after `anchor` in the picked fixture file and loads the result.
fn load_with(pick: Pick, anchor: &str, from: &str, to: &str) -> Result<Protocol, ContentError> {
    let mut sources = fixture::sources();
    let file = pick(&mut sources);
    let start = file
        .text
        .find(anchor)
        .unwrap_or_else(|| panic!("anchor {anchor:?} exists"));
    let offset = file.text[start..]
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} follows {anchor:?}"));
    file.text.replace_range(start + offset..start + offset + from.len(), to);
    Protocol::from_sources(&sources)
}

/// The refusal of `entry` in the fixture's `protocol/<file>`.
fn invalid(file: &str, entry: &str, problem: ContentProblem) -> Result<Protocol, ContentError> {
    Err(ContentError::Invalid {
        file: format!("tests/fixtures/protocol/{file}"),
        entry: entry.into(),
        problem,
    })
}

fn sequence(message: &'static str) -> ContentProblem {
    ContentProblem::PhaseSequence(message)
}

fn missing(field: &str, language: &str) -> ContentProblem {
    ContentProblem::MissingTranslation {
        field: field.into(),
        language: language.into(),
    }
}

fn unknown_rule(rule: &str) -> ContentProblem {
    ContentProblem::UnknownRule { rule: rule.into() }
}

#[test]
fn the_compiled_in_content_is_valid() {
    assert!(Protocol::load().is_ok());
}

#[test]
fn every_broken_entry_is_reported_with_its_file_and_id() {
    // The fixture's plan ends where its last phase starts, at P4D.
    let outside = || ContentProblem::OutsidePlan {
        plan_end: "PT96H".into(),
    };
    let cases: Vec<Case> = vec![
        (
            "a gap between phases",
            load_with(phases, "id = \"fixture-phase-b\"", "\"PT36H\"", "\"PT37H\""),
            invalid(
                "phases.toml",
                "fixture-phase-b",
                sequence("leaves a gap after the previous phase"),
            ),
        ),
        (
            "overlapping phases",
            load_with(phases, "id = \"fixture-phase-b\"", "\"PT36H\"", "\"PT35H\""),
            invalid(
                "phases.toml",
                "fixture-phase-b",
                sequence("overlaps the previous phase"),
            ),
        ),
        (
            "a first phase not starting at zero",
            load_with(phases, "id = \"fixture-phase-a\"", "\"PT0H\"", "\"PT1H\""),
            invalid(
                "phases.toml",
                "fixture-phase-a",
                sequence("the first phase must start at PT0H"),
            ),
        ),
        (
            "a last phase with an end",
            load_with(
                phases,
                "id = \"fixture-phase-c\"",
                "starts_after = \"P4D\"",
                "starts_after = \"P4D\"\nends_after = \"P5D\"",
            ),
            invalid(
                "phases.toml",
                "fixture-phase-c",
                sequence("the last phase must be open-ended"),
            ),
        ),
        (
            "an open-ended phase before the last",
            load_with(phases, "id = \"fixture-phase-b\"", "ends_after = \"P4D\"", ""),
            invalid(
                "phases.toml",
                "fixture-phase-b",
                sequence("only the last phase may be open-ended"),
            ),
        ),
        (
            "a phase ending where it starts",
            load_with(phases, "id = \"fixture-phase-b\"", "\"P4D\"", "\"PT36H\""),
            invalid("phases.toml", "fixture-phase-b", ContentProblem::EmptyWindow),
        ),
        (
            "a duplicate phase id",
            load_with(phases, "id = \"fixture-phase-c\"", "fixture-phase-c", "fixture-phase-b"),
            invalid("phases.toml", "fixture-phase-b", ContentProblem::DuplicateId),
        ),
        (
            "a rule window beyond the plan",
            load_with(rules, "id = \"fixture-do-later\"", "\"P4D\"", "\"P5D\""),
            invalid("rules.toml", "fixture-do-later", outside()),
        ),
        (
            "a rule window ending at its start",
            load_with(rules, "id = \"fixture-avoid-default\"", "\"PT72H\"", "\"PT0H\""),
            invalid("rules.toml", "fixture-avoid-default", ContentProblem::EmptyWindow),
        ),
        (
            "a duplicate rule id",
            load_with(rules, "id = \"fixture-warning\"", "fixture-warning", "fixture-expect"),
            invalid("rules.toml", "fixture-expect", ContentProblem::DuplicateId),
        ),
        (
            "a bad duration string",
            load_with(rules, "id = \"fixture-avoid-default\"", "\"PT72H\"", "\"3 days\""),
            invalid(
                "rules.toml",
                "fixture-avoid-default",
                ContentProblem::BadDuration {
                    field: "ends_after",
                    source: DurationError::Malformed,
                },
            ),
        ),
        (
            "a minimum longer than the window",
            load_with(
                rules,
                "id = \"fixture-avoid-guidance\"",
                "minimum_ends_after = \"PT24H\"",
                "minimum_ends_after = \"P3D\"",
            ),
            invalid(
                "rules.toml",
                "fixture-avoid-guidance",
                ContentProblem::MinimumOutsideWindow,
            ),
        ),
        (
            "a missing Spanish translation",
            load_with(rules, "id = \"fixture-tip\"", "es = \"Texto", "en-GB = \"Texto"),
            invalid("rules.toml", "fixture-tip", missing("text", "es")),
        ),
        (
            "a translation in an undeclared language",
            load_with(
                rules,
                "id = \"fixture-tip\"",
                "es = \"Texto",
                "fr = \"x\"\nes = \"Texto",
            ),
            invalid(
                "rules.toml",
                "fixture-tip",
                ContentProblem::UndeclaredLanguage {
                    field: "text".into(),
                    language: "fr".into(),
                },
            ),
        ),
        (
            "a bad phase duration",
            load_with(phases, "id = \"fixture-phase-b\"", "\"P4D\"", "\"P1M\""),
            invalid(
                "phases.toml",
                "fixture-phase-b",
                ContentProblem::BadDuration {
                    field: "ends_after",
                    source: DurationError::CalendarUnit,
                },
            ),
        ),
        (
            "a bad milestone duration",
            load_with(milestones, "id = \"fixture-moment\"", "\"P3DT12H\"", "\"P3DT12\""),
            invalid(
                "milestones.toml",
                "fixture-moment",
                ContentProblem::BadDuration {
                    field: "offset",
                    source: DurationError::Malformed,
                },
            ),
        ),
        (
            "a routine step missing a translation",
            load_with(routine, "rule = \"fixture-tip\"", "es = ", "en-US = "),
            invalid("routine.toml", "steps[3]", missing("text", "es")),
        ),
        (
            "a duplicate milestone id",
            load_with(
                milestones,
                "id = \"fixture-moment\"",
                "fixture-moment",
                "fixture-default-ends",
            ),
            invalid("milestones.toml", "fixture-default-ends", ContentProblem::DuplicateId),
        ),
        (
            "a milestone after the plan",
            load_with(milestones, "id = \"fixture-moment\"", "\"P3DT12H\"", "\"P5D\""),
            invalid("milestones.toml", "fixture-moment", outside()),
        ),
        (
            "a milestone ending an unknown rule",
            load_with(
                milestones,
                "id = \"fixture-default-ends\"",
                "\"fixture-avoid-default\"",
                "\"fixture-avoid-lipstick\"",
            ),
            invalid(
                "milestones.toml",
                "fixture-default-ends",
                unknown_rule("fixture-avoid-lipstick"),
            ),
        ),
        (
            "a milestone marking a rule's end that repeats the offset",
            load_with(
                milestones,
                "id = \"fixture-default-ends\"",
                "marks_end_of",
                "offset = \"PT72H\"\nmarks_end_of",
            ),
            invalid(
                "milestones.toml",
                "fixture-default-ends",
                ContentProblem::MilestoneTiming("both"),
            ),
        ),
        (
            "a milestone with neither an offset nor a rule whose end it marks",
            load_with(milestones, "id = \"fixture-moment\"", "offset = \"P3DT12H\"\n", ""),
            invalid(
                "milestones.toml",
                "fixture-moment",
                ContentProblem::MilestoneTiming("neither"),
            ),
        ),
        (
            "a routine step from an unknown rule",
            load_with(
                routine,
                "Paso de prueba: protector solar.",
                "\"fixture-do-later\"",
                "\"fixture-do-never\"",
            ),
            invalid("routine.toml", "steps[2]", unknown_rule("fixture-do-never")),
        ),
        (
            "an ingredient class restricted by an unknown rule",
            load_with(
                ingredients,
                "\"fixture-scrub\"",
                "\"fixture-avoid-guidance\"",
                "\"fixture-avoid-acids\"",
            ),
            invalid(
                "ingredient_guidance.toml",
                "fixture-scrub",
                unknown_rule("fixture-avoid-acids"),
            ),
        ),
        (
            "an ingredient class restricted by a rule that is not an avoid rule",
            load_with(
                ingredients,
                "\"fixture-scrub\"",
                "\"fixture-avoid-guidance\"",
                "\"fixture-do-later\"",
            ),
            invalid(
                "ingredient_guidance.toml",
                "fixture-scrub",
                ContentProblem::WrongRuleKind {
                    rule: "fixture-do-later".into(),
                    expected: "avoid",
                },
            ),
        ),
        (
            "a duplicate ingredient class",
            load_with(
                ingredients,
                "class = \"fixture-scrub\"",
                "fixture-scrub",
                "fixture-acid",
            ),
            invalid("ingredient_guidance.toml", "fixture-acid", ContentProblem::DuplicateId),
        ),
        (
            "a declared language without translations",
            load_with(header, "languages", "[\"en\", \"es\"]", "[\"en\", \"es\", \"fr\"]"),
            // protocol.toml's own texts are checked first.
            invalid("protocol.toml", "texts", missing("provider_first", "fr")),
        ),
        (
            "a default language that is not declared",
            load_with(header, "default_language", "\"en\"", "\"de\""),
            invalid(
                "protocol.toml",
                "protocol",
                ContentProblem::Other("default_language must be one of languages"),
            ),
        ),
    ];
    for (case, actual, expected) in cases {
        assert_eq!(actual, expected, "{case}");
    }
}

#[test]
fn a_milestone_marking_rule_ends_falls_at_the_latest_of_them_and_follows_an_edit() {
    // fixture-two-rules-end marks the ends of fixture-expect (PT36H) and fixture-avoid-guidance
    // (PT48H); lengthening the earlier one past the other moves the milestone to it.
    let moved = load_with(rules, "id = \"fixture-expect\"", "\"PT36H\"", "\"P3D\"").expect("valid");
    let milestone = |protocol: &Protocol| {
        protocol
            .milestones()
            .iter()
            .find(|milestone| milestone.id() == "fixture-two-rules-end")
            .map(|milestone| milestone.offset().to_string())
    };

    assert_eq!(milestone(fixture::protocol()).as_deref(), Some("PT48H"));
    assert_eq!(milestone(&moved).as_deref(), Some("PT72H"));
}

#[test]
fn a_clinic_default_rule_without_a_basis_note_is_refused() {
    let mut sources = fixture::sources();
    let start = sources
        .rules
        .text
        .find("id = \"fixture-avoid-default\"")
        .expect("rule exists");
    let note = start
        + sources.rules.text[start..]
            .find("[rules.basis_note]")
            .expect("note exists");
    let note_end = note + sources.rules.text[note..].find("\n\n").expect("blank line follows");
    sources.rules.text.replace_range(note..note_end, "");

    let result = Protocol::from_sources(&sources);

    assert_eq!(
        result,
        invalid("rules.toml", "fixture-avoid-default", ContentProblem::MissingBasisNote)
    );
}

#[test]
fn an_unknown_field_is_refused_naming_the_file_and_the_field() {
    let error = load_with(
        rules,
        "id = \"fixture-avoid-default\"",
        "kind = \"avoid\"",
        "kind = \"avoid\"\ncolour = \"red\"",
    )
    .expect_err("unknown fields are refused");

    let message = error.to_string();
    assert!(message.starts_with("tests/fixtures/protocol/rules.toml: "), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn a_toml_syntax_error_names_the_file() {
    let error = load_with(milestones, "id = \"fixture-moment\"", "offset = ", "offset == ").expect_err("not TOML");

    assert!(
        error
            .to_string()
            .starts_with("tests/fixtures/protocol/milestones.toml: "),
        "{error}"
    );
}

#[test]
fn the_message_names_the_file_the_entry_and_the_problem() {
    let error = load_with(phases, "id = \"fixture-phase-b\"", "\"PT36H\"", "\"PT37H\"").expect_err("a gap is refused");

    assert_eq!(
        error.to_string(),
        "tests/fixtures/protocol/phases.toml: entry `fixture-phase-b`: leaves a gap after the previous phase"
    );
}
