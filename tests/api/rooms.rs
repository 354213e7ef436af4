//! The rooms surface (seed 003): rooms, participants, room messages, files,
//! the room socket with call presence and signalling, errors and rate limits.

use crate::helpers::*;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn create_room(app: &TestApp, auth: &str, body: Value) -> Value {
    let (status, room) = app.post("/api/rooms/", auth, body).await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    room
}

async fn room_id(app: &TestApp, auth: &str, name: &str) -> i64 {
    create_room(app, auth, json!({"name": name})).await["id"]
        .as_i64()
        .unwrap()
}

async fn download(app: &TestApp, auth: &str, file: i64) -> reqwest::Response {
    app.client
        .get(format!("{}/api/files/{file}/download/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .unwrap()
}

fn assert_error(status: StatusCode, body: &Value, want_status: u16, code: &str) {
    assert_eq!(status.as_u16(), want_status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert!(body["details"].is_object(), "{body}");
}

fn media_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.dir.path().join("media"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn rooms_create_list_detail_owner_only_and_privacy() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;

    let (status, body) = app.call(Method::GET, "/api/rooms/", None, None).await;
    assert_error(status, &body, 401, "authentication_required");
    let (status, body) = app.post("/api/rooms/", &ta, json!({"name": "  "})).await;
    assert_error(status, &body, 400, "validation_error");
    assert_eq!(
        body["details"],
        json!({"name": ["Room name cannot be blank."]})
    );
    let (status, body) = app.post("/api/rooms/", &ta, json!({})).await;
    assert_error(status, &body, 400, "validation_error");
    let long = "x".repeat(256);
    let (status, _) = app.post("/api/rooms/", &ta, json!({"name": long})).await;
    assert_eq!(status, 400);
    let (status, body) = app
        .post(
            "/api/rooms/",
            &ta,
            json!({"name": "r", "max_participants": 0}),
        )
        .await;
    assert_error(status, &body, 400, "validation_error");
    assert!(body["details"]["max_participants"].is_array());

    let room = create_room(
        &app,
        &ta,
        json!({"name": " General ", "description": "all things", "max_participants": 2}),
    )
    .await;
    assert_eq!(room["name"], "General");
    assert_eq!(room["description"], "all things");
    assert_eq!(
        room["owner"],
        json!({"id": a, "username": "alice", "email": "alice@example.org", "display_name": "alice"})
    );
    assert_eq!(room["participant_count"], 1);
    assert_eq!(room["max_participants"], 2);
    assert_eq!(room["is_private"], false);
    assert!(room["created_at"].as_str().unwrap().ends_with('Z'));
    let general = room["id"].as_i64().unwrap();
    let secret = create_room(&app, &ta, json!({"name": "Secret", "is_private": true})).await;
    let secret = secret["id"].as_i64().unwrap();
    let third = room_id(&app, &ta, "Third").await;

    // The caller's rooms, newest first, paginated.
    let (status, list) = app.get("/api/rooms/?page_size=2", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(list["count"], 3);
    assert_eq!(list["results"][0]["id"], third);
    assert_eq!(list["results"][1]["id"], secret);
    assert!(list["next"].as_str().unwrap().contains("page=2"));
    assert_eq!(list["previous"], Value::Null);
    let (status, body) = app.get("/api/rooms/?page=9", &ta).await;
    assert_error(status, &body, 404, "not_found");
    let (_, none) = app.get("/api/rooms/", &tb).await;
    assert_eq!(none["count"], 0);
    assert_eq!(none["results"], json!([]));
    // Joinable rooms: public ones, not the private one.
    let (_, joinable) = app.get("/api/rooms/?all=1", &tb).await;
    let ids = result_ids(&joinable);
    assert_eq!(ids, vec![third, general]);

    // Public rooms are visible to strangers; private rooms do not exist for them.
    assert_eq!(app.get(&format!("/api/rooms/{general}/"), &tb).await.0, 200);
    let (status, body) = app.get(&format!("/api/rooms/{secret}/"), &tb).await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = app
        .post(&format!("/api/rooms/{secret}/join/"), &tb, json!({}))
        .await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = app.get("/api/rooms/abc/", &tb).await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = app
        .get(&format!("/api/rooms/{general}/participants/"), &tb)
        .await;
    assert_error(status, &body, 403, "permission_denied");

    // Join, join twice, room full.
    let (status, joined) = app
        .post(&format!("/api/rooms/{general}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200, "{joined}");
    assert_eq!(joined["participant_count"], 2);
    let (status, body) = app
        .post(&format!("/api/rooms/{general}/join/"), &tb, json!({}))
        .await;
    assert_error(status, &body, 400, "validation_error");
    assert_eq!(
        body["details"],
        json!({"user": ["User is already a participant in this room."]})
    );
    let (status, body) = app
        .post(&format!("/api/rooms/{general}/join/"), &tc, json!({}))
        .await;
    assert_error(status, &body, 400, "room_full");

    let (status, people) = app
        .get(&format!("/api/rooms/{general}/participants/"), &tb)
        .await;
    assert_eq!(status, 200);
    assert_eq!(people.as_array().unwrap().len(), 2);
    assert_eq!(people[0]["id"], a);
    assert_eq!(people[0]["user"]["username"], "alice");
    assert_eq!(people[1]["user"]["id"], b);
    assert!(people[1]["joined_at"].is_string());

    // Only the owner changes or deletes the room.
    let path = format!("/api/rooms/{general}/");
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&tb),
            Some(json!({"name": "Mine"})),
        )
        .await;
    assert_error(status, &body, 403, "permission_denied");
    assert_eq!(body["message"], "Only the room owner can update the room.");
    let (status, body) = app.call(Method::DELETE, &path, Some(&tb), None).await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&tc),
            Some(json!({"name": "Mine"})),
        )
        .await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"name": "Renamed", "max_participants": null, "is_private": false})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["name"], "Renamed");
    assert_eq!(body["max_participants"], Value::Null);
    let (status, _) = app
        .post(&format!("/api/rooms/{general}/join/"), &tc, json!({}))
        .await;
    assert_eq!(status, 200, "no longer full");
    let (status, body) = app.call(Method::PUT, "/api/rooms/", Some(&ta), None).await;
    assert_eq!(status, 405, "{body}");

    // Leaving.
    let (status, _) = app
        .post(&format!("/api/rooms/{general}/leave/"), &tc, json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, body) = app
        .post(&format!("/api/rooms/{general}/leave/"), &tc, json!({}))
        .await;
    assert_error(status, &body, 403, "permission_denied");

    let (status, _) = app.call(Method::DELETE, &path, Some(&ta), None).await;
    assert_eq!(status, 204);
    let (status, body) = app.get(&path, &ta).await;
    assert_error(status, &body, 404, "not_found");
    // The rooms are chats of the shared model: visible on the chats surface too.
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(chats["count"], 2);
    assert_eq!(chats["results"][0]["chat_type"], "room");
}

