//! The chats surface's sockets: `/messages/ws/` (every chat of the user) and
//! `/messages/ws/chats/{id}/` (one chat). Events carry `chat_id`; client frames may
//! announce typing or ping.

use crate::domain::chats::require_member;
use crate::domain::messages;
use crate::http::error::{ApiError, ApiResult};
use crate::http::request::{FieldCheck, Fields};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::ChatState;
use crate::state::App;
use crate::store::users::User;
use crate::surfaces::chats::{chat_json, message_json, title_depends_on_reader};
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
        user,
        chat_id: None,
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
        user,
        chat_id: Some(chat_id),
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
            Event::Call { .. } => return None,
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
            _ => shared_frame::<Self>(p),
        }
    }

    fn wants(&self, p: &Published) -> bool {
        match &p.event {
            Event::Typing { user, .. } => user.id != self.user.id,
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
            _ => vec![self.error_frame("unknown_type", "Unknown frame type.")],
        }
    }

    fn error_frame(&self, code: &str, message: &str) -> String {
        json!({"type": "error", "error": code, "details": {"message": message}}).to_string()
    }
}
