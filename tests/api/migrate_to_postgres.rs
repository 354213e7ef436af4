//! `natter migrate-to-postgres --from natter.db --to postgres://...`: a SQLite
//! database made through the API moves to PostgreSQL, and natter serving the copy shows
//! every surface as before, to the same tokens, cookies and JWTs, with the same ids; new
//! rows get new ids. A second copy into the same database is refused.

use crate::helpers::*;
use crate::pg;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::process::{Command, Output};

/// Runs `natter migrate-to-postgres --from FROM --to TO`.
fn migrate(from: &str, to: &str) -> Output {
    Command::new(crate::helpers::natter_bin())
        .args([
            "--log",
            "warn",
            "migrate-to-postgres",
            "--from",
            from,
            "--to",
            to,
        ])
        .output()
        .expect("natter runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The body of a 200 answer to `GET path` sent with `headers`.
async fn show(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Value {
    let answer = ask(app, Method::GET, path, headers, None).await;
    assert_eq!(answer.status, StatusCode::OK, "GET {path}: {}", answer.body);
    answer.body
}

/// The bytes of file `id`, downloaded with `auth`.
async fn download(app: &TestApp, auth: &str, id: i64) -> Vec<u8> {
    let resp = app
        .client
        .get(format!("{}/api/files/{id}/download/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("download");
    assert_eq!(resp.status(), StatusCode::OK, "download of file {id}");
    resp.bytes().await.expect("bytes").to_vec()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("an id in {v}"))
}

#[tokio::test]
async fn a_sqlite_database_moves_to_postgres_with_its_ids_tokens_and_files() {
    if pg::cluster_or_skip("a_sqlite_database_moves_to_postgres_with_its_ids_tokens_and_files")
        .is_none()
    {
        return;
    }
    let mut app = TestApp::spawn_on_sqlite().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;

    // A group with messages, a reaction, an attachment and a read marker.
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "Café", "member_ids": [b, c]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let g = id(&group);
    let history = format!("/messages/api/chats/{g}/messages/");
    let mut message_ids = Vec::new();
    for content in [
        "first",
        "Un café, s'il vous plaît",
        "tab\there \"quoted\" \\ back",
    ] {
        let (status, msg) = app.post(&history, &ta, json!({"content": content})).await;
        assert_eq!(status, StatusCode::CREATED, "{msg}");
        message_ids.push(id(&msg));
    }
    let picture = b"\x89PNG\r\n\x1a\nnot really a picture, but bytes\x00\xff".to_vec();
    let (status, file) = upload(&app, &tb, "pic.png", "image/png", picture.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    let file_id = id(&file);
    let (status, attached) = app
        .post(
            &history,
            &tb,
            json!({"content": "see the file", "attachment_ids": [file_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{attached}");
    message_ids.push(id(&attached));
    let (status, reacted) = app
        .post(
            &format!("/messages/api/messages/{}/reactions/", message_ids[1]),
            &tb,
            json!({"emoji": "\u{1F44D}"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reacted}");
    let (status, marked) = app
        .post(
            &format!("/messages/api/chats/{g}/mark-as-read/"),
            &tb,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{marked}");

    // A direct message through the inbox surface, and a room with a message.
    message_ids.push(id(&inbox_send(&app, &tc, a, "привет, alice").await));
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "general"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = id(&room);
    let (status, joined) = app
        .post(&format!("/api/rooms/{room}/join/"), &tc, json!({}))
        .await;
    assert!(status.is_success(), "{joined}");
    let (status, said) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &tc,
            json!({"content": "hello room"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{said}");
    message_ids.push(id(&said));

    // The messenger surface: a post and a friend, with a JWT; and a browser session.
    let ja = bearer(&app, "alice").await;
    let (status, post) = app
        .post(
            "/profiles/api/posts/",
            &ja,
            json!({"title": "Пост", "content": "Текст"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{post}");
    let (status, friend) = app
        .post("/profiles/api/add-friend/", &ja, json!({"username": "bob"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{friend}");
    let cookie = login(&app, "carol").await.cookie();

    // What every surface shows, to each kind of credential.
    let reads: Vec<(String, &str, &str)> = vec![
        ("/api/auth/me/".into(), "Authorization", ta.as_str()),
        ("/messages/api/chats/".into(), "Authorization", ta.as_str()),
        ("/messages/api/chats/".into(), "Authorization", tb.as_str()),
        ("/messages/api/chats/".into(), "Authorization", tc.as_str()),
        (
            format!("/messages/api/chats/{g}/"),
            "Authorization",
            ta.as_str(),
        ),
        (history.clone(), "Authorization", ta.as_str()),
        (history.clone(), "Authorization", tc.as_str()),
        ("/api/messages/".into(), "Authorization", ta.as_str()),
        ("/api/messages/".into(), "Authorization", tc.as_str()),
        ("/api/rooms/".into(), "Authorization", ta.as_str()),
        (
            format!("/api/rooms/{room}/messages/"),
            "Authorization",
            ta.as_str(),
        ),
        (
            format!("/api/files/{file_id}/"),
            "Authorization",
            tb.as_str(),
        ),
        (
            "/profiles/api/profile/".into(),
            "Authorization",
            ja.as_str(),
        ),
        ("/profiles/api/posts/".into(), "Authorization", ja.as_str()),
        ("/api/auth/me/".into(), "Cookie", cookie.as_str()),
    ];
    let mut before = Vec::new();
    for (path, header, value) in &reads {
        before.push(show(&app, path, &[(*header, *value)]).await);
    }
    let (_, unread) = app.get("/messages/api/chats/", &tb).await;
    let unread_of_bob = |list: &Value| {
        list["results"]
            .as_array()
            .expect("a list of chats")
            .iter()
            .find(|chat| chat["id"] == g)
            .map(|chat| chat["unread_count"].clone())
            .expect("the group is listed")
    };
    assert_eq!(unread_of_bob(&unread), 0, "bob read the group");

    // Stop natter and copy.
    assert!(app.terminate(), "natter stopped cleanly");
    let target = pg::fresh_database();
    let from = app.db_path().to_string_lossy().into_owned();
    let copied = migrate(&from, &target);
    let (stdout, stderr) = (text(&copied.stdout), text(&copied.stderr));
    assert!(copied.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("copied"), "{stdout}");
    for table in [
        "users",
        "messages",
        "reactions",
        "message_files",
        "settings",
    ] {
        assert!(
            stdout.contains(table),
            "the summary names {table}: {stdout}"
        );
    }
    let rows = |table: &str| -> u64 {
        stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix(table)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("a line for {table}: {stdout}"))
    };
    assert_eq!(rows("users"), 3, "{stdout}");
    assert_eq!(rows("messages"), message_ids.len() as u64, "{stdout}");
    assert_eq!(rows("message_files"), 1, "{stdout}");

    // A second copy into the same database is refused and changes nothing.
    let again = migrate(&from, &target);
    assert!(!again.status.success(), "a second copy must be refused");
    let said = text(&again.stderr);
    assert!(said.contains("not empty"), "{said}");
    assert!(said.starts_with("natter: "), "{said}");

    // natter on the copy: every surface as before, to the same credentials.
    app.start_on(target);
    for ((path, header, value), was) in reads.iter().zip(&before) {
        let now = show(&app, path, &[(*header, *value)]).await;
        assert_eq!(&now, was, "GET {path} with {header} after the copy");
    }
    assert_eq!(download(&app, &ta, file_id).await, picture);

    // New rows get new ids: past every message, user, chat, file and post copied.
    let newest = *message_ids.iter().max().expect("messages");
    let (status, fresh) = app
        .post(&history, &ta, json!({"content": "after the move"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{fresh}");
    assert!(id(&fresh) > newest, "{fresh} after {newest}");
    let (_, unread) = app.get("/messages/api/chats/", &tb).await;
    assert_eq!(
        unread_of_bob(&unread),
        1,
        "the new message is unread for bob"
    );
    let (d, _) = app.register("dave").await;
    assert!(d > a.max(b).max(c), "dave's id {d}");
    let (status, second_room) = app
        .post("/api/rooms/", &ta, json!({"name": "second"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second_room}");
    assert!(id(&second_room) > g.max(room), "{second_room}");
    let (status, second_file) = upload(&app, &ta, "b.txt", "text/plain", b"b".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{second_file}");
    assert!(id(&second_file) > file_id, "{second_file}");
    let (status, second_post) = app
        .post(
            "/profiles/api/posts/",
            &ja,
            json!({"title": "2", "content": "2"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{second_post}");
    assert!(id(&second_post) > id(&post), "{second_post}");
}

/// What the command expects of `--from` and `--to`, said before anything is opened.
#[tokio::test]
async fn migrate_to_postgres_says_what_it_expects_of_from_and_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nothing.db").to_string_lossy().into_owned();
    let file = dir.path().join("natter.db");
    std::fs::write(&file, b"").expect("a file");
    let file = file.to_string_lossy().into_owned();
    let url = "postgres://natter@localhost/natter";
    let cases = [
        (missing.as_str(), url, "no database at --from"),
        (
            url,
            url,
            "--from postgres://natter@localhost/natter is a PostgreSQL database",
        ),
        (dir.path().to_str().expect("a path"), url, "is not a file"),
        (file.as_str(), file.as_str(), "is not a PostgreSQL database"),
    ];
    for (from, to, expected) in cases {
        let out = migrate(from, to);
        let said = text(&out.stderr);
        assert!(!out.status.success(), "{from} -> {to}: {said}");
        assert!(said.starts_with("natter: "), "{said}");
        assert!(said.contains(expected), "{from} -> {to}: {said}");
    }
    assert!(
        !std::path::Path::new(&missing).exists(),
        "nothing is made at a missing --from"
    );
}
