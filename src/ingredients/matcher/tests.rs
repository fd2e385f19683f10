use super::*;
use crate::ingredients::label::{IngredientList, LabelVocabulary};

/// Parses `items` with the shipped vocabulary.
fn parse<S: AsRef<str>>(items: &[S]) -> IngredientList {
    let vocabulary = LabelVocabulary::embedded().expect("the shipped vocabulary is valid");
    IngredientList::parse(&vocabulary, items)
}

fn ids(text: &str) -> Vec<String> {
    let knowledge = KnowledgeBase::embedded().expect("valid");
    let matcher = Matcher::new(&knowledge).expect("builds");
    let list = parse(&[text]);
    let hits = matcher.scan(list.match_text());
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
fn names_glued_to_a_number_before_or_a_word_after_are_found() {
    assert_eq!(ids("12Salicylic acidanti-inflammatory"), ["salicylic-acid"]);
    assert!(ids("Glycolic acidity").len() == 1);
    // A short name never runs into the next word, and a digit is never glued to another.
    assert!(ids("Ahaaa").is_empty());
    assert!(ids("1269-72-7").is_empty());
}

#[test]
fn a_failed_boundary_check_does_not_hide_a_later_match() {
    assert_eq!(ids("xsalicylic acid and salicylic acid"), ["salicylic-acid"]);
}

#[test]
fn hits_map_back_to_their_ingredient_and_characters() {
    let knowledge = KnowledgeBase::embedded().expect("valid");
    let matcher = Matcher::new(&knowledge).expect("builds");
    let list = parse(&["Água, Glycolic Acid"]);
    let hits = matcher.scan(list.match_text());
    assert_eq!((hits[0].ingredient, hits[0].start, hits[0].end), (1, 6, 19));
    assert!(matcher.pattern_count() > 100);
}

/// The scan as first written: unanchored leftmost-longest searches, retried
/// one character later whenever a match is not on token boundaries (a start
/// right after a digit, and a long name of several words running into the
/// next word, count as boundaries).
fn reference_scan(knowledge: &KnowledgeBase, matcher: &Matcher, text: &MatchText) -> Vec<Hit> {
    use aho_corasick::{AhoCorasick, Input};

    let keys = knowledge.patterns().iter().map(|p| p.key.as_str());
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(keys)
        .expect("builds");
    let hay = text.mapped.text.as_str();
    let (mut hits, mut at) = (Vec::new(), 0);
    while let Some(m) = automaton.find(Input::new(hay).span(at..hay.len())) {
        let before = hay[..m.start()].chars().next_back();
        let first = hay[m.start()..].chars().next();
        let after = hay[m.end()..].chars().next();
        let after_digit = before.is_some_and(char::is_numeric) && first.is_some_and(char::is_alphabetic);
        let starts = !is_word(before) || after_digit;
        let ends = !is_word(after) || matcher.runs_on[m.pattern().as_usize()];
        if !starts || !ends {
            at = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        hits.push(Hit {
            ingredient: text.ingredient_at(m.start()),
            pattern: m.pattern().as_usize(),
            start: text.mapped.origin[m.start()],
            end: text.mapped.origin[m.end() - 1] + 1,
        });
        at = m.end();
    }
    hits
}

fn knowledge_and_matcher() -> &'static (KnowledgeBase, Matcher) {
    static BUILT: std::sync::OnceLock<(KnowledgeBase, Matcher)> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let knowledge = KnowledgeBase::embedded().expect("valid");
        let matcher = Matcher::new(&knowledge).expect("builds");
        (knowledge, matcher)
    })
}

/// Label-like text: knowledge-base names glued with separators, letters and other text.
fn glued_names() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;

    let (knowledge, _) = knowledge_and_matcher();
    let names: Vec<String> = knowledge.patterns().iter().map(|p| p.written.clone()).collect();
    let token = prop_oneof![
        4 => proptest::sample::select(names),
        2 => proptest::sample::select(vec![", ", " ", "-", "x", "é", "1", "(", ") ", "\n", "ß", "Ⅻ", "s "])
            .prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    proptest::collection::vec(token, 0..12).prop_map(|tokens| tokens.concat())
}

proptest::proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn the_anchored_scan_equals_retried_unanchored_searches(text in glued_names()) {
        let (knowledge, matcher) = knowledge_and_matcher();
        let text = parse(&[text]).build_match_text();
        proptest::prop_assert_eq!(matcher.scan(&text), reference_scan(knowledge, matcher, &text));
    }

    #[test]
    fn the_match_text_written_while_parsing_equals_the_built_one(
        texts in proptest::collection::vec(glued_names(), 1..3),
    ) {
        let list = parse(&texts);
        proptest::prop_assert_eq!(list.match_text(), &list.build_match_text());
    }
}
