//! A team's first day: `general` made by the first person who arrives through natter's
//! own ways, the rooms every newcomer starts in (marked through the admin API and the
//! CLI), and the people directory. A sign-up through a seed app's register endpoint
//! alone keeps the seed's behaviour: a new person is in no room.

use crate::helpers::*;
use crate::team_cli::done;
use crate::team_server::{invitation, operator_admin};
use reqwest::Method;
use serde_json::{json, Value};

/// Signs `name` up as natter's web client does (asking to start in the default rooms);
/// returns (id, `Token <key>`).
async fn web_sign_up(app: &TestApp, name: &str, invite_code: Option<&str>) -> (i64, String) {
    let mut body = json!({
        "username": name, "email": format!("{name}@example.org"),
        "password": "correct-horse", "join_default_rooms": true,
    });
    if let Some(code) = invite_code {
        body["invite_code"] = json!(code);
    }
    let (status, made) = app
        .call(Method::POST, "/api/auth/register/", None, Some(body))
        .await;
    assert_eq!(status, 201, "{made}");
    let token = made["token"].as_str().expect("token");
    (
        made["user"]["id"].as_i64().expect("id"),
        format!("Token {token}"),
    )
}

/// The text of the message a newcomer leaves in each default room they land in.
const JOINED: &str = "👋 joined";

