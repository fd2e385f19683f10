use std::time::Duration;

use crate::helpers::{spawn_app_with, test_settings};

#[path = "../load/drain_client.rs"]
mod drain_client;

#[tokio::test]
async fn readiness_turns_503_as_soon_as_shutdown_begins_then_the_server_stops() {
    let mut settings = test_settings();
    settings.server.drain_delay_secs = 2;
    let app = spawn_app_with(settings).await;
    assert_eq!(app.get("/health/ready").await.status(), 200);

    let shutdown = app.shutdown.clone();
    let stopping = tokio::spawn(async move { shutdown.shutdown().await });
    tokio::time::sleep(Duration::from_millis(200)).await;

    // During the drain delay the listener still answers: readiness fails, liveness holds.
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status(), 503);
    let body = crate::helpers::problem_of(ready).await;
    assert_eq!(body["type"], "urn:aftercare:problem:unavailable");
    assert_eq!(app.get("/health/live").await.status(), 200);

    tokio::time::timeout(Duration::from_secs(10), stopping)
        .await
        .expect("shutdown finishes")
        .unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), app.server)
        .await
        .expect("server task ends");
    assert!(result.unwrap().is_ok());
    let fresh = reqwest::Client::new();
    assert!(
        fresh.get(format!("{}/health/live", app.address)).send().await.is_err(),
        "listener still accepts"
    );
}

/// The drain property against the real binary (the one `cargo test` builds): under steady
/// keep-alive load, SIGTERM; every accepted request is answered, readiness turns 503, new
/// connections are refused (or reset unread while the listener stops), the process exits cleanly.
/// `bash tests/load/drain.sh` is the longer version against the release binary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_load_sigterm_answers_every_accepted_request_then_the_process_exits() {
    let run = drain_client::DrainRun {
        binary: env!("CARGO_BIN_EXE_aftercare").into(),
        workers: 1,
        drain_delay_secs: 1,
        shutdown_timeout_secs: 5,
        connections: 8,
        load_before_signal: Duration::from_millis(700),
        request_timeout: Duration::from_secs(5),
        exit_deadline: Duration::from_secs(15),
    };
    let report = drain_client::run(&run).await.expect("the drain run completes");
    assert!(report.is_clean(), "{report}");
}
