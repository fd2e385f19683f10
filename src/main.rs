//! The `aftercare` binary: parse the command line and run it.

use std::process::ExitCode;

use clap::Parser;

/// The static (musl) build replaces musl's allocator with mimalloc; glibc builds keep glibc's.
/// Measured with one worker on core 0 and `wrk -t1 -c64` on core 1 (means of 5-10 alternated 10 s
/// runs, see README "Deployment"): GET /v1/aftercare-plan 63.3k req/s with musl's malloc, 83.0k
/// with mimalloc (glibc 100.4k); POST /v1/ingredient-checks 18.1k, 21.0k (glibc 28.4k); GET
/// /health/live unchanged (~143k). Peak RSS 14 MiB with musl's malloc, 19 MiB with mimalloc
/// built with `no_thp` (38 MiB when mimalloc asks for transparent huge pages).
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    aftercare::cli::run(aftercare::cli::Cli::parse())
}
