//! No secret in any log: natter at `--log trace`, stdout and stderr
//! captured whole, through a session that uses every credential natter knows; then every
//! secret, including those only the database holds (the JWT signing key, the argon2
//! hashes), is looked for in what was printed. Runs on the suite's store (SQLite, or
//! PostgreSQL with `NATTER_TEST_DB=postgres`, whose driver printed statement parameters).
//! Also: a `--hub` URL's user, password or token is never printed.

use crate::helpers::{ask, bearer, login, next_json, upgrade, TestApp, WAIT};
use base64::Engine;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Everything a natter printed, gathered by two reader threads.
struct Captured {
    text: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
}

impl Captured {
    /// Starts copying `source` into the shared buffer until it ends.
    fn copy(&mut self, mut source: impl Read + Send + 'static) {
        let text = self.text.clone();
        self.readers.push(std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = source.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                text.lock().expect("buffer").extend_from_slice(&chunk[..n]);
            }
        }));
    }

    /// All of it, once the process has exited and both pipes have ended.
    fn finish(self) -> String {
        for reader in self.readers {
            reader.join().expect("reader thread");
        }
        let text = self.text.lock().expect("buffer");
        String::from_utf8_lossy(&text).into_owned()
    }
}

/// natter serving `db` at `--log trace`, both streams captured (the first stdout line is
/// read for the address, and kept).
fn spawn_at_trace(dir: tempfile::TempDir, db: String) -> (TestApp, Captured) {
    let mut child = crate::helpers::spawn_logging(
        &db,
        &dir.path().join("media"),
        &[
            "--log",
            // A directive naming the driver cannot bring its parameters back.
            "trace,tokio_postgres=trace,async_nats=trace",
            "--rate-limits",
            "off",
        ],
    );
    let mut captured = Captured {
        text: Arc::new(Mutex::new(Vec::new())),
        readers: Vec::new(),
    };
    captured.copy(child.stderr.take().expect("stderr"));
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let addr = first
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"))
        .to_string();
    captured
        .text
        .lock()
        .expect("buffer")
        .extend_from_slice(first.as_bytes());
    captured.copy(stdout);
    (TestApp::adopt(dir, db, child, addr), captured)
}

/// SIGTERM, then waits (bounded) for the exit, so everything logged is flushed.
fn stop(app: &mut TestApp) {
    assert!(app.terminate(), "natter exits 0 on SIGTERM");
}

/// A credential and what it is, for the failure message.
struct Secret {
    what: String,
    value: String,
}

fn secret(what: impl Into<String>, value: impl Into<String>) -> Secret {
    let value = value.into();
    assert!(value.len() >= 8, "too short to look for: {value:?}");
    Secret {
        what: what.into(),
        value,
    }
}

fn string_at(body: &Value, key: &str) -> String {
    body[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {body}"))
        .to_string()
}

/// Registers `name` with `password` through `/api/auth/register/`: (id, token key).
async fn register(app: &TestApp, name: &str, password: &str) -> (i64, String) {
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": name, "email": format!("{name}@example.org"), "password": password})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    (
        body["user"]["id"].as_i64().expect("id"),
        string_at(&body, "token"),
    )
}

