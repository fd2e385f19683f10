//! HTTP plumbing shared by every route: extractors that answer with problems, the
//! request-context middleware, content negotiation and the table of documented routes.

pub mod accept;
pub mod access;
pub mod client_address;
pub mod extract;
pub mod rate_limit;
pub mod request_context;
pub mod route_table;
pub mod trace_context;
