//! Losing a chat leaves its call: a person removed from a chat, who leaves a group or
//! room, or whose chat is deleted, is out of its call at once, on natter's own socket
//! (`/messages/ws/`, which stays open: it follows their other chats) as on seed 003's
//! (closed with 1008), and on every node: the others get the call state without them and
//! `user_left`, signals to and from them are refused, `/api/calls/` no longer lists them,
//! and the record keeps when they left.

use crate::helpers::{close_code, send_json, try_next_json, wait_for, Socket, TestApp};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

/// A group chat of `owner` with `others`; its id.
async fn group(app: &TestApp, owner: &str, others: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": "Standup", "member_ids": others}),
        )
        .await;
    assert!(status.is_success(), "{status} {chat}");
    chat["id"].as_i64().expect("chat id")
}

/// The user ids a `call_state` frame lists.
fn listed(state: &Value) -> Vec<i64> {
    state["data"]["participants"]
        .as_array()
        .map(|p| p.iter().filter_map(|p| p["user_id"].as_i64()).collect())
        .unwrap_or_default()
}

/// Joins `chat`'s call on natter's own socket `ws` and waits for the state that lists
/// everyone in `expected`.
async fn join(ws: &mut Socket, chat: i64, expected: &[i64]) {
    send_json(
        ws,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    wait_for(ws, |f| {
        f["type"] == "call_state"
            && f["chat_id"] == chat
            && expected.iter().all(|id| listed(f).contains(id))
    })
    .await;
}

/// Waits on `ws` for the call state of `chat` without `gone`, then its `user_left`.
async fn told_gone(ws: &mut Socket, chat: i64, gone: i64) -> Vec<i64> {
    let state = wait_for(ws, |f| {
        f["type"] == "call_state" && f["chat_id"] == chat && !listed(f).contains(&gone)
    })
    .await;
    let left = wait_for(ws, |f| f["type"] == "user_left").await;
    assert_eq!(
        left,
        json!({"type": "user_left", "chat_id": chat, "data": {"user_id": gone}})
    );
    listed(&state)
}

/// No signal reaches `ws` within a short wait (other frames are skipped).
async fn no_signal(ws: &mut Socket) {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(700);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(frame) = try_next_json(ws, left).await else {
            return;
        };
        let kind = frame["type"].as_str().unwrap_or_default();
        assert!(
            !["offer", "answer", "ice_candidate"].contains(&kind),
            "a signal got through: {frame}"
        );
    }
}

/// Sends an offer on natter's own socket and answers the error frame it gets.
async fn offer_refused(ws: &mut Socket, chat: i64, target: i64) -> Value {
    send_json(
        ws,
        json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": target, "sdp": "v=0"}}),
    )
    .await;
    wait_for(ws, |f| f["type"] == "error").await
}

/// The participants `/api/calls/` (calls going on now) lists for `auth` in `chat`.
async fn in_call_now(app: &TestApp, auth: &str, chat: i64) -> Option<Vec<i64>> {
    let (status, now) = app.get("/api/calls/", auth).await;
    assert_eq!(status, 200, "{now}");
    now["results"]
        .as_array()?
        .iter()
        .find(|c| c["chat_id"] == chat)
        .map(|c| {
            c["participants"]
                .as_array()
                .map(|p| p.iter().filter_map(|p| p["user_id"].as_i64()).collect())
                .unwrap_or_default()
        })
}

