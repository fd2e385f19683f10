//! The command line: `serve` (the default), `openapi`, `healthcheck` and `check-config`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::content::ContentRoot;
use crate::settings::Settings;
use crate::startup::{Application, PreparedContent, ShutdownSignals};
use crate::telemetry;

/// Aftercare API: aftercare plans, ingredient checks and healing phases after microneedling.
#[derive(Debug, Parser)]
#[command(name = "aftercare", version, about)]
pub struct Cli {
    /// A TOML settings file (see deploy/config/aftercare.toml); AFTERCARE__* variables override it.
    #[arg(long, global = true, env = "AFTERCARE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default).
    Serve,
    /// Print the OpenAPI document to standard output.
    Openapi {
        /// Print YAML instead of JSON.
        #[arg(long)]
        yaml: bool,
    },
    /// Exit 0 only when the readiness probe answers 200 (for containers without a shell).
    Healthcheck {
        /// The readiness URL; default: the configured host and port.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Load settings and content, report problems, exit non-zero on any.
    CheckConfig,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("aftercare: {error}");
            return ExitCode::from(2);
        }
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&settings),
        Command::Openapi { yaml } => {
            let api = crate::openapi::openapi();
            let text = if yaml {
                crate::openapi::to_yaml(&api)
            } else {
                crate::openapi::to_json(&api)
            };
            // `print!` panics when stdout is closed early (`aftercare openapi | head`); a reader
            // that stops reading is not an error of ours.
            match std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()) {
                Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("cannot write the spec: {error}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Command::Healthcheck { url } => healthcheck(&url.unwrap_or_else(|| readiness_url(&settings))),
        Command::CheckConfig => check_config(&settings),
    }
}

fn serve(settings: &Settings) -> ExitCode {
    telemetry::init_subscriber(telemetry::get_subscriber(&settings.log, std::io::stdout));
    telemetry::install_panic_hook();
    let result = actix_web::rt::System::new().block_on(async {
        let signals = ShutdownSignals::install();
        let application = Application::build(settings)?;
        tracing::info!(
            server.host = %settings.server.host,
            server.port = application.port(),
            server.workers = settings.worker_count(),
            "aftercare listening"
        );
        application.run_until(signals.wait()).await?;
        anyhow::Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %format!("{error:#}"), "aftercare stopped with an error");
            eprintln!("aftercare: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The readiness URL of the configured server (a wildcard host is reached through loopback).
pub fn readiness_url(settings: &Settings) -> String {
    let host = match settings.server.host.as_str() {
        "0.0.0.0" => "127.0.0.1",
        "::" | "[::]" => "[::1]",
        host if host.contains(':') && !host.starts_with('[') => {
            return format!("http://[{host}]:{}/health/ready", settings.server.port);
        }
        host => host,
    };
    format!("http://{host}:{}/health/ready", settings.server.port)
}

fn healthcheck(url: &str) -> ExitCode {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(3)))
        .http_status_as_error(false)
        .build()
        .new_agent();
    match agent.get(url).call() {
        Ok(response) if response.status() == 200 => ExitCode::SUCCESS,
        Ok(response) => {
            eprintln!("aftercare healthcheck: {url} answered {}", response.status());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("aftercare healthcheck: {url}: {error}");
            ExitCode::FAILURE
        }
    }
}

fn check_config(settings: &Settings) -> ExitCode {
    let content = match PreparedContent::load(settings) {
        Ok(content) => content,
        Err(error) => {
            eprintln!("aftercare: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let protocol = &content.protocol;
    let api = crate::openapi::openapi_for(protocol, &content.ingredients);
    println!(
        "settings: ok (listen {}:{}, {} workers, json body limit {} bytes)",
        settings.server.host,
        settings.server.port,
        settings.worker_count(),
        settings.limits.json_body_bytes
    );
    println!(
        "protocol: ok ({} {}, {} phases, {} rules, {} milestones, languages: {})",
        protocol.id(),
        protocol.version(),
        protocol.phases().len(),
        protocol.rules().len(),
        protocol.milestones().len(),
        protocol.languages().join(", ")
    );
    let root = ContentRoot::from_setting(settings.content.dir.as_deref());
    println!("content: ok ({root})");
    println!("openapi: ok ({} paths)", api.paths.paths.len());
    ExitCode::SUCCESS
}
