//! The language of the answer, negotiated against the languages the protocol data declares.

use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::Protocol;

/// A language the protocol has every text in (a lowercase base language such as `en`).
/// Only [`Protocol::negotiate`] and [`Protocol::default_locale`] make one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Locale(String);

impl Locale {
    /// The language code, e.g. `es`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// Why an explicitly requested locale was refused. The text never repeats the submitted value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LocaleError {
    /// Not a language tag such as `es` or `es-MX`.
    #[error("must be a language tag such as en, es or es-MX")]
    Malformed,
    /// A well-formed tag whose base language the protocol does not have.
    #[error("must be one of the supported languages: {}", supported.join(", "))]
    Unsupported {
        /// The supported languages.
        supported: Vec<String>,
    },
}

impl LocaleError {
    /// The rule the value broke, safe to show to a client.
    pub fn rule(&self) -> String {
        self.to_string()
    }
}

/// The lowercase base language of a BCP 47 tag (`es-MX` -> `es`; the POSIX/Java form `es_MX`
/// too), or `None` if malformed.
fn base_language(tag: &str) -> Option<String> {
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next()?;
    let primary_ok = (2..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok =
        subtags.all(|subtag| (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric()));
    (primary_ok && rest_ok).then(|| primary.to_ascii_lowercase())
}

/// A q-value from `q=0.8`; `None` when malformed or outside `0..=1`.
fn quality(parameters: &str) -> Option<f32> {
    let mut quality = 1.0;
    for parameter in parameters.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = parameter.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            let value = value.trim();
            let well_formed =
                !value.is_empty() && value.len() <= 5 && value.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            quality = value
                .parse::<f32>()
                .ok()
                .filter(|q| well_formed && (0.0..=1.0).contains(q))?;
        }
    }
    Some(quality)
}

impl Protocol {
    /// The default locale (the data's `default_language`).
    pub fn default_locale(&self) -> Locale {
        Locale(self.default_language.clone())
    }

    /// The locale for a request: the explicit `locale` parameter if given (its base language must
    /// be supported), else the best supported language of the `Accept-Language` header (highest
    /// q-value, ties by order, `q=0` excluded, `*` meaning the default), else the default.
    pub fn negotiate(&self, explicit: Option<&str>, accept_language: Option<&str>) -> Result<Locale, LocaleError> {
        if let Some(explicit) = explicit {
            let base = base_language(explicit.trim()).ok_or(LocaleError::Malformed)?;
            return self.supported(&base).ok_or_else(|| LocaleError::Unsupported {
                supported: self.languages.clone(),
            });
        }
        Ok(accept_language
            .and_then(|header| self.best_accepted(header))
            .unwrap_or_else(|| self.default_locale()))
    }

    fn supported(&self, base: &str) -> Option<Locale> {
        self.languages
            .iter()
            .find(|language| language.as_str() == base)
            .map(|language| Locale(language.clone()))
    }

    /// The supported language with the highest q-value in an `Accept-Language` header; malformed
    /// entries are skipped, as a browser header is not the patient's fault.
    fn best_accepted(&self, header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        let entries = || header.split(',').map(str::trim).filter(|entry| !entry.is_empty());
        // Languages the client names explicitly; `*` stands only for the others (RFC 9110 §12.5.4).
        let named: Vec<String> = entries()
            .filter_map(|entry| base_language(entry.split(';').next().unwrap_or("").trim()))
            .collect();
        for entry in entries() {
            let (tag, parameters) = entry.split_once(';').unwrap_or((entry, ""));
            let Some(quality) = quality(parameters).filter(|q| *q > 0.0) else {
                continue;
            };
            let tag = tag.trim();
            let candidate = if tag == "*" {
                std::iter::once(self.default_language.as_str())
                    .chain(self.languages.iter().map(String::as_str))
                    .find(|language| !named.iter().any(|name| name == language))
                    .and_then(|language| self.supported(language))
            } else {
                base_language(tag).and_then(|base| self.supported(&base))
            };
            if let Some(locale) = candidate
                && best.as_ref().is_none_or(|(best_quality, _)| quality > *best_quality)
            {
                best = Some((quality, locale));
            }
        }
        best.map(|(_, locale)| locale)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::protocol::{LocaleError, Protocol, fixture};

    /// The fixture declares `en` (the default) and `es`.
    fn protocol() -> &'static Protocol {
        fixture::protocol()
    }

