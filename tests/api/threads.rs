//! Threads and replies that name their parent, through the real binary: a thread started
//! on a room's message, replies kept in it or also sent to the channel, the root's
//! summary live and in history, who follows and what is unread for them, the seed
//! surfaces still showing every reply as a message with its quote line, and the
//! refusals.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

/// A public room `owner` made, with `others` in it; its id.
async fn room_with(app: &TestApp, owner: &str, name: &str, others: &[&str]) -> i64 {
    let (status, room) = app.post("/api/rooms/", owner, json!({"name": name})).await;
    assert_eq!(status, 201, "{room}");
    let id = room["id"].as_i64().expect("room id");
    for auth in others {
        let (status, joined) = app
            .post(&format!("/api/rooms/{id}/join/"), auth, json!({}))
            .await;
        assert!(status.is_success(), "{joined}");
    }
    id
}

/// Sends on the chats surface with natter's fields; the message.
async fn send(app: &TestApp, auth: &str, chat: i64, body: Value) -> Value {
    let (status, sent) = app
        .post(&format!("/messages/api/chats/{chat}/messages/"), auth, body)
        .await;
    assert_eq!(status, 201, "{sent}");
    sent
}

fn id_of(v: &Value) -> i64 {
    v["id"].as_i64().expect("an id")
}

/// The ids of a chat's messages on the chats surface, oldest first.
async fn history_ids(app: &TestApp, auth: &str, chat: i64, query: &str) -> Vec<i64> {
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{chat}/messages/{query}"),
            auth,
        )
        .await;
    assert_eq!(status, 200, "{page}");
    let mut ids = result_ids(&page);
    ids.reverse();
    ids
}

