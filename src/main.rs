//! The `aftercare` binary: parse the command line and run it.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    aftercare::cli::run(aftercare::cli::Cli::parse())
}
