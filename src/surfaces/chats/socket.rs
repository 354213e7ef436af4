//! The chats surface's sockets: `/messages/ws/` (every chat of the user) and
//! `/messages/ws/chats/{id}/` (one chat). Events carry `chat_id`; client frames may
//! announce typing, ping, or take part in a chat's call with the rooms surface's call
//! frames (`join_call`, `leave_call`, `decline_call`, `offer`, `answer`,
//! `ice_candidate`, `{"type", "data"}` as there) with the chat's `chat_id` beside them.

use crate::domain::messaging::chats::require_member;
use crate::domain::{calls, messaging::messages};
use crate::http::error::{ApiError, ApiResult};
use crate::http::request::{FieldCheck, Fields};
use crate::hub::Published;
use crate::model::events::{relayed_signal, CallEvent, CallParticipant, Event, SignalKind};
use crate::model::ChatState;
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::chats::{chat_json, message_json, thread_json, title_depends_on_reader};
use crate::ws::socket::Codec;
use crate::ws::socket::{shared_frame, Rendered, Surface};
use crate::ws::upgrade::Handshake;
use crate::ws::Feed;
use serde_json::{json, Value};
use warp::reply::Response;

/// Opens the all-chats socket.
pub async fn open_all(app: App, ws: Handshake, user: User) -> ApiResult<Response> {
    let user_id = user.id;
    let codec = ChatsCodec {
        socket: calls::registry(&app).socket_id(),
        user,
        chat_id: None,
        in_calls: Vec::new(),
    };
    crate::ws::accept(app, ws, user_id, Feed::User, codec).await
}

/// Opens the one-chat socket (members only; others get 404 before the upgrade).
pub async fn open_one(app: App, ws: Handshake, user: User, chat_id: i64) -> ApiResult<Response> {
    let user_id = user.id;
    app.db
        .read(move |c| require_member(c, chat_id, user_id))
        .await?;
    let codec = ChatsCodec {
        socket: calls::registry(&app).socket_id(),
        user,
        chat_id: Some(chat_id),
        in_calls: Vec::new(),
    };
    crate::ws::accept(app, ws, user_id, Feed::Chat(chat_id), codec).await
}

/// The `chat_updated` frame, as `me` sees the chat.
fn chat_updated(chat_id: i64, state: &ChatState, me: i64) -> Value {
    json!({"type": "chat_updated", "chat_id": chat_id, "chat": chat_json(state, None, me, true)})
}

/// A refused frame's text: `field: message` for each wrong field, else as every surface
/// shows the error (never an internal error's detail).
fn field_text(e: &ApiError) -> String {
    match e {
        ApiError::Validation(fields) => fields
            .iter()
            .map(|(name, messages)| format!("{name}: {}", messages.join(" ")))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.client_text(),
    }
}

struct ChatsCodec {
    user: User,
    chat_id: Option<i64>,
    /// This socket's id in the call registry.
    socket: u64,
    /// The chats whose calls this socket joined (left when it closes).
    in_calls: Vec<i64>,
}

/// The name to show: the display name an event carries, or the username when it carries
/// none (a node of the version before).
fn shown<'a>(display_name: &'a str, username: &'a str) -> &'a str {
    if display_name.is_empty() {
        username
    } else {
        display_name
    }
}

/// One person in a call as this socket's `call_state` lists them: the rooms surface's
/// participant with the name people see and whether their microphone and camera are on.
fn participant_json(p: &CallParticipant) -> Value {
    json!({
        "user_id": p.user_id, "username": p.username, "state": "active",
        "display_name": shown(&p.display_name, &p.username),
        "microphone_on": p.microphone_on, "camera_on": p.camera_on, "sfu": p.sfu,
    })
}

/// A call event's frame on this surface: the rooms surface's frame with the chat's id.
fn call_frame(chat_id: i64, call: &CallEvent) -> Value {
    let (kind, data) = match call {
        CallEvent::State(state) => (
            "call_state",
            json!({
                "participants": state.participants.iter().map(participant_json).collect::<Vec<_>>(),
                "room_state": if state.participants.is_empty() { "idle" } else { "active" },
            }),
        ),
        CallEvent::UserJoined { user_id, username } => (
            "user_joined",
            json!({"user": {"id": user_id, "username": username}}),
        ),
        CallEvent::UserLeft { user_id } => ("user_left", json!({"user_id": user_id})),
        CallEvent::Declined {
            user_id,
            username,
            display_name,
        } => (
            "call_declined",
            json!({"user_id": user_id, "username": username, "display_name": shown(display_name, username)}),
        ),
        CallEvent::Signal {
            kind,
            from_user_id,
            payload,
            ..
        } => (kind.frame_type(), relayed_signal(*from_user_id, payload)),
    };
    json!({"type": kind, "chat_id": chat_id, "data": data})
}

