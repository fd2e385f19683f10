//! Typed settings: built-in defaults, an optional TOML file, then `AFTERCARE__SECTION__KEY`
//! environment variables. Every value is validated before the service starts.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// All settings of the service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The HTTP server.
    pub server: ServerSettings,
    /// Request limits.
    pub limits: LimitSettings,
    /// Logging.
    pub log: LogSettings,
    /// The interactive documentation.
    pub docs: DocsSettings,
    /// API-key access control.
    pub auth: AuthSettings,
    /// Cross-origin requests from browsers.
    pub cors: CorsSettings,
    /// Request rate limits.
    pub rate_limit: RateLimitSettings,
    /// Where the content comes from.
    pub content: ContentSettings,
}

/// `[content]`: a content directory to serve instead of the compiled-in content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentSettings {
    /// A directory with the layout of `src/content/` (`protocol/*.toml`,
    /// `ingredients/knowledge.toml`, `formats/labels.toml`), loaded and validated at start-up;
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
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: false,
            per_second: 20,
            burst: 40,
            trusted_proxies: Vec::new(),
            max_tracked_clients: 100_000,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSettings {
    /// Require `Authorization: Bearer <key>` on `/v1/*` (and where configured below).
    pub enabled: bool,
    /// SHA-256 digests (64 hex digits) of the accepted keys; the keys themselves are never stored.
    pub api_key_sha256: Vec<String>,
    /// Also require a key on `/health/*`.
    pub protect_health: bool,
    /// Also require a key on `/`, `/docs/` and `/openapi.*`.
    pub protect_docs: bool,
    /// Also require a key on `/metrics`.
    pub protect_metrics: bool,
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
    /// Time a client has to send the request head, milliseconds.
    pub client_request_timeout_ms: u64,
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
            client_request_timeout_ms: 5_000,
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

/// Why settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A source could not be read or a value has the wrong type.
    #[error("cannot load settings: {0}")]
    Load(#[from] config::ConfigError),
    /// A value is out of its allowed range.
    #[error("invalid setting `{key}`: {rule}")]
    Invalid {
        /// The dotted key, e.g. `server.workers`.
        key: &'static str,
        /// The rule the value breaks.
        rule: String,
    },
}

/// Prefix of the environment variables that override settings.
pub const ENV_PREFIX: &str = "AFTERCARE";

impl Settings {
    /// Loads defaults, then the optional `file`, then `AFTERCARE__*` variables, and validates.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        Self::load_from(file, config::Environment::with_prefix(ENV_PREFIX))
    }

    /// Like [`Settings::load`] with an explicit environment source (for tests).
    pub fn load_from(file: Option<&Path>, env: config::Environment) -> Result<Self, SettingsError> {
        let mut builder = config::Config::builder().add_source(config::Config::try_from(&Settings::default())?);
        if let Some(path) = file {
            builder = builder.add_source(config::File::from(path).format(config::FileFormat::Toml).required(true));
        }
        let env = env
            .prefix_separator("__")
            .separator("__")
            .try_parsing(true)
            .list_separator(",")
            .with_list_parse_key("auth.api_key_sha256")
            .with_list_parse_key("cors.allowed_origins")
            .with_list_parse_key("rate_limit.trusted_proxies");
        let settings: Settings = builder.add_source(env).build()?.try_deserialize()?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks every value against its documented range.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let s = &self.server;
        check(
            "server.host",
            s.host.parse::<std::net::IpAddr>().is_ok() || is_hostname(&s.host),
            || "must be an IP address or a host name".into(),
        )?;
        check("server.workers", s.workers <= 512, || {
            "must be between 0 (one per core) and 512".into()
        })?;
        check("server.keep_alive_secs", s.keep_alive_secs <= 3_600, || {
            "must be at most 3600".into()
        })?;
        check(
            "server.client_request_timeout_ms",
            (100..=120_000).contains(&s.client_request_timeout_ms),
            || "must be between 100 and 120000".into(),
        )?;
        check(
            "server.client_disconnect_timeout_ms",
            s.client_disconnect_timeout_ms <= 60_000,
            || "must be at most 60000".into(),
        )?;
        check("server.drain_delay_secs", s.drain_delay_secs <= 300, || {
            "must be at most 300".into()
        })?;
        check("server.shutdown_timeout_secs", s.shutdown_timeout_secs <= 600, || {
            "must be at most 600".into()
        })?;
        check(
            "server.max_connections_per_worker",
            (1..=1_000_000).contains(&s.max_connections_per_worker),
            || "must be between 1 and 1000000".into(),
        )?;
        let l = &self.limits;
        check(
            "limits.json_body_bytes",
            (1_024..=16 * 1024 * 1024).contains(&l.json_body_bytes),
            || "must be between 1024 and 16777216".into(),
        )?;
        check(
            "limits.batch_body_bytes",
            (l.json_body_bytes..=64 * 1024 * 1024).contains(&l.batch_body_bytes),
            || "must be at least limits.json_body_bytes and at most 67108864".into(),
        )?;
        check(
            "limits.batch_max_products",
            (1..=100_000).contains(&l.batch_max_products),
            || "must be between 1 and 100000".into(),
        )?;
        check(
            "limits.ingredient_text_chars",
            (100..=1_000_000).contains(&l.ingredient_text_chars),
            || "must be between 100 and 1000000".into(),
        )?;
        check(
            "limits.ingredient_list_items",
            (1..=10_000).contains(&l.ingredient_list_items),
            || "must be between 1 and 10000".into(),
        )?;
        check(
            "limits.product_name_chars",
            (1..=10_000).contains(&l.product_name_chars),
            || "must be between 1 and 10000".into(),
        )?;
        check(
            "content.dir",
            self.content.dir.as_ref().is_none_or(|dir| !dir.as_os_str().is_empty()),
            || "must be a directory path, or unset for the compiled-in content".into(),
        )?;
        let auth = &self.auth;
        check(
            "auth.api_key_sha256",
            auth.api_key_sha256
                .iter()
                .all(|digest| crate::http::access::parse_digest(digest).is_some()),
            || "must list SHA-256 digests of 64 hex digits (e.g. from `printf %s KEY | sha256sum`)".into(),
        )?;
        check(
            "auth.api_key_sha256",
            !auth.enabled || !auth.api_key_sha256.is_empty(),
            || "must list at least one digest when auth.enabled is true".into(),
        )?;
        check(
            "cors.allowed_origins",
            self.cors.allowed_origins.iter().all(|origin| is_origin(origin)),
            || {
                "must list exact origins such as https://app.example.com (scheme, host, optional port; no path, no *)"
                    .into()
            },
        )?;
        check("cors.max_age_secs", self.cors.max_age_secs <= 86_400, || {
            "must be at most 86400".into()
        })?;
        let rate = &self.rate_limit;
        check(
            "rate_limit.per_second",
            (1..=100_000).contains(&rate.per_second),
            || "must be between 1 and 100000".into(),
        )?;
        check("rate_limit.burst", (1..=100_000).contains(&rate.burst), || {
            "must be between 1 and 100000".into()
        })?;
        check(
            "rate_limit.trusted_proxies",
            rate.trusted_proxies
                .iter()
                .all(|ip| ip.parse::<std::net::IpAddr>().is_ok()),
            || "must list IP addresses".into(),
        )?;
        check(
            "rate_limit.max_tracked_clients",
            (100..=10_000_000).contains(&rate.max_tracked_clients),
            || "must be between 100 and 10000000".into(),
        )?;
        check(
            "log.level",
            tracing_subscriber::EnvFilter::try_new(&self.log.level).is_ok(),
            || "must be a tracing filter directive such as `info` or `aftercare=debug`".into(),
        )?;
        Ok(())
    }

    /// The number of worker threads to start.
    pub fn worker_count(&self) -> usize {
        match self.server.workers {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        }
    }
}

