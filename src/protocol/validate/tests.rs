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

/// Replaces the first `from` after `anchor` in the picked file and loads the result.
fn load_with(pick: Pick, anchor: &str, from: &str, to: &str) -> Result<Protocol, ContentError> {
    let mut sources = ContentSources::compiled_in();
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

fn invalid(file: &str, entry: &str, problem: ContentProblem) -> Result<Protocol, ContentError> {
    Err(ContentError::Invalid {
        file: file.into(),
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
    let outside = || ContentProblem::OutsidePlan {
        plan_end: "PT1344H".into(),
    };
    let cases: Vec<Case> = vec![
        (
            "a gap between phases",
            load_with(
                phases,
                "id = \"remodelling\"",
                "starts_after = \"P7D\"",
                "starts_after = \"P8D\"",
            ),
            invalid(
                "src/content/protocol/phases.toml",
                "remodelling",
                sequence("leaves a gap after the previous phase"),
            ),
        ),
        (
            "overlapping phases",
            load_with(
                phases,
                "id = \"remodelling\"",
                "starts_after = \"P7D\"",
                "starts_after = \"P6D\"",
            ),
            invalid(
                "src/content/protocol/phases.toml",
                "remodelling",
                sequence("overlaps the previous phase"),
            ),
        ),
        (
            "a first phase not starting at zero",
            load_with(phases, "id = \"first-24-hours\"", "\"PT0H\"", "\"PT1H\""),
            invalid(
                "src/content/protocol/phases.toml",
                "first-24-hours",
                sequence("the first phase must start at PT0H"),
            ),
        ),
        (
            "a last phase with an end",
            load_with(
                phases,
                "id = \"maintenance\"",
                "starts_after = \"P8W\"",
                "starts_after = \"P8W\"\nends_after = \"P12W\"",
            ),
            invalid(
                "src/content/protocol/phases.toml",
                "maintenance",
                sequence("the last phase must be open-ended"),
            ),
        ),
        (
            "an open-ended phase before the last",
            load_with(phases, "id = \"results-window\"", "ends_after = \"P8W\"", ""),
            invalid(
                "src/content/protocol/phases.toml",
                "results-window",
                sequence("only the last phase may be open-ended"),
            ),
        ),
        (
            "a phase ending before it starts",
            load_with(
                phases,
                "id = \"remodelling\"",
                "ends_after = \"P6W\"",
                "ends_after = \"P7D\"",
            ),
            invalid(
                "src/content/protocol/phases.toml",
                "remodelling",
                ContentProblem::EmptyWindow,
            ),
        ),
        (
            "a duplicate phase id",
            load_with(phases, "id = \"maintenance\"", "maintenance", "results-window"),
            invalid(
                "src/content/protocol/phases.toml",
                "results-window",
                ContentProblem::DuplicateId,
            ),
        ),
        (
            "a rule window beyond the plan",
            load_with(rules, "id = \"do-moisturize\"", "\"P8W\"", "\"P9W\""),
            invalid("src/content/protocol/rules.toml", "do-moisturize", outside()),
        ),
        (
            "a rule window ending at its start",
            load_with(
                rules,
                "id = \"avoid-makeup\"",
                "ends_after = \"PT72H\"",
                "ends_after = \"PT0H\"",
            ),
            invalid(
                "src/content/protocol/rules.toml",
                "avoid-makeup",
                ContentProblem::EmptyWindow,
            ),
        ),
        (
            "a duplicate rule id",
            load_with(rules, "id = \"avoid-makeup\"", "avoid-makeup", "avoid-direct-sun"),
            invalid(
                "src/content/protocol/rules.toml",
                "avoid-direct-sun",
                ContentProblem::DuplicateId,
            ),
        ),
        (
            "a bad duration string",
            load_with(rules, "id = \"avoid-makeup\"", "\"PT72H\"", "\"3 days\""),
            invalid(
                "src/content/protocol/rules.toml",
                "avoid-makeup",
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
                "id = \"avoid-direct-sun\"",
                "minimum_ends_after = \"PT72H\"",
                "minimum_ends_after = \"P4D\"",
            ),
            invalid(
                "src/content/protocol/rules.toml",
                "avoid-direct-sun",
                ContentProblem::MinimumOutsideWindow,
            ),
        ),
        (
            "a missing Spanish translation",
            load_with(
                rules,
                "id = \"tip-cool-compress\"",
                "es = \"Si te pica",
                "en-GB = \"Si te pica",
            ),
            invalid(
                "src/content/protocol/rules.toml",
                "tip-cool-compress",
                missing("text", "es"),
            ),
        ),
        (
            "a translation in an undeclared language",
            load_with(
                rules,
                "id = \"tip-cool-compress\"",
                "es = \"Si te pica",
                "fr = \"x\"\nes = \"Si te pica",
            ),
            invalid(
                "src/content/protocol/rules.toml",
                "tip-cool-compress",
                ContentProblem::UndeclaredLanguage {
                    field: "text".into(),
                    language: "fr".into(),
                },
            ),
        ),
        (
            "a bad phase duration",
            load_with(phases, "id = \"day-3-to-day-7\"", "\"P7D\"", "\"P1M\""),
            invalid(
                "src/content/protocol/phases.toml",
                "day-3-to-day-7",
                ContentProblem::BadDuration {
                    field: "ends_after",
                    source: DurationError::CalendarUnit,
                },
            ),
        ),
        (
            "a bad milestone duration",
            load_with(milestones, "id = \"first-results\"", "\"PT72H\"", "\"PT72\""),
            invalid(
                "src/content/protocol/milestones.toml",
                "first-results",
                ContentProblem::BadDuration {
                    field: "offset",
                    source: DurationError::Malformed,
                },
            ),
        ),
        (
            "a routine step missing a translation",
            load_with(routine, "[[during_the_day]]", "es = ", "en-US = "),
            invalid(
                "src/content/protocol/routine.toml",
                "during_the_day[1]",
                missing("text", "es"),
            ),
        ),
        (
            "a duplicate milestone id",
            load_with(
                milestones,
                "id = \"first-results\"",
                "first-results",
                "makeup-may-resume",
            ),
            invalid(
                "src/content/protocol/milestones.toml",
                "makeup-may-resume",
                ContentProblem::DuplicateId,
            ),
        ),
        (
            "a milestone after the plan",
            load_with(milestones, "id = \"dramatic-results-expected\"", "\"P8W\"", "\"P9W\""),
            invalid(
                "src/content/protocol/milestones.toml",
                "dramatic-results-expected",
                outside(),
            ),
        ),
        (
            "a milestone ending an unknown rule",
            load_with(
                milestones,
                "id = \"makeup-may-resume\"",
                "\"avoid-makeup\"",
                "\"avoid-lipstick\"",
            ),
            invalid(
                "src/content/protocol/milestones.toml",
                "makeup-may-resume",
                unknown_rule("avoid-lipstick"),
            ),
        ),
        (
            "a milestone marking a rule's end that repeats the offset",
            load_with(
                milestones,
                "id = \"makeup-may-resume\"",
                "marks_end_of",
                "offset = \"PT72H\"\nmarks_end_of",
            ),
            invalid(
                "src/content/protocol/milestones.toml",
                "makeup-may-resume",
                ContentProblem::MilestoneTiming("both"),
            ),
        ),
        (
            "a milestone with neither an offset nor a rule whose end it marks",
            load_with(milestones, "id = \"first-results\"", "offset = \"PT72H\"\n", ""),
            invalid(
                "src/content/protocol/milestones.toml",
                "first-results",
                ContentProblem::MilestoneTiming("neither"),
            ),
        ),
        (
            "a routine step from an unknown rule",
            load_with(routine, "[[evening]]", "\"do-moisturize\"", "\"do-hydrate\""),
            invalid(
                "src/content/protocol/routine.toml",
                "evening[2]",
                unknown_rule("do-hydrate"),
            ),
        ),
        (
            "an ingredient class restricted by an unknown rule",
            load_with(
                ingredients,
                "\"glycolic-acid\"",
                "\"avoid-active-ingredients\"",
                "\"avoid-acids\"",
            ),
            invalid(
                "src/content/protocol/ingredient_guidance.toml",
                "glycolic-acid",
                unknown_rule("avoid-acids"),
            ),
        ),
        (
            "an ingredient class restricted by a rule that is not an avoid rule",
            load_with(
                ingredients,
                "\"glycolic-acid\"",
                "\"avoid-active-ingredients\"",
                "\"do-moisturize\"",
            ),
            invalid(
                "src/content/protocol/ingredient_guidance.toml",
                "glycolic-acid",
                ContentProblem::WrongRuleKind {
                    rule: "do-moisturize".into(),
                    expected: "avoid",
                },
            ),
        ),
        (
            "a duplicate ingredient class",
            load_with(ingredients, "class = \"aloe-vera\"", "aloe-vera", "niacinamide"),
            invalid(
                "src/content/protocol/ingredient_guidance.toml",
                "niacinamide",
                ContentProblem::DuplicateId,
            ),
        ),
        (
            "a declared language without translations",
            load_with(header, "languages", "[\"en\", \"es\"]", "[\"en\", \"es\", \"fr\"]"),
            invalid(
                "src/content/protocol/phases.toml",
                "first-24-hours",
                missing("what_to_expect[0]", "fr"),
            ),
        ),
        (
            "a default language that is not declared",
            load_with(header, "default_language", "\"en\"", "\"de\""),
            invalid(
                "src/content/protocol/protocol.toml",
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
    let moved = load_with(rules, "id = \"avoid-active-ingredients\"", "\"P7D\"", "\"P10D\"").expect("valid");
    let milestone = |protocol: &Protocol| {
        protocol
            .milestones()
            .iter()
            .find(|milestone| milestone.id() == "exfoliants-and-actives-may-resume")
            .map(|milestone| milestone.offset().to_string())
    };

    assert_eq!(milestone(&Protocol::load().expect("valid")).as_deref(), Some("PT168H"));
    assert_eq!(milestone(&moved).as_deref(), Some("PT240H"));
}

#[test]
fn a_clinic_default_rule_without_a_basis_note_is_refused() {
    let mut sources = ContentSources::compiled_in();
    let start = sources.rules.text.find("id = \"avoid-makeup\"").expect("rule exists");
    let note = start
        + sources.rules.text[start..]
            .find("[rules.basis_note]")
            .expect("note exists");
    let note_end = note + sources.rules.text[note..].find("\n\n").expect("blank line follows");
    sources.rules.text.replace_range(note..note_end, "");

    let result = Protocol::from_sources(&sources);

    assert_eq!(
        result,
        invalid(
            "src/content/protocol/rules.toml",
            "avoid-makeup",
            ContentProblem::MissingBasisNote
        )
    );
}

#[test]
fn an_unknown_field_is_refused_naming_the_file_and_the_field() {
    let error = load_with(
        rules,
        "id = \"avoid-makeup\"",
        "kind = \"avoid\"",
        "kind = \"avoid\"\ncolour = \"red\"",
    )
    .expect_err("unknown fields are refused");

    let message = error.to_string();
    assert!(message.starts_with("src/content/protocol/rules.toml: "), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[test]
fn a_toml_syntax_error_names_the_file() {
    let error = load_with(milestones, "id = \"first-results\"", "offset = ", "offset == ").expect_err("not TOML");

    assert!(
        error.to_string().starts_with("src/content/protocol/milestones.toml: "),
        "{error}"
    );
}

#[test]
fn the_message_names_the_file_the_entry_and_the_problem() {
    let error = load_with(
        phases,
        "id = \"remodelling\"",
        "starts_after = \"P7D\"",
        "starts_after = \"P8D\"",
    )
    .expect_err("a gap is refused");

    assert_eq!(
        error.to_string(),
        "src/content/protocol/phases.toml: entry `remodelling`: leaves a gap after the previous phase"
    );
}
