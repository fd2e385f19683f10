use super::*;

/// True when the first `name` in `text` is negated by its sentence.
fn negates(text: &str, name: &str) -> bool {
    let words = LabelVocabulary::embedded().expect("valid");
    let net = NetWords::new(&words).expect("builds");
    let items = [Submitted::new(text)];
    let contexts = contexts(&net, &items);
    let byte = text.find(name).expect("name in text");
    let start = text[..byte].chars().count();
    let end = start + name.chars().count();
    negated(&net, &contexts[0].text, items[0].chars(), 0, start as u32, end as u32)
}

#[test]
fn claims_and_warnings_in_the_sentence_negate_a_name() {
    for (text, name) in [
        (
            "-Willow Bark: Nature's alternative to salicylic acid.",
            "salicylic acid",
        ),
        (
            "Warning: do not use together with benzoyl peroxide products.",
            "benzoyl peroxide",
        ),
        ("Formulated without salicylic acid or parabens.", "salicylic acid"),
        ("Sin ácido glicólico ni perfume.", "ácido glicólico"),
        ("Our salicylic acid-free formula soothes.", "salicylic acid"),
        ("Our salicylic acid free formula soothes.", "salicylic acid"),
        ("Contains 0% glycolic acid.", "glycolic acid"),
        ("Sans acide salicylique.", "acide salicylique"),
        ("Ohne Salicylsäure.", "Salicylsäure"),
        ("Compare to benzoyl peroxide 10%", "benzoyl peroxide"),
        ("不含水杨酸。", "水杨酸"),
        ("サリチル酸フリー", "サリチル酸"),
    ] {
        assert!(negates(text, name), "{text}");
    }
}

#[test]
fn a_name_stated_as_present_is_not_negated() {
    for (text, name) in [
        (
            "Drug Facts Active Ingredients Salicylic Acid 2% Purpose",
            "Salicylic Acid",
        ),
        (
            "cada 1 g de gel contiene: Peróxido de Benzoilo al 5%",
            "Peróxido de Benzoilo",
        ),
        ("Free from parabens. Now with salicylic acid.", "salicylic acid"),
        ("Now with glycolic acid, no parabens.", "glycolic acid"),
        ("A piano salicylic acid cleanser", "salicylic acid"),
        ("本品含水杨酸，请勿入眼。", "水杨酸"),
    ] {
        assert!(!negates(text, name), "{text}");
    }
}

#[test]
fn a_sentence_starts_after_its_boundary_and_no_further_back_than_the_floor() {
    let chars: Vec<char> = "One. Two; three".chars().collect();
    assert_eq!(sentence_start(&chars, 14, 0), 9);
    assert_eq!(sentence_start(&chars, 7, 0), 4);
    assert_eq!(sentence_start(&chars, 14, 12), 12);
    // A decimal point is no sentence end.
    let chars: Vec<char> = "Acid 2.5% gel".chars().collect();
    assert_eq!(sentence_start(&chars, 10, 0), 0);
}

#[test]
fn a_warning_section_runs_from_its_heading_to_the_next_section() {
    let words = LabelVocabulary::embedded().expect("valid");
    let net = NetWords::new(&words).expect("builds");
    let text = "Active ingredient: Adapalene\nWarnings\n• do not combine\n• Salicylic acid\nDirections: apply\nO que pode interferir com este medicamento?\n  • ácido salicílico";
    let chars: Vec<char> = text.chars().collect();
    let sections = warning_sections(&net, &chars);
    let cut = |(from, to): (u32, u32)| chars[from as usize..to as usize].iter().collect::<String>();
    let cuts: Vec<String> = sections.into_iter().map(cut).collect();
    assert_eq!(
        cuts,
        [
            "Warnings\n• do not combine\n• Salicylic acid\n",
            "O que pode interferir com este medicamento?\n  • ácido salicílico"
        ]
    );
}

#[test]
fn ranges_answer_overlap_and_containment() {
    let ranges = Ranges::new(vec![(10, 20), (0, 4), (12, 30)]);
    assert!(ranges.overlaps(3, 5) && ranges.overlaps(19, 40) && !ranges.overlaps(4, 10));
    assert!(ranges.holds(0, 4) && ranges.holds(12, 30) && ranges.holds(13, 25));
    assert!(!ranges.holds(10, 25));
    assert!(!ranges.holds(3, 5) && !ranges.holds(31, 32));
    assert!(!Ranges::new(Vec::new()).overlaps(0, 1));
}