#[tokio::test]
async fn room_messages_rest_and_live_on_the_chats_socket() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let room = room_id(&app, &ta, "Talk").await;
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    let mut all_chats = app.socket("/messages/ws/", &tb).await;

    let path = format!("/api/rooms/{room}/messages/");
    let (status, first) = app.post(&path, &ta, json!({"content": "hello room"})).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["room"], room);
    assert_eq!(first["content"], "hello room");
    assert_eq!(first["author"]["id"], a);
    assert_eq!(first["author"]["username"], "alice");
    assert_eq!(first["attachments"], json!([]));
    let live = wait_for(&mut all_chats, |f| f["type"] == "new_message").await;
    assert_eq!(live["chat_id"], room);
    assert_eq!(live["message"]["content"], "hello room");

    let (_, second) = app.post(&path, &tb, json!({"content": "hi alice"})).await;
    let (status, list) = app.get(&path, &ta).await;
    assert_eq!(status, 200);
    assert_eq!(list["count"], 2);
    assert_eq!(list["results"][0]["id"], second["id"], "newest first");
    assert_eq!(list["results"][1]["author"]["id"], a);
    let (_, one) = app.get(&format!("{path}?page_size=1&page=2"), &ta).await;
    assert_eq!(one["results"][0]["id"], first["id"]);
    assert!(one["previous"].is_string());

    // Non-participants and bad input: who you are, then participation, then the page.
    let (status, body) = app.get(&path, &tc).await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, body) = app.get(&format!("{path}?page=0"), &tc).await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, body) = app
        .call(Method::GET, &format!("{path}?page=0"), None, None)
        .await;
    assert_error(status, &body, 401, "authentication_required");
    let (status, _) = app.get(&format!("{path}?page=99"), &ta).await;
    assert_eq!(status, 404, "a page past the end");
    let (status, body) = app.get("/api/rooms/999999/messages/", &ta).await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = app.post(&path, &tc, json!({"content": "x"})).await;
    assert_error(status, &body, 403, "permission_denied");
    // Posting: who you are, then the room, then participation, then the body.
    let (status, body) = app.call(Method::POST, &path, None, Some(json!({}))).await;
    assert_error(status, &body, 401, "authentication_required");
    let (status, body) = app.post(&path, &tc, json!({})).await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, _) = app
        .post("/api/rooms/999999/messages/", &ta, json!({}))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.post("/api/rooms/x/messages/", &ta, json!({})).await;
    assert_eq!(status, 404);
    let (status, body) = app.post(&path, &ta, json!({})).await;
    assert_error(status, &body, 400, "validation_error");
    assert!(body["details"]["content"].is_array());
    let (status, body) = app
        .post(&path, &ta, json!({"content": "x", "attachment_ids": [999]}))
        .await;
    assert_error(status, &body, 400, "validation_error");
    assert_eq!(
        body["details"],
        json!({"attachments": ["File id 999 not found."]})
    );

    // `/api/messages/{id}/` of a room message.
    let mid = second["id"].as_i64().unwrap();
    let (status, got) = app.get(&format!("/api/messages/{mid}/"), &ta).await;
    assert_eq!(status, 200);
    assert_eq!(got["author"]["id"], b);
    assert_eq!(got["room"], room);
    let (status, body) = app.get(&format!("/api/messages/{mid}/"), &tc).await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{mid}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_error(status, &body, 403, "permission_denied");
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{mid}/"),
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let gone = wait_for(&mut all_chats, |f| f["type"] == "message_deleted").await;
    assert_eq!(gone["message_id"], mid);
    let (_, list) = app.get(&path, &ta).await;
    assert_eq!(list["count"], 1);

    // A direct message id is left to the inbox surface (never the rooms envelope).
    let (status, dm) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "dm", "member_ids": [b]}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, direct) = app
        .post(
            &format!("/messages/api/chats/{}/messages/", dm["id"]),
            &ta,
            json!({"content": "private"}),
        )
        .await;
    let (_, body) = app
        .get(&format!("/api/messages/{}/", direct["id"]), &ta)
        .await;
    assert!(
        !(body["error"].is_string() && body["details"].is_object()),
        "rooms must not answer for a direct message: {body}"
    );
}

