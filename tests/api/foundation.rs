//! The binary, the store, and every way to sign in.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn health_index_and_unknown_routes() {
    let app = TestApp::spawn().await;
    let resp = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "ok");
    let resp = app
        .client
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let (status, body) = app.call(Method::GET, "/no/such/thing/", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Not found."}));
    let (status, body) = app.call(Method::GET, "/api/auth/login/", None, None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body, json!({"detail": "Method \"GET\" not allowed."}));
}

#[tokio::test]
async fn register_login_me_logout() {
    let app = TestApp::spawn().await;
    let (id, token) = app.register("alice").await;
    let (status, me) = app.get("/api/auth/me/", &token).await;
    assert_eq!(status, 200);
    assert_eq!(
        me,
        json!({"id": id, "username": "alice", "email": "alice@example.org", "display_name": "alice"})
    );

    for login in [
        json!({"username": "alice", "password": "correct-horse"}),
        json!({"username": "alice@example.org", "password": "correct-horse"}),
        json!({"email": "alice@example.org", "password": "correct-horse"}),
    ] {
        let (status, body) = app
            .call(Method::POST, "/api/auth/login/", None, Some(login))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["token"].as_str().unwrap().len(), 40);
        assert_eq!(body["user"]["username"], "alice");
    }
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "wrong-password"})),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"error": "Invalid credentials", "detail": "Invalid credentials."})
    );
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "", "oauth": "true"})),
        )
        .await;
    assert_eq!(
        status, 401,
        "an empty password never logs anyone in: {body}"
    );

    let (status, _) = app
        .call(Method::POST, "/api/auth/logout/", Some(&token), None)
        .await;
    assert_eq!(status, 204);
    let (status, body) = app.get("/api/auth/me/", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "authentication_required");
    assert_eq!(body["message"], "Invalid token.");
}

#[tokio::test]
async fn registration_validation() {
    let app = TestApp::spawn().await;
    app.register("bob").await;
    let cases = [
        (
            json!({"username": "bob", "email": "other@example.org", "password": "long-enough"}),
            "username",
        ),
        (
            json!({"username": "BOB", "email": "other@example.org", "password": "long-enough"}),
            "username",
        ),
        (
            json!({"username": "bobby", "email": "bob@example.org", "password": "long-enough"}),
            "email",
        ),
        (
            json!({"username": "carol", "email": "not-an-email", "password": "long-enough"}),
            "email",
        ),
        (
            json!({"username": "carol", "email": "carol@example.org", "password": "short"}),
            "password",
        ),
        (
            json!({"username": "12345", "email": "carol@example.org", "password": "long-enough"}),
            "username",
        ),
        (
            json!({"username": "bad name", "email": "carol@example.org", "password": "long-enough"}),
            "username",
        ),
        (
            json!({"email": "carol@example.org", "password": "long-enough"}),
            "username",
        ),
    ];
    for (body, field) in cases {
        let (status, resp) = app
            .call(
                Method::POST,
                "/api/auth/register/",
                None,
                Some(body.clone()),
            )
            .await;
        assert_eq!(status, 400, "{body} -> {resp}");
        assert_eq!(resp["error"], "validation_error");
        assert!(resp["details"][field].is_array(), "{body} -> {resp}");
    }
    // The messenger surface's registration uses DRF's plain shape.
    let (status, resp) = app
        .call(
            Method::POST,
            "/accounts/api/users/",
            None,
            Some(json!({"username": "bob", "email": "x@example.org", "password": "long-enough"})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        resp,
        json!({"username": ["A user with that username already exists."]})
    );
    let (status, resp) = app
        .call(
            Method::POST,
            "/accounts/api/users/",
            None,
            Some(
                json!({"username": "dave", "email": "dave@example.org", "password": "long-enough"}),
            ),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(resp["username"], "dave");
    assert!(resp.get("password").is_none());
}

#[tokio::test]
async fn malformed_unsupported_and_oversized_bodies() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/auth/login/", app.base);
    let resp = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .starts_with("JSON parse error"));
    let resp = app
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    let big = vec![b'a'; 1024 * 1024 + 10];
    // A fresh client: the server closes a connection whose body it refused.
    let resp = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    // Form bodies work like JSON ones (DRF parses both).
    app.register("erin").await;
    let resp = app
        .client
        .post(&url)
        .form(&[("username", "erin"), ("password", "correct-horse")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn token_and_user_lists() {
    let app = TestApp::spawn().await;
    let (a, token) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let (status, body) = app.get("/api/token/", &token).await;
    assert_eq!(status, 200);
    let minted = format!("Token {}", body["token"].as_str().unwrap());
    assert_eq!(app.get("/api/auth/me/", &minted).await.1["id"], a);

    let (status, users) = app.get("/api/users/", &token).await;
    assert_eq!(status, 200);
    assert_eq!(
        users,
        json!([{"id": b, "username": "bob", "email": "bob@example.org"}])
    );
    let (status, page) = app.get("/api/users/?page=1&page_size=10", &token).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 1);
    assert_eq!(page["results"][0]["username"], "bob");
    let (status, _) = app.get("/api/users/?page=9", &token).await;
    assert_eq!(status, 404);
    // DRF's `page=last` is the last page, its users included.
    let (status, last) = app.get("/api/users/?page=last&page_size=1", &token).await;
    assert_eq!(status, 200);
    assert_eq!(last["results"][0]["username"], "bob");

    let (status, user) = app.get(&format!("/api/users/{b}/"), &token).await;
    assert_eq!(status, 200);
    assert_eq!(user["username"], "bob");
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/api/users/{b}/"),
            Some(&token),
            Some(json!({"display_name": "Hacker"})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, user) = app
        .call(
            Method::PATCH,
            &format!("/api/users/{a}/"),
            Some(&token),
            Some(json!({"display_name": "Alice A."})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(user["display_name"], "Alice A.");
    let (status, _) = app.get("/api/users/999/", &token).await;
    assert_eq!(status, 404);

    let (status, all) = app.get("/accounts/api/users/", &token).await;
    assert_eq!(status, 200);
    assert_eq!(all.as_array().unwrap().len(), 2);
    let (status, body) = app.call(Method::GET, "/api/users/", None, None).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"detail": "Authentication credentials were not provided."})
    );
    let (status, body) = app
        .get(
            "/api/users/",
            "Token 0000000000000000000000000000000000000000",
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body, json!({"detail": "Invalid token."}));
}

#[tokio::test]
async fn jwt_pair_refresh_and_bearer() {
    let app = TestApp::spawn().await;
    let (id, _) = app.register("alice").await;
    let (status, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": "alice", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200);
    let access = pair["access"].as_str().unwrap().to_string();
    let refresh = pair["refresh"].as_str().unwrap().to_string();
    assert_eq!(
        app.get("/api/auth/me/", &format!("Bearer {access}"))
            .await
            .1["id"],
        id
    );

    let (status, body) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({"refresh": refresh})),
        )
        .await;
    assert_eq!(status, 200);
    assert!(body["access"].is_string());
    // An access token is not a refresh token.
    let (status, body) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({"refresh": access})),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"detail": "Token is invalid or expired", "code": "token_not_valid"})
    );
    // Nor is a refresh token an access token.
    let (status, body) = app.get("/api/users/", &format!("Bearer {refresh}")).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "token_not_valid");
    let (status, body) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": "alice", "password": "nope-nope"})),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"detail": "No active account found with the given credentials"})
    );
    let (status, body) = app
        .call(Method::POST, "/accounts/api/token/", None, Some(json!({})))
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["username"], json!(["This field is required."]));
}

