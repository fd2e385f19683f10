//! [`IngredientService`]: the ingredient checker with the protocol's restriction windows, the
//! request limits and the knowledge-base listings prepared at start-up.

use std::collections::HashMap;

use actix_web::web::Bytes;
use chrono::Utc;

use super::ingredient_dto::{IngredientAtStrength, IngredientCheckResponse, IngredientEntry};
use super::plan_input::TimingFields;
use crate::ingredients::knowledge::{EntryKind, Role, Strength};
use crate::ingredients::protocol_link::{LinkError, restriction_windows};
use crate::ingredients::{CheckOptions, IngredientChecker, IngredientList, IngredientsInput, RestrictionWindows};
use crate::problem::{FieldError, Problem};
use crate::protocol::{Locale, Protocol};
use crate::settings::LimitSettings;

/// The checker, the windows from the protocol and the prepared knowledge-base answers.
#[derive(Debug)]
pub struct IngredientService {
    checker: IngredientChecker,
    windows: RestrictionWindows,
    limits: LimitSettings,
    listing: HashMap<Locale, (Bytes, HashMap<String, Bytes>)>,
    entries: HashMap<Locale, Vec<IngredientEntry>>,
}

impl IngredientService {
    /// The request limits this service enforces.
    pub fn limits(&self) -> &LimitSettings {
        &self.limits
    }

    /// Links the knowledge base to the protocol and prepares the listings.
    pub fn build(checker: IngredientChecker, protocol: &Protocol, limits: LimitSettings) -> Result<Self, LinkError> {
        let windows = restriction_windows(checker.knowledge(), protocol)?;
        let mut listing = HashMap::new();
        let mut localized_entries = HashMap::new();
        for language in protocol.languages() {
            let Ok(locale) = protocol.negotiate(Some(language), None) else {
                continue;
            };
            let entries: Vec<IngredientEntry> = checker
                .knowledge()
                .entries()
                .iter()
                .map(|entry| IngredientEntry {
                    id: entry.id.clone(),
                    inci: entry.inci.clone(),
                    kind: kind_name(entry.kind).to_owned(),
                    class: entry.class.clone(),
                    severity: match entry.role {
                        Role::Restricted(severity) => Some(severity),
                        Role::Beneficial | Role::NotRestricted => None,
                    },
                    active: entry.active.clone(),
                    rule_id: entry.rule.clone(),
                    rule_ends_after: entry
                        .rule
                        .as_deref()
                        .and_then(|rule| protocol.rule(rule))
                        .map(|rule| rule.ends_after().to_string()),
                    synonyms: entry.synonyms.clone(),
                    cas: entry.cas.clone(),
                    reason: entry.reason.get(language).cloned().unwrap_or_default(),
                    at_strength: entry
                        .at_strength
                        .as_ref()
                        .and_then(|strength| at_strength(strength, protocol, language)),
                })
                .collect();
            let by_id = entries
                .iter()
                .map(|entry| (entry.id.clone(), Bytes::from(to_json(entry))))
                .collect::<HashMap<_, _>>();
            listing.insert(locale.clone(), (Bytes::from(to_json(&entries)), by_id));
            localized_entries.insert(locale, entries);
        }
        Ok(Self {
            checker,
            windows,
            limits,
            listing,
            entries: localized_entries,
        })
    }

    /// Checks one product with parsed timing fields.
    pub fn check(
        &self,
        input: &IngredientsInput,
        product_name: Option<String>,
        timing: &TimingFields,
    ) -> Result<IngredientCheckResponse, Problem> {
        let options = CheckOptions {
            language: timing.locale.as_str(),
            windows: &self.windows,
            treated_at: timing.treated_at.as_ref().map(|treated_at| treated_at.utc()),
            at: timing.at.as_ref().map_or_else(Utc::now, |at| at.utc()),
        };
        let check = self.checker.check(input, &options).map_err(|error| {
            tracing::error!(error = %error, "the ingredient check failed on content the start-up checks accepted");
            Problem::internal()
        })?;
        let zone = timing.zone.filter(|_| timing.treated_at.is_some());
        Ok(IngredientCheckResponse {
            product_name,
            locale: timing.locale.as_str().to_owned(),
            timezone: zone.map(|zone| zone.name()),
            restricted_until_local: zone
                .zip(check.restricted_until)
                .map(|(zone, until)| zone.local_rfc3339(until)),
            check,
        })
    }