#[tokio::test]
async fn files_round_trip_dedup_and_access() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;

    let (status, small) = upload(
        &app,
        &ta,
        "notes.txt",
        "text/plain",
        b"hello, file world!".to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{small}");
    assert_eq!(small["name"], "notes.txt");
    assert_eq!(small["size"], 18);
    assert_eq!(small["content_type"], "text/plain");
    assert!(small["created_at"].is_string());
    let small_id = small["id"].as_i64().unwrap();
    let (status, meta) = app.get(&format!("/api/files/{small_id}/"), &ta).await;
    assert_eq!(status, 200);
    assert_eq!(meta, small);

    // A multi-megabyte file, byte for byte.
    let big: Vec<u8> = (0..3_500_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (status, big_meta) = upload(
        &app,
        &ta,
        "../../etc/big.bin",
        "application/octet-stream",
        big.clone(),
    )
    .await;
    assert_eq!(status, 201, "{big_meta}");
    assert_eq!(big_meta["name"], "big.bin", "no directories in names");
    let resp = download(&app, &ta, big_meta["id"].as_i64().unwrap()).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/octet-stream");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    // Streamed from disk, with its exact length announced up front.
    assert_eq!(resp.headers()["content-length"], "3500000");
    assert_eq!(resp.bytes().await.unwrap().as_ref(), big.as_slice());

    // Identical uploads are stored once.
    assert_eq!(media_files(&app), 2);
    let (status, again) = upload(
        &app,
        &tb,
        "copy.txt",
        "text/plain",
        b"hello, file world!".to_vec(),
    )
    .await;
    assert_eq!(status, 201);
    assert_ne!(again["id"], small["id"]);
    assert_eq!(media_files(&app), 2);

    // HTML is never shown inline; the name is safely quoted.
    let (_, html) = upload(
        &app,
        &ta,
        "r\u{e9}sum\u{e9} \"1\".html",
        "text/html",
        b"<script>alert(1)</script>".to_vec(),
    )
    .await;
    let resp = download(&app, &ta, html["id"].as_i64().unwrap()).await;
    assert_eq!(resp.status(), 200);
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"rsum 1.html\""),
        "{disposition}"
    );
    assert!(
        disposition.ends_with("filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.html"),
        "{disposition}"
    );
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        resp.bytes().await.unwrap().as_ref(),
        b"<script>alert(1)</script>"
    );

    // Strangers may not read it (to them it does not exist); room members may once it is
    // attached there.
    let (status, body) = app.get(&format!("/api/files/{small_id}/"), &tb).await;
    assert_error(status, &body, 404, "not_found");
    let resp = download(&app, &tb, small_id).await;
    assert_eq!(resp.status(), 404);
    let (status, body) = app.get("/api/files/424242/", &ta).await;
    assert_error(status, &body, 404, "not_found");

    let room = room_id(&app, &ta, "Files").await;
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    let (status, body) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &tb,
            json!({"content": "mine?", "attachments": [small_id]}),
        )
        .await;
    assert_error(status, &body, 400, "validation_error");
    assert_eq!(
        body["details"],
        json!({"attachments": ["You can only attach files you uploaded."]})
    );
    let (status, msg) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ta,
            json!({"content": "see file", "attachment_ids": [small_id]}),
        )
        .await;
    assert_eq!(status, 201, "{msg}");
    assert_eq!(msg["attachments"][0]["file"], small);
    // History pages load attachments for the whole page at once; the file is there too.
    let (_, page) = app.get(&format!("/api/rooms/{room}/messages/"), &tb).await;
    let listed = page["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .find(|m| m["id"] == msg["id"])
        .expect("the message is listed");
    assert_eq!(listed["attachments"], msg["attachments"]);
    let resp = download(&app, &tb, small_id).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(resp.bytes().await.unwrap().as_ref(), b"hello, file world!");
    assert_eq!(download(&app, &tc, small_id).await.status(), 404);

    // No file.
    let (status, body) = app.post("/api/files/upload/", &ta, json!({"x": 1})).await;
    assert_error(status, &body, 400, "validation_error");
    assert_eq!(body["details"], json!({"file": ["No file provided."]}));
    let resp = app
        .client
        .post(format!("{}/api/files/upload/", app.base))
        .header("Authorization", &ta)
        .multipart(Form::new().text("other", "value"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["details"], json!({"file": ["No file provided."]}));
    let (status, body) = app
        .call(Method::POST, "/api/files/upload/", None, None)
        .await;
    assert_error(status, &body, 401, "authentication_required");
}

#[tokio::test]
async fn uploads_over_the_limit_are_413() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--max-upload-mb", "1"]).await;
    let (_, ta) = app.register("alice").await;
    // Within the body slack but over the file limit.
    let (status, body) = upload(
        &app,
        &ta,
        "a.bin",
        "application/octet-stream",
        vec![7u8; 1024 * 1024 + 10],
    )
    .await;
    assert_error(status, &body, 413, "payload_too_large");
    // Far over: refused from its Content-Length; the rest of the body is read and
    // dropped before answering, so the client gets its 413 rather than a broken pipe.
    let part = Part::bytes(vec![7u8; 3 * 1024 * 1024]).file_name("b.bin");
    let resp = app
        .client
        .post(format!("{}/api/files/upload/", app.base))
        .header("Authorization", &ta)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .expect("the 413 arrives, not a broken pipe");
    assert_eq!(resp.status(), 413);
    // A client that waits for `100 Continue` is told 413 at once, without being asked
    // for the body.
    let waiting = raw_http(
        &app,
        &format!(
            "POST /api/files/upload/ HTTP/1.1\r\nHost: x\r\nAuthorization: {ta}\r\n\
             Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000000\r\n\
             Expect: 100-continue\r\n\r\n"
        ),
    )
    .await;
    assert!(waiting.starts_with("HTTP/1.1 413"), "{waiting}");
    let (status, ok) = upload(
        &app,
        &ta,
        "c.bin",
        "application/octet-stream",
        vec![7u8; 1024 * 1024],
    )
    .await;
    assert_eq!(status, 201, "{ok}");
    assert_eq!(media_files(&app), 1);
}

