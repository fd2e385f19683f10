//! The documented range of every setting, checked once the sources are merged.

use super::{Settings, SettingsError};

impl Settings {
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
        check("server.public_base_url", is_public_base_url(&s.public_base_url), || {
            "must be / or an absolute http(s) URL without query or fragment, at most 200 characters".into()
        })?;
        check(
            "server.write_timeout_ms",
            (1_000..=600_000).contains(&s.write_timeout_ms),
            || "must be between 1000 and 600000".into(),
        )?;
        check(
            "server.body_read_timeout_ms",
            (100..=600_000).contains(&s.body_read_timeout_ms),
            || "must be between 100 and 600000".into(),
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
        check("limits.label_items", (1..=10_000).contains(&l.label_items), || {
            "must be between 1 and 10000".into()
        })?;
        check(
            "limits.batch_items",
            (l.label_items..=1_000_000).contains(&l.batch_items),
            || "must be at least limits.label_items and at most 1000000".into(),
        )?;
        check("limits.check_workers", l.check_workers <= 256, || {
            "must be at most 256 (0: one per core)".into()
        })?;
        check("limits.header_bytes", (1024..=65_536).contains(&l.header_bytes), || {
            "must be between 1024 and 65536".into()
        })?;
        check(
            "content.dir",
            self.content.dir.as_ref().is_none_or(|dir| !dir.as_os_str().is_empty()),
            || "must be a directory path, or unset for the compiled-in content".into(),
        )?;
        let auth = &self.auth;
        check(
            "auth.api_key_sha256",
            !auth.enabled || !auth.api_key_sha256.is_empty(),
            || "must list at least one digest when auth.enabled is true".into(),
        )?;
        check(
            "auth.failures_per_minute",
            (1..=10_000).contains(&auth.failures_per_minute),
            || "must be between 1 and 10000".into(),
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
            "rate_limit.ipv6_prefix_len",
            (16..=128).contains(&rate.ipv6_prefix_len),
            || "must be between 16 and 128".into(),
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
}

fn check(key: &'static str, ok: bool, rule: impl FnOnce() -> String) -> Result<(), SettingsError> {
    if ok {
        Ok(())
    } else {
        Err(SettingsError::Invalid { key, rule: rule() })
    }
}

/// An exact origin as browsers send it: `http(s)://host[:port]`, or the origin of a mobile app's
/// web view, a custom scheme on `localhost` (`capacitor://localhost`, `ionic://localhost`; a
/// lowercase scheme of letters, digits, `+`, `-`, `.`, not `ftp`, `file`, `ws` or `wss`). Never a
/// path, a wildcard or credentials.
fn is_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    let host = rest
        .rsplit_once(':')
        .map_or(rest, |(host, port)| if port.parse::<u16>().is_ok() { host } else { "" });
    let custom_scheme = host == "localhost"
        && !matches!(scheme, "ftp" | "file" | "ws" | "wss" | "data" | "javascript")
        && scheme.starts_with(|c: char| c.is_ascii_lowercase())
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | '.'));
    (matches!(scheme, "http" | "https") || custom_scheme) && is_hostname(host)
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

/// `/`, or `http(s)://host[:port][/path]` with no query, fragment, credentials or spaces.
fn is_public_base_url(url: &str) -> bool {
    if url == "/" {
        return true;
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    url.len() <= 200
        && !host.is_empty()
        && !host.contains('@')
        && url.chars().all(|c| c.is_ascii_graphic())
        && !url.contains(['?', '#'])
}

#[cfg(test)]
mod tests {
    use crate::settings::Settings;
    use crate::settings::test_env as env;

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
        assert_eq!(
            settings.auth.api_key_sha256,
            vec![a.parse().unwrap(), b.parse().unwrap()]
        );
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

    #[test]
    fn an_out_of_range_value_names_its_key() {
        let error = Settings::load_from(None, env(&[("AFTERCARE__SERVER__WORKERS", "100000")])).unwrap_err();
        assert!(error.to_string().contains("server.workers"), "{error}");
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

    #[test]
    fn the_public_base_url_is_relative_or_an_absolute_http_url() {
        for good in ["/", "https://api.clinic.example", "http://10.0.0.5:8080/aftercare/"] {
            assert!(super::is_public_base_url(good), "{good}");
        }
        for bad in [
            "",
            "api.clinic.example",
            "ftp://x",
            "https://",
            "https://u:p@host",
            "https://h/?q",
            "https://h/a b",
            "/v1",
        ] {
            assert!(!super::is_public_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn origins_are_exact_including_the_web_view_schemes_of_mobile_apps() {
        for good in [
            "https://app.clinic.example",
            "http://localhost:8100",
            "capacitor://localhost",
            "ionic://localhost",
        ] {
            assert!(super::is_origin(good), "{good}");
        }
        for bad in [
            "*",
            "https://app.example/path",
            "capacitor://",
            "capacitor://app.example",
            "ftp://localhost",
            "https://u@h",
            "://x",
            "CAP://localhost",
        ] {
            assert!(!super::is_origin(bad), "{bad}");
        }
    }
}