    /// The JSON of `GET /v1/ingredients` in `locale`.
    pub fn listing_json(&self, locale: &Locale) -> Option<&Bytes> {
        self.listing.get(locale).map(|(list, _)| list)
    }

    /// The JSON of `GET /v1/ingredients/{ingredient_id}` in `locale`.
    pub fn entry_json(&self, locale: &Locale, ingredient_id: &str) -> Option<&Bytes> {
        self.listing.get(locale)?.1.get(ingredient_id)
    }

    /// The knowledge-base entries in `locale`, as listed by `GET /v1/ingredients`.
    pub fn listing_entries(&self, locale: &Locale) -> Option<Vec<IngredientEntry>> {
        self.entries.get(locale).cloned()
    }

    /// How many ingredients `input` reads as: the label parser alone, for the batch's bounds.
    pub fn items_read(&self, input: &IngredientsInput) -> usize {
        IngredientList::parse(self.checker.vocabulary(), input.items())
            .ingredients
            .len()
    }

    /// The error of a product that reads as more ingredients than `limits.label_items`.
    pub(super) fn items_error(&self, prefix: &str, items: usize) -> Option<FieldError> {
        let max = self.limits.label_items;
        (items > max).then(|| {
            FieldError::pointer(
                format!("{prefix}/ingredients"),
                format!("must read as at most {max} ingredients once parsed"),
            )
        })
    }

    /// The broken limits of one product's fields, as errors under `prefix` (e.g. `/products/3`).
    pub(super) fn limit_errors(
        &self,
        prefix: &str,
        input: &IngredientsInput,
        names: &[(&str, Option<&str>)],
    ) -> Vec<FieldError> {
        let limits = &self.limits;
        let mut errors = Vec::new();
        let items = input.items();
        if items.len() > limits.ingredient_list_items {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                format!("must have at most {} items", limits.ingredient_list_items),
            ));
        }
        if items.iter().map(|item| item.chars().count()).sum::<usize>() > limits.ingredient_text_chars {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                format!("must have at most {} characters in all", limits.ingredient_text_chars),
            ));
        }
        if items.iter().all(|item| item.trim().is_empty()) {
            errors.push(FieldError::pointer(
                format!("{prefix}/ingredients"),
                "must name at least one ingredient",
            ));
        }
        for (field, value) in names {
            if value.is_some_and(|value| value.chars().count() > limits.product_name_chars) {
                errors.push(FieldError::pointer(
                    format!("{prefix}/{field}"),
                    format!("must be at most {} characters", limits.product_name_chars),
                ));
            }
        }
        errors
    }
}

/// The listing of an entry's reading at strength (always restricted, so never `None` for valid
/// content).
fn at_strength(strength: &Strength, protocol: &Protocol, language: &str) -> Option<IngredientAtStrength> {
    let Role::Restricted(severity) = strength.role else {
        return None;
    };
    let rule_id = strength.rule.clone()?;
    Some(IngredientAtStrength {
        at_least_percent: strength.at_least.map(|hundredths| f64::from(hundredths) / 100.0),
        within_first: strength.within_first,
        class: strength.class.clone(),
        severity,
        rule_ends_after: protocol.rule(&rule_id).map(|rule| rule.ends_after().to_string()),
        rule_id,
        reason: strength.reason.get(language).cloned().unwrap_or_default(),
    })
}

fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Active => "active",
        EntryKind::Derivative => "derivative",
        EntryKind::Source => "source",
        EntryKind::Ambiguous => "ambiguous",
        EntryKind::Exfoliant => "exfoliant",
        EntryKind::Beneficial => "beneficial",
        EntryKind::NotRestricted => "not-restricted",
    }
}

fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    // Plain structs of strings: serialisation cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}
