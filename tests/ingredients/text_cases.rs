//! Table-driven cases for text around and inside the list: marketing text,
//! claims of absence, Unicode normalisation, character spans.

use crate::common;

use aftercare::ingredients::FoundIn;
use aftercare::ingredients::MatchKind::{Ambiguous, Name, Synonym};
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};
use aftercare::ingredients::label::NoteKind;
use common::{Case, check, run_table};

const SA: (&str, aftercare::ingredients::MatchKind) = ("salicylic-acid", Name);

#[test]
fn marketing_text_around_the_list_is_noted_not_parsed() {
    let result = check(&[
        "Our gentle cleanser leaves skin soft.\nIngredients: Water, Glycerin\nDirections: massage onto wet skin",
    ]);
    assert_eq!(result.verdict, NoneFound);
    assert_eq!(result.ingredients.len(), 2);
    assert!(result.notes.iter().any(|n| n.kind == NoteKind::IgnoredSection));
    // A restricted name in a section set aside is still found, by the safety net.
    let directions =
        check(&["Ingredients: Water, Glycerin\nDirections: massage onto wet skin with salicylic acid pads"]);
    assert_eq!(directions.verdict, Avoid);
    assert_eq!(directions.flagged[0].found_in, FoundIn::Text);
    assert_eq!(directions.flagged[0].position, None);
    let prose = check(&[
        "This wonderful formula leaves your skin feeling soft and smooth all day long with salicylic acid, Water",
    ]);
    assert!(prose.notes.iter().any(|n| n.kind == NoteKind::UnparsedFragment));
}

#[test]
fn claims_of_absence_never_count_as_presence() {
    let claims = [
        "Water, Glycerin, salicylic acid-free",
        "Free from glycolic acid",
        "0% benzoyl peroxide",
        "Water, Glycerin.\nWithout salicylic acid, glycolic acid or benzoyl peroxide.",
        "Formulated without benzoyl peroxide, salicylic acid",
        "Sin ácido salicílico",
        "sans acide glycolique",
        "ohne Salicylsäure",
        "Contains no BPO",
        "Glycolic Acid 0%",
    ];
    common::assert_claims_ignored(&claims);
}

