//! The build's budget check (.ci/budget.sh) holds: the committed figures are within
//! .ci/budget.toml, and one more duplicated crate than the budget allows fails the check
//! with the crate list printed; a CI run past its minutes fails. The binary's size is
//! checked in CI on the dist build (packaging/test-package.sh builds it), not here.

use std::path::Path;
use std::process::{Command, Output};

fn budget(budget_file: Option<&Path>, args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new("bash");
    command.arg(root.join(".ci/budget.sh")).args(args);
    if let Some(file) = budget_file {
        command.env("NATTER_BUDGET_FILE", file);
    }
    command.output().expect("bash runs .ci/budget.sh")
}

#[test]
fn the_committed_crates_are_within_their_budget() {
    let out = budget(None, &["crates"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("budget: ok several_versions = "),
        "{stdout}"
    );
    assert!(stdout.contains("budget: ok extra_versions = "), "{stdout}");
}

#[test]
fn a_figure_past_its_budget_fails_and_the_crates_are_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("budget.toml");
    std::fs::write(
        &file,
        "several_versions = 0\nextra_versions = 0\ndist_bytes = 1\n",
    )
    .expect("write budget");
    let out = budget(Some(&file), &["crates"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("budget: FAIL several_versions = "),
        "{stdout}"
    );
    assert!(
        stdout.contains("budget: FAIL extra_versions = "),
        "{stdout}"
    );
    // The list says which crates, each with its versions: "  name v1 v2".
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("  ") && l.split_whitespace().count() >= 3),
        "{stdout}"
    );
}

#[test]
fn a_ci_run_past_its_minutes_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("budget.toml");
    std::fs::write(&file, "ci_seconds = 2_700\n").expect("write budget");
    let within = budget(Some(&file), &["time", "2400"]);
    let stdout = String::from_utf8_lossy(&within.stdout);
    assert!(within.status.success(), "{stdout}");
    assert!(stdout.contains("budget: ok ci_seconds = 2400"), "{stdout}");
    let past = budget(Some(&file), &["time", "2701"]);
    let stdout = String::from_utf8_lossy(&past.stdout);
    assert_eq!(past.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("budget: FAIL ci_seconds = 2701"),
        "{stdout}"
    );
    let garbled = budget(Some(&file), &["time", "soon"]);
    assert_eq!(garbled.status.code(), Some(2));
}
