//! Readings at strength in the shipped knowledge base: a stated concentration, or a place high on
//! the list (the shipped `high_on_list` is 5).

use crate::common::{check, flag_of};

use aftercare::ingredients::Severity;
use aftercare::ingredients::Verdict::{Caution, NoneFound};

/// Five ordinary ingredients, so that what follows is not high on the list.
const LOW: &str = "Water, Glycerin, Cetearyl Alcohol, Dimethicone, Xanthan Gum";

#[test]
fn denatured_alcohol_low_on_the_list_is_a_note_not_a_flag() {
    let result = check(&[&format!("{LOW}, SD Alcohol 40-B")]);

    assert_eq!(result.verdict, NoneFound, "{:?}", result.flagged);
    let note = result
        .notes
        .iter()
        .find(|n| n.ingredient_id.as_deref() == Some("alcohol-denat"));
    let reason = note.and_then(|n| n.reason.as_deref()).expect("a not-restricted note");
    assert!(reason.contains("only among the first 5"), "{reason}");
}

#[test]
fn tretinoin_with_strong_ascorbic_acid_and_hydroquinone_is_a_caution_with_three_flags() {
    let result = check(&[&format!("{LOW}, Tretinoin, Ascorbic Acid 20%, Hydroquinone")]);

    assert_eq!(result.verdict, Caution);
    let ids: Vec<&str> = result.flagged.iter().map(|f| f.ingredient_id.as_str()).collect();
    assert_eq!(ids, ["tretinoin", "ascorbic-acid", "hydroquinone"]);
    let vitamin_c = flag_of(&result.flagged, "ascorbic-acid");
    assert_eq!(
        (vitamin_c.class.as_str(), vitamin_c.rule_id.as_str()),
        ("ascorbic-acid", "avoid-harsh-products")
    );
    assert!(
        vitamin_c.reason.contains("high strength: 10% or more"),
        "{}",
        vitamin_c.reason
    );
}

#[test]
fn ascorbic_acid_below_its_threshold_is_not_restricted_even_high_on_the_list() {
    let stated_low = check(&["Water, L-Ascorbic Acid 5%, Glycerin"]);
    let low_on_list = check(&[&format!("{LOW}, Ascorbic Acid")]);
    let high_unstated = check(&["Water, Ascorbic Acid, Glycerin"]);

    assert_eq!(stated_low.verdict, NoneFound, "{:?}", stated_low.flagged);
    assert_eq!(low_on_list.verdict, NoneFound, "{:?}", low_on_list.flagged);
    assert_eq!(high_unstated.verdict, Caution);
}

#[test]
fn citric_acid_at_exfoliant_strength_is_a_caution_without_the_small_amounts_note() {
    let result = check(&[&format!("{LOW}, Citric Acid 15%")]);

    assert_eq!(result.verdict, Caution);
    let citric = flag_of(&result.flagged, "citric-acid");
    assert_eq!(
        (citric.class.as_str(), citric.rule_id.as_str(), citric.severity),
        ("chemical-exfoliant", "avoid-exfoliating-products", Severity::Caution)
    );
    assert!(!citric.reason.contains("small amounts"), "{}", citric.reason);
    assert!(citric.reason.contains("5% or more"), "{}", citric.reason);
    assert!(
        result
            .notes
            .iter()
            .all(|n| n.ingredient_id.as_deref() != Some("citric-acid"))
    );
    let concentration = result.ingredients.iter().find_map(|i| i.concentration.as_deref());
    assert_eq!(concentration, Some("15%"));
}

#[test]
fn citric_acid_low_on_the_list_keeps_the_ph_adjuster_note() {
    let result = check(&[&format!("{LOW}, Citric Acid")]);

    assert!(result.flagged.is_empty(), "{:?}", result.flagged);
    let note = result
        .notes
        .iter()
        .find(|n| n.ingredient_id.as_deref() == Some("citric-acid"));
    let reason = note.and_then(|n| n.reason.as_deref()).expect("a not-restricted note");
    assert!(reason.contains("small amounts to adjust pH"), "{reason}");
    assert!(reason.contains("from 5% or among the first 5"), "{reason}");
}

#[test]
fn a_stated_strength_below_the_threshold_outweighs_a_high_place() {
    let result = check(&["Water, Citric Acid 0.5%, Glycerin"]);

    assert!(result.flagged.is_empty(), "{:?}", result.flagged);
}

#[test]
fn methyl_salicylate_is_treated_like_wintergreen_oil_at_strength() {
    let low = check(&[&format!("{LOW}, Methyl Salicylate")]);
    let strong = check(&[&format!("{LOW}, Methyl Salicylate 10%")]);
    let high = check(&["Methyl Salicylate, Menthol, Water"]);

    assert!(low.flagged.is_empty(), "{:?}", low.flagged);
    for result in [&strong, &high] {
        let flag = flag_of(&result.flagged, "methyl-salicylate");
        assert_eq!(
            (flag.class.as_str(), flag.severity),
            ("essential-oil", Severity::Caution)
        );
        assert!(
            flag.reason.contains("main component of wintergreen oil"),
            "{}",
            flag.reason
        );
    }
}
