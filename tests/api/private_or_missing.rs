//! One answer for private and missing. Someone who may not see a
//! thing gets the same status and the same bytes (headers but `Date` included) as for a
//! thing that does not exist, for every id in a path of every surface, sockets
//! included; an anonymous caller gets one 401 per path whatever the id. Each test is
//! named for the probe it refuses.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An id no table holds.
const MISSING: &str = "999999";

/// An answer as a prober sees it: status, headers other than `Date`, body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| Value::String(self.body.clone()))
    }
}

fn kept_headers<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = pairs
        .filter(|(name, _)| !name.eq_ignore_ascii_case("date"))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
        .collect();
    headers.sort();
    headers
}

/// A request over real HTTP, with an optional `Authorization` and JSON body.
pub(crate) async fn http(
    app: &TestApp,
    method: Method,
    path: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let mut rb = app.client.request(method, format!("{}{}", app.base, path));
    if let Some(auth) = auth {
        rb = rb.header("Authorization", auth);
    }
    if let Some(body) = body {
        rb = rb.json(&body);
    }
    let resp = rb.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let headers = kept_headers(
        resp.headers()
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_str().unwrap_or("?"))),
    );
    let body = resp.text().await.expect("body read");
    Answer {
        status,
        headers,
        body,
    }
}

/// A socket handshake over raw TCP (token in the query when given), answered by a
/// refusal: the HTTP answer as sent.
async fn upgrade(app: &TestApp, path: &str, auth: Option<&str>) -> Answer {
    let target = match auth {
        Some(auth) => format!("{path}?token={}", auth.rsplit(' ').next().unwrap_or("")),
        None => path.to_string(),
    };
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        app.addr
    );
    let mut stream = tokio::net::TcpStream::connect(&app.addr)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let read = async {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                let length = head
                    .lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if buf.len() >= end + 4 + length {
                    let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + length]);
                    return (head, body.into_owned());
                }
            }
            let n = stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&buf));
            buf.extend_from_slice(&chunk[..n]);
        }
    };
    let (head, body) = tokio::time::timeout(WAIT, read)
        .await
        .expect("the handshake was answered");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = kept_headers(
        lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim(), v.trim())),
    );
    Answer {
        status,
        headers,
        body,
    }
}

/// Asserts every answer equals the first, naming the case that differs.
fn assert_same(answers: &[(String, Answer)]) -> &Answer {
    let (first_case, first) = &answers[0];
    for (case, answer) in &answers[1..] {
        assert_eq!(
            answer, first,
            "{case} answers differently from {first_case}"
        );
    }
    first
}

/// Everything the probes aim at: alice and bob share a direct chat (also the messenger
/// room `alice_bob`), a group, a private and a public room; carol is in none of them.
struct World {
    ta: String,
    tb: String,
    tc: String,
    b: i64,
    direct_chat: i64,
    direct_msg: i64,
    deleted_msg: i64,
    group: i64,
    group_msg: i64,
    private_room: i64,
    private_msg: i64,
    public_room: i64,
    public_msg: i64,
    file: i64,
}

/// POSTs `body` to `path` as `auth`: the new thing's id (201, or the test fails).
async fn created(app: &TestApp, auth: &str, path: &str, body: Value) -> i64 {
    let (status, made) = app.post(path, auth, body).await;
    assert_eq!(status, 201, "{path}: {made}");
    made["id"].as_i64().expect("an id")
}