impl ChatsCodec {
    /// One call frame: `chat_id` beside `type` (the socket's own chat when it has one),
    /// `data` as the rooms surface's socket takes it.
    async fn call(&mut self, app: &App, kind: &str, frame: Value) -> Vec<String> {
        let chat_id = match frame.get("chat_id") {
            None | Some(Value::Null) => self.chat_id,
            Some(v) => match v.as_i64() {
                Some(id) => Some(id),
                None => {
                    return vec![self
                        .error_frame("validation_error", "chat_id: A valid integer is required.")]
                }
            },
        };
        let Some(chat_id) = chat_id else {
            return vec![self.error_frame("validation_error", "chat_id is required.")];
        };
        if self.chat_id.is_some_and(|own| own != chat_id) {
            return vec![self.error_frame("validation_error", "This socket follows another chat.")];
        }
        let data = frame.get("data").cloned().unwrap_or_else(|| json!({}));
        let result = match kind {
            "join_call" => {
                let media = calls::Media::asked(app, &data);
                let joined = calls::join(
                    app,
                    &self.user,
                    chat_id,
                    self.socket,
                    calls::Ring::Chat,
                    media,
                )
                .await;
                if joined.is_ok() && !self.in_calls.contains(&chat_id) {
                    self.in_calls.push(chat_id);
                }
                joined
            }
            "leave_call" => {
                self.in_calls.retain(|id| *id != chat_id);
                calls::leave(app, self.user.id, chat_id, self.socket)
                    .await
                    .map(|_| ())
                    .map_err(calls::Refused::from)
            }
            "decline_call" => calls::decline(app, &self.user, chat_id).await,
            "media_state" => match calls::media_state_of(&data) {
                Ok((named, media)) => {
                    calls::set_media(app, &self.user, chat_id, named, media).await
                }
                Err(words) => return vec![self.error_frame("validation_error", words)],
            },
            signal => {
                let kind = match signal {
                    "offer" => SignalKind::Offer,
                    "answer" => SignalKind::Answer,
                    _ => SignalKind::IceCandidate,
                };
                let Value::Object(payload) = data else {
                    return vec![self.error_frame("validation_error", "data must be an object.")];
                };
                let Some(target) = payload.get("target_user_id").and_then(Value::as_i64) else {
                    return vec![self.error_frame("validation_error", "target_user_id required.")];
                };
                calls::relay(
                    app,
                    &self.user,
                    chat_id,
                    kind,
                    target,
                    payload,
                    calls::Rule::InCall,
                )
                .await
            }
        };
        let (code, message) = match result.map_err(calls::refusal_words) {
            Ok(()) => return Vec::new(),
            Err(Ok((code, message))) => (code, message),
            Err(Err(e)) => {
                let e = ApiError::from(e);
                (e.code(), field_text(&e))
            }
        };
        // Which chat and which request it answers, so a client with calls in several
        // chats knows which one was refused.
        vec![json!({
            "type": "error", "error": code, "details": {"message": message},
            "chat_id": chat_id, "request": kind,
        })
        .to_string()]
    }
}

impl Codec for ChatsCodec {
    const SURFACE: Surface = Surface::Chats;

