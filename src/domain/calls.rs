//! Call presence and WebRTC signalling of the rooms surface, kept in memory only (nothing
//! of a call is stored). A user is in a room's call from `join_call` until `leave_call`
//! or until every socket through which they joined has closed. Events go out through the
//! hub as `Event::Call` with typed data (the rooms codec renders them); sockets filter
//! them by `only_to` / `except`.

use crate::domain::events::{CallEvent, CallParticipant, CallState, Event, SignalKind};
use crate::hub::Published;
use crate::state::App;
use crate::store::users::User;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Who is in which room's call.
#[derive(Default)]
pub struct Calls {
    rooms: Mutex<HashMap<i64, BTreeMap<i64, InCall>>>,
    next_socket: AtomicU64,
}

struct InCall {
    username: String,
    /// The sockets through which the user joined; they leave when the last one does.
    sockets: HashSet<u64>,
}

impl Calls {
    /// A fresh id for a socket that may join calls.
    pub fn socket_id(&self) -> u64 {
        self.next_socket.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, BTreeMap<i64, InCall>>> {
        self.rooms.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The users in a room's call, by id.
    pub fn participants(&self, room_id: i64) -> Vec<CallParticipant> {
        self.lock()
            .get(&room_id)
            .map(|users| {
                users
                    .iter()
                    .map(|(id, u)| CallParticipant {
                        user_id: *id,
                        username: u.username.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Adds a socket of a user to the call; `true` when the user was not in it before.
    fn join(&self, room_id: i64, user: &User, socket: u64) -> bool {
        let mut rooms = self.lock();
        let users = rooms.entry(room_id).or_default();
        let entry = users.entry(user.id).or_insert_with(|| InCall {
            username: user.username.clone(),
            sockets: HashSet::new(),
        });
        let new = entry.sockets.is_empty();
        entry.sockets.insert(socket);
        new
    }

    /// Removes a socket from the call; `true` when that was the user's last one.
    fn leave(&self, room_id: i64, user_id: i64, socket: u64) -> bool {
        let mut rooms = self.lock();
        let Some(users) = rooms.get_mut(&room_id) else {
            return false;
        };
        let Some(entry) = users.get_mut(&user_id) else {
            return false;
        };
        if !entry.sockets.remove(&socket) {
            return false;
        }
        let gone = entry.sockets.is_empty();
        if gone {
            users.remove(&user_id);
        }
        if users.is_empty() {
            rooms.remove(&room_id);
        }
        gone
    }
}

/// The call registry of this server.
pub fn registry(app: &App) -> &Calls {
    &app.calls
}

/// Who is in a room's call now.
pub fn state(app: &App, room_id: i64) -> CallState {
    CallState {
        participants: registry(app).participants(room_id),
    }
}

fn publish(app: &App, room_id: i64, call: CallEvent, only_to: Option<i64>, except: Option<i64>) {
    // Call events are never stored, so they go to the hub at once, not through a write;
    // they reach only sockets subscribed to the room itself: no user-level audience.
    app.hub.publish(Published::new(
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
fn publish_state(app: &App, room_id: i64) {
    publish(
        app,
        room_id,
        CallEvent::State(state(app, room_id)),
        None,
        None,
    );
}

/// `join_call`: the call state to everyone in the room, then `UserJoined` to the others
/// (only when the user was not already in the call through another socket).
pub fn join(app: &App, me: &User, room_id: i64, socket: u64) {
    let new = registry(app).join(room_id, me, socket);
    publish_state(app, room_id);
    if new {
        let joined = CallEvent::UserJoined {
            user_id: me.id,
            username: me.username.clone(),
        };
        publish(app, room_id, joined, None, Some(me.id));
    }
}

/// `leave_call`, or a socket that had joined closing: when it was the user's last socket
/// in the call, the call state and `UserLeft` to everyone. Returns whether the user left.
pub fn leave(app: &App, user_id: i64, room_id: i64, socket: u64) -> bool {
    if !registry(app).leave(room_id, user_id, socket) {
        return false;
    }
    publish_state(app, room_id);
    publish(app, room_id, CallEvent::UserLeft { user_id }, None, None);
    true
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
    publish(app, room_id, signal, Some(target), None);
}
