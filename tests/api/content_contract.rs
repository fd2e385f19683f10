//! The content contract: what the shipped protocol must hold whatever its numbers and wording.
//! It loads, every guidance-based window is a duration the clinical guidance states, every rule
//! cites the guidance, the ingredient classes the guidance names are covered, and every language
//! is complete. Clinic-default durations are deliberately not pinned here: changing one is a data
//! edit plus a review of the snapshots in `snapshots.rs`.
//!
//! The guidance is read from `../shared/guidance/microneedling-aftercare.txt` (CI runs with
//! `../shared` beside the clone, see `.ci/run`).

use std::collections::BTreeSet;

use aftercare::formats::Labels;
use aftercare::protocol::{Basis, IsoDuration, Locale, Protocol};

use crate::helpers::shipped_protocol;

const GUIDANCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/guidance/microneedling-aftercare.txt"
);

/// Every duration the guidance states, with the words that state it.
const STATED_DURATIONS: [(&str, &str); 5] = [
    ("for at least 24 hours after your procedure", "PT24H"),
    ("should subside within a day or two", "PT48H"),
    ("avoid direct sunlight for at least three days", "PT72H"),
    ("it can take up to 6-8 weeks", "P6W"),
    ("it can take up to 6-8 weeks", "P8W"),
];

/// The ingredients the guidance names, and whether the protocol must restrict (`true`) or
/// recommend (`false`) the class it maps them to.
const NAMED_INGREDIENTS: [(&str, &str, bool); 9] = [
    ("salicylic acid", "salicylic-acid", true),
    ("glycolic acid", "glycolic-acid", true),
    ("benzoyl peroxide", "benzoyl-peroxide", true),
    ("exfoliators", "chemical-exfoliant", true),
    ("exfoliating scrubs", "physical-exfoliant", true),
    ("aloe vera gel", "aloe-vera", false),
    ("cucumber extract", "cucumber-extract", false),
    ("green tea extract", "green-tea-extract", false),
    ("niacinamide", "niacinamide", false),
];

/// The classes the guidance does not name but covers as "other harsh skin products": each falls
/// under the harsh-products rule, whose rationale quotes the guidance's sentence.
const HARSH_CLASSES: [&str; 7] = [
    "retinoid",
    "hydroquinone",
    "ascorbic-acid",
    "peroxide",
    "essential-oil",
    "denatured-alcohol",
    "fragrance",
];

/// The rule of the harsh classes and the guidance's words its rationale must quote.
const HARSH_RULE: (&str, [&str; 2]) = (
    "avoid-harsh-products",
    [
        "avoid makeup, exfoliators, and other harsh skin products",
        "use only very mild, non-irritating products",
    ],
);

/// The guidance text, lower-cased, with typographic apostrophes and runs of whitespace made plain.
fn guidance() -> String {
    let text = std::fs::read_to_string(GUIDANCE)
        .unwrap_or_else(|error| panic!("the clinical guidance is expected at {GUIDANCE}: {error}"));
    text.replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn duration(text: &str) -> IsoDuration {
    IsoDuration::parse(text).expect("a valid duration")
}

fn locales(protocol: &Protocol) -> Vec<Locale> {
    let languages = protocol.languages().iter();
    languages
        .map(|language| protocol.negotiate(Some(language), None).expect("declared"))
        .collect()
}

#[test]
fn the_shipped_protocol_and_its_labels_load() {
    let protocol = Protocol::load().expect("the shipped protocol is valid");
    let labels = Labels::load().expect("the shipped labels are valid");

    assert_eq!(labels.ensure_languages(protocol.languages()), Ok(()));
    for locale in locales(&protocol) {
        let names = &labels.for_locale(&locale).ingredient_classes;
        for class in protocol
            .restricted_classes()
            .iter()
            .chain(protocol.beneficial_classes())
        {
            assert!(
                names.contains_key(class.class()),
                "{} has no {locale:?} label",
                class.class()
            );
        }
    }
}

#[test]
fn every_guidance_based_window_is_a_duration_the_guidance_states() {
    let guidance = guidance();
    let protocol = shipped_protocol();
    for (words, _) in STATED_DURATIONS {
        assert!(guidance.contains(words), "the guidance no longer says {words:?}");
    }
    let stated: BTreeSet<IsoDuration> = STATED_DURATIONS.iter().map(|(_, text)| duration(text)).collect();

    // A rule that always applies has no time to trace.
    for rule in protocol
        .rules()
        .iter()
        .filter(|rule| rule.basis() == Basis::Guidance && rule.has_end())
    {
        let end = rule.minimum_ends_after();
        assert!(
            stated.contains(&end),
            "rule {} ends at {end}, which the guidance does not state",
            rule.id()
        );
    }
    for milestone in protocol.milestones().iter().filter(|m| m.basis() == Basis::Guidance) {
        let at = milestone.offset();
        assert!(
            stated.contains(&at),
            "milestone {} at {at} is not stated by the guidance",
            milestone.id()
        );
    }
    let rule_ends: BTreeSet<IsoDuration> = protocol.rules().iter().map(|rule| rule.ends_after()).collect();
    for phase in &protocol.phases()[1..] {
        let start = phase.starts_after();
        assert!(
            stated.contains(&start) || rule_ends.contains(&start),
            "phase {} starts at {start}, neither a stated duration nor the end of a rule",
            phase.id()
        );
    }
}

#[test]
fn every_rule_cites_the_guidance_and_every_clinic_default_says_it_is_adjustable() {
    let protocol = shipped_protocol();
    let en = protocol
        .negotiate(Some("en"), None)
        .expect("the shipped content is in English");
    let es = protocol
        .negotiate(Some("es"), None)
        .expect("the shipped content is in Spanish");

    for rule in protocol.rules() {
        assert!(rule.rationale(&en).contains("guidance"), "{}", rule.id());
        assert!(rule.rationale(&es).contains("guía"), "{}", rule.id());
    }
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
            english.is_some_and(|note| note.starts_with("Clinic default: the guidance")),
            "{id}"
        );
        assert!(
            spanish.is_some_and(|note| note.starts_with("Valor predeterminado de la clínica: la guía")),
            "{id}"
        );
    }
}

