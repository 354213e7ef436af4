//! `--wal-checkpoints`: natter's own checkpoint on a clean stop, and `external` for a WAL
//! replicator such as Litestream, which must be the only one to checkpoint. The test holds
//! a read transaction open on the database, as Litestream does.

use crate::helpers::*;
use std::io::Read;
use std::process::{Child, Command, Stdio};

/// natter on port 0 with `mode`, its stderr in a pipe; returns the child and its address.
fn start(dir: &std::path::Path, mode: &str) -> (Child, String) {
    let mut child = Command::new(crate::helpers::natter_bin())
        .args([
            "--listen",
            "127.0.0.1:0",
            "--log",
            "info",
            "--rate-limits",
            "off",
        ])
        .arg("--db")
        .arg(dir.join("natter.db"))
        .arg("--media-dir")
        .arg(dir.join("media"))
        .args(["--wal-checkpoints", mode])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts");
    let addr = listening_address(&mut child);
    (child, addr)
}

/// Registers one user through `addr` (a write into the log).
async fn write_something(addr: &str) {
    let status = reqwest::Client::new()
        .post(format!("http://{addr}/api/auth/register/"))
        .json(&serde_json::json!({"username": "alice", "email": "a@example.org", "password": "correct-horse"}))
        .send()
        .await
        .expect("sent")
        .status();
    assert_eq!(status, 201);
}

/// SIGTERM; waits for the exit; returns (exited 0, stderr).
fn stop(mut child: Child) -> (bool, String) {
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill")
        .success());
    let status = child.wait().expect("exit");
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut err);
    }
    (status.success(), err)
}

/// A connection that holds a read transaction on the database, as a replicator does.
fn reader(dir: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(dir.join("natter.db")).expect("open");
    c.execute_batch("BEGIN").expect("begin");
    let _: i64 = c
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .expect("read");
    c
}

#[tokio::test]
async fn a_stop_beside_another_reader_says_the_log_stays_instead_of_hiding_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (child, addr) = start(dir.path(), "natter");
    write_something(&addr).await;
    let held = reader(dir.path());
    let (ok, err) = stop(child);
    assert!(ok, "{err}");
    assert!(
        err.contains("another process holds the database open"),
        "{err}"
    );
    drop(held);
}

#[tokio::test]
async fn external_checkpoints_leave_the_log_to_the_replicator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (child, addr) = start(dir.path(), "external");
    write_something(&addr).await;
    let held = reader(dir.path());
    let (ok, err) = stop(child);
    assert!(ok, "{err}");
    assert!(err.contains("--wal-checkpoints external"), "{err}");
    assert!(!err.contains("another process holds"), "{err}");
    let wal = std::fs::metadata(dir.path().join("natter.db-wal")).expect("the log stays");
    assert!(wal.len() > 0, "the replicator still has frames to copy");
    drop(held);
    // What the log holds is the database's: a fresh open sees the user.
    let c = rusqlite::Connection::open(dir.path().join("natter.db")).expect("open");
    let users: i64 = c
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .expect("read");
    assert_eq!(users, 1);
}
