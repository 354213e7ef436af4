//! A look-alike chat cannot divert a bot's posts: only administrators add bots to chats
//! (on every path that adds members), a chat's hook stays in its own chat when its
//! `channel` names it, and a name several of the bot's chats answer to is Slack's
//! `channel_not_found` rather than whichever chat was busiest.

use crate::bots::{bot_in_a_room, hook_post};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn json_post(url: &str, payload: Value) -> (u16, String) {
    let (status, text, _) = hook_post(url, "application/json", payload.to_string()).await;
    (status, text)
}

/// Every message content of a chat, as the chats surface lists it.
async fn contents(app: &TestApp, auth: &str, chat: i64) -> String {
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page.to_string()
}

#[tokio::test]
async fn a_look_alike_group_neither_gets_the_bot_nor_takes_its_alerts() {
    let app = TestApp::spawn().await;
    let (admin, person, room, bot, hook) = bot_in_a_room(&app, "alerts").await;
    let bot_id = bot["id"].as_i64().expect("bot id");
    let key_url = bot["key_hook_url"].as_str().expect("key url").to_string();
    let (_, mallory) = app.register("mallory").await;

    // An ordinary user can neither create a group with the bot nor add it to one.
    let (status, refused) = app
        .post(
            "/messages/api/chats/",
            &mallory,
            json!({"chat_type": "group", "title": "Ops", "member_ids": [bot_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(
        refused.to_string().contains("Only administrators"),
        "{refused}"
    );
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &mallory,
            json!({"chat_type": "group", "title": "Ops", "member_ids": []}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let fake = group["id"].as_i64().expect("group id");
    let (status, refused) = app
        .post(
            &format!("/messages/api/chats/{fake}/members/add/"),
            &mallory,
            json!({"user_ids": [bot_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    let (_, bot_view) = app.get(&format!("/api/bots/{bot_id}/"), &admin).await;
    assert!(
        !bot_view.to_string().contains(&format!("\"id\":{fake}")),
        "the bot is not in the look-alike: {bot_view}"
    );
    assert_eq!(
        json_post(&hook, json!({"text": "disk full", "channel": "#ops"})).await,
        (200, "ok".into())
    );
    assert!(contents(&app, &person, room).await.contains("disk full"));

    // Even a look-alike an administrator made, busier than the real chat, takes nothing
    // from the real chat's hook; the key's hook, naming both, refuses in Slack's words.
    let (status, admins_group) = app
        .post(
            "/messages/api/chats/",
            &admin,
            json!({"chat_type": "group", "title": "Ops", "member_ids": [bot_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{admins_group}");
    let other = admins_group["id"].as_i64().expect("group id");
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{other}/messages/"),
            &admin,
            json!({"content": "."}),
        )
        .await;
    assert!(status.is_success());
    assert_eq!(
        json_post(&hook, json!({"text": "cpu high", "channel": "#ops"})).await,
        (200, "ok".into())
    );
    assert!(contents(&app, &person, room).await.contains("cpu high"));
    assert!(!contents(&app, &admin, other).await.contains("cpu high"));
    assert_eq!(
        json_post(&key_url, json!({"text": "where?", "channel": "#ops"})).await,
        (404, "channel_not_found".into())
    );
    // A hook's `channel` naming several other chats is refused the same way.
    let (status, releases) = app
        .post(
            "/messages/api/chats/",
            &admin,
            json!({"chat_type": "group", "title": "Releases", "member_ids": [bot_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{releases}");
    let releases = releases["id"].as_i64().expect("group id");
    let (status, hooks) = app.get(&format!("/api/bots/{bot_id}/"), &admin).await;
    assert_eq!(status, StatusCode::OK);
    let releases_hook = hooks["chats"]
        .as_array()
        .and_then(|chats| chats.iter().find(|c| c["id"] == releases))
        .and_then(|c| c["hook_url"].as_str())
        .expect("the releases hook")
        .to_string();
    assert_eq!(
        json_post(&releases_hook, json!({"text": "x", "channel": "#ops"})).await,
        (404, "channel_not_found".into())
    );
    assert_eq!(
        json_post(
            &releases_hook,
            json!({"text": "to the room", "channel": room.to_string()})
        )
        .await,
        (200, "ok".into())
    );
    assert!(contents(&app, &person, room).await.contains("to the room"));
}
