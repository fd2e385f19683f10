//! Scrubs, other exfoliants and the harsh products the guidance does not name.

use crate::common::{self, Case, check, flag_of, run_table};

use aftercare::ingredients::MatchKind::{Derivative, Name, Synonym};
use aftercare::ingredients::Severity;
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};

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
            name: "a claim of no fragrance is not fragrance",
            input: &["Fragrance-free. Ingredients: Water, Glycerin"],
            verdict: NoneFound,
            flagged: &[],
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
    let alcohol = flag_of(&result.flagged, "alcohol-denat");
    assert_eq!(alcohol.class, "denatured-alcohol");
    assert!(
        alcohol.reason.contains("among the first 5 ingredients"),
        "{}",
        alcohol.reason
    );
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
    assert!(reason.contains("tu clínica puede cambiar este criterio"), "{reason}");
}
