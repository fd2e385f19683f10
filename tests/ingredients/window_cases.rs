//! Restriction windows, languages and start-up checks.

use crate::common;

use aftercare::ingredients::Verdict::{Avoid, Caution};
use aftercare::ingredients::{CheckError, CheckOptions, IngredientsInput, RestrictionWindows};
use chrono::{Duration, TimeZone, Utc};
use common::{check_at, checker, windows};

#[test]
fn restriction_windows_set_restricted_until_and_the_verdict_at_a_time() {
    let treated = Utc
        .with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
        .single()
        .expect("valid instant");
    let during = check_at(
        &["Salicylic Acid, Lactic Acid"],
        Some(treated),
        treated + Duration::days(3),
    );
    assert_eq!(during.verdict, Avoid);
    assert_eq!(during.flagged[0].restricted_until, Some(treated + Duration::days(7)));
    assert_eq!(during.flagged[0].restriction_active, Some(true));
    assert_eq!(during.restriction_ended_at, None);
    let after = check_at(
        &["Salicylic Acid, Lactic Acid"],
        Some(treated),
        treated + Duration::days(7),
    );
    assert_eq!((after.verdict, after.label_verdict), (Caution, Avoid));
    assert_eq!(after.restriction_ended_at, Some(treated + Duration::days(7)));
    assert_eq!(after.flagged[1].restriction_active, Some(false));
}

#[test]
fn a_rule_without_a_window_or_an_unknown_language_is_an_error() {
    let treated = Some(Utc::now());
    let no_windows = RestrictionWindows::new();
    let options = CheckOptions {
        language: "en",
        windows: &no_windows,
        treated_at: treated,
        at: Utc::now(),
    };
    let input = IngredientsInput::Text("Salicylic Acid".into());
    let error = checker().check(&input, &options).expect_err("window missing");
    assert_eq!(error, CheckError::MissingWindow("avoid-active-ingredients".into()));
    let windows = windows();
    let options = CheckOptions {
        language: "fr",
        windows: &windows,
        treated_at: None,
        at: Utc::now(),
    };
    assert_eq!(
        checker().check(&input, &options),
        Err(CheckError::UnsupportedLanguage("fr".into()))
    );
}

#[test]
fn reasons_come_in_the_requested_language() {
    let windows = windows();
    let options = CheckOptions {
        language: "es",
        windows: &windows,
        treated_at: None,
        at: Utc::now(),
    };
    let result = checker()
        .check(&IngredientsInput::Text("Salicylic Acid".into()), &options)
        .expect("checks");
    assert!(result.flagged[0].reason.starts_with("Contiene ácido salicílico"));
}

#[test]
fn start_up_can_list_the_protocol_rules_the_knowledge_base_uses() {
    let rules: Vec<&str> = checker().knowledge().referenced_rules().into_iter().collect();
    assert_eq!(
        rules,
        [
            "avoid-active-ingredients",
            "avoid-exfoliating-products",
            "avoid-harsh-products",
            "tip-soothing-products"
        ]
    );
}