    fn render_shared(p: &Published) -> Option<String> {
        let chat_id = p.chat_id;
        let frame = match &p.event {
            Event::MessageCreated(m) => {
                let read_by: Vec<i64> = m.sender.iter().map(|s| s.id).collect();
                json!({"type": "new_message", "chat_id": chat_id, "message": message_json(&m.parts(Some(&[]), Some(&read_by)))})
            }
            Event::MessageEdited(m) => {
                let mut message = message_json(&m.lend());
                if let Value::Object(map) = &mut message {
                    // `retain`, not `remove`: with `preserve_order` a remove swaps the
                    // last key into the gap.
                    map.retain(|key, _| key != "reactions" && key != "read_by");
                }
                json!({"type": "message_updated", "chat_id": chat_id, "message": message})
            }
            Event::MessageDeleted(m) => {
                json!({"type": "message_deleted", "chat_id": chat_id, "message_id": m.id})
            }
            Event::ReactionChanged {
                message_id,
                reactions,
                ..
            } => json!({
                "type": "reaction_updated", "chat_id": chat_id, "message_id": message_id,
                "reactions": reactions.iter().map(|r| json!({"emoji": r.emoji, "count": r.users.len(), "users": r.users})).collect::<Vec<_>>(),
            }),
            Event::Typing { user, is_typing } => {
                json!({"type": "typing", "chat_id": chat_id, "user_id": user.id, "username": user.username, "is_typing": is_typing})
            }
            Event::ReadUpTo {
                user_id,
                message_id,
            } => {
                json!({"type": "read", "chat_id": chat_id, "user_id": user_id, "message_id": message_id})
            }
            Event::MemberJoined { user } => {
                json!({"type": "member_joined", "chat_id": chat_id, "user_id": user.id})
            }
            Event::MemberLeft { user_id } => {
                json!({"type": "member_left", "chat_id": chat_id, "user_id": user_id})
            }
            // natter's: the chat as `GET /messages/api/chats/{id}/` renders it, without
            // the reader's own `unread_count`.
            Event::ChatUpdated(state) => chat_updated(chat_id, state, 0),
            // natter's: a root's thread summary, `null` once its last reply is gone.
            Event::ThreadUpdated { root_id, threading } => json!({
                "type": "thread_updated", "chat_id": chat_id, "message_id": root_id,
                "thread": thread_json(&threading.as_ref()),
            }),
            // natter's: a thread read up to `message_id` by `user_id` (its receipts).
            Event::ThreadRead {
                root_id,
                user_id,
                message_id,
            } => json!({
                "type": "thread_read", "chat_id": chat_id, "thread_id": root_id,
                "user_id": user_id, "message_id": message_id,
            }),
            // natter's: a pin added or taken away, with the chat's pin count now.
            Event::PinChanged {
                message_id,
                pinned,
                user_id,
                pin_count,
            } => json!({
                "type": if *pinned { "message_pinned" } else { "message_unpinned" },
                "chat_id": chat_id, "message_id": message_id, "user_id": user_id,
                "pin_count": pin_count,
            }),
            // natter's: a saved message's reminder, to its person alone (`wants`).
            Event::Reminder {
                user_id,
                message_id,
            } => json!({
                "type": "reminder", "chat_id": chat_id, "message_id": message_id,
                "user_id": user_id,
            }),
            // natter's: a scheduled message its sender's rules refused, to them alone.
            Event::ScheduledFailed {
                user_id,
                scheduled_id,
                reason,
            } => json!({
                "type": "scheduled_failed", "chat_id": chat_id, "scheduled_id": scheduled_id,
                "user_id": user_id, "reason": reason,
            }),
            // natter's: a person's status as it now is (`null`: nothing shows), on the
            // all-chats socket of everyone.
            Event::StatusChanged { user_id, status } => json!({
                "type": "status", "user_id": user_id,
                "status": crate::surfaces::chats::status::status_json(status.as_ref()),
            }),
            // natter's: who may pin in the chat now.
            Event::PinsByChanged { pins_by, user_id } => json!({
                "type": "pins_by_changed", "chat_id": chat_id, "pins_by": pins_by,
                "user_id": user_id,
            }),
            // natter's: the server's custom emoji changed, on the all-chats socket of
            // everyone.
            Event::CustomEmojiChanged {
                emoji_id,
                name,
                added,
            } => json!({
                "type": if *added { "custom_emoji_added" } else { "custom_emoji_removed" },
                "emoji": {"id": emoji_id, "name": name},
            }),
            // natter's: a user group changed, on the all-chats socket of everyone.
            Event::UserGroupChanged {
                group_id,
                handle,
                change,
            } => json!({
                "type": "user_group_changed", "group_id": group_id, "handle": handle,
                "change": change,
            }),
            // natter's: a person's quiet mark, on the all-chats socket of everyone.
            Event::QuietChanged {
                user_id,
                quiet,
                changes_at,
                time_zone,
            } => json!({
                "type": "quiet", "user_id": user_id, "quiet": quiet,
                "quiet_changes_at": crate::surfaces::chats::status::show_time_opt(*changes_at),
                "time_zone": time_zone,
            }),
            // Rendered per socket (`frame_for`).
            Event::Call { .. } => return None,
            // Only Matrix apps' syncs read it.
            Event::MatrixNews => return None,
        };
        Some(frame.to_string())
    }

