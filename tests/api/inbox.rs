//! The inbox surface (seed 000): `/api/messages/` and `/ws/chat/{username}/`,
//! and one conversation seen live through inbox REST, inbox socket, dm socket and the
//! chats surface.

use crate::helpers::*;
use futures_util::SinkExt;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

#[tokio::test]
async fn inbox_list_send_and_detail() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;

    // Upstream's test fixture: one message each way.
    let m1 = inbox_send(&app, &ta, b, "Hello bob").await;
    let m2 = inbox_send(&app, &tb, a, "Hello alice").await;
    assert_eq!(m1["sender"], a);
    assert_eq!(m1["receiver"], b);
    assert_eq!(m1["content"], "Hello bob");
    let ts = m1["timestamp"].as_str().unwrap();
    assert!(
        ts.ends_with('Z') && ts.contains('T') && ts.len() == 27,
        "{ts}"
    );
    assert_eq!(
        m1.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "sender", "receiver", "content", "timestamp"]
    );
    let m3 = inbox_send(&app, &tc, a, "Hi from carol").await;

    let (status, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 3);
    assert_eq!(page["next"], Value::Null);
    assert_eq!(page["previous"], Value::Null);
    assert_eq!(
        result_ids(&page),
        [
            m3["id"].as_i64().unwrap(),
            m2["id"].as_i64().unwrap(),
            m1["id"].as_i64().unwrap()
        ],
        "newest first"
    );
    // `user` matches sender OR receiver.
    let (_, page) = app.get("/api/messages/?user=bob", &ta).await;
    assert_eq!(page["count"], 2);
    let (_, page) = app.get("/api/messages/?user=carol", &ta).await;
    assert_eq!(result_ids(&page), [m3["id"].as_i64().unwrap()]);
    let (_, page) = app.get("/api/messages/?user=alice", &ta).await;
    assert_eq!(page["count"], 3, "filtering by yourself matches everything");
    let (status, page) = app.get("/api/messages/?user=nobody", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 0);
    // Only the caller's messages.
    let (_, page) = app.get("/api/messages/", &tb).await;
    assert_eq!(page["count"], 2);
    let (_, page) = app.get("/api/messages/?user=carol", &tb).await;
    assert_eq!(page["count"], 0);

    // Detail: the caller's own conversation only. Anything else is the path's one 404,
    // in the rooms shape (seed 003 documents `/api/messages/{id}/`).
    let id1 = m1["id"].as_i64().unwrap();
    let (status, body) = app.get(&format!("/api/messages/{id1}/"), &tb).await;
    assert_eq!(status, 200);
    assert_eq!(body, m1);
    let missing = json!({"error": "not_found", "message": "No Message matches the given query.", "details": {}});
    for path in [
        format!("/api/messages/{id1}/"),
        "/api/messages/999999/".to_string(),
        "/api/messages/abc/".to_string(),
    ] {
        let (status, body) = app.get(&path, &tc).await;
        assert_eq!((status.as_u16(), body), (404, missing.clone()), "{path}");
    }

    // A group message is not an inbox message.
    let (_, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "g", "member_ids": [b]}),
        )
        .await;
    let (_, gm) = app
        .post(
            &format!("/messages/api/chats/{}/messages/", group["id"]),
            &ta,
            json!({"content": "group talk"}),
        )
        .await;
    let (status, _) = app.get(&format!("/api/messages/{}/", gm["id"]), &ta).await;
    assert_eq!(status, 404);
    let (_, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(page["count"], 3, "group messages are not listed");

    // Sending to yourself is allowed (a note-to-self chat).
    let own = inbox_send(&app, &ta, a, "note to self").await;
    assert_eq!(own["sender"], a);
    assert_eq!(own["receiver"], a);
    let (_, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(page["count"], 4);

    // Anonymous and bad tokens.
    let (status, body) = app.call(Method::GET, "/api/messages/", None, None).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"detail": "Authentication credentials were not provided."})
    );
    let (status, body) = app.get("/api/messages/", "Token nope").await;
    assert_eq!(status, 401);
    assert_eq!(body, json!({"detail": "Invalid token."}));
    // The caller is checked before the page.
    let (status, _) = app
        .call(Method::GET, "/api/messages/?page=0", None, None)
        .await;
    assert_eq!(status, 401);
    let (status, _) = app
        .call(Method::PUT, "/api/messages/", Some(&ta), None)
        .await;
    assert_eq!(status, 405);
    let (status, _) = app.get("/api/messages/1/unknown_action/", &ta).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn inbox_send_errors_are_drf_field_errors() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let cases = [
        (
            json!({"content": "x"}),
            json!({"receiver": ["This field is required."]}),
        ),
        (
            json!({"receiver": 99, "content": "x"}),
            json!({"receiver": ["Invalid pk \"99\" - object does not exist."]}),
        ),
        (
            json!({"receiver": "bob", "content": "x"}),
            json!({"receiver": ["Incorrect type. Expected pk value, received str."]}),
        ),
        (
            json!({"receiver": b, "content": "   "}),
            json!({"content": ["This field may not be blank."]}),
        ),
        (
            json!({"receiver": b}),
            json!({"content": ["This field is required."]}),
        ),
        (
            json!({}),
            json!({"receiver": ["This field is required."], "content": ["This field is required."]}),
        ),
        (
            json!({"receiver": b, "content": "x".repeat(10_001)}),
            json!({"content": ["Ensure this field has no more than 10000 characters."]}),
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = app.post("/api/messages/", &ta, body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer, expected, "{body}");
    }
    // The caller is checked before the fields, and refused sends create no chat.
    let (status, _) = app
        .call(Method::POST, "/api/messages/", None, Some(json!({})))
        .await;
    assert_eq!(status, 401);
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(chats["count"], 0, "{chats}");
    // A numeric string is a pk, as in DRF; form bodies work too.
    let (status, msg) = app
        .post(
            "/api/messages/",
            &ta,
            json!({"receiver": b.to_string(), "content": "  trimmed  "}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(msg["content"], "trimmed");
    let resp = app
        .client
        .post(format!("{}/api/messages/", app.base))
        .header("Authorization", &ta)
        .form(&[("receiver", b.to_string()), ("content", "by form".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
}

#[tokio::test]
async fn inbox_pages_of_ten_up_to_a_hundred() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    for i in 0..105 {
        inbox_send(&app, &ta, b, &format!("message {i}")).await;
    }
    let (status, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 105);
    assert_eq!(page["results"].as_array().unwrap().len(), 10);
    assert_eq!(page["results"][0]["content"], "message 104");
    assert_eq!(
        page["next"],
        format!("http://{}/api/messages/?page=2", app.addr)
    );
    assert_eq!(page["previous"], Value::Null);

    let (_, page) = app
        .get("/api/messages/?user=bob&page=2&page_size=20", &ta)
        .await;
    assert_eq!(page["results"].as_array().unwrap().len(), 20);
    assert_eq!(page["results"][0]["content"], "message 84");
    assert_eq!(
        page["previous"],
        format!("http://{}/api/messages/?user=bob&page_size=20", app.addr)
    );
    assert_eq!(
        page["next"],
        format!(
            "http://{}/api/messages/?user=bob&page_size=20&page=3",
            app.addr
        )
    );

    let (_, page) = app.get("/api/messages/?page_size=1000", &ta).await;
    assert_eq!(
        page["results"].as_array().unwrap().len(),
        100,
        "page_size is clamped to 100"
    );
    let (_, page) = app.get("/api/messages/?page_size=100&page=2", &ta).await;
    assert_eq!(page["results"].as_array().unwrap().len(), 5);
    assert_eq!(page["results"][4]["content"], "message 0");

    for bad in ["page=12", "page=0", "page=x", "user=bob&page=99"] {
        let (status, body) = app.get(&format!("/api/messages/?{bad}"), &ta).await;
        assert_eq!(status, 404, "{bad}");
        assert_eq!(body, json!({"detail": "Invalid page."}));
    }
    let (status, page) = app.get("/api/messages/?user=nobody", &ta).await;
    assert_eq!((status, page["count"].clone()), (StatusCode::OK, json!(0)));
}

#[tokio::test]
async fn inbox_update_and_delete_actions() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let mine = inbox_send(&app, &ta, b, "original").await;
    let theirs = inbox_send(&app, &tb, a, "from bob").await;
    let (mine_id, theirs_id) = (mine["id"].as_i64().unwrap(), theirs["id"].as_i64().unwrap());

    let update = |id: i64| format!("/api/messages/{id}/update_message/");
    let (status, body) = app
        .post(&update(mine_id), &ta, json!({"content": "Updated content"}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["content"], "Updated content");
    assert_eq!(body["id"], mine_id);
    let (_, detail) = app.get(&format!("/api/messages/{mine_id}/"), &tb).await;
    assert_eq!(detail["content"], "Updated content");

    let (status, body) = app
        .post(&update(theirs_id), &ta, json!({"content": "hijack"}))
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        json!({"error": "You can only edit your own messages"})
    );
    for empty in [json!({"content": ""}), json!({"content": "  "}), json!({})] {
        let (status, body) = app.post(&update(mine_id), &ta, empty).await;
        assert_eq!(status, 400);
        assert_eq!(body, json!({"error": "Message content cannot be empty"}));
    }
    let (status, body) = app
        .post(&update(mine_id), &tc, json!({"content": "x"}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"detail": "No Message matches the given query."})
    );
    let (status, body) = app.get(&update(mine_id), &ta).await;
    assert_eq!(status, 405);
    assert_eq!(body, json!({"detail": "Method \"GET\" not allowed."}));

    // PATCH on the detail route changes content too, sender only.
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/api/messages/{mine_id}/"),
            Some(&ta),
            Some(json!({"content": "patched"})),
        )
        .await;
    assert_eq!(
        (status, body["content"].clone()),
        (StatusCode::OK, json!("patched"))
    );
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/api/messages/{theirs_id}/"),
            Some(&ta),
            Some(json!({"content": "patched"})),
        )
        .await;
    assert_eq!(status, 403);

    let delete = |id: i64| format!("/api/messages/{id}/delete_message/");
    let (status, body) = app
        .call(Method::DELETE, &delete(theirs_id), Some(&ta), None)
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        json!({"error": "You can only delete your own messages"})
    );
    let (status, _) = app
        .call(Method::POST, &delete(mine_id), Some(&ta), None)
        .await;
    assert_eq!(status, 405);
    let (status, body) = app
        .call(Method::DELETE, &delete(mine_id), Some(&ta), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(body, json!(""));
    let (status, _) = app.get(&format!("/api/messages/{mine_id}/"), &ta).await;
    assert_eq!(status, 404);
    let (_, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(result_ids(&page), [theirs_id]);
    let (status, _) = app
        .call(Method::DELETE, &delete(mine_id), Some(&ta), None)
        .await;
    assert_eq!(status, 404);

    // DELETE on the detail route: the sender only.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{theirs_id}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{theirs_id}/"),
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, page) = app.get("/api/messages/", &tb).await;
    assert_eq!(page["count"], 0);
}

