//! Accounts that cannot sign in (deactivated people, bots) get no further: a deactivated
//! account is added to no group, room or chat of a bot's, a deactivated bot's webhook
//! is called no more, a bot is never made an administrator, and the last administrator
//! who can sign in stays one. Also: a browsable page reached through `//path` names its
//! path on this origin.

use crate::bot_webhooks::{bot_with_webhook, say, BotServer};
use crate::chats::group;
use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn deactivate(app: &TestApp, admin: &str, id: i64) {
    let (status, body) = app
        .post(
            &format!("/api/admin/users/{id}/deactivate/"),
            admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn make_bot(app: &TestApp, admin: &str, name: &str) -> Value {
    let (status, bot) = app
        .post("/api/bots/", admin, json!({"username": name}))
        .await;
    assert_eq!(status, 201, "{bot}");
    bot
}

#[tokio::test]
async fn a_deactivated_account_joins_no_group_room_or_chat() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;
    let (carol, _) = app.register("carol").await;
    let bot = make_bot(&app, &admin, "helper").await;
    let bot_id = bot["id"].as_i64().expect("bot id");
    deactivate(&app, &admin, carol).await;
    deactivate(&app, &admin, bot_id).await;

    let (status, body) = app
        .post(
            "/messages/api/chats/",
            &admin,
            json!({"chat_type": "group", "title": "Team", "member_ids": [bob, carol]}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.to_string().contains(&format!(
            "Invalid pk \\\"{carol}\\\" - object does not exist."
        )),
        "{body}"
    );
    let g = group(&app, &admin, "Team", &[bob]).await;
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{g}/members/add/"),
            &admin,
            json!({"user_ids": [carol]}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.to_string().contains("user_ids"), "{body}");
    let (_, members) = app.get(&format!("/messages/api/chats/{g}/"), &admin).await;
    assert!(
        !members.to_string().contains("\"carol\""),
        "carol is not a member: {members}"
    );
    let (status, body) = app
        .post(
            &format!("/api/bots/{bot_id}/chats/"),
            &admin,
            json!({"chat_id": g}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.to_string().contains("is deactivated"), "{body}");
}

#[tokio::test]
async fn a_deactivated_bots_webhook_is_called_no_more() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let helper_server = BotServer::start().await;
    let (admin, person, room, helper) = bot_with_webhook(&app, &helper_server).await;
    // A second bot in the room, still active: its calls show the mentions went out.
    let watcher_server = BotServer::start().await;
    let watcher = make_bot(&app, &admin, "watcher").await;
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/api/bots/{}/", watcher["id"]),
            Some(&admin),
            Some(json!({"webhook_url": watcher_server.url})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app
        .post(
            &format!("/api/bots/{}/chats/", watcher["id"]),
            &admin,
            json!({"chat_id": room}),
        )
        .await;
    assert_eq!(status, 201, "{body}");

    say(&app, &person, room, "@helper @watcher one").await;
    helper_server.until_calls(1).await;
    watcher_server.until_calls(1).await;
    deactivate(&app, &admin, helper["id"].as_i64().expect("id")).await;
    say(&app, &person, room, "@helper @watcher two").await;
    watcher_server.until_calls(2).await;
    say(&app, &person, room, "@helper @watcher three").await;
    let seen = watcher_server.until_calls(3).await;
    assert_eq!(seen[2].body["message"]["text"], "@helper @watcher three");
    let calls = helper_server.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
}

#[tokio::test]
async fn a_bot_is_never_an_administrator_and_the_last_who_can_sign_in_stays() {
    let app = TestApp::spawn().await;
    let (first, admin) = app.register("founder").await;
    let bot = make_bot(&app, &admin, "helper").await;
    let bot_id = bot["id"].as_i64().expect("bot id");
    let act = |who: i64, what: &str| format!("/api/admin/users/{who}/{what}/");
    let (status, body) = app.post(&act(bot_id, "promote"), &admin, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["detail"],
        "A bot cannot be an administrator: it never signs in."
    );
    let (_, person) = app
        .get(&format!("/api/admin/users/{bot_id}/"), &admin)
        .await;
    assert_eq!(person["is_admin"], false, "{person}");

    // A bot made an administrator before this rule (by an older natter) does not count.
    if crate::pg::skip_on_postgres(
        "a bot administrator from before",
        "it writes the SQLite file",
    ) {
        return;
    }
    let db = rusqlite::Connection::open(app.db_path()).expect("open the database");
    db.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    db.execute("UPDATE users SET is_admin = 1 WHERE id = ?1", [bot_id])
        .expect("an old promotion");
    drop(db);
    let (status, body) = app.post(&act(first, "demote"), &admin, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("last active administrator"),
        "{body}"
    );
    let (status, body) = app.post(&act(bot_id, "demote"), &admin, json!({})).await;
    assert_eq!(status, 200, "the bot is demoted: {body}");
    assert_eq!(body["is_admin"], false);
}

#[tokio::test]
async fn a_browsable_page_reached_through_a_double_slash_stays_on_this_origin() {
    let app = TestApp::spawn().await;
    let (_, auth) = app.register("alice").await;
    let browser = "text/html,application/xhtml+xml,*/*;q=0.8";
    let answer = app
        .client
        .get(format!("{}//api/rooms/", app.base))
        .header("Accept", browser)
        .header("Authorization", &auth)
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status(), 200);
    let page = answer.text().await.expect("the page");
    assert!(page.contains("action=\"/api/rooms/\""), "{page}");
    for attribute in ["action=\"//", "href=\"//", "action=\"/\\", "href=\"/\\"] {
        assert!(!page.contains(attribute), "{attribute} in {page}");
    }
}
