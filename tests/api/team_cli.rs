//! The operator's command line, beside a running server on the
//! suite's store: `users list` shows the accounts; `users deactivate` ends the person's
//! keys and closes their sockets at once (the server reads the `lockouts` the command
//! leaves); `users reactivate` lets them sign in again; `users set-password` ends what
//! the old password signed in; `users promote` / `demote` never leave the server without
//! an administrator; `invite` prints a join link whose code admits as many registrations
//! as it says.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `natter ARGS --db DB` with `stdin` piped in; its output once it ends. Logs only
/// warnings, as the suite's servers do (on PostgreSQL, opening the database logs a notice
/// at `info`).
pub(crate) fn natter(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    natter_on(&app.db, args, stdin)
}

/// `natter ARGS --db DB` with `stdin` piped in, as `natter` does for a server's database.
pub(crate) fn natter_on(db: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(crate::helpers::natter_bin())
        .args(["--log", "warn"])
        .args(args)
        .args(["--db", db])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("natter ends")
}

/// The standard output of `natter ARGS`, after checking it succeeded.
pub(crate) fn done(app: &TestApp, args: &[&str]) -> String {
    let out = natter(app, args, "");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The standard error of `natter ARGS`, after checking it failed.
fn refused(app: &TestApp, args: &[&str]) -> String {
    let out = natter(app, args, "");
    assert!(
        !out.status.success(),
        "{args:?} should have failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    stderr(&out)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `users list`'s row for `username`, split at its blanks: id, username, email, active,
/// admin, then the times.
fn row(list: &str, username: &str) -> Vec<String> {
    list.lines()
        .map(|line| {
            line.split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.get(1).map(String::as_str) == Some(username))
        .unwrap_or_else(|| panic!("no row for {username} in:\n{list}"))
}

/// Whether `users list` shows `username` as an administrator.
fn is_admin(app: &TestApp, username: &str) -> bool {
    row(&done(app, &["users", "list"]), username)[4] == "yes"
}

/// `POST /api/auth/login/`'s status for `username` and `password`.
async fn login_status(app: &TestApp, username: &str, password: &str) -> StatusCode {
    let (status, _) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": username, "password": password})),
        )
        .await;
    status
}

#[tokio::test]
async fn users_list_shows_every_account_and_promote_and_demote_keep_an_administrator() {
    let app = TestApp::spawn().await;
    let (alice, _) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;

    let list = done(&app, &["users", "list"]);
    let header: Vec<&str> = list.lines().next().expect("a header").split("  ").collect();
    let header: Vec<&str> = header
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty())
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "username",
            "email",
            "active",
            "admin",
            "last seen (UTC)",
            "joined (UTC)"
        ]
    );
    assert_eq!(list.lines().count(), 3, "{list}");
    let first = row(&list, "alice");
    assert_eq!(
        first[..5],
        [
            alice.to_string(),
            "alice".into(),
            "alice@example.org".into(),
            "yes".into(),
            "yes".into()
        ]
    );
    let second = row(&list, "bob");
    assert_eq!(
        second[..5],
        [
            bob.to_string(),
            "bob".into(),
            "bob@example.org".into(),
            "yes".into(),
            "no".into()
        ]
    );
    // A joined time to the minute (`2025-01-02 13:04`) ends each row.
    let joined = &second[second.len() - 2..];
    assert!(joined[0].len() == 10 && joined[1].len() == 5, "{list}");

    // The first account is the only administrator: it cannot be demoted or deactivated.
    let err = refused(&app, &["users", "demote", "alice"]);
    assert!(
        err.starts_with("natter: cannot demote alice: they are the last active administrator"),
        "{err}"
    );
    let err = refused(&app, &["users", "deactivate", "alice"]);
    assert!(err.contains("last active administrator"), "{err}");
    assert!(is_admin(&app, "alice"));

    let said = done(&app, &["users", "promote", "bob"]);
    assert_eq!(
        said.trim(),
        format!("bob (id {bob}) is now an administrator")
    );
    assert!(is_admin(&app, "bob"));
    let said = done(&app, &["users", "demote", "alice"]);
    assert_eq!(
        said.trim(),
        format!("alice (id {alice}) is no longer an administrator")
    );
    assert!(!is_admin(&app, "alice"));
    // Now bob is the last one.
    let err = refused(&app, &["users", "demote", "bob"]);
    assert!(err.contains("cannot demote bob"), "{err}");
    assert!(is_admin(&app, "bob"));

    let err = refused(&app, &["users", "promote", "nobody"]);
    assert_eq!(err.trim(), "natter: no account named nobody");
    // The server kept serving throughout.
    assert_eq!(login_status(&app, "alice", "correct-horse").await, 200);
}

#[tokio::test]
async fn deactivate_ends_keys_and_closes_sockets_of_a_running_server_and_reactivate_restores_sign_in(
) {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let (_, bob) = app.register("bob").await;
    let mut inbox = app.socket("/ws/chat/bob/", &bob).await;
    assert_eq!(app.get("/api/auth/me/", &bob).await.0, 200);

    let said = done(&app, &["users", "deactivate", "bob"]);
    assert!(said.starts_with("deactivated bob (id "), "{said}");
    assert_eq!(
        close_code(&mut inbox).await,
        Some(1008),
        "bob's socket closes"
    );
    assert_eq!(app.get("/api/auth/me/", &bob).await.0, 401);
    assert_ne!(login_status(&app, "bob", "correct-horse").await, 200);
    assert_eq!(row(&done(&app, &["users", "list"]), "bob")[3], "no");
    // The server and everyone else carry on.
    assert_eq!(app.get("/api/auth/me/", &alice).await.0, 200);
    let said = done(&app, &["users", "deactivate", "bob"]);
    assert!(said.contains("already deactivated"), "{said}");

    let said = done(&app, &["users", "reactivate", "bob"]);
    assert!(said.starts_with("reactivated bob (id "), "{said}");
    assert_eq!(login_status(&app, "bob", "correct-horse").await, 200);
    assert_eq!(row(&done(&app, &["users", "list"]), "bob")[3], "yes");
}

