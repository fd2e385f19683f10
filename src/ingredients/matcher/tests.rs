use super::*;
use crate::ingredients::label::IngredientList;

fn ids(text: &str) -> Vec<String> {
    let knowledge = KnowledgeBase::embedded().expect("valid");
    let matcher = Matcher::new(&knowledge).expect("builds");
    let list = IngredientList::parse(&[text]);
    let hits = matcher.scan(&MatchText::build(&list));
    hits.iter()
        .map(|h| knowledge.entries()[knowledge.patterns()[h.pattern].entry].id.clone())
        .collect()
}

#[test]
fn longest_match_prefers_the_not_restricted_name() {
    assert_eq!(ids("Ethylhexyl Salicylate"), ["ethylhexyl-salicylate"]);
    assert_eq!(
        ids("Lactic Acid/Glycolic Acid Copolymer"),
        ["lactic-glycolic-copolymer"]
    );
}

#[test]
fn matches_must_sit_on_name_boundaries() {
    assert!(ids("Supersalicylic Acidity").is_empty());
    assert_eq!(ids("Salicylic Acid Ultrapure"), ["salicylic-acid"]);
    assert!(ids("Hydroxy Acidic Blend").is_empty());
}

#[test]
fn a_failed_boundary_check_does_not_hide_a_later_match() {
    assert_eq!(ids("xsalicylic acid and salicylic acid"), ["salicylic-acid"]);
}

#[test]
fn hits_map_back_to_their_ingredient_and_characters() {
    let knowledge = KnowledgeBase::embedded().expect("valid");
    let matcher = Matcher::new(&knowledge).expect("builds");
    let list = IngredientList::parse(&["Água, Glycolic Acid"]);
    let hits = matcher.scan(&MatchText::build(&list));
    assert_eq!((hits[0].ingredient, hits[0].start, hits[0].end), (1, 6, 19));
    assert!(matcher.pattern_count() > 100);
}
