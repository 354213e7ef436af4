//! The messenger surface's socket, `/messenger/ws/ws/chat/{room_name}/` (the doubled
//! `ws/` is upstream's): `{"message": "..."}` in; every new message of the room out as
//! `{"id","user","content","timestamp"}` to every member's socket, the sender's included.
//! A bad frame gets `{"error": "..."}` and the socket stays open.

use crate::domain::messaging::messages;
use crate::http::error::{ApiError, ApiResult};
use crate::hub::Published;
use crate::model::events::Event;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::messenger::{member_room, message_json};
use crate::ws::socket::Codec;
use crate::ws::socket::Surface;
use crate::ws::upgrade::Handshake;
use crate::ws::Feed;
use serde_json::{json, Value};
use warp::reply::Response;

/// Opens a room's socket. Refused before the upgrade: anonymous 401, unknown room 404,
/// non-member 403 (the same bodies as the room's REST messages).
pub async fn open(app: App, ws: Handshake, user: User, param: &str) -> ApiResult<Response> {
    let chat = member_room(&app, user.id, param).await?;
    let user_id = user.id;
    let codec = MessengerCodec {
        user,
        chat_id: chat.id,
    };
    crate::ws::accept(app, ws, user_id, Feed::Chat(chat.id), codec).await
}

struct MessengerCodec {
    user: User,
    chat_id: i64,
}

/// The text of an error as this socket reports it.
fn error_text(e: &ApiError) -> String {
    match e {
        ApiError::Validation(fields) => fields
            .iter()
            .flat_map(|(_, messages)| messages.iter())
            .next()
            .cloned()
            .unwrap_or_else(|| "Invalid message.".into()),
        other => other.client_text(),
    }
}

impl Codec for MessengerCodec {
    const SURFACE: Surface = Surface::Messenger;

    fn render_shared(p: &Published) -> Option<String> {
        match &p.event {
            Event::MessageCreated(m) => Some(message_json(&m.lend()).to_string()),
            _ => None,
        }
    }

    async fn on_text(&mut self, app: &App, text: &str) -> Vec<String> {
        let Ok(Value::Object(frame)) = serde_json::from_str::<Value>(text) else {
            return vec![self.error_frame(
                "invalid_json",
                "Frames must be JSON objects like {\"message\": \"...\"}.",
            )];
        };
        let Some(content) = frame.get("message").and_then(Value::as_str) else {
            return vec![self.error_frame(
                "validation_error",
                "\"message\" is required and must be a string.",
            )];
        };
        match messages::send(
            app,
            &self.user,
            self.chat_id,
            content.to_string(),
            Vec::new(),
        )
        .await
        {
            // The message comes back to this socket through the hub, like everyone else's.
            Ok(_) => Vec::new(),
            Err(e) => {
                let e = ApiError::from(e);
                vec![self.error_frame(e.code(), &error_text(&e))]
            }
        }
    }

    fn error_frame(&self, _code: &str, message: &str) -> String {
        json!({"error": message}).to_string()
    }
}
