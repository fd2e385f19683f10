//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of these helpers, so `expect` would be unfulfilled in some"
)]

use aftercare::ingredients::label::NoteKind;
use aftercare::ingredients::{
    CheckOptions, FlaggedIngredient, IngredientCheck, IngredientChecker, IngredientsInput, MatchKind,
    RestrictionWindows, Verdict,
};
use chrono::{DateTime, Duration, Utc};

/// One table row: input, expected verdict, flagged ids with match kinds, beneficial ids.
pub struct Case {
    pub name: &'static str,
    pub input: &'static [&'static str],
    pub verdict: Verdict,
    pub flagged: &'static [(&'static str, MatchKind)],
    pub beneficial: &'static [&'static str],
}

/// One checker per test binary, built like start-up does.
pub fn checker() -> &'static IngredientChecker {
    static CHECKER: std::sync::OnceLock<IngredientChecker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| IngredientChecker::embedded().expect("embedded knowledge base is valid"))
}

pub fn windows() -> RestrictionWindows {
    RestrictionWindows::new()
        .with("avoid-active-ingredients", Duration::days(7))
        .with("avoid-exfoliating-products", Duration::days(7))
        .with("avoid-harsh-products", Duration::days(7))
        .with("tip-soothing-products", Duration::days(7))
}

pub fn input(items: &[&str]) -> IngredientsInput {
    match items {
        [one] => IngredientsInput::Text((*one).to_owned()),
        many => IngredientsInput::List(many.iter().map(|s| (*s).to_owned()).collect()),
    }
}

pub fn check_at(items: &[&str], treated_at: Option<DateTime<Utc>>, at: DateTime<Utc>) -> IngredientCheck {
    check_with("en", items, treated_at, at)
}

/// A check with reasons in `language`.
pub fn check_in(language: &str, items: &[&str]) -> IngredientCheck {
    check_with(language, items, None, Utc::now())
}

fn check_with(language: &str, items: &[&str], treated_at: Option<DateTime<Utc>>, at: DateTime<Utc>) -> IngredientCheck {
    let windows = windows();
    let options = CheckOptions {
        language,
        windows: &windows,
        treated_at,
        at,
    };
    checker().check(&input(items), &options).expect("check succeeds")
}

pub fn check(items: &[&str]) -> IngredientCheck {
    check_at(items, None, Utc::now())
}

/// Runs a table and reports every failing row at once.
pub fn run_table(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let result = check(case.input);
        let flagged: Vec<(&str, MatchKind)> = result
            .flagged
            .iter()
            .map(|f| (f.ingredient_id.as_str(), f.match_kind))
            .collect();
        let mut beneficial: Vec<&str> = result.beneficial.iter().map(|b| b.ingredient_id.as_str()).collect();
        beneficial.dedup();
        if result.verdict != case.verdict || flagged != case.flagged || beneficial != case.beneficial {
            failures.push(format!(
                "{}: verdict {:?} (want {:?}), flagged {flagged:?} (want {:?}), beneficial {beneficial:?} (want {:?})",
                case.name, result.verdict, case.verdict, case.flagged, case.beneficial
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Asserts that each name alone is recognised as not restricted and flags nothing.
pub fn assert_never_flagged(names: &[&str]) {
    for name in names {
        let result = check(&[name]);
        assert_eq!(result.verdict, Verdict::NoneFound, "{name}: {:?}", result.flagged);
        assert!(result.flagged.is_empty(), "{name}");
        assert!(
            result.ingredients.iter().any(|i| i.recognised.is_some()),
            "{name} is recognised as not restricted"
        );
    }
}

/// Asserts that each text is read as a claim of absence: a note, never a flag.
pub fn assert_claims_ignored(claims: &[&str]) {
    for claim in claims {
        let result = check(&[claim]);
        // A claim alone is no ingredient list: `unreadable`; with a list, `none-found`.
        assert!(
            matches!(result.verdict, Verdict::NoneFound | Verdict::Unreadable),
            "{claim}: {:?}",
            result.flagged
        );
        assert!(result.flagged.is_empty(), "{claim}: {:?}", result.flagged);
        assert!(result.notes.iter().any(|n| n.kind == NoteKind::IgnoredClaim), "{claim}");
    }
}

/// The flag of knowledge-base entry `id`; panics naming the flags when there is none.
pub fn flag_of<'a>(flags: &'a [FlaggedIngredient], id: &str) -> &'a FlaggedIngredient {
    flags
        .iter()
        .find(|f| f.ingredient_id == id)
        .unwrap_or_else(|| panic!("{id} is not flagged: {flags:?}"))
}
