use proptest::prelude::*;

use super::*;

#[test]
fn accents_case_and_compatibility_forms_fold_away() {
    assert_eq!(normalize_str("ÁCIDO SALICÍLICO", HyphenMode::Keep), "acido salicilico");
    assert_eq!(normalize_str("Ｓａｌｉｃｙｌｉｃ", HyphenMode::Keep), "salicylic");
    assert_eq!(normalize_str("Salicylsäure", HyphenMode::Keep), "salicylsaure");
    assert_eq!(normalize_str("Weißdorn", HyphenMode::Keep), "weissdorn");
}

#[test]
fn invisible_characters_and_nbsp_are_handled() {
    let text = "Sali\u{200B}cylic\u{00A0}\u{00A0}Acid\u{FEFF}";
    assert_eq!(normalize_str(text, HyphenMode::Keep), "salicylic acid");
}

#[test]
fn dash_variants_become_hyphens_or_spaces() {
    assert_eq!(
        normalize_str("Beta\u{2011}Hydroxy\u{2013}Acid", HyphenMode::Keep),
        "beta-hydroxy-acid"
    );
    assert_eq!(
        normalize_str("1,2\u{2010}Hexanediol", HyphenMode::AsSpace),
        "1,2 hexanediol"
    );
}

/// Normalises with every character sent through the general (decomposing) path.
fn general_path(text: &str, mode: HyphenMode) -> MappedText {
    let mut out = MappedText::default();
    let mut writer = Writer::new(&mut out, mode);
    for (i, c) in text.chars().enumerate() {
        writer.non_ascii(c, i as u32);
    }
    writer.finish();
    out
}

fn fast_path(text: &str, mode: HyphenMode) -> MappedText {
    let mut out = MappedText::default();
    normalize_chars(text.chars().enumerate().map(|(i, c)| (c, i as u32)), mode, &mut out);
    out
}

fn label_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[ -~]{0,12}",
        1 => "[\t\n\r\x0B\x0C -]{0,4}",
        1 => any::<String>(),
        1 => prop::sample::select(vec!["ß", "Á", "ｓ", "\u{2011}", "\u{00A0}", "\u{200B}", "İ", "ﬁ", "\u{2019}"])
            .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn the_ascii_fast_path_equals_the_general_path(text in label_like()) {
        for mode in [HyphenMode::Keep, HyphenMode::AsSpace] {
            prop_assert_eq!(fast_path(&text, mode), general_path(&text, mode));
        }
    }

    #[test]
    fn hyphens_rewritten_as_spaces_equal_normalising_with_spaces(text in label_like(), prefix in "[a -]{0,3}") {
        let keep = fast_path(&text, HyphenMode::Keep);
        let mut rewritten = MappedText::default();
        normalize_chars(prefix.chars().map(|c| (c, 0)), HyphenMode::AsSpace, &mut rewritten);
        let mut expected = rewritten.clone();
        push_hyphens_as_spaces(&keep, &mut rewritten);
        normalize_chars(text.chars().enumerate().map(|(i, c)| (c, i as u32)), HyphenMode::AsSpace, &mut expected);
        prop_assert_eq!(rewritten, expected);
    }

    #[test]
    fn text_only_and_mapped_output_agree(text in label_like()) {
        for mode in [HyphenMode::Keep, HyphenMode::AsSpace] {
            let mapped = fast_path(&text, mode);
            prop_assert_eq!(normalize_str(&text, mode), mapped.text.clone());
            prop_assert_eq!(mapped.origin.len(), mapped.text.len());
        }
    }
}

#[test]
fn every_output_byte_maps_to_its_source_character() {
    let mut out = MappedText::default();
    let chars = "Ａb".chars().enumerate().map(|(i, c)| (c, i as u32));
    normalize_chars(chars, HyphenMode::Keep, &mut out);
    assert_eq!(out.text, "ab");
    assert_eq!(out.origin, vec![0, 1]);
}

#[test]
fn every_format_character_and_filler_is_dropped() {
    for invisible in [
        "\u{00AD}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{200E}",
        "\u{202E}",
        "\u{2060}",
        "\u{2064}",
        "\u{2066}",
        "\u{FEFF}",
        "\u{FE0F}",
        "\u{3164}",
        "\u{E0041}",
        "\u{180E}",
        "\u{061C}",
    ] {
        let text = format!("Sali{invisible}cylic");
        assert_eq!(normalize_str(&text, HyphenMode::Keep), "salicylic", "{invisible:?}");
    }
}

#[test]
fn cyrillic_and_greek_look_alikes_read_as_latin_letters() {
    // "Sаlicylic Аcid" with Cyrillic а and А; "Glycοlic" with a Greek omicron.
    assert_eq!(
        normalize_str("S\u{0430}licylic \u{0410}cid", HyphenMode::Keep),
        "salicylic acid"
    );
    assert_eq!(normalize_str("Glyc\u{03BF}lic", HyphenMode::Keep), "glycolic");
    // Cyrillic words go through the same mapping, so a Cyrillic name still matches itself.
    let name = normalize_str("Салициловая", HyphenMode::Keep);
    assert_eq!(normalize_str("САЛИЦИЛОВАЯ", HyphenMode::Keep), name);
}

#[test]
fn underscores_and_dots_between_letters_read_as_spaces() {
    assert_eq!(normalize_str("Salicylic_Acid", HyphenMode::AsSpace), "salicylic acid");
    assert_eq!(normalize_str("Salicylic.Acid", HyphenMode::AsSpace), "salicylic acid");
    assert_eq!(normalize_str("Alcohol Denat.", HyphenMode::Keep), "alcohol denat.");
    assert_eq!(normalize_str("Acid 0.5%", HyphenMode::Keep), "acid 0.5%");
    assert_eq!(normalize_str("etc..", HyphenMode::Keep), "etc..");
}