fn check(key: &'static str, ok: bool, rule: impl FnOnce() -> String) -> Result<(), SettingsError> {
    if ok {
        Ok(())
    } else {
        Err(SettingsError::Invalid { key, rule: rule() })
    }
}

fn is_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    let host = rest
        .rsplit_once(':')
        .map_or(rest, |(host, port)| if port.parse::<u16>().is_ok() { host } else { "" });
    matches!(scheme, "http" | "https") && is_hostname(host)
}

fn is_hostname(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> config::Environment {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        config::Environment::with_prefix(ENV_PREFIX).source(Some(map))
    }

    #[test]
    fn defaults_need_no_file_and_no_environment() {
        let settings = Settings::load_from(None, env(&[])).expect("defaults load");
        assert_eq!(settings.server.host, "127.0.0.1");
        assert_eq!(settings.server.port, 8080);
        assert_eq!(settings.limits.json_body_bytes, 65_536);
    }

    #[test]
    fn double_underscore_environment_variables_override_nested_keys() {
        let settings = Settings::load_from(
            None,
            env(&[("AFTERCARE__SERVER__PORT", "9000"), ("AFTERCARE__LOG__FORMAT", "json")]),
        )
        .expect("loads");
        assert_eq!(settings.server.port, 9000);
        assert_eq!(settings.log.format, LogFormat::Json);
    }

    #[test]
    fn a_toml_file_overrides_defaults_and_the_environment_overrides_the_file() {
        let dir = std::env::temp_dir().join(format!("aftercare-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.toml");
        std::fs::write(&file, "[server]\nport = 7000\nworkers = 3\n").unwrap();
        let settings = Settings::load_from(Some(&file), env(&[("AFTERCARE__SERVER__WORKERS", "2")])).expect("loads");
        assert_eq!((settings.server.port, settings.server.workers), (7000, 2));
    }

    #[test]
    fn an_out_of_range_value_names_its_key() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__SERVER__WORKERS", "100000")])).unwrap_err();
        assert!(error.to_string().contains("server.workers"), "{error}");
    }

    #[test]
    fn a_wrongly_typed_value_names_its_key() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__SERVER__PORT", "eighty")])).unwrap_err();
        assert!(error.to_string().contains("port"), "{error}");
    }

    #[test]
    fn an_unknown_key_is_rejected() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__SERVER__PROT", "1")])).unwrap_err();
        assert!(error.to_string().contains("prot"), "{error}");
    }

    #[test]
    fn an_invalid_log_filter_names_log_level() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__LOG__LEVEL", "info,=[")])).unwrap_err();
        assert!(error.to_string().contains("log.level"), "{error}");
    }

    #[test]
    fn ingredient_limits_out_of_range_name_their_key() {
        for (var, key) in [
            ("AFTERCARE__LIMITS__BATCH_MAX_PRODUCTS", "limits.batch_max_products"),
            (
                "AFTERCARE__LIMITS__INGREDIENT_TEXT_CHARS",
                "limits.ingredient_text_chars",
            ),
            (
                "AFTERCARE__LIMITS__INGREDIENT_LIST_ITEMS",
                "limits.ingredient_list_items",
            ),
            ("AFTERCARE__LIMITS__PRODUCT_NAME_CHARS", "limits.product_name_chars"),
        ] {
            let error = Settings::load_from(None, env(&[(var, "0")])).unwrap_err();
            assert!(error.to_string().contains(key), "{error}");
        }
    }

    #[test]
    fn a_batch_limit_below_the_json_limit_is_rejected() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__LIMITS__BATCH_BODY_BYTES", "2048")])).unwrap_err();
        assert!(error.to_string().contains("limits.batch_body_bytes"), "{error}");
    }
}

