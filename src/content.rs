//! All the content the service serves, loaded and validated together once at start-up, from the
//! files compiled into the binary or from a content directory with the layout of `src/content/`
//! (setting `content.dir`). Each file is validated on its own (every text in every declared
//! language, every reference known), then the files against each other: the knowledge base's
//! classes and languages, and the labels' languages and class names, are the protocol's.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::content_layout::{self as layout, LayoutFile};
use crate::formats::{Labels, LabelsError};
use crate::ingredients::{
    AnswerTexts, AnswerTextsError, KnowledgeBase, KnowledgeError, LabelVocabulary, VocabularyError,
};
use crate::protocol::{ContentError, ContentFile, ContentSources, Protocol};

/// Where the content is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentRoot {
    /// The files compiled into the binary.
    CompiledIn,
    /// A directory with the layout of `src/content/`.
    Directory(PathBuf),
}

impl ContentRoot {
    /// The directory when one is set, else the compiled-in files.
    #[must_use]
    pub fn from_setting(dir: Option<&Path>) -> ContentRoot {
        dir.map_or(ContentRoot::CompiledIn, |dir| ContentRoot::Directory(dir.to_owned()))
    }

    /// Reads one file of the layout; from a directory, the file is named by its full path.
    ///
    /// # Errors
    /// [`ContentLoadError::Unreadable`] naming the path when the file cannot be read.
    pub fn read(&self, file: &LayoutFile) -> Result<ContentFile, ContentLoadError> {
        match self {
            ContentRoot::CompiledIn => Ok(ContentFile {
                name: file.compiled_in_name(),
                text: file.compiled_in.to_owned(),
            }),
            ContentRoot::Directory(dir) => {
                let path = dir.join(file.path);
                let name = path.display().to_string();
                match std::fs::read_to_string(&path) {
                    Ok(text) => Ok(ContentFile { name, text }),
                    Err(error) => Err(ContentLoadError::Unreadable {
                        path: name,
                        message: error.to_string(),
                    }),
                }
            }
        }
    }
}

impl std::fmt::Display for ContentRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContentRoot::CompiledIn => f.write_str("compiled in"),
            ContentRoot::Directory(dir) => write!(f, "{}", dir.display()),
        }
    }
}

