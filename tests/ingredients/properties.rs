//! Property tests for the label parser and the matcher.

use crate::common;

use std::collections::BTreeMap;

use aftercare::ingredients::{IngredientCheck, Span};
use common::check;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

// Entries read at strength by their place in the list (citric acid, denatured alcohol...) appear
// only with a stated concentration here, which decides whatever the place; their places are the
// last property's.
const NAMES: [&str; 26] = [
    "Water",
    "Glycerin",
    "Salicylic Acid",
    "Glycolic Acid 10%",
    "Benzoyl Peroxide",
    "Aqua (Water)",
    "Ethylhexyl Salicylate",
    "Sodium Salicylate",
    "Salix Alba (Willow) Bark Extract",
    "Lactic Acid",
    "Aloe Barbadensis Leaf Juice",
    "Niacinamide",
    "1,2-Hexanediol",
    "Coco-Glucoside",
    "BHA",
    "BHT",
    "Beta Hydroxy Acid",
    "Juglans Regia Shell Powder",
    "Citric Acid 0.5%",
    "Citric Acid 15%",
    "Retinol",
    "Butylene Glycol",
    "Lactic Acid/Glycolic Acid Copolymer",
    "Titanium Dioxide (nano)",
    "Camellia Sinensis Leaf Extract",
    "Hydrogen Peroxide",
];

/// Entries read at strength when listed high, with no concentration stated.
const BY_PLACE: [&str; 4] = ["Citric Acid", "Alcohol Denat.", "Ascorbic Acid", "Methyl Salicylate"];

const UNRELATED: [&str; 8] = [
    "Xanthan Gum",
    "Tocopherol",
    "Dimethicone",
    "Panthenol",
    "Allantoin",
    "Sodium Chloride",
    "Squalane",
    "Carbomer",
];

const PIECES: [&str; 14] = [
    "Ingredients:",
    "Active ingredient",
    "Inactive ingredients:",
    "May contain",
    "+/-",
    "(",
    ")",
    "[",
    "]",
    "*",
    "¹",
    "free from",
    "Step 2",
    "Purpose",
];

fn cut(chars: &[char], span: &Span) -> Option<String> {
    (span.start <= span.end && span.end <= chars.len()).then(|| chars[span.start..span.end].iter().collect())
}

fn assert_spans(items: &[String], result: &IngredientCheck) -> Result<(), TestCaseError> {
    let chars: Vec<Vec<char>> = items.iter().map(|s| s.chars().collect()).collect();
    for f in &result.flagged {
        prop_assert_eq!(cut(&chars[f.span.item], &f.span), Some(f.text.clone()));
    }
    for b in &result.beneficial {
        prop_assert_eq!(cut(&chars[b.span.item], &b.span), Some(b.text.clone()));
    }
    for i in &result.ingredients {
        prop_assert_eq!(cut(&chars[i.span.item], &i.span), Some(i.text.clone()));
    }
    for n in &result.notes {
        let text = cut(&chars[n.span.item], &n.span);
        prop_assert!(text.is_some());
    }
    Ok(())
}

fn label_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        3 => select(&NAMES[..]).prop_map(str::to_owned),
        2 => select(&PIECES[..]).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => select(vec![", ", "; ", " • ", " · ", "\n", " | ", "\n\n", ". ", "-\n", "\u{00A0}", "\u{200B}", "\u{2011}"])
            .prop_map(str::to_owned),
    ];
    prop::collection::vec(token, 0..24).prop_map(|tokens| tokens.concat())
}

fn flagged_ids(result: &IngredientCheck) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for f in &result.flagged {
        *ids.entry(f.ingredient_id.to_string()).or_insert(0) += 1;
    }
    ids
}

proptest! {
    // A failing case is saved under tests/proptest-regressions/, not at the top of the repository.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("tests/proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_unicode_never_panics_and_spans_stay_on_characters(text in any::<String>()) {
        let result = check(&[text.as_str()]);
        assert_spans(&[text], &result)?;
    }

    #[test]
    fn label_like_text_keeps_spans_on_the_original(texts in prop::collection::vec(label_text(), 1..3)) {
        let items: Vec<&str> = texts.iter().map(String::as_str).collect();
        let result = check(&items);
        assert_spans(&texts, &result)?;
    }

    #[test]
    fn adding_an_unrelated_ingredient_never_changes_the_verdict(
        // At least one name: an empty label is `unreadable`, and one more ingredient makes it read.
        names in prop::collection::vec(select(&NAMES[..]), 1..12),
        extra in select(&UNRELATED[..]),
        at in any::<prop::sample::Index>(),
    ) {
        let before = check(&[names.join(", ").as_str()]);
        let mut more = names.clone();
        more.insert(at.index(names.len() + 1), extra);
        let after = check(&[more.join(", ").as_str()]);
        prop_assert_eq!(before.verdict, after.verdict);
        prop_assert_eq!(flagged_ids(&before), flagged_ids(&after));
    }

    #[test]
    fn ingredient_order_does_not_matter(names in prop::collection::vec(select(&NAMES[..]), 0..12).prop_shuffle()) {
        let mut sorted = names.clone();
        sorted.sort_unstable();
        let shuffled = check(&[names.join(", ").as_str()]);
        let ordered = check(&[sorted.join(", ").as_str()]);
        prop_assert_eq!(shuffled.verdict, ordered.verdict);
        prop_assert_eq!(flagged_ids(&shuffled), flagged_ids(&ordered));
    }

    #[test]
    fn listing_ingredients_before_others_only_ever_removes_flags_read_by_place(
        names in prop::collection::vec(select(&BY_PLACE[..]), 1..6),
        before in prop::collection::vec(select(&UNRELATED[..]), 0..8),
    ) {
        let alone = check(&[names.join(", ").as_str()]);
        let lower = check(&[before.iter().chain(&names).copied().collect::<Vec<_>>().join(", ").as_str()]);
        let (alone, lower) = (flagged_ids(&alone), flagged_ids(&lower));
        prop_assert!(lower.keys().all(|id| alone.contains_key(id)), "{:?} not within {:?}", lower, alone);
    }
}