#[test]
fn the_ingredients_the_guidance_names_are_restricted_or_recommended() {
    let guidance = guidance();
    let protocol = shipped_protocol();

    for (words, class, restricted) in NAMED_INGREDIENTS {
        assert!(guidance.contains(words), "the guidance no longer names {words:?}");
        let (listed, other) = match restricted {
            true => (protocol.restriction_for_class(class), protocol.benefit_for_class(class)),
            false => (protocol.benefit_for_class(class), protocol.restriction_for_class(class)),
        };
        assert!(listed.is_some() && other.is_none(), "{class} ({words})");
    }
    assert_eq!(
        protocol.restricted_classes().len() + protocol.beneficial_classes().len(),
        NAMED_INGREDIENTS.len() + HARSH_CLASSES.len(),
        "every class traces to an ingredient the guidance names or to its harsh-products sentence"
    );
}

#[test]
fn the_harsh_classes_fall_under_a_rule_that_quotes_the_guidance() {
    let guidance = guidance();
    let protocol = shipped_protocol();
    let en = protocol.negotiate(Some("en"), None).expect("English");
    let (rule_id, words) = HARSH_RULE;
    let rule = protocol.rule(rule_id).expect("the harsh-products rule");
    let rationale = rule.rationale(&en).to_lowercase();

    for quoted in words {
        assert!(guidance.contains(quoted), "the guidance no longer says {quoted:?}");
        assert!(rationale.contains(quoted), "{rule_id} does not quote {quoted:?}");
    }
    assert_eq!(
        rule.basis(),
        Basis::ClinicDefault,
        "which products are harsh is a default"
    );
    for class in HARSH_CLASSES {
        let restriction = protocol.restriction_for_class(class);
        assert_eq!(restriction.map(|r| r.id()), Some(rule_id), "{class}");
    }
}

#[test]
fn every_language_has_its_own_translation_of_every_text() {
    let protocol = shipped_protocol();
    let default = protocol.default_locale();

    for locale in locales(protocol).into_iter().filter(|locale| *locale != default) {
        for rule in protocol.rules() {
            assert_ne!(rule.text(&default), rule.text(&locale), "{} {locale:?}", rule.id());
            assert_ne!(
                rule.rationale(&default),
                rule.rationale(&locale),
                "{} {locale:?}",
                rule.id()
            );
        }
        for phase in protocol.phases() {
            assert_ne!(phase.name(&default), phase.name(&locale), "{} {locale:?}", phase.id());
            assert_ne!(
                phase.summary(&default),
                phase.summary(&locale),
                "{} {locale:?}",
                phase.id()
            );
            assert_ne!(
                phase.what_to_expect(&default),
                phase.what_to_expect(&locale),
                "{}",
                phase.id()
            );
        }
        for milestone in protocol.milestones() {
            assert_ne!(
                milestone.text(&default),
                milestone.text(&locale),
                "{} {locale:?}",
                milestone.id()
            );
        }
        let routine = protocol.routine();
        for step in routine.steps() {
            assert_ne!(step.text(&default), step.text(&locale), "{} {locale:?}", step.rule_id());
        }
    }
}
