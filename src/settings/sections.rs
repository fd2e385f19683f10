//! The sections of [`Settings`](super::Settings), each with its built-in defaults.

use serde::{Deserialize, Serialize};

use super::KeyDigest;

/// `[content]`: a content directory to serve instead of the compiled-in content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentSettings {
    /// A directory with the layout of `src/content/` (`protocol/*.toml`,
    /// `ingredients/knowledge.toml`, `ingredients/label_words.toml`, `formats/labels.toml`), loaded and validated at start-up;
    /// unset = the compiled-in content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<std::path::PathBuf>,
}

/// `[rate_limit]`: a token bucket per verified API key, else per client address (off by default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitSettings {
    /// Limit `/v1/*` requests per client.
    pub enabled: bool,
    /// Sustained requests per second per client.
    pub per_second: u32,
    /// Requests a client may send at once before the sustained rate applies.
    pub burst: u32,
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
    /// Most clients tracked at once (memory bound).
    pub max_tracked_clients: usize,
    /// IPv6 clients share a bucket per network of this prefix length (a host is usually given a
    /// whole /64 and can rotate addresses within it).
    pub ipv6_prefix_len: u8,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            per_second: 20,
            burst: 40,
            trusted_proxies: Vec::new(),
            max_tracked_clients: 100_000,
            ipv6_prefix_len: 64,
        }
    }
}

/// `[cors]`: browser apps on other origins (off while the list is empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorsSettings {
    /// Exact origins allowed to call the API (`https://app.example-clinic.com`); empty = CORS off.
    /// Never a wildcard, never credentials.
    pub allowed_origins: Vec<String>,
    /// How long browsers may cache a preflight answer, seconds.
    pub max_age_secs: usize,
}

impl Default for CorsSettings {
    fn default() -> Self {
        Self {
            allowed_origins: Vec::new(),
            max_age_secs: 600,
        }
    }
}

/// `[auth]`: API keys (off by default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSettings {
    /// Require `Authorization: Bearer <key>` on `/v1/*` (and where configured below).
    pub enabled: bool,
    /// SHA-256 digests (64 hex digits) of the accepted keys; the keys themselves are never stored.
    pub api_key_sha256: Vec<KeyDigest>,
    /// Also require a key on `/health/*`.
    pub protect_health: bool,
    /// Also require a key on `/`, `/docs/` and `/openapi.*`.
    pub protect_docs: bool,
    /// Also require a key on `/metrics`.
    pub protect_metrics: bool,
    /// Failed key checks a client address may make per minute (also its burst); past it every
    /// request of that address that needs a key is a 429 until a token is back. The address is
    /// read as `rate_limit` reads it (trusted proxies, IPv6 networks).
    pub failures_per_minute: u32,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            api_key_sha256: Vec::new(),
            protect_health: false,
            protect_docs: false,
            protect_metrics: false,
            failures_per_minute: 10,
        }
    }
}

/// `[server]`: where and how the HTTP server listens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    /// Address to bind (`server.host`).
    pub host: String,
    /// TCP port; 0 picks a free port (`server.port`).
    pub port: u16,
    /// Worker threads; 0 means one per available core (`server.workers`).
    pub workers: usize,
    /// Idle keep-alive of a client connection, seconds; 0 disables keep-alive.
    pub keep_alive_secs: u64,
    /// The address clients reach the service at, for the links it writes about itself (the
    /// served spec's `servers`): `/` (relative: wherever the document was fetched from) or an
    /// absolute `http(s)://host[:port][/prefix]`.
    pub public_base_url: String,
    /// Time a client has to send the request head, milliseconds.
    pub client_request_timeout_ms: u64,
    /// Time a client has to send a request body, from its first byte read to its last,
    /// milliseconds; a body still arriving after it is a 408 problem.
    pub body_read_timeout_ms: u64,
    /// Time an answer's bytes may stay unacknowledged by a client that stopped reading before
    /// the connection is closed (`TCP_USER_TIMEOUT`), milliseconds: a stalled reader cannot hold
    /// a connection and its buffers.
    pub write_timeout_ms: u64,
    /// Time a client has to close the connection after the response, milliseconds.
    pub client_disconnect_timeout_ms: u64,
    /// Seconds readiness reports 503 (and every answer closes its connection) while the server
    /// still accepts connections, so load balancers and keep-alive clients move away.
    pub drain_delay_secs: u64,
    /// Seconds in-flight requests get to finish once the server has stopped accepting connections.
    pub shutdown_timeout_secs: u64,
    /// Maximum concurrent connections per worker.
    pub max_connections_per_worker: usize,
}

/// `[limits]`: explicit bounds on request size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitSettings {
    /// Largest JSON body of a single-item endpoint, bytes.
    pub json_body_bytes: usize,
    /// Largest JSON body of a batch endpoint, bytes.
    pub batch_body_bytes: usize,
    /// Most products in one batch ingredient check.
    pub batch_max_products: usize,
    /// Most characters of one product's ingredients (all strings together).
    pub ingredient_text_chars: usize,
    /// Most strings in one product's `ingredients` array.
    pub ingredient_list_items: usize,
    /// Most characters of a product name or product id.
    pub product_name_chars: usize,
    /// Most bytes of a request's header fields together (names, values and separators); more
    /// is a 431 problem.
    pub header_bytes: usize,
    /// Most ingredients one product may read as once parsed (`"aha,"` repeated is thousands of
    /// them, each answered): more is a 422 problem, so an answer stays bounded.
    pub label_items: usize,
    /// Most ingredients all the products of a batch may read as together; more is a 422 problem
    /// before any product is checked.
    pub batch_items: usize,
    /// Checks (batches, and labels of more than 2,000 characters) that may run at once, off the
    /// HTTP workers; 0 means one per core. A check that finds them all busy is a 503 problem with
    /// `Retry-After`.
    pub check_workers: usize,
}

/// `[log]`: telemetry output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    /// `json` (one JSON object a line), `pretty` (for people) or `auto` (pretty on a terminal).
    pub format: LogFormat,
    /// A `tracing` filter directive such as `info` or `aftercare=debug,actix_server=warn`.
    pub level: String,
}

/// `[docs]`: Swagger UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DocsSettings {
    /// Serve Swagger UI at `/docs/`.
    pub enabled: bool,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// JSON lines, for log collectors.
    Json,
    /// Human-readable, coloured.
    Pretty,
    /// Pretty when standard output is a terminal, else JSON.
    Auto,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8080,
            workers: 0,
            keep_alive_secs: 5,
            public_base_url: "/".to_owned(),
            client_request_timeout_ms: 5_000,
            body_read_timeout_ms: 10_000,
            write_timeout_ms: 30_000,
            client_disconnect_timeout_ms: 1_000,
            drain_delay_secs: 0,
            shutdown_timeout_secs: 30,
            max_connections_per_worker: 25_000,
        }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            json_body_bytes: 64 * 1024,
            batch_body_bytes: 1024 * 1024,
            batch_max_products: 1_000,
            ingredient_text_chars: 20_000,
            ingredient_list_items: 500,
            product_name_chars: 200,
            header_bytes: 16 * 1024,
            label_items: 500,
            batch_items: 20_000,
            check_workers: 0,
        }
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: LogFormat::Auto,
            level: "info".to_owned(),
        }
    }
}

impl Default for DocsSettings {
    fn default() -> Self {
        Self { enabled: true }
    }
}
