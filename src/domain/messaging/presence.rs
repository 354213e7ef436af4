//! Who is reading which chat, for pushes: nobody is pushed a message a socket of theirs
//! shows. On one node the hub knows its sockets. Nodes of one PostgreSQL also note
//! theirs in `socket_presence` (one row written as a socket opens, deleted as it
//! closes), so the node that plans a chat's pushes sees the readers on the others.

use crate::domain::error::Result;
use crate::state::calls::Heartbeat;
use crate::state::App;
use crate::store::{self, Conn, Db};
use std::collections::HashSet;

/// Which of `users` have a socket showing `chat_id`, on any node.
pub fn watching(c: &Conn, app: &App, chat_id: i64, users: &[i64]) -> Result<HashSet<i64>> {
    let mut found: HashSet<i64> = users
        .iter()
        .copied()
        .filter(|u| app.hub.watching(*u, chat_id))
        .collect();
    if app.shared_presence {
        let node = app.config.node_id();
        found.extend(store::push::watching_elsewhere(
            c,
            &node,
            chat_id,
            users,
            bound_ms(),
        )?);
    }
    Ok(found)
}

/// A socket noted in `socket_presence` until dropped.
pub struct Presence {
    db: Db,
    node: String,
    socket_id: i64,
}

impl Drop for Presence {
    fn drop(&mut self) {
        let (db, node, socket_id) = (self.db.clone(), self.node.clone(), self.socket_id);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let gone = db.write(move |c| store::push::socket_closed(c, &node, socket_id));
                if let Err(e) = gone.await {
                    tracing::warn!("cannot forget a closed socket for pushes: {e}");
                }
            });
        }
    }
}

/// Notes a new socket of `user_id` showing `chat_id` (`None`: every chat of theirs), on
/// nodes that share PostgreSQL; nothing on one node.
pub async fn note(
    app: &App,
    socket_id: u64,
    user_id: i64,
    chat_id: Option<i64>,
) -> Option<Presence> {
    if !app.shared_presence {
        return None;
    }
    let node = app.config.node_id();
    let socket_id = socket_id as i64;
    let chat = chat_id.unwrap_or(0);
    let node2 = node.clone();
    let noted = app
        .db
        .write(move |c| store::push::socket_opened(c, &node2, socket_id, user_id, chat))
        .await;
    match noted {
        Ok(()) => Some(Presence {
            db: app.db.clone(),
            node,
            socket_id,
        }),
        Err(e) => {
            tracing::warn!("cannot note a socket for pushes (it may be pushed what it shows): {e}");
            None
        }
    }
}

/// Forgets this node's rows of an earlier run and those of dead nodes (at start).
pub async fn forget_stale(app: &App) -> Result<()> {
    if !app.shared_presence {
        return Ok(());
    }
    let node = app.config.node_id();
    let bound = bound_ms();
    Ok(app
        .db
        .write(move |c| store::push::forget_sockets(c, &node, bound))
        .await?)
}

/// A node unseen for this long is dead, as for calls: its sockets show nothing.
fn bound_ms() -> i64 {
    Heartbeat::BOUND.as_millis() as i64
}
