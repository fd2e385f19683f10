//! Extractors whose every rejection is a [`Problem`](crate::problem::Problem) that names the
//! field and the rule, never the submitted value (serde's own messages quote values, so they are
//! rewritten here): JSON bodies ([`ApiJson`], [`BatchJson`]) and query strings ([`ApiQuery`]).

mod body;
mod json;
mod query;
mod serde_rules;

pub use body::{ApiJson, BatchBodyLimit, BatchJson, BodyLimit, BodyTimeout};
pub use json::decode_json;
pub use query::{ApiQuery, decode_query};
pub use serde_rules::{RULE_MARKER, rewrite_serde_message};
