use std::time::Duration;

use crate::helpers::{spawn_app_with, test_settings};

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