/// Uses every way in: passwords on each login endpoint (and a wrong one), Token keys,
/// a JWT pair and its refresh, a session and its CSRF token, `?token=` and cookie
/// sockets, the session-minted token, both logouts. Returns every secret seen on the wire.
async fn session_with_every_credential(app: &TestApp) -> Vec<Secret> {
    let mut seen = Vec::new();
    // The passwords helpers::login and ::bearer use, and two of this test's own.
    let (alice, alice_key) = register(app, "alice", "correct-horse").await;
    let (_bob, bob_key) = register(app, "bob", "correct-horse").await;
    seen.push(secret("alice's password", "correct-horse"));
    seen.push(secret("alice's registration token", &alice_key));
    seen.push(secret("bob's registration token", &bob_key));
    let (status, body) = app
        .call(
            Method::POST,
            "/accounts/api/users/",
            None,
            Some(json!({"username": "carol", "email": "carol@example.org", "password": "carol-pass-Q7v1"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    seen.push(secret("carol's password", "carol-pass-Q7v1"));

    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let login_key = string_at(&body, "token");
    seen.push(secret("alice's login token", &login_key));
    let (status, _) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "wrong-pass-Zx81"})),
        )
        .await;
    assert_eq!(status, 401);
    seen.push(secret("a wrong password", "wrong-pass-Zx81"));

    let (status, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": "carol", "password": "carol-pass-Q7v1"})),
        )
        .await;
    assert_eq!(status, 200, "{pair}");
    let refresh = string_at(&pair, "refresh");
    let (status, renewed) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({"refresh": refresh})),
        )
        .await;
    assert_eq!(status, 200, "{renewed}");
    for (what, body) in [("pair", &pair), ("refresh", &renewed)] {
        for key in ["access", "refresh"] {
            if let Some(jwt) = body[key].as_str() {
                seen.push(secret(format!("{key} JWT ({what})"), jwt));
                let signature = jwt.rsplit('.').next().unwrap_or_default();
                seen.push(secret(format!("{key} JWT signature ({what})"), signature));
            }
        }
    }
    let access = format!("Bearer {}", string_at(&renewed, "access"));

    let session = login(app, "alice").await;
    seen.push(secret("alice's session id", &session.id));
    seen.push(secret("alice's CSRF token", &session.csrf));
    let cookie = session.cookie();
    let answer = ask(
        app,
        Method::GET,
        "/api/token/",
        &[("Cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    seen.push(secret(
        "the session-minted token",
        string_at(&answer.body, "token"),
    ));

    // Each credential at work: Token, Bearer, the session cookie with its CSRF header.
    let alice_token = format!("Token {login_key}");
    let (status, me) = app.get("/api/auth/me/", &alice_token).await;
    assert_eq!(status, 200, "{me}");
    let (status, me) = app.get("/api/auth/me/", &access).await;
    assert_eq!(status, 200, "{me}");
    let bob_bearer = bearer(app, "bob").await;
    seen.push(secret(
        "bob's access JWT",
        bob_bearer.trim_start_matches("Bearer "),
    ));

    // Sockets: bob by `?token=` (a key), alice by `?token=` (a JWT) and by her cookie.
    let mut bob_socket = app
        .socket("/ws/chat/alice/", &format!("Token {bob_key}"))
        .await;
    let alice_jwt = bearer(app, "alice").await;
    seen.push(secret(
        "alice's access JWT",
        alice_jwt.trim_start_matches("Bearer "),
    ));
    let mut alice_socket = app.socket("/ws/chat/bob/", &alice_jwt).await;
    let origin = app.base.clone();
    let mut cookie_socket = upgrade(
        app,
        "/ws/chat/bob/",
        &[("Cookie", &cookie), ("Origin", &origin)],
    )
    .await
    .expect("the cookie socket opens");
    let (status, bob) = app.get("/api/auth/me/", &format!("Token {bob_key}")).await;
    assert_eq!(status, 200, "{bob}");
    let bob_id = bob["id"].as_i64().expect("bob's id");
    let sent = ask(
        app,
        Method::POST,
        "/api/messages/",
        &[("Cookie", &cookie), ("X-CSRFToken", &session.csrf)],
        Some(json!({"receiver": bob_id, "content": "sent with the session"})),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    for socket in [&mut bob_socket, &mut alice_socket, &mut cookie_socket] {
        let frame = next_json(socket).await;
        assert_eq!(frame["message"], "sent with the session", "{frame}");
    }
    let _ = alice;

    // Logouts: the key it was called with, then the session.
    let (status, body) = app
        .call(Method::POST, "/api/auth/logout/", Some(&alice_token), None)
        .await;
    assert!(status.is_success(), "{status} {body}");
    let out = ask(
        app,
        Method::POST,
        "/accounts/logout/",
        &[("Cookie", &cookie), ("X-CSRFToken", &session.csrf)],
        None,
    )
    .await;
    assert!(out.status.is_success(), "{} {}", out.status, out.body);
    seen
}

/// Every encoding of `bytes` a log might carry.
fn encodings(what: &str, bytes: &[u8]) -> Vec<Secret> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    vec![
        secret(format!("{what} (hex)"), hex::encode(bytes)),
        secret(format!("{what} (base64)"), b64.encode(bytes)),
        secret(format!("{what} (base64url)"), url.encode(bytes)),
        secret(format!("{what} (escaped bytes)"), format!("{bytes:?}")),
    ]
}