/// Why the content was refused. Every message names the file (and, for a bad entry, the entry).
#[derive(Debug, Error)]
pub enum ContentLoadError {
    /// The directory or a file of the layout cannot be read (missing, not UTF-8, no permission).
    #[error("{path}: cannot read: {message}")]
    Unreadable {
        /// The path that was read.
        path: String,
        /// The operating system's reason.
        message: String,
    },
    /// A protocol file is invalid.
    #[error("the protocol content is invalid: {0}")]
    Protocol(#[from] ContentError),
    /// The ingredient knowledge base is invalid or disagrees with the protocol.
    #[error("the ingredient knowledge base is invalid: {0}")]
    Knowledge(#[from] KnowledgeError),
    /// The label parser's vocabulary is invalid.
    #[error("the label parser's vocabulary is invalid: {0}")]
    Vocabulary(#[from] VocabularyError),
    /// The sentences of the ingredient-check answer are invalid or disagree with the protocol.
    #[error("the ingredient-check answer texts are invalid: {0}")]
    AnswerTexts(#[from] AnswerTextsError),
    /// The labels of the formats are invalid or disagree with the protocol.
    #[error("the handout and calendar labels are invalid: {file}: {source}")]
    Labels {
        /// The labels file as read.
        file: String,
        /// What is wrong.
        source: LabelsError,
    },
}

/// The validated content.
#[derive(Debug, Clone)]
pub struct Content {
    /// The aftercare protocol.
    pub protocol: Protocol,
    /// The ingredient knowledge base, checked against the protocol.
    pub knowledge: KnowledgeBase,
    /// The label parser's words by language.
    pub vocabulary: LabelVocabulary,
    /// The sentences of an ingredient-check answer, checked against the protocol's languages.
    pub answer_texts: AnswerTexts,
    /// The labels of the plan formats, checked against the protocol.
    pub labels: Labels,
}

impl Content {
    /// Reads and validates every content file under `root`.
    ///
    /// # Errors
    /// The first unreadable file or invalid entry, naming the file.
    pub fn load(root: &ContentRoot) -> Result<Content, ContentLoadError> {
        if let ContentRoot::Directory(dir) = root {
            // A missing or unreadable directory is named as such, not as its first file.
            std::fs::read_dir(dir).map_err(|error| ContentLoadError::Unreadable {
                path: dir.display().to_string(),
                message: error.to_string(),
            })?;
        }
        let protocol = Protocol::from_sources(&ContentSources::read(|file| root.read(file))?)?;
        let knowledge = root.read(&layout::KNOWLEDGE)?;
        let knowledge = KnowledgeBase::from_toml(&knowledge.name, &knowledge.text, &protocol)?;
        let words = root.read(&layout::LABEL_WORDS)?;
        let vocabulary = LabelVocabulary::from_toml(&words.name, &words.text)?;
        let answers = root.read(&layout::ANSWER_TEXTS)?;
        let answer_texts = AnswerTexts::from_toml(&answers.name, &answers.text, protocol.languages())?;
        let labels_file = root.read(&layout::LABELS)?;
        let labels = Labels::from_toml(&labels_file.text)
            .and_then(|labels| labels.ensure_matches(&protocol).map(|()| labels))
            .map_err(|source| ContentLoadError::Labels {
                file: labels_file.name,
                source,
            })?;
        Ok(Content {
            protocol,
            knowledge,
            vocabulary,
            answer_texts,
            labels,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiled-in text of a file of the layout.
    fn compiled_in(file: &LayoutFile) -> String {
        file.compiled_in.to_owned()
    }

    /// The text of a file of the fixture content, `tests/fixtures/`.
    fn fixture(file: &LayoutFile) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(file.path);
        std::fs::read_to_string(path).expect("the fixture has every file of the layout")
    }

    /// A copy of the content that `original` reads in a fresh directory, with `edit` applied to
    /// one file.
    fn directory_with(
        name: &str,
        original: fn(&LayoutFile) -> String,
        file: &LayoutFile,
        edit: impl Fn(&str) -> String,
    ) -> PathBuf {
        let root = std::env::temp_dir().join(format!("aftercare-content-{name}-{}", std::process::id()));
        for layout_file in layout::ALL {
            let path = root.join(layout_file.path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("temp dir is writable");
            let text = original(&layout_file);
            let text = if layout_file == *file { edit(&text) } else { text };
            std::fs::write(path, text).expect("temp dir is writable");
        }
        root
    }

    /// Loads the fixture content with `edit` applied to one file; its refusal.
    fn load_edited(name: &str, file: &LayoutFile, edit: impl Fn(&str) -> String) -> String {
        let root = directory_with(name, fixture, file, edit);
        let result = Content::load(&ContentRoot::Directory(root.clone()));
        std::fs::remove_dir_all(root).expect("temp dir is removable");
        result.expect_err("the edited content is refused").to_string()
    }

    #[test]
    fn the_compiled_in_content_is_valid_as_a_whole() {
        let content = Content::load(&ContentRoot::CompiledIn).expect("valid");
        assert_eq!(content.knowledge.languages(), content.protocol.languages());
    }

    #[test]
    fn a_copy_of_the_compiled_in_content_loads_from_a_directory_identically() {
        let root = directory_with("copy", compiled_in, &layout::RULES, str::to_owned);
        let loaded = Content::load(&ContentRoot::Directory(root.clone())).expect("valid");
        std::fs::remove_dir_all(root).expect("temp dir is removable");
        let compiled = Content::load(&ContentRoot::CompiledIn).expect("valid");
        assert_eq!(loaded.protocol, compiled.protocol);
        assert_eq!(loaded.knowledge, compiled.knowledge);
        assert_eq!(loaded.labels, compiled.labels);
        assert_eq!(loaded.vocabulary, compiled.vocabulary);
    }

    #[test]
    fn the_fixture_directory_is_a_complete_content_directory_of_its_own() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let content = Content::load(&ContentRoot::Directory(root)).expect("the fixture content is valid");
        assert_eq!(content.protocol.id(), "fixture-protocol");
        assert!(content.knowledge.entry("fixturic-acid").is_some());
        assert!(content.knowledge.entry("salicylic-acid").is_none());
    }

    #[test]
    fn a_missing_directory_is_refused_naming_it() {
        let root = std::env::temp_dir().join("aftercare-content-that-does-not-exist");
        let error = Content::load(&ContentRoot::Directory(root.clone()))
            .expect_err("nothing to read")
            .to_string();
        assert!(
            error.starts_with(&format!("{}: cannot read: ", root.display())),
            "{error}"
        );
    }

    #[test]
    fn knowledge_without_spanish_reasons_is_refused_naming_file_entry_and_language() {
        let error = load_edited("no-es-reasons", &layout::KNOWLEDGE, |text| {
            text.lines()
                .filter(|line| !line.starts_with("reason.es"))
                .map(|line| format!("{line}\n"))
                .collect()
        });
        assert!(
            error.contains("ingredients/knowledge.toml: entry `fixturic-acid`: missing `es` reason"),
            "{error}"
        );
    }

    #[test]
    fn labels_for_a_language_the_protocol_lacks_are_refused() {
        let error = load_edited("labels-fr", &layout::LABELS, |text| {
            let french = text[text.find("[labels.es]").expect("es labels")..].replace("labels.es", "labels.fr");
            format!(
                "{}\n{french}",
                text.replacen("[\"en\", \"es\"]", "[\"en\", \"es\", \"fr\"]", 1)
            )
        });
        assert!(error.contains("formats/labels.toml: "), "{error}");
        assert!(
            error.contains("`fr`, a language the protocol does not declare"),
            "{error}"
        );
    }

    #[test]
    fn a_protocol_class_without_a_label_is_refused() {
        let error = load_edited("unnamed-class", &layout::INGREDIENT_GUIDANCE, |text| {
            format!("{text}\n[[avoid]]\nclass = \"retinoid\"\nrule = \"fixture-avoid-default\"\n")
        });
        assert!(error.contains("formats/labels.toml: "), "{error}");
        assert!(error.contains("no name for `retinoid`"), "{error}");
    }

    #[test]
    fn a_protocol_text_missing_a_language_is_refused_naming_file_entry_and_language() {
        let error = load_edited("no-es-text", &layout::ROUTINE, |text| {
            text.replacen("es = \"Paso de prueba: hacer más tarde.\"\n", "", 1)
        });
        assert!(
            error.contains("protocol/routine.toml: entry `steps[2]`: field `text` has no `es` translation"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_word_in_the_label_parser_vocabulary_is_refused_naming_the_file() {
        let error = load_edited("bad-words", &layout::LABEL_WORDS, |text| {
            text.replacen(
                "headings.ingredients = [\"inci\"]",
                "headings.ingredients = [\"INCI\"]",
                1,
            )
        });
        assert!(error.contains("ingredients/label_words.toml"), "{error}");
        assert!(error.contains("INCI"), "{error}");
    }
}