    #[test]
    fn the_explicit_locale_and_the_header_choose_the_language() {
        let cases: [(Option<&str>, Option<&str>, &str); 17] = [
            (None, None, "en"),
            (Some("es"), None, "es"),
            (Some("es-MX"), None, "es"),
            (Some("ES-mx"), None, "es"),
            (Some("en-US"), Some("es"), "en"),
            (Some("en"), Some("es;q=1"), "en"),
            (None, Some("es"), "es"),
            (None, Some("es-ES,es;q=0.9,en;q=0.8"), "es"),
            (None, Some("fr-FR, es;q=0.5, en;q=0.4"), "es"),
            (None, Some("en;q=0.5, es;q=0.9"), "es"),
            (None, Some("es;q=0.7, en;q=0.7"), "es"),
            (None, Some("es;q=0, en;q=0.1"), "en"),
            (None, Some("es;q=0"), "en"),
            (None, Some("fr, de"), "en"),
            (None, Some("*"), "en"),
            (None, Some("*;q=0.9, es;q=0.8"), "en"),
            (None, Some("es;q=abc, es-MX;q=2, ,;;, en-GB;q=0.3"), "en"),
        ];
        let protocol = protocol();
        for (explicit, header, expected) in cases {
            let locale = protocol.negotiate(explicit, header);
            assert_eq!(
                locale.as_ref().map(|l| l.as_str()),
                Ok(expected),
                "{explicit:?} {header:?}"
            );
        }
    }

    #[test]
    fn an_unsupported_explicit_locale_is_an_error_even_with_a_good_header() {
        let error = protocol()
            .negotiate(Some("fr-FR"), Some("es"))
            .expect_err("fr is unsupported");

        assert_eq!(
            error,
            LocaleError::Unsupported {
                supported: vec!["en".into(), "es".into()]
            }
        );
        assert_eq!(error.rule(), "must be one of the supported languages: en, es");
    }

    #[test]
    fn a_wildcard_never_picks_a_language_the_client_refused() {
        let locale = protocol().negotiate(None, Some("en;q=0, *")).unwrap();
        assert_eq!(locale.as_str(), "es");
        let locale = protocol().negotiate(None, Some("fr, *;q=0.5")).unwrap();
        assert_eq!(locale.as_str(), "en");
    }

    #[test]
    fn the_posix_underscore_form_names_the_same_language() {
        assert_eq!(protocol().negotiate(Some("es_MX"), None).unwrap().as_str(), "es");
    }

    #[test]
    fn a_malformed_explicit_locale_is_an_error_that_does_not_repeat_it() {
        for explicit in ["", "e", "es__MX", "zz-", "<script>", "español", "toolonglanguage"] {
            let error = protocol().negotiate(Some(explicit), None).expect_err("malformed");

            assert_eq!(error, LocaleError::Malformed, "{explicit:?}");
            assert!(explicit.len() < 3 || !error.rule().contains(explicit));
        }
    }

    proptest! {
        #![proptest_config(crate::proptest_config::standard())]

        #[test]
        fn any_accept_language_header_yields_a_supported_locale(header in "\\PC{0,64}") {
            let protocol = protocol();

            let locale = protocol.negotiate(None, Some(&header));

            prop_assert!(locale.is_ok_and(|l| protocol.languages().iter().any(|s| s == l.as_str())));
        }
    }
}