/// The JWT signing key, the password hashes (whole, salt, hash), the token and session
/// hashes and CSRF secrets, as the database holds them: (key, hashes, blobs, texts).
struct Stored {
    jwt_key: String,
    password_hashes: Vec<String>,
    blobs: Vec<Vec<u8>>,
    csrf: Vec<String>,
}

fn stored_on_sqlite(path: &std::path::Path) -> Stored {
    let c = rusqlite::Connection::open(path).expect("the database opens");
    let strings = |sql: &str| -> Vec<String> {
        let mut s = c.prepare(sql).expect(sql);
        let rows = s.query_map([], |r| r.get(0)).expect(sql);
        rows.map(|r| r.expect("row")).collect()
    };
    let blobs = |sql: &str| -> Vec<Vec<u8>> {
        let mut s = c.prepare(sql).expect(sql);
        let rows = s.query_map([], |r| r.get(0)).expect(sql);
        rows.map(|r| r.expect("row")).collect()
    };
    let mut all_blobs = blobs("SELECT key_hash FROM api_tokens");
    all_blobs.extend(blobs("SELECT id_hash FROM sessions"));
    Stored {
        jwt_key: strings("SELECT value FROM settings WHERE key = 'jwt_secret'")
            .pop()
            .expect("a signing key"),
        password_hashes: strings("SELECT password_hash FROM users"),
        blobs: all_blobs,
        csrf: strings("SELECT csrf_secret FROM sessions"),
    }
}