#[tokio::test]
async fn a_thread_keeps_its_replies_out_of_the_channel_and_every_surface_still_reads_them() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (_, td) = app.register("dave").await;
    let room = room_with(&app, &ta, "plans", &[&tb, &tc, &td]).await;
    let mut live = app.socket("/messages/ws/", &td).await;

    let root = send(
        &app,
        &ta,
        room,
        json!({"content": "Friday's release: go or no go?"}),
    )
    .await;
    let root_id = id_of(&root);
    assert_eq!(
        (
            &root["reply_to"],
            &root["thread_id"],
            &root["in_channel"],
            &root["thread"]
        ),
        (&Value::Null, &Value::Null, &json!(true), &Value::Null),
        "a plain message carries the threading fields empty: {root}"
    );
    let in_thread = send(
        &app,
        &tb,
        room,
        json!({"content": "go, the tests are green", "thread_id": root_id}),
    )
    .await;
    assert_eq!(
        in_thread["content"],
        format!("> @ann [#{root_id}]: Friday's release: go or no go?\n\ngo, the tests are green"),
        "natter writes the quote line the seed clients read"
    );
    assert_eq!(
        (
            &in_thread["reply_to"],
            &in_thread["thread_id"],
            &in_thread["in_channel"]
        ),
        (&json!(root_id), &json!(root_id), &json!(false))
    );
    // A reply to the reply names the thread by the reply: it lands in the root's thread.
    let both = send(
        &app,
        &tc,
        room,
        json!({"content": "go", "thread_id": id_of(&in_thread), "also_in_channel": true}),
    )
    .await;
    assert_eq!(
        (&both["thread_id"], &both["in_channel"]),
        (&json!(root_id), &json!(true))
    );

    // Live: dave's socket sees both replies and the root's summary change.
    let summary = wait_for(&mut live, |f| {
        f["type"] == "thread_updated" && f["thread"]["reply_count"] == 2
    })
    .await;
    assert_eq!(summary["message_id"], root_id);
    assert_eq!(summary["chat_id"], room);
    assert_eq!(summary["thread"]["participants"], json!([carol, bob]));

    // The channel leaves out the reply kept in its thread; the whole history does not.
    let all = history_ids(&app, &td, room, "").await;
    assert_eq!(all, vec![root_id, id_of(&in_thread), id_of(&both)]);
    let channel = history_ids(&app, &td, room, "?channel=true").await;
    assert_eq!(channel, vec![root_id, id_of(&both)]);
    let after = history_ids(&app, &td, room, &format!("?channel=true&after={root_id}")).await;
    assert_eq!(after, vec![id_of(&both)]);
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{room}/messages/?channel=true"),
            &td,
        )
        .await;
    assert_eq!(page["count"], 2, "{page}");
    let root_now = page["results"]
        .as_array()
        .and_then(|r| r.iter().find(|m| m["id"] == root_id))
        .expect("the root on the page");
    assert_eq!(root_now["thread"]["reply_count"], 2, "{root_now}");
    assert_eq!(root_now["thread"]["participants"], json!([carol, bob]));
    let (status, bad) = app
        .get(
            &format!("/messages/api/chats/{room}/messages/?channel=maybe"),
            &td,
        )
        .await;
    assert_eq!(status, 400, "{bad}");

    // dave follows nothing: the reply kept in the thread is no channel news for him.
    let (_, chat) = app.get(&format!("/messages/api/chats/{room}/"), &td).await;
    assert_eq!(
        (&chat["unread_count"], &chat["channel_unread_count"]),
        (&json!(3), &json!(2)),
        "{chat}"
    );

    // A seed 003 client reads every reply as a message of the room, quote line first.
    let (_, seed) = app.get(&format!("/api/rooms/{room}/messages/"), &td).await;
    let texts: Vec<&str> = seed["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&format!("> @ann [#{root_id}]: ")) && t.ends_with("green")),
        "{seed}"
    );
    assert_eq!(texts.len(), 3, "{seed}");

    // The thread itself, oldest reply first.
    let (status, thread) = app.get(&format!("/api/threads/{root_id}/"), &td).await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(thread["root"]["id"], root_id);
    assert_eq!(thread["root_id"], root_id);
    assert_eq!(thread["reply_count"], 2);
    assert_eq!(
        thread["chat"],
        json!({"id": room, "title": "plans", "chat_type": "room"})
    );
    assert_eq!(
        result_ids(&json!({"results": thread["replies"]})),
        vec![id_of(&in_thread), id_of(&both)]
    );
    let names: Vec<&str> = thread["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter_map(|u| u["username"].as_str())
        .collect();
    assert_eq!(names, vec!["carol", "bob"]);
    assert_eq!(
        (&thread["following"], &thread["older"]),
        (&json!(false), &Value::Null)
    );
    // Any message of the thread names it.
    let (_, by_reply) = app
        .get(&format!("/api/threads/{}/", id_of(&in_thread)), &td)
        .await;
    assert_eq!(by_reply["root_id"], root_id);
    // A page of one reply: the newest, with a link to the older.
    let (_, paged) = app
        .get(&format!("/api/threads/{root_id}/?page_size=1"), &td)
        .await;
    assert_eq!(
        result_ids(&json!({"results": paged["replies"]})),
        vec![id_of(&both)]
    );
    let older = paged["older"].as_str().expect("older link");
    assert!(
        older.contains(&format!("before={}", id_of(&both))),
        "{older}"
    );
    let _ = ann;
}

#[tokio::test]
async fn followers_see_new_replies_as_unread_until_they_read_the_thread() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let (_, td) = app.register("dave").await;
    let room = room_with(&app, &ta, "ops", &[&tb, &tc, &td]).await;
    let root = id_of(&send(&app, &ta, room, json!({"content": "disk at 91%"})).await);
    // bob replies (he follows), and names carol (she follows); ann wrote the root.
    send(
        &app,
        &tb,
        room,
        json!({"content": "looking, @carol can you check backups?", "thread_id": root}),
    )
    .await;
    let (_, threads) = app.get("/api/threads/", &tc).await;
    assert_eq!(threads["count"], 1, "{threads}");
    assert_eq!(threads["unread"], 1);
    assert_eq!(threads["results"][0]["root_id"], root);
    assert_eq!(threads["results"][0]["unread_count"], 1);
    assert_eq!(threads["results"][0]["following"], true);
    let (_, ann_threads) = app.get("/api/threads/", &ta).await;
    assert_eq!(
        (&ann_threads["count"], &ann_threads["unread"]),
        (&json!(1), &json!(1))
    );
    let (_, bob_threads) = app.get("/api/threads/", &tb).await;
    assert_eq!(
        bob_threads["unread"], 0,
        "his own reply is read: {bob_threads}"
    );
    let (_, dave_threads) = app.get("/api/threads/", &td).await;
    assert_eq!(
        dave_threads["count"], 0,
        "dave follows nothing: {dave_threads}"
    );

    // carol reads it; a new reply from ann is unread again.
    let (status, read) = app
        .post(&format!("/api/threads/{root}/read/"), &tc, json!({}))
        .await;
    assert_eq!(
        (status.as_u16(), &read["unread_count"]),
        (200, &json!(0)),
        "{read}"
    );
    send(
        &app,
        &ta,
        room,
        json!({"content": "freed 20 GB", "thread_id": root}),
    )
    .await;
    let (_, threads) = app.get("/api/threads/", &tc).await;
    assert_eq!(threads["unread"], 1, "{threads}");

    // Following by choice starts from now; stopping takes it off the list.
    let (status, f) = app
        .post(&format!("/api/threads/{root}/follow/"), &td, json!({}))
        .await;
    assert_eq!((status.as_u16(), &f["following"]), (200, &json!(true)));
    let (_, dave_threads) = app.get("/api/threads/", &td).await;
    assert_eq!(
        (&dave_threads["count"], &dave_threads["unread"]),
        (&json!(1), &json!(0))
    );
    let (status, f) = app
        .call(
            Method::DELETE,
            &format!("/api/threads/{root}/follow/"),
            Some(&tc),
            None,
        )
        .await;
    assert_eq!((status.as_u16(), &f["following"]), (200, &json!(false)));
    let (_, threads) = app.get("/api/threads/", &tc).await;
    assert_eq!(
        (&threads["count"], &threads["unread"]),
        (&json!(0), &json!(0))
    );
    let (_, thread) = app.get(&format!("/api/threads/{root}/"), &tc).await;
    assert_eq!(thread["following"], false);
    // Named again in a reply, she follows again.
    send(
        &app,
        &tb,
        room,
        json!({"content": "@carol thanks", "thread_id": root}),
    )
    .await;
    let (_, threads) = app.get("/api/threads/", &tc).await;
    assert_eq!(threads["count"], 1, "{threads}");
}