#[tokio::test]
async fn set_password_from_stdin_replaces_the_old_one_and_closes_sockets() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, bob) = app.register("bob").await;
    let mut inbox = app.socket("/ws/chat/bob/", &bob).await;

    // Too short: a sentence, and nothing changes.
    let out = natter(
        &app,
        &["users", "set-password", "bob", "--password-stdin"],
        "short\n",
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with("natter: cannot set the password of bob: password: "),
        "{err}"
    );
    assert_eq!(app.get("/api/auth/me/", &bob).await.0, 200);

    let out = natter(
        &app,
        &["users", "set-password", "bob", "--password-stdin"],
        "battery-staple-9\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("set the password of bob (id "));
    assert_eq!(
        close_code(&mut inbox).await,
        Some(1008),
        "bob's socket closes"
    );
    assert_eq!(app.get("/api/auth/me/", &bob).await.0, 401);
    assert_eq!(login_status(&app, "bob", "correct-horse").await, 401);
    assert_eq!(login_status(&app, "bob", "battery-staple-9").await, 200);

    // Neither --password-stdin nor a terminal: say how to give one.
    let err = refused(&app, &["users", "set-password", "bob"]);
    assert!(err.contains("--password-stdin"), "{err}");
    let err = refused(
        &app,
        &["users", "set-password", "nobody", "--password-stdin"],
    );
    assert_eq!(err.trim(), "natter: no account named nobody");
}

#[tokio::test]
async fn an_invitation_from_the_command_line_admits_as_many_registrations_as_it_says() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    let out = natter(&app, &["invite", "--uses", "2", "--expires", "1h"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let link = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let code = link
        .strip_prefix(&format!("{}/join/", app.base))
        .unwrap_or_else(|| panic!("a join link on the server's address: {link:?}"))
        .to_string();
    assert!(!code.is_empty() && !code.contains('/'), "{link}");
    assert!(
        stderr(&out).contains("for 2 registrations, until "),
        "{}",
        stderr(&out)
    );

    let register = |name: &str, code: Option<&str>| {
        let mut body = json!({
            "username": name,
            "email": format!("{name}@example.org"),
            "password": "correct-horse",
        });
        if let Some(code) = code {
            body["invite_code"] = json!(code);
        }
        app.call(Method::POST, "/api/auth/register/", None, Some(body))
    };
    assert_eq!(
        register("carol", None).await.0,
        403,
        "an invitation is needed"
    );
    let (status, body) = register("carol", Some(&code)).await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = register("dave", Some(&code)).await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = register("erin", Some(&code)).await;
    assert_eq!(status, 403, "the third use is refused: {body}");

    // --url names the address people reach; --expires never.
    let out = natter(
        &app,
        &[
            "invite",
            "--url",
            "https://chat.example.org/",
            "--expires",
            "never",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let link = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let code = link
        .strip_prefix("https://chat.example.org/join/")
        .unwrap_or_else(|| panic!("a join link on --url: {link:?}"));
    assert!(
        stderr(&out).contains("one registration, with no expiry"),
        "{}",
        stderr(&out)
    );
    assert_eq!(register("erin", Some(code)).await.0, 201);
    assert_eq!(
        register("frank", Some(code)).await.0,
        403,
        "one use by default"
    );
}

#[tokio::test]
async fn the_commands_work_beside_a_server_on_postgresql() {
    if crate::pg::cluster_or_skip("the_commands_work_beside_a_server_on_postgresql").is_none() {
        return;
    }
    let app = TestApp::spawn_on_postgres().await;
    app.register("alice").await;
    let (_, bob) = app.register("bob").await;
    let mut inbox = app.socket("/ws/chat/bob/", &bob).await;
    assert_eq!(row(&done(&app, &["users", "list"]), "bob")[4], "no");
    done(&app, &["users", "promote", "bob"]);
    assert!(is_admin(&app, "bob"));
    done(&app, &["users", "deactivate", "bob"]);
    assert_eq!(
        close_code(&mut inbox).await,
        Some(1008),
        "bob's socket closes"
    );
    assert_eq!(app.get("/api/auth/me/", &bob).await.0, 401);
    done(&app, &["users", "reactivate", "bob"]);
    assert_eq!(login_status(&app, "bob", "correct-horse").await, 200);
    let link = done(&app, &["invite"]);
    assert!(link.trim().contains("/join/"), "{link}");
}

/// `count` messages from `user` in `chat` written by `natter seed-messages` beside the
/// server, each ending in `words` (none when empty).
pub(crate) fn seed_messages(app: &TestApp, chat: i64, user: i64, count: u32, words: &str) {
    let (chat, user, count) = (chat.to_string(), user.to_string(), count.to_string());
    done(
        app,
        &[
            "seed-messages",
            "--chat",
            &chat,
            "--user",
            &user,
            "--count",
            &count,
            "--words",
            words,
        ],
    );
}
