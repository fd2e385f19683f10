//! Validation of a parsed knowledge file into a [`KnowledgeBase`], against the protocol whose
//! ingredient guidance declares the restricted and beneficial classes and the rule of each.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::names::{is_valid_cas, patterns_of};
use super::strength::{self, Strength, Thresholds};
use super::{Entry, EntryKind, KnowledgeBase, KnowledgeError, RawEntry, RawFile, Role, Severity};
use crate::protocol::Protocol;

/// The class of entries that are recognised and never flagged; the protocol declares the others.
const NOT_RESTRICTED_CLASS: &str = "not-restricted";

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

struct Checker<'a> {
    file: &'a str,
    protocol: &'a Protocol,
}

impl Checker<'_> {
    fn unknown(&self, entry: &str, field: &'static str, value: &str) -> KnowledgeError {
        let (file, entry, value) = (self.file.to_owned(), entry.to_owned(), value.to_owned());
        KnowledgeError::Unknown {
            file,
            entry,
            field,
            value,
        }
    }

    fn inconsistent(&self, entry: &str, problem: &str) -> KnowledgeError {
        let (file, entry, problem) = (self.file.to_owned(), entry.to_owned(), problem.to_owned());
        KnowledgeError::Inconsistent { file, entry, problem }
    }

    fn kind(&self, raw: &RawEntry) -> Result<EntryKind, KnowledgeError> {
        Ok(match raw.kind.as_str() {
            "active" => EntryKind::Active,
            "derivative" => EntryKind::Derivative,
            "source" => EntryKind::Source,
            "ambiguous" => EntryKind::Ambiguous,
            "exfoliant" => EntryKind::Exfoliant,
            "beneficial" => EntryKind::Beneficial,
            "not-restricted" => EntryKind::NotRestricted,
            other => return Err(self.unknown(&raw.id, "kind", other)),
        })
    }

    /// The entry's role and the protocol rule its class falls under.
    fn role(&self, raw: &RawEntry, kind: EntryKind) -> Result<(Role, Option<String>), KnowledgeError> {
        let role = match raw.severity.as_str() {
            "avoid" => Role::Restricted(Severity::Avoid),
            "caution" => Role::Restricted(Severity::Caution),
            "beneficial" => Role::Beneficial,
            "none" => Role::NotRestricted,
            other => return Err(self.unknown(&raw.id, "severity", other)),
        };
        let restricted = self.class_rule(self.protocol.restricted_classes(), &raw.class);
        let beneficial = self.class_rule(self.protocol.beneficial_classes(), &raw.class);
        let rule = match (role, restricted, beneficial) {
            (_, None, None) if raw.class != NOT_RESTRICTED_CLASS => {
                return Err(KnowledgeError::UndeclaredClass {
                    file: self.file.to_owned(),
                    entry: raw.id.clone(),
                    class: raw.class.clone(),
                });
            }
            (Role::Restricted(_), Some(rule), _)
                if kind != EntryKind::Beneficial && kind != EntryKind::NotRestricted =>
            {
                Some(rule)
            }
            (Role::Beneficial, _, Some(rule)) if kind == EntryKind::Beneficial => Some(rule),
            (Role::NotRestricted, None, None) if kind == EntryKind::NotRestricted => None,
            _ => {
                let problem = format!(
                    "kind `{}` and severity `{}` do not fit class `{}`",
                    raw.kind, raw.severity, raw.class
                );
                return Err(self.inconsistent(&raw.id, &problem));
            }
        };
        Ok((role, rule))
    }

    fn class_rule(&self, classes: &[crate::protocol::IngredientClass], class: &str) -> Option<String> {
        classes
            .iter()
            .find(|declared| declared.class() == class)
            .map(|declared| declared.rule_id().to_owned())
    }

    fn reasons(&self, raw: &RawEntry, languages: &[String]) -> Result<(), KnowledgeError> {
        let file = self.file.to_owned();
        match missing_or_undeclared(&raw.reason, languages) {
            Some(Ok(language)) => {
                let (entry, language) = (raw.id.clone(), language.clone());
                Err(KnowledgeError::MissingReason { file, entry, language })
            }
            Some(Err(language)) => {
                let (entry, language) = (raw.id.clone(), language.clone());
                Err(KnowledgeError::UndeclaredLanguage { file, entry, language })
            }
            None => Ok(()),
        }
    }

    /// The entry's `at_strength` table, checked against the protocol, its own role and the file's
    /// `high_on_list`.
    fn strength(
        &self,
        raw: &RawEntry,
        role: Role,
        high_on_list: Option<usize>,
        languages: &[String],
    ) -> Result<Option<Strength>, KnowledgeError> {
        let Some(table) = &raw.at_strength else {
            return Ok(None);
        };
        let problem = |text: String| self.inconsistent(&raw.id, &format!("at_strength: {text}"));
        let at_least = match table.at_least_percent {
            Some(percent) => Some(
                strength::hundredths(percent)
                    .ok_or_else(|| problem(format!("at_least_percent {percent} is not above 0 and at most 100")))?,
            ),
            None => None,
        };
        let within_first = match (table.high_on_list, high_on_list) {
            (false, _) => None,
            (true, Some(n)) => Some(n),
            (true, None) => return Err(problem("high_on_list needs the file's `high_on_list`".into())),
        };
        if at_least.is_none() && within_first.is_none() {
            return Err(problem("give at_least_percent, high_on_list = true, or both".into()));
        }
        let severity = strength::severity(&table.severity)
            .ok_or_else(|| self.unknown(&raw.id, "at_strength severity", &table.severity))?;
        let rule = self
            .class_rule(self.protocol.restricted_classes(), &table.class)
            .ok_or_else(|| KnowledgeError::UndeclaredClass {
                file: self.file.to_owned(),
                entry: raw.id.clone(),
                class: table.class.clone(),
            })?;
        match role {
            Role::Beneficial => return Err(problem("a beneficial entry has no reading at strength".into())),
            Role::Restricted(own) if own > severity => {
                return Err(problem(format!(
                    "severity `{}` is milder than the entry's",
                    table.severity
                )));
            }
            _ => {}
        }
        match missing_or_undeclared(&table.reason, languages) {
            Some(Ok(language)) => return Err(problem(format!("missing `{language}` reason"))),
            Some(Err(language)) => return Err(problem(format!("undeclared language `{language}`"))),
            None => {}
        }
        let thresholds = Thresholds { at_least, within_first };
        Ok(Some(Strength {
            at_least,
            within_first,
            class: table.class.clone(),
            role: Role::Restricted(severity),
            rule: Some(rule),
            reason: self.filled(&raw.id, &table.reason, thresholds)?,
        }))
    }

    /// `reason` with its placeholders filled from the entry's thresholds.
    fn filled(
        &self,
        entry: &str,
        reason: &BTreeMap<String, String>,
        thresholds: Thresholds,
    ) -> Result<BTreeMap<String, String>, KnowledgeError> {
        reason
            .iter()
            .map(|(language, text)| {
                let text = strength::fill(text, thresholds).map_err(|p| self.inconsistent(entry, &p))?;
                Ok((language.clone(), text))
            })
            .collect()
    }
}

