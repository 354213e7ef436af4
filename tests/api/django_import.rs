//! `natter import django` against databases real Django made (tests/django/: the five
//! seeds' models per UPSTREAM.md, filled by tests/django/fill.py with `create_user`, DRF
//! tokens, chats, rooms, messages, attachments, profiles and posts), run beside a running
//! server: the people sign in with their old passwords on every surface (after which
//! their hash is natter's own), an old DRF key still works, the history reads back
//! through each seed's own endpoints with its original times, edits, deletions,
//! reactions, read state and files, a second run (also from a copy) adds nothing, a
//! killed run resumes, a PostgreSQL source is read by URL, and a malformed row is named.
//!
//! Needs python3 with Django and djangorestframework (.ci/run installs them, and psycopg
//! for the PostgreSQL source); without them the tests say `*** ... SKIPPED` unless
//! NATTER_REQUIRE_DJANGO=1 (NATTER_REQUIRE_POSTGRES=1 for the PostgreSQL one).

use crate::helpers::*;
use crate::team_cli::natter_on;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// The Django test project.
fn project() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/django")
}

/// Whether python3 can import Django and DRF; else says so loudly (or fails when
/// NATTER_REQUIRE_DJANGO=1).
fn django_here() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import django, rest_framework"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("NATTER_REQUIRE_DJANGO").as_deref() != Ok("1"),
            "NATTER_REQUIRE_DJANGO=1 but python3 cannot import django and rest_framework"
        );
        eprintln!(
            "*** django_import SKIPPED: python3 with django and djangorestframework is missing"
        );
    }
    ok
}

/// Runs `python3 ARGS` in the project with the Django database at `db`; its stdout.
fn python(db: &Path, args: &[&str]) -> String {
    python_with(db, &[], args)
}