#[tokio::test]
async fn replies_name_a_real_parent_and_wrong_targets_are_refused() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let (_, tz) = app.register("zed").await;
    let room = room_with(&app, &ta, "one", &[&tb]).await;
    let other = room_with(&app, &ta, "two", &[]).await;
    let first = send(&app, &ta, room, json!({"content": "line one\nline two"})).await;
    let elsewhere = id_of(&send(&app, &ta, other, json!({"content": "elsewhere"})).await);

    // A quote-reply in the channel: the quote line is natter's, whatever the client wrote.
    let reply = send(
        &app,
        &tb,
        room,
        json!({"content": "> @ann [#999]: forged\n\nagreed", "reply_to": id_of(&first)}),
    )
    .await;
    assert_eq!(
        reply["content"],
        format!("> @ann [#{}]: line one\n\nagreed", id_of(&first))
    );
    assert_eq!(
        (
            &reply["reply_to"],
            &reply["thread_id"],
            &reply["in_channel"]
        ),
        (&first["id"], &Value::Null, &json!(true))
    );
    // Text that merely looks like a reply is no reply.
    let fake = send(
        &app,
        &tb,
        room,
        json!({"content": format!("> @ann [#{}]: you said\n\nno", id_of(&first))}),
    )
    .await;
    assert_eq!(fake["reply_to"], Value::Null);

    // An edit keeps the quote line.
    let (status, edited) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{}/", id_of(&reply)),
            Some(&tb),
            Some(json!({"content": "agreed, both lines"})),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        edited["content"],
        format!(
            "> @ann [#{}]: line one\n\nagreed, both lines",
            id_of(&first)
        )
    );
    assert_eq!(edited["reply_to"], first["id"]);

    let refused = |field: &'static str| {
        move |(status, body): (reqwest::StatusCode, Value)| {
            assert_eq!(status, 400, "{body}");
            assert!(body["details"][field].is_array(), "{body}");
        }
    };
    let path = format!("/messages/api/chats/{room}/messages/");
    refused("thread_id")(
        app.post(&path, &tb, json!({"content": "x", "thread_id": elsewhere}))
            .await,
    );
    refused("reply_to")(
        app.post(&path, &tb, json!({"content": "x", "reply_to": 987654}))
            .await,
    );
    refused("also_in_channel")(
        app.post(&path, &tb, json!({"content": "x", "also_in_channel": true}))
            .await,
    );
    refused("thread_id")(
        app.post(&path, &tb, json!({"content": "x", "thread_id": "first"}))
            .await,
    );
    refused("content")(
        app.post(
            &path,
            &tb,
            json!({"content": " ", "thread_id": id_of(&first)}),
        )
        .await,
    );
    // A reply_to outside the named thread.
    let root = id_of(&first);
    let in_thread = id_of(&send(&app, &tb, room, json!({"content": "t", "thread_id": root})).await);
    let other_root = id_of(&send(&app, &ta, room, json!({"content": "another"})).await);
    refused("reply_to")(
        app.post(
            &path,
            &tb,
            json!({"content": "x", "thread_id": other_root, "reply_to": in_thread}),
        )
        .await,
    );
    // A reply inside the thread quotes the message it answers.
    let answer = send(
        &app,
        &ta,
        room,
        json!({"content": "ok", "thread_id": root, "reply_to": in_thread}),
    )
    .await;
    assert_eq!(answer["reply_to"], in_thread);
    assert_eq!(answer["thread_id"], root);
    assert!(answer["content"]
        .as_str()
        .unwrap_or("")
        .starts_with(&format!("> @bob [#{in_thread}]: t\n\n")));

    // Not a member: the chat is not found, whatever the target.
    let (status, body) = app
        .post(&path, &tz, json!({"content": "x", "thread_id": elsewhere}))
        .await;
    assert_eq!(status, 404, "{body}");
    for path in [
        format!("/api/threads/{root}/"),
        "/api/threads/987654/".to_string(),
    ] {
        let (status, body) = app.get(&path, &tz).await;
        assert_eq!(
            (status.as_u16(), &body),
            (404, &json!({"detail": "Not found."}))
        );
    }
    let (status, _) = app
        .post(&format!("/api/threads/{root}/follow/"), &tz, json!({}))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.get("/api/threads/x/", &ta).await;
    assert_eq!(status, 404);
    let (status, _) = app.call(Method::GET, "/api/threads/", None, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn deleting_replies_and_roots_keeps_the_summary_true_and_loses_no_reply() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let room = room_with(&app, &ta, "room", &[&tb]).await;
    let root = id_of(&send(&app, &ta, room, json!({"content": "root"})).await);
    let r1 = id_of(
        &send(
            &app,
            &tb,
            room,
            json!({"content": "one", "thread_id": root}),
        )
        .await,
    );
    let r2 = id_of(
        &send(
            &app,
            &ta,
            room,
            json!({"content": "two", "thread_id": root}),
        )
        .await,
    );
    let mut live = app
        .socket(&format!("/messages/ws/chats/{room}/"), &tb)
        .await;
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{r2}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let frame = wait_for(&mut live, |f| f["type"] == "thread_updated").await;
    assert_eq!(frame["thread"]["reply_count"], 1, "{frame}");
    assert_eq!(
        frame["thread"]["participants"],
        json!([frame["thread"]["participants"][0]])
    );
    // The root deleted: its thread stays readable and its reply shows in the channel.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{root}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, thread) = app.get(&format!("/api/threads/{root}/"), &tb).await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(thread["root"], Value::Null);
    assert_eq!(result_ids(&json!({"results": thread["replies"]})), vec![r1]);
    assert_eq!(
        history_ids(&app, &tb, room, "?channel=true").await,
        vec![r1]
    );
}

