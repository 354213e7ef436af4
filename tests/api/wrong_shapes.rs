//! A body field of the wrong JSON type is a 400 in the surface's own
//! shape and changes nothing, on every surface and socket; each field reads as DRF's
//! field class of the same kind does (CharField, IntegerField, BooleanField, ListField,
//! PrimaryKeyRelatedField). A form may give a list field's key once or repeat it.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// DRF's message for a list field given something else.
fn not_a_list(kind: &str) -> String {
    format!("Expected a list of items but got type \"{kind}\".")
}

/// DRF's message for an id field given something else.
fn not_a_pk(kind: &str) -> String {
    format!("Incorrect type. Expected pk value, received {kind}.")
}

/// POSTs `body` as it is, with `content_type`.
async fn post_as(
    app: &TestApp,
    path: &str,
    auth: &str,
    content_type: &str,
    body: &str,
) -> (StatusCode, Value) {
    let resp = app
        .client
        .post(format!("{}{}", app.base, path))
        .header("Authorization", auth)
        .header("Content-Type", content_type)
        .body(body.to_string())
        .send()
        .await
        .expect("request sent");
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// POSTs a form-encoded body (`key=value&...`, already encoded).
async fn post_form(app: &TestApp, path: &str, auth: &str, form: &str) -> (StatusCode, Value) {
    post_as(app, path, auth, "application/x-www-form-urlencoded", form).await
}

/// A group chat of the chats surface owned by `owner` with `members`.
async fn group(app: &TestApp, owner: &str, members: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": "Team", "member_ids": members}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    chat["id"].as_i64().expect("chat id")
}

/// The member ids of a chats-surface chat, sorted.
async fn member_ids(app: &TestApp, auth: &str, chat: i64) -> Vec<i64> {
    let (status, detail) = app.get(&format!("/messages/api/chats/{chat}/"), auth).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let mut ids: Vec<i64> = detail["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["id"].as_i64().expect("member id"))
        .collect();
    ids.sort_unstable();
    ids
}

/// Asserts the chats surface's 400: `{"error": "Invalid request", "details": {field: [message]}}`.
fn assert_chats_400(status: StatusCode, body: &Value, field: &str, message: &str) {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], "Invalid request", "{body}");
    assert_eq!(body["details"][field], json!([message]), "{body}");
}

#[tokio::test]
async fn a_string_for_a_list_of_member_ids_is_400_not_200() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let (c, _) = app.register("carol").await;
    let chat = group(&app, &ta, &[b]).await;
    let add = format!("/messages/api/chats/{chat}/members/add/");

    let cases = [
        (json!({"user_ids": c.to_string()}), not_a_list("str")),
        (json!({"user_ids": c}), not_a_list("int")),
        (json!({"user_ids": 1.5}), not_a_list("float")),
        (json!({"user_ids": true}), not_a_list("bool")),
        (json!({"user_ids": {"id": c}}), not_a_list("dict")),
        (
            json!({"user_ids": null}),
            "This field may not be null.".into(),
        ),
        (json!({"user_ids": [c, "carol"]}), not_a_pk("str")),
        (json!({"user_ids": [true]}), not_a_pk("bool")),
        (json!({"user_ids": [[c]]}), not_a_pk("list")),
        (json!({"user_ids": [{"id": c}]}), not_a_pk("dict")),
        (json!({"user_ids": [2.5]}), not_a_pk("float")),
    ];
    for (body, message) in cases {
        let (status, answer) = app.post(&add, &ta, body.clone()).await;
        assert_chats_400(status, &answer, "user_ids", &message);
    }
    assert_eq!(
        member_ids(&app, &ta, chat).await,
        vec![a, b],
        "nobody added"
    );

    // The id as text inside a list is an id, as Django reads it.
    let (status, answer) = app
        .post(&add, &ta, json!({"user_ids": [c.to_string()]}))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["added_count"], 1);
    assert_eq!(member_ids(&app, &ta, chat).await, vec![a, b, c]);
}