/// `python` with more environment (the PostgreSQL settings).
fn python_with(db: &Path, env: &[(&str, String)], args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .current_dir(project())
        .env("NATTER_DJANGO_DB", db)
        .env("NATTER_DJANGO_MEDIA", media_of(db))
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Django project's media folder beside its database `db`.
fn media_of(db: &Path) -> std::path::PathBuf {
    db.with_file_name("media")
}

/// `natter import django SOURCE --seed SEED` on the server's database: its stdout.
fn import(app: &TestApp, source: &Path, seed: &str) -> String {
    import_with(app, source, seed, &[])
}

/// `import` with more arguments, and the server's media folder as natter's.
fn import_with(app: &TestApp, source: &Path, seed: &str, more: &[&str]) -> String {
    let source = source.to_string_lossy();
    let media_dir = app.media_dir().to_string_lossy();
    let mut args = vec![
        "--media-dir",
        &media_dir,
        "import",
        "django",
        &source,
        "--seed",
        seed,
    ];
    args.extend_from_slice(more);
    let out = natter_on(&app.db, &args, "");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "import --seed {seed}: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The natter id the summary gives Django chat `key`.
fn moved_chat(summary: &str, key: &str) -> i64 {
    let prefix = format!("chat {key} is now chat ");
    summary
        .lines()
        .find_map(|l| l.trim().strip_prefix(prefix.as_str()))
        .and_then(|id| id.trim().parse().ok())
        .unwrap_or_else(|| panic!("no new id for chat {key} in:\n{summary}"))
}

async fn sign_in(app: &TestApp, path: &str, username: &str, password: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        path,
        None,
        Some(json!({"username": username, "password": password})),
    )
    .await
}

fn stored_hash(app: &TestApp, username: &str) -> String {
    let db = rusqlite::Connection::open(app.db_path()).expect("natter db");
    db.query_row(
        "SELECT password_hash FROM users WHERE username = ?1",
        [username],
        |r| r.get(0),
    )
    .expect("user row")
}

#[tokio::test]
async fn django_apps_people_and_history_come_across() {
    if !django_here() {
        return;
    }
    let app = TestApp::spawn_on_sqlite().await;
    // An account natter has before the import holds id 1: Django's user 1 moves.
    app.register("zed").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("django.sqlite3");
    python(&source, &["manage.py", "migrate", "-v", "0"]);
    let filled: Value = serde_json::from_str(&python(&source, &["fill.py"])).expect("fill.py JSON");
    assert_eq!(
        filled["hash_prefix"], "pbkdf2_sha256",
        "Django's default hasher"
    );
    let alice_key = format!("Token {}", filled["tokens"]["alice"].as_str().expect("key"));

    let summary = import(&app, &source, "001");
    assert!(summary.contains("users: 4 new"), "{summary}");
    assert!(
        summary.contains("1 files not copied: give the app's media folder with --media DIR"),
        "{summary}"
    );
    assert!(summary.contains("DRF keys: 2 new"), "{summary}");
    assert!(summary.contains("messages: 5 new"), "{summary}");
    assert!(summary.contains("user 1 (alice) is now user"), "{summary}");
    let group = moved_chat(&summary, filled["group"].as_str().expect("group"));

    // The old DRF key reads the history through seed 001's own endpoints.
    let (status, chats) = app.get("/messages/api/chats/", &alice_key).await;
    assert_eq!(status, 200, "{chats}");
    let titles: Vec<&str> = chats["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|c| c["title"].as_str())
        .collect();
    assert!(titles.contains(&"Project"), "{chats}");
    assert_eq!(chats["count"], 2, "the group and the direct chat: {chats}");
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{group}/messages/"),
            &alice_key,
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let messages = page["results"].as_array().expect("results").clone();
    let text = |m: &Value| m["content"].as_str().unwrap_or_default().to_string();
    let mut contents: Vec<String> = messages.iter().map(text).collect();
    contents.sort();
    assert_eq!(
        contents,
        [
            "I'll bring the slides (edited)",
            "Kick-off at ten",
            "See you there"
        ],
        "the deleted message stays deleted: {page}"
    );
    let kick_off = messages
        .iter()
        .find(|m| text(m) == "Kick-off at ten")
        .expect("first");
    assert!(
        kick_off["created_at"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-03-01T09:01:00"),
        "the original time: {kick_off}"
    );
    assert_eq!(kick_off["sender"]["username"], "alice", "{kick_off}");
    assert_eq!(kick_off["reactions"][0]["emoji"], "\u{1F44D}", "{kick_off}");
    let slides = messages
        .iter()
        .find(|m| text(m).starts_with("I'll"))
        .expect("edited");
    assert_eq!(slides["is_edited"], true, "{slides}");

    // With the media folder, the direct chat's attachment comes across on a run again.
    let media = media_of(&source);
    let with_media = import_with(&app, &source, "001", &["--media", &media.to_string_lossy()]);
    assert!(with_media.contains("files: 1 copied"), "{with_media}");
    let dm = moved_chat(&summary, filled["dm"].as_str().expect("dm"));
    let (status, page) = app
        .get(&format!("/messages/api/chats/{dm}/messages/"), &alice_key)
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.to_string().contains("menu.txt"), "{page}");

    // Old passwords sign in on the surfaces; the hash becomes natter's own.
    assert!(stored_hash(&app, "bob").starts_with("pbkdf2_sha256$"));
    let (status, body) = sign_in(&app, "/api/auth/login/", "bob", "wrong-pass").await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = sign_in(&app, "/api/auth/login/", "bob", "bob-old-pass").await;
    assert_eq!(status, 200, "token login with the Django password: {body}");
    assert!(
        stored_hash(&app, "bob").starts_with("$argon2id$"),
        "rehashed at sign-in"
    );
    let (status, body) = sign_in(&app, "/api/auth/login/", "bob", "bob-old-pass").await;
    assert_eq!(status, 200, "and again, on natter's hash: {body}");
    let (status, body) = sign_in(&app, "/accounts/login/", "carol", "carol-old-pass").await;
    assert_eq!(status, 200, "session login: {body}");
    let (status, body) = sign_in(&app, "/accounts/api/token/", "alice", "alice-old-pass").await;
    assert_eq!(status, 200, "JWT pair: {body}");
    assert!(body["access"].is_string(), "{body}");
    let (status, body) = sign_in(&app, "/api/auth/login/", "dave", "dave-old-pass").await;
    assert_ne!(
        status, 200,
        "an inactive Django user stays inactive: {body}"
    );

    // Run again: nothing doubled.
    let again = import(&app, &source, "001");
    assert!(
        again.contains("users: 0 new, 4 already imported"),
        "{again}"
    );
    assert!(
        again.contains("messages: 0 new, 5 already imported"),
        "{again}"
    );
    assert!(again.contains("reactions: 0 new"), "{again}");
    let (_, chats) = app.get("/messages/api/chats/", &alice_key).await;
    assert_eq!(chats["count"], 2, "{chats}");
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{group}/messages/"),
            &alice_key,
        )
        .await;
    assert_eq!(page["results"].as_array().map(Vec::len), Some(3), "{page}");

    // Seed 000's inbox from the same database: the people are the same accounts.
    let inbox = import(&app, &source, "000");
    assert!(
        inbox.contains("users: 0 new, 4 already imported, 0 matched"),
        "one source's people are imported once, whichever seed: {inbox}"
    );
    assert!(inbox.contains("messages: 3 new"), "{inbox}");
    let (status, list) = app.get("/api/messages/", &alice_key).await;
    assert_eq!(status, 200, "{list}");
    let body = list.to_string();
    assert!(
        body.contains("Hi Carol") && body.contains("Hi Alice"),
        "{list}"
    );
    let again = import(&app, &source, "000");
    assert!(
        again.contains("messages: 0 new, 3 already imported"),
        "{again}"
    );

    // Seed 002's direct chat: its id was taken (by 001's direct chat), so it moved;
    // carol read dave's first two messages, not the third.
    let direct = import(&app, &source, "002");
    assert!(direct.contains("messages: 3 new"), "{direct}");
    let moved = moved_chat(&direct, &filled["direct"].to_string());
    let (status, body) = sign_in(&app, "/api/auth/login/", "carol", "carol-old-pass").await;
    assert_eq!(status, 200, "{body}");
    let carol = format!("Token {}", body["token"].as_str().expect("token"));
    let (status, list) = app.get("/api/chats/", &carol).await;
    assert_eq!(status, 200, "{list}");
    let chat = list
        .as_array()
        .and_then(|l| l.iter().find(|c| c["other_user"]["username"] == "dave"))
        .unwrap_or_else(|| panic!("carol's chat with dave: {list}"));
    assert_eq!(chat["id"], moved, "{chat}");
    assert_eq!(chat["last_message"]["body"], "Now?", "{chat}");
    assert_eq!(chat["unread_count"], 1, "{chat}");
    let again = import(&app, &source, "002");
    assert!(
        again.contains("messages: 0 new, 3 already imported"),
        "{again}"
    );

    // A copy of the file elsewhere is the same source: nothing doubled.
    let moved = dir.path().join("moved");
    std::fs::create_dir(&moved).expect("mkdir");
    let copy = moved.join("renamed.sqlite3");
    std::fs::copy(&source, &copy).expect("copy");
    let again = import(&app, &copy, "001");
    assert!(
        again.contains("users: 0 new, 4 already imported"),
        "{again}"
    );
    assert!(
        again.contains("chats: 0 new, 2 already imported"),
        "{again}"
    );
    assert!(
        again.contains("messages: 0 new, 5 already imported"),
        "{again}"
    );

    // A message whose chat row is gone is skipped and said so; the rest comes in.
    let orphaned = dir.path().join("orphaned.sqlite3");
    std::fs::copy(&source, &orphaned).expect("copy");
    rusqlite::Connection::open(&orphaned)
        .and_then(|c| c.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM direct_directchat;"))
        .expect("chat row deleted");
    let out = import_with(&app, &orphaned, "002", &["--source-name", "orphaned"]);
    assert!(
        out.contains("3 messages skipped: they name no chat of the source (message "),
        "{out}"
    );

    // A malformed row stops the import with its table, row and column named.
    let bad = dir.path().join("bad.sqlite3");
    std::fs::copy(&source, &bad).expect("copy");
    rusqlite::Connection::open(&bad)
        .and_then(|c| {
            c.execute(
                "UPDATE django_messaging_message SET created_at = 'soon' WHERE content = 'See you there'",
                [],
            )
        })
        .expect("corrupted");
    let bad = bad.to_string_lossy();
    let out = natter_on(&app.db, &["import", "django", &bad, "--seed", "001"], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("table django_messaging_message, row id ")
            && err.contains("column created_at is not a date and time"),
        "{err}"
    );

    // A seed that does not exist is refused in a sentence.
    let source = source.to_string_lossy();
    let out = natter_on(&app.db, &["import", "django", &source, "--seed", "005"], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value '005' for '--seed"), "{err}");
}

/// A migrated and filled Django database in `dir`, and what fill.py printed.
fn filled_django(dir: &Path) -> (std::path::PathBuf, Value) {
    let source = dir.join("django.sqlite3");
    python(&source, &["manage.py", "migrate", "-v", "0"]);
    let filled = serde_json::from_str(&python(&source, &["fill.py"])).expect("fill.py JSON");
    (source, filled)
}

/// `GET path` as a browser with `cookie`: (status, body, the `Set-Cookie` values).
async fn with_cookie(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, Value, Vec<String>) {
    let resp = app
        .client
        .get(format!("{}{path}", app.base))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("request sent");
    let status = resp.status();
    let set: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let text = resp.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
        set,
    )
}

/// Checks the browser sessions of `summary`'s import of `filled`: bob's Django
/// `sessionid` signs him in here, the expired one and the one of a user who is not in
/// `auth_user` were skipped and said so.
async fn django_sessions_came_across(app: &TestApp, summary: &str, filled: &Value) {
    assert!(
        summary.contains("browser sessions: 1 new, 0 already imported"),
        "{summary}"
    );
    assert!(
        summary.contains("1 browser sessions skipped: expired"),
        "{summary}"
    );
    assert!(
        summary.contains("1 browser sessions skipped: their user was not imported"),
        "{summary}"
    );
    let key = |who: &str| {
        filled["sessions"][who]
            .as_str()
            .expect("session key")
            .to_string()
    };
    let (status, me, _) =
        with_cookie(app, "/api/auth/me/", &format!("sessionid={}", key("bob"))).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["username"], "bob", "{me}");
    // The browser holds Django's csrftoken: its first safe request gets the session's
    // own, with which an unsafe one passes the CSRF check.
    let django_csrf = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    let cookie = format!("sessionid={}; csrftoken={django_csrf}", key("bob"));
    let (status, me, set) = with_cookie(app, "/api/auth/me/", &cookie).await;
    assert_eq!(
        (status, &me["username"]),
        (StatusCode::OK, &json!("bob")),
        "{me}"
    );
    let csrf = set
        .iter()
        .find_map(|c| c.strip_prefix("csrftoken="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("a csrftoken cookie: {set:?}"))
        .to_string();
    let fresh = format!("sessionid={}; csrftoken={csrf}", key("bob"));
    let (_, _, again) = with_cookie(app, "/api/auth/me/", &fresh).await;
    assert!(
        !again.iter().any(|c| c.starts_with("csrftoken=")),
        "set once: {again:?}"
    );
    let post = |cookie: String, header: String| {
        app.client
            .post(format!("{}/api/auth/logout/", app.base))
            .header("Cookie", cookie)
            .header("X-CSRFToken", header)
            .send()
    };
    let refused = post(cookie.clone(), django_csrf.to_string())
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403, "Django's own token is not natter's");
    let passed = post(fresh, csrf).await.expect("sent");
    assert!(passed.status().is_success(), "{}", passed.status());
    let (_, me, _) = with_cookie(app, "/api/auth/me/", &cookie).await;
    assert!(me.get("username").is_none(), "signed out: {me}");
    for who in ["expired", "stranger"] {
        let (status, me, _) =
            with_cookie(app, "/api/auth/me/", &format!("sessionid={}", key(who))).await;
        assert_ne!(me["username"], "bob", "{who}: {status} {me}");
        assert!(me.get("username").is_none(), "{who}: {status} {me}");
    }
}

/// Django's `django_session`: a browser signed in to the Django app is signed in here
/// with its `sessionid`, within Django's expiry; expired sessions and those of people
/// not imported are skipped and counted; a run again adds none.
#[tokio::test]
async fn django_browser_sessions_come_across() {
    if !django_here() {
        return;
    }
    let app = TestApp::spawn_on_sqlite().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (source, filled) = filled_django(dir.path());
    let summary = import(&app, &source, "001");
    django_sessions_came_across(&app, &summary, &filled).await;
    let again = import(&app, &source, "002");
    assert!(
        again.contains("browser sessions: 0 new, 1 already imported"),
        "{again}"
    );
}

/// Seeds 003 and 004: seed 003's room keeps its id (its sockets name it) and reads back
/// through `/api/rooms/` with its owner, participants, display names and messages (an
/// empty one included); seed 004's rooms keep their names and read back through
/// `/messenger/api/`, with profiles, a friendship and a post; runs again add nothing.
#[tokio::test]
async fn django_rooms_and_messenger_come_across() {
    if !django_here() {
        return;
    }
    let app = TestApp::spawn_on_sqlite().await;
    // natter's dave is someone else (another email): Django's dave comes in beside him.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "Dave", "email": "dave@elsewhere.test", "password": "natter-dave-pass"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let dir = tempfile::tempdir().expect("tempdir");
    let (source, filled) = filled_django(dir.path());
    let alice_key = format!("Token {}", filled["tokens"]["alice"].as_str().expect("key"));
    let standup = filled["standup"].as_i64().expect("room id");

    let media = media_of(&source);
    let media = media.to_string_lossy();
    let with_media = ["--media", &*media];
    let summary = import_with(&app, &source, "003", &with_media);
    assert!(summary.contains("users: 4 new"), "{summary}");
    assert!(
        summary.contains("files: 1 copied, 0 already copied, 1 skipped"),
        "{summary}"
    );
    assert!(
        summary.contains("gone.txt: missing from the media folder"),
        "{summary}"
    );
    assert!(
        summary.contains("user dave is dave-django here"),
        "not merged into natter's Dave: {summary}"
    );
    let (status, body) = sign_in(&app, "/api/auth/login/", "Dave", "natter-dave-pass").await;
    assert_eq!(status, 200, "natter's Dave keeps his password: {body}");
    assert!(summary.contains("chats: 1 new"), "{summary}");
    assert!(summary.contains("messages: 3 new"), "{summary}");
    assert!(
        !summary.contains("is now chat"),
        "the room kept its id: {summary}"
    );

    let (status, rooms) = app.get("/api/rooms/", &alice_key).await;
    assert_eq!(status, 200, "{rooms}");
    assert_eq!(rooms["count"], 1, "{rooms}");
    let room = &rooms["results"][0];
    assert_eq!(room["id"], standup, "{room}");
    assert_eq!(room["name"], "Standup", "{room}");
    assert_eq!(room["owner"]["username"], "alice", "{room}");
    assert_eq!(room["owner"]["display_name"], "Alice L.", "{room}");
    assert_eq!(room["participant_count"], 2, "{room}");
    assert!(
        room["created_at"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-03-01T09:29:00"),
        "{room}"
    );
    let (status, people) = app
        .get(&format!("/api/rooms/{standup}/participants/"), &alice_key)
        .await;
    assert_eq!(status, 200, "{people}");
    let names: Vec<&str> = people
        .as_array()
        .expect("participants")
        .iter()
        .filter_map(|p| p["user"]["username"].as_str())
        .collect();
    assert_eq!(names, ["alice", "bob"], "join order: {people}");
    let (status, page) = app
        .get(&format!("/api/rooms/{standup}/messages/"), &alice_key)
        .await;
    assert_eq!(status, 200, "{page}");
    let contents: Vec<&str> = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(
        contents,
        ["", "Here", "Morning all"],
        "newest first: {page}"
    );
    assert_eq!(page["results"][2]["author"]["username"], "alice", "{page}");
    let attached = &page["results"][2]["attachments"][0]["file"];
    assert_eq!(attached["name"], "notes.txt", "{page}");
    assert_eq!(attached["size"], 16, "{page}");
    assert_eq!(attached["content_type"], "text/plain", "{page}");
    let file = attached["id"].as_i64().expect("file id");
    let bytes = reqwest::Client::new()
        .get(format!("{}/api/files/{file}/download/", app.base))
        .header("Authorization", &alice_key)
        .send()
        .await
        .expect("download");
    assert_eq!(bytes.status(), 200);
    assert_eq!(bytes.text().await.expect("body"), "agenda: ship it\n");
    let (status, body) = sign_in(&app, "/api/auth/login/", "bob", "bob-old-pass").await;
    assert_eq!(status, 200, "{body}");
    let again = import(&app, &source, "003");
    assert!(
        again.contains("messages: 0 new, 3 already imported"),
        "{again}"
    );
    assert!(
        again.contains("chats: 0 new, 1 already imported"),
        "{again}"
    );

    // natter's own chat of alice and carol, made before seed 004 comes: their room's
    // messages go into it, and nothing of the chat changes.
    let (status, pair) = sign_in(&app, "/accounts/api/token/", "alice", "alice-old-pass").await;
    assert_eq!(status, 200, "{pair}");
    let alice = format!("Bearer {}", pair["access"].as_str().expect("access"));
    let (status, made) = app
        .post(
            "/messenger/api/chatrooms/",
            &alice,
            json!({"recipient": "carol"}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let chat_row = |id: i64| -> (String, String) {
        let db = rusqlite::Connection::open(app.db_path()).expect("natter db");
        db.query_row(
            "SELECT created_at, coalesce(name, '') FROM chats WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("chat row")
    };
    let held = made["id"].as_i64().expect("id");
    let before = chat_row(held);
    assert_eq!(before.1, "alice_carol");

    // Seed 004 from the same database: the people are the accounts seed 003 brought.
    let summary = import_with(&app, &source, "004", &with_media);
    assert!(
        summary.contains("files: 1 copied"),
        "alice's image: {summary}"
    );
    assert!(
        summary.contains(&format!("went into chat {held}, which natter already had")),
        "{summary}"
    );
    assert_eq!(chat_row(held), before, "natter's chat unchanged");
    assert!(
        summary.contains("users: 0 new, 4 already imported"),
        "{summary}"
    );
    assert!(summary.contains("chats: 2 new"), "{summary}");
    assert!(summary.contains("messages: 3 new"), "{summary}");
    assert!(summary.contains("friendships: 1 new"), "{summary}");
    assert!(summary.contains("posts: 1 new"), "{summary}");
    assert!(!summary.contains("another chat here holds"), "{summary}");
    let (status, pair) = sign_in(&app, "/accounts/api/token/", "carol", "carol-old-pass").await;
    assert_eq!(status, 200, "JWT pair: {pair}");
    let carol = format!("Bearer {}", pair["access"].as_str().expect("access"));
    let (status, mine) = app.get("/messenger/api/user/chatrooms/", &carol).await;
    assert_eq!(status, 200, "{mine}");
    let names: Vec<&str> = mine
        .as_array()
        .expect("rooms")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.contains(&"alice_carol"), "{mine}");
    let (status, said) = app
        .get("/messenger/api/chatrooms/alice_carol/messages/", &carol)
        .await;
    assert_eq!(status, 200, "{said}");
    assert_eq!(said[0]["user"], "alice", "{said}");
    assert_eq!(said[0]["content"], "Privet", "{said}");
    assert!(
        said[0]["timestamp"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-03-01T09:40:00"),
        "{said}"
    );
    assert_eq!(said[1]["content"], "Hello!", "{said}");
    let (status, trio) = app
        .get("/messenger/api/chatrooms/trio/messages/", &carol)
        .await;
    assert_eq!(status, 200, "a room of three, found by its name: {trio}");
    assert_eq!(trio[0]["content"], "All three here", "{trio}");
    let (status, profile) = app.get("/profiles/api/profile/", &alice).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(
        profile["profile"]["bio"], "Down the rabbit hole",
        "{profile}"
    );
    assert_eq!(
        profile["profile"]["friends"].as_array().map(Vec::len),
        Some(1),
        "{profile}"
    );
    assert_eq!(profile["posts"][0]["title"], "Hello", "{profile}");
    assert!(
        profile["posts"][0]["created_at"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-03-01T09:45:00"),
        "{profile}"
    );
    let again = import(&app, &source, "004");
    assert!(
        again.contains("messages: 0 new, 3 already imported"),
        "{again}"
    );
    assert!(again.contains("friendships: 0 new"), "{again}");
    assert!(
        again.contains("posts: 0 new, 1 already imported"),
        "{again}"
    );
}

/// Seed 002 with one chat of `n` messages between two people (unusable passwords: quick).
const MANY: &str = r#"
import datetime, os, sys
sys.path.insert(0, ".")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natter_seeds.settings")
import django
django.setup()
from django.contrib.auth.models import User
from direct.models import DirectChat, DirectMessage
n = int(sys.argv[1])
a = User.objects.create_user("ann", "ann@example.org", None)
b = User.objects.create_user("ben", "ben@example.org", None)
chat = DirectChat.objects.create()
chat.participants.add(a, b)
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
DirectMessage.objects.bulk_create(
    DirectMessage(chat=chat, sender=(a, b)[i % 2], body=f"message {i}", is_read=True,
                  created=start + datetime.timedelta(seconds=i))
    for i in range(n)
)
"#;

/// An import killed while it writes leaves whole batches behind; run again, it adds the
/// rest and nothing twice.
#[tokio::test]
async fn a_killed_django_import_resumes_without_doubles() {
    if !django_here() {
        return;
    }
    const N: i64 = 60_000;
    let app = TestApp::spawn_on_sqlite().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("many.sqlite3");
    python(&source, &["manage.py", "migrate", "-v", "0"]);
    python(&source, &["-c", MANY, &N.to_string()]);
    let count = |sql: &str| -> i64 {
        let db = rusqlite::Connection::open(app.db_path()).expect("natter db");
        db.busy_timeout(std::time::Duration::from_secs(10))
            .expect("busy timeout");
        db.query_row(sql, [], |r| r.get(0)).expect("count")
    };
    let messages = "SELECT count(*) FROM messages";

    let mut child = Command::new(crate::helpers::natter_bin())
        .args(["--log", "warn", "import", "django"])
        .arg(&source)
        .args(["--seed", "002", "--db", &app.db])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("import starts");
    // Killed once its first batches are committed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while count(messages) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no message written within two minutes"
        );
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the import ended before it wrote a message"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("kill");
    child.wait().expect("reaped");
    let written = count(messages);
    assert!(
        written < N,
        "the import finished ({written} messages) before it was killed: make N larger"
    );
    assert_eq!(written % 500, 0, "whole batches only: {written}");

    let summary = import(&app, &source, "002");
    assert!(
        summary.contains(&format!(
            "messages: {} new, {written} already imported",
            N - written
        )),
        "{summary}"
    );
    assert_eq!(count(messages), N, "every message once");
    assert_eq!(
        count("SELECT count(DISTINCT content) FROM messages"),
        N,
        "no message twice"
    );
    assert_eq!(count("SELECT count(*) FROM chats"), 1, "{summary}");
}

/// A Django project on PostgreSQL (the suite's throwaway cluster, Django through
/// psycopg) imported by its `postgres://` URL: seed 001's and 003's people, chats and
/// messages come across as from SQLite, and a run again adds nothing.
#[tokio::test]
async fn django_on_postgres_is_imported_by_url() {
    if !django_here() {
        return;
    }
    let required = std::env::var("NATTER_REQUIRE_POSTGRES").as_deref() == Ok("1");
    let psycopg = Command::new("python3")
        .args(["-c", "import psycopg"])
        .output()
        .is_ok_and(|o| o.status.success());
    let cluster = match crate::pg::cluster() {
        Ok(c) if psycopg => c,
        Ok(_) => {
            assert!(
                !required,
                "NATTER_REQUIRE_POSTGRES=1 but python3 has no psycopg"
            );
            eprintln!("*** django_on_postgres SKIPPED: python3 has no psycopg");
            return;
        }
        Err(why) => {
            assert!(!required, "NATTER_REQUIRE_POSTGRES=1 but {why}");
            eprintln!("*** django_on_postgres SKIPPED: {why}");
            return;
        }
    };
    // "host=DIR port=N user=natter dbname=NAME", as the cluster gives natter's --db.
    let fresh = cluster.fresh_database();
    let part = |key: &str| -> String {
        fresh
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key))
            .unwrap_or_else(|| panic!("{key} in {fresh}"))
            .to_string()
    };
    let (host, port, name) = (part("host="), part("port="), part("dbname="));
    let env = [
        ("NATTER_DJANGO_PG_NAME", name.clone()),
        ("NATTER_DJANGO_PG_HOST", host.clone()),
        ("NATTER_DJANGO_PG_PORT", port.clone()),
        ("NATTER_DJANGO_PG_USER", "natter".to_string()),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let unused = dir.path().join("unused.sqlite3");
    python_with(&unused, &env, &["manage.py", "migrate", "-v", "0"]);
    let filled: Value =
        serde_json::from_str(&python_with(&unused, &env, &["fill.py"])).expect("fill.py JSON");
    let url = format!("postgres://natter@/{name}?host={host}&port={port}");

    let app = TestApp::spawn_on_sqlite().await;
    let summary = import(&app, Path::new(&url), "001");
    assert!(summary.contains("users: 4 new"), "{summary}");
    assert!(summary.contains("DRF keys: 2 new"), "{summary}");
    assert!(summary.contains("chats: 2 new"), "{summary}");
    assert!(summary.contains("messages: 5 new"), "{summary}");
    assert!(summary.contains("reactions: 1 new"), "{summary}");
    django_sessions_came_across(&app, &summary, &filled).await;
    let alice_key = format!("Token {}", filled["tokens"]["alice"].as_str().expect("key"));
    let group = moved_chat(&summary, filled["group"].as_str().expect("group"));
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{group}/messages/"),
            &alice_key,
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let kick_off = page["results"]
        .as_array()
        .and_then(|l| l.iter().find(|m| m["content"] == "Kick-off at ten"))
        .unwrap_or_else(|| panic!("{page}"));
    assert!(
        kick_off["created_at"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2024-03-01T09:01:00.123456"),
        "the original time, through PostgreSQL's text: {kick_off}"
    );
    let (status, body) = sign_in(&app, "/api/auth/login/", "bob", "bob-old-pass").await;
    assert_eq!(status, 200, "{body}");

    let rooms = import(&app, Path::new(&url), "003");
    assert!(
        rooms.contains("users: 0 new, 4 already imported"),
        "{rooms}"
    );
    assert!(rooms.contains("messages: 3 new"), "{rooms}");
    // Seed 001's chats hold the room's Django id here: it moved, and the summary says so.
    let standup = moved_chat(&rooms, &filled["standup"].to_string());
    let (status, page) = app
        .get(&format!("/api/rooms/{standup}/messages/"), &alice_key)
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["count"], 3, "{page}");

    let again = import(&app, Path::new(&url), "001");
    assert!(
        again.contains("messages: 0 new, 5 already imported"),
        "{again}"
    );

    // A password in the URL is never printed, also when the import fails.
    let wrong = format!("postgres://natter:s3cret@/{name}?host={host}&port={port}");
    let out = natter_on(
        &app.db,
        &[
            "import",
            "django",
            &wrong,
            "--seed",
            "002",
            "--source-name",
            "x",
        ],
        "",
    );
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains("s3cret"), "{printed}");
}

#[tokio::test]
async fn a_django_user_becomes_an_existing_account_only_by_a_confirmed_address_or_the_map() {
    if !django_here() {
        return;
    }
    let app = TestApp::spawn_on_sqlite().await;
    crate::team_server::operator_admin(&app, "boss").await;
    // A stranger took Django alice's username and address before the import (the
    // address unconfirmed); natter's bob is Django's bob, by the operator's word.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "alice", "email": "alice@example.org", "password": "stranger-pass"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let stranger = format!("Token {}", body["token"].as_str().expect("token"));
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "robert", "email": "robert@elsewhere.test", "password": "natter-bob-pass"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let robert = format!("Token {}", body["token"].as_str().expect("token"));
    let dir = tempfile::tempdir().expect("tempdir");
    let (source, filled) = filled_django(dir.path());
    let alice_key = format!("Token {}", filled["tokens"]["alice"].as_str().expect("key"));
    let map = dir.path().join("people.map");
    std::fs::write(&map, "# Django = natter\nbob = robert\n").expect("map");
    let map = map.to_string_lossy();

    let summary = import_with(&app, &source, "001", &["--map-file", &map]);
    for line in [
        "user bob is the existing account robert (the map says so)",
        "alice@example.org goes to the imported user, confirmed: the account alice held it unconfirmed",
        "user alice is alice-django here",
    ] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    // The stranger has none of alice's chats, is no administrator, and lost the address;
    // Django alice's key signs in to her own new account, an administrator (staff).
    let (_, chats) = app.get("/messages/api/chats/", &stranger).await;
    assert_eq!(chats["count"], 0, "{chats}");
    let (_, me) = app.get("/api/account/", &stranger).await;
    assert_eq!(
        (&me["is_admin"], &me["email"]),
        (&json!(false), &json!("")),
        "{me}"
    );
    let (status, me) = app.get("/api/account/", &alice_key).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (
            &me["username"],
            &me["email"],
            &me["email_confirmed"],
            &me["is_admin"]
        ),
        (
            &json!("alice-django"),
            &json!("alice@example.org"),
            &json!(true),
            &json!(true)
        ),
        "{me}"
    );
    // The mapped account has Django bob's chats.
    let (_, chats) = app.get("/messages/api/chats/", &robert).await;
    assert!(chats["count"].as_i64().unwrap_or(0) > 0, "{chats}");
}
