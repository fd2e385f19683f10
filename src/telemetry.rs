//! Log subscriber set-up: JSON lines in production, pretty output for people.
//!
//! Fields follow one rule: a readable message plus dotted fields with units in their names
//! (`latency_ms`). Request bodies, query values and client addresses are never recorded.

use std::io::IsTerminal;

use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::{EnvFilter, Registry};

use crate::settings::{LogFormat, LogSettings};

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
    let registry = Registry::default().with(filter);
    if json {
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_writer(sink);
        Box::new(registry.with(layer))
    } else {
        Box::new(registry.with(tracing_subscriber::fmt::layer().with_writer(sink)))
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
