//! A refused socket says why in natter's log: behind nginx with
//! `X-Forwarded-Host $host` (no port) every web-client socket got 403 and nothing named
//! the cause. natter at the default `--log info` behind a "proxy" (this test, trusted),
//! stderr read as it is written; each refusal's sentence is looked for, the lines are
//! rate-limited per reason, and no cookie or token value is printed.

use crate::helpers::{login, upgrade, TestApp, WAIT};
use std::io::{BufRead, BufReader};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// natter behind a trusted proxy at `--log info`, and its stderr as it grows.
fn spawn_logged() -> (TestApp, Arc<Mutex<String>>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = if crate::pg::suite_on_postgres() {
        crate::pg::fresh_database()
    } else {
        dir.path().join("natter.db").to_string_lossy().into_owned()
    };
    let mut child = crate::helpers::spawn_logging(
        &db,
        &dir.path().join("media"),
        &[
            "--log",
            "info",
            "--rate-limits",
            "off",
            "--trusted-proxies",
            "127.0.0.1",
        ],
    );
    let log = Arc::new(Mutex::new(String::new()));
    let stderr = child.stderr.take().expect("stderr");
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let mut text = sink.lock().expect("log");
            text.push_str(&line);
            text.push('\n');
        }
    });
    let addr = crate::helpers::listening_address(&mut child);
    (TestApp::adopt(dir, db, child, addr), log)
}

/// Waits (bounded) until the log holds `needle`; the log so far.
async fn logged(log: &Arc<Mutex<String>>, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = log.lock().expect("log").clone();
        if text.contains(needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "natter's log never said {needle:?}; it said:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn each_refused_socket_names_its_reason_once_and_no_secret() {
    let (app, log) = spawn_logged();
    let (_, token) = app.register("alice").await;
    let key = token.trim_start_matches("Token ").to_string();
    let session = login(&app, "alice").await;
    let cookie = format!("sessionid={}", session.id);

    // nginx with `X-Forwarded-Host $host` on port 8443: the port is gone.
    let from_page = [
        ("Origin", "https://chat.example.test:8443"),
        ("Cookie", cookie.as_str()),
        ("X-Forwarded-Proto", "https"),
    ];
    let through_host = |host: &'static str| {
        let mut headers = from_page.to_vec();
        headers.push(("X-Forwarded-Host", host));
        headers
    };
    let refused = upgrade(&app, "/messages/ws/", &through_host("chat.example.test")).await;
    assert_eq!(refused.err(), Some(403));
    let text = logged(
        &log,
        "socket refused: its Origin https://chat.example.test:8443 is not this server's own \
         (https://chat.example.test, from the Host header",
    )
    .await;
    assert!(
        text.contains("only the ports differ") && text.contains("$http_host"),
        "{text}"
    );
    // The fix: `$http_host` keeps the port, and the same socket opens.
    let opened = upgrade(
        &app,
        "/messages/ws/",
        &through_host("chat.example.test:8443"),
    )
    .await;
    assert!(opened.is_ok(), "with the port forwarded the socket opens");

    // Another site's page.
    let evil = [
        ("Origin", "https://evil.example"),
        ("Cookie", cookie.as_str()),
    ];
    assert_eq!(upgrade(&app, "/messages/ws/", &evil).await.err(), Some(403));
    logged(
        &log,
        "socket refused: its Origin https://evil.example is not",
    )
    .await;

    // No Origin at all with the cookie.
    let no_origin = [("Cookie", cookie.as_str())];
    assert_eq!(
        upgrade(&app, "/messages/ws/", &no_origin).await.err(),
        Some(403)
    );
    logged(&log, "but sent no Origin header").await;

    // A token that is no key, no credential, a session that is no session.
    let bad = upgrade(&app, "/messages/ws/?token=not-a-key-at-all", &[]).await;
    assert!(bad.is_err());
    logged(
        &log,
        "socket refused: its token (?token= or Authorization) is not a live key",
    )
    .await;
    assert!(upgrade(&app, "/messages/ws/", &[]).await.is_err());
    logged(&log, "socket refused: it carries no credential").await;
    let stale = [
        ("Origin", app.base.as_str()),
        ("Cookie", "sessionid=no-such-session-id"),
    ];
    assert!(upgrade(&app, "/messages/ws/", &stale).await.is_err());
    logged(
        &log,
        "socket refused: its session cookie names no live session",
    )
    .await;

    // A client retrying in a loop: still one line for the reason within a few seconds.
    for _ in 0..5 {
        assert_eq!(upgrade(&app, "/messages/ws/", &evil).await.err(), Some(403));
    }
    let text = log.lock().expect("log").clone();
    let lines = text.matches("its Origin https://evil.example").count();
    assert_eq!(lines, 1, "one line per reason per few seconds:\n{text}");

    for (what, secret) in [
        ("the session id", session.id.as_str()),
        ("the token", key.as_str()),
        ("the CSRF token", session.csrf.as_str()),
    ] {
        assert!(!text.contains(secret), "{what} is in the log:\n{text}");
    }
}
