//! Whether the service should receive traffic (content loaded, not shutting down), and the request
//! activity a shutdown waits on.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use actix_web::web;

/// Shared readiness flags, read by `GET /health/ready`.
#[derive(Debug, Default)]
pub struct Readiness {
    loaded: AtomicBool,
    draining: AtomicBool,
}

impl Readiness {
    /// Marks the content as loaded and validated.
    pub fn mark_loaded(&self) {
        self.loaded.store(true, Ordering::Release);
    }

    /// Marks the start of shutdown: readiness answers 503 from now on.
    pub fn begin_draining(&self) {
        self.draining.store(true, Ordering::Release);
    }

    /// Whether shutdown has begun.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }

    /// Whether the service should receive traffic.
    pub fn is_ready(&self) -> bool {
        self.loaded.load(Ordering::Acquire) && !self.is_draining()
    }
}

/// Requests in progress and how many have started, so shutdown can tell when connections are quiet.
#[derive(Debug, Default)]
pub struct RequestActivity {
    in_flight: AtomicUsize,
    started: AtomicU64,
}

/// How long no request may have started, with none in progress, before connections count as quiet:
/// far longer than a worker with nothing in progress takes to start a request that has arrived.
const QUIET_PERIOD: Duration = Duration::from_millis(200);

impl RequestActivity {
    /// Counts a request as in progress until the guard is dropped (also when the client goes away).
    pub fn start(activity: web::Data<Self>) -> InFlight {
        activity.started.fetch_add(1, Ordering::Relaxed);
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(activity)
    }

    /// Whether, within `limit`, a quiet period passed with no request in progress or started.
    pub async fn wait_until_quiet(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut started = self.started.load(Ordering::Relaxed);
        let mut quiet_since = Instant::now();
        loop {
            let now = Instant::now();
            let latest = self.started.load(Ordering::Relaxed);
            if latest != started || self.in_flight.load(Ordering::Relaxed) > 0 {
                started = latest;
                quiet_since = now;
            } else if now.duration_since(quiet_since) >= QUIET_PERIOD {
                return true;
            }
            if now >= deadline {
                return false;
            }
            actix_web::rt::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// A request counted as in progress; dropping it ends the count.
pub struct InFlight(web::Data<RequestActivity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_needs_loaded_content_and_ends_when_draining_begins() {
        let readiness = Readiness::default();
        assert!(!readiness.is_ready());
        readiness.mark_loaded();
        assert!(readiness.is_ready());
        readiness.begin_draining();
        assert!(!readiness.is_ready());
    }
}