/// The messages of `thread` until one says `text` (a bot answers on its own time); the
/// chat's socket wakes the reader.
async fn until_reply(app: &TestApp, auth: &str, chat: i64, thread: i64, text: &str) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut socket = app
        .socket(&format!("/messages/ws/chats/{chat}/"), auth)
        .await;
    loop {
        let (_, t) = app.get(&format!("/api/threads/{thread}/"), auth).await;
        let found = t["replies"]
            .as_array()
            .and_then(|r| {
                r.iter()
                    .find(|m| m["content"].as_str().is_some_and(|c| c.ends_with(text)))
            })
            .cloned();
        if let Some(found) = found {
            return found;
        }
        assert!(std::time::Instant::now() < deadline, "no {text:?} in {t}");
        let _ = try_next_json(&mut socket, std::time::Duration::from_secs(1)).await;
    }
}

#[tokio::test]
async fn a_bot_answers_in_the_thread_it_was_named_in_and_hooks_post_into_threads() {
    use crate::bot_webhooks::{bot_with_webhook, BotServer};
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let server = BotServer::start().await;
    let (_, person, room, bot) = bot_with_webhook(&app, &server).await;
    server.answer(200, "application/json", r#"{"text": "on it"}"#);
    let root = id_of(&send(&app, &person, room, json!({"content": "deploy failed"})).await);
    let asked = send(
        &app,
        &person,
        room,
        json!({"content": "@helper what broke?", "thread_id": root}),
    )
    .await;
    let calls = server.until_calls(1).await;
    let message = &calls[0].body["message"];
    assert_eq!(message["id"], asked["id"]);
    assert_eq!(message["ts"], asked["id"].to_string());
    assert_eq!(message["thread_id"], root);
    assert_eq!(message["thread_ts"], root.to_string());
    let answer = until_reply(&app, &person, room, root, "on it").await;
    assert_eq!(answer["sender"]["id"], bot["id"], "{answer}");
    assert_eq!(
        (&answer["thread_id"], &answer["in_channel"]),
        (&json!(root), &json!(false))
    );

    // The chat's hook: Slack's thread_ts names the thread, reply_broadcast the channel too.
    let reply_url = calls[0].body["reply_url"]
        .as_str()
        .expect("reply_url")
        .to_string();
    let (status, text, _) = crate::bots::hook_post(
        &reply_url,
        "application/json",
        json!({"text": "rolled back", "thread_ts": root.to_string(), "reply_broadcast": true})
            .to_string(),
    )
    .await;
    assert_eq!((status, text.as_str()), (200, "ok"));
    let posted = until_reply(&app, &person, room, root, "rolled back").await;
    assert_eq!(
        (&posted["thread_id"], &posted["in_channel"]),
        (&json!(root), &json!(true))
    );
    // A thread_ts that names no message of the chat posts in the channel, as Slack does.
    let (status, _, _) = crate::bots::hook_post(
        &reply_url,
        "application/json",
        json!({"text": "to the channel", "thread_ts": "1503435956.000247"}).to_string(),
    )
    .await;
    assert_eq!(status, 200);
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{room}/messages/?channel=true"),
            &person,
        )
        .await;
    let newest = &page["results"][0];
    assert_eq!(
        (&newest["content"], &newest["thread_id"]),
        (&json!("to the channel"), &Value::Null)
    );
}