/// The first declared language `reason` lacks (or has empty), else the first it has that is not
/// declared (as `Err`).
fn missing_or_undeclared<'a>(
    reason: &'a BTreeMap<String, String>,
    languages: &'a [String],
) -> Option<Result<&'a String, &'a String>> {
    let missing = languages
        .iter()
        .find(|language| reason.get(*language).is_none_or(|t| t.trim().is_empty()));
    missing
        .map(Ok)
        .or_else(|| reason.keys().find(|l| !languages.contains(l)).map(Err))
}

/// Validates a parsed file; errors name the file and the entry.
pub(super) fn build(file: &str, raw: RawFile, protocol: &Protocol) -> Result<KnowledgeBase, KnowledgeError> {
    let check = Checker { file, protocol };
    let distinct: HashSet<&String> = raw.languages.iter().collect();
    if raw.languages.is_empty() || distinct.len() != raw.languages.len() {
        return Err(KnowledgeError::Languages { file: file.to_owned() });
    }
    if distinct != protocol.languages().iter().collect() {
        return Err(KnowledgeError::LanguagesDiffer {
            file: file.to_owned(),
            languages: raw.languages.join(", "),
            protocol: protocol.languages().join(", "),
        });
    }
    if raw.high_on_list == Some(0) {
        return Err(KnowledgeError::HighOnList { file: file.to_owned() });
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (index, entry) in raw.ingredients.iter().enumerate() {
        if !is_kebab(&entry.id) {
            return Err(KnowledgeError::BadId {
                file: file.to_owned(),
                id: entry.id.clone(),
            });
        }
        if ids.insert(&entry.id, index).is_some() {
            return Err(KnowledgeError::DuplicateId {
                file: file.to_owned(),
                id: entry.id.clone(),
            });
        }
    }
    let mut entries = Vec::with_capacity(raw.ingredients.len());
    for entry in &raw.ingredients {
        let kind = check.kind(entry)?;
        let (role, rule) = check.role(entry, kind)?;
        check.reasons(entry, &raw.languages)?;
        let at_strength = check.strength(entry, role, raw.high_on_list, &raw.languages)?;
        let reason = check.filled(&entry.id, &entry.reason, Thresholds::of(at_strength.as_ref()))?;
        if let Some(cas) = entry.cas.iter().find(|c| !is_valid_cas(c)) {
            let (file, entry, cas) = (file.to_owned(), entry.id.clone(), cas.clone());
            return Err(KnowledgeError::BadCas { file, entry, cas });
        }
        let reference = |target: &Option<String>| -> Result<Option<usize>, KnowledgeError> {
            target
                .as_ref()
                .map(|t| {
                    ids.get(t.as_str())
                        .copied()
                        .ok_or_else(|| KnowledgeError::UnknownReference {
                            file: file.to_owned(),
                            entry: entry.id.clone(),
                            target: t.clone(),
                        })
                })
                .transpose()
        };
        if entry.name_sources.iter().any(|s| s.trim().is_empty()) {
            return Err(check.inconsistent(&entry.id, "a `name_sources` citation is empty"));
        }
        reference(&entry.active)?;
        let reinterpreted_as = reference(&entry.reinterpreted_as)?;
        let active = match (kind, &entry.active) {
            (EntryKind::Derivative | EntryKind::Source, None) => {
                return Err(check.inconsistent(&entry.id, "derivatives and sources must name their `active`"));
            }
            (EntryKind::Beneficial | EntryKind::NotRestricted, _) => None,
            (_, Some(active)) => Some(active.clone()),
            (_, None) => Some(entry.id.clone()),
        };
        entries.push(Entry {
            id: entry.id.clone(),
            inci: entry.inci.clone(),
            kind,
            class: entry.class.clone(),
            role,
            rule,
            active,
            reinterpreted_as,
            synonyms: entry.synonyms.clone(),
            cas: entry.cas.clone(),
            name_sources: entry.name_sources.clone(),
            reason,
            at_strength,
        });
    }
    let patterns = patterns_of(file, &entries)?;
    Ok(KnowledgeBase {
        languages: raw.languages,
        high_on_list: raw.high_on_list,
        entries,
        patterns,
    })
}
