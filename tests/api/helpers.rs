//! `spawn_app`: starts the real server on a random loopback port, on the compiled-in content;
//! `spawn_fixture_app`: the same on the fixture content directory `tests/fixtures/`, for tests that
//! assert the engine's behaviour with exact values without pinning the shipped content.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{DateTime, TimeDelta, Utc};

use aftercare::protocol::{IsoDuration, Protocol};
use aftercare::settings::{LogFormat, Settings};
use aftercare::startup::{Application, ShutdownHandle};
use aftercare::telemetry;

// Logs are silent unless TEST_LOG is set, so failures are readable.
static TRACING: LazyLock<()> = LazyLock::new(|| {
    if std::env::var_os("TEST_LOG").is_some() {
        let mut settings = Settings::default().log;
        settings.format = LogFormat::Pretty;
        settings.level = "debug".into();
        telemetry::init_subscriber(telemetry::get_subscriber(&settings, std::io::stdout));
    }
});

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub shutdown: ShutdownHandle,
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    /// `GET` a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// `POST` a JSON value as the body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.request(reqwest::Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST` a JSON body given as text (sent as written, so it may be malformed on purpose).
    pub async fn post_json_text(&self, path: &str, body: impl Into<String>) -> reqwest::Response {
        self.request(reqwest::Method::POST, path)
            .header("Content-Type", "application/json")
            .body(body.into())
            .send()
            .await
            .expect("request sent")
    }

    /// A request builder for any method.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.address))
    }
}

/// Test settings: a random port, one worker.
pub fn test_settings() -> Settings {
    let mut settings = Settings::default();
    settings.server.port = 0;
    settings.server.workers = 1;
    settings.server.shutdown_timeout_secs = 5;
    settings
}

/// Starts the app with default test settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(test_settings()).await
}

/// The fixture content directory: `tests/fixtures/`, with the layout of `src/content/`.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture's rule ids in the order of its `protocol/rules.toml`, the order every answer lists
/// rules in.
pub const FIXTURE_RULES: [&str; 7] = [
    "fixture-expect",
    "fixture-avoid-guidance",
    "fixture-avoid-default",
    "fixture-do-later",
    "do-daily-sunscreen",
    "fixture-tip",
    "fixture-warning",
];

/// Starts the app with default test settings, serving the fixture content directory.
pub async fn spawn_fixture_app() -> TestApp {
    let mut settings = test_settings();
    settings.content.dir = Some(fixture_dir());
    spawn_app_with(settings).await
}

/// Starts the app with `settings`.
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    LazyLock::force(&TRACING);
    let application = Application::build(&settings).expect("application builds");
    let address = format!("http://127.0.0.1:{}", application.port());
    let shutdown = application.shutdown_handle();
    let server = tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        shutdown,
        server,
    }
}

/// Reads a problem+json answer, checking the media type and the RFC 9457 members.
pub async fn problem_of(response: reqwest::Response) -> serde_json::Value {
    let content_type = response
        .headers()
        .get("content-type")
        .expect("content-type")
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let request_id = response
        .headers()
        .get("x-request-id")
        .expect("x-request-id")
        .to_str()
        .unwrap()
        .to_owned();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.expect("json body");
    assert_eq!(body["status"], status);
    assert_eq!(body["request_id"], request_id.as_str());
    assert_eq!(body["instance"], format!("urn:aftercare:request:{request_id}"));
    for member in ["type", "title", "detail"] {
        assert!(body[member].is_string(), "problem lacks {member}: {body}");
    }
    body
}

/// The shipped protocol, loaded through the library: tests compare what the API serves with it
/// instead of repeating its ids, durations and texts (the content contract and the snapshots hold
/// those).
pub fn shipped_protocol() -> &'static Protocol {
    static PROTOCOL: LazyLock<Protocol> = LazyLock::new(|| Protocol::load().expect("the shipped content is valid"));
    &PROTOCOL
}

/// A served ISO 8601 duration (`"PT72H"`) as elapsed time.
pub fn elapsed(value: &serde_json::Value) -> TimeDelta {
    let text = value.as_str().unwrap_or_else(|| panic!("not a duration: {value}"));
    IsoDuration::parse(text).expect("a served duration").to_time_delta()
}

/// A served RFC 3339 instant as UTC.
pub fn instant(value: &serde_json::Value) -> DateTime<Utc> {
    let text = value.as_str().unwrap_or_else(|| panic!("not an instant: {value}"));
    DateTime::parse_from_rfc3339(text)
        .expect("a served instant")
        .with_timezone(&Utc)
}
