use super::*;
use crate::ingredients::label::IngredientList;

const FILE: &str = "clinic/label_words.toml";

fn load(text: &str) -> Result<LabelVocabulary, VocabularyError> {
    LabelVocabulary::from_toml(FILE, text)
}

fn normalised_names(vocabulary: &LabelVocabulary, text: &str) -> Vec<String> {
    let list = IngredientList::parse(vocabulary, &[text]);
    list.ingredients.into_iter().map(|i| i.normalised).collect()
}

#[test]
fn the_shipped_vocabulary_loads_with_a_table_per_language() {
    let vocabulary = LabelVocabulary::embedded().expect("the shipped vocabulary is valid");

    let languages: Vec<&str> = vocabulary.languages().collect();

    let file: toml::Table = toml::from_str(EMBEDDED).expect("TOML");
    let tables: Vec<&str> = file.keys().map(String::as_str).collect();
    assert_eq!(languages, tables);
    assert!(languages.contains(&"en") && languages.contains(&"xx"));
}

#[test]
fn merged_words_are_tried_longest_first_whatever_the_language() {
    let vocabulary = load(
        "[en]\nheadings.ingredients = [\"ingredient\", \"ingredient list\"]\n\
         [fr]\nheadings.ingredients = [\"ingredient list (fr)\"]\nstep_words = [\"steps\"]\n\
         [de]\nstep_words = [\"step\"]\n",
    )
    .expect("valid");

    let headings: Vec<&str> = vocabulary.headings.iter().map(|(word, _)| word.as_str()).collect();

    assert_eq!(headings, ["ingredient list (fr)", "ingredient list", "ingredient"]);
    assert_eq!(vocabulary.step_words, ["steps", "step"]);
}

#[test]
fn a_word_two_languages_share_is_kept_once() {
    let vocabulary =
        load("[en]\nheadings.ingredients = [\"composition\"]\n[fr]\nheadings.ingredients = [\"composition\"]\n")
            .expect("valid");

    assert_eq!(
        vocabulary.headings,
        [("composition".to_owned(), ListSection::Ingredients)]
    );
}

#[test]
fn adding_a_language_is_adding_its_rows() {
    let label = "Ingrédients : Aqua, Glycérine\nMode d'emploi : appliquer matin et soir";
    let french_heading = load("[fr]\nheadings.ingredients = [\"ingrédients\"]\n").expect("valid");
    let with_french_stop =
        load("[fr]\nheadings.ingredients = [\"ingrédients\"]\nstops = [\"mode d'emploi\"]\n").expect("valid");

    let before = normalised_names(&french_heading, label);
    let after = normalised_names(&with_french_stop, label);

    assert!(
        before.iter().any(|name| name.contains("mode d'emploi")),
        "without the French stop the directions read as an ingredient: {before:?}"
    );
    assert_eq!(after, ["aqua", "glycerine"]);
}

#[test]
fn bad_files_are_refused_naming_the_file_the_language_and_the_word() {
    let cases: [(&str, &str, &[&str]); 14] = [
        ("not toml", "[en\n", &["cannot parse"]),
        (
            "an unknown list",
            "[en]\nstop = [\"uses\"]\n",
            &["cannot parse", "stop"],
        ),
        ("no table", "", &["no language table"]),
        (
            "a table that is no language code",
            "[English]\nstops = [\"uses\"]\n",
            &["[English]", "language code"],
        ),
        (
            "an empty table",
            "[en]\nstops = [\"uses\"]\n[fr]\n",
            &["[fr]", "lists no word"],
        ),
        (
            "only empty lists",
            "[fr]\nstops = []\nheadings.active = []\n",
            &["[fr]", "lists no word"],
        ),
        (
            "an empty word",
            "[en]\nstops = [\"\"]\n",
            &["[en]", "stops", "is empty"],
        ),
        (
            "a blank claim",
            "[en]\nsentence_claims = [\" \"]\n",
            &["[en]", "sentence_claims", "is empty"],
        ),
        (
            "upper case",
            "[fr]\nstops = [\"Mode d'emploi\"]\n",
            &["[fr]", "stops", "`Mode d'emploi`", "lower case"],
        ),
        (
            "a double space",
            "[en]\nstops = [\"keep  out\"]\n",
            &["[en]", "stops", "`keep  out`", "single spaces"],
        ),
        (
            "a space before a stop",
            "[en]\nstops = [\" uses\"]\n",
            &["[en]", "stops", "single spaces"],
        ),
        (
            "an accent in a claim",
            "[es]\nsentence_claims = [\"sin añadir \"]\n",
            &["[es]", "sentence_claims", "`sin añadir `", "no accents"],
        ),
        (
            "a word listed twice",
            "[de]\nstep_words = [\"schritt\", \"schritt\"]\n",
            &["[de]", "step_words", "`schritt`", "listed twice"],
        ),
        (
            "a heading of two sections",
            "[en]\nheadings.active = [\"actives\"]\nheadings.inactive = [\"actives\"]\n",
            &["[en]", "headings.inactive", "`actives`", "two sections"],
        ),
    ];
    for (name, text, expected) in cases {
        let error = load(text).expect_err(name).to_string();

        assert!(error.starts_with(FILE), "{name}: {error}");
        for part in expected {
            assert!(error.contains(part), "{name}: `{part}` not in {error}");
        }
    }
}

#[test]
fn one_heading_opening_different_sections_in_two_languages_is_refused() {
    let text = "[de]\nheadings.active = [\"wirkstoffe\"]\n[en]\nheadings.inactive = [\"wirkstoffe\"]\n";

    let error = load(text).expect_err("conflicting sections");

    assert_eq!(
        error,
        VocabularyError::HeadingSections {
            file: FILE.to_owned(),
            word: "wirkstoffe".to_owned(),
            languages: ["de".to_owned(), "en".to_owned()],
        }
    );
    assert!(error.to_string().contains("`[de]` and `[en]`"), "{error}");
}

#[test]
fn a_space_at_either_end_of_a_claim_is_part_of_it() {
    let vocabulary = load("[en]\nsentence_claims = [\"no \"]\npiece_claims = [\" without \"]\n").expect("valid");

    let names = normalised_names(&vocabulary, "Nonionic wax, no parabens, water without salt, Glycerin");

    assert_eq!(names, ["nonionic wax", "glycerin"]);
}
