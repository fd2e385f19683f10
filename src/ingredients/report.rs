//! Output types of an ingredient check, shaped as JSON response bodies: the
//! answer is serialised from these types with their derived `Serialize`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use super::knowledge::Severity;
pub use super::label::{ListSection, NoteKind};

/// The submitted ingredients: one label text, or one string per ingredient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(untagged)]
#[schema(example = json!("Ingredients: Water (Aqua), Salicylic Acid 2%, Aloe Barbadensis Leaf Juice"))]
pub enum IngredientsInput {
    /// The label text as printed.
    Text(String),
    /// Several strings; each may hold one ingredient or a whole list.
    List(Vec<String>),
}

// Deserialised by hand rather than as an untagged enum, which would first copy the whole value
// into serde's buffer and then try each form: this reads the string or the list directly, and an
// element of the list that is not a string is reported at its own index.
impl<'de> Deserialize<'de> for IngredientsInput {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(InputVisitor)
    }
}

/// Accepts a string or a sequence of strings.
struct InputVisitor;

impl<'de> serde::de::Visitor<'de> for InputVisitor {
    type Value = IngredientsInput;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a label text or a list of strings")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(IngredientsInput::Text(text.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(IngredientsInput::Text(text))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut sequence: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = sequence.next_element::<String>()? {
            items.push(item);
        }
        Ok(IngredientsInput::List(items))
    }
}

impl IngredientsInput {
    /// The submitted strings, in order.
    pub fn items(&self) -> &[String] {
        match self {
            Self::Text(text) => std::slice::from_ref(text),
            Self::List(items) => items,
        }
    }
}

/// What the check found. There is no "ok": `none-found` says only that nothing restricted was
/// found in what could be read, and `unreadable` that no ingredient list could be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// An ingredient to avoid now was found.
    Avoid,
    /// Something to check with the provider was found: a caution ingredient, one only possibly
    /// present, or a restricted one whose restriction window has ended.
    Caution,
    /// Ingredients were read and none of them is restricted. Not a statement that the product is
    /// safe: the answer's `caveat` still applies, and text listed in `coverage.not_read` was not read.
    NoneFound,
    /// No ingredient list could be read from the text (only headings, separators, prose or
    /// characters that carry no text), so nothing can be said about the product.
    Unreadable,
}

impl Verdict {
    /// The more serious of two verdicts: avoid, then caution, then unreadable, then none-found.
    #[must_use]
    pub fn worse(self, other: Verdict) -> Verdict {
        if other.rank() > self.rank() { other } else { self }
    }

    fn rank(self) -> u8 {
        match self {
            Verdict::NoneFound => 0,
            Verdict::Unreadable => 1,
            Verdict::Caution => 2,
            Verdict::Avoid => 3,
        }
    }
}

/// How much of the submission was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"items_read": 3, "items_recognised": 2, "not_read": [{"item": 0, "start": 80, "end": 99}]}))]
pub struct Coverage {
    /// How many ingredients were read from the submission (the length of `ingredients`).
    pub items_read: usize,
    /// How many of them the knowledge base recognised (restricted, helpful or known harmless).
    /// The knowledge base holds only the ingredients the guidance speaks of and their
    /// look-alikes, so most ordinary ingredients are read but not recognised.
    pub items_recognised: usize,
    /// Spans of text that no ingredient entry covers (prose, sections without ingredients,
    /// claims, footnote legends, text before a heading), in submission order, each cut to its
    /// first and last letter or digit; separators and a bare ingredient heading are left out.
    pub not_read: Vec<Span>,
}

/// How a flagged ingredient was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// By its INCI name.
    Name,
    /// By a synonym (translation, IUPAC name, abbreviation).
    Synonym,
    /// By its CAS number.
    Cas,
    /// A salt, ester or carrier of a restricted active.
    Derivative,
    /// A natural source of a restricted active.
    Source,
    /// A name that may mean a restricted active ("BHA" next to "beta hydroxy acid").
    Ambiguous,
    /// Listed only in a "may contain" / "+/-" clause.
    Possible,
}

/// Where a flagged name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FoundIn {
    /// As an ingredient of the list the parser read.
    IngredientList,
    /// Elsewhere in the submitted text (prose, a heading, a line the parser could not split, a
    /// section it set aside), in a sentence that does not make it a claim or a warning.
    Text,
}

/// Half-open character offsets into one submitted string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"item": 0, "start": 26, "end": 40}))]
pub struct Span {
    /// Index of the submitted string (0 for a single label text).
    pub item: usize,
    /// First character (inclusive), counted in Unicode scalar values.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
}

