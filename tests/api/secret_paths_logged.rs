//! Paths that carry a secret (a hook's token, an invitation code, a password-reset token)
//! are written to the access log with the secret replaced by `…`, at the default
//! `--log info`, however the client spells the path: repeated slashes, percent-encoding,
//! another case, trailing parts. The log is read after natter has exited.

use crate::bots::bot_in_a_room;
use crate::helpers::{listening_address, raw_http, spawn_logging, TestApp};
use serde_json::json;
use std::io::Read;

#[tokio::test]
async fn paths_that_carry_a_secret_are_logged_without_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("natter.db");
    let mut child = spawn_logging(&db, &dir.path().join("media"), &["--rate-limits", "off"]);
    let addr = listening_address(&mut child);
    let mut stderr = child.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut app = TestApp::adopt(dir, db.to_string_lossy().into_owned(), child, addr);

    let (admin, _, _, _, hook) = bot_in_a_room(&app, "helper").await;
    let token = hook.rsplit('/').next().expect("a token").to_string();
    let (status, invitation) = app.post("/api/admin/invitations/", &admin, json!({})).await;
    assert_eq!(status, 201, "{invitation}");
    let code = invitation["code"].as_str().expect("code").to_string();
    let (person, _) = app.register("reader").await;
    let (status, reset) = app
        .post(
            &format!("/api/admin/users/{person}/password-reset/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 201, "{reset}");
    let reset = reset["token"].as_str().expect("token").to_string();

    // (method, path, what the access line writes for the path)
    let asked = [
        ("GET", format!("/join/{code}"), "/join/…"),
        ("GET", format!("//join/{code}"), "/join/…"),
        ("GET", format!("/join/{code}/more"), "/join/…"),
        ("GET", format!("/%6Aoin/{code}"), "/join/…"),
        ("GET", format!("/reset/{reset}"), "/reset/…"),
        ("GET", format!("/reset//{reset}/"), "/reset/…"),
        ("GET", format!("/RESET/{reset}"), "/RESET/…"),
        ("POST", format!("//hooks/{token}"), "/hooks/…"),
        ("POST", format!("/%68ooks/{token}"), "/hooks/…"),
        ("POST", format!("/hooks/{token}/extra"), "/hooks/…"),
        ("POST", format!("/hooks%2F{token}"), "/hooks/…"),
    ];
    for (method, path, _) in &asked {
        let body = r#"{"text": "hi"}"#;
        let answer = raw_http(
            &app,
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                app.addr,
                body.len()
            ),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 "), "{path}: {answer}");
    }

    assert!(app.terminate(), "natter exits 0 on SIGTERM");
    let log = log.join().expect("log reader");
    for (secret, what) in [
        (&token, "hook token"),
        (&code, "invitation code"),
        (&reset, "reset token"),
    ] {
        assert!(
            !log.contains(secret.as_str()),
            "the {what} is in the log:\n{log}"
        );
    }
    for (method, path, logged) in &asked {
        let line = format!("natter::access: {method} {logged} ");
        let want = asked
            .iter()
            .filter(|(m, _, l)| m == method && l == logged)
            .count();
        assert_eq!(
            log.matches(&line).count(),
            want,
            "{path}: {want} line(s) {line:?} wanted in the log:\n{log}"
        );
    }
}
