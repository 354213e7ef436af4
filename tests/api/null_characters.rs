//! A NUL (`\u0000`) in any text a client sends is DRF's 400 "Null characters are not
//! allowed." in the surface's shape, on both stores: PostgreSQL cannot
//! store one, so before this it was a 500 there and stored text on SQLite. The whole API
//! suite also runs on PostgreSQL (`NATTER_TEST_DB=postgres`), so each case here is
//! checked on both.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const NUL: &str = "Null characters are not allowed.";

/// Whether `body` names `field` with DRF's NUL message (`{field: [message]}`), or, in
/// the rooms surface's envelope, carries it among its details.
fn refuses_nul(body: &Value, field: &str) -> bool {
    let listed = |v: &Value| {
        v[field]
            .as_array()
            .is_some_and(|m| m.iter().any(|m| m == NUL))
    };
    listed(body) || listed(&body["error"]["details"]) || body.to_string().contains(NUL)
}

#[tokio::test]
async fn bodies_with_a_nul_are_400_naming_the_field_and_store_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let cases: Vec<(Method, &str, Value, &str)> = vec![
        (
            Method::POST,
            "/api/messages/",
            json!({"receiver": b, "content": "hi\u{0}there"}),
            "content",
        ),
        (
            Method::POST,
            "/api/rooms/",
            json!({"name": "room\u{0}", "description": "x"}),
            "name",
        ),
        (
            Method::POST,
            "/messages/api/chats/",
            json!({"chat_type": "group", "title": "g\u{0}", "member_ids": [b]}),
            "title",
        ),
        (
            Method::POST,
            "/profiles/api/posts/",
            json!({"title": "t", "content": "\u{0}"}),
            "content",
        ),
        (
            Method::PATCH,
            "/profiles/api/profile/",
            json!({"bio": "a\u{0}b"}),
            "bio",
        ),
    ];
    for (method, path, body, field) in cases {
        let (status, answer) = app.call(method.clone(), path, Some(&ta), Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {path}: {answer}");
        assert!(refuses_nul(&answer, field), "{method} {path}: {answer}");
    }
    // Nothing was stored: alice's inbox is as empty as before.
    let (status, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 0, "{page}");
    // A form body is read the same way.
    let resp = app
        .client
        .post(format!("{}/api/messages/", app.base))
        .header("Authorization", &ta)
        .form(&[
            ("receiver", b.to_string()),
            ("content", "a\u{0}".to_string()),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.expect("JSON");
    assert!(refuses_nul(&body, "content"), "{body}");
}

#[tokio::test]
async fn query_parameters_with_a_nul_are_400_and_registration_too() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    for path in [
        "/api/messages/?user=%00",
        "/api/messages/?search=a%00",
        "/messages/api/search/?q=x%00",
        "/profiles/api/search-user/?username=%00",
        "/api/rooms/?search=%00",
    ] {
        let (status, body) = app.get(path, &ta).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(body.to_string().contains(NUL), "{path}: {body}");
    }
    // Anonymous is still 401 first.
    let (status, _) = app
        .call(Method::GET, "/api/messages/?user=%00", None, None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "nul\u{0}", "email": "n@example.org", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(refuses_nul(&body, "username"), "{body}");
    // Names taken from a path: no such room, no such user.
    let (status, _) = app
        .get("/messenger/api/chatrooms/a%00b/messages/", &ta)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.try_socket("/ws/chat/a%00b/", &ta).await.err(),
        Some(404)
    );
}

#[tokio::test]
async fn a_socket_frame_with_a_nul_is_an_error_frame_and_the_socket_stays_open() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (room, _) = {
        let (status, room) = app
            .post(
                "/api/rooms/",
                &ta,
                json!({"name": "lobby", "description": ""}),
            )
            .await;
        assert_eq!(status, 201, "{room}");
        (room["id"].as_i64().expect("room id"), ())
    };
    let mut ws = app.socket(&format!("/ws/room/{room}/"), &ta).await;
    send_json(
        &mut ws,
        json!({"type": "chat_message", "data": {"content": "a\u{0}b"}}),
    )
    .await;
    let error = wait_for(&mut ws, |f| f["type"] == "error").await;
    assert_eq!(error["data"]["message"], NUL, "{error}");
    send_json(
        &mut ws,
        json!({"type": "chat_message", "data": {"content": "fine"}}),
    )
    .await;
    let sent = wait_for(&mut ws, |f| f["type"] == "chat_message").await;
    assert_eq!(sent["data"]["content"], "fine", "{sent}");
}

