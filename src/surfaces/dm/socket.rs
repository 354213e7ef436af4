//! The dm surface's socket, `/ws/chat/{chat_id}/` (seed 002): one DirectChat. On
//! connect it replays the history oldest first, one `{"message": {...}}` frame each, then
//! marks the other participant's messages read; `{"body"}` frames send messages.

use crate::domain::{messaging::history, messaging::messages};
use crate::http::error::{ApiError, ApiResult};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::MessageParts;
use crate::state::App;
use crate::store::ChatKind;
use crate::store::{
    messaging::messages::{Order, PageQuery},
    people::users::User,
};
use crate::ws::socket::Codec;
use crate::ws::socket::Surface;
use crate::ws::upgrade::Handshake;
use crate::ws::Feed;
use serde_json::{json, Value};
use warp::reply::Response;

/// The replay sends at most this many messages (the newest ones), so a huge chat does
/// not hold a connecting socket, or memory, for long.
pub const REPLAY_CAP: i64 = 1000;
/// Messages read per keyset page during the replay.
const REPLAY_PAGE: i64 = 200;
/// Upstream's only error text.
const ERROR_TEXT: &str = "An error occurred while processing your message";

/// Opens a DirectChat socket: 401 anonymous, then one 404 when `param` is no direct chat
/// the caller is part of (missing, a group or room, or someone else's: the caller cannot
/// tell which); all before the upgrade.
pub async fn open(app: App, ws: Handshake, user: User, chat_id: i64) -> ApiResult<Response> {
    let user_id = user.id;
    app.db
        .read(move |c| {
            let (chat, _) = crate::domain::messaging::chats::require_member(c, chat_id, user_id)?;
            if chat.kind != ChatKind::Direct {
                return Err(ApiError::not_found());
            }
            Ok(())
        })
        .await?;
    let codec = DmCodec {
        user,
        chat_id,
        replayed_up_to: 0,
    };
    crate::ws::accept(app, ws, user_id, Feed::Chat(chat_id), codec).await
}

struct DmCodec {
    user: User,
    chat_id: i64,
    /// The newest message sent by the replay; live copies of it (or older) are skipped.
    replayed_up_to: i64,
}

/// `2025-05-02T10:45:30.123456Z` -> `2025-05-02 10:45:30`, as upstream's `strftime`.
fn dm_time(iso: &str) -> String {
    iso.get(..19).unwrap_or(iso).replacen('T', " ", 1)
}

/// A DirectMessage as the socket shows it.
fn message_json(m: &MessageParts<'_>, is_read: bool) -> Value {
    json!({
        "id": m.id,
        "sender": m.sender.map(|u| u.username.as_str()),
        "body": m.content,
        "created": dm_time(m.created_at),
        "is_read": is_read,
    })
}

impl DmCodec {
    /// History frames, oldest first, the newest `REPLAY_CAP` messages at most, read in
    /// keyset pages; then the caller's read marker moves up to what was shown.
    async fn replay(&mut self, app: &App) -> ApiResult<Vec<String>> {
        let page = |after: i64, limit: i64, offset: i64, order: Order| PageQuery {
            channel_only: false,
            before: None,
            after: Some(after),
            limit,
            offset,
            order,
            search: None,
        };
        // Where the newest REPLAY_CAP messages begin.
        let edge = history::history(
            app,
            &self.user,
            self.chat_id,
            page(0, 1, REPLAY_CAP - 1, Order::NewestFirst),
        )
        .await?;
        let mut after = edge.messages.first().map(|m| m.id - 1).unwrap_or(0);
        let mut frames = Vec::new();
        while (frames.len() as i64) < REPLAY_CAP {
            let limit = REPLAY_PAGE.min(REPLAY_CAP - frames.len() as i64);
            let chunk = history::history(
                app,
                &self.user,
                self.chat_id,
                page(after, limit, 0, Order::OldestFirst),
            )
            .await?;
            for m in &chunk.messages {
                let sender = m.sender.as_deref().map(|u| u.id);
                // Read when a participant other than the sender has reached it.
                let is_read = chunk
                    .receipts
                    .iter()
                    .any(|&(user, mark)| Some(user) != sender && mark >= m.id);
                frames.push(json!({"message": message_json(&m.lend(), is_read)}).to_string());
                after = m.id;
            }
            if (chunk.messages.len() as i64) < limit {
                break;
            }
        }
        self.replayed_up_to = after;
        if after > 0 {
            messages::mark_read(app, &self.user, self.chat_id, Some(after)).await?;
        }
        Ok(frames)
    }
}

impl Codec for DmCodec {
    const SURFACE: Surface = Surface::Dm;

    fn render_shared(p: &Published) -> Option<String> {
        let frame = match &p.event {
            Event::MessageCreated(m) => json!({"message": message_json(&m.lend(), false)}),
            // Not in the seed: an edit repeats the message (same id) flagged `edited`,
            // a delete names the id, so clients can keep their view in step.
            Event::MessageEdited(m) => {
                json!({"message": message_json(&m.lend(), false), "edited": true})
            }
            Event::MessageDeleted(m) => json!({"deleted_message_id": m.id}),
            _ => return None,
        };
        Some(frame.to_string())
    }

    fn wants(&self, p: &Published) -> bool {
        match &p.event {
            Event::MessageCreated(m) => m.id > self.replayed_up_to,
            _ => true,
        }
    }

    async fn on_open(&mut self, app: &App) -> Vec<String> {
        match self.replay(app).await {
            Ok(frames) => frames,
            Err(e) => {
                tracing::warn!("dm replay of chat {} failed: {e}", self.chat_id);
                vec![self.error_frame("replay_failed", ERROR_TEXT)]
            }
        }
    }

    async fn on_text(&mut self, app: &App, text: &str) -> Vec<String> {
        let body = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(mut frame)) => match frame.remove("body") {
                Some(Value::String(body)) => body,
                _ => return vec![self.error_frame("validation_error", ERROR_TEXT)],
            },
            _ => return vec![self.error_frame("invalid_json", ERROR_TEXT)],
        };
        match messages::send(app, &self.user, self.chat_id, body, Vec::new()).await {
            Ok(_) => Vec::new(),
            // The frame says only ERROR_TEXT; `client_text` logs an internal error's detail.
            Err(e) => vec![self.error_frame("send_failed", &ApiError::from(e).client_text())],
        }
    }

    fn error_frame(&self, code: &str, message: &str) -> String {
        // Upstream has one error text for everything; a rate limit still says what it is.
        let text = if code == "rate_limited" {
            message
        } else {
            ERROR_TEXT
        };
        json!({"error": text}).to_string()
    }
}