#[tokio::test]
async fn room_socket_chat_messages_errors_and_handshakes() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let room = room_id(&app, &ta, "Live").await;
    let secret =
        create_room(&app, &ta, json!({"name": "S", "is_private": true})).await["id"].clone();
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;

    assert_eq!(
        app.try_socket(&format!("/ws/room/{room}/"), "Token nope")
            .await
            .err(),
        Some(401)
    );
    assert_eq!(
        app.try_socket(&format!("/ws/room/{room}/"), &tc)
            .await
            .err(),
        Some(403)
    );
    assert_eq!(
        app.try_socket(&format!("/ws/room/{secret}/"), &tc)
            .await
            .err(),
        Some(404)
    );
    assert_eq!(app.try_socket("/ws/room/999/", &ta).await.err(), Some(404));

    let mut sa = app.socket(&format!("/ws/room/{room}/"), &ta).await;
    let mut sb = app.socket(&format!("/ws/call/{room}/"), &tb).await;
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": "over the socket"}}),
    )
    .await;
    for ws in [&mut sa, &mut sb] {
        let frame = next_json(ws).await;
        assert_eq!(frame["type"], "chat_message");
        assert_eq!(frame["data"]["content"], "over the socket");
        assert_eq!(frame["data"]["author"]["id"], a);
        assert_eq!(frame["data"]["room"], room);
    }
    // A REST message shows up on the socket too, with attachments named either way.
    let (_, file) = upload(&app, &tb, "x.txt", "text/plain", b"x".to_vec()).await;
    send_json(
        &mut sb,
        json!({"type": "chat_message", "data": {"content": "", "attachment_ids": [file["id"]]}}),
    )
    .await;
    let frame = next_json(&mut sa).await;
    assert_eq!(frame["data"]["attachments"][0]["file"]["id"], file["id"]);
    app.post(
        &format!("/api/rooms/{room}/messages/"),
        &tb,
        json!({"content": "via rest"}),
    )
    .await;
    let frame = wait_for(&mut sa, |f| f["data"]["content"] == "via rest").await;
    assert_eq!(frame["type"], "chat_message");

    // Bad frames get error frames; the socket stays open.
    let cases = [
        (json!("not an object"), "validation_error"),
        (json!({"type": "dance", "data": {}}), "unknown_type"),
        (json!({"data": {}}), "validation_error"),
        (
            json!({"type": "chat_message", "data": {"content": "  "}}),
            "validation_error",
        ),
        (
            json!({"type": "chat_message", "data": {"content": "x", "attachments": [424242]}}),
            "validation_error",
        ),
        (
            json!({"type": "offer", "data": {"sdp": "v=0"}}),
            "validation_error",
        ),
    ];
    for (frame, code) in cases {
        send_json(&mut sa, frame.clone()).await;
        let err = next_json(&mut sa).await;
        assert_eq!(err["type"], "error", "{frame}");
        assert_eq!(err["data"]["code"], code, "{frame}: {err}");
        assert!(err["data"]["message"].is_string());
    }
    use futures_util::SinkExt;
    sa.send(tokio_tungstenite::tungstenite::Message::Text(
        "{not json".into(),
    ))
    .await
    .unwrap();
    assert_eq!(next_json(&mut sa).await["data"]["code"], "validation_error");
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": "still open"}}),
    )
    .await;
    assert_eq!(next_json(&mut sa).await["data"]["content"], "still open");
    assert_quiet(&mut sa).await;
}

