//! The rooms surface's socket, `/ws/room/{id}/` and `/ws/call/{id}/` (the same protocol
//! on both): typed `{"type", "data"}` frames for chat messages, call presence and WebRTC
//! signalling. Errors are `{"type": "error", "data": {"code", "message"}}` frames; the
//! socket stays open.

use crate::domain::{calls, messaging::chats, messaging::messages};
use crate::http::error::{ApiError, ApiResult};
use crate::http::request::{python_type, Fields};
use crate::hub::Published;
use crate::model::events::{Event, SignalKind};
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::rooms::call_frame;
use crate::ws::socket::Codec;
use crate::ws::socket::{shared_frame, Rendered, Surface};
use crate::ws::upgrade::Handshake;
use crate::ws::Feed;
use serde_json::{json, Value};
use warp::reply::Response;

/// Opens a room socket: 401 without valid credentials, 404 for an unknown room or a
/// private room the caller is not in, 403 for a public room the caller is not in.
pub async fn open(app: App, ws: Handshake, user: User, room_id: i64) -> ApiResult<Response> {
    let user_id = user.id;
    app.db
        .read(move |c| chats::participant_room(c, room_id, user_id).map(|_| ()))
        .await?;
    let codec = RoomsCodec {
        socket: calls::registry(&app).socket_id(),
        user,
        room_id,
    };
    crate::ws::accept(app, ws, user_id, Feed::Chat(room_id), codec).await
}

/// A refused frame: an API error, or a call's refusal as its code and sentence.
enum Refusal {
    Api(ApiError),
    Call(&'static str, String),
}

impl From<ApiError> for Refusal {
    fn from(e: ApiError) -> Self {
        Refusal::Api(e)
    }
}

impl From<calls::Refused> for Refusal {
    fn from(refused: calls::Refused) -> Self {
        match calls::refusal_words(refused) {
            Ok((code, message)) => Refusal::Call(code, message),
            Err(e) => Refusal::Api(e.into()),
        }
    }
}

struct RoomsCodec {
    user: User,
    room_id: i64,
    /// This socket's id in the call registry.
    socket: u64,
}

impl RoomsCodec {
    fn error(&self, e: &ApiError) -> String {
        let message = match e.field_map() {
            Some(Value::Object(map)) => map
                .iter()
                .map(|(field, msgs)| {
                    let text: Vec<&str> = msgs
                        .as_array()
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    format!("{field}: {}", text.join(" "))
                })
                .collect::<Vec<_>>()
                .join("; "),
            _ => e.client_text(),
        };
        self.error_frame(e.code(), &message)
    }

    /// Relays a WebRTC signal to `data.target_user_id` only, under seed 003's rule: any
    /// room participant to any other, in the call or not. A missing or non-integer target
    /// is a validation error.
    async fn relay(&self, app: &App, kind: SignalKind, data: Value) -> Result<(), Refusal> {
        let Value::Object(payload) = data else {
            return Err(ApiError::BadRequest("data must be an object.".into()).into());
        };
        let Some(target) = payload.get("target_user_id").and_then(Value::as_i64) else {
            return Err(ApiError::BadRequest("target_user_id required.".into()).into());
        };
        let rule = calls::Rule::Participants;
        calls::relay(app, &self.user, self.room_id, kind, target, payload, rule).await?;
        Ok(())
    }

    /// `data` read as the REST send reads its body (DRF fields: `content`, and
    /// `attachment_ids` or `attachments`).
    async fn chat_message(&self, app: &App, data: &Value) -> ApiResult<()> {
        let Value::Object(map) = data else {
            return Err(ApiError::field(
                "data",
                format!(
                    "Invalid data. Expected a dictionary, but got {}.",
                    python_type(data)
                ),
            ));
        };
        let (content, ids) = Fields::json(map.clone()).message_body()?;
        let content = content.trim().to_string();
        messages::send(app, &self.user, self.room_id, content, ids).await?;
        Ok(())
    }
}

impl Codec for RoomsCodec {
    const SURFACE: Surface = Surface::Rooms;

    fn render_shared(p: &Published) -> Option<String> {
        let frame = match &p.event {
            Event::MessageCreated(m) => {
                return Some(super::frames::message_frame("chat_message", &m.lend()))
            }
            Event::MessageEdited(m) => {
                return Some(super::frames::message_frame("message_edited", &m.lend()))
            }
            Event::MessageDeleted(m) => {
                json!({"type": "message_deleted", "data": {"id": m.id, "room": m.chat_id}})
            }
            _ => return None,
        };
        Some(frame.to_string())
    }

    fn wants(&self, p: &Published) -> bool {
        match &p.event {
            Event::Call {
                only_to, except, ..
            } => only_to.is_none_or(|id| id == self.user.id) && *except != Some(self.user.id),
            _ => true,
        }
    }

    fn frame_for(&self, p: &Published) -> Option<Rendered> {
        if !self.wants(p) {
            return None;
        }
        match &p.event {
            // Rendered per socket: each call event reaches its own subset of sockets.
            Event::Call { call, .. } => Some(Rendered::from(call_frame(call).to_string())),
            _ => shared_frame::<Self>(p),
        }
    }

    async fn on_text(&mut self, app: &App, text: &str) -> Vec<String> {
        let Ok(Value::Object(frame)) = serde_json::from_str::<Value>(text) else {
            return vec![self.error_frame(
                "validation_error",
                "Frames must be JSON objects with \"type\" and \"data\".",
            )];
        };
        let data = frame.get("data").cloned().unwrap_or_else(|| json!({}));
        let result: Result<(), Refusal> = match frame.get("type").and_then(Value::as_str) {
            Some("chat_message") => self.chat_message(app, &data).await.map_err(Refusal::from),
            Some("join_call") => calls::join(
                app,
                &self.user,
                self.room_id,
                self.socket,
                calls::Ring::Quietly,
                calls::Media::asked(app, &data),
            )
            .await
            .map_err(Refusal::from),
            Some("leave_call") => calls::leave(app, self.user.id, self.room_id, self.socket)
                .await
                .map(|_| ())
                .map_err(|e| Refusal::from(ApiError::from(e))),
            Some("decline_call") => calls::decline(app, &self.user, self.room_id)
                .await
                .map_err(Refusal::from),
            Some("media_state") => match calls::media_state_of(&data) {
                Ok((named, media)) => calls::set_media(app, &self.user, self.room_id, named, media)
                    .await
                    .map_err(Refusal::from),
                Err(words) => return vec![self.error_frame("validation_error", words)],
            },
            Some("offer") => self.relay(app, SignalKind::Offer, data).await,
            Some("answer") => self.relay(app, SignalKind::Answer, data).await,
            Some("ice_candidate") => self.relay(app, SignalKind::IceCandidate, data).await,
            Some(_) => return vec![self.error_frame("unknown_type", "Unknown message type.")],
            None => return vec![self.error_frame("validation_error", "\"type\" is required.")],
        };
        match result {
            Ok(()) => Vec::new(),
            Err(Refusal::Api(e)) => vec![self.error(&e)],
            Err(Refusal::Call(code, message)) => vec![self.error_frame(code, &message)],
        }
    }

    async fn on_close(&mut self, app: &App) {
        if let Err(e) = calls::leave(app, self.user.id, self.room_id, self.socket).await {
            tracing::warn!("a closing socket could not leave its call: {e}");
        }
    }

    fn error_frame(&self, code: &str, message: &str) -> String {
        json!({"type": "error", "data": {"code": code, "message": message}}).to_string()
    }

    fn limit_for(text: &str) -> Limit {
        calls::frame_limit(text)
    }
}
