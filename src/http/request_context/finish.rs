//! The end of a request: its one log line and its metrics.

use std::time::Instant;

use actix_web::http::Method;

use crate::metrics::Metrics;
use crate::problem::Problem;

/// What is recorded when a request ends.
pub(super) struct Finish<'a> {
    pub(super) span: &'a tracing::Span,
    pub(super) metrics: Option<&'a Metrics>,
    pub(super) method: Method,
    pub(super) started: Instant,
}

impl Finish<'_> {
    pub(super) fn without_response(&self, problem: Problem) -> actix_web::Error {
        self.record(None, problem.kind().status().as_u16());
        problem.into()
    }

    /// The one log line of a request (route pattern, status, latency; never the path or query) and
    /// its metrics.
    pub(super) fn record(&self, route: Option<&str>, status: u16) {
        let seconds = self.started.elapsed().as_secs_f64();
        if let Some(metrics) = self.metrics {
            metrics.observe(route, &self.method, status, seconds);
        }
        let span = self.span;
        span.record("http.route", route.unwrap_or("unmatched"));
        span.record("http.status", status);
        span.record("latency_ms", seconds * 1_000.0);
        // 503 is the service reporting its state (readiness while starting or draining), not a failure.
        let failed = status >= 500 && status != 503;
        span.in_scope(|| {
            if failed {
                tracing::error!("request failed");
            } else {
                tracing::info!("request completed");
            }
        });
    }
}