/// A Matrix app's body with a NUL anywhere (a value, a key, at any depth) is Matrix's 400
/// `M_BAD_JSON`, and a path segment or query parameter with one `M_INVALID_PARAM`:
/// nothing is kept, on either store. An encrypted event is no exception: its ciphertext,
/// keys and ids are base64 or plain ASCII, so a NUL in one is no event at all.
#[tokio::test]
async fn a_matrix_app_sending_a_nul_is_400_and_nothing_is_kept() {
    use crate::matrix_http::{self as mx, V3};
    let app = mx::spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;
    let token = mx::token_of(&mx::sign_in(&app, "alice", None).await);
    let me = format!("@alice:{}", mx::SERVER);
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "title": "team", "member_ids": [bob]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let chat = group["id"].as_i64().expect("a chat id");
    let room = mx::room(chat);
    let history_path = format!("/messages/api/chats/{chat}/messages/");
    let (status, history) = app.get(&history_path, &alice).await;
    assert_eq!(status, 200, "{history}");
    let rooms = mx::get(&app, &token, "/joined_rooms").await.body;

    let refused: Vec<(Method, String, Value)> = vec![
        (
            Method::PUT,
            format!("/rooms/{room}/send/m.room.message/t1"),
            json!({"msgtype": "m.text", "body": "hi\u{0}there"}),
        ),
        (
            Method::PUT,
            format!("/rooms/{room}/send/m.room.message/t2"),
            json!({"msgtype": "m.text", "body": "hi", "x\u{0}": true}),
        ),
        (
            Method::PUT,
            format!("/rooms/{room}/send/m.room.encrypted/t3"),
            json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgA\u{0}EpA",
                   "sender_key": "k", "session_id": "s", "device_id": "D"}),
        ),
        (
            Method::PUT,
            format!("/rooms/{room}/state/m.room.topic/"),
            json!({"topic": "a\u{0}b"}),
        ),
        (
            Method::PUT,
            format!("/rooms/{room}/state/m.room.name/"),
            json!({"name": "\u{0}"}),
        ),
        (
            Method::PUT,
            format!("/profile/{me}/displayname"),
            json!({"displayname": "Ana\u{0}"}),
        ),
        (
            Method::PUT,
            format!("/user/{me}/account_data/org.example.nul"),
            json!({"deep": [{"text": "x\u{0}"}]}),
        ),
        (
            Method::PUT,
            format!("/user/{me}/rooms/{room}/account_data/org.example.nul"),
            json!({"k\u{0}": 1}),
        ),
        (
            Method::POST,
            "/createRoom".into(),
            json!({"name": "room\u{0}", "topic": "t"}),
        ),
        (
            Method::POST,
            format!("/user/{me}/filter"),
            json!({"room": {"timeline": {"types": ["m.room.message\u{0}"]}}}),
        ),
    ];
    for (method, path, body) in refused {
        let a = mx::mx(
            &app,
            method.clone(),
            &format!("{V3}{path}"),
            Some(&token),
            Some(body),
        )
        .await;
        mx::assert_error(&a, 400, "M_BAD_JSON");
        assert!(
            a.body["error"].as_str().unwrap_or("").contains("NUL"),
            "{method} {path}: {}",
            a.body
        );
    }
    // A NUL in a transaction id, a type or a query parameter is no text natter keeps.
    for (method, path, body) in [
        (
            Method::PUT,
            format!("/rooms/{room}/send/m.room.message/t%00x"),
            Some(json!({"msgtype": "m.text", "body": "fine"})),
        ),
        (
            Method::PUT,
            format!("/user/{me}/account_data/org.example%00"),
            Some(json!({"a": 1})),
        ),
        (
            Method::GET,
            format!("/rooms/{room}/messages?dir=b&from=%00"),
            None,
        ),
    ] {
        let a = mx::mx(
            &app,
            method.clone(),
            &format!("{V3}{path}"),
            Some(&token),
            body,
        )
        .await;
        mx::assert_error(&a, 400, "M_INVALID_PARAM");
    }

    // Nothing was kept: no message, no room, no setting, the same name and topic.
    assert_eq!(app.get(&history_path, &alice).await.1, history);
    assert_eq!(mx::get(&app, &token, "/joined_rooms").await.body, rooms);
    for path in [
        format!("/user/{me}/account_data/org.example.nul"),
        format!("/user/{me}/rooms/{room}/account_data/org.example.nul"),
    ] {
        mx::assert_error(&mx::get(&app, &token, &path).await, 404, "M_NOT_FOUND");
    }
    let profile = mx::get(&app, &token, &format!("/profile/{me}/displayname")).await;
    assert_eq!(profile.body["displayname"], "alice", "{}", profile.body);
    let (_, seen) = app
        .get(&format!("/messages/api/chats/{chat}/"), &alice)
        .await;
    assert_eq!(
        (&seen["title"], &seen["topic"]),
        (&json!("team"), &json!("")),
        "{seen}"
    );

    // The text `\u0000` typed as six characters is text, not a NUL.
    let a = mx::put(
        &app,
        &token,
        &format!("/rooms/{room}/send/m.room.message/t9"),
        json!({"msgtype": "m.text", "body": "escape: \\u0000"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
}

#[tokio::test]
async fn an_oauth_app_sending_a_nul_is_told_so_and_nothing_is_kept() {
    let app = crate::matrix_http::spawn().await;
    let registered = crate::matrix_http::mx(
        &app,
        Method::POST,
        "/_matrix/client/v1/oauth/register",
        None,
        Some(json!({
            "client_name": "Ele\u{0}ment",
            "client_uri": "https://app.example.com",
            "redirect_uris": ["https://app.example.com/cb"],
            "token_endpoint_auth_method": "none",
        })),
    )
    .await;
    assert_eq!(
        registered.status,
        StatusCode::BAD_REQUEST,
        "{}",
        registered.body
    );
    assert_eq!(registered.body["error"], "invalid_client_metadata");
    for path in ["token", "revoke"] {
        let answer = app
            .client
            .post(format!("{}/_matrix/client/v1/oauth/{path}", app.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("grant_type=refresh_token&client_id=nmc_%00&refresh_token=x&token=%00")
            .send()
            .await
            .expect("sent");
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{path}");
        let body: Value = answer.json().await.expect("json");
        assert_eq!(body["error"], "invalid_request", "{path}: {body}");
    }
}
