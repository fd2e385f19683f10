use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{elapsed, instant, problem_of, shipped_protocol, spawn_app, spawn_app_with, test_settings};

fn rule<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn milestone<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no milestone {id}"))
}

fn items(value: &Value) -> &[Value] {
    value.as_array().unwrap_or_else(|| panic!("not an array: {value}"))
}

/// Checks that a served time point names one instant twice: `utc` in UTC and `local` at the offset
/// the zone has at that instant (`before` until `change`, `after` from then on).
fn assert_local_time(point: &Value, change: DateTime<Utc>, before: &str, after: &str) {
    let utc = instant(&point["utc"]);
    let local = DateTime::<FixedOffset>::parse_from_rfc3339(point["local"].as_str().unwrap()).unwrap();
    assert_eq!(local, utc, "{point}");
    let expected = if utc < change { before } else { after };
    assert_eq!(local.offset().to_string(), expected, "{point}");
}

#[tokio::test]
async fn the_plan_from_query_parameters_places_every_window_in_elapsed_time() {
    let app = spawn_app().await;
    let response = app
        .get("/v1/aftercare-plan?treated_at=2026-10-31T09:00:00-04:00&timezone=America/New_York")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["content-language"], "en");
    let plan: Value = response.json().await.unwrap();
    let protocol = shipped_protocol();
    assert_eq!(
        plan["protocol"],
        json!({"id": protocol.id(), "version": protocol.version()})
    );
    assert_eq!(plan["timezone"], "America/New_York");
    let treated = instant(&plan["treated_at"]["utc"]);
    assert_eq!(plan["treated_at"]["utc"], "2026-10-31T13:00:00Z");
    // New York left summer time at 06:00 UTC on 2026-11-01: offsets are elapsed time, so a boundary
    // after the change keeps its UTC instant and shows the new local offset.
    let change = instant(&json!("2026-11-01T06:00:00Z"));
    let phases = items(&plan["phases"]);
    assert_eq!(phases.len(), protocol.phases().len());
    for phase in phases {
        assert_eq!(
            instant(&phase["starts_at"]["utc"]) - treated,
            elapsed(&phase["starts_after"]),
            "{}",
            phase["id"]
        );
        assert_local_time(&phase["starts_at"], change, "-04:00", "-05:00");
    }
    for rule in items(&plan["rules"]) {
        assert_eq!(
            instant(&rule["ends_at"]["utc"]) - treated,
            elapsed(&rule["ends_after"]),
            "{}",
            rule["id"]
        );
        assert_local_time(&rule["ends_at"], change, "-04:00", "-05:00");
        // Every clinic default says so.
        assert_eq!(
            rule["basis"] == "clinic-default",
            rule["basis_note"].is_string(),
            "{}",
            rule["id"]
        );
    }
    let plan_end = instant(&plan["plan_ends_at"]["utc"]);
    let latest_rule_end = items(&plan["rules"])
        .iter()
        .map(|r| instant(&r["ends_at"]["utc"]))
        .max();
    let open_phase_start = instant(&phases.last().unwrap()["starts_at"]["utc"]);
    assert_eq!(Some(plan_end), latest_rule_end.max(Some(open_phase_start)));
    let milestone_times: Vec<DateTime<Utc>> = items(&plan["milestones"])
        .iter()
        .map(|m| instant(&m["at"]["utc"]))
        .collect();
    assert!(milestone_times.is_sorted() && milestone_times.iter().all(|at| treated <= *at && *at <= plan_end));
}

