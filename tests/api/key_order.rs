//! Every body and frame lists its keys in the order of its seed
//! document (upstream's serializer or consumer order), not alphabetically. Bodies and
//! frames are parsed from their raw text into `serde_json` values, which keep the order
//! written because the package enables `preserve_order` (checked first below).

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The keys of a JSON object, in the order they were written.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Asserts the exact key sequence of `v`; `what` names the shape in a failure.
fn assert_keys(what: &str, v: &Value, expected: &[&str]) {
    assert_eq!(keys(v), expected, "{what}: {v}");
}

/// The first element of a JSON array.
fn first(v: &Value) -> &Value {
    v.as_array()
        .and_then(|a| a.first())
        .unwrap_or_else(|| panic!("not a non-empty array: {v}"))
}

/// POSTs `body` without credentials, expecting `status`; returns the answer.
async fn post_anon(app: &TestApp, path: &str, body: Value, status: StatusCode) -> Value {
    let (got, answer) = app.call(Method::POST, path, None, Some(body)).await;
    assert_eq!(got, status, "{path}: {answer}");
    answer
}

/// A JWT `Bearer` header for `username` from `/accounts/api/token/`, checking the
/// pair's key order on the way.
async fn bearer(app: &TestApp, username: &str) -> String {
    let body = json!({"username": username, "password": "correct-horse"});
    let pair = post_anon(app, "/accounts/api/token/", body, StatusCode::OK).await;
    assert_keys("token pair", &pair, &["refresh", "access"]);
    format!("Bearer {}", pair["access"].as_str().expect("access"))
}