fn stored_on_postgres(url: &str) -> Stored {
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("PostgreSQL");
    let strings = |c: &mut postgres::Client, sql: &str| -> Vec<String> {
        c.query(sql, &[])
            .expect(sql)
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    let blobs = |c: &mut postgres::Client, sql: &str| -> Vec<Vec<u8>> {
        c.query(sql, &[])
            .expect(sql)
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    let mut all_blobs = blobs(&mut c, "SELECT key_hash FROM api_tokens");
    all_blobs.extend(blobs(&mut c, "SELECT id_hash FROM sessions"));
    Stored {
        jwt_key: strings(
            &mut c,
            "SELECT value FROM settings WHERE key = 'jwt_secret'",
        )
        .pop()
        .expect("a signing key"),
        password_hashes: strings(&mut c, "SELECT password_hash FROM users"),
        blobs: all_blobs,
        csrf: strings(&mut c, "SELECT csrf_secret FROM sessions"),
    }
}

fn stored_secrets(stored: Stored) -> Vec<Secret> {
    let mut all = vec![secret("the JWT signing key", &stored.jwt_key)];
    all.extend(encodings("the JWT signing key", stored.jwt_key.as_bytes()));
    if let Ok(raw) = hex::decode(&stored.jwt_key) {
        all.extend(encodings("the JWT signing key's bytes", &raw));
    }
    assert_eq!(stored.password_hashes.len(), 3, "three accounts");
    for hash in &stored.password_hashes {
        assert!(hash.starts_with("$argon2"), "{hash}");
        all.push(secret("a password hash", hash));
        // $argon2id$v=19$m=...,t=...,p=...$SALT$HASH
        for part in hash.split('$').skip(4) {
            all.push(secret("a password hash's salt or digest", part));
        }
    }
    for blob in &stored.blobs {
        all.extend(encodings("a token or session hash", blob));
    }
    for csrf in &stored.csrf {
        all.push(secret("a stored CSRF secret", csrf));
    }
    all
}

#[tokio::test]
async fn no_credential_key_or_hash_is_printed_at_log_trace() {
    let dir = tempfile::tempdir().expect("tempdir");
    let on_postgres = crate::pg::suite_on_postgres();
    let db = if on_postgres {
        crate::pg::fresh_database()
    } else {
        dir.path().join("natter.db").to_string_lossy().into_owned()
    };
    let (mut app, captured) = spawn_at_trace(dir, db);
    let mut secrets = session_with_every_credential(&app).await;
    stop(&mut app);
    let log = captured.finish();
    let stored = if on_postgres {
        // The synchronous client runs its own runtime: not on this test's.
        let url = app.db.clone();
        std::thread::spawn(move || stored_on_postgres(&url))
            .join()
            .expect("read PostgreSQL")
    } else {
        stored_on_sqlite(&app.db_path())
    };
    secrets.extend(stored_secrets(stored));

    // The capture is real: natter's own lines at every level made it out.
    assert!(log.contains("natter::access"), "{log}");
    assert!(
        log.contains("POST /accounts/api/token/refresh/ 200"),
        "{log}"
    );
    let leaked: Vec<String> = secrets
        .iter()
        .filter(|s| log.contains(&s.value))
        .map(|s| format!("{}: {}", s.what, s.value))
        .collect();
    assert!(
        leaked.is_empty(),
        "printed at --log trace:\n{}\n\n--- the log ---\n{log}",
        leaked.join("\n")
    );
}

/// Runs natter with `args` at `--log trace` until it exits (bounded), both streams.
fn run_to_exit(args: &[&str]) -> (bool, String) {
    let mut child: Child = Command::new(crate::helpers::natter_bin())
        .args(["--log", "trace", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts");
    let mut captured = Captured {
        text: Arc::new(Mutex::new(Vec::new())),
        readers: Vec::new(),
    };
    captured.copy(child.stdout.take().expect("stdout"));
    captured.copy(child.stderr.take().expect("stderr"));
    // The NATS client gives up after its 5 s connection timeout.
    let deadline = std::time::Instant::now() + WAIT * 2;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "natter still running with an unreachable hub:\n{}",
                captured.finish()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    (status.success(), captured.finish())
}

#[tokio::test]
async fn a_hub_url_is_printed_without_its_user_password_or_token() {
    // On SQLite natter refuses a NATS hub before connecting; the sentence names --hub.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("natter.db");
    let (ok, text) = run_to_exit(&[
        "--db",
        &file.to_string_lossy(),
        "--hub",
        "nats://user:secretpass@127.0.0.1:1",
    ]);
    assert!(!ok);
    assert!(text.contains("--hub nats://user:***@127.0.0.1:1"), "{text}");
    assert!(!text.contains("secretpass"), "{text}");

    // On PostgreSQL it tries to connect, fails, and says so.
    let Some(_) =
        crate::pg::cluster_or_skip("a_hub_url_is_printed_without_its_user_password_or_token")
    else {
        return;
    };
    for (hub, shown, secret) in [
        (
            "nats://user:secretpass@127.0.0.1:1",
            "nats://user:***@127.0.0.1:1",
            "secretpass",
        ),
        (
            "nats://sometoken@127.0.0.1:1",
            "nats://***@127.0.0.1:1",
            "sometoken",
        ),
        (
            "nats://127.0.0.1:1,nats://other:secretpass@127.0.0.1:2",
            "nats://127.0.0.1:1,nats://other:***@127.0.0.1:2",
            "secretpass",
        ),
    ] {
        let db = crate::pg::fresh_database();
        let media = dir.path().join("media");
        let (ok, text) = run_to_exit(&[
            "--db",
            &db,
            "--hub",
            hub,
            "--media-dir",
            &media.to_string_lossy(),
        ]);
        assert!(!ok, "natter cannot start without its hub:\n{text}");
        assert!(text.contains("cannot reach NATS"), "{text}");
        assert!(text.contains(shown), "{text}");
        assert!(!text.contains(secret), "{secret} printed:\n{text}");
    }
}
