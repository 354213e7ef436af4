//! Events of one chat reach every socket in id order, even when their writes race: the
//! writer hands a group's events to the hub after the commit, in commit order. Before, each REST handler published after its own await, so two sends
//! could reach a socket in the opposite order of their ids.

use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn concurrent_rest_sends_reach_a_socket_in_id_order() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (status, room) = app.post("/api/rooms/", &ta, json!({"name": "Race"})).await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200);
    let mut room_socket = app.socket(&format!("/ws/room/{room}/"), &tb).await;
    let mut chats_socket = app.socket("/messages/ws/", &tb).await;

    let path = format!("/api/rooms/{room}/messages/");
    const ROUNDS: usize = 6;
    const AT_ONCE: usize = 8;
    for round in 0..ROUNDS {
        let sends = (0..AT_ONCE).map(|i| {
            let body = json!({"content": format!("round {round} send {i}")});
            app.post(&path, &ta, body)
        });
        for (status, body) in futures_util::future::join_all(sends).await {
            assert_eq!(status, 201, "{body}");
        }
    }

    let ids = message_ids(&mut room_socket, ROUNDS * AT_ONCE, "chat_message", "data").await;
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "rooms socket saw ids out of order: {ids:?}"
    );
    let ids = message_ids(
        &mut chats_socket,
        ROUNDS * AT_ONCE,
        "new_message",
        "message",
    )
    .await;
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "chats socket saw ids out of order: {ids:?}"
    );
}

/// The ids of the next `n` frames of type `kind` on `socket`, read from `frame[key]["id"]`.
async fn message_ids(socket: &mut Socket, n: usize, kind: &str, key: &str) -> Vec<i64> {
    let mut ids = Vec::with_capacity(n);
    while ids.len() < n {
        let frame = next_json(socket).await;
        if frame["type"] == kind {
            ids.push(frame[key]["id"].as_i64().expect("message id"));
        }
    }
    ids
}