#[tokio::test]
async fn expired_access_token_is_refused() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--access-ttl-secs", "1"]).await;
    app.register("alice").await;
    let (_, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": "alice", "password": "correct-horse"})),
        )
        .await;
    let bearer = format!("Bearer {}", pair["access"].as_str().unwrap());
    // Wait until the token's expiry second has passed, checking rather than sleeping blind.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let (status, body) = app.get("/api/auth/me/", &bearer).await;
        if status == 401 {
            assert_eq!(body["error"], "authentication_required");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "token never expired");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let (status, body) = app.get("/api/users/", &bearer).await;
    assert_eq!(status, 401);
    assert_eq!(body["detail"], "Given token not valid for any token type");
}

#[tokio::test]
async fn session_login_needs_csrf_for_unsafe_methods() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "alice", "password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let cookies: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let csrf = cookies
        .iter()
        .find_map(|c| c.strip_prefix("csrftoken="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    assert!(cookies
        .iter()
        .any(|c| c.starts_with("sessionid=") && c.contains("HttpOnly")));

    let resp = client
        .get(format!("{}/api/auth/me/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = client
        .get(format!("{}/api/token/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "GET needs no CSRF");

    let url = format!("{}/messages/api/chats/", app.base);
    let resp = client
        .post(&url)
        .json(&json!({"chat_type": "group", "title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body, json!({"detail": "CSRF Failed: CSRF token missing."}));
    let resp = client
        .post(&url)
        .header("X-CSRFToken", "wrong")
        .json(&json!({"chat_type": "group", "title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let resp = client
        .post(&url)
        .header("X-CSRFToken", &csrf)
        .json(&json!({"chat_type": "group", "title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);

    let resp = client
        .post(format!("{}/accounts/logout/", app.base))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let resp = client
        .get(format!("{}/api/auth/me/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
}

#[tokio::test]
async fn oauth_flag_only_reconfirms_an_existing_session() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "alice", "password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    let csrf = login
        .cookies()
        .find(|c| c.name() == "csrftoken")
        .map(|c| c.value().to_string())
        .expect("csrftoken cookie");
    let url = format!("{}/api/auth/login/", app.base);
    let resp = client
        .post(&url)
        .json(&json!({"username": "alice", "password": "", "oauth": "true"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403, "a login riding the session needs CSRF");
    let resp = client
        .post(&url)
        .header("X-CSRFToken", &csrf)
        .json(&json!({"username": "alice", "password": "", "oauth": "true"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = client
        .post(&url)
        .header("X-CSRFToken", &csrf)
        .json(&json!({"username": "bob", "password": "", "oauth": "true"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401, "a session of alice never logs in bob");
}

#[tokio::test]
async fn auth_rate_limit_is_reached() {
    let app = TestApp::spawn_with(&[]).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, body) = app
            .call(
                Method::POST,
                "/api/auth/login/",
                None,
                Some(json!({"username": "ghost", "password": "whatever1"})),
            )
            .await;
        statuses.push((status.as_u16(), body));
    }
    assert!(statuses[..5].iter().all(|(s, _)| *s == 401), "{statuses:?}");
    assert_eq!(statuses[5].0, 429);
    assert!(statuses[5].1["detail"]
        .as_str()
        .unwrap()
        .contains("throttled"));
}

#[tokio::test]
async fn secrets_are_not_stored_in_clear_and_tokens_survive_restart() {
    let mut app = TestApp::spawn().await;
    let (id, token) = app.register("alice").await;
    let key = token.strip_prefix("Token ").unwrap().to_string();
    if !crate::pg::skip_on_postgres("the check for secrets", "it reads the SQLite file") {
        let raw = std::fs::read(app.db_path()).unwrap();
        let wal = std::fs::read(app.db_path().with_extension("db-wal")).unwrap_or_default();
        for bytes in [&raw, &wal] {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(&key), "token stored in clear");
            assert!(!text.contains("correct-horse"), "password stored in clear");
        }
    }
    app.kill_and_restart();
    let (status, me) = app.get("/api/auth/me/", &token).await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], id);
}

#[tokio::test]
async fn cli_create_user_and_backup() {
    let app = TestApp::spawn().await;
    let out = std::process::Command::new(crate::helpers::natter_bin())
        .args(["--db", &app.db])
        .args([
            "create-user",
            "root",
            "--email",
            "root@example.org",
            "--password",
            "very-secret",
            "--admin",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "root", "password": "very-secret"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let copy = app.dir.path().join("copy.db");
    let out = std::process::Command::new(crate::helpers::natter_bin())
        .args(["--db", &app.db])
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    if crate::pg::suite_on_postgres() {
        // PostgreSQL has its own tool for a consistent copy of a live database.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("pg_dump"), "{err}");
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM users WHERE username = 'root'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn refuses_foreign_and_newer_databases() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![b'x'; 4096]).unwrap();
    for db in [&newer, &garbage] {
        let out = std::process::Command::new(crate::helpers::natter_bin())
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("natter:"), "{err}");
    }
    assert_eq!(
        std::fs::read(&garbage).unwrap(),
        vec![b'x'; 4096],
        "never overwritten"
    );
}

#[tokio::test]
async fn sigterm_closes_sockets_with_1001_and_exits_cleanly() {
    let mut app = TestApp::spawn().await;
    let (_, token) = app.register("alice").await;
    let mut ws = app.socket("/messages/ws/", &token).await;
    assert!(app.terminate(), "exit status 0");
    let mut code = None;
    while let Ok(Some(msg)) =
        tokio::time::timeout(WAIT, futures_util::StreamExt::next(&mut ws)).await
    {
        if let Ok(tokio_tungstenite::tungstenite::Message::Close(frame)) = msg {
            code = frame.map(|f| u16::from(f.code));
            break;
        }
    }
    assert_eq!(code, Some(1001));
}

/// After a clean stop the write-ahead log is folded into `natter.db`: the file alone,
/// copied without its `-wal`, holds the latest writes.
#[tokio::test]
async fn a_clean_stop_leaves_every_write_in_the_database_file() {
    if crate::pg::skip_on_postgres(
        "a_clean_stop_leaves_every_write_in_the_database_file",
        "it copies the SQLite file",
    ) {
        return;
    }
    let mut app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, token) = app.register("bob").await;
    assert!(app.terminate(), "exit status 0");
    let wal = app.db_path().with_extension("db-wal");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_len, 0, "the log is empty after the stop");
    let copy = app.db_path().with_file_name("copy.db");
    std::fs::copy(app.db_path(), &copy).unwrap();
    let users: Vec<String> = rusqlite::Connection::open(&copy)
        .unwrap()
        .prepare("SELECT username FROM users ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(users, ["alice", "bob"]);
    app.start_again();
    let (status, me) = app.get("/api/auth/me/", &token).await;
    assert_eq!(status, StatusCode::OK, "{me}");
}