#[test]
fn unicode_forms_are_normalised() {
    run_table(&[
        Case {
            name: "fullwidth",
            input: &["Ｓａｌｉｃｙｌｉｃ Ａｃｉｄ"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "upper case",
            input: &["SALICYLIC ACID"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "nbsp",
            input: &["Salicylic\u{00A0}Acid"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "zero width",
            input: &["Sali\u{200B}cylic Acid\u{FEFF}"],
            verdict: Avoid,
            flagged: &[SA],
            beneficial: &[],
        },
        Case {
            name: "dash variant",
            input: &["Beta\u{2011}Hydroxy Acid"],
            verdict: Caution,
            flagged: &[("beta-hydroxy-acid", Ambiguous)],
            beneficial: &[],
        },
        Case {
            name: "spanish",
            input: &["Ácido Salicílico"],
            verdict: Avoid,
            flagged: &[("salicylic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "french",
            input: &["Acide glycolique"],
            verdict: Avoid,
            flagged: &[("glycolic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "german",
            input: &["Salicylsäure"],
            verdict: Avoid,
            flagged: &[("salicylic-acid", Synonym)],
            beneficial: &[],
        },
        Case {
            name: "spanish bpo",
            input: &["Peróxido de benzoilo"],
            verdict: Avoid,
            flagged: &[("benzoyl-peroxide", Synonym)],
            beneficial: &[],
        },
    ]);
}

#[test]
fn spans_are_character_offsets_into_the_submitted_string() {
    let text = "🌿 Água, Salicylic Acid 2%";
    let result = check(&[text]);
    let flag = &result.flagged[0];
    let chars: Vec<char> = text.chars().collect();
    let cut: String = chars[flag.span.start..flag.span.end].iter().collect();
    assert_eq!((flag.span.start, flag.span.end), (8, 22));
    assert_eq!(cut, "Salicylic Acid");
    assert_eq!(flag.text, cut);
}

#[test]
fn bha_next_to_salicylic_acid_is_not_called_a_preservative() {
    let result = check(&["Salicylic Acid (BHA), Water"]);
    assert_eq!(result.verdict, Avoid);
    assert!(
        result
            .notes
            .iter()
            .all(|n| n.ingredient_id.as_deref() != Some("butylated-hydroxyanisole"))
    );
    let preservative = check(&["Water, Tocopherol, BHA"]);
    assert_eq!(preservative.verdict, NoneFound);
    let note = preservative
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::NotRestricted)
        .expect("explained");
    assert_eq!(
        (note.text.as_str(), note.ingredient_id.as_deref()),
        ("BHA", Some("butylated-hydroxyanisole"))
    );
}

/// The ids and places of what `text` is flagged for, in order.
fn flags_of(text: &str) -> Vec<(String, FoundIn, String)> {
    check(&[text])
        .flagged
        .iter()
        .map(|f| (f.ingredient_id.clone(), f.found_in, f.text.clone()))
        .collect()
}

#[test]
fn restricted_names_outside_the_list_are_found_where_they_are_printed() {
    for (label, id, printed) in [
        (
            "Drug Facts Active Ingredients Salicylic Acid 2% Purpose Acne treatment Uses for the management of acne",
            "salicylic-acid",
            "Salicylic Acid",
        ),
        (
            "cada 1 g de gel contiene: Peróxido de Benzoílo al 5%",
            "benzoyl-peroxide",
            "Peróxido de Benzoílo al",
        ),
        (
            "Salicylic Acid 0.5% Water Glycerin\nThis product contains the inactive ingredients: water, glycerin",
            "salicylic-acid",
            "Salicylic Acid",
        ),
        ("12Salicylic acidanti-inflammatory", "salicylic-acid", "Salicylic acid"),
    ] {
        let flags = flags_of(label);
        assert!(
            flags
                .iter()
                .any(|(i, _, p)| i == id && p.to_lowercase().contains(&printed.to_lowercase())),
            "{label}: {flags:?}"
        );
    }
}

#[test]
fn claims_warnings_and_comparisons_outside_the_list_never_count() {
    for label in [
        "-Willow Bark: Nature's alternative to salicylic acid",
        "Warning: do not use together with benzoyl peroxide products",
        "Gentle, though not a substitute for salicylic acid.",
        "Compare to the active ingredient in benzoyl peroxide washes.",
        "Formulated without glycolic acid.",
        "Salicylic acid-free. Ingredients: Water, Glycerin",
        "Instead of glycolic acid, this toner uses gentle enzymes.",
        "Ingredients: Water, Glycerin\nWarnings\nDo not use with other products that contain benzoyl peroxide or salicylic acid.\nDirections: apply daily",
    ] {
        let flags = flags_of(label);
        let actives: Vec<&(String, FoundIn, String)> = flags
            .iter()
            .filter(|(id, ..)| ["salicylic-acid", "glycolic-acid", "benzoyl-peroxide"].contains(&id.as_str()))
            .collect();
        assert!(actives.is_empty(), "{label}: {flags:?}");
    }
}

#[test]
fn a_name_in_the_list_and_again_in_prose_is_one_flag_at_its_list_entry() {
    let result = check(&["With salicylic acid for clear skin.\nIngredients: Water, Salicylic Acid, Glycerin"]);
    assert_eq!(result.flagged.len(), 1);
    let flag = &result.flagged[0];
    assert_eq!((flag.found_in, flag.position), (FoundIn::IngredientList, Some(2)));
    assert_eq!(flag.mentions.len(), 2);
}

#[test]
fn names_joined_or_spoofed_in_the_text_are_still_found() {
    for label in [
        "Water, GlycolicAcid, Glycerin",
        "Water, GLYCOLICACID",
        "Water, Salicylic\u{200B}Acid",
        "Water, Salicylic\u{2060}Acid",
        "Water, Sali\u{00AD}cylic Acid",
        "Water, \u{FEFF}Salicylic Acid",
        "Water, Salicylic_Acid",
        "Water, Salicylic.Acid, Glycerin",
        "Water, S\u{0430}licylic Acid",
        "Water, Benzoyl\u{2009}Peroxide",
        "Aqua Sodium Lauroyl Lactylate Glycolic Acid Ceramide Np Glycerin",
    ] {
        let result = check(&[label]);
        assert_eq!(result.verdict, Avoid, "{label}: {:?}", result.flagged);
    }
}

#[test]
fn a_flag_names_the_whole_printed_ingredient_and_what_it_relates_to() {
    let result = check(&["Aqua, Salix Alba (Willow) Bark Water, Glycerin"]);
    let flag = &result.flagged[0];
    assert_eq!(flag.text, "Salix Alba (Willow) Bark Water");
    assert_eq!(
        (flag.match_kind, flag.active.as_deref()),
        (aftercare::ingredients::MatchKind::Source, None)
    );
    assert_eq!(flag.relates_to.as_deref(), Some("salicylic-acid"));
    assert_eq!(result.verdict, Caution);
}

#[test]
fn inverted_medicine_names_are_found_across_the_comma_or_brackets() {
    for label in ["Benzoílo, peróxido 50 mg/g", "benzoyle (peroxyde de) hydraté 5 g"] {
        let result = check(&[label]);
        let ids: Vec<&str> = result.flagged.iter().map(|f| f.ingredient_id.as_str()).collect();
        assert!(ids.contains(&"benzoyl-peroxide"), "{label}: {ids:?}");
    }
}