#[tokio::test]
async fn a_form_may_give_a_list_of_member_ids_once_or_repeated() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let (c, _) = app.register("carol").await;
    let (d, _) = app.register("dave").await;
    let chat = group(&app, &ta, &[]).await;
    let add = format!("/messages/api/chats/{chat}/members/add/");

    let (status, answer) = post_form(&app, &add, &ta, &format!("user_ids={b}")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["added_count"], 1);
    let (status, answer) = post_form(&app, &add, &ta, &format!("user_ids={c}&user_ids={d}")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["added_count"], 2);
    assert_eq!(member_ids(&app, &ta, chat).await, vec![a, b, c, d]);

    // A form value that is not an id is refused like JSON text.
    let (status, answer) = post_form(&app, &add, &ta, "user_ids=carol").await;
    assert_chats_400(status, &answer, "user_ids", &not_a_pk("str"));
}

#[tokio::test]
async fn wrong_types_in_a_new_chat_are_400_together_and_make_no_chat() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;

    let (status, answer) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": {"text": "Team"}, "member_ids": b.to_string(), "description": ["x"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"], "Invalid request");
    assert_eq!(answer["details"]["title"], json!(["Not a valid string."]));
    assert_eq!(answer["details"]["member_ids"], json!([not_a_list("str")]));
    assert_eq!(
        answer["details"]["description"],
        json!(["Not a valid string."])
    );

    let (status, answer) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": true, "member_ids": [b]}),
        )
        .await;
    assert_chats_400(
        status,
        &answer,
        "chat_type",
        "\"True\" is not a valid choice.",
    );

    let (status, answer) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": false}),
        )
        .await;
    assert_chats_400(status, &answer, "title", "Not a valid string.");

    // A body that is JSON but not an object.
    let (status, answer) = post_as(
        &app,
        "/messages/api/chats/",
        &ta,
        "application/json",
        "[1, 2]",
    )
    .await;
    assert_chats_400(
        status,
        &answer,
        "non_field_errors",
        "Invalid data. Expected a dictionary, but got list.",
    );

    let (status, list) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["count"], 0, "no chat was made: {list}");
}

#[tokio::test]
async fn a_boolean_or_integer_the_chats_surface_cannot_read_is_400() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, &[b]).await;
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &tb,
            json!({"content": "hello"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let typing = format!("/messages/api/chats/{chat}/typing/");
    for bad in [
        json!("maybe"),
        json!(2),
        json!([true]),
        json!({}),
        json!(null),
    ] {
        let (status, answer) = app.post(&typing, &ta, json!({"is_typing": bad})).await;
        let message = if bad.is_null() {
            "This field may not be null."
        } else {
            "Must be a valid boolean."
        };
        assert_chats_400(status, &answer, "is_typing", message);
    }
    // DRF's texts for booleans are read.
    let (status, answer) = app.post(&typing, &ta, json!({"is_typing": "off"})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["is_typing"], false);

    let read = format!("/messages/api/chats/{chat}/mark-as-read/");
    for bad in [
        json!("abc"),
        json!("1.5"),
        json!(1.5),
        json!(true),
        json!([1]),
    ] {
        let (status, answer) = app.post(&read, &ta, json!({"message_id": bad})).await;
        assert_chats_400(
            status,
            &answer,
            "message_id",
            "A valid integer is required.",
        );
    }
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(
        chats["results"][0]["unread_count"], 1,
        "nothing marked read"
    );
}

#[tokio::test]
async fn an_object_for_message_content_or_a_string_for_attachments_is_400_and_sends_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let chat = group(&app, &ta, &[]).await;
    let send = format!("/messages/api/chats/{chat}/messages/");

    let (status, answer) = app
        .post(&send, &ta, json!({"content": {"text": "hi"}}))
        .await;
    assert_chats_400(status, &answer, "content", "Not a valid string.");
    let (status, answer) = app
        .post(&send, &ta, json!({"content": "hi", "attachment_ids": "1"}))
        .await;
    assert_chats_400(status, &answer, "attachment_ids", &not_a_list("str"));
    let (status, answer) = app
        .post(
            &send,
            &ta,
            json!({"content": "hi", "attachment_ids": ["one"]}),
        )
        .await;
    assert_chats_400(
        status,
        &answer,
        "attachment_ids",
        "A valid integer is required.",
    );
    let (status, answer) = app.post(&send, &ta, json!({"content": true})).await;
    assert_chats_400(status, &answer, "content", "Not a valid string.");

    let (status, page) = app.get(&send, &ta).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["count"], 0, "nothing was sent: {page}");
}

