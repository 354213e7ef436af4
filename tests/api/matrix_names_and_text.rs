//! Names and topics from Matrix apps follow natter's own rules, through the real binary:
//! a display name is at most 150 characters and a room's name 255, a topic 250 (longer
//! is 400 `M_INVALID_PARAM`, and a refused `createRoom` makes no room); control
//! characters (ESC sequences, a line break) and direction controls (overrides, isolates,
//! marks) are left out of each, as natter's account page, chats surface and statuses
//! leave them out; a person has one name, never one per room.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// What a Matrix app shows for `user`'s name.
async fn display_name(app: &TestApp, token: &str, user: &str) -> Value {
    let a = get(app, token, &format!("/profile/{user}/displayname")).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body["displayname"].clone()
}

/// The rooms `token`'s person is in.
async fn joined(app: &TestApp, token: &str) -> Vec<Value> {
    let a = get(app, token, "/joined_rooms").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body["joined_rooms"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The room `room_id` as `/publicRooms` lists it.
async fn listed(app: &TestApp, token: &str, room_id: &str) -> Value {
    let a = get(app, token, "/publicRooms").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body["chunk"]
        .as_array()
        .and_then(|rooms| rooms.iter().find(|r| r["room_id"] == room_id).cloned())
        .unwrap_or_else(|| panic!("{room_id} is listed: {}", a.body))
}

#[tokio::test]
async fn a_display_name_from_a_matrix_app_is_kept_as_natters_account_page_keeps_it() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let me = format!("@alice:{SERVER}");
    let path = format!("/profile/{me}/displayname");
    let before = display_name(&app, &token, &me).await;

    // Longer than natter's 150 characters: refused, in Matrix's shape, and nothing kept.
    for long in ["x".repeat(20_000), "é".repeat(151)] {
        let a = put(&app, &token, &path, json!({"displayname": long})).await;
        assert_error(&a, 400, "M_INVALID_PARAM");
        assert!(
            a.body["error"].as_str().unwrap_or("").contains("150"),
            "{}",
            a.body
        );
    }
    assert_eq!(display_name(&app, &token, &me).await, before);
    let a = put(&app, &token, &path, json!({"displayname": "é".repeat(150)})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        display_name(&app, &token, &me).await,
        json!("é".repeat(150))
    );

    // An override, an isolate, a mark, an escape sequence and a line break are left out,
    // a line break as a space: what everyone reads is one plain line.
    let a = put(
        &app,
        &token,
        &path,
        json!({"displayname": " Ana\u{202e}gpj.exe\u{2066}\u{1b}[2J\u{200f}\nReyes\u{9b} "}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let clean = "Anagpj.exe[2J Reyes";
    assert_eq!(display_name(&app, &token, &me).await, clean);
    let (_, seen) = app.get("/api/auth/me/", &alice).await;
    assert_eq!(seen["display_name"], clean, "{seen}");
    let profile = get(&app, &token, &format!("/profile/{me}")).await;
    assert_eq!(profile.body["displayname"], clean, "{}", profile.body);

    // A name of controls alone is no name: the username shows again.
    let a = put(
        &app,
        &token,
        &path,
        json!({"displayname": "\u{202e}\u{1b}\n"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(display_name(&app, &token, &me).await, "alice");

    // natter's own account page keeps a name the same way, and refuses the same length.
    let (status, mine) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&alice),
            Some(json!({"display_name": "Ana\u{202e} \u{1b}[31mReyes\u{200e}"})),
        )
        .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["display_name"], "Ana [31mReyes", "{mine}");
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&alice),
            Some(json!({"display_name": "x".repeat(151)})),
        )
        .await;
    assert_eq!(status, 400, "{body}");

    // A name for one room only (a member event's displayname) is no name natter keeps:
    // refused, and the person's one name stays.
    let group = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "title": "team"}),
        )
        .await
        .1["id"]
        .as_i64()
        .expect("a group");
    let a = put(
        &app,
        &token,
        &format!("/rooms/{}/state/m.room.member/{me}", room(group)),
        json!({"membership": "join", "displayname": "x".repeat(20_000)}),
    )
    .await;
    assert_error(&a, 403, "M_FORBIDDEN");
    assert_eq!(display_name(&app, &token, &me).await, "Ana [31mReyes");
}