#[tokio::test]
async fn a_wide_mention_in_a_thread_notifies_everyone_once_and_makes_nobody_follow() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let room = room_with(&app, &ta, "all-hands", &[&tb, &tc]).await;
    let root = id_of(&send(&app, &ta, room, json!({"content": "agenda"})).await);
    let reply = send(
        &app,
        &tb,
        room,
        json!({"content": "@channel moved to 3pm", "thread_id": root}),
    )
    .await;
    let (_, mentions) = app.get("/api/mentions/", &tc).await;
    assert_eq!(
        mentions["results"][0]["message_id"], reply["id"],
        "{mentions}"
    );
    assert_eq!(mentions["results"][0]["thread_id"], root);
    let (_, threads) = app.get("/api/threads/", &tc).await;
    assert_eq!(
        threads["count"], 0,
        "a wide word makes nobody follow: {threads}"
    );
}

/// The readers a reply of `thread` names in `read_by`, as `auth` reads the thread.
async fn readers_of(app: &TestApp, auth: &str, thread: i64, reply: i64) -> Vec<i64> {
    let (status, t) = app.get(&format!("/api/threads/{thread}/"), auth).await;
    assert_eq!(status, 200, "{t}");
    let reply = t["replies"]
        .as_array()
        .expect("replies")
        .iter()
        .find(|m| m["id"] == reply)
        .unwrap_or_else(|| panic!("reply {reply} in {t}"));
    let mut ids: Vec<i64> = reply["read_by"]
        .as_array()
        .expect("read_by")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn a_reply_kept_in_its_thread_is_seen_by_the_threads_readers_and_edits_and_reactions_reach_it(
) {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (dave, td) = app.register("dave").await;
    let room = room_with(&app, &ta, "review", &[&tb, &tc, &td]).await;
    let root = id_of(&send(&app, &ta, room, json!({"content": "draft is up"})).await);
    let kept = id_of(
        &send(
            &app,
            &tb,
            room,
            json!({"content": "two typos on page 3", "thread_id": root}),
        )
        .await,
    );
    let mut bobs = app.socket("/messages/ws/", &tb).await;

    // carol reads the chat: its newest message is the reply kept in the thread, which
    // she never saw there, so it does not count her as a reader.
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{room}/mark-as-read/"),
            &tc,
            json!({}),
        )
        .await;
    assert!(status.is_success());
    assert_eq!(readers_of(&app, &tb, root, kept).await, vec![bob]);

    // She reads the thread: bob's socket is told, and the reply names her.
    let (status, read) = app
        .post(&format!("/api/threads/{root}/read/"), &tc, json!({}))
        .await;
    assert_eq!(status, 200, "{read}");
    let f = wait_for(&mut bobs, |f| f["type"] == "thread_read").await;
    assert_eq!(
        (
            &f["chat_id"],
            &f["thread_id"],
            &f["user_id"],
            &f["message_id"]
        ),
        (&json!(room), &json!(root), &json!(carol), &json!(kept))
    );
    assert_eq!(readers_of(&app, &tb, root, kept).await, vec![bob, carol]);
    let (_, t) = app.get(&format!("/api/threads/{root}/"), &tc).await;
    assert_eq!(t["following"], false, "reading is not following: {t}");

    // A reply also sent to the channel is seen by the chat's readers too.
    let both = id_of(
        &send(
            &app,
            &ta,
            room,
            json!({"content": "fixed, thanks", "thread_id": root, "also_in_channel": true}),
        )
        .await,
    );
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{room}/mark-as-read/"),
            &td,
            json!({}),
        )
        .await;
    assert!(status.is_success());
    assert_eq!(readers_of(&app, &ta, root, both).await, vec![ann, dave]);
    assert_eq!(
        readers_of(&app, &ta, root, kept).await,
        vec![ann, bob, carol],
        "ann's reply in the thread read what came before it"
    );

    // A reaction on a reply kept in the thread: live, and in the thread's answer.
    let (status, reacted) = app
        .post(
            &format!("/messages/api/messages/{kept}/reactions/"),
            &td,
            json!({"emoji": "\u{1f440}"}),
        )
        .await;
    assert!(status.is_success(), "{reacted}");
    let f = wait_for(&mut bobs, |f| f["type"] == "reaction_updated").await;
    assert_eq!(
        (&f["message_id"], &f["reactions"][0]["users"]),
        (&json!(kept), &json!([dave]))
    );
    let (_, t) = app.get(&format!("/api/threads/{root}/"), &ta).await;
    let reply = &t["replies"][0];
    assert_eq!(
        (&reply["id"], &reply["reactions"][0]["emoji"]),
        (&json!(kept), &json!("\u{1f440}")),
        "{t}"
    );

    // An edit of it keeps its quote line, stays in the thread, and every surface reads it.
    let (status, edited) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{kept}/"),
            Some(&tb),
            Some(json!({"content": "two typos on page 4"})),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let quoted = format!("> @ann [#{root}]: draft is up\n\ntwo typos on page 4");
    assert_eq!(
        (
            &edited["content"],
            &edited["thread_id"],
            &edited["in_channel"]
        ),
        (&json!(quoted), &json!(root), &json!(false))
    );
    let f = wait_for(&mut bobs, |f| f["type"] == "message_updated").await;
    assert_eq!(f["message"]["id"], kept);
    let (_, t) = app.get(&format!("/api/threads/{root}/"), &tc).await;
    assert_eq!(t["replies"][0]["content"], json!(quoted), "{t}");
    assert_eq!(t["replies"][0]["is_edited"], true, "{t}");
    let (_, seed) = app.get(&format!("/api/rooms/{room}/messages/"), &tc).await;
    assert!(
        seed["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|m| m["content"] == json!(quoted)),
        "{seed}"
    );
    let channel = history_ids(&app, &tc, room, "?channel=true").await;
    assert_eq!(channel, vec![root, both], "the edit keeps it in its thread");
}
