//! Table-driven cases for the knowledge base: restricted actives and their
//! derivatives, caution entries, beneficial entries, never-flagged names.

use crate::common;

use aftercare::ingredients::MatchKind::{Ambiguous, Cas, Derivative, Name, Possible, Source, Synonym};
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};
use common::{Case, check, run_table};

#[test]
fn salicylic_acid_its_salts_and_carriers_are_avoided() {
    run_table(&[
        Case {
            name: "inci",
            input: &["Salicylic Acid"],
            verdict: Avoid,
            flagged: &[("salicylic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "iupac",
            input: &["2-Hydroxybenzoic Acid"],
            verdict: Avoid,
            flagged: &[("salicylic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "cas",
            input: &["Water, 69-72-7"],
            verdict: Avoid,
            flagged: &[("salicylic-acid", Cas)],
            beneficial: &[],
        },
        Case {
            name: "sodium",
            input: &["Sodium Salicylate"],
            verdict: Avoid,
            flagged: &[("sodium-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "calcium",
            input: &["Calcium Salicylate"],
            verdict: Avoid,
            flagged: &[("calcium-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "magnesium",
            input: &["Magnesium Salicylate"],
            verdict: Avoid,
            flagged: &[("magnesium-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "mea",
            input: &["MEA-Salicylate"],
            verdict: Avoid,
            flagged: &[("mea-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "tea",
            input: &["TEA-Salicylate"],
            verdict: Avoid,
            flagged: &[("tea-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "betaine",
            input: &["Betaine Salicylate"],
            verdict: Avoid,
            flagged: &[("betaine-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "lha",
            input: &["Capryloyl Salicylic Acid"],
            verdict: Avoid,
            flagged: &[("capryloyl-salicylic-acid", Derivative)],
            beneficial: &[],
        },
    ]);
    let result = check(&["Sodium Salicylate"]);
    assert_eq!(result.flagged[0].active.as_deref(), Some("salicylic-acid"));
}

#[test]
fn glycolic_acid_and_benzoyl_peroxide_are_avoided() {
    run_table(&[
        Case {
            name: "glycolic",
            input: &["Glycolic Acid"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "hydroxyacetic",
            input: &["Hydroxyacetic Acid"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "glycolic cas",
            input: &["79-14-1"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Cas)],
            beneficial: &[],
        },
        Case {
            name: "sodium glycolate",
            input: &["Sodium Glycolate"],
            verdict: Avoid,
            flagged: &[("sodium-glycolate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "potassium glycolate",
            input: &["Potassium Glycolate"],
            verdict: Avoid,
            flagged: &[("potassium-glycolate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "ammonium glycolate",
            input: &["Ammonium Glycolate"],
            verdict: Avoid,
            flagged: &[("ammonium-glycolate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "bpo",
            input: &["Benzoyl Peroxide"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Name)],
            beneficial: &[],
        },
        Case {
            name: "dibenzoyl",
            input: &["Dibenzoyl Peroxide"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "bpo cas",
            input: &["94-36-0"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Cas)],
            beneficial: &[],
        },
        Case {
            name: "bpo abbreviation",
            input: &["BPO 2.5%"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Synonym)],
            beneficial: &[],
        },
    ]);
}

#[test]
fn caution_entries_are_flagged_with_caution() {
    run_table(&[
        Case {
            name: "salix alba",
            input: &["Salix Alba (Willow) Bark Extract"],
            verdict: Caution,
            flagged: &[("willow-bark", Source)],
            beneficial: &[],
        },
        Case {
            name: "salix nigra",
            input: &["Salix Nigra Bark Extract"],
            verdict: Caution,
            flagged: &[("willow-bark", Source)],
            beneficial: &[],
        },
        Case {
            name: "bha with beta hydroxy acid",
            input: &["2% BHA (beta hydroxy acid), Water"],
            verdict: Caution,
            flagged: &[("beta-hydroxy-acid", Ambiguous)],
            beneficial: &[],
        },
        Case {
            name: "lactic acid",
            input: &["Lactic Acid"],
            verdict: Caution,
            flagged: &[("lactic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "mandelic acid",
            input: &["Mandelic Acid"],
            verdict: Caution,
            flagged: &[("mandelic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "may contain avoid",
            input: &["Water. May contain: Salicylic Acid"],
            verdict: Caution,
            flagged: &[("salicylic-acid", Possible)],
            beneficial: &[],
        },
        Case {
            name: "citric acid low on the list is a ph adjuster",
            input: &["Water, Glycerin, Cetearyl Alcohol, Dimethicone, Xanthan Gum, Citric Acid"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &[],
        },
    ]);
}

#[test]
fn helpful_ingredients_are_listed_as_beneficial() {
    run_table(&[
        Case {
            name: "aloe juice",
            input: &["Aloe Barbadensis Leaf Juice"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &["aloe-vera"],
        },
        Case {
            name: "aloe extract",
            input: &["Aloe Barbadensis Leaf Extract"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &["aloe-vera"],
        },
        Case {
            name: "cucumber",
            input: &["Cucumis Sativus (Cucumber) Fruit Extract"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &["cucumber-extract"],
        },
        Case {
            name: "green tea",
            input: &["Camellia Sinensis Leaf Extract"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &["green-tea-extract"],
        },
        Case {
            name: "niacinamide",
            input: &["Niacinamide"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &["niacinamide"],
        },
    ]);
}

#[test]
fn lookalike_names_are_never_flagged() {
    let never = [
        "Ethylhexyl Salicylate",
        "Octisalate",
        "Homosalate",
        "Benzyl Salicylate",
        "Butyloctyl Salicylate",
        "Butylene Glycol",
        "Propylene Glycol",
        "Pentylene Glycol",
        "Glycol Distearate",
        "Sodium Benzoate",
        "Benzoic Acid",
        "Benzyl Alcohol",
        "Benzyl Benzoate",
        "BHT",
        "Tocopherol, BHA, BHT",
        "Butyl Methoxydibenzoylmethane",
        "Avobenzone",
        "Lactic Acid/Glycolic Acid Copolymer",
    ];
    common::assert_never_flagged(&never);
}

mod at_strength;
mod harsh;
