//! Whether the service should receive traffic: content loaded and not shutting down.

use std::sync::atomic::{AtomicBool, Ordering};

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
