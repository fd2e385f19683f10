//! Log subscriber set-up: JSON lines in production, pretty output for people.
//!
//! Fields follow one rule: a readable message plus dotted fields with units in their names
//! (`latency_ms`). Request bodies, query values and client addresses are never recorded.

use std::io::IsTerminal;

use std::sync::atomic::{AtomicU64, Ordering};

use tracing::{Level, Metadata, Subscriber};
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Layer, SubscriberExt};
use tracing_subscriber::{EnvFilter, Registry};

use crate::settings::{LogFormat, LogSettings};

/// Errors actix-http reported about a connection before the app saw a request (a malformed
/// request line, an oversized head, a client gone mid-body), counted instead of logged: a client
/// can cause them at will, so as ERROR lines they would flood the log and page an operator.
/// Exposed as `aftercare_http_connection_errors_total` on `/metrics`.
static CONNECTION_ERRORS: AtomicU64 = AtomicU64::new(0);

/// The connection errors counted so far (see [`CONNECTION_ERRORS`]).
pub fn connection_errors() -> u64 {
    CONNECTION_ERRORS.load(Ordering::Relaxed)
}

/// Whether an event is one of actix-http's connection errors: an ERROR of its `h1` module, where
/// it parses what clients send.
fn is_connection_error(metadata: &Metadata<'_>) -> bool {
    *metadata.level() == Level::ERROR && metadata.target().starts_with("actix_http::h1")
}

/// Counts connection errors; the output layer then leaves them out.
struct CountConnectionErrors;

impl<S: Subscriber> Layer<S> for CountConnectionErrors {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: tracing_subscriber::layer::Context<'_, S>) {
        if is_connection_error(event.metadata()) {
            CONNECTION_ERRORS.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Builds the subscriber for `settings`, writing to `sink`.
pub fn get_subscriber<W>(settings: &LogSettings, sink: W) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    // Settings are validated before telemetry starts, so the fallback is never used in practice.
    let filter = EnvFilter::try_new(&settings.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let json = match settings.format {
        LogFormat::Json => true,
        LogFormat::Pretty => false,
        LogFormat::Auto => !std::io::stdout().is_terminal(),
    };
    let registry = Registry::default().with(filter).with(CountConnectionErrors);
    let written = filter_fn(|metadata| !is_connection_error(metadata));
    if json {
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_writer(sink)
            .with_filter(written);
        Box::new(registry.with(layer))
    } else {
        Box::new(registry.with(tracing_subscriber::fmt::layer().with_writer(sink).with_filter(written)))
    }
}

/// Installs `subscriber` as the global default; a second call is ignored.
pub fn init_subscriber(subscriber: Box<dyn Subscriber + Send + Sync>) {
    let _ignored_when_already_set = tracing::subscriber::set_global_default(subscriber);
}

/// Replaces the default panic message (which could quote request data) with a log event
/// that names only where the panic happened.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        tracing::error!(
            panic.location = location.as_deref().unwrap_or("unknown"),
            "a request handler panicked"
        );
    }));
}

/// A log sink for tests: everything written, kept in memory.
#[cfg(test)]
#[derive(Clone, Default)]
pub(crate) struct Captured(pub(crate) std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

#[cfg(test)]
impl Captured {
    /// What has been written so far, as text.
    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("log buffer").clone()).expect("UTF-8 logs")
    }
}

#[cfg(test)]
mod captured {
    use super::{Captured, MakeWriter};

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("log buffer").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Self::Writer {
            self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_errors_of_the_http_layer_are_counted_not_logged() {
        let captured = Captured::default();
        let settings = LogSettings {
            format: LogFormat::Json,
            level: "info".into(),
        };
        let _guard = tracing::subscriber::set_default(get_subscriber(&settings, captured.clone()));
        let before = connection_errors();

        tracing::error!(target: "actix_http::h1::dispatcher", "stream error: invalid header");
        tracing::warn!(target: "actix_http::h1::dispatcher", "a warning stays");
        tracing::error!(target: "aftercare::startup", "our own errors stay");

        assert_eq!(connection_errors() - before, 1);
        let logs = captured.text();
        assert!(!logs.contains("stream error"), "{logs}");
        assert!(
            logs.contains("a warning stays") && logs.contains("our own errors stay"),
            "{logs}"
        );
    }
}