#[tokio::test]
async fn wrong_types_for_a_room_are_400_in_the_rooms_shape_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;

    let (status, answer) = app
        .post(
            "/api/rooms/",
            &ta,
            json!({"name": {"a": 1}, "max_participants": "ten", "is_private": "maybe", "description": 5}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"], "validation_error");
    assert!(answer["message"].is_string(), "{answer}");
    assert_eq!(
        answer["details"],
        json!({
            "name": ["Not a valid string."],
            "max_participants": ["A valid integer is required."],
            "is_private": ["Must be a valid boolean."],
        }),
        "a number is a valid description (CharField)"
    );
    let (_, rooms) = app.get("/api/rooms/", &ta).await;
    assert_eq!(rooms["count"], 0, "no room was made: {rooms}");

    let (status, room) = app
        .post(
            "/api/rooms/",
            &ta,
            json!({"name": "Lobby", "max_participants": "3", "is_private": "yes"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    assert_eq!(room["max_participants"], 3, "numeric text is an integer");
    assert_eq!(room["is_private"], true);
    let path = format!("/api/rooms/{}/", room["id"]);

    for (body, field, message) in [
        (
            json!({"max_participants": 2.5}),
            "max_participants",
            "A valid integer is required.",
        ),
        (
            json!({"max_participants": [4]}),
            "max_participants",
            "A valid integer is required.",
        ),
        (
            json!({"is_private": 2}),
            "is_private",
            "Must be a valid boolean.",
        ),
        (json!({"name": ["Hall"]}), "name", "Not a valid string."),
        (
            json!({"description": null}),
            "description",
            "This field may not be null.",
        ),
    ] {
        let (status, answer) = app.call(Method::PATCH, &path, Some(&ta), Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert_eq!(answer["error"], "validation_error");
        assert_eq!(answer["details"][field], json!([message]), "{answer}");
    }
    let (_, after) = app.get(&path, &ta).await;
    assert_eq!(after["name"], "Lobby");
    assert_eq!(after["max_participants"], 3);
    assert_eq!(after["is_private"], true);

    // null is allowed where the document allows it: no limit.
    let (status, answer) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"max_participants": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["max_participants"], Value::Null);

    let messages = format!("/api/rooms/{}/messages/", room["id"]);
    let (status, answer) = app
        .post(
            &messages,
            &ta,
            json!({"content": "hi", "attachment_ids": 7}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"], "validation_error");
    assert_eq!(
        answer["details"]["attachment_ids"],
        json!([not_a_list("int")])
    );
    let (_, page) = app.get(&messages, &ta).await;
    assert_eq!(page["count"], 0, "nothing was sent: {page}");
}

#[tokio::test]
async fn a_list_for_the_inbox_receiver_is_400_with_drfs_pk_message() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;

    let (status, answer) = app
        .post(
            "/api/messages/",
            &ta,
            json!({"receiver": [b], "content": ["hi"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(
        answer,
        json!({"receiver": [not_a_pk("list")], "content": ["Not a valid string."]})
    );
    for (receiver, kind) in [
        (json!(true), "bool"),
        (json!({"id": b}), "dict"),
        (json!("bob"), "str"),
        (json!(1.5), "float"),
    ] {
        let (status, answer) = app
            .post(
                "/api/messages/",
                &ta,
                json!({"receiver": receiver, "content": "hi"}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert_eq!(answer, json!({"receiver": [not_a_pk(kind)]}));
    }
    let (status, answer) = app
        .post(
            "/api/messages/",
            &ta,
            json!({"receiver": b, "content": null}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer, json!({"content": ["This field may not be null."]}));

    let (_, list) = app.get("/api/messages/", &ta).await;
    assert_eq!(list["count"], 0, "nothing was sent: {list}");
}

#[tokio::test]
async fn a_boolean_or_fraction_for_a_dm_user_id_is_400_and_makes_no_chat() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;

    for bad in [
        json!(true),
        json!("1.5"),
        json!(1.5),
        json!([b]),
        json!({"id": b}),
        json!("bob"),
    ] {
        let (status, answer) = app
            .post("/api/chats/create/", &ta, json!({"user_id": bad}))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert_eq!(answer, json!({"user_id": ["A valid integer is required."]}));
    }
    let (status, answer) = app
        .post("/api/chats/create/", &ta, json!({"user_id": null}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer, json!({"user_id": ["This field may not be null."]}));
    let (_, chats) = app.get("/api/chats/", &ta).await;
    assert_eq!(chats, json!([]), "no chat was made");

    // Integer text, and an integral number, are ids (DRF's IntegerField).
    let (status, chat) = app
        .post(
            "/api/chats/create/",
            &ta,
            json!({"user_id": format!("{b}.0")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
}

#[tokio::test]
async fn wrong_types_on_the_messenger_surface_are_400_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    app.register("bob").await;

    let (status, answer) = app
        .post(
            "/profiles/api/add-friend/",
            &ta,
            json!({"username": ["bob"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer, json!({"username": ["Not a valid string."]}));

    let (status, answer) = app
        .post(
            "/profiles/api/posts/",
            &ta,
            json!({"title": true, "content": {"text": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(
        answer,
        json!({"title": ["Not a valid string."], "content": ["Not a valid string."]})
    );

    let (status, answer) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"bio": ["about me"], "image": {"url": "/x.png"}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(
        answer,
        json!({"bio": ["Not a valid string."], "image": ["Not a valid string."]})
    );

    let (_, profile) = app.get("/profiles/api/profile/", &ta).await;
    assert_eq!(profile["profile"]["friends"], json!([]));
    assert_eq!(profile["profile"]["bio"], "");
    assert_eq!(profile["posts"], json!([]));

    let (status, room) = app
        .post(
            "/messenger/api/chatrooms/",
            &ta,
            json!({"recipient": "bob"}),
        )
        .await;
    assert!(status.is_success(), "{room}");
    let messages = "/messenger/api/chatrooms/alice_bob/messages/";
    let (status, answer) = app.post(messages, &ta, json!({"content": [1]})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer, json!({"content": ["Not a valid string."]}));
    let (_, list) = app.get(messages, &ta).await;
    assert_eq!(list, json!([]), "nothing was sent");
}

#[tokio::test]
async fn wrong_types_for_account_fields_are_400_and_register_nobody() {
    let app = TestApp::spawn().await;

    let (status, answer) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": ["zed"], "email": true, "password": {"p": "correct-horse"}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"], "validation_error");
    assert_eq!(
        answer["details"],
        json!({
            "username": ["Not a valid string."],
            "email": ["Not a valid string."],
            "password": ["Not a valid string."],
        })
    );
    let (status, answer) = app
        .call(
            Method::POST,
            "/accounts/api/users/",
            None,
            Some(json!({"username": "zed", "email": "zed@example.org", "password": null})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer, json!({"password": ["This field may not be null."]}));

    let (_, ta) = app.register("alice").await;
    let (_, users) = app.get("/accounts/api/users/", &ta).await;
    assert_eq!(
        users.as_array().map(Vec::len),
        Some(1),
        "only alice: {users}"
    );

    let (status, answer) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": {"name": "alice"}, "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer, json!({"username": ["Not a valid string."]}));
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "", "oauth": true})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer, json!({"oauth": ["Not a valid string."]}));
    let (status, answer) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": ["alice"], "password": ["correct-horse"]})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(
        answer,
        json!({"username": ["Not a valid string."], "password": ["Not a valid string."]})
    );
    let (status, answer) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({"refresh": {"token": "x"}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer, json!({"refresh": ["Not a valid string."]}));
}

#[tokio::test]
async fn a_chats_socket_frame_with_a_wrong_type_gets_an_error_frame_and_stays_open() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, &[b]).await;
    let mut mine = app
        .socket(&format!("/messages/ws/chats/{chat}/"), &ta)
        .await;
    let mut theirs = app.socket("/messages/ws/", &tb).await;

    send_json(&mut mine, json!({"type": "typing", "chat_id": "x"})).await;
    let frame = next_json(&mut mine).await;
    assert_eq!(
        frame,
        json!({"type": "error", "error": "validation_error", "details": {"message": "chat_id: A valid integer is required."}})
    );
    send_json(&mut mine, json!({"type": "typing", "is_typing": "maybe"})).await;
    let frame = next_json(&mut mine).await;
    assert_eq!(frame["type"], "error");
    assert_eq!(
        frame["details"]["message"],
        "is_typing: Must be a valid boolean."
    );
    send_json(&mut mine, json!({"type": "ping"})).await;
    assert_eq!(next_json(&mut mine).await, json!({"type": "pong"}));
    assert_quiet(&mut theirs).await;

    // A good frame still works on the same socket.
    send_json(&mut mine, json!({"type": "typing", "is_typing": "yes"})).await;
    let typing = wait_for(&mut theirs, |f| f["type"] == "typing").await;
    assert_eq!(typing["is_typing"], true);
}

#[tokio::test]
async fn a_rooms_socket_message_with_a_wrong_type_gets_an_error_frame_and_sends_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (status, room) = app.post("/api/rooms/", &ta, json!({"name": "Lobby"})).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = room["id"].as_i64().expect("room id");
    let mut ws = app.socket(&format!("/ws/room/{id}/"), &ta).await;

    for (data, message) in [
        (
            json!({"content": ["hi"]}),
            "content: Not a valid string.".to_string(),
        ),
        (
            json!({"content": "hi", "attachment_ids": "3"}),
            format!("attachment_ids: {}", not_a_list("str")),
        ),
        (
            json!({"content": "hi", "attachments": [true]}),
            "attachments: A valid integer is required.".into(),
        ),
        (
            json!("hi"),
            "data: Invalid data. Expected a dictionary, but got str.".into(),
        ),
    ] {
        send_json(&mut ws, json!({"type": "chat_message", "data": data})).await;
        let frame = next_json(&mut ws).await;
        assert_eq!(
            frame,
            json!({"type": "error", "data": {"code": "validation_error", "message": message}})
        );
    }
    let (_, page) = app.get(&format!("/api/rooms/{id}/messages/"), &ta).await;
    assert_eq!(page["count"], 0, "nothing was sent: {page}");

    send_json(
        &mut ws,
        json!({"type": "chat_message", "data": {"content": 42}}),
    )
    .await;
    let frame = wait_for(&mut ws, |f| f["type"] == "chat_message").await;
    assert_eq!(
        frame["data"]["content"], "42",
        "a number is text (CharField)"
    );
}

#[tokio::test]
async fn inbox_dm_and_messenger_socket_frames_with_wrong_types_get_error_frames() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;

    let mut inbox = app.socket("/ws/chat/bob/", &ta).await;
    for (frame, error) in [
        (json!({"message": ["hi"]}), "message must be a string."),
        (
            json!({"message": "hi", "message_id": [1]}),
            "message_id must be a message id.",
        ),
        (
            json!({"delete_message_id": {"id": 1}}),
            "delete_message_id must be a message id.",
        ),
    ] {
        send_json(&mut inbox, frame).await;
        assert_eq!(next_json(&mut inbox).await, json!({"error": error}));
    }
    let (_, list) = app.get("/api/messages/", &ta).await;
    assert_eq!(list["count"], 0, "nothing was sent: {list}");

    let (status, chat) = app
        .post("/api/chats/create/", &ta, json!({"user_id": b}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let mut dm = app.socket(&format!("/ws/chat/{}/", chat["id"]), &ta).await;
    send_json(&mut dm, json!({"body": {"text": "hi"}})).await;
    assert_eq!(
        next_json(&mut dm).await,
        json!({"error": "An error occurred while processing your message"})
    );

    let (status, _) = app
        .post(
            "/messenger/api/chatrooms/",
            &ta,
            json!({"recipient": "bob"}),
        )
        .await;
    assert!(status.is_success());
    let mut room = app.socket("/messenger/ws/ws/chat/alice_bob/", &ta).await;
    send_json(&mut room, json!({"message": 5})).await;
    assert_eq!(
        next_json(&mut room).await,
        json!({"error": "\"message\" is required and must be a string."})
    );
    let (_, messages) = app
        .get("/messenger/api/chatrooms/alice_bob/messages/", &ta)
        .await;
    assert_eq!(messages, json!([]), "nothing was sent");

    // Every socket is still open: a good frame is answered by its broadcast.
    send_json(&mut inbox, json!({"message": "hello"})).await;
    let sent = wait_for(&mut inbox, |f| f.get("id").is_some()).await;
    assert_eq!(sent["message"], "hello");
}
