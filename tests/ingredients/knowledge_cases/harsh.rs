//! Scrubs, other exfoliants and the harsh products the guidance does not name, with the readings
//! at strength (a stated concentration, or a place high on the list).

use crate::common::{self, Case, check, run_table};

use aftercare::ingredients::FlaggedIngredient;
use aftercare::ingredients::MatchKind::{Derivative, Name, Synonym};
use aftercare::ingredients::Severity;
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};

/// Five ordinary ingredients, so that what follows is not high on the list (the shipped
/// `high_on_list` is 5).
const LOW: &str = "Water, Glycerin, Cetearyl Alcohol, Dimethicone, Xanthan Gum";

fn flag<'a>(flags: &'a [FlaggedIngredient], id: &str) -> &'a FlaggedIngredient {
    flags
        .iter()
        .find(|f| f.ingredient_id == id)
        .unwrap_or_else(|| panic!("{id} is not flagged: {flags:?}"))
}

#[test]
fn exfoliating_scrubs_are_avoided() {
    run_table(&[
        Case {
            name: "walnut shell",
            input: &["Juglans Regia (Walnut) Shell Powder"],
            verdict: Avoid,
            flagged: &[("walnut-shell-powder", Name)],
            beneficial: &[],
        },
        Case {
            name: "pumice",
            input: &["Pumice"],
            verdict: Avoid,
            flagged: &[("pumice", Name)],
            beneficial: &[],
        },
        Case {
            name: "apricot kernel",
            input: &["Water, Apricot Kernel Powder"],
            verdict: Avoid,
            flagged: &[("apricot-seed-powder", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "jojoba beads",
            input: &["Jojoba Esters Beads"],
            verdict: Avoid,
            flagged: &[("jojoba-beads", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "polyethylene named as beads",
            input: &["Water, Polyethylene Beads, Glycerin"],
            verdict: Avoid,
            flagged: &[("polyethylene-beads", Name)],
            beneficial: &[],
        },
        Case {
            name: "sugar named as a scrub",
            input: &["Sugar Crystals, Glycerin"],
            verdict: Avoid,
            flagged: &[("sugar-scrub", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "bare polyethylene, sucrose and salt are not scrubs",
            input: &["Water, Polyethylene, Sucrose, Sodium Chloride"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &[],
        },
    ]);
    assert_eq!(check(&["Pumice"]).flagged[0].rule_id, "avoid-exfoliating-products");
}

#[test]
fn other_exfoliants_and_harsh_actives_are_cautions() {
    run_table(&[
        Case {
            name: "pha",
            input: &["Gluconolactone"],
            verdict: Caution,
            flagged: &[("gluconolactone", Name)],
            beneficial: &[],
        },
        Case {
            name: "enzyme",
            input: &["Subtilisin"],
            verdict: Caution,
            flagged: &[("subtilisin", Name)],
            beneficial: &[],
        },
        Case {
            name: "retinol",
            input: &["Retinol"],
            verdict: Caution,
            flagged: &[("retinol", Name)],
            beneficial: &[],
        },
        Case {
            name: "retinaldehyde",
            input: &["Retinaldehyde"],
            verdict: Caution,
            flagged: &[("retinal", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "retinyl palmitate",
            input: &["Retinyl Palmitate"],
            verdict: Caution,
            flagged: &[("retinyl-palmitate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "hpr",
            input: &["Hydroxypinacolone Retinoate"],
            verdict: Caution,
            flagged: &[("hydroxypinacolone-retinoate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "prescription retinoids",
            input: &["Tretinoin", "Adapalene", "Tazarotene", "Isotretinoin"],
            verdict: Caution,
            flagged: &[
                ("tretinoin", Name),
                ("adapalene", Name),
                ("tazarotene", Name),
                ("isotretinoin", Name),
            ],
            beneficial: &[],
        },
        Case {
            name: "hydroquinone",
            input: &["Hydroquinone 2%"],
            verdict: Caution,
            flagged: &[("hydroquinone", Name)],
            beneficial: &[],
        },
        Case {
            name: "hydrogen peroxide",
            input: &["Hydrogen Peroxide"],
            verdict: Caution,
            flagged: &[("hydrogen-peroxide", Name)],
            beneficial: &[],
        },
        Case {
            name: "carbamide peroxide",
            input: &["Carbamide Peroxide"],
            verdict: Caution,
            flagged: &[("carbamide-peroxide", Name)],
            beneficial: &[],
        },
        Case {
            name: "wintergreen oil",
            input: &["Gaultheria Procumbens (Wintergreen) Leaf Oil"],
            verdict: Caution,
            flagged: &[("wintergreen-oil", Name)],
            beneficial: &[],
        },
        Case {
            name: "peppermint and tea tree",
            input: &["Mentha Piperita (Peppermint) Oil, Melaleuca Alternifolia (Tea Tree) Leaf Oil"],
            verdict: Caution,
            flagged: &[("peppermint-oil", Name), ("tea-tree-oil", Name)],
            beneficial: &[],
        },
        Case {
            name: "citrus oil",
            input: &["Citrus Aurantium Bergamia (Bergamot) Fruit Oil"],
            verdict: Caution,
            flagged: &[("bergamot-oil", Name)],
            beneficial: &[],
        },
        Case {
            name: "parfum",
            input: &["Fragrance (Parfum)"],
            verdict: Caution,
            flagged: &[("fragrance", Name)],
            beneficial: &[],
        },
        Case {
            name: "a plant extract is not its essential oil",
            input: &["Mentha Piperita Leaf Extract, Citrus Limon Fruit Extract"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &[],
        },
    ]);
}

#[test]
fn harsh_products_fall_under_the_harsh_products_rule_and_say_so() {
    let result = check(&["Retinol, Hydroquinone, Hydrogen Peroxide, Tea Tree Oil, Fragrance"]);

    for flag in &result.flagged {
        assert_eq!(flag.rule_id, "avoid-harsh-products", "{}", flag.ingredient_id);
        assert_eq!(flag.severity, Severity::Caution, "{}", flag.ingredient_id);
        for words in [
            "very mild, non-irritating products",
            "harsh skin products",
            "clinic may adjust",
            "provider",
        ] {
            assert!(
                flag.reason.contains(words),
                "{}: {words:?} in {}",
                flag.ingredient_id,
                flag.reason
            );
        }
    }
    assert_eq!(result.flagged.len(), 5);
}

#[test]
fn retinol_with_denatured_alcohol_and_fragrance_is_a_caution_with_three_flags() {
    let result = check(&["Retinol", "Alcohol Denat.", "Fragrance"]);

    assert_eq!(result.verdict, Caution);
    let ids: Vec<&str> = result.flagged.iter().map(|f| f.ingredient_id.as_str()).collect();
    assert_eq!(ids, ["retinol", "alcohol-denat", "fragrance"]);
    let alcohol = flag(&result.flagged, "alcohol-denat");
    assert_eq!(alcohol.class, "denatured-alcohol");
    assert!(
        alcohol.reason.contains("among the first 5 ingredients"),
        "{}",
        alcohol.reason
    );
}

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
    let vitamin_c = flag(&result.flagged, "ascorbic-acid");
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
    let citric = flag(&result.flagged, "citric-acid");
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
        let flag = flag(&result.flagged, "methyl-salicylate");
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

#[test]
fn nothing_the_guidance_would_call_harsh_is_answered_not_restricted() {
    let harsh = [
        "Retinol",
        "Alcohol Denat.",
        "Fragrance",
        "Tretinoin",
        "Ascorbic Acid 20%",
        "Hydroquinone",
        "Citric Acid 15%",
        "Wintergreen Oil",
        "Hydrogen Peroxide",
        "Walnut Shell Powder",
    ];
    for name in harsh {
        let result = check(&[name]);

        assert_ne!(result.verdict, NoneFound, "{name}");
        assert!(
            result.notes.iter().all(|n| n.ingredient_id.is_none()),
            "{name} has a not-restricted note: {:?}",
            result.notes
        );
    }
}

#[test]
fn spanish_reasons_say_the_guidance_and_the_default() {
    let result = common::check_in("es", &["Retinol"]);

    let reason = &result.flagged[0].reason;
    assert!(reason.contains("muy suaves y no irritantes"), "{reason}");
    assert!(reason.contains("tu clínica puede ajustar"), "{reason}");
}
