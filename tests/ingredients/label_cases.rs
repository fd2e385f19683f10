//! Table-driven cases for label parsing: separators, sections, parentheses,
//! percentages, footnotes, "may contain", broken names, marketing text, claims, Unicode.

use crate::common;

use aftercare::ingredients::MatchKind::{Name, Possible, Synonym};
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};
use aftercare::ingredients::label::{ListSection, NoteKind};
use common::{Case, check, run_table};

const SA: (&str, aftercare::ingredients::MatchKind) = ("salicylic-acid", Name);

#[test]
fn separators_split_ingredients() {
    run_table(&[
        Case {
            name: "commas",
            input: &["Water, Salicylic Acid, Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "semicolons",
            input: &["Water; Salicylic Acid; Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "bullets",
            input: &["Water • Salicylic Acid • Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "middots",
            input: &["Water · Salicylic Acid · Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "newlines",
            input: &["Water\nSalicylic Acid\nGlycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "pipes",
            input: &["Water | Salicylic Acid | Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "array input",
            input: &["Water", "Salicylic Acid", "Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
    ]);
    for text in [
        "Water, Salicylic Acid, Glycerin",
        "Water; Salicylic Acid; Glycerin",
        "Water · Salicylic Acid · Glycerin",
        "Water\nSalicylic Acid\nGlycerin",
        "Water | Salicylic Acid | Glycerin",
    ] {
        assert_eq!(check(&[text]).ingredients.len(), 3, "{text}");
    }
}

#[test]
fn names_with_commas_and_hyphens_are_never_split() {
    let result = check(&["1,2-Hexanediol, Coco-Glucoside, 1,2\u{2010}Hexanediol"]);
    let names: Vec<&str> = result.ingredients.iter().map(|i| i.normalised.as_str()).collect();
    assert_eq!(names, ["1,2-hexanediol", "coco-glucoside", "1,2-hexanediol"]);
}

#[test]
fn headings_and_drug_facts_sections_are_recognised() {
    let drug_facts = "Drug Facts\nActive ingredient          Purpose\nBenzoyl Peroxide 5%..........Acne treatment\nUses\n• treats acne\nInactive ingredients water, carbomer\nQuestions? call 1-800";
    let result = check(&[drug_facts]);
    let listed: Vec<(&str, ListSection)> = result
        .ingredients
        .iter()
        .map(|i| (i.normalised.as_str(), i.section))
        .collect();
    assert_eq!(
        listed,
        [
            ("benzoyl peroxide", ListSection::Active),
            ("water", ListSection::Inactive),
            ("carbomer", ListSection::Inactive)
        ]
    );
    assert_eq!(result.verdict, Avoid);
    run_table(&[
        Case {
            name: "ingredients heading",
            input: &["Ingredients: Water, Glycolic Acid"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "active ingredient(s)",
            input: &["Active ingredient(s): Salicylic acid 2%\nInactive ingredients: water, glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "inline purpose",
            input: &["Active ingredient\nBenzoyl Peroxide 5% Purpose - Acne Treatment"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Name)],
            beneficial: &[],
        },
    ]);
}

#[test]
fn kit_steps_are_kept_apart() {
    let result = check(&[
        "Step 1 Cleanser: Ingredients: Water, Benzoyl Peroxide\nStep 2 Toner: Ingredients: Water, Glycolic Acid",
    ]);
    let steps: Vec<(&str, Option<u32>)> = result
        .ingredients
        .iter()
        .map(|i| (i.normalised.as_str(), i.step))
        .collect();
    assert_eq!(
        steps,
        [
            ("water", Some(1)),
            ("benzoyl peroxide", Some(1)),
            ("water", Some(2)),
            ("glycolic acid", Some(2))
        ]
    );
    assert_eq!(result.verdict, Avoid);
}

#[test]
fn parentheses_hold_aliases_nano_markers_and_percentages() {
    let result =
        check(&["Aqua (Water), Titanium Dioxide (nano), Salicylic Acid (2%), Beta Hydroxy Acid (Salicylic Acid)"]);
    let parsed: Vec<(&str, Option<&str>)> = result
        .ingredients
        .iter()
        .map(|i| (i.normalised.as_str(), i.concentration.as_deref()))
        .collect();
    assert_eq!(
        parsed,
        [
            ("aqua", None),
            ("titanium dioxide", None),
            ("salicylic acid", Some("2%")),
            ("beta hydroxy acid", None)
        ]
    );
    let flagged: Vec<(&str, Option<usize>)> = result
        .flagged
        .iter()
        .map(|f| (f.ingredient_id.as_str(), f.position))
        .collect();
    // One flag for the acid, named twice; "Beta Hydroxy Acid" in the same entry as the acid is
    // not a second flag.
    assert_eq!(flagged, [("salicylic-acid", Some(3))]);
    assert_eq!(result.flagged[0].mentions.len(), 2);
}

#[test]
fn slashes_join_alternate_names_and_percentages_are_read() {
    run_table(&[
        Case {
            name: "alternate names",
            input: &["Aqua/Water/Eau, Hydroxyacetic Acid/Glycolic Acid"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "trailing percentage",
            input: &["Glycolic Acid 10%"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Name)],
            beneficial: &[],
        },
        Case {
            name: "leading percentage",
            input: &["2% Avobenzone, 10% Homosalate"],
            verdict: NoneFound,
            flagged: &[],
            beneficial: &[],
        },
    ]);
    assert_eq!(check(&["Aqua/Water/Eau, Glycerin"]).ingredients.len(), 2);
    let percent = check(&["Glycolic Acid 10%"]);
    assert_eq!(percent.ingredients[0].concentration.as_deref(), Some("10%"));
}

#[test]
fn footnote_marks_and_legends_are_not_ingredients() {
    let result = check(&["Aloe Barbadensis Leaf Juice*, Glycerin¹, Water†\n*organic\n¹ from natural origin"]);
    let names: Vec<&str> = result.ingredients.iter().map(|i| i.normalised.as_str()).collect();
    assert_eq!(names, ["aloe barbadensis leaf juice", "glycerin", "water"]);
    let legends = result
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::FootnoteLegend)
        .count();
    assert_eq!(legends, 2);
    assert_eq!(result.beneficial[0].ingredient_id, "aloe-vera");
}

#[test]
fn may_contain_clauses_are_possible_presence_only() {
    run_table(&[
        Case {
            name: "may contain",
            input: &["Talc, Mica. May contain: Salicylic Acid"],
            verdict: Caution,
            flagged: &[("salicylic-acid", Possible)],
            beneficial: &[],
        },
        Case {
            name: "bracketed +/-",
            input: &["Talc, Mica [+/- CI 77891, Glycolic Acid], Silica"],
            verdict: Caution,
            flagged: &[("glycolic-acid", Possible)],
            beneficial: &[],
        },
        Case {
            name: "plain +/-",
            input: &["Talc, Mica, +/- Benzoyl Peroxide"],
            verdict: Caution,
            flagged: &[("benzoyl-peroxide", Possible)],
            beneficial: &[],
        },
        Case {
            name: "french",
            input: &["Talc, Mica. Peut contenir: Acide Salicylique"],
            verdict: Caution,
            flagged: &[("salicylic-acid", Possible)],
            beneficial: &[],
        },
    ]);
    let result = check(&["Talc, Mica [+/- CI 77891, Glycolic Acid], Silica"]);
    let silica = result
        .ingredients
        .iter()
        .find(|i| i.normalised.as_str() == "silica")
        .expect("silica parsed");
    assert!(!silica.may_contain, "the clause ends at its bracket");
}

#[test]
fn names_broken_across_lines_are_joined() {
    run_table(&[
        Case {
            name: "hyphenated break",
            input: &["Water, Salicy-\nlic Acid, Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "plain wrap",
            input: &["Water, Salicylic\nAcid, Glycerin"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
    ]);
    let result = check(&["Water, Coco-\nGlucoside, Glycerin"]);
    assert_eq!(result.ingredients[1].normalised, "coco-glucoside");
}
