//! The sends of the fault tests: REST `POST /messages/api/chats/<id>/messages/` on
//! either node, each written down with when it started and, when answered 201, its id
//! and when the answer came (the message was committed by then).

use super::{Book, NodeIx};
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// One send.
pub struct Sent {
    pub chat: i64,
    pub node: NodeIx,
    pub started: Instant,
    /// The id and when the 201 arrived; `None` when it was not acknowledged.
    pub acked: Option<(i64, Instant)>,
}

/// Every send of a test, in the order they started.
pub type Ledger = Arc<Mutex<Vec<Sent>>>;

/// Sends `content` to `chat` on `node` as the user whose `Authorization` is `token`;
/// the id when answered 201. `content` may be long, to fill a pipe with few messages.
pub async fn send(
    book: &Book,
    ledger: &Ledger,
    token: &str,
    chat: i64,
    node: NodeIx,
    content: &str,
) -> Option<i64> {
    let started = Instant::now();
    let url = format!(
        "http://{}/messages/api/chats/{chat}/messages/",
        book.addr(node)
    );
    let answer = book
        .http
        .post(url)
        .header("Authorization", token)
        .json(&json!({"content": content}))
        .timeout(Duration::from_secs(10))
        .send()
        .await;
    let id = match answer {
        Ok(answer) if answer.status() == 201 => answer
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|m| m["id"].as_i64()),
        _ => None,
    };
    ledger.lock().unwrap().push(Sent {
        chat,
        node,
        started,
        acked: id.map(|id| (id, Instant::now())),
    });
    id
}

/// One user sending until `stop`, one message at a time with `pace` between: to its
/// chats in turn, each chat through node a and b in turn (offset by the user, so that
/// both nodes carry sends to every chat at once).
pub async fn keep_sending(
    book: Arc<Book>,
    ledger: Ledger,
    (user, token): (usize, String),
    chats: Vec<i64>,
    pace: Duration,
    mut stop: watch::Receiver<bool>,
) {
    for turn in 0usize.. {
        if *stop.borrow() {
            return;
        }
        let chat = chats[turn % chats.len()];
        let node = (user + turn / chats.len()) % 2;
        send(&book, &ledger, &token, chat, node, "while faults happen").await;
        // Pacing the load, not waiting for anything to happen.
        let _ = tokio::time::timeout(pace, super::clients::stopped(&mut stop)).await;
    }
}
