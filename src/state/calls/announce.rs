//! Call events go to the hub at once, not through a write: they are never stored. Both
//! registries and the domain's call rules announce through these.

use crate::hub::{Hub, Published};
use crate::model::events::{CallEvent, CallParticipant, CallState, Event};

/// Sends a call event to the chat's sockets and to `audience`'s sockets on every chat
/// (natter's own socket, `/messages/ws/`, follows all of a user's chats): `only_to` one
/// user, or all `except` one. Call events are never stored, so they go to the hub at
/// once, not through a write.
pub fn publish(
    hub: &Hub,
    room_id: i64,
    audience: Vec<i64>,
    call: CallEvent,
    only_to: Option<i64>,
    except: Option<i64>,
) {
    hub.publish(Published::new(
        room_id,
        audience.into(),
        Event::Call {
            call,
            only_to,
            except,
        },
    ));
}

/// The chat's call state, to all its members (`audience`).
pub fn publish_state(
    hub: &Hub,
    room_id: i64,
    audience: Vec<i64>,
    participants: Vec<CallParticipant>,
) {
    let state = CallEvent::State(CallState { participants });
    publish(hub, room_id, audience, state, None, None);
}

/// `UserLeft`, to all the chat's members (`audience`).
pub fn publish_left(hub: &Hub, room_id: i64, audience: Vec<i64>, user_id: i64) {
    publish(
        hub,
        room_id,
        audience,
        CallEvent::UserLeft { user_id },
        None,
        None,
    );
}
