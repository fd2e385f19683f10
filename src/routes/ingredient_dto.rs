//! Request and response bodies of the ingredient endpoints.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ingredients::{IngredientCheck, IngredientsInput, Severity};

/// Body of `POST /v1/ingredient-checks`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "ingredients": "Ingredients: Water (Aqua), Glycerin, Salicylic Acid 2%, Aloe Barbadensis Leaf Juice, Niacinamide",
    "product_name": "Clarifying cleanser",
    "treated_at": "2026-03-07T10:00:00-05:00",
    "timezone": "America/New_York",
    "locale": "en"
}))]
pub struct IngredientCheckRequest {
    /// The label text as printed (one string, at most `limits.ingredient_text_chars` = 20000
    /// characters by default) or one string per ingredient (at most `limits.ingredient_list_items` =
    /// 500 strings by default, same character limit for all together).
    pub ingredients: IngredientsInput,
    /// The product's name, returned as given (at most `limits.product_name_chars` = 200 characters by default).
    pub product_name: Option<String>,
    /// Treatment instant, RFC 3339 with a UTC offset (2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z).
    /// With it every restricted hit gets `restricted_until` and the verdict is the one that holds at `at`.
    #[schema(max_length = 64, format = DateTime)]
    pub treated_at: Option<String>,
    /// The instant the verdict is for (not before `treated_at`). Default: now.
    #[schema(max_length = 64, format = DateTime)]
    pub at: Option<String>,
    /// The patient's IANA time zone, for `restricted_until_local`.
    #[schema(max_length = 64, pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    pub timezone: Option<String>,
    /// Language of the reasons; else `Accept-Language`, else English.
    #[schema(max_length = 35, pattern = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    pub locale: Option<String>,
}

/// The result of one ingredient check.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngredientCheckResponse {
    /// The product name as submitted, if any.
    pub product_name: Option<String>,
    /// The language of the reasons.
    #[schema(example = "en")]
    pub locale: String,
    /// The patient's zone (named, or the offset of `treated_at`), when a treatment time was given.
    pub timezone: Option<String>,
    /// `restricted_until` in the patient's zone.
    pub restricted_until_local: Option<String>,
    /// The verdict and its explanation.
    #[serde(flatten)]
    pub check: IngredientCheck,
}

/// One product of a batch.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchProduct {
    /// The caller's id for the product, returned with its result (at most `limits.product_name_chars` characters).
    #[schema(example = "sku-1042")]
    pub id: String,
    /// The label text or one string per ingredient (same limits as a single check).
    pub ingredients: IngredientsInput,
    /// The product's name, returned as given.
    pub product_name: Option<String>,
}

/// Body of `POST /v1/ingredient-checks/batch`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "products": [
        {"id": "sku-1", "ingredients": "Water, Glycolic Acid 10%, Glycerin", "product_name": "Glow toner"},
        {"id": "sku-2", "ingredients": ["Aloe Barbadensis Leaf Juice", "Niacinamide", "Glycerin"]}
    ],
    "treated_at": "2026-03-07T10:00:00-05:00",
    "locale": "es"
}))]
pub struct BatchCheckRequest {
    /// The products, checked in order (at most `limits.batch_max_products` = 1000 by default; the
    /// whole body at most `limits.batch_body_bytes` = 1 MiB by default).
    pub products: Vec<BatchProduct>,
    /// Treatment instant, as for a single check.
    #[schema(max_length = 64, format = DateTime)]
    pub treated_at: Option<String>,
    /// The instant the verdicts are for. Default: now.
    #[schema(max_length = 64, format = DateTime)]
    pub at: Option<String>,
    /// The patient's IANA time zone.
    #[schema(max_length = 64, pattern = r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    pub timezone: Option<String>,
    /// Language of the reasons.
    #[schema(max_length = 35, pattern = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]
    pub locale: Option<String>,
}

/// One result of a batch, in the order of the request.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCheckResult {
    /// The caller's product id.
    pub id: String,
    /// The check.
    #[serde(flatten)]
    pub result: IngredientCheckResponse,
}

/// The results of a batch check.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCheckResponse {
    /// How many products were checked.
    pub count: usize,
    /// One result per product, in order.
    pub results: Vec<BatchCheckResult>,
}

/// One knowledge-base entry, localized.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IngredientEntry {
    /// Stable kebab-case id.
    #[schema(example = "sodium-salicylate")]
    pub id: String,
    /// INCI name.
    #[schema(example = "Sodium Salicylate")]
    pub inci: String,
    /// What the entry is: `active`, `derivative`, `source`, `ambiguous`, `exfoliant`, `beneficial` or `not-restricted`.
    #[schema(example = "derivative")]
    pub kind: String,
    /// Ingredient class, shared with the protocol's ingredient guidance.
    #[schema(example = "salicylic-acid")]
    pub class: String,
    /// `avoid` or `caution` for restricted entries, else null.
    pub severity: Option<Severity>,
    /// The restricted active this entry delivers.
    pub active: Option<String>,
    /// The protocol rule that sets the restriction window (or recommends the ingredient).
    pub rule_id: Option<String>,
    /// How long after treatment the rule holds, ISO 8601 elapsed time.
    #[schema(example = "PT168H")]
    pub rule_ends_after: Option<String>,
    /// Other names: translations, IUPAC names, abbreviations.
    pub synonyms: Vec<String>,
    /// CAS registry numbers.
    pub cas: Vec<String>,
    /// Patient-facing reason in the negotiated language.
    pub reason: String,
    /// How the entry reads instead when the label states it at strength or lists it high (citric
    /// acid from 5% is a chemical exfoliant); null when it has one reading.
    pub at_strength: Option<IngredientAtStrength>,
}

/// The reading of an entry at strength: when it applies, and what it is then.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "at_least_percent": 5.0, "within_first": 5, "class": "chemical-exfoliant", "severity": "caution",
    "rule_id": "avoid-exfoliating-products", "rule_ends_after": "PT168H",
    "reason": "Citric acid is an alpha hydroxy acid. Here it is at 5% or more, or among the first 5 ingredients (clinic-adjustable defaults), where it can act as an exfoliant, not only as a pH adjuster. Your aftercare guidance says to avoid exfoliators while your skin heals; check with your provider."
}))]
pub struct IngredientAtStrength {
    /// A stated concentration at or above this percentage applies this reading; null when only
    /// the place counts.
    pub at_least_percent: Option<f64>,
    /// Listed within the first this many ingredients of its list (and no lower strength stated)
    /// applies this reading; null when only a stated strength counts. A clinic-adjustable default.
    pub within_first: Option<usize>,
    /// Ingredient class at strength.
    pub class: String,
    /// `avoid` or `caution`.
    pub severity: Severity,
    /// The protocol rule of that class.
    pub rule_id: String,
    /// How long after treatment that rule holds, ISO 8601 elapsed time.
    pub rule_ends_after: Option<String>,
    /// Patient-facing reason at strength in the negotiated language.
    pub reason: String,
}
