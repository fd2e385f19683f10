//! API-key access control (off by default): clients send `Authorization: Bearer <key>`; the
//! settings hold only SHA-256 digests of the keys, compared in constant time.

use actix_web::http::header::{self, HeaderMap};
use subtle::ConstantTimeEq;

use crate::problem::{FieldError, Problem, ProblemKind};
use crate::settings::{AuthSettings, KeyDigest};

/// The configured keys and which routes need one.
#[derive(Debug, Clone)]
pub struct AccessControl {
    digests: Vec<KeyDigest>,
    protect_health: bool,
    protect_docs: bool,
    protect_metrics: bool,
}

impl AccessControl {
    /// `None` when access control is off.
    pub fn from_settings(settings: &AuthSettings) -> Option<Self> {
        settings.enabled.then(|| Self {
            digests: settings.api_key_sha256.clone(),
            protect_health: settings.protect_health,
            protect_docs: settings.protect_docs,
            protect_metrics: settings.protect_metrics,
        })
    }

    /// Whether `path` needs a key.
    pub fn protects(&self, path: &str) -> bool {
        if path.starts_with("/v1/") {
            return true;
        }
        if path.starts_with("/health/") {
            return self.protect_health;
        }
        if path == "/metrics" {
            return self.protect_metrics;
        }
        if path == "/" || path.starts_with("/docs") || path.starts_with("/openapi.") {
            return self.protect_docs;
        }
        true
    }

    /// `Ok` when the request carries a configured key; else a 401 problem.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), Problem> {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_credentials)
            .map(str::trim);
        let Some(key) = presented else {
            return Err(unauthorized("A key is required: send Authorization: Bearer <key>."));
        };
        let digest = KeyDigest::of_key(key);
        // Every configured digest is compared, so the time taken does not depend on which one matched.
        let matched = self.digests.iter().fold(subtle::Choice::from(0), |found, known| {
            found | known.as_bytes().ct_eq(digest.as_bytes())
        });
        if bool::from(matched) {
            Ok(())
        } else {
            Err(unauthorized("The key is not valid."))
        }
    }
}

/// The credentials of an `Authorization: Bearer <key>` value. The scheme name is case-insensitive
/// (RFC 9110 §11.1), so `bearer` and `BEARER` are Bearer too.
pub(crate) fn bearer_credentials(value: &str) -> Option<&str> {
    let (scheme, credentials) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("Bearer").then_some(credentials)
}

fn unauthorized(detail: &str) -> Problem {
    Problem::new(ProblemKind::Unauthorized, detail).with_errors(vec![FieldError::header(
        "Authorization",
        "must be Bearer followed by a valid API key",
    )])
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;

    use super::*;

    fn access(keys: &[&str]) -> AccessControl {
        let settings = AuthSettings {
            enabled: true,
            api_key_sha256: keys.iter().map(|key| KeyDigest::of_key(key)).collect(),
            ..AuthSettings::default()
        };
        AccessControl::from_settings(&settings).unwrap()
    }

    fn bearer(key: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {key}")).unwrap(),
        );
        headers
    }

    #[test]
    fn a_configured_key_passes_and_anything_else_is_a_401() {
        let access = access(&["clinic-key-1", "clinic-key-2"]);
        assert!(access.check(&bearer("clinic-key-2")).is_ok());
        assert_eq!(
            access.check(&bearer("wrong")).unwrap_err().kind(),
            ProblemKind::Unauthorized
        );
        assert_eq!(
            access.check(&HeaderMap::new()).unwrap_err().kind(),
            ProblemKind::Unauthorized
        );
    }

    #[test]
    fn v1_is_always_protected_and_the_rest_as_configured() {
        let access = access(&["k"]);
        assert!(access.protects("/v1/phases"));
        assert!(!access.protects("/health/ready") && !access.protects("/metrics") && !access.protects("/openapi.json"));
    }
}