#[tokio::test]
async fn room_names_and_topics_from_a_matrix_app_follow_natters_rules() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let rooms_before = joined(&app, &token).await;

    // Too long a name or topic: 400 naming the field, and no room is made.
    for (body, field) in [
        (
            json!({"preset": "public_chat", "name": "n".repeat(100_000)}),
            "'name'",
        ),
        (
            json!({"preset": "public_chat", "name": "ok", "topic": "t".repeat(100_000)}),
            "'topic'",
        ),
        (json!({"name": "n".repeat(256)}), "255"),
        (json!({"name": "ok", "topic": "t".repeat(251)}), "250"),
        (
            json!({"preset": "public_chat", "room_alias_name": "a".repeat(300)}),
            "'room_alias_name'",
        ),
    ] {
        let a = post(&app, &token, "/createRoom", body.clone()).await;
        assert_error(&a, 400, "M_INVALID_PARAM");
        let words = a.body["error"].as_str().unwrap_or("");
        assert!(words.contains(field), "{body}: {}", a.body);
    }
    assert_eq!(joined(&app, &token).await, rooms_before);
    let (_, chats) = app.get("/messages/api/chats/", &alice).await;
    let listed_chats = chats
        .as_array()
        .or(chats["results"].as_array())
        .map_or(0, Vec::len);
    assert_eq!(
        listed_chats,
        rooms_before.len(),
        "no chat was made: {chats}"
    );

    // At the bounds, and with controls: kept as one plain line.
    let a = post(
        &app,
        &token,
        "/createRoom",
        json!({"preset": "public_chat", "name": format!("{}\u{202e}", "n".repeat(255)),
               "topic": "t".repeat(250)}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = post(
        &app,
        &token,
        "/createRoom",
        json!({"preset": "public_chat", "name": " Team\u{202e}\u{1b}[31m\nChat\u{200f} ",
               "topic": "Ship\u{2067} it\u{1b}]0;owned\u{7}\n today\u{61c}"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let room_id = a.body["room_id"].as_str().expect("room_id").to_string();
    let shown = listed(&app, &token, &room_id).await;
    assert_eq!(
        (shown["name"].clone(), shown["topic"].clone()),
        (json!("Team[31m Chat"), json!("Ship it]0;owned today")),
        "{shown}"
    );

    // State: the same rules.
    let state = |kind: &str| format!("/rooms/{room_id}/state/{kind}/");
    for (kind, body) in [
        ("m.room.name", json!({"name": "n".repeat(100_000)})),
        ("m.room.topic", json!({"topic": "t".repeat(100_000)})),
        ("m.room.name", json!({"name": "n".repeat(256)})),
        ("m.room.topic", json!({"topic": "t".repeat(251)})),
    ] {
        let a = put(&app, &token, &state(kind), body).await;
        assert_error(&a, 400, "M_INVALID_PARAM");
    }
    let shown = listed(&app, &token, &room_id).await;
    assert_eq!(shown["name"], "Team[31m Chat", "{shown}");
    assert_eq!(shown["topic"], "Ship it]0;owned today", "{shown}");
    let a = put(
        &app,
        &token,
        &state("m.room.name"),
        json!({"name": "Ops\u{2066}\u{1b}[2J\u{200e}\r\nRoom"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = put(
        &app,
        &token,
        &state("m.room.topic"),
        json!({"topic": "On\u{202b}call\u{9b}\u{200f}\tnow"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let shown = listed(&app, &token, &room_id).await;
    assert_eq!(
        (shown["name"].clone(), shown["topic"].clone()),
        (json!("Ops[2J  Room"), json!("Oncall now")),
        "{shown}"
    );
    let read = get(&app, &token, &format!("/rooms/{room_id}/state/m.room.name")).await;
    assert_eq!(read.body["name"], "Ops[2J  Room", "{}", read.body);
    let read = get(
        &app,
        &token,
        &format!("/rooms/{room_id}/state/m.room.topic"),
    )
    .await;
    assert_eq!(read.body["topic"], "Oncall now", "{}", read.body);

    // Everyone's directory stays small: two rooms at the bounds are a few KB.
    let everyone = get(&app, &token, "/publicRooms").await;
    assert!(
        everyone.body.to_string().len() < 4096,
        "{} bytes",
        everyone.body.to_string().len()
    );
}

#[tokio::test]
async fn a_device_name_is_kept_as_one_clean_line() {
    let app = spawn().await;
    app.register("alice").await;
    let login = mx(
        &app,
        Method::POST,
        &format!("{V3}/login"),
        None,
        Some(json!({
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": "alice"},
            "password": "correct-horse",
            "device_id": "PHONE",
            "initial_device_display_name": "Phone\u{202E}enohp\n\u{1b}[31mred",
        })),
    )
    .await;
    let token = token_of(&login);
    let device = get(&app, &token, "/devices/PHONE").await;
    assert_eq!(device.status, StatusCode::OK, "{}", device.body);
    assert_eq!(
        device.body["display_name"], "Phoneenohp [31mred",
        "{}",
        device.body
    );

    let renamed = put(
        &app,
        &token,
        "/devices/PHONE",
        json!({"display_name": "\u{2067}Work\u{2069}\tlaptop\u{200F}"}),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let device = get(&app, &token, "/devices/PHONE").await;
    assert_eq!(
        device.body["display_name"], "Work laptop",
        "{}",
        device.body
    );
}