#[cfg(test)]
mod sample_config_tests {
    use super::*;

    #[test]
    fn the_sample_config_documents_every_key_with_its_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/config/aftercare.toml");
        let sample: serde_json::Value = config::Config::builder()
            .add_source(config::File::from(path.as_path()))
            .build()
            .and_then(config::Config::try_deserialize)
            .expect("sample config parses");
        let defaults = serde_json::to_value(Settings::default()).expect("defaults serialise");
        assert_eq!(
            sample, defaults,
            "deploy/config/aftercare.toml must list every key with its built-in default"
        );
    }
}

#[cfg(test)]
mod auth_settings_tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> config::Environment {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        config::Environment::with_prefix(ENV_PREFIX).source(Some(map))
    }

    #[test]
    fn cors_origins_must_be_exact_origins() {
        let ok = Settings::load_from(
            None,
            env(&[(
                "AFTERCARE__CORS__ALLOWED_ORIGINS",
                "https://app.example.com,http://localhost:3000",
            )]),
        )
        .expect("loads");
        assert_eq!(ok.cors.allowed_origins.len(), 2);
        for bad in [
            "*",
            "https://app.example.com/path",
            "app.example.com",
            "ftp://x.example",
        ] {
            let error = Settings::load_from(None, env(&[("AFTERCARE__CORS__ALLOWED_ORIGINS", bad)])).unwrap_err();
            assert!(error.to_string().contains("cors.allowed_origins"), "{bad}: {error}");
        }
    }

    #[test]
    fn key_digests_come_from_a_comma_separated_variable() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let list = format!("{a},{b}");
        let settings = Settings::load_from(
            None,
            env(&[
                ("AFTERCARE__AUTH__ENABLED", "true"),
                ("AFTERCARE__AUTH__API_KEY_SHA256", &list),
            ]),
        )
        .expect("loads");
        assert_eq!(settings.auth.api_key_sha256, vec![a, b]);
    }

    #[test]
    fn a_malformed_digest_or_no_digest_with_auth_on_names_the_key() {
        for vars in [
            vec![("AFTERCARE__AUTH__API_KEY_SHA256", "not-a-digest")],
            vec![("AFTERCARE__AUTH__ENABLED", "true")],
        ] {
            let error = Settings::load_from(None, env(&vars)).unwrap_err();
            assert!(error.to_string().contains("auth.api_key_sha256"), "{error}");
        }
    }
}