    fn frame_for(&self, p: &Published) -> Option<Rendered> {
        if !self.wants(p) {
            return None;
        }
        match &p.event {
            // Rendered per socket only when the title is the reader's other member's name.
            Event::ChatUpdated(state) if title_depends_on_reader(&state.chat) => Some(
                Rendered::from(chat_updated(p.chat_id, state, self.user.id).to_string()),
            ),
            // Rendered per socket: each call event reaches its own subset of sockets.
            Event::Call { call, .. } => {
                Some(Rendered::from(call_frame(p.chat_id, call).to_string()))
            }
            _ => shared_frame::<Self>(p),
        }
    }

    fn wants(&self, p: &Published) -> bool {
        match &p.event {
            Event::Typing { user, .. } => user.id != self.user.id,
            Event::Reminder { user_id, .. } => *user_id == self.user.id,
            Event::ScheduledFailed { user_id, .. } => *user_id == self.user.id,
            // natter's rule: signals only within the call (a seed 003 client's to a room
            // participant outside it are for that surface's sockets).
            Event::Call {
                call: CallEvent::Signal { outside_call, .. },
                ..
            } if *outside_call => false,
            Event::Call {
                only_to, except, ..
            } => {
                only_to.is_none_or(|id| id == self.user.id)
                    && *except != Some(self.user.id)
                    && self.chat_id.is_none_or(|id| id == p.chat_id)
            }
            _ => true,
        }
    }

    async fn on_text(&mut self, app: &App, text: &str) -> Vec<String> {
        let Ok(frame) = serde_json::from_str::<Value>(text) else {
            return vec![self.error_frame("invalid_json", "Frames must be JSON objects.")];
        };
        let kind = frame.get("type").and_then(Value::as_str).map(str::to_owned);
        match kind.as_deref() {
            Some("ping") => vec![json!({"type": "pong"}).to_string()],
            // natter's: the person is using this device (the web client says so at most
            // once a minute while they type, click or scroll): not away.
            Some("active") => {
                if let Err(e) = crate::domain::status::active(app, self.user.id).await {
                    tracing::warn!("activity of user {} not noted: {e}", self.user.id);
                }
                Vec::new()
            }
            Some("typing") => {
                // Read as the REST typing endpoint reads its body (DRF fields).
                let fields = match frame {
                    Value::Object(map) => Fields::json(map),
                    _ => Fields::empty(),
                };
                let mut check = FieldCheck::default();
                let chat_id = check.take(fields.integer("chat_id"));
                let is_typing = check.take(fields.boolean("is_typing"));
                if let Err(e) = check.finish() {
                    return vec![self.error_frame(e.code(), &field_text(&e))];
                }
                let Some(chat_id) = chat_id.or(self.chat_id) else {
                    return vec![self.error_frame("validation_error", "chat_id is required.")];
                };
                let is_typing = is_typing.unwrap_or(true);
                match messages::typing(app, &self.user, chat_id, is_typing).await {
                    Ok(()) => Vec::new(),
                    Err(e) => {
                        let e = ApiError::from(e);
                        vec![self.error_frame(e.code(), &field_text(&e))]
                    }
                }
            }
            Some(call) if calls::CALL_FRAMES.contains(&call) => self.call(app, call, frame).await,
            _ => vec![self.error_frame("unknown_type", "Unknown frame type.")],
        }
    }

    async fn on_open(&mut self, app: &App) -> Vec<String> {
        // Opening the all-chats socket is activity on a device: noted beside the socket,
        // which starts without waiting for that write.
        if self.chat_id.is_none() {
            let (app, user_id) = (app.clone(), self.user.id);
            tokio::spawn(async move {
                if let Err(e) = crate::domain::status::active(&app, user_id).await {
                    tracing::warn!("activity of user {user_id} not noted: {e}");
                }
            });
        }
        Vec::new()
    }

    async fn on_close(&mut self, app: &App) {
        for chat_id in std::mem::take(&mut self.in_calls) {
            if let Err(e) = calls::leave(app, self.user.id, chat_id, self.socket).await {
                tracing::warn!("a closing socket could not leave its call: {e}");
            }
        }
    }

    fn limit_for(text: &str) -> Limit {
        calls::frame_limit(text)
    }

    fn error_frame(&self, code: &str, message: &str) -> String {
        json!({"type": "error", "error": code, "details": {"message": message}}).to_string()
    }
}
