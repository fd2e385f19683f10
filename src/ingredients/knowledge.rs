//! The ingredient knowledge base: a data file under `src/content/`, validated at start-up.

mod error;
mod names;
mod strength;
mod validate;

pub use error::KnowledgeError;
pub use strength::{Hundredths, Strength, percent_text};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ingredients::normalize::{HyphenMode, normalize_str};
use crate::protocol::Protocol;

/// Path of the embedded knowledge file, as named in errors.
pub const EMBEDDED_FILE: &str = "src/content/ingredients/knowledge.toml";

const EMBEDDED: &str = crate::content_layout::KNOWLEDGE.compiled_in;

/// What an entry is, which decides how a hit is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A restricted active itself (salicylic acid).
    Active,
    /// A salt, ester or carrier that delivers an active (sodium salicylate).
    Derivative,
    /// A natural source of an active (willow bark).
    Source,
    /// A name that may or may not mean a restricted active ("beta hydroxy acid").
    Ambiguous,
    /// A restricted exfoliant of its own (lactic acid, walnut shell powder).
    Exfoliant,
    /// A helpful ingredient named by the guidance.
    Beneficial,
    /// Explicitly not restricted, so longest match prefers it (ethylhexyl salicylate).
    NotRestricted,
}

/// How strongly an entry is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Should be used with care, or only possibly present.
    Caution,
    /// Must not be used during the restriction window.
    Avoid,
}

/// The role an entry plays in a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Restricted with the given severity.
    Restricted(Severity),
    /// Helpful (listed under `beneficial`).
    Beneficial,
    /// Recognised and never flagged.
    NotRestricted,
}

/// One validated knowledge-base entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable kebab-case id.
    pub id: String,
    /// INCI name.
    pub inci: String,
    /// What the entry is.
    pub kind: EntryKind,
    /// Ingredient class: one the protocol declares in `ingredient_guidance.toml`, or
    /// `not-restricted`.
    pub class: String,
    /// Restricted, beneficial or not restricted.
    pub role: Role,
    /// The protocol rule that sets the restriction window (or the tip), derived from the class.
    pub rule: Option<String>,
    /// Id of the active this entry delivers (itself for actives).
    pub active: Option<String>,
    /// Index of the entry this one becomes when that entry is also present.
    pub reinterpreted_as: Option<usize>,
    /// Other names: translations, IUPAC names, abbreviations.
    pub synonyms: Vec<String>,
    /// CAS registry numbers.
    pub cas: Vec<String>,
    /// Where the entry's names come from: short citations or URLs (CosIng, a pharmacopoeia, the
    /// Open Beauty Facts taxonomy, ...). Documentation only; never matched.
    pub name_sources: Vec<String>,
    /// Patient-facing reason per language.
    pub reason: BTreeMap<String, String>,
    /// How the entry reads when the label states it at strength or lists it high.
    pub at_strength: Option<Strength>,
}

impl Entry {
    /// The protocol rules the entry falls under: its class's, and its class's at strength.
    pub fn rules(&self) -> impl Iterator<Item = &str> {
        let at_strength = self.at_strength.as_ref().and_then(|s| s.rule.as_deref());
        self.rule.as_deref().into_iter().chain(at_strength)
    }
}

/// Where a pattern came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternSource {
    /// The INCI name.
    Name,
    /// A synonym.
    Synonym,
    /// A CAS number.
    Cas,
}

/// A normalised name to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The normalised text (hyphens as spaces).
    pub key: String,
    /// Index of its entry.
    pub entry: usize,
    /// Name, synonym or CAS.
    pub source: PatternSource,
    /// The name as written in the data file.
    pub written: String,
}

/// The validated knowledge base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnowledgeBase {
    languages: Vec<String>,
    high_on_list: Option<usize>,
    entries: Vec<Entry>,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    languages: Vec<String>,
    /// "High on the list": within the first this many ingredients (a clinic-adjustable default).
    high_on_list: Option<usize>,
    #[serde(rename = "ingredient")]
    ingredients: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    inci: String,
    kind: String,
    class: String,
    severity: String,
    active: Option<String>,
    reinterpreted_as: Option<String>,
    #[serde(default)]
    synonyms: Vec<String>,
    #[serde(default)]
    cas: Vec<String>,
    #[serde(default)]
    name_sources: Vec<String>,
    reason: BTreeMap<String, String>,
    at_strength: Option<strength::RawStrength>,
}

impl KnowledgeBase {
    /// Loads and validates the knowledge file compiled into the binary against the compiled-in
    /// protocol.
    pub fn embedded() -> Result<Self, KnowledgeError> {
        Self::from_toml(EMBEDDED_FILE, EMBEDDED, &Protocol::load()?)
    }

    /// Parses and validates knowledge-base TOML against `protocol`, whose ingredient guidance
    /// declares the classes and the rule of each; `file` names the source in errors.
    pub fn from_toml(file: &str, text: &str, protocol: &Protocol) -> Result<Self, KnowledgeError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| KnowledgeError::Parse {
            file: file.to_owned(),
            message: e.message().to_owned(),
        })?;
        validate::build(file, raw, protocol)
    }

    /// The declared languages (`en`, `es`, ...).
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// How many of the first ingredients of a list count as "high on the list", if the file
    /// says (entries with `high_on_list = true` need it).
    pub fn high_on_list(&self) -> Option<usize> {
        self.high_on_list
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Every normalised name, synonym and CAS number, in entry order.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Protocol rule ids that entries reference; start-up checks they exist.
    pub fn referenced_rules(&self) -> BTreeSet<&str> {
        self.entries.iter().flat_map(Entry::rules).collect()
    }
}

/// The key a name is matched by.
pub fn pattern_key(name: &str) -> String {
    normalize_str(name, HyphenMode::AsSpace)
}

#[cfg(test)]
mod tests;
