//! Call presence and WebRTC signalling of the rooms surface, kept in memory only (nothing
//! of a call is stored). A user is in a room's call from `join_call` until `leave_call`
//! or until every socket through which they joined has closed. Frames go out through the
//! hub as `Event::Call`; sockets filter them by `only_to` / `except`.

use crate::app::App;
use crate::domain::error::{Error, Malformed, Result};
use crate::domain::events::Event;
use crate::hub::Published;
use crate::store::users::User;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The signalling frame types relayed to one target user.
pub const SIGNALS: [&str; 3] = ["offer", "answer", "ice_candidate"];

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

/// One user in a call, as `call_state` and `call-state/` show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallParticipant {
    pub user_id: i64,
    pub username: String,
    pub state: &'static str,
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
                        state: "active",
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

/// The call registry of this process.
///
/// The call registry of this server.
pub fn registry(app: &App) -> &Calls {
    &app.calls
}

/// The `{"participants", "room_state"}` object of a room's call.
pub fn state_json(app: &App, room_id: i64) -> Value {
    let participants = registry(app).participants(room_id);
    let room_state = if participants.is_empty() {
        "idle"
    } else {
        "active"
    };
    json!({
        "participants": participants
            .iter()
            .map(|p| json!({"user_id": p.user_id, "username": p.username, "state": p.state}))
            .collect::<Vec<_>>(),
        "room_state": room_state,
    })
}

fn publish(
    app: &App,
    room_id: i64,
    kind: &str,
    data: Value,
    only_to: Option<i64>,
    except: Option<i64>,
) {
    // Call frames reach only sockets subscribed to the room itself: no user-level audience.
    app.hub.publish(Published::new(
        room_id,
        Vec::new().into(),
        Event::Call {
            kind: kind.to_string(),
            data,
            only_to,
            except,
        },
    ));
}

/// The room's `call_state`, to everyone in the room.
fn publish_state(app: &App, room_id: i64) {
    publish(
        app,
        room_id,
        "call_state",
        state_json(app, room_id),
        None,
        None,
    );
}

/// `join_call`: `call_state` to everyone in the room, then `user_joined` to the others
/// (only when the user was not already in the call through another socket).
pub fn join(app: &App, me: &User, room_id: i64, socket: u64) {
    let new = registry(app).join(room_id, me, socket);
    publish_state(app, room_id);
    if new {
        publish(
            app,
            room_id,
            "user_joined",
            json!({"user": {"id": me.id, "username": me.username}}),
            None,
            Some(me.id),
        );
    }
}

/// `leave_call`, or a socket that had joined closing: when it was the user's last socket
/// in the call, `call_state` and `user_left` to everyone. Returns whether the user left.
pub fn leave(app: &App, user_id: i64, room_id: i64, socket: u64) -> bool {
    if !registry(app).leave(room_id, user_id, socket) {
        return false;
    }
    publish_state(app, room_id);
    publish(
        app,
        room_id,
        "user_left",
        json!({"user_id": user_id}),
        None,
        None,
    );
    true
}

/// Relays `offer` / `answer` / `ice_candidate` to `data.target_user_id` only, with
/// `from_user_id` added first, as upstream's `{"from_user_id": ..., **data}`. A missing
/// or non-integer target is a validation error.
pub fn relay(app: &App, me: &User, room_id: i64, kind: &str, data: Value) -> Result<()> {
    let Value::Object(map) = data else {
        return Err(Error::Malformed(Malformed::SignalNotObject));
    };
    let Some(target) = map.get("target_user_id").and_then(Value::as_i64) else {
        return Err(Error::Malformed(Malformed::SignalNoTarget));
    };
    let mut relayed = serde_json::Map::with_capacity(map.len() + 1);
    relayed.insert("from_user_id".into(), json!(me.id));
    relayed.extend(map.into_iter().filter(|(key, _)| key != "from_user_id"));
    let data = Value::Object(relayed);
    publish(app, room_id, kind, data, Some(target), None);
    Ok(())
}
