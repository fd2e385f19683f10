//! The Aftercare API: how to care for skin after a microneedling treatment.

pub mod cli;
pub mod content;
pub mod content_layout;
pub mod formats;
pub mod http;
pub mod ingredients;
pub mod metrics;
pub mod openapi;
pub mod openapi_examples;
pub mod problem;
#[cfg(test)]
mod proptest_config;
pub mod protocol;
pub mod readiness;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod telemetry;
