//! Typed settings: built-in defaults, an optional TOML file, then `AFTERCARE__SECTION__KEY`
//! environment variables. Every value is validated before the service starts.

mod key_digest;
mod sections;
mod validate;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use key_digest::{KeyDigest, KeyDigestError};
pub use sections::{
    AuthSettings, ContentSettings, CorsSettings, DocsSettings, LimitSettings, LogFormat, LogSettings,
    RateLimitSettings, ServerSettings,
};

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

    /// The number of worker threads to start.
    pub fn worker_count(&self) -> usize {
        match self.server.workers {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        }
    }
}

/// An `AFTERCARE__*` environment made of `vars` only, for tests.
#[cfg(test)]
fn test_env(vars: &[(&str, &str)]) -> config::Environment {
    let map: std::collections::HashMap<String, String> =
        vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    config::Environment::with_prefix(ENV_PREFIX).source(Some(map))
}

#[cfg(test)]
mod tests {
    use super::test_env as env;
    use super::*;

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
