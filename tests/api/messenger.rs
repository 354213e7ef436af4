//! The messenger surface (seed 004): profiles, posts, friends, chat rooms,
//! room messages and the room socket, with upstream's exact (Russian) bodies.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn room(app: &TestApp, auth: &str, recipient: &str) -> (StatusCode, Value) {
    app.post(
        "/messenger/api/chatrooms/",
        auth,
        json!({"recipient": recipient}),
    )
    .await
}

fn room_messages(name: &str) -> String {
    format!("/messenger/api/chatrooms/{name}/messages/")
}

fn room_socket(name: &str) -> String {
    format!("/messenger/ws/ws/chat/{name}/")
}

#[tokio::test]
async fn profile_defaults_and_patch_of_bio_and_image() {
    let app = TestApp::spawn().await;
    let (a, _) = app.register("alice").await;
    let ta = bearer(&app, "alice").await;

    let (status, body) = app.get("/profiles/api/profile/", &ta).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({
            "id": a, "username": "alice", "email": "alice@example.org",
            "profile": {"image": "/media/user_images/default.jpg", "bio": "", "friends": []},
            "posts": [],
        })
    );
    let image = app
        .client
        .get(format!("{}/media/user_images/default.jpg", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(image.status(), 200);

    let (status, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"bio": "Био", "image": "/media/user_images/alice.png"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["profile"]["bio"], "Био");
    assert_eq!(body["profile"]["image"], "/media/user_images/alice.png");
    // Only `bio` this time: the image stays.
    let (_, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"bio": "другое"})),
        )
        .await;
    assert_eq!(body["profile"]["image"], "/media/user_images/alice.png");
    let (_, body) = app.get("/profiles/api/profile/", &ta).await;
    assert_eq!(body["profile"]["bio"], "другое");

    let (status, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"image": format!("/{}", "x".repeat(500))})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"image": ["Ensure this field has no more than 500 characters."]})
    );
    let (status, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"image": "javascript:alert(1)"})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["image"][0].is_string(), "{body}");
    // Empty image: back to the default.
    let (_, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"image": ""})),
        )
        .await;
    assert_eq!(body["profile"]["image"], "/media/user_images/default.jpg");

    let (status, body) = app
        .call(Method::GET, "/profiles/api/profile/", None, None)
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"detail": "Authentication credentials were not provided."})
    );
    let (status, _) = app
        .call(Method::DELETE, "/profiles/api/profile/", Some(&ta), None)
        .await;
    assert_eq!(status, 405);
    assert_eq!(app.get("/profiles/api/nothing/", &ta).await.0, 404);
}

#[tokio::test]
async fn posts_are_created_listed_and_validated() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let ta = bearer(&app, "alice").await;

    let (status, body) = app.post("/profiles/api/posts/", &ta, json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"title": ["This field is required."], "content": ["This field is required."]})
    );
    let (status, body) = app
        .post(
            "/profiles/api/posts/",
            &ta,
            json!({"title": "  ", "content": "Текст"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"title": ["This field may not be blank."]}));
    let (status, body) = app
        .post(
            "/profiles/api/posts/",
            &ta,
            json!({"title": "t".repeat(256), "content": "Текст"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"title": ["Ensure this field has no more than 255 characters."]})
    );

    let (status, first) = app
        .post(
            "/profiles/api/posts/",
            &ta,
            json!({"title": "Пост 1", "content": "Текст"}),
        )
        .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["title"], "Пост 1");
    assert_eq!(first["content"], "Текст");
    assert!(first["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        first.as_object().unwrap().len(),
        4,
        "id, title, content, created_at"
    );
    let (_, second) = app
        .post(
            "/profiles/api/posts/",
            &tb,
            json!({"title": "Bob's", "content": "hi"}),
        )
        .await;

    // Everyone's posts, oldest first.
    let (status, list) = app.get("/profiles/api/posts/", &tb).await;
    assert_eq!(status, 200);
    assert_eq!(list, json!([first, second]));
    // A profile shows only its own posts.
    let (_, profile) = app.get("/profiles/api/profile/", &ta).await;
    assert_eq!(profile["posts"], json!([first]));
    assert_eq!(
        app.call(Method::GET, "/profiles/api/posts/", None, None)
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn search_user_is_exact_with_russian_errors() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("Jane_Doe").await;

    let (status, body) = app.get("/profiles/api/search-user/", &ta).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": "Введите логин пользователя для поиска."})
    );
    let (status, body) = app.get("/profiles/api/search-user/?username=", &ta).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": "Введите логин пользователя для поиска."})
    );
    for missing in ["nobody", "jane_doe", "Jane"] {
        let (status, body) = app
            .get(
                &format!("/profiles/api/search-user/?username={missing}"),
                &ta,
            )
            .await;
        assert_eq!(status, 404, "{missing}");
        assert_eq!(body, json!({"error": "Пользователь не найден."}));
    }
    let (status, body) = app
        .get("/profiles/api/search-user/?username=Jane_Doe", &ta)
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({
            "id": b, "username": "Jane_Doe", "email": "Jane_Doe@example.org",
            "profile": {"image": "/media/user_images/default.jpg", "bio": "", "friends": []},
            "posts": [],
        })
    );
}

