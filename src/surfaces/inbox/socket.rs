//! The inbox surface's socket, `/ws/chat/{username}/` (seed 000): one conversation with
//! one user, i.e. the pair's direct chat (made on connect if needed). Client frames send,
//! edit and delete messages; events carry usernames. Errors are `{"error": ...}` frames
//! and never close the socket (docs/api.md, unlike upstream).

use crate::domain::error::{Error, Problem};
use crate::domain::messaging::chats as chats_domain;
use crate::domain::messaging::messages;
use crate::domain::people::accounts;
use crate::http::error::{ApiError, ApiResult};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::MessageView;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::inbox::{NOT_YOUR_DELETE, NOT_YOUR_EDIT, NO_MESSAGE};
use crate::ws::socket::Codec;
use crate::ws::socket::Surface;
use crate::ws::upgrade::Handshake;
use crate::ws::Feed;
use serde_json::{json, Value};
use warp::reply::Response;

/// Opens the conversation socket with the user named `param` (401 anonymous, 404 unknown
/// user, both before the upgrade).
pub async fn open(app: App, ws: Handshake, user: User, param: &str) -> ApiResult<Response> {
    let name = percent_encoding::percent_decode_str(param)
        .decode_utf8()
        .map_err(|_| ApiError::not_found())?
        .into_owned();
    // No username holds a NUL (PostgreSQL could not even compare one).
    if name.contains('\0') {
        return Err(ApiError::not_found());
    }
    let other = accounts::by_username(&app, name)
        .await?
        .filter(|u| u.is_active)
        .ok_or_else(ApiError::not_found)?;
    let (chat, _) = chats_domain::get_or_create_direct(&app, &user, other.id).await?;
    let user_id = user.id;
    let codec = InboxCodec {
        user,
        chat_id: chat.id,
    };
    crate::ws::accept(app, ws, user_id, Feed::Chat(chat.id), codec).await
}

struct InboxCodec {
    user: User,
    chat_id: i64,
}

fn username(u: Option<&crate::model::UserBrief>) -> Value {
    u.map(|u| Value::from(u.username.as_str()))
        .unwrap_or(Value::Null)
}

/// JavaScript/Python truthiness, which is what upstream's `if data.get(...)` tests.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Bool(true)) => true,
    }
}

/// The domain's error in this socket's words: a blank message has upstream's own text;
/// the rest as every surface says it.
fn words(e: Error) -> ApiError {
    match e {
        Error::Invalid(fields)
            if fields
                .first()
                .and_then(|(_, problems)| problems.first())
                .is_some_and(|p| *p == Problem::Blank) =>
        {
            ApiError::BadRequest("Message content cannot be empty".into())
        }
        other => other.into(),
    }
}

/// [`words`] for an edit or a delete, whose refusal (not the sender) is `not_sender`.
fn words_for(not_sender: &'static str) -> impl Fn(Error) -> ApiError {
    move |e| match e {
        Error::Forbidden(_) => ApiError::Forbidden(not_sender.into()),
        other => words(other),
    }
}

/// An error's text for an `{"error"}` frame.
fn describe(e: &ApiError) -> String {
    match e {
        ApiError::Validation(fields) => fields
            .first()
            .and_then(|(_, msgs)| msgs.first())
            .cloned()
            .unwrap_or_default(),
        ApiError::NotFound(_) => NO_MESSAGE.into(),
        other => other.client_text(),
    }
}

impl InboxCodec {
    /// A message of this conversation, or the inbox's 404.
    async fn message_here(&self, app: &App, id: i64) -> ApiResult<MessageView> {
        let view = messages::get(app, &self.user, id).await?;
        if view.chat_id != self.chat_id {
            return Err(ApiError::not_found());
        }
        Ok(view)
    }

    async fn delete(&self, app: &App, id: i64) -> ApiResult<()> {
        let view = self.message_here(app, id).await?;
        messages::delete(app, &self.user, view.id)
            .await
            .map_err(words_for(NOT_YOUR_DELETE))?;
        Ok(())
    }

    async fn edit(&self, app: &App, id: i64, content: String) -> ApiResult<()> {
        let view = self.message_here(app, id).await?;
        messages::edit(app, &self.user, view.id, content)
            .await
            .map_err(words_for(NOT_YOUR_EDIT))?;
        Ok(())
    }

    async fn handle(&self, app: &App, frame: &serde_json::Map<String, Value>) -> ApiResult<()> {
        let id_of = |key: &str| {
            frame
                .get(key)
                .and_then(crate::http::request::as_integer)
                .ok_or_else(|| ApiError::BadRequest(format!("{key} must be a message id.")))
        };
        if truthy(frame.get("delete_message_id")) {
            return self.delete(app, id_of("delete_message_id")?).await;
        }
        let content = match frame.get("message") {
            None | Some(Value::Null) => {
                return Err(ApiError::BadRequest("message is required.".into()))
            }
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(ApiError::BadRequest("message must be a string.".into())),
        };
        if truthy(frame.get("message_id")) {
            return self.edit(app, id_of("message_id")?, content).await;
        }
        messages::send(app, &self.user, self.chat_id, content, Vec::new())
            .await
            .map_err(words)?;
        Ok(())
    }
}

impl Codec for InboxCodec {
    const SURFACE: Surface = Surface::Inbox;

    fn render_shared(p: &Published) -> Option<String> {
        let frame = match &p.event {
            Event::MessageCreated(m) if m.in_direct_chat => {
                let m = m.lend();
                json!({
                    "sender": username(m.sender), "receiver": username(m.receiver),
                    "message": m.content, "id": m.id,
                })
            }
            Event::MessageEdited(m) if m.in_direct_chat => {
                let m = m.lend();
                json!({
                    "sender": username(m.sender), "receiver": username(m.receiver),
                    "message": m.content, "message_id": m.id,
                })
            }
            Event::MessageDeleted(m) if m.in_direct_chat => {
                let m = m.lend();
                json!({
                    "sender": username(m.sender), "receiver": username(m.receiver),
                    "deleted_message_id": m.id,
                })
            }
            _ => return None,
        };
        Some(frame.to_string())
    }

    async fn on_text(&mut self, app: &App, text: &str) -> Vec<String> {
        let frame = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => return vec![self.error_frame("invalid_json", "Frames must be JSON objects.")],
        };
        // Success is seen through the hub, on this socket too; only errors answer here.
        match self.handle(app, &frame).await {
            Ok(()) => Vec::new(),
            Err(e) => vec![self.error_frame(e.code(), &describe(&e))],
        }
    }

    fn error_frame(&self, _code: &str, message: &str) -> String {
        json!({"error": message}).to_string()
    }
}