#[test]
fn parsing_keeps_the_order_written() {
    // Without `preserve_order` these would come back sorted and the tests below could
    // not tell the server's order from serde_json's.
    let v: Value = serde_json::from_str(r#"{"b": 1, "a": {"d": 2, "c": 3}}"#).unwrap();
    assert_keys("outer", &v, &["b", "a"]);
    assert_keys("inner", &v["a"], &["d", "c"]);
    assert_eq!(json!({"z": 1, "y": 2}).to_string(), r#"{"z":1,"y":2}"#);
}

/// Seed 000: messages `id, sender, receiver, content, timestamp`; pages `count, next,
/// previous, results`; socket frames `sender, receiver, message, id` (and
/// `message_id` / `deleted_message_id` for edits and deletes).
#[tokio::test]
async fn inbox_message_page_and_socket_frames() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;

    let login = post_anon(
        &app,
        "/api/auth/login/",
        json!({"username": "alice", "password": "correct-horse"}),
        StatusCode::OK,
    )
    .await;
    assert_keys("login", &login, &["token", "user"]);
    let bad = post_anon(
        &app,
        "/api/auth/login/",
        json!({"username": "alice", "password": "wrong-horse"}),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_keys("failed login", &bad, &["error", "detail"]);

    const MESSAGE: [&str; 5] = ["id", "sender", "receiver", "content", "timestamp"];
    let sent = inbox_send(&app, &ta, b, "hello").await;
    assert_keys("sent message", &sent, &MESSAGE);
    let (_, page) = app.get("/api/messages/?page_size=1", &tb).await;
    assert_keys("page", &page, &["count", "next", "previous", "results"]);
    assert_keys("listed message", first(&page["results"]), &MESSAGE);

    let mut ws = app.socket("/ws/chat/bob/", &ta).await;
    send_json(&mut ws, json!({"message": "over the socket"})).await;
    let created = next_json(&mut ws).await;
    assert_keys(
        "new frame",
        &created,
        &["sender", "receiver", "message", "id"],
    );
    let id = created["id"].clone();
    send_json(&mut ws, json!({"message_id": id, "message": "edited"})).await;
    let edited = next_json(&mut ws).await;
    assert_keys(
        "edit frame",
        &edited,
        &["sender", "receiver", "message", "message_id"],
    );
    send_json(&mut ws, json!({"delete_message_id": id})).await;
    let deleted = next_json(&mut ws).await;
    assert_keys(
        "delete frame",
        &deleted,
        &["sender", "receiver", "deleted_message_id"],
    );
}

/// Seed 001: chats `id, title, chat_type, created_at, updated_at, last_message,
/// unread_count, members` (detail: `members, admins`), then natter's `is_archived`;
/// users `id, username, display_name, avatar_url`, then natter's `is_active`; messages `id, content,
/// created_at, updated_at, is_edited, is_deleted, sender, reactions, read_by`, then
/// `chat` (its detail example) and natter's `attachments`, on the hand-written history
/// page too; socket events `type`, natter's `chat_id`, then the event's keys.
#[tokio::test]
async fn chats_chat_message_history_page_and_socket_events() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let mut bob_ws = app.socket("/messages/ws/", &tb).await;

    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "Team", "member_ids": [b]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    assert_keys(
        "chat detail",
        &chat,
        &[
            "id",
            "title",
            "chat_type",
            "created_at",
            "updated_at",
            "last_message",
            "unread_count",
            "members",
            "admins",
            "description",
            "is_archived",
            "channel_unread_count",
            "untitled",
            "topic",
        ],
    );
    assert_keys(
        "member",
        first(&chat["members"]),
        &["id", "username", "display_name", "avatar_url", "is_active"],
    );
    let chat_id = chat["id"].as_i64().unwrap();

    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat_id}/messages/"),
            &ta,
            json!({"content": "Hello!"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    const MESSAGE: [&str; 15] = [
        "id",
        "content",
        "created_at",
        "updated_at",
        "is_edited",
        "is_deleted",
        "sender",
        "reactions",
        "read_by",
        "chat",
        "attachments",
        "reply_to",
        "thread_id",
        "in_channel",
        "thread",
    ];
    assert_keys("sent message", &sent, &MESSAGE);
    assert_keys(
        "sender",
        &sent["sender"],
        &["id", "username", "display_name", "avatar_url", "is_active"],
    );
    let message_id = sent["id"].as_i64().unwrap();

    // The numbered and the keyset history pages are both written by hand.
    for query in ["", "?before=999999999"] {
        let (status, page) = app
            .get(
                &format!("/messages/api/chats/{chat_id}/messages/{query}"),
                &tb,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_keys(
            "history page",
            &page,
            &["count", "next", "previous", "results"],
        );
        assert_keys("history message", first(&page["results"]), &MESSAGE);
    }

    let (_, chats) = app.get("/messages/api/chats/", &tb).await;
    assert_keys(
        "chat page",
        &chats,
        &["count", "next", "previous", "results"],
    );
    let listed = first(&chats["results"]);
    assert_keys(
        "listed chat",
        listed,
        &[
            "id",
            "title",
            "chat_type",
            "created_at",
            "updated_at",
            "last_message",
            "unread_count",
            "members",
            "is_archived",
            "channel_unread_count",
            "untitled",
            "topic",
        ],
    );
    assert_keys(
        "last message",
        &listed["last_message"],
        &["id", "content", "created_at", "sender"],
    );
    assert_keys(
        "last message sender",
        &listed["last_message"]["sender"],
        &["id", "username", "display_name"],
    );

    let (_, reacted) = app
        .post(
            &format!("/messages/api/messages/{message_id}/reactions/"),
            &tb,
            json!({"emoji": "👍"}),
        )
        .await;
    assert_keys(
        "reaction",
        &reacted,
        &["action", "emoji", "message_id", "reactions"],
    );
    assert_keys(
        "reaction group",
        first(&reacted["reactions"]),
        &["emoji", "count", "users"],
    );
    let (_, marked) = app
        .post(
            &format!("/messages/api/chats/{chat_id}/mark-as-read/"),
            &tb,
            json!({}),
        )
        .await;
    assert_keys("mark as read", &marked, &["status", "marked_count"]);
    let (status, refused) = app
        .post("/messages/api/chats/", &ta, json!({"chat_type": "bogus"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_keys("400", &refused, &["error", "details"]);

    let created = wait_for(&mut bob_ws, |f| f["type"] == "new_message").await;
    assert_keys("new_message", &created, &["type", "chat_id", "message"]);
    assert_keys("new_message message", &created["message"], &MESSAGE);
    let reaction = wait_for(&mut bob_ws, |f| f["type"] == "reaction_updated").await;
    assert_keys(
        "reaction_updated",
        &reaction,
        &["type", "chat_id", "message_id", "reactions"],
    );
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{message_id}/"),
            Some(&ta),
            Some(json!({"content": "Updated"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let updated = wait_for(&mut bob_ws, |f| f["type"] == "message_updated").await;
    assert_keys("message_updated", &updated, &["type", "chat_id", "message"]);
    assert_keys(
        "message_updated message",
        &updated["message"],
        &[
            "id",
            "content",
            "created_at",
            "updated_at",
            "is_edited",
            "is_deleted",
            "sender",
            "chat",
            "attachments",
            "reply_to",
            "thread_id",
            "in_channel",
            "thread",
        ],
    );
}

/// Seed 002: users `id, username` (then `email`); chats `id, participants, other_user,
/// created, last_message, unread_count`; socket `{"message": {id, sender, body,
/// created, is_read}}`.
#[tokio::test]
async fn dm_users_chats_and_socket_frames() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;

    let (_, users) = app.get("/api/users/", &ta).await;
    assert_keys("user", first(&users), &["id", "username", "email"]);
    inbox_send(&app, &ta, b, "Hello there!").await;
    let (status, chat) = app
        .post("/api/chats/create/", &ta, json!({"user_id": b}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    const CHAT: [&str; 6] = [
        "id",
        "participants",
        "other_user",
        "created",
        "last_message",
        "unread_count",
    ];
    assert_keys("created chat", &chat, &CHAT);
    assert_keys(
        "participant",
        first(&chat["participants"]),
        &["id", "username"],
    );
    let (_, chats) = app.get("/api/chats/", &tb).await;
    let listed = first(&chats);
    assert_keys("listed chat", listed, &CHAT);
    assert_keys(
        "last message",
        &listed["last_message"],
        &["body", "created", "sender"],
    );
    let (status, refused) = app
        .post("/api/chats/create/", &ta, json!({"user_id": a}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_keys("400", &refused, &["user_id"]);

    const MESSAGE: [&str; 5] = ["id", "sender", "body", "created", "is_read"];
    let chat_id = chat["id"].as_i64().unwrap();
    let mut ws = app.socket(&format!("/ws/chat/{chat_id}/"), &tb).await;
    let replayed = next_json(&mut ws).await;
    assert_keys("replayed frame", &replayed, &["message"]);
    assert_keys("replayed message", &replayed["message"], &MESSAGE);
    send_json(&mut ws, json!({"body": "Hello, how are you?"})).await;
    let live = next_json(&mut ws).await;
    assert_keys("live message", &live["message"], &MESSAGE);
}

/// Seed 003: `{"token", "user": {id, email, username}}` (its login example), then
/// `display_name`; rooms, messages `id, room, author, content, attachments,
/// created_at`, files, the `error, message, details` envelope; socket `type, data`
/// with `data` in upstream's order (`from_user_id` first on relayed signals).
#[tokio::test]
async fn rooms_bodies_errors_and_socket_frames() {
    let app = TestApp::spawn().await;
    const USER: [&str; 4] = ["id", "email", "username", "display_name"];
    let registered = post_anon(
        &app,
        "/api/auth/register/",
        json!({"username": "alice", "email": "alice@example.org", "password": "correct-horse"}),
        StatusCode::CREATED,
    )
    .await;
    assert_keys("register", &registered, &["token", "user"]);
    assert_keys("registered user", &registered["user"], &USER);
    let ta = format!("Token {}", registered["token"].as_str().unwrap());
    let (b, tb) = app.register("bob").await;
    let login = post_anon(
        &app,
        "/api/auth/login/",
        json!({"email": "alice@example.org", "password": "correct-horse"}),
        StatusCode::OK,
    )
    .await;
    assert_keys("login user", &login["user"], &USER);
    let (_, me) = app.get("/api/auth/me/", &ta).await;
    assert_keys("me", &me, &USER);

    let (status, room) = app.post("/api/rooms/", &ta, json!({"name": "Call"})).await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    assert_keys(
        "room",
        &room,
        &[
            "id",
            "name",
            "description",
            "owner",
            "participant_count",
            "max_participants",
            "is_private",
            "created_at",
            "updated_at",
        ],
    );
    assert_keys("owner", &room["owner"], &USER);
    let room_id = room["id"].as_i64().unwrap();
    app.post(&format!("/api/rooms/{room_id}/join/"), &tb, json!({}))
        .await;
    let (_, rooms) = app.get("/api/rooms/", &ta).await;
    assert_keys(
        "room page",
        &rooms,
        &["count", "next", "previous", "results"],
    );
    let (_, participants) = app
        .get(&format!("/api/rooms/{room_id}/participants/"), &ta)
        .await;
    assert_keys(
        "participant",
        first(&participants),
        &["id", "user", "joined_at"],
    );
    let (_, state) = app
        .get(&format!("/api/rooms/{room_id}/call-state/"), &ta)
        .await;
    assert_keys("call state", &state, &["participants", "room_state"]);
    let (status, missing) = app.get("/api/rooms/999999/", &ta).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    assert_keys("404", &missing, &["error", "message", "details"]);

    let (status, file) = upload(&app, &ta, "a.txt", "text/plain", b"hello".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    assert_keys(
        "file",
        &file,
        &["id", "name", "size", "content_type", "created_at"],
    );
    const MESSAGE: [&str; 6] = [
        "id",
        "room",
        "author",
        "content",
        "attachments",
        "created_at",
    ];
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room_id}/messages/"),
            &ta,
            json!({"content": "Hello, world!", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_keys("sent message", &sent, &MESSAGE);
    assert_keys("author", &sent["author"], &USER);
    assert_keys("attachment", first(&sent["attachments"]), &["id", "file"]);

    let mut sa = app.socket(&format!("/ws/room/{room_id}/"), &ta).await;
    let mut sb = app.socket(&format!("/ws/room/{room_id}/"), &tb).await;
    send_json(
        &mut sa,
        json!({"type": "chat_message", "data": {"content": "Hello, world!"}}),
    )
    .await;
    let chat_message = wait_for(&mut sb, |f| f["type"] == "chat_message").await;
    assert_keys("chat_message", &chat_message, &["type", "data"]);
    assert_keys("chat_message data", &chat_message["data"], &MESSAGE);
    send_json(&mut sa, json!({"type": "join_call", "data": {}})).await;
    let call_state = wait_for(&mut sb, |f| f["type"] == "call_state").await;
    assert_keys(
        "call_state data",
        &call_state["data"],
        &["participants", "room_state"],
    );
    assert_keys(
        "call participant",
        first(&call_state["data"]["participants"]),
        &[
            "user_id",
            "username",
            "state",
            "microphone_on",
            "camera_on",
            "sfu",
        ],
    );
    let joined = wait_for(&mut sb, |f| f["type"] == "user_joined").await;
    assert_keys(
        "user_joined user",
        &joined["data"]["user"],
        &["id", "username"],
    );
    // Signals go only between people in the call.
    send_json(&mut sb, json!({"type": "join_call", "data": {}})).await;
    wait_for(&mut sa, |f| f["type"] == "user_joined").await;
    send_json(
        &mut sa,
        json!({"type": "offer", "data": {"target_user_id": b, "sdp": "v=0"}}),
    )
    .await;
    let offer = wait_for(&mut sb, |f| f["type"] == "offer").await;
    assert_keys("offer", &offer, &["type", "data"]);
    assert_keys(
        "offer data",
        &offer["data"],
        &["from_user_id", "target_user_id", "sdp"],
    );
    send_json(&mut sa, json!({"type": "nope", "data": {}})).await;
    let error = wait_for(&mut sa, |f| f["type"] == "error").await;
    assert_keys("error frame", &error, &["type", "data"]);
    assert_keys("error data", &error["data"], &["code", "message"]);
}

/// Seed 004: token pair `refresh, access`; users `id, username, email`; profile `id,
/// username, email, profile {image, bio, friends}, posts`; chat rooms `id, name,
/// members, display_name`; messages, REST and socket, `id, user, content, timestamp`;
/// SimpleJWT's `detail, code, messages`.
#[tokio::test]
async fn messenger_bodies_jwt_error_and_socket_frame() {
    let app = TestApp::spawn().await;
    let created = post_anon(
        &app,
        "/accounts/api/users/",
        json!({"username": "alice", "email": "alice@example.org", "password": "correct-horse"}),
        StatusCode::CREATED,
    )
    .await;
    assert_keys("created user", &created, &["id", "username", "email"]);
    app.register("bob").await;
    let ta = bearer(&app, "alice").await;

    let (_, users) = app.get("/accounts/api/users/", &ta).await;
    assert_keys("user", first(&users), &["id", "username", "email"]);
    let (status, post) = app
        .post(
            "/profiles/api/posts/",
            &ta,
            json!({"title": "Пост 1", "content": "Текст"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{post}");
    assert_keys("post", &post, &["id", "title", "content", "created_at"]);
    let (_, profile) = app.get("/profiles/api/profile/", &ta).await;
    assert_keys(
        "profile",
        &profile,
        &["id", "username", "email", "profile", "posts"],
    );
    assert_keys(
        "profile.profile",
        &profile["profile"],
        &["image", "bio", "friends"],
    );
    let (_, room) = app
        .post(
            "/messenger/api/chatrooms/",
            &ta,
            json!({"recipient": "bob"}),
        )
        .await;
    assert_keys("room", &room, &["id", "name", "members", "display_name"]);

    const MESSAGE: [&str; 4] = ["id", "user", "content", "timestamp"];
    let mut ws = app.socket("/messenger/ws/ws/chat/alice_bob/", &ta).await;
    let (status, sent) = app
        .post(
            "/messenger/api/chatrooms/alice_bob/messages/",
            &ta,
            json!({"content": "Привет!"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_keys("sent message", &sent, &MESSAGE);
    let frame = next_json(&mut ws).await;
    assert_keys("socket message", &frame, &MESSAGE);

    let (status, refused) = app.get("/profiles/api/profile/", "Bearer x.y.z").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{refused}");
    assert_keys("bad JWT", &refused, &["detail", "code", "messages"]);
    assert_keys(
        "bad JWT message",
        first(&refused["messages"]),
        &["token_class", "token_type", "message"],
    );
}
