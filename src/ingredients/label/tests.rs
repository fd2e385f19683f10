use super::*;

/// Parses `items` with the shipped vocabulary.
fn parse(items: &[&str]) -> IngredientList {
    let vocabulary = LabelVocabulary::embedded().expect("the shipped vocabulary is valid");
    IngredientList::parse(&vocabulary, items)
}

fn names(text: &str) -> Vec<String> {
    let list = parse(&[text]);
    list.ingredients
        .iter()
        .map(|i| list.name(i).iter().map(|(c, _)| *c).collect())
        .collect()
}

#[test]
fn commas_inside_parentheses_do_not_split() {
    assert_eq!(
        names("Sepicontrol A5 (Capryloyl Glycine, Sarcosine), Water"),
        ["Sepicontrol A5", "Water"]
    );
}

#[test]
fn a_prose_list_drops_its_final_and() {
    assert_eq!(
        names("water, glycerin, and sodium hydroxide"),
        ["water", "glycerin", "sodium hydroxide"]
    );
}

#[test]
fn drug_facts_purpose_columns_are_cut() {
    let text = "Active ingredients        Purpose\nOctisalate 5.0%.......Sunscreen\nZinc Oxide 7%   Sunscreen";
    assert_eq!(names(text), ["Octisalate", "Zinc Oxide"]);
}

#[test]
fn stop_words_end_an_ingredient_section() {
    let list = parse(&["Inactive ingredients: water\nDirections: use twice daily"]);
    assert_eq!(list.ingredients.len(), 1);
    assert_eq!(list.notes[0].kind, NoteKind::IgnoredSection);
}

#[test]
fn headings_need_a_colon_or_to_open_the_line() {
    assert_eq!(
        names("Our ingredients are gentle\nWater"),
        ["Our ingredients are gentle", "Water"]
    );
    assert_eq!(names("Cleanser: ingredients: Water"), ["Water"]);
}

#[test]
fn sentence_claims_cover_the_rest_of_their_sentence() {
    let list = parse(&["Free from parabens, salicylic acid. Water, Glycerin"]);
    assert_eq!(list.ingredients.len(), 2);
    assert_eq!(
        list.notes.iter().filter(|n| n.kind == NoteKind::IgnoredClaim).count(),
        2
    );
}

#[test]
fn a_claim_inside_a_list_covers_only_itself() {
    let list = parse(&["Water, no parabens, Salicylic Acid"]);
    assert_eq!(list.ingredients.len(), 2);
}

#[test]
fn positions_continue_across_submitted_strings() {
    let list = parse(&["Water, Glycerin", "Niacinamide"]);
    let positions: Vec<(usize, usize)> = list.ingredients.iter().map(|i| (i.item, i.position)).collect();
    assert_eq!(positions, [(0, 1), (0, 2), (1, 3)]);
}