#[tokio::test]
async fn a_member_removed_from_a_chat_leaves_its_call_at_once() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    let chat = group(&app, &ta, &[b, c]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    let mut sc = app.socket("/messages/ws/", &tc).await;
    join(&mut sa, chat, &[a]).await;
    join(&mut sb, chat, &[a, b]).await;
    join(&mut sc, chat, &[a, b, c]).await;
    assert_eq!(in_call_now(&app, &ta, chat).await, Some(vec![a, b, c]));

    // Ann, the chat's admin, takes Ben out of the chat.
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{b}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");

    // The others see him leave the call; his own socket (still open for his other
    // chats) is told he left it, so his client ends its part.
    assert_eq!(told_gone(&mut sa, chat, b).await, vec![a, c]);
    assert_eq!(told_gone(&mut sc, chat, b).await, vec![a, c]);
    let left = wait_for(&mut sb, |f| f["type"] == "user_left").await;
    assert_eq!(left["data"]["user_id"], b);

    // Signals to and from him are refused; nothing reaches either side.
    let refused = offer_refused(&mut sb, chat, a).await;
    assert_eq!(refused["error"], "not_found", "{refused}");
    let refused = offer_refused(&mut sa, chat, b).await;
    assert_eq!(refused["error"], "target_not_in_call", "{refused}");
    no_signal(&mut sa).await;
    no_signal(&mut sb).await;
    // Nor may he come back into the call.
    send_json(
        &mut sb,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let refused = wait_for(&mut sb, |f| f["type"] == "error").await;
    assert_eq!(refused["error"], "not_found", "{refused}");

    // The call goes on without him; the record says when he left.
    assert_eq!(in_call_now(&app, &ta, chat).await, Some(vec![a, c]));
    assert_eq!(in_call_now(&app, &tb, chat).await, None);
    let (status, calls) = app.get(&format!("/api/calls/?chat_id={chat}"), &tc).await;
    assert_eq!(status, 200, "{calls}");
    let joined = calls["results"][0]["joined"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let left_at = |id: i64| {
        joined
            .iter()
            .find(|j| j["id"] == id)
            .map(|j| j["left_at"].clone())
            .unwrap_or_default()
    };
    assert!(left_at(b).is_string(), "{calls}");
    assert_eq!(left_at(a), Value::Null, "{calls}");
    assert!(joined.iter().all(|j| j["joined_at"].is_string()), "{calls}");
}

#[tokio::test]
async fn leaving_a_room_or_having_it_deleted_leaves_its_call_on_every_socket() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "Huddle"}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    for t in [&tb, &tc] {
        let (status, body) = app
            .post(&format!("/api/rooms/{room}/join/"), t, json!({}))
            .await;
        assert_eq!(status, 200, "{body}");
    }
    // Ann and Ben on natter's own socket, Cy as a seed 003 client on the call socket.
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    let mut seed = app.socket(&format!("/ws/call/{room}/"), &tc).await;
    join(&mut sa, room, &[a]).await;
    join(&mut sb, room, &[a, b]).await;
    send_json(&mut seed, json!({"type": "join_call", "data": {}})).await;
    wait_for(&mut sa, |f| {
        f["type"] == "call_state" && listed(f).contains(&c)
    })
    .await;

    // Ben leaves the room through seed 003's API: out of the call at once.
    let (status, body) = app
        .post(&format!("/api/rooms/{room}/leave/"), &tb, json!({}))
        .await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(told_gone(&mut sa, room, b).await, vec![a, c]);
    let left = wait_for(&mut seed, |f| f["type"] == "user_left").await;
    assert_eq!(left["data"]["user_id"], b);
    assert_eq!(in_call_now(&app, &ta, room).await, Some(vec![a, c]));

    // Ann deletes the room: everyone is out of its call. Her own socket is told she left
    // it (Cy's leave went to the room's sockets, which close: the seed 003 one with 1008).
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/api/rooms/{room}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(close_code(&mut seed).await, Some(1008));
    let left = wait_for(&mut sa, |f| {
        f["type"] == "user_left" && f["data"]["user_id"] == a
    })
    .await;
    assert_eq!(left["chat_id"], room);
    assert_eq!(in_call_now(&app, &ta, room).await, None);
}

#[tokio::test]
async fn a_member_removed_on_one_node_leaves_the_call_on_the_other() {
    let test = "a_member_removed_on_one_node_leaves_the_call_on_the_other";
    let Some(cluster) = crate::cluster::cluster_or_skip(test) else {
        return;
    };
    let (on_a, on_b) = (&cluster.a, &cluster.b);
    let (a, ta) = on_a.register("alice").await;
    let (b, tb) = on_b.register("bob").await;
    let (c, tc) = on_b.register("carol").await;
    let chat = group(on_a, &ta, &[b, c]).await;
    let mut sa = on_a.socket("/messages/ws/", &ta).await;
    let mut sb = on_b.socket("/messages/ws/", &tb).await;
    let mut sc = on_b.socket("/messages/ws/", &tc).await;
    join(&mut sa, chat, &[a]).await;
    join(&mut sb, chat, &[a, b]).await;
    join(&mut sc, chat, &[a, b, c]).await;

    // Alice, on A, takes Bob out of the chat; Bob's socket is on B.
    let (status, body) = on_a
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{b}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    assert_eq!(told_gone(&mut sa, chat, b).await, vec![a, c]);
    assert_eq!(told_gone(&mut sc, chat, b).await, vec![a, c]);
    let left = wait_for(&mut sb, |f| f["type"] == "user_left").await;
    assert_eq!(left["data"]["user_id"], b);

    // On either node, signals to and from him are refused.
    let refused = offer_refused(&mut sb, chat, a).await;
    assert_eq!(refused["error"], "not_found", "{refused}");
    let refused = offer_refused(&mut sa, chat, b).await;
    assert_eq!(refused["error"], "target_not_in_call", "{refused}");
    no_signal(&mut sa).await;
    for (node, auth) in [(on_a, &ta), (on_b, &tc)] {
        assert_eq!(in_call_now(node, auth, chat).await, Some(vec![a, c]));
    }
    let (status, calls) = on_b.get(&format!("/api/calls/?chat_id={chat}"), &tc).await;
    assert_eq!(status, 200, "{calls}");
    let bob = calls["results"][0]["joined"]
        .as_array()
        .and_then(|j| j.iter().find(|j| j["id"] == b).cloned())
        .unwrap_or_default();
    assert!(bob["left_at"].is_string(), "{calls}");
}
