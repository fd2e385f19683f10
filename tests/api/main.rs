//! Integration tests: the real HTTP server on a random port, driven through reqwest.

mod access;
mod cli;
mod content_contract;
mod content_dir;
mod content_wording;
mod cors;
mod formats;
mod health;
mod helpers;
mod ingredient_verdicts;
mod ingredients;
mod meta;
mod metrics;
mod phases;
mod plan;
mod plan_requests;
mod problems;
mod rate_limit;
mod shutdown;
mod snapshots;