/// The seed's curl examples, as requests of the same shape.
#[tokio::test]
async fn inbox_seed_curl_examples() {
    let app = TestApp::spawn().await;
    let (a, _) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    inbox_send(&app, &tb, a, "hi alice").await;

    // curl -X POST -H "Content-Type: application/json" -d '{"username":..,"password":..}' .../api/auth/login/
    let resp = app
        .client
        .post(format!("{}/api/auth/login/", app.base))
        .header("Content-Type", "application/json")
        .body(r#"{"username":"alice","password":"correct-horse"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 40);
    // ...with the email in `username`.
    let resp = app
        .client
        .post(format!("{}/api/auth/login/", app.base))
        .header("Content-Type", "application/json")
        .body(r#"{"username":"alice@example.org","password":"correct-horse"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // curl -H "Authorization: Token <t>" .../api/messages/
    let resp = app
        .client
        .get(format!("{}/api/messages/", app.base))
        .header("Authorization", format!("Token {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let page: Value = resp.json().await.unwrap();
    assert_eq!(page["count"], 1);
    assert_eq!(page["results"][0]["content"], "hi alice");

    // GET /api/messages/?user=john&page=1&page_size=20
    let (status, page) = app
        .get(
            "/api/messages/?user=bob&page=1&page_size=20",
            &format!("Token {token}"),
        )
        .await;
    assert_eq!((status, page["count"].clone()), (StatusCode::OK, json!(1)));

    // curl -b cookies.txt -c cookies.txt .../api/messages/ after a browser login.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = browser
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "alice", "password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let session = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("sessionid="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string();
    let resp = browser
        .get(format!("{}/api/messages/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let page: Value = resp.json().await.unwrap();
    assert_eq!(page["count"], 1);
    // Visit /api/token/ to get a token.
    let resp = browser
        .get(format!("{}/api/token/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // Unsafe methods with a session need the CSRF token (seed note 3).
    let resp = browser
        .post(format!("{}/api/messages/", app.base))
        .json(&json!({"receiver": a, "content": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);

    // The socket with the session cookie, as a browser on the server's own page opens it
    // (with its Origin).
    let mut request = format!("ws://{}/ws/chat/bob/", app.addr)
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("Cookie", format!("sessionid={session}").parse().unwrap());
    request
        .headers_mut()
        .insert("Origin", format!("http://{}", app.addr).parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    send_json(&mut ws, json!({"message": "over the session socket"})).await;
    let frame = next_json(&mut ws).await;
    assert_eq!(frame["sender"], "alice");
    assert_eq!(frame["receiver"], "bob");
    assert_eq!(frame["message"], "over the session socket");

    // The router root.
    let (status, root) = app.get("/api/", &format!("Token {token}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        root,
        json!({"messages": format!("http://{}/api/messages/", app.addr)})
    );
}

#[tokio::test]
async fn inbox_socket_send_update_delete_and_errors() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;

    // Refused before the upgrade: anonymous, bad token, unknown user.
    let url = format!("ws://{}/ws/chat/bob/", app.addr);
    match tokio_tungstenite::connect_async(url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 401),
        other => panic!("anonymous socket accepted: {:?}", other.map(|_| ())),
    }
    assert_eq!(
        app.try_socket("/ws/chat/bob/", "Token nope").await.err(),
        Some(401)
    );
    assert_eq!(
        app.try_socket("/ws/chat/nobody/", &ta).await.err(),
        Some(404)
    );

    let mut alice = app.socket("/ws/chat/bob/", &ta).await;
    let mut alice2 = app.socket("/ws/chat/bob/", &ta).await;
    let mut bob = app.socket("/ws/chat/alice/", &tb).await;
    let mut carol = app.socket("/ws/chat/alice/", &tc).await;

    send_json(&mut alice, json!({"message": "Hello from WebSocket test"})).await;
    let mut id = 0;
    for ws in [&mut alice, &mut alice2, &mut bob] {
        let frame = next_json(ws).await;
        assert_eq!(frame["sender"], "alice");
        assert_eq!(frame["receiver"], "bob");
        assert_eq!(frame["message"], "Hello from WebSocket test");
        id = frame["id"].as_i64().unwrap();
        assert_eq!(frame.as_object().unwrap().len(), 4, "{frame}");
    }
    let (status, stored) = app.get(&format!("/api/messages/{id}/"), &tb).await;
    assert_eq!(status, 200);
    assert_eq!(stored["content"], "Hello from WebSocket test");

    // Bob may not edit or delete it: an error frame, and his socket lives on.
    send_json(&mut bob, json!({"message_id": id, "message": "mine now"})).await;
    assert_eq!(
        next_json(&mut bob).await,
        json!({"error": "You can only edit your own messages"})
    );
    send_json(&mut bob, json!({"delete_message_id": id})).await;
    assert_eq!(
        next_json(&mut bob).await,
        json!({"error": "You can only delete your own messages"})
    );
    for (bad, error) in [
        (json!({}), "message is required."),
        (json!({"message": 5}), "message must be a string."),
        (json!({"message": "   "}), "Message content cannot be empty"),
        (
            json!({"message_id": 999999, "message": "x"}),
            "No Message matches the given query.",
        ),
        (
            json!({"delete_message_id": "abc"}),
            "delete_message_id must be a message id.",
        ),
    ] {
        send_json(&mut bob, bad.clone()).await;
        assert_eq!(next_json(&mut bob).await, json!({"error": error}), "{bad}");
    }
    send_json(&mut bob, json!("not an object")).await;
    assert!(next_json(&mut bob).await["error"].is_string());
    bob.send(tokio_tungstenite::tungstenite::Message::Text(
        "{not json".into(),
    ))
    .await
    .unwrap();
    assert!(next_json(&mut bob).await["error"].is_string());
    assert_quiet(&mut alice).await;

    // Edit and delete by the sender reach everyone.
    send_json(
        &mut alice,
        json!({"message_id": id, "message": "Updated message content"}),
    )
    .await;
    for ws in [&mut alice, &mut alice2, &mut bob] {
        assert_eq!(
            next_json(ws).await,
            json!({"sender": "alice", "receiver": "bob", "message": "Updated message content", "message_id": id})
        );
    }
    let (_, stored) = app.get(&format!("/api/messages/{id}/"), &ta).await;
    assert_eq!(stored["content"], "Updated message content");

    send_json(&mut alice, json!({"delete_message_id": id})).await;
    for ws in [&mut alice, &mut alice2, &mut bob] {
        assert_eq!(
            next_json(ws).await,
            json!({"sender": "alice", "receiver": "bob", "deleted_message_id": id})
        );
    }
    let (_, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(page["count"], 0);

    // Bob's socket still sends after all those errors.
    send_json(&mut bob, json!({"message": "still here"})).await;
    let frame = next_json(&mut alice).await;
    assert_eq!(
        (frame["sender"].clone(), frame["receiver"].clone()),
        (json!("bob"), json!("alice"))
    );

    // Carol's conversation with alice heard none of it.
    assert_quiet(&mut carol).await;
    // A conversation with yourself works too.
    let mut me = app.socket("/ws/chat/alice/", &ta).await;
    send_json(&mut me, json!({"message": "memo"})).await;
    let frame = next_json(&mut me).await;
    assert_eq!(
        (frame["sender"].clone(), frame["receiver"].clone()),
        (json!("alice"), json!("alice"))
    );
}

/// A message sent through any of inbox REST, inbox socket and dm socket is seen live on
/// the other two and in the chats surface.
#[tokio::test]
async fn one_conversation_across_inbox_dm_and_chats() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (status, chat) = app
        .post("/api/chats/create/", &ta, json!({"user_id": b}))
        .await;
    assert_eq!(status, 201);
    let chat_id = chat["id"].as_i64().unwrap();

    let mut inbox = app.socket("/ws/chat/bob/", &ta).await;
    let mut dm = app.socket(&format!("/ws/chat/{chat_id}/"), &tb).await;
    let mut chats = app.socket("/messages/ws/", &tb).await;
    let mut chats_one = app
        .socket(&format!("/messages/ws/chats/{chat_id}/"), &ta)
        .await;

    // 1. inbox REST (alice -> bob).
    let rest = inbox_send(&app, &ta, b, "via inbox REST").await;
    let rest_id = rest["id"].as_i64().unwrap();
    let f = next_json(&mut inbox).await;
    assert_eq!(
        f,
        json!({"sender": "alice", "receiver": "bob", "message": "via inbox REST", "id": rest_id})
    );
    let f = next_json(&mut dm).await;
    assert_eq!(f["message"]["id"], rest_id);
    assert_eq!(f["message"]["sender"], "alice");
    assert_eq!(f["message"]["body"], "via inbox REST");
    let f = wait_for(&mut chats, |f| f["type"] == "new_message").await;
    assert_eq!(f["chat_id"], chat_id);
    assert_eq!(f["message"]["id"], rest_id);
    let f = wait_for(&mut chats_one, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["content"], "via inbox REST");

    // 2. inbox socket (alice -> bob).
    send_json(&mut inbox, json!({"message": "via inbox socket"})).await;
    let f = next_json(&mut inbox).await;
    let sock_id = f["id"].as_i64().unwrap();
    let f = next_json(&mut dm).await;
    assert_eq!(f["message"]["id"], sock_id);
    assert_eq!(f["message"]["body"], "via inbox socket");
    let f = wait_for(&mut chats, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["content"], "via inbox socket");
    assert_eq!(f["message"]["sender"]["username"], "alice");

    // 3. dm socket (bob -> alice).
    send_json(&mut dm, json!({"body": "via dm socket"})).await;
    let f = next_json(&mut dm).await;
    let dm_id = f["message"]["id"].as_i64().unwrap();
    assert_eq!(f["message"]["sender"], "bob");
    let f = next_json(&mut inbox).await;
    assert_eq!(
        f,
        json!({"sender": "bob", "receiver": "alice", "message": "via dm socket", "id": dm_id})
    );
    let f = wait_for(&mut chats, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["id"], dm_id);
    let f = wait_for(&mut chats_one, |f| {
        f["type"] == "new_message" && f["message"]["id"] == dm_id
    })
    .await;
    assert_eq!(f["message"]["content"], "via dm socket");

    // All three are stored once, in the same chat, for every REST surface.
    let (_, page) = app.get("/api/messages/", &ta).await;
    assert_eq!(result_ids(&page), [dm_id, sock_id, rest_id]);
    assert_eq!(page["results"][0]["sender"], b);
    assert_eq!(page["results"][0]["receiver"], a);
    let (_, page) = app
        .get(&format!("/messages/api/chats/{chat_id}/messages/"), &tb)
        .await;
    assert_eq!(result_ids(&page), [dm_id, sock_id, rest_id]);
    let (_, list) = app.get("/api/chats/", &ta).await;
    assert_eq!(list[0]["last_message"]["body"], "via dm socket");
    assert_eq!(list[0]["unread_count"], 1);

    // An edit and a delete made on the chats surface reach the inbox and dm sockets.
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{rest_id}/"),
            Some(&ta),
            Some(json!({"content": "edited on chats"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        next_json(&mut inbox).await,
        json!({"sender": "alice", "receiver": "bob", "message": "edited on chats", "message_id": rest_id})
    );
    let f = next_json(&mut dm).await;
    assert_eq!(f["edited"], true);
    assert_eq!(f["message"]["body"], "edited on chats");
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{rest_id}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        next_json(&mut inbox).await,
        json!({"sender": "alice", "receiver": "bob", "deleted_message_id": rest_id})
    );
    assert_eq!(
        next_json(&mut dm).await,
        json!({"deleted_message_id": rest_id})
    );
}

/// The first messages between two people make their one direct chat, also when both
/// write at once and each write comes twice at once; every later message goes into it.
#[tokio::test]
async fn first_messages_at_once_make_one_direct_chat() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let sends = [
        (&ta, b, "a1"),
        (&tb, a, "b1"),
        (&ta, b, "a2"),
        (&tb, a, "b2"),
    ];
    let sent = futures_util::future::join_all(
        sends
            .iter()
            .map(|(auth, to, text)| inbox_send(&app, auth, *to, text)),
    )
    .await;
    let later = inbox_send(&app, &ta, b, "a3").await;
    let (status, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(status, StatusCode::OK, "{chats}");
    let direct: Vec<&Value> = chats["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .filter(|chat| chat["chat_type"] == "dm")
        .collect();
    assert_eq!(direct.len(), 1, "{chats}");
    let (status, page) = app.get("/api/messages/?page_size=100", &tb).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let mut ids = result_ids(&page);
    ids.sort_unstable();
    let mut expected: Vec<i64> = sent
        .iter()
        .chain([&later])
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    for m in sent.iter().chain([&later]) {
        let (from, to) = (m["sender"].as_i64(), m["receiver"].as_i64());
        assert!(
            matches!((from, to), (Some(x), Some(y)) if (x, y) == (a, b) || (x, y) == (b, a)),
            "{m}"
        );
    }
}
