//! Call presence and WebRTC signalling of the rooms surface (nothing of a call is stored
//! with the data). A user is in a room's call from `join_call` until `leave_call` or
//! until every socket through which they joined has closed. Events go out through the
//! hub as `Event::Call` with typed data (the rooms codec renders them); sockets filter
//! them by `only_to` / `except`. Who is in a call is kept by `App`'s registry
//! (`state::calls`): in memory on a single node, in PostgreSQL when nodes share it.

use crate::domain::error::Result;
use crate::model::events::{CallEvent, CallState, SignalKind};
use crate::state::calls::{publish, publish_left, publish_state, Registry};
use crate::state::App;
use crate::store::users::User;

/// The call registry of this server.
pub fn registry(app: &App) -> &Registry {
    &app.calls
}

/// Who is in a room's call now (on every node, when they share the registry).
pub async fn state(app: &App, room_id: i64) -> Result<CallState> {
    let participants = registry(app).participants(room_id).await?;
    Ok(CallState { participants })
}

/// `join_call`: the call state to everyone in the room, then `UserJoined` to the others
/// (only when the user was not already in the call through another socket).
pub async fn join(app: &App, me: &User, room_id: i64, socket: u64) -> Result<()> {
    let (new, participants) = registry(app).join(room_id, me, socket).await?;
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
    let Some(participants) = registry(app).leave(room_id, user_id, socket).await? else {
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
