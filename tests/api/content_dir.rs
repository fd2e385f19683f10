//! `content.dir`: a clinic's own content directory served instead of the compiled-in content, with
//! the same validation at start-up and in `aftercare check-config`. Each test edits a copy of the
//! fixture content (`tests/fixtures/`), so none depends on the shipped wording.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::helpers::{spawn_app_with, test_settings};

const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const BIN: &str = env!("CARGO_BIN_EXE_aftercare");

/// A fresh copy of the fixture content (TOML files only), removed when dropped.
struct ContentCopy(PathBuf);

impl ContentCopy {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("aftercare-content-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_toml_files(Path::new(SOURCE), &root);
        Self(root)
    }

    /// Replaces `from` by `to` once in the file at `path` (relative to the content root).
    fn edit(&self, path: &str, from: &str, to: &str) {
        let file = self.0.join(path);
        let text = std::fs::read_to_string(&file).expect("copied file");
        assert!(text.contains(from), "{from:?} is in {path}");
        std::fs::write(&file, text.replacen(from, to, 1)).expect("temp dir is writable");
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ContentCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_toml_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("temp dir is writable");
    for entry in std::fs::read_dir(from).expect("the fixture content is readable") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_toml_files(&path, &target);
        } else if path.extension().is_some_and(|extension| extension == "toml") {
            std::fs::copy(&path, target).expect("temp dir is writable");
        }
    }
}

fn check_config(dir: &Path) -> std::process::Output {
    Command::new(BIN)
        .arg("check-config")
        .env_remove("AFTERCARE_CONFIG")
        .env("AFTERCARE__CONTENT__DIR", dir)
        .output()
        .expect("binary runs")
}

/// `check-config` fails on `copy`, saying "<file>: <problem>" with the file's full path.
fn assert_refused(copy: &ContentCopy, file: &str, problem: &str) {
    let output = check_config(copy.path());

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let path = copy.path().join(file);
    assert!(stderr.contains(&format!("{}: {problem}", path.display())), "{stderr}");
}

const PLAN: &str = "/v1/aftercare-plan?treated_at=2026-03-07T10:00:00-05:00&timezone=America/New_York";

#[tokio::test]
async fn a_content_directory_is_served_instead_of_the_compiled_in_content() {
    let copy = ContentCopy::new("served");
    copy.edit(
        "protocol/rules.toml",
        "Fixture avoid-default text.",
        "Avoid it, says this clinic.",
    );
    copy.edit(
        "formats/labels.toml",
        "plan_title = \"Fixture plan title\"",
        "plan_title = \"Your clinic plan\"",
    );
    let mut settings = test_settings();
    settings.content.dir = Some(copy.path().to_owned());
    let app = spawn_app_with(settings).await;

    let plan: serde_json::Value = app.get(&format!("{PLAN}&locale=en")).await.json().await.expect("JSON");
    let html = app
        .get(&format!("{PLAN}&locale=en&format=html"))
        .await
        .text()
        .await
        .expect("text");
    let ready = app.get("/health/ready").await.status();

    let edited = plan["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|rule| rule["id"] == "fixture-avoid-default")
        .expect("the rule is in the plan");
    assert_eq!(plan["protocol"]["id"], "fixture-protocol");
    assert_eq!(edited["text"], "Avoid it, says this clinic.");
    assert!(html.contains("<h1>Your clinic plan</h1>"), "{html}");
    assert!(html.contains("Avoid it, says this clinic."), "{html}");
    assert_eq!(ready, 200);
}

#[test]
fn check_config_accepts_a_valid_content_directory_and_says_which() {
    let copy = ContentCopy::new("valid");

    let output = check_config(copy.path());

    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains(&format!("content: ok ({})", copy.path().display())),
        "{stdout}"
    );
}

#[test]
fn check_config_refuses_a_broken_file_naming_the_file_and_the_entry() {
    let copy = ContentCopy::new("broken");
    copy.edit(
        "protocol/rules.toml",
        "ends_after = \"PT72H\"",
        "ends_after = \"three days\"",
    );

    assert_refused(
        &copy,
        "protocol/rules.toml",
        "entry `fixture-avoid-default`: field `ends_after`",
    );
}

#[test]
fn check_config_refuses_knowledge_without_spanish_reasons() {
    let copy = ContentCopy::new("no-es-reasons");
    let knowledge = copy.path().join("ingredients/knowledge.toml");
    let text = std::fs::read_to_string(&knowledge).expect("copied");
    let without: String = text
        .lines()
        .filter(|line| !line.starts_with("reason.es"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&knowledge, without).expect("writable");

    assert_refused(
        &copy,
        "ingredients/knowledge.toml",
        "entry `fixturic-acid`: missing `es` reason",
    );
}

#[test]
fn check_config_refuses_a_reading_at_strength_under_an_undeclared_class() {
    let copy = ContentCopy::new("bad-strength");
    copy.edit(
        "ingredients/knowledge.toml",
        "class = \"fixture-scrub\"\nseverity = \"caution\"\nreason.en = \"Fixture reason: an adjuster at",
        "class = \"retinoid\"\nseverity = \"caution\"\nreason.en = \"Fixture reason: an adjuster at",
    );

    let problem = "entry `fixture-adjuster`: class `retinoid` is not declared";
    assert_refused(&copy, "ingredients/knowledge.toml", problem);
}

#[test]
fn a_missing_file_stops_check_config_and_serve_naming_the_path() {
    let copy = ContentCopy::new("missing");
    let labels = copy.path().join("formats/labels.toml");
    std::fs::remove_file(&labels).expect("removable");

    let checked = check_config(copy.path());
    let served = Command::new(BIN)
        .arg("serve")
        .env_remove("AFTERCARE_CONFIG")
        .env("AFTERCARE__CONTENT__DIR", copy.path())
        .env("AFTERCARE__SERVER__PORT", "0")
        .output()
        .expect("binary runs");

    for output in [checked, served] {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(
            stderr.contains(&format!("{}: cannot read", labels.display())),
            "{stderr}"
        );
    }
}

#[test]
fn an_empty_content_dir_setting_is_refused_naming_the_key() {
    let output = check_config(Path::new(""));

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("invalid setting `content.dir`"), "{stderr}");
}