#[tokio::test]
async fn routine_ingredients_and_contacts_follow_the_rules_they_name() {
    let app = spawn_app().await;
    let plan: Value = app
        .get("/v1/aftercare-plan?treated_at=2026-06-01T08:00:00Z")
        .await
        .json()
        .await
        .unwrap();

    for class in items(&plan["ingredients"]["avoid"]) {
        let rule = rule(&plan, class["rule_id"].as_str().unwrap());
        assert_eq!(rule["kind"], "avoid", "{class}");
        assert_eq!(class["until"], rule["ends_at"], "{class}");
    }
    for class in items(&plan["ingredients"]["look_for"]) {
        let kind = &rule(&plan, class["rule_id"].as_str().unwrap())["kind"];
        assert!(kind == "do" || kind == "tip", "{class}");
    }
    for part in ["morning", "evening", "during_the_day"] {
        for step in items(&plan["routine"][part]) {
            assert_eq!(
                step["until"],
                rule(&plan, step["rule_id"].as_str().unwrap())["ends_at"],
                "{step}"
            );
        }
    }
    let warnings: Vec<&Value> = items(&plan["rules"])
        .iter()
        .filter(|r| r["kind"] == "warning")
        .map(|r| &r["text"])
        .collect();
    assert_eq!(items(&plan["contact_provider"]).iter().collect::<Vec<_>>(), warnings);
    let protocol = shipped_protocol();
    assert_eq!(
        items(&plan["ingredients"]["avoid"]).len(),
        protocol.restricted_classes().len()
    );
    assert_eq!(
        items(&plan["ingredients"]["look_for"]).len(),
        protocol.beneficial_classes().len()
    );
}

#[tokio::test]
async fn the_plan_is_complete_in_spanish() {
    let app = spawn_app().await;
    let response = app
        .request(
            Method::GET,
            "/v1/aftercare-plan?treated_at=2026-03-29T00:30:00%2B01:00&timezone=Europe/Paris",
        )
        .header("Accept-Language", "es-ES,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "es");
    let plan: Value = response.json().await.unwrap();
    assert_eq!(plan["locale"], "es");
    // Paris moved to +02:00 at 01:00 UTC on 2026-03-29, half an hour after the treatment.
    let change = instant(&json!("2026-03-29T01:00:00Z"));
    for phase in items(&plan["phases"]).iter().skip(1) {
        assert_local_time(&phase["starts_at"], change, "+01:00", "+02:00");
    }
    let english: Value = app
        .get("/v1/aftercare-plan?treated_at=2026-03-29T00:30:00%2B01:00")
        .await
        .json()
        .await
        .unwrap();
    for (spanish, english) in items(&plan["rules"]).iter().zip(items(&english["rules"])) {
        assert_eq!(spanish["id"], english["id"]);
        assert_ne!(spanish["text"], english["text"], "{}", spanish["id"]);
    }
}

/// A milestone that marks the end of rules, and the one of them that ends last.
fn a_milestone_and_the_last_rule_it_ends() -> (String, String) {
    let protocol = shipped_protocol();
    let milestone = protocol
        .milestones()
        .iter()
        .find(|milestone| !milestone.ends_rules().is_empty())
        .expect("the shipped content has a milestone that ends rules");
    let last = milestone
        .ends_rules()
        .iter()
        .filter_map(|id| protocol.rule(id))
        .max_by_key(|rule| rule.ends_after())
        .expect("its rules exist");
    (milestone.id().to_owned(), last.id().to_owned())
}

#[tokio::test]
async fn post_applies_overrides_that_lengthen_a_rule_and_move_its_milestone() {
    let app = spawn_app().await;
    let (milestone_id, rule_id) = a_milestone_and_the_last_rule_it_ends();
    let treated_at = "2026-06-01T08:00:00Z";
    let body = json!({"treated_at": treated_at, "overrides": {&rule_id: "P26W"}});
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 200);
    let plan: Value = response.json().await.unwrap();
    let lengthened = rule(&plan, &rule_id);
    assert_eq!(lengthened["overridden"], true);
    assert_eq!(lengthened["ends_after"], "PT4368H");
    assert_eq!(lengthened["ends_at"]["utc"], "2026-11-30T08:00:00Z");
    assert_eq!(milestone(&plan, &milestone_id)["at"], lengthened["ends_at"]);
    assert_eq!(plan["plan_ends_at"], lengthened["ends_at"]);
    let others = items(&plan["rules"]).iter().filter(|r| r["id"] != rule_id.as_str());
    assert!(others.into_iter().all(|r| r["overridden"] == false));
}

