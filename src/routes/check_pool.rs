//! Checks that take real CPU time (a batch, a long label) run on the blocking threads, at most
//! `limits.check_workers` at once, so the HTTP workers keep answering health probes, metrics and
//! small requests while they run. A check that finds every place taken is refused at once with a
//! 503 problem and `Retry-After`, instead of queueing without bound.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::problem::{Problem, ProblemKind};

/// Labels longer than this many bytes (all strings together) are checked in the pool; shorter
/// ones take well under a millisecond and are checked where the request is.
pub const INLINE_CHECK_BYTES: usize = 2_000;

/// The places for heavy checks.
#[derive(Debug, Clone)]
pub struct CheckPool {
    permits: Arc<Semaphore>,
}

impl CheckPool {
    /// A pool of `size` places (at least one).
    pub fn new(size: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(size.max(1))),
        }
    }

    /// A place, held until the permit is dropped; a 503 problem when none is free.
    pub fn place(&self) -> Result<OwnedSemaphorePermit, Problem> {
        Arc::clone(&self.permits).try_acquire_owned().map_err(|_| {
            Problem::new(
                ProblemKind::Unavailable,
                "Every place for long checks is taken; retry shortly.",
            )
            .with_retry_after(1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_bounded_and_come_back_when_dropped() {
        let pool = CheckPool::new(2);
        let first = pool.place().expect("a place");
        let _second = pool.place().expect("a place");
        let refused = pool.place().expect_err("the pool is full");
        assert_eq!(refused.kind(), ProblemKind::Unavailable);
        drop(first);
        assert!(pool.place().is_ok());
    }
}
