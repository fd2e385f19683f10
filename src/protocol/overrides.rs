//! Clinic overrides: a longer `ends_after` for named rules. Overrides only ever lengthen a rule;
//! they may never end it before the guidance minimum (or its default end), nor after
//! [`MAX_OVERRIDE_ENDS_AFTER_HOURS`].

use std::collections::BTreeMap;

use thiserror::Error;

use super::Protocol;
use super::duration::{DurationError, IsoDuration};
use super::model::Rule;
use super::validate::is_kebab_id;

/// The longest end an override may set: 26 weeks (`P26W`), in hours.
pub const MAX_OVERRIDE_ENDS_AFTER_HOURS: u32 = 26 * 7 * 24;

/// Why an override was refused. Rule ids are named only when they are well-formed ids.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OverrideError {
    /// The key is not even shaped like a rule id.
    #[error("an override names something that is not a rule id (kebab-case, at most 64 characters)")]
    MalformedRuleId,
    /// No rule has this id.
    #[error("names no rule of the protocol; GET /v1/phases lists the rule ids")]
    UnknownRule {
        /// The rule id given.
        rule_id: String,
    },
    /// The value is not an ISO 8601 elapsed duration.
    #[error("the override for rule `{rule_id}` {source}")]
    BadDuration {
        /// The rule id.
        rule_id: String,
        /// The parser's reason.
        source: DurationError,
    },
    /// The rule always applies: it has no end to lengthen.
    #[error("rule `{rule_id}` always applies and has no end to override")]
    AlwaysApplies {
        /// The rule id.
        rule_id: String,
    },
    /// Shorter than the rule allows.
    #[error("the override for rule `{rule_id}` must be at least {minimum}")]
    BelowMinimum {
        /// The rule id.
        rule_id: String,
        /// The shortest allowed end, canonical form.
        minimum: IsoDuration,
    },
    /// Longer than [`MAX_OVERRIDE_ENDS_AFTER_HOURS`].
    #[error("the override for rule `{rule_id}` must be at most P26W (PT4368H)")]
    AboveMaximum {
        /// The rule id.
        rule_id: String,
    },
}

impl OverrideError {
    /// The rule the value broke, safe to show to a client (it never repeats a duration value).
    pub fn rule(&self) -> String {
        self.to_string()
    }

    /// The well-formed rule id the error is about, if any.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            Self::MalformedRuleId => None,
            Self::UnknownRule { rule_id }
            | Self::BadDuration { rule_id, .. }
            | Self::AlwaysApplies { rule_id }
            | Self::BelowMinimum { rule_id, .. }
            | Self::AboveMaximum { rule_id } => Some(rule_id),
        }
    }
}

/// Validated overrides: rule id -> new `ends_after`. Only overrides that differ from the
/// default are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    ends_after: BTreeMap<String, IsoDuration>,
}

impl Overrides {
    /// No overrides: every rule keeps its default window.
    pub fn none() -> Overrides {
        Overrides::default()
    }

    /// A canonical text of the overrides that change something (`rule=PT168H;` sorted by rule id),
    /// empty for none: equal plans give equal fingerprints.
    pub fn fingerprint(&self) -> String {
        self.ends_after
            .iter()
            .map(|(rule, ends_after)| format!("{rule}={ends_after};"))
            .collect()
    }

    /// Validates `rule id -> ISO 8601 duration` pairs against the protocol's rules; on failure,
    /// every broken pair (in rule id order), so a client can fix them all at once.
    pub fn parse(protocol: &Protocol, requested: &BTreeMap<String, String>) -> Result<Overrides, Vec<OverrideError>> {
        let mut ends_after = BTreeMap::new();
        let mut errors = Vec::new();
        for (rule_id, value) in requested {
            match Self::parse_one(protocol, rule_id, value) {
                Ok(Some(end)) => {
                    ends_after.insert(rule_id.clone(), end);
                }
                Ok(None) => {}
                // Malformed ids are not repeated back, so one error stands for all of them.
                Err(OverrideError::MalformedRuleId) if errors.contains(&OverrideError::MalformedRuleId) => {}
                Err(error) => errors.push(error),
            }
        }
        if errors.is_empty() {
            Ok(Overrides { ends_after })
        } else {
            Err(errors)
        }
    }

    /// One pair: the new end, or `None` when it equals the rule's default end.
    fn parse_one(protocol: &Protocol, rule_id: &str, value: &str) -> Result<Option<IsoDuration>, OverrideError> {
        if !is_kebab_id(rule_id) {
            return Err(OverrideError::MalformedRuleId);
        }
        let rule = protocol.rule(rule_id).ok_or_else(|| OverrideError::UnknownRule {
            rule_id: rule_id.to_owned(),
        })?;
        if !rule.has_end() {
            return Err(OverrideError::AlwaysApplies {
                rule_id: rule_id.to_owned(),
            });
        }
        // Strict: `P7D ` with a space is not a duration (nothing else in the API trims values).
        let end = IsoDuration::parse(value).map_err(|source| OverrideError::BadDuration {
            rule_id: rule_id.to_owned(),
            source,
        })?;
        if end < rule.minimum_ends_after() {
            return Err(OverrideError::BelowMinimum {
                rule_id: rule_id.to_owned(),
                minimum: rule.minimum_ends_after(),
            });
        }
        if end > IsoDuration::from_hours(MAX_OVERRIDE_ENDS_AFTER_HOURS) {
            return Err(OverrideError::AboveMaximum {
                rule_id: rule_id.to_owned(),
            });
        }
        Ok((end != rule.ends_after()).then_some(end))
    }