async fn world(app: &TestApp) -> World {
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let id = |v: &Value| v["id"].as_i64().expect("an id");
    let direct = inbox_send(app, &ta, b, "just us").await;
    let deleted = inbox_send(app, &ta, b, "soon gone").await;
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{}/delete_message/", id(&deleted)),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, chats) = app.get("/api/chats/", &ta).await;
    let direct_chat = id(&chats[0]);
    let group = created(
        app,
        &ta,
        "/messages/api/chats/",
        json!({"chat_type": "group", "title": "g", "member_ids": [b]}),
    )
    .await;
    let group_path = format!("/messages/api/chats/{group}/messages/");
    let group_msg = created(app, &ta, &group_path, json!({"content": "group talk"})).await;
    let mut rooms = Vec::new();
    for private in [true, false] {
        let name = format!("private {private}");
        let body = json!({"name": name, "is_private": private});
        let room = created(app, &ta, "/api/rooms/", body).await;
        let room_path = format!("/api/rooms/{room}/messages/");
        let msg = created(app, &ta, &room_path, json!({"content": "room talk"})).await;
        rooms.push((room, msg));
    }
    let (status, file) = upload(app, &ta, "secret.txt", "text/plain", b"secret".to_vec()).await;
    assert_eq!(status, 201, "{file}");
    World {
        ta,
        tb,
        tc,
        b,
        direct_chat,
        direct_msg: id(&direct),
        deleted_msg: id(&deleted),
        group,
        group_msg,
        private_room: rooms[0].0,
        private_msg: rooms[0].1,
        public_room: rooms[1].0,
        public_msg: rooms[1].1,
        file: id(&file),
    }
}

impl World {
    /// Every kind of message id, a missing one and one that cannot exist.
    fn message_ids(&self) -> Vec<String> {
        let mut all = ids(&[
            self.private_msg,
            self.public_msg,
            self.direct_msg,
            self.deleted_msg,
            self.group_msg,
        ]);
        all.push("abc".into());
        all
    }
}

/// A body the unsafe methods carry, so a body check cannot answer first for some ids.
fn body_for(method: &Method) -> Option<Value> {
    (*method != Method::GET).then(|| json!({"content": "probe", "emoji": "x", "user_ids": [1]}))
}

/// Asks `path_of(id)` with `method` for every id, as `auth`; all answers must be the same.
async fn probe(
    app: &TestApp,
    method: Method,
    path_of: impl Fn(&str) -> String,
    ids: &[String],
    auth: Option<&str>,
) -> Answer {
    let body = body_for(&method);
    let ask = async |path: &str| http(app, method.clone(), path, auth, body.clone()).await;
    same_for_all(method.as_str(), ids, path_of, ask).await
}

/// Asks every path `path_of(id)` of `ids` with `ask`; all answers must be the same.
async fn same_for_all(
    label: &str,
    ids: &[String],
    path_of: impl Fn(&str) -> String,
    ask: impl AsyncFn(&str) -> Answer,
) -> Answer {
    let mut answers = Vec::new();
    for id in ids {
        let path = path_of(id);
        answers.push((format!("{label} {path}"), ask(&path).await));
    }
    assert_same(&answers).clone()
}

fn ids(list: &[i64]) -> Vec<String> {
    let mut out: Vec<String> = list.iter().map(i64::to_string).collect();
    out.push(MISSING.to_string());
    out
}

const MESSAGE_METHODS: [Method; 4] = [Method::GET, Method::PUT, Method::PATCH, Method::DELETE];

#[tokio::test]
async fn anonymous_probe_of_message_ids_learns_nothing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let all = w.message_ids();
    let detail = |id: &str| format!("/api/messages/{id}/");
    for method in MESSAGE_METHODS {
        let answer = probe(&app, method.clone(), detail, &all, None).await;
        assert_eq!(answer.status, 401, "{method}");
        assert_eq!(
            answer.json(),
            json!({"error": "authentication_required", "message": "Authentication credentials were not provided.", "details": {}})
        );
        let answer = probe(&app, method.clone(), detail, &all, Some("Token bogus")).await;
        assert_eq!(answer.status, 401, "{method}");
        assert_eq!(answer.json()["error"], "authentication_required");
    }
    // The path's methods do not depend on the id either.
    let answer = probe(&app, Method::POST, detail, &all, None).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.json()["error"], "method_not_allowed");
    // The inbox's own actions answer in DRF's shape, also one per path.
    let update = |id: &str| format!("/api/messages/{id}/update_message/");
    let answer = probe(&app, Method::POST, update, &all, None).await;
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.json(),
        json!({"detail": "Authentication credentials were not provided."})
    );
    let delete = |id: &str| format!("/api/messages/{id}/delete_message/");
    assert_eq!(
        probe(&app, Method::DELETE, delete, &all, None).await.status,
        401
    );
}

