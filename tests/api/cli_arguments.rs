//! The command line, through the real binary: an error never replays
//! a control character from an argument (clap's errors and natter's own), and
//! `natter backup PATH` writes exactly PATH, whatever SQLite would make of its name.

use crate::helpers::TestApp;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn natter(args: &[&str]) -> Output {
    Command::new(crate::helpers::natter_bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("natter runs")
}

fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// No C0 control but line breaks, no DEL, no C1 in what was printed.
fn assert_no_controls(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} in:\n{text}");
}

#[tokio::test]
async fn errors_show_control_characters_from_arguments_escaped() {
    for (args, shown) in [
        // clap's: an invalid value, an unknown flag.
        (
            vec!["--sync", "x\u{1b}]0;owned\u{7}"],
            "x\\x1b]0;owned\\x07",
        ),
        (vec!["--b\u{9b}2Jogus\r"], "--b\\u{9b}2Jogus\\r"),
        // natter's own: a path, a listen address, a log filter.
        (
            vec!["--db", "/no\u{1b}[2Jsuch/x.db", "--listen", "127.0.0.1:0"],
            "/no\\x1b[2Jsuch/x.db",
        ),
        (vec!["--listen", "\u{7}8000"], "\\u{7}8000"),
        (vec!["--log", "tr\u{1b}ace"], "tr\\u{1b}ace"),
    ] {
        let out = natter(&args);
        assert!(!out.status.success(), "{args:?}");
        let text = printed(&out);
        assert_no_controls(&text);
        assert!(text.contains(shown), "{shown} in:\n{text}");
    }
}

/// A natter database in `dir` holding one user, no server on it.
async fn database(dir: &Path) -> String {
    let app = TestApp::spawn_on_sqlite().await;
    app.register("alice").await;
    let db = dir.join("natter.db");
    let mut app = app;
    assert!(app.terminate());
    std::fs::copy(app.db_path(), &db).expect("copy the database");
    db.to_string_lossy().into_owned()
}

#[tokio::test]
async fn backup_writes_exactly_the_path_given_even_when_sqlite_would_read_a_uri() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = database(dir.path()).await;
    let work = dir.path().join("work");
    std::fs::create_dir(&work).expect("work folder");
    for name in ["file:copy.db?mode=memory", ":memory:", "file:other.db"] {
        let out = Command::new(crate::helpers::natter_bin())
            .args(["--db", &db, "backup", name])
            .current_dir(&work)
            .stdin(Stdio::null())
            .output()
            .expect("natter runs");
        let text = printed(&out);
        assert!(out.status.success(), "{name}: {text}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("backed up to {name}\n")
        );
        let users: i64 = rusqlite::Connection::open_with_flags(
            work.join(name),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("the copy is a database")
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .expect("users");
        assert_eq!(users, 1, "{name}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&work)
        .expect("work")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [":memory:", "file:copy.db?mode=memory", "file:other.db"],
        "each copy under its own name, nothing else"
    );
    // Given again, each is refused: a backup never overwrites.
    let out = Command::new(crate::helpers::natter_bin())
        .args(["--db", &db, "backup", "file:other.db"])
        .current_dir(&work)
        .output()
        .expect("natter runs");
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("already exists"),
        "{}",
        printed(&out)
    );
}