#[tokio::test]
async fn call_presence_and_signalling_reach_only_their_targets() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let room = room_id(&app, &ta, "Call").await;
    for t in [&tb, &tc] {
        app.post(&format!("/api/rooms/{room}/join/"), t, json!({}))
            .await;
    }
    let (_, idle) = app
        .get(&format!("/api/rooms/{room}/call-state/"), &tc)
        .await;
    assert_eq!(idle, json!({"participants": [], "room_state": "idle"}));

    let mut sa = app.socket(&format!("/ws/call/{room}/"), &ta).await;
    let mut sb = app.socket(&format!("/ws/call/{room}/"), &tb).await;
    let mut sc = app.socket(&format!("/ws/room/{room}/"), &tc).await;

    // Opening a socket is not joining the call.
    assert_quiet(&mut sb).await;
    send_json(&mut sa, json!({"type": "join_call", "data": {}})).await;
    for ws in [&mut sa, &mut sb, &mut sc] {
        let state = next_json(ws).await;
        assert_eq!(state["type"], "call_state");
        assert_eq!(state["data"]["room_state"], "active");
        assert_eq!(
            state["data"]["participants"],
            json!([{"user_id": a, "username": "alice", "state": "active",
                    "microphone_on": true, "camera_on": true, "sfu": false}])
        );
    }
    for ws in [&mut sb, &mut sc] {
        let joined = next_json(ws).await;
        assert_eq!(
            joined,
            json!({"type": "user_joined", "data": {"user": {"id": a, "username": "alice"}}})
        );
    }
    assert_quiet(&mut sa).await;

    send_json(&mut sb, json!({"type": "join_call", "data": {}})).await;
    let state = wait_for(&mut sa, |f| f["type"] == "call_state").await;
    assert_eq!(state["data"]["participants"].as_array().unwrap().len(), 2);
    let joined = next_json(&mut sa).await;
    assert_eq!(joined["data"]["user"]["id"], b);
    wait_for(&mut sc, |f| {
        f["type"] == "user_joined" && f["data"]["user"]["id"] == b
    })
    .await;
    wait_for(&mut sb, |f| {
        f["type"] == "call_state" && f["data"]["participants"].as_array().unwrap().len() == 2
    })
    .await;
    assert_quiet(&mut sb).await;
    let (_, active) = app
        .get(&format!("/api/rooms/{room}/call-state/"), &tc)
        .await;
    assert_eq!(active["room_state"], "active");
    assert_eq!(active["participants"].as_array().unwrap().len(), 2);

    // Signalling reaches only its target, with from_user_id.
    send_json(
        &mut sa,
        json!({"type": "offer", "data": {"target_user_id": b, "sdp": "v=0\r\no=- 1"}}),
    )
    .await;
    let offer = next_json(&mut sb).await;
    assert_eq!(
        offer,
        json!({"type": "offer", "data": {"target_user_id": b, "sdp": "v=0\r\no=- 1", "from_user_id": a}})
    );
    send_json(
        &mut sb,
        json!({"type": "answer", "data": {"target_user_id": a, "sdp": "v=0"}}),
    )
    .await;
    let answer = next_json(&mut sa).await;
    assert_eq!(answer["type"], "answer");
    assert_eq!(answer["data"]["from_user_id"], b);
    send_json(&mut sa, json!({"type": "ice_candidate", "data": {"target_user_id": b, "candidate": {"candidate": "candidate:1", "sdpMid": "0", "sdpMLineIndex": 0}}})).await;
    let ice = next_json(&mut sb).await;
    assert_eq!(ice["data"]["candidate"]["sdpMid"], "0");
    assert_eq!(ice["data"]["from_user_id"], a);
    assert_quiet(&mut sc).await;
    assert_quiet(&mut sa).await;
    assert_quiet(&mut sb).await;

    // leave_call: call_state and user_left to everyone.
    send_json(&mut sb, json!({"type": "leave_call", "data": {}})).await;
    for ws in [&mut sa, &mut sb, &mut sc] {
        let state = next_json(ws).await;
        assert_eq!(state["type"], "call_state");
        assert_eq!(state["data"]["participants"].as_array().unwrap().len(), 1);
        assert_eq!(
            next_json(ws).await,
            json!({"type": "user_left", "data": {"user_id": b}})
        );
    }
    // A dropped socket of someone in the call leaves it.
    drop(sa);
    for ws in [&mut sb, &mut sc] {
        let state = next_json(ws).await;
        assert_eq!(
            state["data"],
            json!({"participants": [], "room_state": "idle"})
        );
        assert_eq!(
            next_json(ws).await,
            json!({"type": "user_left", "data": {"user_id": a}})
        );
    }
    let _ = c;
    let (status, body) = app
        .get(&format!("/api/rooms/{room}/call-state/"), &ta)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["room_state"], "idle");
    let (_, td) = app.register("dave").await;
    let (status, body) = app
        .get(&format!("/api/rooms/{room}/call-state/"), &td)
        .await;
    assert_error(status, &body, 403, "permission_denied");
}