#[tokio::test]
async fn outsider_probe_of_message_ids_learns_nothing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let all = w.message_ids();
    let detail = |id: &str| format!("/api/messages/{id}/");
    let missing = json!({"error": "not_found", "message": "No Message matches the given query.", "details": {}});
    for method in MESSAGE_METHODS {
        let answer = probe(&app, method.clone(), detail, &all, Some(&w.tc)).await;
        assert_eq!(answer.status, 404, "{method}");
        assert_eq!(answer.json(), missing);
        // A group message bob can see elsewhere is no message of this path either.
        let group = ids(&[w.group_msg, w.deleted_msg]);
        let answer = probe(&app, method.clone(), detail, &group, Some(&w.tb)).await;
        assert_eq!(answer.json(), missing);
    }
    // Those who may see them are served by the room's and the inbox's rules.
    let (status, room_msg) = app.get(&detail(&w.private_msg.to_string()), &w.ta).await;
    assert_eq!(
        (status.as_u16(), &room_msg["room"]),
        (200, &json!(w.private_room))
    );
    let (status, direct) = app.get(&detail(&w.direct_msg.to_string()), &w.tb).await;
    assert_eq!((status.as_u16(), &direct["receiver"]), (200, &json!(w.b)));
}

#[tokio::test]
async fn someone_elses_message_edit_or_delete_looks_missing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let missing = json!({"detail": "No Message matches the given query."});
    let update = |id: &str| format!("/api/messages/{id}/update_message/");
    let delete = |id: &str| format!("/api/messages/{id}/delete_message/");
    // carol is in none of the chats; alice sees the room and group messages elsewhere.
    for auth in [&w.tc, &w.ta] {
        let all = ids(&[w.private_msg, w.public_msg, w.group_msg, w.deleted_msg]);
        let answer = probe(&app, Method::POST, update, &all, Some(auth)).await;
        assert_eq!((answer.status, answer.json()), (404, missing.clone()));
        let answer = probe(&app, Method::DELETE, delete, &all, Some(auth)).await;
        assert_eq!((answer.status, answer.json()), (404, missing.clone()));
    }
    let all = ids(&[w.direct_msg]);
    let answer = probe(&app, Method::POST, update, &all, Some(&w.tc)).await;
    assert_eq!((answer.status, answer.json()), (404, missing.clone()));
    let answer = probe(&app, Method::DELETE, delete, &all, Some(&w.tc)).await;
    assert_eq!((answer.status, answer.json()), (404, missing));
}

#[tokio::test]
async fn someone_elses_file_looks_missing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let all = ids(&[w.file]);
    let missing =
        json!({"error": "not_found", "message": "No File matches the given query.", "details": {}});
    let meta = |id: &str| format!("/api/files/{id}/");
    let download = |id: &str| format!("/api/files/{id}/download/");
    for auth in [&w.tb, &w.tc] {
        let answer = probe(&app, Method::GET, meta, &all, Some(auth)).await;
        assert_eq!((answer.status, answer.json()), (404, missing.clone()));
        let answer = probe(&app, Method::GET, download, &all, Some(auth)).await;
        assert_eq!((answer.status, answer.json()), (404, missing.clone()));
    }
    assert_eq!(probe(&app, Method::GET, meta, &all, None).await.status, 401);
    assert_eq!(
        probe(&app, Method::GET, download, &all, None).await.status,
        401
    );
    // Its uploader still reads it.
    let (status, _) = app.get(&meta(&w.file.to_string()), &w.ta).await;
    assert_eq!(status, 200);
}

/// Every room endpoint with an id, with the method it is asked with.
fn room_paths() -> Vec<(Method, &'static str)> {
    vec![
        (Method::GET, ""),
        (Method::PATCH, ""),
        (Method::PUT, ""),
        (Method::DELETE, ""),
        (Method::POST, "join/"),
        (Method::POST, "leave/"),
        (Method::GET, "participants/"),
        (Method::GET, "call-state/"),
        (Method::GET, "messages/"),
        (Method::POST, "messages/"),
    ]
}

