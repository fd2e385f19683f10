//! `Serialize` for [`IngredientCheck`]: each entry is written through a view
//! that reads its [`TextRange`]s from the check's texts, so the JSON holds the
//! strings, in the field order of the entry types.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::{
    BeneficialIngredient, CheckNote, CheckTexts, FlaggedIngredient, IngredientCheck, ListSection, MatchKind, NoteKind,
    ParsedIngredient, Severity, SharedText, Span,
};

#[derive(Serialize)]
struct FlaggedView<'a> {
    text: &'a str,
    position: usize,
    span: Span,
    ingredient_id: &'a SharedText,
    active: &'a Option<SharedText>,
    class: &'a SharedText,
    #[serde(rename = "match")]
    match_kind: MatchKind,
    matched_name: &'a SharedText,
    severity: Severity,
    reason: &'a SharedText,
    rule_id: &'a SharedText,
    restricted_until: Option<DateTime<Utc>>,
    restriction_active: Option<bool>,
}

#[derive(Serialize)]
struct BeneficialView<'a> {
    text: &'a str,
    position: usize,
    span: Span,
    ingredient_id: &'a SharedText,
    #[serde(rename = "match")]
    match_kind: MatchKind,
    matched_name: &'a SharedText,
    reason: &'a SharedText,
    rule_id: &'a SharedText,
}

#[derive(Serialize)]
struct ParsedView<'a> {
    position: usize,
    text: &'a str,
    span: Span,
    normalised: &'a str,
    recognised: &'a Option<SharedText>,
    section: ListSection,
    step: Option<u32>,
    may_contain: bool,
    concentration: Option<&'a str>,
}

#[derive(Serialize)]
struct NoteView<'a> {
    kind: NoteKind,
    span: Span,
    text: &'a str,
    ingredient_id: &'a Option<SharedText>,
    reason: &'a Option<SharedText>,
}

/// A list of entries, each serialised through its view.
struct Views<'a, T> {
    entries: &'a [T],
    texts: &'a CheckTexts,
}

/// An entry that serialises through a view reading `texts`.
trait WithTexts {
    fn serialize_with<S: Serializer>(&self, texts: &CheckTexts, serializer: S) -> Result<S::Ok, S::Error>;
}

impl<T: WithTexts> Serialize for Views<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.entries.iter().map(|entry| Viewed(entry, self.texts)))
    }
}

/// One entry with the texts it reads.
struct Viewed<'a, T>(&'a T, &'a CheckTexts);

impl<T: WithTexts> Serialize for Viewed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_with(self.1, serializer)
    }
}

impl WithTexts for FlaggedIngredient {
    fn serialize_with<S: Serializer>(&self, texts: &CheckTexts, serializer: S) -> Result<S::Ok, S::Error> {
        FlaggedView {
            text: texts.get(self.text),
            position: self.position,
            span: self.span,
            ingredient_id: &self.ingredient_id,
            active: &self.active,
            class: &self.class,
            match_kind: self.match_kind,
            matched_name: &self.matched_name,
            severity: self.severity,
            reason: &self.reason,
            rule_id: &self.rule_id,
            restricted_until: self.restricted_until,
            restriction_active: self.restriction_active,
        }
        .serialize(serializer)
    }
}

impl WithTexts for BeneficialIngredient {
    fn serialize_with<S: Serializer>(&self, texts: &CheckTexts, serializer: S) -> Result<S::Ok, S::Error> {
        BeneficialView {
            text: texts.get(self.text),
            position: self.position,
            span: self.span,
            ingredient_id: &self.ingredient_id,
            match_kind: self.match_kind,
            matched_name: &self.matched_name,
            reason: &self.reason,
            rule_id: &self.rule_id,
        }
        .serialize(serializer)
    }
}

impl WithTexts for ParsedIngredient {
    fn serialize_with<S: Serializer>(&self, texts: &CheckTexts, serializer: S) -> Result<S::Ok, S::Error> {
        ParsedView {
            position: self.position,
            text: texts.get(self.text),
            span: self.span,
            normalised: texts.get(self.normalised),
            recognised: &self.recognised,
            section: self.section,
            step: self.step,
            may_contain: self.may_contain,
            concentration: self.concentration.map(|range| texts.get(range)),
        }
        .serialize(serializer)
    }
}

impl WithTexts for CheckNote {
    fn serialize_with<S: Serializer>(&self, texts: &CheckTexts, serializer: S) -> Result<S::Ok, S::Error> {
        NoteView {
            kind: self.kind,
            span: self.span,
            text: texts.get(self.text),
            ingredient_id: &self.ingredient_id,
            reason: &self.reason,
        }
        .serialize(serializer)
    }
}

impl Serialize for IngredientCheck {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let texts = &self.texts;
        let mut check = serializer.serialize_struct("IngredientCheck", 10)?;
        check.serialize_field("verdict", &self.verdict)?;
        check.serialize_field("label_verdict", &self.label_verdict)?;
        check.serialize_field("evaluated_at", &self.evaluated_at)?;
        check.serialize_field("treated_at", &self.treated_at)?;
        check.serialize_field("restricted_until", &self.restricted_until)?;
        check.serialize_field("restriction_ended_at", &self.restriction_ended_at)?;
        check.serialize_field(
            "flagged",
            &Views {
                entries: &self.flagged,
                texts,
            },
        )?;
        check.serialize_field(
            "beneficial",
            &Views {
                entries: &self.beneficial,
                texts,
            },
        )?;
        check.serialize_field(
            "ingredients",
            &Views {
                entries: &self.ingredients,
                texts,
            },
        )?;
        check.serialize_field(
            "notes",
            &Views {
                entries: &self.notes,
                texts,
            },
        )?;
        check.end()
    }
}