    /// The end of `rule` with overrides applied.
    pub fn ends_after(&self, rule: &Rule) -> IsoDuration {
        self.ends_after.get(rule.id()).copied().unwrap_or(rule.ends_after())
    }

    /// Whether `rule` has an override that changes its end.
    pub fn is_overridden(&self, rule: &Rule) -> bool {
        self.ends_after.contains_key(rule.id())
    }

    /// Whether no rule is overridden.
    pub fn is_empty(&self) -> bool {
        self.ends_after.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::fixture;

    fn parse(pairs: &[(&str, &str)]) -> Result<Overrides, Vec<OverrideError>> {
        let requested = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Overrides::parse(fixture::protocol(), &requested)
    }

    fn rule(id: &str) -> &'static Rule {
        fixture::protocol().rule(id).expect("fixture rule")
    }

    #[test]
    fn a_longer_end_is_accepted_and_an_equal_end_changes_nothing() {
        let overrides = parse(&[("fixture-avoid-default", "P7D"), ("fixture-expect", "PT36H")]).expect("valid");

        assert_eq!(
            overrides.ends_after(rule("fixture-avoid-default")),
            IsoDuration::from_hours(168)
        );
        assert!(overrides.is_overridden(rule("fixture-avoid-default")));
        assert!(!overrides.is_overridden(rule("fixture-expect")));
        assert_eq!(
            overrides.ends_after(rule("fixture-tip")),
            rule("fixture-tip").ends_after()
        );
    }

    #[test]
    fn a_guidance_minimum_below_the_default_end_allows_a_shorter_end() {
        let overrides = parse(&[("fixture-avoid-guidance", "PT30H")]).expect("above the minimum");

        assert_eq!(
            overrides.ends_after(rule("fixture-avoid-guidance")),
            IsoDuration::from_hours(30)
        );
        assert!(overrides.is_overridden(rule("fixture-avoid-guidance")));
    }

    #[test]
    fn invalid_overrides_are_refused_with_the_rule_named() {
        let cases = [
            (
                ("no-such-rule", "P7D"),
                OverrideError::UnknownRule {
                    rule_id: "no-such-rule".into(),
                },
            ),
            (("Bad Id!", "P7D"), OverrideError::MalformedRuleId),
            (
                ("fixture-avoid-default", "soon"),
                OverrideError::BadDuration {
                    rule_id: "fixture-avoid-default".into(),
                    source: DurationError::Malformed,
                },
            ),
            (
                ("fixture-avoid-guidance", "PT23H59M"),
                OverrideError::BelowMinimum {
                    rule_id: "fixture-avoid-guidance".into(),
                    minimum: IsoDuration::from_hours(24),
                },
            ),
            (
                ("fixture-avoid-default", "PT48H"),
                OverrideError::BelowMinimum {
                    rule_id: "fixture-avoid-default".into(),
                    minimum: IsoDuration::from_hours(72),
                },
            ),
            (
                ("fixture-avoid-default", "P26WT1S"),
                OverrideError::AboveMaximum {
                    rule_id: "fixture-avoid-default".into(),
                },
            ),
        ];
        for ((rule_id, value), expected) in cases {
            assert_eq!(parse(&[(rule_id, value)]), Err(vec![expected]), "{rule_id} {value}");
        }
    }

    #[test]
    fn the_messages_name_the_rule_and_the_minimum() {
        let errors = parse(&[("fixture-avoid-guidance", "PT12H")]).expect_err("below the guidance minimum");

        assert_eq!(
            errors[0].rule(),
            "the override for rule `fixture-avoid-guidance` must be at least PT24H"
        );
    }

    #[test]
    fn every_broken_pair_is_reported_in_rule_id_order() {
        let errors = parse(&[
            ("zz-unknown", "P7D"),
            ("fixture-avoid-default", "soon"),
            ("fixture-avoid-guidance", "P3D"),
        ])
        .expect_err("two pairs are broken");

        let rule_ids: Vec<_> = errors.iter().map(OverrideError::rule_id).collect();
        assert_eq!(rule_ids, [Some("fixture-avoid-default"), Some("zz-unknown")]);
    }

    #[test]
    fn a_duration_with_spaces_is_refused() {
        for value in ["P7D ", " P7D", "P7D\n"] {
            let errors = parse(&[("fixture-avoid-default", value)]).expect_err("not a duration");
            assert!(matches!(errors[0], OverrideError::BadDuration { .. }), "{value:?}");
        }
    }

    #[test]
    fn exactly_twenty_six_weeks_is_the_longest_override() {
        assert!(parse(&[("fixture-do-later", "P26W")]).is_ok());
    }

    #[test]
    fn a_rule_that_always_applies_has_no_end_to_override() {
        let errors = parse(&[("do-daily-sunscreen", "P26W")]).expect_err("sunscreen never ends");
        assert_eq!(
            errors,
            [OverrideError::AlwaysApplies {
                rule_id: "do-daily-sunscreen".to_owned()
            }]
        );
        assert_eq!(
            errors[0].rule(),
            "rule `do-daily-sunscreen` always applies and has no end to override"
        );
    }

    #[test]
    fn the_fingerprint_is_canonical_and_empty_when_nothing_changes() {
        let overrides = parse(&[("fixture-tip", "P2D"), ("fixture-avoid-default", "P7D")]).expect("valid");
        let unchanged = parse(&[("fixture-expect", "P1DT12H")]).expect("valid");

        assert_eq!(
            overrides.fingerprint(),
            "fixture-avoid-default=PT168H;fixture-tip=PT48H;"
        );
        assert_eq!(unchanged.fingerprint(), "");
        assert!(unchanged.is_empty());
    }
}
