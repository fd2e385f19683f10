//! Words the label parser looks for: headings, section stops, kit steps, claims.

use super::ListSection;

/// Headings that open an ingredient section, longest first.
pub(super) const HEADINGS: [(&str, ListSection); 16] = [
    ("inactive ingredients", ListSection::Inactive),
    ("inactive ingredient", ListSection::Inactive),
    ("in active ingredients", ListSection::Inactive),
    ("other ingredients", ListSection::Inactive),
    ("active ingredients", ListSection::Active),
    ("active ingredient", ListSection::Active),
    ("actives", ListSection::Active),
    ("ingredient list", ListSection::Ingredients),
    ("ingredients", ListSection::Ingredients),
    ("ingredient", ListSection::Ingredients),
    ("ingrédients", ListSection::Ingredients),
    ("ingredientes", ListSection::Ingredients),
    ("inhaltsstoffe", ListSection::Ingredients),
    ("zutaten", ListSection::Ingredients),
    ("composition", ListSection::Ingredients),
    ("inci", ListSection::Ingredients),
];

/// Line openings that start a section without ingredients.
pub(super) const STOPS: [&str; 42] = [
    "ingredients and appearance",
    "purpose",
    "uses",
    "use",
    "warnings",
    "warning",
    "directions",
    "direction",
    "other information",
    "questions",
    "question",
    "keep out of reach",
    "keep this and all drugs",
    "when using",
    "stop use",
    "do not use",
    "ask a doctor",
    "package",
    "principal display panel",
    "principle display panel",
    "distributed by",
    "manufactured by",
    "marketed by",
    "made in",
    "store",
    "storage",
    "how to use",
    "description",
    "benefits",
    "label",
    "sunburn alert",
    "caution",
    "for external use",
    "indications",
    "dosage",
    "drug facts",
    "spl unclassified",
    "disclaimer",
    "product information",
    "key benefits",
    "inactive ingredient section",
    "active ingredient section",
];

/// Words that open a kit step ("Step 2").
pub(super) const STEP_WORDS: [&str; 5] = ["step", "paso", "étape", "etape", "schritt"];

/// Claims that open a sentence and cover the whole sentence ("Free from X, Y, Z").
pub(super) const SENTENCE_CLAIMS: [&str; 15] = [
    "free from ",
    "free of ",
    "formulated without",
    "formulated free",
    "not formulated with",
    "without ",
    "does not contain",
    "contains no ",
    "no ",
    "sans ",
    "sin ",
    "ohne ",
    "frei von",
    "libre de ",
    "exempt de ",
];

/// Claim wordings found inside a single piece ("salicylic acid-free").
pub(super) const PIECE_CLAIMS: [&str; 5] = ["-free", " free from ", " free of ", " without ", "formulated without"];
