//! Rate limiting (off by default): a token bucket per API key (when keys are verified, `auth.enabled`), else per client address, built on
//! `governor`. The client address comes from `X-Forwarded-For` only when the peer is a configured
//! trusted proxy ([`ClientAddresses`]); IPv6 clients are counted per network. The number of
//! tracked clients is bounded.

use std::num::NonZeroU32;

use actix_web::dev::ServiceRequest;
use actix_web::http::header;
use actix_web::web;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use sha2::{Digest, Sha256};

use super::access::AccessControl;
use super::client_address::ClientAddresses;
use crate::problem::{Problem, ProblemKind};
use crate::settings::RateLimitSettings;

/// The limiter and how clients are told apart.
#[derive(Debug)]
pub struct RateLimit {
    limiter: DefaultKeyedRateLimiter<[u8; 32]>,
    addresses: ClientAddresses,
    max_tracked_clients: usize,
}

impl RateLimit {
    /// `None` when rate limiting is off.
    pub fn from_settings(settings: &RateLimitSettings) -> Option<Self> {
        let per_second = NonZeroU32::new(settings.per_second)?;
        let burst = NonZeroU32::new(settings.burst)?;
        settings.enabled.then(|| Self {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst)),
            addresses: ClientAddresses::from_settings(settings),
            max_tracked_clients: settings.max_tracked_clients,
        })
    }

    /// `Ok` while the client has tokens; else a 429 problem with `Retry-After`.
    pub fn check(&self, req: &ServiceRequest) -> Result<(), Problem> {
        take_token(
            &self.limiter,
            &self.client_key(req),
            self.max_tracked_clients,
            "Too many requests from this client; retry later.",
        )
    }

    /// The bearer key's digest when access control is on (the key has then been verified before
    /// this check), else the client address (never stored in the clear). Without access control a
    /// key is never checked, so a client could send a new made-up one with every request and never
    /// run out of tokens.
    fn client_key(&self, req: &ServiceRequest) -> [u8; 32] {
        let mut hasher = Sha256::new();
        let keys_verified = req.app_data::<web::Data<AccessControl>>().is_some();
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .filter(|_| keys_verified)
            .and_then(|value| value.to_str().ok())
            .and_then(super::access::bearer_credentials);
        match bearer {
            Some(key) => hasher.update([b"key:".as_slice(), key.trim().as_bytes()].concat()),
            None => hasher.update(format!("ip:{}", self.addresses.bucket(self.addresses.client(req)))),
        }
        hasher.finalize().into()
    }
}

/// Takes a token of `key` from `limiter`; a 429 problem with `Retry-After` and `detail` when there
/// is none. Past `max_tracked` keys, clients whose buckets are full again are dropped first, so
/// memory stays bounded under address churn.
pub(super) fn take_token<K: Clone + Eq + std::hash::Hash>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: &K,
    max_tracked: usize,
    detail: &str,
) -> Result<(), Problem> {
    if limiter.len() >= max_tracked {
        limiter.retain_recent();
        limiter.shrink_to_fit();
    }
    limiter.check_key(key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        Problem::new(ProblemKind::TooManyRequests, detail).with_retry_after(wait.as_secs().max(1))
    })
}