#[tokio::test]
async fn private_room_looks_missing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    // A private room, a chat that is no room, a direct chat, and no chat at all.
    let hidden = ids(&[w.private_room, w.group, w.direct_chat]);
    let mut with_public = hidden.clone();
    with_public.push(w.public_room.to_string());
    for (method, tail) in room_paths() {
        let path = |id: &str| format!("/api/rooms/{id}/{tail}");
        let answer = probe(&app, method.clone(), path, &hidden, Some(&w.tc)).await;
        assert_eq!(answer.status, 404, "{method} {tail}");
        assert_eq!(
            answer.json(),
            json!({"error": "not_found", "message": "No Room matches the given query.", "details": {}})
        );
        let answer = probe(&app, method.clone(), path, &with_public, None).await;
        assert_eq!(answer.status, 401, "{method} {tail}");
        assert_eq!(answer.json()["error"], "authentication_required");
    }
    // A public room is listed to everyone, so its existence is no secret: carol sees it,
    // and is told she is not a participant.
    let public = w.public_room;
    let (status, _) = app.get(&format!("/api/rooms/{public}/"), &w.tc).await;
    assert_eq!(status, 200);
    let (status, body) = app
        .get(&format!("/api/rooms/{public}/messages/"), &w.tc)
        .await;
    assert_eq!(
        (status.as_u16(), &body["error"]),
        (403, &json!("permission_denied"))
    );
}

#[tokio::test]
async fn someone_elses_chat_looks_missing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let chats = ids(&[w.direct_chat, w.group, w.private_room, w.public_room]);
    let b = w.b;
    let chat_paths: Vec<(Method, String)> = vec![
        (Method::GET, String::new()),
        (Method::PATCH, String::new()),
        (Method::PUT, String::new()),
        (Method::DELETE, String::new()),
        (Method::GET, "messages/".into()),
        (Method::POST, "messages/".into()),
        (Method::POST, "mark-as-read/".into()),
        (Method::POST, "typing/".into()),
        (Method::POST, "members/add/".into()),
        (Method::DELETE, format!("members/{b}/remove/")),
    ];
    for (method, tail) in &chat_paths {
        let path = |id: &str| format!("/messages/api/chats/{id}/{tail}");
        let answer = probe(&app, method.clone(), path, &chats, Some(&w.tc)).await;
        assert_eq!(
            (answer.status, answer.json()),
            (404, json!({"detail": "Not found."})),
            "{method} {tail}"
        );
        let answer = probe(&app, method.clone(), path, &chats, None).await;
        assert_eq!(answer.status, 401, "{method} {tail}");
    }
    let messages = ids(&[
        w.direct_msg,
        w.group_msg,
        w.private_msg,
        w.public_msg,
        w.deleted_msg,
    ]);
    for (method, tail) in [
        (Method::GET, ""),
        (Method::PATCH, ""),
        (Method::PUT, ""),
        (Method::DELETE, ""),
        (Method::POST, "reactions/"),
    ] {
        let path = |id: &str| format!("/messages/api/messages/{id}/{tail}");
        let answer = probe(&app, method.clone(), path, &messages, Some(&w.tc)).await;
        assert_eq!(
            (answer.status, answer.json()),
            (404, json!({"detail": "Not found."})),
            "{method} {tail}"
        );
        assert_eq!(
            probe(&app, method.clone(), path, &messages, None)
                .await
                .status,
            401
        );
    }
    // The dm surface has no path with a chat id: every id is the same unknown path.
    for auth in [Some(w.tc.as_str()), None] {
        let path = |id: &str| format!("/api/chats/{id}/");
        assert_eq!(
            probe(&app, Method::GET, path, &chats, auth).await.status,
            404
        );
    }
    // Members are still served.
    let (status, _) = app
        .get(&format!("/messages/api/chats/{}/", w.group), &w.ta)
        .await;
    assert_eq!(status, 200);
}

/// Refused upgrades of every id in `ids` at `path_of(id)`: the same answer for all.
async fn probe_upgrades(
    app: &TestApp,
    path_of: impl Fn(&str) -> String,
    ids: &[String],
    auth: Option<&str>,
) -> Answer {
    let ask = async |path: &str| upgrade(app, path, auth).await;
    same_for_all("upgrade", ids, path_of, ask).await
}