#[tokio::test]
async fn friends_are_added_and_removed_both_ways() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;

    let (status, body) = app
        .post(
            "/profiles/api/add-friend/",
            &ta,
            json!({"username": " bob "}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"message": "bob добавлен в друзья."}));
    let (_, mine) = app.get("/profiles/api/profile/", &ta).await;
    assert_eq!(mine["profile"]["friends"], json!([b]));
    let (_, theirs) = app.get("/profiles/api/profile/", &tb).await;
    assert_eq!(theirs["profile"]["friends"], json!([a]), "symmetric");
    let (_, found) = app
        .get("/profiles/api/search-user/?username=bob", &ta)
        .await;
    assert_eq!(found["profile"]["friends"], json!([a]));

    for (who, whom) in [(&ta, "bob"), (&tb, "alice")] {
        let (status, body) = app
            .post("/profiles/api/add-friend/", who, json!({"username": whom}))
            .await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            json!({"message": "Пользователь уже в списке друзей."})
        );
    }
    let (status, body) = app
        .post(
            "/profiles/api/add-friend/",
            &ta,
            json!({"username": "alice"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"message": "Нельзя добавить себя в друзья."}));
    for path in ["/profiles/api/add-friend/", "/profiles/api/remove-friend/"] {
        let (status, body) = app.post(path, &ta, json!({"username": "ghost"})).await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            json!({"username": ["Пользователь с таким именем не найден."]})
        );
        let (status, body) = app.post(path, &ta, json!({})).await;
        assert_eq!(status, 400);
        assert_eq!(body, json!({"username": ["This field is required."]}));
        let (status, body) = app.post(path, &ta, json!({"username": ""})).await;
        assert_eq!(status, 400);
        assert_eq!(body, json!({"username": ["This field may not be blank."]}));
        assert_eq!(app.get(path, &ta).await.0, 405);
    }

    // Bob ends it: gone on both sides.
    let (status, body) = app
        .post(
            "/profiles/api/remove-friend/",
            &tb,
            json!({"username": "alice"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"message": "alice удален из друзей."}));
    for t in [&ta, &tb] {
        let (_, p) = app.get("/profiles/api/profile/", t).await;
        assert_eq!(p["profile"]["friends"], json!([]));
    }
    let (status, body) = app
        .post(
            "/profiles/api/remove-friend/",
            &ta,
            json!({"username": "bob"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"message": "Пользователь не является другом."}));
}

#[tokio::test]
async fn chatrooms_are_direct_chats_named_by_the_pair() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("zed").await;
    let (b, tb) = app.register("amy").await;
    let (_, tc) = app.register("carol").await;

    let (status, created) = room(&app, &ta, "amy").await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        created,
        json!({"id": id, "name": "amy_zed", "members": [a.min(b), a.max(b)], "display_name": "amy"})
    );
    let (status, again) = room(&app, &ta, "amy").await;
    assert_eq!(status, 200, "an existing room is returned with 200");
    assert_eq!(again, created);
    let (status, from_amy) = room(&app, &tb, "zed").await;
    assert_eq!(status, 200);
    assert_eq!(from_amy["id"], id);
    assert_eq!(from_amy["display_name"], "zed");

    let (status, own) = room(&app, &tc, "carol").await;
    assert_eq!(status, 201);
    assert_eq!(own["name"], "carol_carol");
    assert_eq!(own["display_name"], "Unknown");

    for body in [
        json!({}),
        json!({"recipient": "ghost"}),
        json!({"recipient": ""}),
        json!({"recipient": {"x": 1}}),
    ] {
        let (status, err) = app.post("/messenger/api/chatrooms/", &ta, body).await;
        assert_eq!(status, 400);
        assert_eq!(err, json!(["Recipient does not exist."]));
    }

    for path in [
        "/messenger/api/chatrooms/",
        "/messenger/api/user/chatrooms/",
    ] {
        let (status, list) = app.get(path, &ta).await;
        assert_eq!(status, 200);
        assert_eq!(list, json!([created]));
        let (_, list) = app.get(path, &tb).await;
        assert_eq!(list[0]["display_name"], "zed");
        let (_, list) = app.get(path, &tc).await;
        assert_eq!(list, json!([own]), "only the caller's rooms");
    }
    // A group made on another surface is not a room here.
    let (status, _) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "G", "member_ids": [b]}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, list) = app.get("/messenger/api/chatrooms/", &ta).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        app.call(Method::DELETE, "/messenger/api/chatrooms/", Some(&ta), None)
            .await
            .0,
        405
    );
    assert_eq!(
        app.call(
            Method::POST,
            "/messenger/api/user/chatrooms/",
            Some(&ta),
            None
        )
        .await
        .0,
        405
    );
}

