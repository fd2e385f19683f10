//! Graceful shutdown: the handle that drains and stops the server, and the signals that start it.

use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::web;
#[cfg(unix)]
use futures_util::future::select;

use crate::readiness::{Readiness, RequestActivity};

/// Starts a graceful shutdown: readiness turns 503 and every answer closes its connection; after
/// the drain delay the server stops accepting, waits (at most the shutdown timeout) until requests
/// have gone quiet, then closes the listener and the remaining idle connections.
#[derive(Clone)]
pub struct ShutdownHandle {
    pub(super) readiness: web::Data<Readiness>,
    pub(super) activity: web::Data<RequestActivity>,
    pub(super) server: ServerHandle,
    pub(super) drain_delay: Duration,
    pub(super) shutdown_timeout: Duration,
}

impl ShutdownHandle {
    /// Runs the shutdown sequence; returns once the server has stopped.
    pub async fn shutdown(&self) {
        self.readiness.begin_draining();
        tracing::info!(
            drain_delay_secs = self.drain_delay.as_secs(),
            "shutdown started: readiness now answers 503, every answer closes its connection"
        );
        if !self.drain_delay.is_zero() {
            actix_web::rt::time::sleep(self.drain_delay).await;
        }
        // Stop accepting. A connection that arrives from now on waits in the kernel's queue and is
        // reset, unread, when the listener closes below.
        self.server.pause().await;
        let quiet = self.activity.wait_until_quiet(self.shutdown_timeout).await;
        tracing::info!(quiet, "closing the listener");
        // On a graceful stop actix closes every connection that has no request in progress and
        // drops, unanswered, any request that has arrived on one but not started: once requests
        // have gone quiet none is left, and what remains open is idle. If the shutdown timeout ran
        // out first, the remaining requests are cut off, as the timeout promises.
        self.server.stop(quiet).await;
    }
}

/// SIGTERM and SIGINT handlers, installed when created: create them before the listener is bound
/// so a signal that arrives during start-up is never lost.
pub struct ShutdownSignals {
    #[cfg(unix)]
    streams: Option<(actix_web::rt::signal::unix::Signal, actix_web::rt::signal::unix::Signal)>,
}

impl ShutdownSignals {
    /// Installs the handlers (inside the async runtime).
    pub fn install() -> Self {
        #[cfg(unix)]
        {
            use actix_web::rt::signal::unix::{SignalKind, signal};
            let streams = signal(SignalKind::terminate())
                .ok()
                .zip(signal(SignalKind::interrupt()).ok());
            Self { streams }
        }
        #[cfg(not(unix))]
        Self {}
    }

    /// Completes on the first SIGTERM or SIGINT.
    pub async fn wait(self) {
        #[cfg(unix)]
        if let Some((mut terminate, mut interrupt)) = self.streams {
            let _which = select(Box::pin(terminate.recv()), Box::pin(interrupt.recv())).await;
            tracing::info!("shutdown signal received");
            return;
        }
        let _ignored = actix_web::rt::signal::ctrl_c().await;
        tracing::info!("shutdown signal received");
    }
}
