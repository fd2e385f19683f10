//! Turns the raw data files into a validated [`Protocol`], naming the file and entry of the
//! first problem found.

use std::collections::{BTreeMap, BTreeSet};

use super::Protocol;
use super::content::{
    ContentError, ContentProblem, ContentSources, RawPhases, RawProtocol, RawProtocolTexts, RawText, parse_file,
};
use super::duration::IsoDuration;
use super::model::{Basis, LocalizedText, Phase, Rule};
use super::texts::{DURATION, ProtocolTexts};

mod references;
mod windows;

use references::{ingredients, milestones, routine};
use windows::{phases, rules};

/// Whether `id` is a stable kebab-case id: lowercase ASCII letters and digits in groups joined by
/// single hyphens, at most 64 characters.
pub(crate) fn is_kebab_id(id: &str) -> bool {
    id.len() <= 64
        && !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Builds errors for one file.
pub(super) struct FileCheck<'a> {
    file: &'a str,
    languages: &'a [String],
}

impl FileCheck<'_> {
    pub(super) fn fail(&self, entry: &str, problem: ContentProblem) -> ContentError {
        ContentError::Invalid {
            file: self.file.to_owned(),
            entry: entry.to_owned(),
            problem,
        }
    }

    pub(super) fn duration(&self, entry: &str, field: &'static str, text: &str) -> Result<IsoDuration, ContentError> {
        IsoDuration::parse(text).map_err(|source| self.fail(entry, ContentProblem::BadDuration { field, source }))
    }

    pub(super) fn text(&self, entry: &str, field: &str, raw: RawText) -> Result<LocalizedText, ContentError> {
        for language in self.languages {
            if raw.get(language).is_none_or(|text| text.trim().is_empty()) {
                let problem = ContentProblem::MissingTranslation {
                    field: field.to_owned(),
                    language: language.clone(),
                };
                return Err(self.fail(entry, problem));
            }
        }
        if let Some(language) = raw.keys().find(|language| !self.languages.contains(language)) {
            let problem = ContentProblem::UndeclaredLanguage {
                field: field.to_owned(),
                language: language.clone(),
            };
            return Err(self.fail(entry, problem));
        }
        Ok(LocalizedText(raw))
    }

    pub(super) fn id(&self, id: &str, seen: &mut BTreeSet<String>) -> Result<(), ContentError> {
        if !is_kebab_id(id) {
            return Err(self.fail(id, ContentProblem::Other("id must be kebab-case (a-z, 0-9, -)")));
        }
        if !seen.insert(id.to_owned()) {
            return Err(self.fail(id, ContentProblem::DuplicateId));
        }
        Ok(())
    }

    pub(super) fn basis_note(
        &self,
        entry: &str,
        basis: Basis,
        raw: Option<RawText>,
    ) -> Result<Option<LocalizedText>, ContentError> {
        match (basis, raw) {
            (_, Some(raw)) => self.text(entry, "basis_note", raw).map(Some),
            (Basis::ClinicDefault, None) => Err(self.fail(entry, ContentProblem::MissingBasisNote)),
            (Basis::Guidance, None) => Ok(None),
        }
    }
}

impl Protocol {
    /// Validates the given data files and builds the protocol.
    pub fn from_sources(sources: &ContentSources) -> Result<Protocol, ContentError> {
        let raw = header(sources)?;
        let languages = raw.languages;
        let texts = texts(
            &FileCheck {
                file: &sources.protocol.name,
                languages: &languages,
            },
            raw.texts,
        )?;
        let check = |file| FileCheck {
            file,
            languages: &languages,
        };

        let phases = phases(
            &check(&sources.phases.name),
            parse_file::<RawPhases>(&sources.phases)?.phases,
        )?;
        let plan_end = phases.last().map_or(IsoDuration::ZERO, Phase::starts_after);
        let rules = rules(&check(&sources.rules.name), parse_file(&sources.rules)?, plan_end)?;
        let rules_by_id: BTreeMap<&str, &Rule> = rules.iter().map(|rule| (rule.id(), rule)).collect();
        let milestones = milestones(
            &check(&sources.milestones.name),
            parse_file(&sources.milestones)?,
            plan_end,
            &rules_by_id,
        )?;
        let routine = routine(
            &check(&sources.routine.name),
            parse_file(&sources.routine)?,
            &rules_by_id,
        )?;
        let (avoid, look_for) = ingredients(
            &check(&sources.ingredient_guidance.name),
            parse_file(&sources.ingredient_guidance)?,
            &rules_by_id,
        )?;
        Ok(Protocol {
            id: raw.id,
            version: raw.version,
            default_language: raw.default_language,
            languages,
            phases,
            rules,
            milestones,
            routine,
            avoid,
            look_for,
            texts,
        })
    }
}

/// `protocol.toml` `[texts]`: every text in every language, and the window texts with their
/// `{duration}`.
fn texts(check: &FileCheck<'_>, raw: RawProtocolTexts) -> Result<ProtocolTexts, ContentError> {
    let text = |field: &str, raw: RawText| check.text("texts", field, raw);
    let with_duration = |field: &str, raw: RawText| {
        let text = text(field, raw)?;
        if text.0.values().any(|value| !value.contains(DURATION)) {
            return Err(check.fail(
                "texts",
                ContentProblem::Other(
                    "texts.until, texts.at_least and texts.after_treatment must each contain {duration}",
                ),
            ));
        }
        Ok(text)
    };
    Ok(ProtocolTexts {
        provider_first: text("provider_first", raw.provider_first)?,
        until: with_duration("until", raw.until)?,
        at_least: with_duration("at_least", raw.at_least)?,
        always: text("always", raw.always)?,
        after_treatment: with_duration("after_treatment", raw.after_treatment)?,
        clinic_may_change: text("clinic_may_change", raw.clinic_may_change)?,
        clinic_advice: text("clinic_advice", raw.clinic_advice)?,
        hour: text("hour", raw.hour)?,
        hours: text("hours", raw.hours)?,
        day: text("day", raw.day)?,
        days: text("days", raw.days)?,
        week: text("week", raw.week)?,
        weeks: text("weeks", raw.weeks)?,
    })
}

/// `protocol.toml`: a kebab-case id, a version, distinct language codes and a declared default.
fn header(sources: &ContentSources) -> Result<RawProtocol, ContentError> {
    let raw: RawProtocol = parse_file(&sources.protocol)?;
    let header = FileCheck {
        file: &sources.protocol.name,
        languages: &[],
    };
    if !is_kebab_id(&raw.id) || raw.version.trim().is_empty() {
        return Err(header.fail(
            "protocol",
            ContentProblem::Other("id must be kebab-case and version non-empty"),
        ));
    }
    let mut seen = BTreeSet::new();
    for language in &raw.languages {
        let well_formed = (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        if !well_formed || !seen.insert(language.clone()) {
            return Err(header.fail(
                language,
                ContentProblem::Other("languages must be distinct lowercase ISO 639 codes"),
            ));
        }
    }
    if !raw.languages.contains(&raw.default_language) {
        return Err(header.fail(
            "protocol",
            ContentProblem::Other("default_language must be one of languages"),
        ));
    }
    Ok(raw)
}

#[cfg(test)]
mod tests;
