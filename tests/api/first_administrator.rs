//! The first administrator of a server that admits people by invitation, and the links
//! the command line prints: a server started with `--registration invite` on a database
//! without accounts logs a one-time link whose holder becomes the administrator (a
//! restart replaces it, the first account ends it); `create-user --create-db` makes the
//! administrator before the first start; `natter invite` starts its link with
//! `--url`, else `--public-url`, else the address the server noted, and says it cannot
//! know rather than print a dead link.

use crate::helpers::*;
use crate::team_cli::natter_on;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::Child;
use std::sync::mpsc;

/// A database for this test on the suite's store, and the folder it lives in.
fn fresh_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = if crate::pg::suite_on_postgres() {
        crate::pg::fresh_database()
    } else {
        dir.path().join("natter.db").to_string_lossy().into_owned()
    };
    (dir, db)
}

/// A server on `db` with `args`, its address, and every start-up line it logged before
/// it said it listens.
fn serve(dir: &tempfile::TempDir, db: &str, args: &[&str]) -> (Child, String, Vec<String>) {
    let mut child = spawn_logging(db, &dir.path().join("media"), args);
    let addr = listening_address(&mut child);
    let stderr = child.stderr.take().expect("stderr");
    let (lines, seen) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut start = Vec::new();
    loop {
        let line = seen
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no 'natter listening on' line; logged: {start:?}"));
        if line.contains("natter listening on") {
            return (child, addr, start);
        }
        start.push(line);
    }
}

/// The join code of the first administrator's link in `lines`, which must start with
/// `site`.
fn first_admin_code(lines: &[String], site: &str) -> Option<String> {
    let line = lines
        .iter()
        .find(|l| l.contains("the first administrator signs up at"))?;
    let prefix = format!("{site}/join/");
    let at = line
        .find(&prefix)
        .unwrap_or_else(|| panic!("link not on {site}: {line}"));
    let code: String = line[at + prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    assert!(!code.is_empty(), "{line}");
    Some(code)
}

async fn register(base: &str, name: &str, code: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .request(Method::POST, format!("{base}/api/auth/register/"))
        .json(&json!({
            "username": name,
            "email": format!("{name}@example.org"),
            "password": "correct-horse",
            "invite_code": code,
        }))
        .send()
        .await
        .expect("register");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Whether the account of `token` may use the admin API.
async fn is_admin(base: &str, token: &str) -> bool {
    reqwest::Client::new()
        .get(format!("{base}/api/admin/users/"))
        .header("Authorization", format!("Token {token}"))
        .send()
        .await
        .expect("admin users")
        .status()
        == StatusCode::OK
}

fn stop(mut child: Child) {
    child.kill().expect("kill");
    child.wait().expect("wait");
}

#[tokio::test]
async fn an_invite_only_server_without_accounts_logs_a_link_that_makes_the_first_administrator() {
    let (dir, db) = fresh_db();
    let args = ["--registration", "invite", "--rate-limits", "off"];
    let (child, addr, lines) = serve(&dir, &db, &args);
    let site = format!("http://{addr}");
    let first = first_admin_code(&lines, &site).expect("a first administrator's link");
    stop(child);

    // A restart before anyone used it: a new link, and the old one is dead.
    let (child, addr, lines) = serve(&dir, &db, &args);
    let base = format!("http://{addr}");
    let code = first_admin_code(&lines, &base).expect("a new link at the restart");
    assert_ne!(code, first);
    let (status, body) = register(&base, "olga", &first).await;
    assert_eq!(status, 403, "the replaced link admits nobody: {body}");
    let (status, body) = register(&base, "boss", &code).await;
    assert_eq!(status, 201, "{body}");
    let token = body["token"].as_str().expect("a token").to_string();
    assert!(
        is_admin(&base, &token).await,
        "the link's holder is the administrator"
    );
    let (status, body) = register(&base, "mallory", &code).await;
    assert_eq!(status, 403, "the link admits one registration: {body}");
    stop(child);

    // With an account, no link; and a server open to everyone never prints one.
    let (child, _, lines) = serve(&dir, &db, &args);
    assert_eq!(first_admin_code(&lines, ""), None, "{lines:?}");
    stop(child);
    let (dir, db) = fresh_db();
    let (child, _, lines) = serve(&dir, &db, &["--rate-limits", "off"]);
    assert_eq!(first_admin_code(&lines, ""), None, "{lines:?}");
    stop(child);
}

#[tokio::test]
async fn create_user_makes_the_database_when_told_and_invite_links_use_the_right_address() {
    let (dir, db) = fresh_db();
    let out = natter_on(
        &db,
        &[
            "create-user",
            "boss",
            "--email",
            "boss@example.org",
            "--admin",
            "--create-db",
            "--password-stdin",
        ],
        "correct-horse\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("created user boss"));

    // No server has said where it is reached yet: no link, but a sentence saying why.
    let out = natter_on(&db, &["invite"], "");
    assert!(!out.status.success(), "a link on a guessed address");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--public-url"), "{err}");
    assert!(out.stdout.is_empty(), "no link printed");
    let out = natter_on(
        &db,
        &["--public-url", "https://chat.example.org/", "invite"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("https://chat.example.org/join/"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The administrator made before the first start: no first-administrator link, and
    // boss signs in as the administrator.
    let (child, addr, lines) = serve(
        &dir,
        &db,
        &["--registration", "invite", "--rate-limits", "off"],
    );
    assert_eq!(first_admin_code(&lines, ""), None, "{lines:?}");
    let base = format!("http://{addr}");
    let login = reqwest::Client::new()
        .post(format!("{base}/api/auth/login/"))
        .json(&json!({"username": "boss", "password": "correct-horse"}))
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), 200);
    let body: Value = login.json().await.expect("json");
    let token = body["token"].as_str().expect("a token");
    assert!(is_admin(&base, token).await);

    // The server noted its address: a plain `natter invite` links to it, saying that a
    // loopback address opens on this machine only; --url and --public-url win.
    let out = natter_on(&db, &["invite"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let code = link
        .strip_prefix(&format!("{base}/join/"))
        .unwrap_or_else(|| panic!("a link on the server's address {base}: {link}"));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("this machine's own address"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(register(&base, "carol", code).await.0, 201);
    let out = natter_on(
        &db,
        &[
            "--public-url",
            "https://chat.example.org",
            "invite",
            "--url",
            "https://other.example.org",
        ],
        "",
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("https://other.example.org/join/"));
    stop(child);

    // A server started with --public-url notes it for the commands.
    let (child, _, _) = serve(
        &dir,
        &db,
        &[
            "--public-url",
            "https://chat.example.org",
            "--rate-limits",
            "off",
        ],
    );
    let out = natter_on(&db, &["invite"], "");
    let link = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(link.starts_with("https://chat.example.org/join/"), "{link}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("this machine's own address"), "{err}");
    stop(child);
}
