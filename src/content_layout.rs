//! The layout of the content, that of `src/content/`: each file's path under the content root
//! and the text compiled into the binary. A content directory (setting `content.dir`) has the same
//! layout. A new content file is one constant here and one line in
//! [`Content::load`](crate::content::Content::load).

/// Where the compiled-in files are named from in messages: their path in the source tree.
pub const COMPILED_IN_ROOT: &str = "src/content";

/// One file of the content layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutFile {
    /// The path under the content root, with `/` separators, e.g. `protocol/rules.toml`.
    pub path: &'static str,
    /// The text compiled into the binary from `src/content/<path>`.
    pub compiled_in: &'static str,
}

impl LayoutFile {
    /// How messages name the compiled-in file, e.g. `src/content/protocol/rules.toml`.
    #[must_use]
    pub fn compiled_in_name(&self) -> String {
        format!("{COMPILED_IN_ROOT}/{}", self.path)
    }
}

macro_rules! layout_file {
    ($path:literal) => {
        LayoutFile {
            path: $path,
            compiled_in: include_str!(concat!("content/", $path)),
        }
    };
}

/// Protocol id, version and languages.
pub const PROTOCOL: LayoutFile = layout_file!("protocol/protocol.toml");
/// The healing phases.
pub const PHASES: LayoutFile = layout_file!("protocol/phases.toml");
/// The aftercare rules.
pub const RULES: LayoutFile = layout_file!("protocol/rules.toml");
/// The milestones.
pub const MILESTONES: LayoutFile = layout_file!("protocol/milestones.toml");
/// The daily routine.
pub const ROUTINE: LayoutFile = layout_file!("protocol/routine.toml");
/// The restricted and beneficial ingredient classes and their rules.
pub const INGREDIENT_GUIDANCE: LayoutFile = layout_file!("protocol/ingredient_guidance.toml");
/// The ingredient knowledge base.
pub const KNOWLEDGE: LayoutFile = layout_file!("ingredients/knowledge.toml");
/// The label parser's words (headings, claims, may-contain, stop words) by language.
pub const LABEL_WORDS: LayoutFile = layout_file!("ingredients/label_words.toml");
/// The patient-facing sentences of an ingredient-check answer, by language.
pub const ANSWER_TEXTS: LayoutFile = layout_file!("ingredients/answer_texts.toml");
/// The structural labels of the plan formats.
pub const LABELS: LayoutFile = layout_file!("formats/labels.toml");

/// Every file of the layout, in the order they are loaded.
pub const ALL: [LayoutFile; 10] = [
    PROTOCOL,
    PHASES,
    RULES,
    MILESTONES,
    ROUTINE,
    INGREDIENT_GUIDANCE,
    KNOWLEDGE,
    LABEL_WORDS,
    ANSWER_TEXTS,
    LABELS,
];
