//! Table-driven cases for text around and inside the list: marketing text,
//! claims of absence, Unicode normalisation, character spans.

use crate::common;

use aftercare::ingredients::MatchKind::{Ambiguous, Name, Synonym};
use aftercare::ingredients::Verdict::{Avoid, Caution, NoneFound};
use aftercare::ingredients::label::NoteKind;
use common::{Case, check, run_table};

const SA: (&str, aftercare::ingredients::MatchKind) = ("salicylic-acid", Name);

#[test]
fn marketing_text_around_the_list_is_noted_not_parsed() {
    let result = check(&[
        "Our gentle cleanser leaves skin soft.\nIngredients: Water, Glycerin\nDirections: massage onto wet skin with salicylic acid pads",
    ]);
    assert_eq!(result.verdict, NoneFound);
    assert_eq!(result.ingredients.len(), 2);
    assert!(result.notes.iter().any(|n| n.kind == NoteKind::IgnoredSection));
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