#[tokio::test]
async fn rate_limits_on_uploads_api_and_socket_frames() {
    let app = TestApp::spawn_with(&[]).await;
    let (_, ta) = app.register("alice").await;
    let room = room_id(&app, &ta, "Limits").await; // 1 API request
    for i in 0..10 {
        let (status, body) = upload(
            &app,
            &ta,
            "f.txt",
            "text/plain",
            format!("file {i}").into_bytes(),
        )
        .await;
        assert_eq!(status, 201, "upload {i}: {body}");
    }
    let (status, body) = upload(&app, &ta, "f.txt", "text/plain", b"one more".to_vec()).await;
    assert_error(status, &body, 429, "rate_limited");
    // 12 API requests so far; the 101st in the minute is refused.
    let mut allowed = 12;
    let (status, body) = loop {
        let (status, body) = app.get(&format!("/api/rooms/{room}/"), &ta).await;
        if status != 200 {
            break (status, body);
        }
        allowed += 1;
        assert!(allowed <= 100, "no API limit");
    };
    assert_error(status, &body, 429, "rate_limited");
    assert_eq!(allowed, 100);

    // Socket frames: 60 a minute, then rate_limited error frames on an open socket.
    let mut ws = app.socket(&format!("/ws/room/{room}/"), &ta).await;
    for _ in 0..60 {
        send_json(&mut ws, json!({"type": "leave_call", "data": {}})).await;
    }
    send_json(&mut ws, json!({"type": "leave_call", "data": {}})).await;
    let err = next_json(&mut ws).await;
    assert_eq!(err["type"], "error");
    assert_eq!(err["data"]["code"], "rate_limited");
}

#[tokio::test]
async fn socket_frames_past_the_read_buffer_work_and_over_64_kib_get_an_error_frame() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let room = room_id(&app, &ta, "Big").await;
    let mut sa = app.socket(&format!("/ws/room/{room}/"), &ta).await;

    // 9,000 characters: more than one 4 KiB read, well under the 64 KiB frame limit.
    let long: String = "0123456789".repeat(900);
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": long}}),
    )
    .await;
    let echo = next_json(&mut sa).await;
    assert_eq!(echo["type"], "chat_message");
    assert_eq!(echo["data"]["content"], long.as_str());

    // Over 64 KiB: an error frame, and the socket keeps working.
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": "y".repeat(70 * 1024)}}),
    )
    .await;
    let err = next_json(&mut sa).await;
    assert_eq!(err["type"], "error");
    assert_eq!(err["data"]["code"], "frame_too_large");
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": "still here"}}),
    )
    .await;
    let after = next_json(&mut sa).await;
    assert_eq!(after["data"]["content"], "still here");
}
