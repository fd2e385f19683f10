//! An entry's reading at strength (`[ingredient.at_strength]`): the class, severity and reason
//! that apply instead of the entry's own when the label states a concentration at or above a
//! threshold, or lists the ingredient high on its list. "Citric acid is used as a pH adjuster in
//! small amounts" must not be said of "Citric Acid 15%".
//!
//! Reasons of such an entry may say `{percent}` and `{first}`: they are replaced at load by the
//! entry's threshold and the file's `high_on_list`, so each number is stated once in the file.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Role, Severity};

/// Hundredths of a percent: 5 % is 500. Integers keep [`super::Entry`] `Eq`.
pub type Hundredths = u32;

/// How an entry reads at strength, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// A stated concentration at or above this is at strength.
    pub at_least: Option<Hundredths>,
    /// Listed within the first this many ingredients of its list is at strength, unless a
    /// concentration below `at_least` is stated.
    pub within_first: Option<usize>,
    /// The class at strength (declared restricted by the protocol).
    pub class: String,
    /// The role at strength: always restricted.
    pub role: Role,
    /// The protocol rule of that class.
    pub rule: Option<String>,
    /// Patient-facing reason at strength, per language, placeholders replaced.
    pub reason: BTreeMap<String, String>,
}

/// `[ingredient.at_strength]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStrength {
    pub at_least_percent: Option<f64>,
    #[serde(default)]
    pub high_on_list: bool,
    pub class: String,
    pub severity: String,
    pub reason: BTreeMap<String, String>,
}

/// The thresholds of one entry, for its reasons' placeholders.
#[derive(Debug, Clone, Copy)]
pub(super) struct Thresholds {
    pub at_least: Option<Hundredths>,
    pub within_first: Option<usize>,
}

impl Thresholds {
    /// The thresholds of an entry's reading at strength, if it has one.
    pub fn of(strength: Option<&Strength>) -> Self {
        Self {
            at_least: strength.and_then(|s| s.at_least),
            within_first: strength.and_then(|s| s.within_first),
        }
    }
}

/// The number of hundredths in `percent`, when it is a percentage above 0 and at most 100.
pub(super) fn hundredths(percent: f64) -> Option<Hundredths> {
    (percent > 0.0 && percent <= 100.0).then(|| (percent * 100.0).round() as Hundredths)
}

/// `500` as "5", `50` as "0.5", `1250` as "12.5".
pub fn percent_text(value: Hundredths) -> String {
    let (whole, part) = (value / 100, value % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    }
}

/// The severity of an `at_strength` table: a restricted one.
pub(super) fn severity(text: &str) -> Option<Severity> {
    match text {
        "avoid" => Some(Severity::Avoid),
        "caution" => Some(Severity::Caution),
        _ => None,
    }
}

/// `text` with `{percent}` and `{first}` replaced; the problem when it names a threshold the
/// entry does not have, or any other placeholder.
pub(super) fn fill(text: &str, thresholds: Thresholds) -> Result<String, String> {
    let mut out = text.to_owned();
    for (placeholder, value) in [
        ("{percent}", thresholds.at_least.map(percent_text)),
        ("{first}", thresholds.within_first.map(|n| n.to_string())),
    ] {
        if !out.contains(placeholder) {
            continue;
        }
        let value = value.ok_or_else(|| format!("a reason says {placeholder} but the entry has no such threshold"))?;
        out = out.replace(placeholder, &value);
    }
    if out.contains('{') || out.contains('}') {
        return Err(format!(
            "a reason has a placeholder other than {{percent}} and {{first}}: {text:?}"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