#[tokio::test]
async fn socket_upgrade_to_someone_elses_chat_looks_missing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let tc = Some(w.tc.as_str());
    let not_found = json!({"detail": "Not found."});
    let no_room = json!({"detail": "No Room matches the given query."});
    let all_chats = ids(&[w.direct_chat, w.group, w.private_room, w.public_room]);
    let chats_socket = |id: &str| format!("/messages/ws/chats/{id}/");
    let answer = probe_upgrades(&app, chats_socket, &all_chats, tc).await;
    assert_eq!((answer.status, answer.json()), (404, not_found.clone()));
    // The dm socket: someone else's DirectChat, a group, a room, nothing.
    let dm_socket = |id: &str| format!("/ws/chat/{id}/");
    let answer = probe_upgrades(&app, dm_socket, &all_chats, tc).await;
    assert_eq!((answer.status, answer.json()), (404, not_found));
    let hidden_rooms = ids(&[w.private_room, w.group, w.direct_chat]);
    for kind in ["room", "call"] {
        let path = |id: &str| format!("/ws/{kind}/{id}/");
        let answer = probe_upgrades(&app, path, &hidden_rooms, tc).await;
        assert_eq!((answer.status, answer.json()), (404, no_room.clone()));
        // A public room is discoverable: carol is told she is not a participant.
        let public = path(&w.public_room.to_string());
        assert_eq!(app.try_socket(&public, &w.tc).await.err(), Some(403));
    }
    // Their members still connect.
    let dm = dm_socket(&w.direct_chat.to_string());
    assert!(app.try_socket(&dm, &w.tb).await.is_ok());
    assert!(app
        .try_socket(&chats_socket(&w.group.to_string()), &w.tb)
        .await
        .is_ok());
}

#[tokio::test]
async fn anonymous_socket_probe_learns_nothing() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let all = ids(&[w.direct_chat, w.group, w.private_room, w.public_room]);
    let paths: [(&str, Vec<String>); 6] = [
        ("/messages/ws/chats/{}/", all.clone()),
        ("/ws/chat/{}/", all.clone()),
        ("/ws/room/{}/", all.clone()),
        ("/ws/call/{}/", all.clone()),
        ("/ws/chat/{}/", vec!["alice".into(), "nobody".into()]),
        (
            "/messenger/ws/ws/chat/{}/",
            vec!["alice_bob".into(), "alice_carol".into()],
        ),
    ];
    for (pattern, ids) in &paths {
        let path = |id: &str| pattern.replace("{}", id);
        for auth in [None, Some("Token bogus")] {
            let answer = probe_upgrades(&app, path, ids, auth).await;
            assert_eq!(answer.status, 401, "{pattern} {auth:?}");
        }
    }
}

#[tokio::test]
async fn messenger_rooms_keep_upstreams_access_denied() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let messages = |name: &str| format!("/messenger/api/chatrooms/{name}/messages/");
    let socket = |name: &str| format!("/messenger/ws/ws/chat/{name}/");
    // Upstream answers a non-member with its own 403, so that answer stands (docs/api.md).
    let (status, body) = app.get(&messages("alice_bob"), &w.tc).await;
    assert_eq!(
        (status.as_u16(), body),
        (403, json!({"error": "Access denied"}))
    );
    let (status, body) = app.get(&messages("alice_carol"), &w.tc).await;
    assert_eq!(
        (status.as_u16(), body),
        (
            404,
            json!({"detail": "No ChatRoom matches the given query."})
        )
    );
    assert_eq!(
        app.try_socket(&socket("alice_bob"), &w.tc).await.err(),
        Some(403)
    );
    assert_eq!(
        app.try_socket(&socket("alice_carol"), &w.tc).await.err(),
        Some(404)
    );
    // Anonymous callers learn nothing, over REST either.
    let names = vec!["alice_bob".to_string(), "alice_carol".to_string()];
    for method in [Method::GET, Method::POST] {
        let answer = probe(&app, method.clone(), messages, &names, None).await;
        assert_eq!(answer.status, 401, "{method}");
    }
}