#[tokio::test]
async fn an_override_below_the_minimum_is_a_422_naming_the_rule_and_its_minimum() {
    let app = spawn_app().await;
    let rule = &shipped_protocol().rules()[0];
    let body = json!({"treated_at": "2026-06-01T08:00:00Z", "overrides": {rule.id(): "PT1S"}});
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["pointer"], format!("/overrides/{}", rule.id()));
    assert_eq!(
        problem["errors"][0]["rule"],
        format!(
            "the override for rule `{}` must be at least {}",
            rule.id(),
            rule.minimum_ends_after()
        )
    );
}

#[tokio::test]
async fn every_broken_override_is_named_in_one_answer() {
    let app = spawn_app().await;
    let rules = shipped_protocol().rules();
    let (below, malformed, valid) = (rules[0].id(), rules[1].id(), rules[2].id());
    let body = json!({
        "treated_at": "2026-06-01T08:00:00Z",
        "overrides": {below: "PT1S", malformed: "soon", valid: "P26W"},
    });
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    let pointers: Vec<&str> = items(&problem["errors"])
        .iter()
        .map(|error| error["pointer"].as_str().unwrap())
        .collect();
    let mut expected = [format!("/overrides/{below}"), format!("/overrides/{malformed}")];
    expected.sort();
    assert_eq!(pointers, expected, "{problem}");
}

#[tokio::test]
async fn body_problems_are_answered_as_problems() {
    let app = spawn_app().await;
    let post = |body: &'static str, content_type: &'static str| {
        app.request(Method::POST, "/v1/aftercare-plan")
            .header("Content-Type", content_type)
            .body(body)
    };
    let cases: Vec<(reqwest::RequestBuilder, u16, &str, Option<&str>)> = vec![
        (
            post(r#"{"treated_at": "#, "application/json"),
            400,
            "urn:aftercare:problem:malformed-json",
            None,
        ),
        (
            post(r#"{"treated_at": 20260601}"#, "application/json"),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/treated_at"),
        ),
        (
            post(r#"{}"#, "application/json"),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/treated_at"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "secret_field": 1}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/secret_field"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "overrides": {"no-such-rule": "P7D"}}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/overrides/no-such-rule"),
        ),
        (
            post(
                r#"{"treated_at": "2026-06-01T08:00:00Z", "timezone": "Nowhere/Secret"}"#,
                "application/json",
            ),
            422,
            "urn:aftercare:problem:validation-error",
            Some("/timezone"),
        ),
        (
            post(r#"{"treated_at": "2026-06-01T08:00:00Z"}"#, "text/plain"),
            415,
            "urn:aftercare:problem:unsupported-media-type",
            None,
        ),
        (
            post(r#"{"treated_at": "2026-06-01T08:00:00Z"}"#, "application/json").header("Content-Encoding", "gzip"),
            415,
            "urn:aftercare:problem:unsupported-media-type",
            None,
        ),
    ];
    for (request, status, problem_type, pointer) in cases {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{problem_type}");
        let problem = problem_of(response).await;
        assert_eq!(problem["type"], problem_type);
        if let Some(pointer) = pointer {
            assert_eq!(problem["errors"][0]["pointer"], pointer, "{problem}");
        }
        assert!(!problem.to_string().contains("20260601"), "{problem}");
        assert!(!problem.to_string().contains("Nowhere/Secret"), "{problem}");
    }
    let too_large = format!(
        r#"{{"treated_at": "2026-06-01T08:00:00Z", "locale": "{}"}}"#,
        "e".repeat(70_000)
    );
    let response = app.post_json_text("/v1/aftercare-plan", too_large).await;
    assert_eq!(response.status(), 413);
    assert_eq!(
        problem_of(response).await["type"],
        "urn:aftercare:problem:payload-too-large"
    );
}

#[tokio::test]
async fn a_request_in_flight_when_shutdown_begins_still_completes() {
    let app = spawn_app_with(test_settings()).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let body = r#"{"treated_at": "2026-06-01T08:00:00Z"}"#;
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /v1/aftercare-plan HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let shutdown = app.shutdown.clone();
    let stopping = tokio::spawn(async move { shutdown.shutdown().await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    stream.write_all(&body.as_bytes()[10..]).await.unwrap();

    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{}",
        &response[..response.len().min(200)]
    );
    tokio::time::timeout(Duration::from_secs(10), stopping)
        .await
        .expect("shutdown finishes")
        .unwrap();
}
