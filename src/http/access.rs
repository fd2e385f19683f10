//! API-key access control (off by default): clients send `Authorization: Bearer <key>`; the
//! settings hold only SHA-256 digests of the keys, compared in constant time. Failed checks are
//! rate limited per client address in their own bucket (`auth.failures_per_minute`): past it a
//! failed check is a 429 with `Retry-After`, so keys cannot be guessed at speed.

use std::num::NonZeroU32;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderMap};
use governor::{DefaultKeyedRateLimiter, Quota};
use subtle::ConstantTimeEq;

use super::client_address::ClientAddresses;
use super::rate_limit::take_token;
use crate::problem::{FieldError, Problem, ProblemKind};
use crate::settings::{AuthSettings, KeyDigest, RateLimitSettings};

/// The configured keys, which routes need one, and the failed checks of each client address.
#[derive(Debug)]
pub struct AccessControl {
    digests: Vec<KeyDigest>,
    protect_health: bool,
    protect_docs: bool,
    protect_metrics: bool,
    failures: DefaultKeyedRateLimiter<String>,
    addresses: ClientAddresses,
    max_tracked_clients: usize,
}

impl AccessControl {
    /// `None` when access control is off. Client addresses are read as `rate_limit` reads them.
    pub fn from_settings(settings: &AuthSettings, rate_limit: &RateLimitSettings) -> Option<Self> {
        let per_minute = NonZeroU32::new(settings.failures_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        settings.enabled.then(|| Self {
            digests: settings.api_key_sha256.clone(),
            protect_health: settings.protect_health,
            protect_docs: settings.protect_docs,
            protect_metrics: settings.protect_metrics,
            failures: DefaultKeyedRateLimiter::keyed(Quota::per_minute(per_minute)),
            addresses: ClientAddresses::from_settings(rate_limit),
            max_tracked_clients: rate_limit.max_tracked_clients,
        })
    }

    /// `Ok` when the request carries a configured key; else a 401 problem, or a 429 problem with
    /// `Retry-After` once its client address has used up its failed checks.
    pub fn check(&self, req: &ServiceRequest) -> Result<(), Problem> {
        let refused = match self.check_headers(req.headers()) {
            Ok(()) => return Ok(()),
            Err(problem) => problem,
        };
        let client = self.addresses.bucket(self.addresses.client(req));
        take_token(
            &self.failures,
            &client,
            self.max_tracked_clients,
            "Too many failed key checks from this client; retry later.",
        )?;
        Err(refused)
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

    /// `Ok` when `headers` carry exactly one `Authorization` header with a configured key; else a
    /// 401 problem (two headers would make the answer depend on their order).
    pub fn check_headers(&self, headers: &HeaderMap) -> Result<(), Problem> {
        if headers.get_all(header::AUTHORIZATION).count() > 1 {
            return Err(
                Problem::new(ProblemKind::Unauthorized, "Send one Authorization header.")
                    .with_errors(vec![FieldError::header("Authorization", "must be sent once")]),
            );
        }
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
        AccessControl::from_settings(&settings, &RateLimitSettings::default()).unwrap()
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
        assert!(access.check_headers(&bearer("clinic-key-2")).is_ok());
        assert_eq!(
            access.check_headers(&bearer("wrong")).unwrap_err().kind(),
            ProblemKind::Unauthorized
        );
        assert_eq!(
            access.check_headers(&HeaderMap::new()).unwrap_err().kind(),
            ProblemKind::Unauthorized
        );
    }

    #[test]
    fn two_authorization_headers_are_a_401_whatever_their_order() {
        let access = access(&["clinic-key-1"]);
        let mut headers = bearer("clinic-key-1");
        headers.append(header::AUTHORIZATION, HeaderValue::from_static("Bearer wrong"));
        let problem = access.check_headers(&headers).unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::Unauthorized);
        let mut reversed = bearer("wrong");
        reversed.append(header::AUTHORIZATION, HeaderValue::from_static("Bearer clinic-key-1"));
        assert_eq!(
            access.check_headers(&reversed).unwrap_err().kind(),
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
