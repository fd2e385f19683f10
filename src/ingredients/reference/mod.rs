//! THROWAWAY: the label parser, matcher and assembly as they were before the
//! speed work, and differential tests asserting the new code answers the same.
#![allow(dead_code)]

mod label;
mod matcher;
mod normalize;
mod verdict;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::{CheckOptions, IngredientChecker, IngredientsInput, MatchText, RestrictionWindows};

fn checker() -> &'static (IngredientChecker, matcher::Matcher) {
    static BUILT: std::sync::OnceLock<(IngredientChecker, matcher::Matcher)> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let checker = IngredientChecker::embedded().expect("builds");
        let old = matcher::Matcher::new(checker.knowledge()).expect("builds");
        (checker, old)
    })
}

/// Asserts parse, match text, hits and the check result agree for `items`.
fn assert_same(items: &[String]) {
    let (checker, old_matcher) = checker();
    let new_list = super::IngredientList::parse(items);
    let old_list = label::IngredientList::parse(items);
    assert_eq!(
        format!("{:?}", as_old(&new_list)),
        format!("{old_list:?}"),
        "list of {items:?}"
    );
    let new_text = MatchText::build(&new_list);
    let old_text = matcher::MatchText::build(&old_list);
    assert_eq!(
        format!("{new_text:?}"),
        format!("{old_text:?}"),
        "match text of {items:?}"
    );
    assert_eq!(new_list.match_text(), &new_text, "parse-time match text of {items:?}");
    let new_hits = checker.matcher().scan(&new_text);
    let old_hits = old_matcher.scan(&old_text);
    assert_eq!(format!("{new_hits:?}"), format!("{old_hits:?}"), "hits of {items:?}");

    let windows = RestrictionWindows::new()
        .with("avoid-active-ingredients", chrono::Duration::days(7))
        .with("avoid-exfoliating-products", chrono::Duration::days(7))
        .with("tip-soothing-products", chrono::Duration::days(7));
    let at = Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0).unwrap();
    for treated_at in [None, Some(Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap())] {
        for language in ["en", "es"] {
            let options = CheckOptions {
                language,
                windows: &windows,
                treated_at,
                at,
            };
            let input = match items {
                [one] => IngredientsInput::Text(one.clone()),
                many => IngredientsInput::List(many.to_vec()),
            };
            let new = checker.check(&input, &options);
            let chars: Vec<Vec<char>> = items.iter().map(|s| s.chars().collect()).collect();
            let list = label::IngredientList::parse_chars(&chars);
            let hits = old_matcher.scan(&matcher::MatchText::build(&list));
            let old = verdict::assemble(checker.knowledge(), &chars, list, &hits, &options);
            assert_eq!(new, old, "check of {items:?}");
        }
    }
}

/// The new list in the old shape: names and aliases as owned character lists.
fn as_old(list: &super::IngredientList) -> label::IngredientList {
    let ingredients = list
        .ingredients
        .iter()
        .map(|i| label::LabelIngredient {
            item: i.item,
            position: i.position,
            start: i.start,
            end: i.end,
            text: i.text.clone(),
            name: list.name(i).to_vec(),
            normalised: i.normalised.clone(),
            aliases: list.aliases(i).map(<[_]>::to_vec).collect(),
            section: i.section,
            step: i.step,
            may_contain: i.may_contain,
            concentration: i.concentration.clone(),
        })
        .collect();
    let notes = list
        .notes
        .iter()
        .map(|n| label::LabelNote {
            kind: n.kind,
            item: n.item,
            start: n.start,
            end: n.end,
        })
        .collect();
    label::IngredientList { ingredients, notes }
}

fn corpus() -> Vec<String> {
    let text = include_str!("../../../tests/ingredients/corpus/labels.toml");
    let value: toml::Value = toml::from_str(text).expect("valid");
    value["label"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| l["text"].as_str().expect("text").to_owned())
        .collect()
}

