//! The dm surface (seed 002): `/api/users/`, `/api/chats/`,
//! `/api/chats/create/` and the DirectChat socket `/ws/chat/{chat_id}/`.

use crate::helpers::*;
use futures_util::SinkExt;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn create(app: &TestApp, auth: &str, user_id: i64) -> Value {
    let (status, chat) = app
        .post("/api/chats/create/", auth, json!({"user_id": user_id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    chat
}

fn is_dm_time(s: &Value) -> bool {
    let s = s.as_str().unwrap_or("");
    s.len() == 19
        && s.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 | 16 => c == ':',
            _ => c.is_ascii_digit(),
        })
}

#[tokio::test]
async fn dm_users_and_chats() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, _) = app.register("carol").await;

    let (status, users) = app.get("/api/users/", &ta).await;
    assert_eq!(status, 200);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bob", "carol"], "everyone but the caller");

    let (status, list) = app.get("/api/chats/", &ta).await;
    assert_eq!((status, list), (StatusCode::OK, json!([])));

    let with_bob = create(&app, &ta, b).await;
    assert_eq!(
        with_bob["participants"],
        json!([{"id": a, "username": "alice"}, {"id": b, "username": "bob"}])
    );
    assert_eq!(with_bob["other_user"], json!({"id": b, "username": "bob"}));
    assert_eq!(with_bob["last_message"], Value::Null);
    assert_eq!(with_bob["unread_count"], 0);
    let created = with_bob["created"].as_str().unwrap();
    assert!(created.ends_with('Z') && created.contains('T'), "{created}");
    // The same pair, from either side: the same chat, still 201.
    let again = create(&app, &ta, b).await;
    assert_eq!(again["id"], with_bob["id"]);
    let from_bob = create(&app, &tb, a).await;
    assert_eq!(from_bob["id"], with_bob["id"]);
    assert_eq!(
        from_bob["other_user"],
        json!({"id": a, "username": "alice"})
    );
    let with_carol = create(&app, &ta, c).await;

    // Bob writes twice (through the inbox surface: the same chat).
    inbox_send(&app, &tb, a, "first").await;
    inbox_send(&app, &tb, a, "Hello there!").await;
    // A note to self (inbox) is no DirectChat with another participant: not listed.
    inbox_send(&app, &ta, a, "memo").await;

    let (status, list) = app.get("/api/chats/", &ta).await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], with_carol["id"], "newest chat first");
    assert_eq!(list[1]["id"], with_bob["id"]);
    assert_eq!(list[1]["unread_count"], 2);
    assert_eq!(list[1]["last_message"]["body"], "Hello there!");
    assert_eq!(list[1]["last_message"]["sender"], "bob");
    assert!(list[1]["last_message"]["created"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert_eq!(list[0]["last_message"], Value::Null);
    let (_, bobs) = app.get("/api/chats/", &tb).await;
    assert_eq!(bobs.as_array().unwrap().len(), 1);
    assert_eq!(
        bobs[0]["unread_count"], 0,
        "your own messages are not unread"
    );

    // Errors, per field.
    let cases = [
        (json!({}), "This field is required."),
        (json!({"user_id": "abc"}), "A valid integer is required."),
        (json!({"user_id": 999999}), "User does not exist"),
        (json!({"user_id": a}), "Cannot create a chat with yourself"),
    ];
    for (body, message) in cases {
        let (status, answer) = app.post("/api/chats/create/", &ta, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer, json!({"user_id": [message]}), "{body}");
    }
    let (status, _) = app.get("/api/chats/create/", &ta).await;
    assert_eq!(status, 405);
    let (status, _) = app
        .call(Method::POST, "/api/chats/", Some(&ta), Some(json!({})))
        .await;
    assert_eq!(status, 405);
    let (status, _) = app.get("/api/chats/1/", &ta).await;
    assert_eq!(status, 404);
    for path in ["/api/chats/", "/api/users/"] {
        let (status, body) = app.call(Method::GET, path, None, None).await;
        assert_eq!(status, 401, "{path}");
        assert_eq!(
            body,
            json!({"detail": "Authentication credentials were not provided."})
        );
    }
    let (status, _) = app
        .call(
            Method::POST,
            "/api/chats/create/",
            None,
            Some(json!({"user_id": b})),
        )
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn dm_socket_refuses_strangers() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let chat = create(&app, &ta, b).await["id"].as_i64().unwrap();
    let (_, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "g", "member_ids": [b]}),
        )
        .await;
    let group = group["id"].as_i64().unwrap();

    let url = format!("ws://{}/ws/chat/{chat}/", app.addr);
    match tokio_tungstenite::connect_async(url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 401),
        other => panic!("anonymous socket accepted: {:?}", other.map(|_| ())),
    }
    assert_eq!(
        app.try_socket(&format!("/ws/chat/{chat}/"), "Token nope")
            .await
            .err(),
        Some(401)
    );
    assert_eq!(
        app.try_socket(&format!("/ws/chat/{chat}/"), &tc)
            .await
            .err(),
        Some(404),
        "not a participant: as if the chat did not exist"
    );
    assert_eq!(
        app.try_socket(&format!("/ws/chat/{group}/"), &ta)
            .await
            .err(),
        Some(404),
        "a group is no DirectChat"
    );
    assert_eq!(
        app.try_socket("/ws/chat/999999/", &ta).await.err(),
        Some(404)
    );
    assert_eq!(
        app.try_socket("/ws/chat/99999999999999999999999/", &ta)
            .await
            .err(),
        Some(404)
    );
}