#[tokio::test]
async fn room_messages_over_rest_with_access_rules() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let ta = bearer(&app, "alice").await;
    room(&app, &ta, "bob").await;
    let path = room_messages("alice_bob");

    let (status, first) = app.post(&path, &ta, json!({"content": "Привет!"})).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["user"], "alice");
    assert_eq!(first["content"], "Привет!");
    assert!(first["timestamp"].as_str().unwrap().ends_with('Z'));
    assert_eq!(first.as_object().unwrap().len(), 4);
    let (_, second) = app.post(&path, &tb, json!({"content": "Hi"})).await;

    let (status, list) = app.get(&path, &tb).await;
    assert_eq!(status, 200);
    assert_eq!(list, json!([first, second]), "oldest first");
    let (_, after) = app.get(&format!("{path}?after={}", first["id"]), &tb).await;
    assert_eq!(after, json!([second]));
    let (status, body) = app.get(&format!("{path}?after=x"), &tb).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"after": ["A valid integer is required."]}));

    let (status, body) = app.post(&path, &ta, json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"content": ["This field is required."]}));
    let (status, body) = app.post(&path, &ta, json!({"content": "   "})).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"content": ["This field may not be blank."]}));

    // carol is not in the room.
    let (status, body) = app.get(&path, &tc).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"error": "Access denied"}));
    let (status, body) = app.post(&path, &tc, json!({"content": "let me in"})).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"error": "Access denied"}));

    // Unknown rooms are 404, for reading and for posting.
    let unknown = room_messages("alice_carol");
    let (status, body) = app.get(&unknown, &ta).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"detail": "No ChatRoom matches the given query."})
    );
    let (status, body) = app.post(&unknown, &ta, json!({"content": "hi"})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"detail": "No ChatRoom matches the given query."})
    );
    // Caller, then room, then the query: a bad `after` never hides a 401/403/404.
    let bad_after = |p: &str| format!("{p}?after=x");
    assert_eq!(
        app.call(Method::GET, &bad_after(&path), None, None).await.0,
        401
    );
    let (status, body) = app.get(&bad_after(&path), &tc).await;
    assert_eq!(
        (status.as_u16(), body),
        (403, json!({"error": "Access denied"}))
    );
    let (status, _) = app.get(&bad_after(&unknown), &ta).await;
    assert_eq!(status, 404);
    // Posting checks in the same order: caller, room, then the body.
    assert_eq!(
        app.call(Method::POST, &path, None, Some(json!({}))).await.0,
        401
    );
    let (status, body) = app.post(&path, &tc, json!({})).await;
    assert_eq!(
        (status.as_u16(), body),
        (403, json!({"error": "Access denied"}))
    );
    let (status, _) = app.post(&unknown, &ta, json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        app.call(Method::GET, &path, None, None).await.0,
        401,
        "anonymous"
    );
}

#[tokio::test]
async fn room_socket_delivers_to_every_member_and_survives_bad_frames() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let ta = bearer(&app, "alice").await;
    room(&app, &ta, "bob").await;
    let path = room_socket("alice_bob");

    // Refused before the upgrade.
    let anonymous = tokio_tungstenite::connect_async(format!("ws://{}{}", app.addr, path)).await;
    match anonymous {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => {
            assert_eq!(resp.status().as_u16(), 401)
        }
        other => panic!("anonymous socket not refused: {:?}", other.is_ok()),
    }
    assert_eq!(app.try_socket(&path, "Token bogus").await.err(), Some(401));
    assert_eq!(
        app.try_socket(&room_socket("nobody_here"), &ta).await.err(),
        Some(404)
    );
    assert_eq!(app.try_socket(&path, &tc).await.err(), Some(403));

    // The access JWT and the DRF key both work as `?token=`.
    let mut alice = app.socket(&path, &ta).await;
    let mut bob = app.socket(&path, &tb).await;
    send_json(&mut alice, json!({"message": "Привет!"})).await;
    for ws in [&mut alice, &mut bob] {
        let frame = next_json(ws).await;
        assert_eq!(frame["user"], "alice");
        assert_eq!(frame["content"], "Привет!");
        assert!(frame["id"].is_i64());
        assert!(frame["timestamp"].as_str().unwrap().ends_with('Z'));
        assert_eq!(frame.as_object().unwrap().len(), 4);
    }

    // Bad frames: an error frame each, and the socket keeps working.
    use futures_util::SinkExt;
    bob.send(tokio_tungstenite::tungstenite::Message::Text(
        "not json".into(),
    ))
    .await
    .unwrap();
    assert!(next_json(&mut bob).await["error"].is_string());
    send_json(&mut bob, json!({"text": "wrong key"})).await;
    assert!(next_json(&mut bob).await["error"].is_string());
    send_json(&mut bob, json!({"message": "   "})).await;
    assert_eq!(
        next_json(&mut bob).await,
        json!({"error": "This field may not be blank."})
    );
    assert_quiet(&mut alice).await;

    // A REST post shows up on the sockets too; the socket's message is in the history.
    let (_, posted) = app
        .post(
            &room_messages("alice_bob"),
            &tb,
            json!({"content": "via REST"}),
        )
        .await;
    assert_eq!(next_json(&mut alice).await, posted);
    assert_eq!(next_json(&mut bob).await, posted);
    let (_, history) = app.get(&room_messages("alice_bob"), &tb).await;
    assert_eq!(history[0]["content"], "Привет!");
    assert_eq!(history[1], posted);
}