const BENCH_LABEL: &str = "Active ingredient: Salicylic Acid 2%\nInactive ingredients: Water (Aqua), Sodium C14-16 Olefin Sulfonate, \
Cocamidopropyl Betaine, Glycerin, Butylene Glycol, Sodium Chloride, PEG-80 Sorbitan Laurate, Citric Acid, Disodium EDTA, \
C12-15 Alkyl Lactate, Benzalkonium Chloride, Fragrance (Parfum), Aloe Barbadensis Leaf Extract, Chamomilla Recutita \
(Matricaria) Flower Extract, Propylene Glycol, Sodium Hydroxide, Salix Alba (Willow) Bark Extract, Camellia Sinensis Leaf \
Extract, Niacinamide, Panthenol, Allantoin, Tocopherol, Xanthan Gum, Ethylhexylglycerin, Phenoxyethanol, 1,2-Hexanediol, \
Coco-Glucoside, Sodium Benzoate, Ethylhexyl Salicylate";

#[test]
fn corpus_labels_answer_as_before() {
    let labels = corpus();
    for label in &labels {
        assert_same(std::slice::from_ref(label));
        assert_same(&[label.to_uppercase()]);
        assert_same(&[label.replace('\n', "\r\n")]);
        assert_same(&[label.replace(", ", ",\n")]);
    }
    assert_same(&labels[..5]);
    assert_same(&[BENCH_LABEL.to_owned()]);
}

const TOKENS: &[&str] = &[
    "Water",
    "Aqua (Water)",
    "Salicylic Acid",
    "Glycolic Acid 10%",
    "2.5 % w/w",
    "10%",
    "0%",
    "(0%)",
    "(2%)",
    "Salix Alba (Willow) Bark Extract",
    "Titanium Dioxide (nano)",
    "Coco-Glucoside",
    "1,2-Hexanediol",
    "BHA",
    "Beta Hydroxy Acid",
    "Lactic Acid/Glycolic Acid Copolymer",
    "Ethylhexyl Salicylate",
    "Ingredients:",
    "Active ingredient",
    "Active Ingredients",
    "Inactive ingredients:",
    "Other ingredients",
    "Purpose",
    "Uses",
    "Directions:",
    "Warnings",
    "Step 2",
    "STEP 3:",
    "Paso 1 -",
    "May contain",
    "may also contain:",
    "+/-",
    "[+/-",
    "±",
    "peut contenir",
    "*",
    "**",
    "¹",
    "²",
    "†",
    "*organic",
    "free from",
    "Free of ",
    "without ",
    "paraben-free",
    "salicylic acid-free",
    " free",
    "no ",
    "No parabens.",
    "sin ",
    "Sin parabenos",
    "and ",
    "& ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "...",
    "…",
    "\t",
    "  ",
    "nano",
    "(1)",
    "Salicy-\nlic",
    "Água",
    "ÁCIDO SALICÍLICO",
    "Weißdorn",
    "İ",
    "ﬁ",
    "Ｓａｌｉｃｙｌｉｃ",
    "CI 77891",
    "7732-18-5",
    "69-72-7",
    "willow bark",
    "Product - Ingredients:",
    "Normal eye shadow ingredients:",
    "ingredient(s):",
    "Drug Facts",
    "Keep out of reach",
    "- ",
    "• ",
    "> ",
    "– ",
    "a - b",
    "x\u{200B}",
    "\u{00A0}",
    "\u{2011}",
    "\u{2013}",
    "\u{2212}",
    "\u{2019}",
    "\u{2028}",
    "\u{85}",
    "\u{2029}",
    "\u{FEFF}",
    "™",
    "®",
    "e.g. water",
    "Vit. E",
    "1,5",
    "0,0%",
    "0 %",
    "0.0%",
    "formulated without",
    "does not contain",
    "contains no ",
    "w/w",
    "v/v",
    "Z",
    "ß",
];

const SEPARATORS: &[&str] = &[
    ", ", ",", "; ", " • ", " · ", "●", "▪", "◆", " | ", "\n", "\n\n", "\r\n", "\r", ". ", ".", "-\n", " ", "  ",
    "\n \n", ":", " - ",
];

fn label_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        3 => prop::sample::select(SEPARATORS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 ]{1,8}",
        1 => any::<String>(),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn label_like_text_answers_as_before(texts in prop::collection::vec(label_text(), 1..3)) {
        assert_same(&texts);
    }

    #[test]
    fn arbitrary_text_answers_as_before(text in any::<String>()) {
        assert_same(&[text]);
    }

    #[test]
    fn uppercased_label_like_text_answers_as_before(text in label_text()) {
        assert_same(&[text.to_uppercase()]);
    }
}
