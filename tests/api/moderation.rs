//! Moderation an administrator does from the web client: taking a person out of a group
//! or room (`DELETE /api/admin/chats/{id}/members/{user}/`), the audit list naming the
//! people, chats and messages its entries point at, and deactivated people marked in the
//! chats surface's user objects the web client reads.

use crate::helpers::*;
use crate::team_server::operator_admin;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn group(app: &TestApp, owner: &str, title: &str, members: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": title, "member_ids": members}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    chat["id"].as_i64().expect("chat id")
}

/// Starts a direct chat between `auth`'s account and `with`; answers the chat.
async fn direct_chat(app: &TestApp, auth: &str, with: i64) -> Value {
    let (status, direct) = app
        .post(
            "/messages/api/chats/",
            auth,
            json!({"chat_type": "dm", "member_ids": [with]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{direct}");
    direct
}

/// Posts `content` in `chat` through the chats surface; answers the message.
async fn send(app: &TestApp, auth: &str, chat: i64, content: &str) -> Value {
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({"content": content}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent
}

async fn delete(app: &TestApp, path: &str, auth: &str) -> (StatusCode, Value) {
    app.call(Method::DELETE, path, Some(auth), None).await
}

fn member_ids(chat: &Value) -> Vec<i64> {
    chat["members"]
        .as_array()
        .map(|m| m.iter().filter_map(|u| u["id"].as_i64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_administrator_takes_a_person_out_of_a_group_and_the_audit_names_them() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, owner) = app.register("owner").await;
    let (troll, troll_auth) = app.register("troll").await;
    let (_, plain) = app.register("plain").await;
    let chat = group(&app, &owner, "Book club", &[troll]).await;
    let mut troll_ws = app.socket("/messages/ws/", &troll_auth).await;
    let path = format!("/api/admin/chats/{chat}/members/{troll}/");

    // Not an administrator: refused, nothing changes.
    for auth in [&plain, &troll_auth, &owner] {
        let (status, body) = delete(&app, &path, auth).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["detail"], "Only administrators can do this.");
    }
    let (status, _) = app.call(Method::DELETE, &path, None, None).await;
    assert_eq!(status, 401);

    let (status, body) = delete(&app, &path, &admin).await;
    assert_eq!(status, 204, "{body}");
    wait_for(&mut troll_ws, |f| {
        f["type"] == "member_left" && f["user_id"] == troll && f["chat_id"] == chat
    })
    .await;
    let (_, seen) = app
        .get(&format!("/messages/api/chats/{chat}/"), &owner)
        .await;
    assert!(!member_ids(&seen).contains(&troll), "{seen}");
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &troll_auth,
            json!({"content": "still here?"}),
        )
        .await;
    assert_eq!(status, 404, "a removed member cannot post");

    // Again, or someone not in it, or a chat that is not there: 404.
    let (status, _) = delete(&app, &path, &admin).await;
    assert_eq!(status, 404);
    let (status, _) = delete(
        &app,
        &format!("/api/admin/chats/999999/members/{troll}/"),
        &admin,
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = delete(&app, &format!("/api/admin/chats/{chat}/members/x/"), &admin).await;
    assert_eq!(status, 404);

    // A direct chat keeps its two people.
    let (status, direct) = app
        .post(
            "/messages/api/chats/",
            &owner,
            json!({"chat_type": "dm", "member_ids": [troll]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{direct}");
    let (status, body) = delete(
        &app,
        &format!("/api/admin/chats/{}/members/{troll}/", direct["id"]),
        &admin,
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["detail"].is_string(), "{body}");

    // The audit list names the person and the chat.
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    let entry = &audit["results"][0];
    assert_eq!(entry["action"], "chat.remove_member", "{audit}");
    assert_eq!(entry["names"]["user"]["username"], "troll", "{entry}");
    assert_eq!(entry["names"]["chat"]["title"], "Book club", "{entry}");
    assert_eq!(entry["names"]["chat"]["id"], chat, "{entry}");
}

#[tokio::test]
async fn the_audit_list_names_a_removed_message_its_sender_and_chat() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, owner) = app.register("owner").await;
    let (spammer, spam_auth) = app.register("spammer").await;
    let chat = group(&app, &owner, "Garden", &[spammer]).await;
    let sent = send(&app, &spam_auth, chat, "buy now").await;
    let (status, _) = delete(
        &app,
        &format!("/api/admin/messages/{}/", sent["id"]),
        &admin,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = delete(&app, &format!("/api/admin/chats/{chat}/"), &admin).await;
    assert_eq!(status, 204);

    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    let find = |action: &str| {
        audit["results"]
            .as_array()
            .and_then(|rows| rows.iter().find(|e| e["action"] == action).cloned())
            .unwrap_or_else(|| panic!("no {action} in {audit}"))
    };
    let message = find("message.remove");
    assert_eq!(
        message["names"]["sender"]["username"], "spammer",
        "{message}"
    );
    assert_eq!(message["names"]["chat"]["title"], "Garden", "{message}");
    // The removed chat is still named.
    let removed = find("chat.remove");
    assert_eq!(removed["names"]["chat"]["title"], "Garden", "{removed}");
    assert_eq!(removed["names"]["chat"]["kind"], "group", "{removed}");
}

#[tokio::test]
async fn a_deactivated_person_is_marked_in_the_chats_surface() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, owner) = app.register("owner").await;
    let (gone, gone_auth) = app.register("leaver").await;
    let chat = group(&app, &owner, "Team", &[gone]).await;
    let _sent = send(&app, &gone_auth, chat, "bye").await;
    let active = |chat: &Value| {
        chat["members"]
            .as_array()
            .and_then(|m| m.iter().find(|u| u["id"] == gone))
            .map(|u| u["is_active"].clone())
    };
    let (_, before) = app
        .get(&format!("/messages/api/chats/{chat}/"), &owner)
        .await;
    assert_eq!(active(&before), Some(json!(true)), "{before}");

    let (status, body) = app
        .post(
            &format!("/api/admin/users/{gone}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, after) = app
        .get(&format!("/messages/api/chats/{chat}/"), &owner)
        .await;
    assert_eq!(active(&after), Some(json!(false)), "{after}");
    let (_, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &owner)
        .await;
    assert_eq!(page["results"][0]["sender"]["is_active"], false, "{page}");
}

#[tokio::test]
async fn an_archived_room_is_read_but_refuses_posts_on_every_surface() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, ann) = app.register("ann").await;
    let (ben_id, ben) = app.register("ben").await;
    let (status, room) = app
        .post("/api/rooms/", &ann, json!({"name": "Old news"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &ben, json!({}))
        .await;
    assert!(status.is_success());
    let (status, before) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ann,
            json!({"content": "before"}),
        )
        .await;
    assert_eq!(status, 201, "{before}");
    let mut ben_all = app.socket("/messages/ws/", &ben).await;
    let mut ben_room = app.socket(&format!("/ws/room/{room}/"), &ben).await;
    let path = format!("/api/admin/chats/{room}/archive/");

    for auth in [&ann, &ben] {
        let (status, body) = app.post(&path, auth, json!({})).await;
        assert_eq!(status, 403, "{body}");
    }
    let (status, body) = app.post(&path, &admin, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["is_archived"], true);
    let update = wait_for(&mut ben_all, |f| f["type"] == "chat_updated").await;
    assert_eq!(update["chat"]["is_archived"], true, "{update}");
    let (_, chat) = app.get(&format!("/messages/api/chats/{room}/"), &ben).await;
    assert_eq!(chat["is_archived"], true, "{chat}");

    // Every way of posting is refused with one sentence; reading still works.
    let sentence = "This chat is archived: it can be read, but nobody can post in it.";
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{room}/messages/"),
            &ben,
            json!({"content": "chats"}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(body.to_string().contains(sentence), "{body}");
    let (status, body) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ann,
            json!({"content": "rooms"}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(body.to_string().contains(sentence), "{body}");
    send_json(
        &mut ben_room,
        json!({"type": "chat_message", "data": {"content": "socket"}}),
    )
    .await;
    let refused = wait_for(&mut ben_room, |f| f["type"] == "error").await;
    assert!(refused.to_string().contains(sentence), "{refused}");
    // Nor is what was posted changed.
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{}/", before["id"]),
            Some(&ann),
            Some(json!({"content": "rewritten"})),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(body.to_string().contains(sentence), "{body}");
    let (status, page) = app
        .get(&format!("/messages/api/chats/{room}/messages/"), &ben)
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["results"].as_array().map(Vec::len), Some(1), "{page}");

    // Unarchived, posting works again; the audit list names the room both times.
    let (status, body) = app.call(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["is_archived"], false);
    let (status, _) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ann,
            json!({"content": "back"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    assert_eq!(audit["results"][0]["action"], "chat.unarchive", "{audit}");
    assert_eq!(audit["results"][1]["action"], "chat.archive", "{audit}");
    assert_eq!(
        audit["results"][1]["names"]["chat"]["title"], "Old news",
        "{audit}"
    );

    // A direct chat is not archived; a missing chat is 404.
    let direct = direct_chat(&app, &ann, ben_id).await;
    let (status, body) = app
        .post(
            &format!("/api/admin/chats/{}/archive/", direct["id"]),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app
        .post("/api/admin/chats/999999/archive/", &admin, json!({}))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn administrators_list_every_group_and_room_but_no_direct_chat() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, ann) = app.register("ann").await;
    let (ben_id, ben) = app.register("ben").await;
    // Chats the administrator is in none of.
    let club = group(&app, &ann, "Book_club 100%", &[ben_id]).await;
    let (status, room) = app
        .post("/api/rooms/", &ann, json!({"name": "Garden"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let direct = direct_chat(&app, &ann, ben_id).await;
    let (status, _) = app
        .post(
            &format!("/api/admin/chats/{room}/archive/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200);

    for auth in [&ann, &ben] {
        let (status, body) = app.get("/api/admin/chats/", auth).await;
        assert_eq!(status, 403, "{body}");
    }
    let (status, page) = app.get("/api/admin/chats/", &admin).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["count"], 2, "{page}");
    let rows = page["results"].as_array().expect("results");
    let ids: Vec<i64> = rows.iter().filter_map(|r| r["id"].as_i64()).collect();
    assert_eq!(
        ids,
        vec![room, club],
        "newest first, no direct chat: {page}"
    );
    assert!(!ids.contains(&direct["id"].as_i64().expect("direct chat id")));
    assert_eq!(rows[0]["chat_type"], "room");
    assert_eq!(rows[0]["is_archived"], true);
    assert_eq!(rows[1]["chat_type"], "group");
    assert_eq!(rows[1]["title"], "Book_club 100%");
    assert_eq!(rows[1]["member_count"], 2);
    assert_eq!(rows[1]["is_archived"], false);

    // The search matches titles in any case, with `_` and `%` as themselves.
    for (q, want) in [
        ("book_CLUB", vec![club]),
        ("100%", vec![club]),
        ("b%k", vec![]),
        ("gard", vec![room]),
    ] {
        let (status, page) = app
            .get(
                &format!("/api/admin/chats/?search={}", urlencoding(q)),
                &admin,
            )
            .await;
        assert_eq!(status, 200, "{page}");
        let ids: Vec<i64> = page["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|r| r["id"].as_i64())
            .collect();
        assert_eq!(ids, want, "{q}: {page}");
    }
    let (status, _) = app.get("/api/admin/chats/?page=9", &admin).await;
    assert_eq!(status, 404);
}

fn urlencoding(q: &str) -> String {
    q.replace('%', "%25")
}

/// The messages of `chat` on the chats surface, oldest first, as `auth` reads them.
async fn history(app: &TestApp, auth: &str, chat: i64) -> Vec<Value> {
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let mut rows = page["results"].as_array().cloned().unwrap_or_default();
    rows.reverse();
    rows
}

#[tokio::test]
async fn a_removed_message_keeps_its_place_for_its_author_and_the_chat() {
    let app = TestApp::spawn().await;
    let admin = operator_admin(&app, "boss").await;
    let (_, owner) = app.register("owner").await;
    let (spammer, spam_auth) = app.register("spammer").await;
    let chat = group(&app, &owner, "Garden", &[spammer]).await;
    send(&app, &owner, chat, "welcome").await;
    let spam = send(&app, &spam_auth, chat, "buy cheap watches @owner").await;
    let id = spam["id"].as_i64().expect("id");
    send(&app, &owner, chat, "anyone?").await;
    let (status, _) = app
        .post(
            &format!("/messages/api/messages/{id}/reactions/"),
            &owner,
            json!({"emoji": "👎"}),
        )
        .await;
    assert!(status.is_success());
    let mut owners_tab = app.socket("/messages/ws/", &owner).await;
    let mut authors_tab = app.socket("/messages/ws/", &spam_auth).await;

    let (status, _) = delete(&app, &format!("/api/admin/messages/{id}/"), &admin).await;
    assert_eq!(status, 204);

    // Live, to the chat and to its author: the message in its place, marked removed.
    for ws in [&mut owners_tab, &mut authors_tab] {
        let f = wait_for(ws, |f| {
            f["type"] == "message_updated" && f["message"]["id"] == id
        })
        .await;
        assert_eq!(
            (&f["message"]["is_deleted"], &f["message"]["content"]),
            (&json!(true), &json!("")),
            "{f}"
        );
    }
    // In the history, for both: between its neighbours, no text, files or reactions.
    for auth in [&owner, &spam_auth] {
        let rows = history(&app, auth, chat).await;
        let texts: Vec<&Value> = rows.iter().map(|m| &m["content"]).collect();
        assert_eq!(
            texts,
            [&json!("welcome"), &json!(""), &json!("anyone?")],
            "{rows:?}"
        );
        let removed = &rows[1];
        assert_eq!(
            (
                &removed["id"],
                &removed["is_deleted"],
                &removed["sender"]["id"]
            ),
            (&json!(id), &json!(true), &json!(spammer)),
            "{removed}"
        );
        assert_eq!(removed["reactions"], json!([]), "{removed}");
        assert_eq!(removed["attachments"], json!([]), "{removed}");
        assert_eq!(rows[0]["is_deleted"], json!(false));
    }
    // Its mention is gone; its author can neither edit nor delete it, nobody reacts.
    let (_, mentions) = app.get("/api/mentions/", &owner).await;
    assert_eq!(mentions["unread"], 0, "{mentions}");
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{id}/"),
            Some(&spam_auth),
            Some(json!({"content": "buy again"})),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = delete(&app, &format!("/messages/api/messages/{id}/"), &spam_auth).await;
    assert_eq!(status, 404);
    let (status, _) = app
        .post(
            &format!("/messages/api/messages/{id}/reactions/"),
            &owner,
            json!({"emoji": "👍"}),
        )
        .await;
    assert_eq!(status, 404);
    // Removing it again is no error and changes nothing.
    let (status, _) = delete(&app, &format!("/api/admin/messages/{id}/"), &admin).await;
    assert_eq!(status, 204);
    assert_eq!(history(&app, &owner, chat).await.len(), 3);
    // A search finds no trace of its text.
    let (_, found) = app
        .get(
            &format!("/messages/api/chats/{chat}/messages/?search=watches"),
            &owner,
        )
        .await;
    assert_eq!(found["count"], 0, "{found}");
}
