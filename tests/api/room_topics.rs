//! What a room is for: its topic (set by its admins through the chat's `PATCH`, one line
//! of at most 250 characters, each change a message in the room, live on every node and
//! on the next read of a kept chat list) and purpose (its description); its admins, not
//! its other members, archive and unarchive it; the rooms browser lists the rooms one may
//! see with member counts, topics and whether one is in each, the latest active first.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::metrics::{free_port, scrape, value};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const TOPIC_TEXT: &str = "📝 set the topic: ";

async fn patch_chat(app: &TestApp, auth: &str, chat: i64, body: Value) -> (StatusCode, Value) {
    let path = format!("/messages/api/chats/{chat}/");
    app.call(Method::PATCH, &path, Some(auth), Some(body)).await
}

/// The contents of a chat's latest messages, newest first.
async fn contents(app: &TestApp, auth: &str, chat: i64) -> Vec<String> {
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await;
    assert_eq!(status, 200, "{page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| m["content"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn a_chats_admins_set_its_topic_and_each_change_is_told_in_it() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (_, carol) = app.register("carol").await;
    let g = group(&app, &alice, "Launch", &[bob_id]).await;
    let mut bob_ws = app.socket("/messages/ws/", &bob).await;

    let (status, body) = patch_chat(&app, &bob, g, json!({"topic": "mine"})).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a member is no admin: {body}"
    );
    let (status, body) = patch_chat(&app, &carol, g, json!({"topic": "mine"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not carol's chat: {body}");
    let (status, body) = patch_chat(&app, &alice, g, json!({"topic": "x".repeat(251)})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["details"]["topic"].is_array(), "{body}");

    let (status, chat) = patch_chat(
        &app,
        &alice,
        g,
        json!({"topic": "  Ship v2\n by Friday ", "description": "The launch"}),
    )
    .await;
    assert_eq!(status, 200, "{chat}");
    assert_eq!(chat["topic"], "Ship v2 by Friday", "one trimmed line");
    assert_eq!(chat["description"], "The launch");
    let told = wait_for(&mut bob_ws, |f| f["type"] == "new_message").await;
    assert_eq!(
        told["message"]["content"],
        format!("{TOPIC_TEXT}Ship v2 by Friday"),
        "{told}"
    );
    assert_eq!(told["message"]["sender"]["username"], "alice", "{told}");
    let updated = wait_for(&mut bob_ws, |f| f["type"] == "chat_updated").await;
    assert_eq!(updated["chat"]["topic"], "Ship v2 by Friday", "{updated}");
    let (_, detail) = app.get(&format!("/messages/api/chats/{g}/"), &bob).await;
    assert_eq!(detail["topic"], "Ship v2 by Friday");

    // The same topic again is no news; a cleared one is.
    patch_chat(&app, &alice, g, json!({"topic": "Ship v2 by Friday"})).await;
    patch_chat(&app, &alice, g, json!({"topic": ""})).await;
    let said = contents(&app, &bob, g).await;
    assert_eq!(
        said[..2],
        [
            "📝 cleared the topic".to_string(),
            format!("{TOPIC_TEXT}Ship v2 by Friday")
        ]
    );
    assert!(said.len() == 2, "{said:?}");
    // A rename alone leaves no line.
    let (status, _) = patch_chat(&app, &alice, g, json!({"title": "Launch v2"})).await;
    assert_eq!(status, 200);
    assert_eq!(contents(&app, &bob, g).await.len(), 2);

    // The rooms surface's owner still renames the room through its own route.
    let (status, room) = app
        .post("/api/rooms/", &alice, json!({"name": "ops"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let r = room["id"].as_i64().expect("room id");
    let (status, renamed) = app
        .call(
            Method::PATCH,
            &format!("/api/rooms/{r}/"),
            Some(&alice),
            Some(json!({"name": "ops-2"})),
        )
        .await;
    assert_eq!(status, 200, "{renamed}");
    let (status, chat) = patch_chat(&app, &alice, r, json!({"topic": "On call: alice"})).await;
    assert_eq!(
        (status.as_u16(), &chat["topic"]),
        (200, &json!("On call: alice")),
        "{chat}"
    );
}

#[tokio::test]
async fn a_chats_admins_archive_and_unarchive_it_and_its_members_may_not() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (_, carol) = app.register("carol").await;
    let g = group(&app, &alice, "Launch", &[bob_id]).await;
    let archive = format!("/messages/api/chats/{g}/archive/");

    let (status, _) = app.post(&archive, &bob, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "bob is a member, no admin");
    let (status, _) = app.post(&archive, &carol, json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "carol is not in it");
    let (status, _) = app
        .post("/messages/api/chats/999999/archive/", &alice, json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let mut bob_ws = app.socket("/messages/ws/", &bob).await;
    let (status, body) = app.post(&archive, &alice, json!({})).await;
    assert_eq!(
        (status.as_u16(), &body["is_archived"]),
        (200, &json!(true)),
        "{body}"
    );
    let told = wait_for(&mut bob_ws, |f| f["type"] == "chat_updated").await;
    assert_eq!(told["chat"]["is_archived"], true, "{told}");
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{g}/messages/"),
            &bob,
            json!({"content": "hi"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an archived chat takes no message"
    );
    let (status, _) = patch_chat(&app, &alice, g, json!({"topic": "late"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nor a topic");

    let (status, _) = app.call(Method::DELETE, &archive, Some(&bob), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app.call(Method::DELETE, &archive, Some(&alice), None).await;
    assert_eq!(
        (status.as_u16(), &body["is_archived"]),
        (200, &json!(false)),
        "{body}"
    );
    send(&app, &bob, g, "back").await;

    // A direct chat is never archived.
    let (status, dm) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "dm", "member_ids": [bob_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{dm}");
    let path = format!("/messages/api/chats/{}/archive/", dm["id"]);
    let (status, body) = app.post(&path, &alice, json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["details"]["non_field_errors"].is_array(), "{body}");
}

/// The browser's rows for `auth`, as (id, row).
async fn browsed(app: &TestApp, auth: &str, query: &str) -> Vec<(i64, Value)> {
    let (status, page) = app.get(&format!("/messages/api/rooms/{query}"), auth).await;
    assert_eq!(status, 200, "{page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| (r["id"].as_i64().expect("id"), r.clone()))
        .collect()
}

#[tokio::test]
async fn the_rooms_browser_lists_the_latest_active_first_with_counts_topics_and_membership() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let (_, bob) = app.register("bob").await;
    let make = |name: &'static str, private: bool| {
        let app = &app;
        let alice = alice.clone();
        async move {
            let body = json!({"name": name, "description": format!("{name} things"), "is_private": private});
            let (status, room) = app.post("/api/rooms/", &alice, body).await;
            assert_eq!(status, StatusCode::CREATED, "{room}");
            room["id"].as_i64().expect("id")
        }
    };
    let alpha = make("alpha", false).await;
    let beta = make("beta", false).await;
    let hidden = make("hidden", true).await;
    let (status, _) = app
        .post(&format!("/api/rooms/{alpha}/join/"), &bob, json!({}))
        .await;
    assert!(status.is_success());
    patch_chat(&app, &alice, alpha, json!({"topic": "Release train"})).await;
    send(&app, &alice, beta, "busiest now").await;

    let rows = browsed(&app, &bob, "").await;
    let ids: Vec<i64> = rows
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| [alpha, beta, hidden].contains(id))
        .collect();
    assert_eq!(
        ids,
        [beta, alpha],
        "latest active first; a private room bob is not in is not listed"
    );
    let row = |id: i64| {
        rows.iter()
            .find(|(r, _)| *r == id)
            .map(|(_, v)| v.clone())
            .expect("row")
    };
    let a = row(alpha);
    assert_eq!(
        (
            &a["name"],
            &a["topic"],
            &a["purpose"],
            &a["member_count"],
            &a["is_member"]
        ),
        (
            &json!("alpha"),
            &json!("Release train"),
            &json!("alpha things"),
            &json!(2),
            &json!(true)
        ),
        "{a}"
    );
    let b = row(beta);
    assert_eq!(
        (&b["member_count"], &b["is_member"]),
        (&json!(1), &json!(false)),
        "{b}"
    );

    let mine = browsed(&app, &alice, "").await;
    assert!(
        mine.iter().any(|(id, _)| *id == hidden),
        "alice is in her private room"
    );
    let found = browsed(&app, &bob, "?search=TRAIN").await;
    assert_eq!(
        found.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [alpha],
        "by topic, any case"
    );
    let (status, _) = app.get("/messages/api/rooms/?page=9", &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_topic_shows_on_the_next_read_of_a_kept_chat_list() {
    let at = format!("127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--metrics-listen", &at]).await;
    let metrics = format!("http://{at}/metrics");
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let g = group(&app, &alice, "Launch", &[bob_id]).await;
    let list = "/messages/api/chats/";
    app.get(list, &bob).await;
    let hits = value(
        &scrape(&app, &metrics).await,
        "natter_ready_page_hits_total",
    );
    let (_, kept) = app.get(list, &bob).await;
    assert_eq!(
        value(
            &scrape(&app, &metrics).await,
            "natter_ready_page_hits_total"
        ),
        hits + 1.0,
        "the list is kept"
    );
    let topic_of = |page: &Value| {
        page["results"]
            .as_array()
            .and_then(|all| all.iter().find(|c| c["id"] == g))
            .map(|c| c["topic"].clone())
    };
    assert_eq!(topic_of(&kept), Some(json!("")));
    patch_chat(&app, &alice, g, json!({"topic": "Ship it"})).await;
    let (_, after) = app.get(list, &bob).await;
    assert_eq!(topic_of(&after), Some(json!("Ship it")), "{after}");
}

#[tokio::test]
async fn a_topic_set_on_one_node_is_told_on_the_other() {
    let Some(c) = crate::cluster::cluster_or_skip("a_topic_set_on_one_node_is_told_on_the_other")
    else {
        return;
    };
    let (_, alice) = c.a.register("alice").await;
    let (bob_id, bob) = c.b.register("bob").await;
    let g = group(&c.a, &alice, "Launch", &[bob_id]).await;
    let mut bob_ws = c.b.socket("/messages/ws/", &bob).await;
    let (status, _) = patch_chat(&c.a, &alice, g, json!({"topic": "Across nodes"})).await;
    assert_eq!(status, 200);
    let told = wait_for(&mut bob_ws, |f| f["type"] == "new_message").await;
    assert_eq!(
        told["message"]["content"],
        format!("{TOPIC_TEXT}Across nodes"),
        "{told}"
    );
    let updated = wait_for(&mut bob_ws, |f| f["type"] == "chat_updated").await;
    assert_eq!(updated["chat"]["topic"], "Across nodes", "{updated}");
    let (_, detail) = c.b.get(&format!("/messages/api/chats/{g}/"), &bob).await;
    assert_eq!(detail["topic"], "Across nodes");
}