#[tokio::test]
async fn dm_socket_replays_history_then_marks_read() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = create(&app, &ta, b).await["id"].as_i64().unwrap();

    let m1 = inbox_send(&app, &tb, a, "bob first").await["id"]
        .as_i64()
        .unwrap();
    let m2 = inbox_send(&app, &ta, b, "alice one").await["id"]
        .as_i64()
        .unwrap();
    let m3 = inbox_send(&app, &ta, b, "alice two").await["id"]
        .as_i64()
        .unwrap();

    let mut bob = app.socket(&format!("/ws/chat/{chat}/"), &tb).await;
    let mut replay = Vec::new();
    for _ in 0..3 {
        replay.push(next_json(&mut bob).await);
    }
    assert_eq!(
        replay[0],
        json!({"message": {"id": m1, "sender": "bob", "body": "bob first",
                           "created": replay[0]["message"]["created"], "is_read": true}})
    );
    assert!(
        is_dm_time(&replay[0]["message"]["created"]),
        "{}",
        replay[0]
    );
    assert_eq!(replay[1]["message"]["id"], m2);
    assert_eq!(replay[1]["message"]["sender"], "alice");
    assert_eq!(
        replay[1]["message"]["is_read"], false,
        "history shows the state before this connect marked it read"
    );
    assert_eq!(replay[2]["message"]["id"], m3);
    assert_eq!(replay[2]["message"]["is_read"], false);
    assert_quiet(&mut bob).await;

    // ...and then alice's messages are read for bob.
    let (_, list) = app.get("/api/chats/", &tb).await;
    assert_eq!(list[0]["unread_count"], 0);
    let mut bob_again = app.socket(&format!("/ws/chat/{chat}/"), &tb).await;
    for id in [m1, m2, m3] {
        let frame = next_json(&mut bob_again).await;
        assert_eq!(frame["message"]["id"], id);
        assert_eq!(frame["message"]["is_read"], true);
    }

    // Live: `{"body"}` in, `{"message"}` out to both participants, the sender included.
    let mut alice = app.socket(&format!("/ws/chat/{chat}/"), &ta).await;
    for _ in 0..3 {
        next_json(&mut alice).await;
    }
    send_json(&mut bob, json!({"body": "Hello, how are you?"})).await;
    for ws in [&mut bob, &mut bob_again, &mut alice] {
        let frame = next_json(ws).await;
        let message = &frame["message"];
        assert_eq!(message["sender"], "bob");
        assert_eq!(message["body"], "Hello, how are you?");
        assert_eq!(message["is_read"], false);
        assert!(is_dm_time(&message["created"]));
        assert!(message["id"].as_i64().unwrap() > m3);
    }
    let (_, list) = app.get("/api/chats/", &ta).await;
    assert_eq!(list[0]["last_message"]["body"], "Hello, how are you?");
    assert_eq!(list[0]["unread_count"], 1);

    // Bad frames: one error frame each, and the socket lives on.
    let error = json!({"error": "An error occurred while processing your message"});
    for bad in [
        json!({"text": "no body"}),
        json!({"body": 5}),
        json!({"body": ""}),
        json!({"body": "x".repeat(10_001)}),
        json!(["body"]),
    ] {
        send_json(&mut alice, bad.clone()).await;
        assert_eq!(next_json(&mut alice).await, error, "{bad}");
    }
    alice
        .send(tokio_tungstenite::tungstenite::Message::Text(
            "{oops".into(),
        ))
        .await
        .unwrap();
    assert_eq!(next_json(&mut alice).await, error);
    assert_quiet(&mut bob).await;
    send_json(&mut alice, json!({"body": "still works"})).await;
    let frame = next_json(&mut bob).await;
    assert_eq!(frame["message"]["sender"], "alice");
    assert_eq!(frame["message"]["body"], "still works");
}

#[tokio::test]
async fn dm_replay_pages_through_long_history_in_order() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = create(&app, &ta, b).await["id"].as_i64().unwrap();
    // More than one replay page (200) of messages, from both sides.
    let mut sent = Vec::new();
    for i in 0..230 {
        let (auth, to) = if i % 3 == 0 { (&tb, a) } else { (&ta, b) };
        sent.push(
            inbox_send(&app, auth, to, &format!("m{i}")).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let mut bob = app.socket(&format!("/ws/chat/{chat}/"), &tb).await;
    for (i, id) in sent.iter().enumerate() {
        let frame = next_json(&mut bob).await;
        assert_eq!(frame["message"]["id"], *id, "frame {i}");
        assert_eq!(frame["message"]["body"], format!("m{i}"));
    }
    assert_quiet(&mut bob).await;
    let (_, list) = app.get("/api/chats/", &tb).await;
    assert_eq!(list[0]["unread_count"], 0);
}
