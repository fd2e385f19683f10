//! Which reading applies: thresholds of a made-up entry, places in sections and kit steps.

use std::collections::BTreeMap;

use super::*;
use crate::ingredients::knowledge::{EntryKind, Severity, Strength};
use crate::ingredients::label::NameRange;

fn texts(text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("en".to_owned(), text.to_owned())])
}

/// A not-restricted entry that reads as a caution from 5% or within the first 3 ingredients.
fn entry(at_least: Option<Hundredths>, within_first: Option<usize>) -> Entry {
    Entry {
        id: "fixture-adjuster".into(),
        inci: "Fixture Adjuster".into(),
        kind: EntryKind::NotRestricted,
        class: "not-restricted".into(),
        role: Role::NotRestricted,
        rule: None,
        active: None,
        reinterpreted_as: None,
        synonyms: Vec::new(),
        cas: Vec::new(),
        name_sources: Vec::new(),
        reason: texts("small amounts"),
        at_strength: Some(Strength {
            at_least,
            within_first,
            class: "fixture-scrub".into(),
            role: Role::Restricted(Severity::Caution),
            rule: Some("fixture-avoid-guidance".into()),
            reason: texts("at strength"),
        }),
    }
}

fn ingredient(section: ListSection, step: Option<u32>) -> LabelIngredient {
    LabelIngredient {
        item: 0,
        position: 1,
        start: 0,
        end: 1,
        text: "x".into(),
        name: NameRange { start: 0, end: 1 },
        normalised: "x".into(),
        aliases: 0..0,
        section,
        step,
        may_contain: false,
        concentration: None,
    }
}

#[test]
fn a_stated_concentration_is_read_with_either_decimal_separator() {
    let cases = [
        ("15%", Some(1500)),
        ("2,5 %w/v", Some(250)),
        ("0.5 % W/W", Some(50)),
        ("5%", Some(500)),
        ("%", None),
    ];
    for (text, hundredths) in cases {
        assert_eq!(stated_hundredths(text), hundredths, "{text}");
    }
}

#[test]
fn the_reading_at_strength_applies_from_the_threshold_or_high_on_the_list() {
    let both = entry(Some(500), Some(3));
    let cases = [
        ("15% low on the list", 10, Some("15%"), "at strength"),
        ("exactly the threshold", 10, Some("5%"), "at strength"),
        ("below the threshold high on the list", 1, Some("0.5%"), "small amounts"),
        ("no concentration, high", 3, None, "at strength"),
        ("no concentration, low", 4, None, "small amounts"),
    ];
    for (name, place, concentration, want) in cases {
        let reading = reading(&both, place, concentration);

        assert_eq!(reading.reason["en"], want, "{name}");
    }
}

#[test]
fn at_strength_the_class_role_and_rule_are_the_tables() {
    let both = entry(Some(500), None);

    let strong = reading(&both, 1, Some("15%"));
    let weak = reading(&both, 1, None);

    assert_eq!(strong.class, "fixture-scrub");
    assert_eq!(strong.role, Role::Restricted(Severity::Caution));
    assert_eq!(strong.rule, Some("fixture-avoid-guidance"));
    assert_eq!(
        (weak.class, weak.role, weak.rule),
        ("not-restricted", Role::NotRestricted, None)
    );
}

#[test]
fn a_position_threshold_alone_ignores_a_stated_concentration() {
    let position_only = entry(None, Some(3));

    assert_eq!(reading(&position_only, 2, Some("1%")).reason["en"], "at strength");
    assert_eq!(reading(&position_only, 4, Some("60%")).reason["en"], "small amounts");
}

#[test]
fn places_count_within_each_section_and_kit_step() {
    let list = [
        ingredient(ListSection::Active, None),
        ingredient(ListSection::Inactive, None),
        ingredient(ListSection::Inactive, None),
        ingredient(ListSection::Ingredients, Some(1)),
        ingredient(ListSection::Ingredients, Some(2)),
        ingredient(ListSection::Ingredients, Some(1)),
    ];

    assert_eq!(places(&list), [1, 1, 2, 1, 1, 2]);
}