/// Who left an arrival's message in `chat_id`, oldest first, as `auth` reads its history.
async fn arrivals(app: &TestApp, auth: &str, chat_id: i64) -> Vec<String> {
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{chat_id}/messages/?page_size=100"),
            auth,
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let mut found: Vec<(i64, String)> = page["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|m| m["content"] == JOINED)
                .map(|m| {
                    let who = m["sender"]["username"].as_str().unwrap_or_default();
                    (m["id"].as_i64().unwrap_or_default(), who.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.into_iter().map(|(_, who)| who).collect()
}

/// The unread count `auth`'s chat list gives `chat_id`.
async fn unread(app: &TestApp, auth: &str, chat_id: i64) -> Value {
    let (status, page) = app.get("/messages/api/chats/", auth).await;
    assert_eq!(status, 200, "{page}");
    page["results"]
        .as_array()
        .and_then(|r| r.iter().find(|c| c["id"] == chat_id))
        .map(|c| c["unread_count"].clone())
        .unwrap_or(Value::Null)
}

/// The names of the rooms `auth` is in (seed 003's list).
async fn my_rooms(app: &TestApp, auth: &str) -> Vec<String> {
    let (status, page) = app.get("/api/rooms/", auth).await;
    assert_eq!(status, 200, "{page}");
    let mut names: Vec<String> = page["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|r| r["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

async fn room(app: &TestApp, auth: &str, name: &str) -> i64 {
    let (status, room) = app.post("/api/rooms/", auth, json!({"name": name})).await;
    assert_eq!(status, 201, "{room}");
    room["id"].as_i64().expect("room id")
}

#[tokio::test]
async fn seed_sign_ups_start_in_no_room_as_the_seeds_do() {
    let app = TestApp::spawn().await;
    let (_, first) = app.register("first").await;
    let (_, second) = app.register("second").await;
    for auth in [&first, &second] {
        let (_, page) = app.get("/api/rooms/", auth).await;
        assert_eq!((&page["count"], &page["results"]), (&json!(0), &json!([])));
    }
    let (_, chats) = app.get("/api/admin/chats/", &first).await;
    assert_eq!(chats["count"], 0, "no room was made: {chats}");
}

#[tokio::test]
async fn the_first_arrival_makes_general_and_newcomers_land_in_the_default_rooms() {
    let app = TestApp::spawn().await;
    let (ann, ta) = web_sign_up(&app, "ann", None).await;
    assert_eq!(my_rooms(&app, &ta).await, vec!["general"]);
    let (_, chats) = app.get("/api/admin/chats/", &ta).await;
    let general = &chats["results"][0];
    assert_eq!(general["title"], "general");
    assert_eq!(general["is_default"], true, "{chats}");
    let general_id = general["id"].as_i64().expect("id");
    let (_, detail) = app.get(&format!("/api/rooms/{general_id}/"), &ta).await;
    assert_eq!(
        detail["owner"]["id"], ann,
        "the first person looks after it"
    );

    // Ann marks a second room as a default one; a group cannot be one.
    let handbook = room(&app, &ta, "handbook").await;
    let (status, marked) = app
        .post(
            &format!("/api/admin/chats/{handbook}/default/"),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), &marked),
        (200, &json!({"id": handbook, "is_default": true}))
    );
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "g", "member_ids": []}),
        )
        .await;
    assert!(status.is_success(), "{group}");
    let (status, body) = app
        .post(
            &format!("/api/admin/chats/{}/default/", group["id"]),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(status, 400, "{body}");

    // Ben signs up through the web client: he is in both, and Ann's socket is told; the
    // rooms surface's socket, which has no member frames, reads his arrival's message.
    let mut watching = app.socket(&format!("/ws/room/{general_id}/"), &ta).await;
    let mut all = app.socket("/messages/ws/", &ta).await;
    let (ben, tb) = web_sign_up(&app, "ben", None).await;
    assert_eq!(my_rooms(&app, &tb).await, vec!["general", "handbook"]);
    let joined = wait_for(&mut all, |f| f["type"] == "member_joined").await;
    assert_eq!(
        (&joined["chat_id"], &joined["user_id"]),
        (&json!(general_id), &json!(ben))
    );
    let line = wait_for(&mut watching, |f| f["type"] == "chat_message").await;
    assert_eq!(line["data"]["content"], JOINED, "{line}");
    assert_quiet(&mut watching).await;

    // Someone who is not an administrator cannot mark rooms.
    let (status, _) = app
        .post(
            &format!("/api/admin/chats/{handbook}/default/"),
            &tb,
            json!({}),
        )
        .await;
    assert_eq!(status, 403);
    // Unmarked, handbook keeps its members and takes no newcomer.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/chats/{handbook}/default/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, tc) = web_sign_up(&app, "cy", None).await;
    assert_eq!(my_rooms(&app, &tc).await, vec!["general"]);
    assert_eq!(my_rooms(&app, &tb).await, vec!["general", "handbook"]);
    // A seed client's sign-up still starts nowhere.
    let (_, td) = app.register("dee").await;
    assert!(my_rooms(&app, &td).await.is_empty());
    // Each mark is in the audit list.
    let (_, audit) = app.get("/api/admin/audit/", &ta).await;
    let actions: Vec<&str> = audit["results"]
        .as_array()
        .map(|r| r.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        actions.contains(&"chat.default") && actions.contains(&"chat.not_default"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_newcomers_arrival_is_told_in_each_default_room_they_land_in() {
    let app = TestApp::spawn().await;
    let (_, ta) = web_sign_up(&app, "ann", None).await;
    let (_, chats) = app.get("/api/admin/chats/", &ta).await;
    let general = chats["results"][0]["id"].as_i64().expect("general");
    assert_eq!(arrivals(&app, &ta, general).await, vec!["ann"]);
    let handbook = room(&app, &ta, "handbook").await;
    let (status, _) = app
        .post(
            &format!("/api/admin/chats/{handbook}/default/"),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    // Ben lands in both: each says he arrived, unread for Ann, read for Ben himself.
    let before = unread(&app, &ta, general).await;
    let (_, tb) = web_sign_up(&app, "ben", None).await;
    assert_eq!(arrivals(&app, &tb, general).await, vec!["ann", "ben"]);
    assert_eq!(arrivals(&app, &tb, handbook).await, vec!["ben"]);
    assert_eq!(before, json!(0));
    assert_eq!(unread(&app, &ta, general).await, json!(1));
    assert_eq!(unread(&app, &tb, general).await, json!(0));
    // Made by the operator, or signed up by a seed client (no room), nobody arrived.
    let out = crate::team_cli::natter(
        &app,
        &[
            "create-user",
            "late",
            "--password-stdin",
            "--email",
            "late@example.org",
        ],
        "correct-horse\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    app.register("dee").await;
    assert_eq!(arrivals(&app, &ta, general).await, vec!["ann", "ben"]);
}

#[tokio::test]
async fn a_join_link_and_the_operator_bring_people_into_the_default_rooms() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    // The operator's first administrator makes no room; the first person to arrive by a
    // join link opens the first day, and general is the administrator's to look after.
    let boss = operator_admin(&app, "boss").await;
    assert!(my_rooms(&app, &boss).await.is_empty());
    let made = invitation(&app, &boss, json!({})).await;
    let code = made["code"].as_str().expect("code");
    // A seed client with the join link's code is welcomed too: the link is natter's.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "newbie", "email": "newbie@example.org", "password": "correct-horse", "invite_code": code})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let newbie = format!("Token {}", body["token"].as_str().expect("token"));
    assert_eq!(my_rooms(&app, &newbie).await, vec!["general"]);
    assert_eq!(my_rooms(&app, &boss).await, vec!["general"]);
    let (_, chats) = app.get("/api/admin/chats/", &boss).await;
    assert_eq!(chats["results"][0]["member_count"], 2, "{chats}");

    // The CLI lists and marks rooms.
    let ops = room(&app, &boss, "ops").await;
    let listed = done(&app, &["rooms", "list"]);
    assert!(listed.contains("general\t2\tyes"), "{listed}");
    assert!(listed.contains(&format!("{ops}\tops\t1\tno")), "{listed}");
    let said = done(&app, &["rooms", "default", "ops"]);
    assert!(said.contains("newcomers now start in room"), "{said}");
    let out = crate::team_cli::natter(
        &app,
        &[
            "create-user",
            "late",
            "--password-stdin",
            "--email",
            "late@example.org",
        ],
        "correct-horse\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let late = crate::team_server::token_of(&app, "late").await;
    assert_eq!(my_rooms(&app, &late).await, vec!["general", "ops"]);
    done(&app, &["rooms", "not-default", &ops.to_string()]);
    let listed = done(&app, &["rooms", "list"]);
    assert!(listed.contains(&format!("{ops}\tops\t2\tno")), "{listed}");
    let out = crate::team_cli::natter(&app, &["rooms", "default", "nowhere"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no room is named nowhere"));
}

#[tokio::test]
async fn a_join_link_on_an_open_server_brings_a_seed_client_into_the_default_rooms() {
    // Open registration: anyone may sign up, but a join link's code still does what the
    // link promises (the default rooms), is counted as a use, and is checked.
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let boss = operator_admin(&app, "boss").await;
    let made = invitation(&app, &boss, json!({"max_uses": 1})).await;
    let code = made["code"].as_str().expect("code");
    let sign_up = |name: &str, code: Option<&str>| {
        let mut body = json!({"username": name, "email": format!("{name}@example.org"),
                              "password": "correct-horse"});
        if let Some(code) = code {
            body["invite_code"] = json!(code);
        }
        app.call(Method::POST, "/api/auth/register/", None, Some(body))
    };
    let (status, body) = sign_up("newbie", Some(code)).await;
    assert_eq!(status, 201, "{body}");
    let newbie = format!("Token {}", body["token"].as_str().expect("token"));
    assert_eq!(my_rooms(&app, &newbie).await, vec!["general"]);
    let (_, page) = app.get("/api/admin/invitations/", &boss).await;
    assert_eq!(
        (&page[0]["uses"], &page[0]["valid"]),
        (&json!(1), &json!(false))
    );
    // A used-up link is refused with the invite server's sentence, not turned silently
    // into a sign-up that lands nowhere.
    let (status, body) = sign_up("late", Some(code)).await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body.to_string().contains("This invitation cannot be used"),
        "{body}"
    );
    // Without a code (or with a blank one) a seed client keeps the seed's behaviour.
    for (name, code) in [("plain", None), ("blank", Some("  "))] {
        let (status, body) = sign_up(name, code).await;
        assert_eq!(status, 201, "{body}");
        let auth = format!("Token {}", body["token"].as_str().expect("token"));
        assert!(my_rooms(&app, &auth).await.is_empty(), "{name}");
    }
}

#[tokio::test]
async fn the_people_directory_lists_active_people_by_name() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, _) = app.register("bob").await;
    let (_, tz) = app.register("zed").await;
    let (status, _) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&tz),
            Some(json!({"display_name": "Aaron Zed"})),
        )
        .await;
    assert!(status.is_success());
    let (status, _) = app
        .post(
            &format!("/api/admin/users/{bob}/deactivate/"),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .post("/api/bots/", &ta, json!({"username": "alertbot"}))
        .await;
    assert!(status.is_success());
    let (status, page) = app.get("/api/people/", &tz).await;
    assert_eq!(status, 200, "{page}");
    let names: Vec<&str> = page["results"]
        .as_array()
        .map(|r| r.iter().filter_map(|p| p["username"].as_str()).collect())
        .unwrap_or_default();
    // By the name people see: "Aaron Zed" before "ann"; no deactivated account, no bot.
    assert_eq!(names, vec!["zed", "ann"], "{page}");
    let first: &Value = &page["results"][0];
    assert_eq!(first["display_name"], "Aaron Zed");
    assert!(
        first.get("email").is_none(),
        "no addresses in the directory"
    );
    let (_, found) = app.get("/api/people/?search=aAr", &ta).await;
    assert_eq!(found["count"], 1);
    let (_, none) = app.get("/api/people/?search=%25", &ta).await;
    assert_eq!(
        none["count"], 0,
        "a % is a character, not a wildcard: {none}"
    );
    let (status, _) = app.call(Method::GET, "/api/people/", None, None).await;
    assert_eq!(status, 401);
}