/// A restricted ingredient found on the label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({
    "text": "Salicylic Acid", "position": 2, "found_in": "ingredient-list", "span": {"item": 0, "start": 26, "end": 40},
    "mentions": [{"item": 0, "start": 26, "end": 40}],
    "ingredient_id": "salicylic-acid", "active": "salicylic-acid", "relates_to": null, "class": "salicylic-acid",
    "match": "name", "matched_name": "Salicylic Acid", "severity": "avoid",
    "reason": "Contains salicylic acid. Your aftercare guidance says to avoid cleansers and products with salicylic acid while your skin heals.",
    "rule_id": "avoid-active-ingredients", "restricted_until": "2026-03-08T10:00:00Z", "restriction_active": true
}))]
pub struct FlaggedIngredient {
    /// The printed name, as written.
    pub text: String,
    /// 1-based position of the ingredient in the list; null when the name was found outside it.
    pub position: Option<usize>,
    /// Where the name was found: in the ingredient list, or elsewhere in the text.
    pub found_in: FoundIn,
    /// Where the printed name is: the whole name of the ingredient the match is in (outside the
    /// list, the name as printed).
    pub span: Span,
    /// Every place this ingredient is named in the submission, in order, `span` among them: one
    /// flag stands for all of them.
    pub mentions: Vec<Span>,
    /// Knowledge-base id of what was recognised.
    pub ingredient_id: String,
    /// Id of the restricted active it is or delivers (`salicylic-acid` for sodium salicylate);
    /// null for a natural source or an ambiguous name, which only relate to one.
    pub active: Option<String>,
    /// Id of the active a natural source or an ambiguous name relates to (`salicylic-acid` for
    /// willow bark); null when `active` is set.
    pub relates_to: Option<String>,
    /// Ingredient class.
    pub class: String,
    /// How it was recognised.
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
    /// The knowledge-base name that matched.
    pub matched_name: String,
    /// Avoid or caution.
    pub severity: Severity,
    /// Patient-facing reason in the requested language.
    pub reason: String,
    /// Protocol rule that sets the restriction window.
    pub rule_id: String,
    /// The restriction's minimum (present when a treatment time was given): avoid it at least
    /// until then; after it the provider's instructions decide, and the product is never called
    /// safe (the verdict is then at most `caution`).
    pub restricted_until: Option<DateTime<Utc>>,
    /// Whether the minimum is still ahead at the evaluation time.
    pub restriction_active: Option<bool>,
}

/// A helpful ingredient named by the guidance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({
    "text": "Aloe Barbadensis Leaf Juice", "position": 3, "span": {"item": 0, "start": 45, "end": 72},
    "ingredient_id": "aloe-vera", "match": "name", "matched_name": "Aloe Barbadensis Leaf Juice",
    "reason": "Aloe vera is named in your aftercare guidance as helpful: it can be applied several times a day to help reduce irritation and inflammation.",
    "rule_id": "tip-soothing-products"
}))]
pub struct BeneficialIngredient {
    /// The matched text as written.
    pub text: String,
    /// 1-based position in the list.
    pub position: usize,
    /// Where the matched text is.
    pub span: Span,
    /// Knowledge-base id.
    pub ingredient_id: String,
    /// How it was recognised.
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
    /// The knowledge-base name that matched.
    pub matched_name: String,
    /// Patient-facing reason in the requested language.
    pub reason: String,
    /// Protocol rule (tip) it relates to.
    pub rule_id: String,
}

/// One entry of the parsed ingredient list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({
    "position": 1, "text": "Water (Aqua)", "span": {"item": 0, "start": 13, "end": 25},
    "normalised": "water", "recognised": null, "section": "ingredients", "step": null,
    "may_contain": false, "concentration": null
}))]
pub struct ParsedIngredient {
    /// 1-based position.
    pub position: usize,
    /// The entry as written.
    pub text: String,
    /// Where the entry is.
    pub span: Span,
    /// Normalised name (no parentheses, footnotes or percentages).
    pub normalised: String,
    /// Knowledge-base id if recognised.
    pub recognised: Option<String>,
    /// Label section.
    pub section: ListSection,
    /// Kit step, if the label has steps.
    pub step: Option<u32>,
    /// Listed only in a "may contain" clause.
    pub may_contain: bool,
    /// Stated concentration, e.g. "2%".
    pub concentration: Option<String>,
}

/// Something in the submission that was not taken as an ingredient, or needs explaining.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"kind": "ignored_claim", "span": {"item": 0, "start": 80, "end": 99}, "text": "salicylic acid-free", "ingredient_id": null, "reason": null}))]
pub struct CheckNote {
    /// What kind of note.
    pub kind: NoteKind,
    /// Where it is.
    pub span: Span,
    /// The text as written (shortened to 200 characters).
    pub text: String,
    /// The recognised entry, for `not_restricted` notes.
    pub ingredient_id: Option<String>,
    /// Why the entry is not restricted, for `not_restricted` notes.
    pub reason: Option<String>,
}

/// The result of checking a product's ingredients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IngredientCheck {
    /// The verdict that holds at `evaluated_at`: `label_verdict`, except that an ingredient to
    /// avoid whose restriction window has ended counts as `caution` (it was found; the clinic's
    /// window for it has passed, and the provider's instructions come first).
    pub verdict: Verdict,
    /// The verdict from the label alone, as if every restriction still held.
    pub label_verdict: Verdict,
    /// One patient-facing sentence that says what `verdict` means for this product.
    pub summary: String,
    /// The guidance's caveat, in every answer: use only very mild, non-irritating products and
    /// follow the provider's instructions.
    pub caveat: String,
    /// How much of the submission was read and recognised.
    pub coverage: Coverage,
    /// The instant the verdict is for.
    pub evaluated_at: DateTime<Utc>,
    /// Treatment instant, when given.
    pub treated_at: Option<DateTime<Utc>>,
    /// The latest minimum of the restrictions found (with a treatment time): at least until then.
    pub restricted_until: Option<DateTime<Utc>>,
    /// When the last of those minimums was reached, if that is already past: from then on the
    /// verdict is at most `caution` and the provider's instructions decide (a minimum is not an
    /// end, so nothing is called safe).
    pub restriction_ended_at: Option<DateTime<Utc>>,
    /// Restricted ingredients.
    pub flagged: Vec<FlaggedIngredient>,
    /// Helpful ingredients.
    pub beneficial: Vec<BeneficialIngredient>,
    /// The parsed list.
    pub ingredients: Vec<ParsedIngredient>,
    /// Ignored claims, unparsed fragments and explanations.
    pub notes: Vec<CheckNote>,
}
