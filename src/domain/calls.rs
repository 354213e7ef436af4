//! Call presence and WebRTC signalling of the rooms surface (nothing of a call is stored
//! with the data). A user is in a room's call from `join_call` until `leave_call` or
//! until every socket through which they joined has closed. Events go out through the
//! hub as `Event::Call` with typed data (the rooms codec renders them); sockets filter
//! them by `only_to` / `except`. Who is in a call is kept by a [`Registry`]: in memory
//! on a single node, in PostgreSQL when several nodes share it (`shared`).

mod memory;
mod shared;
#[cfg(test)]
mod tests;

pub use memory::Calls;
pub use shared::{complain_if_not_alone, Heartbeat, SharedCalls};

use crate::domain::error::Result;
use crate::hub::{Hub, Published};
use crate::model::events::{CallEvent, CallParticipant, CallState, Event, SignalKind};
use crate::state::App;
use crate::store::users::User;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Who is in which room's call, and the ids of this node's sockets that may join. An
/// enum rather than a trait object: there are exactly two kinds, and the shared one's
/// methods are async.
pub struct Registry {
    next_socket: AtomicU64,
    kind: Kind,
}

enum Kind {
    /// One node (`--hub local`): in memory, as natter always did.
    Local(Calls),
    /// Several nodes (`--hub nats://...`): in PostgreSQL, with heartbeats.
    Shared(Arc<SharedCalls>),
}

impl Default for Registry {
    fn default() -> Self {
        Registry::local()
    }
}

impl Registry {
    /// The in-memory registry of a single node.
    pub fn local() -> Self {
        Registry {
            next_socket: AtomicU64::new(0),
            kind: Kind::Local(Calls::default()),
        }
    }

    /// The registry the nodes of a cluster share (see [`SharedCalls::start`]).
    pub fn shared(calls: Arc<SharedCalls>) -> Self {
        Registry {
            next_socket: AtomicU64::new(0),
            kind: Kind::Shared(calls),
        }
    }

    /// A fresh id for a socket that may join calls, unique on this node (the shared
    /// registry stores it with the node's id).
    pub fn socket_id(&self) -> u64 {
        self.next_socket.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A clean stop, after this node's sockets have closed: the shared registry removes
    /// what this node still holds and its heartbeat; the local one has nothing to do.
    pub async fn close(&self) {
        if let Kind::Shared(calls) = &self.kind {
            calls.close().await;
        }
    }
}

/// The call registry of this server.
pub fn registry(app: &App) -> &Registry {
    &app.calls
}

/// Who is in a room's call now (on every node, when they share the registry).
pub async fn state(app: &App, room_id: i64) -> Result<CallState> {
    let participants = match &registry(app).kind {
        Kind::Local(calls) => calls.participants(room_id),
        Kind::Shared(calls) => calls.participants(room_id).await?,
    };
    Ok(CallState { participants })
}

fn publish(hub: &Hub, room_id: i64, call: CallEvent, only_to: Option<i64>, except: Option<i64>) {
    // Call events are never stored, so they go to the hub at once, not through a write;
    // they reach only sockets subscribed to the room itself: no user-level audience.
    hub.publish(Published::new(
        room_id,
        Vec::new().into(),
        Event::Call {
            call,
            only_to,
            except,
        },
    ));
}

/// The room's call state, to everyone in the room.
fn publish_state(hub: &Hub, room_id: i64, participants: Vec<CallParticipant>) {
    let state = CallEvent::State(CallState { participants });
    publish(hub, room_id, state, None, None);
}

/// `UserLeft`, to everyone in the room.
fn publish_left(hub: &Hub, room_id: i64, user_id: i64) {
    publish(hub, room_id, CallEvent::UserLeft { user_id }, None, None);
}

/// `join_call`: the call state to everyone in the room, then `UserJoined` to the others
/// (only when the user was not already in the call through another socket).
pub async fn join(app: &App, me: &User, room_id: i64, socket: u64) -> Result<()> {
    let (new, participants) = match &registry(app).kind {
        Kind::Local(calls) => {
            let new = calls.join(room_id, me, socket);
            (new, calls.participants(room_id))
        }
        Kind::Shared(calls) => calls.join(room_id, me, socket).await?,
    };
    publish_state(&app.hub, room_id, participants);
    if new {
        let joined = CallEvent::UserJoined {
            user_id: me.id,
            username: me.username.clone(),
        };
        publish(&app.hub, room_id, joined, None, Some(me.id));
    }
    Ok(())
}

/// `leave_call`, or a socket that had joined closing: when it was the user's last socket
/// in the call, the call state and `UserLeft` to everyone. Returns whether the user left.
pub async fn leave(app: &App, user_id: i64, room_id: i64, socket: u64) -> Result<bool> {
    let participants = match &registry(app).kind {
        Kind::Local(calls) => calls
            .leave(room_id, user_id, socket)
            .then(|| calls.participants(room_id)),
        Kind::Shared(calls) => calls.leave(room_id, user_id, socket).await?,
    };
    let Some(participants) = participants else {
        return Ok(false);
    };
    publish_state(&app.hub, room_id, participants);
    publish_left(&app.hub, room_id, user_id);
    Ok(true)
}

/// Relays an `offer` / `answer` / `ice_candidate` to `target` only, from the caller.
/// `payload` is the client's, passed on as sent (any `from_user_id` in it is replaced).
pub fn relay(
    app: &App,
    me: &User,
    room_id: i64,
    kind: SignalKind,
    target: i64,
    mut payload: serde_json::Map<String, serde_json::Value>,
) {
    payload.remove("from_user_id");
    let signal = CallEvent::Signal {
        kind,
        from_user_id: me.id,
        payload,
    };
    publish(&app.hub, room_id, signal, Some(target), None);
}