#[tokio::test]
async fn expired_access_token_is_refused_on_messenger() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--access-ttl-secs", "1"]).await;
    app.register("alice").await;
    app.register("bob").await;
    let ta = bearer(&app, "alice").await;
    let (status, _) = room(&app, &ta, "bob").await;
    assert_eq!(status, 201);
    let deadline = std::time::Instant::now() + WAIT;
    let (status, body) = loop {
        let (status, body) = app.get("/messenger/api/user/chatrooms/", &ta).await;
        if status != 200 {
            break (status, body);
        }
        assert!(std::time::Instant::now() < deadline, "token never expired");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({
            "detail": "Given token not valid for any token type",
            "code": "token_not_valid",
            "messages": [{"token_class": "AccessToken", "token_type": "access", "message": "Token is invalid or expired"}]
        })
    );
    let resp = app
        .client
        .get(format!("{}/profiles/api/profile/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(
        resp.headers()["www-authenticate"].to_str().unwrap(),
        "Bearer realm=\"api\""
    );
    assert_eq!(
        app.try_socket(&room_socket("alice_bob"), &ta).await.err(),
        Some(401)
    );
}

#[tokio::test]
async fn messenger_messages_are_live_on_inbox_and_dm_sockets() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let ta = bearer(&app, "alice").await;
    let (_, created) = room(&app, &ta, "bob").await;
    let chat_id = created["id"].as_i64().unwrap();

    // bob watches the pair on the inbox socket and the dm socket; alice on the room socket.
    let mut inbox = app.socket("/ws/chat/alice/", &tb).await;
    let mut dm = app.socket(&format!("/ws/chat/{chat_id}/"), &tb).await;
    let mut messenger = app.socket(&room_socket("alice_bob"), &ta).await;

    let (_, rest) = app
        .post(
            &room_messages("alice_bob"),
            &ta,
            json!({"content": "from REST"}),
        )
        .await;
    send_json(&mut messenger, json!({"message": "from socket"})).await;

    for (content, id) in [
        ("from REST", rest["id"].clone()),
        ("from socket", Value::Null),
    ] {
        let frame = wait_for(&mut inbox, |f| f["message"] == content).await;
        assert_eq!(frame["sender"], "alice");
        assert_eq!(frame["receiver"], "bob");
        if !id.is_null() {
            assert_eq!(frame["id"], id);
        }
        let frame = wait_for(&mut dm, |f| f["message"]["body"] == content).await;
        assert_eq!(frame["message"]["sender"], "alice");
        let frame = wait_for(&mut messenger, |f| f["content"] == content).await;
        assert_eq!(frame["user"], "alice");
    }
}

#[tokio::test]
async fn room_names_with_non_ascii_usernames_are_percent_decoded() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, ti) = app.register("иван").await;
    let (status, created) = room(&app, &ta, "иван").await;
    assert_eq!(status, 201);
    assert_eq!(created["name"], "alice_иван");
    // reqwest and tungstenite send the name percent-encoded.
    let (status, msg) = app
        .post(
            &room_messages("alice_иван"),
            &ti,
            json!({"content": "Привет"}),
        )
        .await;
    assert_eq!(status, 201, "{msg}");
    let encoded = "alice_%D0%B8%D0%B2%D0%B0%D0%BD";
    let (status, list) = app.get(&room_messages(encoded), &ta).await;
    assert_eq!(status, 200);
    assert_eq!(list, json!([msg]));
    let mut ws = app.socket(&room_socket(encoded), &ti).await;
    send_json(&mut ws, json!({"message": "снова"})).await;
    assert_eq!(next_json(&mut ws).await["user"], "иван");
}
