//! The drain check against the release binary: steady keep-alive load (plan, ingredient check,
//! readiness), SIGTERM mid-run, every outcome classified until the process exits; exits non-zero
//! if any request failed. What counts as a failure: `tests/load/drain_client.rs`.
//!
//! `bash tests/load/drain.sh` (builds, then runs this with the release binary), or
//! `cargo run --release --example drain -- --server target/release/aftercare --workers 2`

mod drain_client;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

/// Load the server, SIGTERM it, count every outcome.
#[derive(Debug, Parser)]
struct Args {
    /// The `aftercare` binary.
    #[arg(long, default_value = "target/release/aftercare")]
    server: PathBuf,
    /// `server.workers`.
    #[arg(long, default_value_t = 1)]
    workers: u32,
    /// `server.drain_delay_secs`.
    #[arg(long, default_value_t = 1)]
    drain_delay: u64,
    /// `server.shutdown_timeout_secs`.
    #[arg(long, default_value_t = 10)]
    shutdown_timeout: u64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Seconds of steady load before SIGTERM.
    #[arg(long, default_value_t = 3.0)]
    before: f64,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() -> ExitCode {
    let args = Args::parse();
    let run = drain_client::DrainRun {
        binary: args.server,
        workers: args.workers,
        drain_delay_secs: args.drain_delay,
        shutdown_timeout_secs: args.shutdown_timeout,
        connections: args.connections,
        load_before_signal: Duration::from_secs_f64(args.before),
        request_timeout: Duration::from_secs(5),
        exit_deadline: Duration::from_secs(args.drain_delay + args.shutdown_timeout + 5),
    };
    println!(
        "drain: {} workers, {} keep-alive connections, SIGTERM after {:.1} s, drain delay {} s, shutdown timeout {} s",
        run.workers, run.connections, args.before, run.drain_delay_secs, run.shutdown_timeout_secs
    );
    match drain_client::run(&run).await {
        Ok(report) => {
            print!("{report}");
            if report.is_clean() {
                println!("drain: PASS");
                ExitCode::SUCCESS
            } else {
                println!("drain: FAIL");
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("drain: {error}");
            ExitCode::from(2)
        }
    }
}
