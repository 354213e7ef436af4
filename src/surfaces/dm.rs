//! The dm surface (seed 002): `GET /api/chats/` and `POST /api/chats/create/`, the
//! caller's DirectChats. A DirectChat is the pair's `direct` chat that every surface
//! shares; `GET /api/users/` of this seed lives with the other account endpoints.

pub mod socket;

use crate::domain::messaging::chats::{self as chats_domain, ChatSummary};
use crate::domain::Error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::routing::caller::Caller;
use crate::routing::ready::{self, Paged, Whose};
use crate::state::App;
use crate::store::people::users::User;
use crate::store::{self, ChatKind, Conn};
use serde_json::{json, Value};
use warp::reply::Response;

/// A DirectChat as seed 002 serializes it, seen by `me`.
fn chat_json(s: &ChatSummary, me: i64) -> Value {
    let brief = |id: i64, username: &str| json!({"id": id, "username": username});
    let participants: Vec<Value> = s
        .state
        .members
        .iter()
        .map(|(u, _)| brief(u.id, &u.username))
        .collect();
    let other_user = s
        .state
        .members
        .iter()
        .find(|(u, _)| u.id != me)
        .map(|(u, _)| brief(u.id, &u.username));
    json!({
        "id": s.state.chat.id,
        "participants": participants,
        "other_user": other_user,
        "created": s.state.chat.created_at,
        "last_message": s.state.last_message.as_ref().map(|m| json!({
            "body": m.content,
            "created": m.created_at,
            "sender": m.sender.as_deref().map(|u| u.username.clone()),
        })),
        "unread_count": s.unread_count,
    })
}

/// `GET /api/chats/`: through the ready pages with the caller unchecked, as the chats
/// surface's list (a chat list shows only the caller's own chats, whatever their rights).
pub(crate) async fn list(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    let versions = |c: &Conn, me: &User| {
        Ok(Some(store::messaging::page_versions::of_members_chats(
            c, me.id, true,
        )?))
    };
    let paged = ready::read(app, req, caller, Whose::Own, versions, move |c, me| {
        let mut chats = chats_domain::list_for_user(c, me.id, &[ChatKind::Direct], None)?;
        // Newest chat first (DirectChat's `-created`); ids grow with creation time.
        chats.sort_by_key(|chat| std::cmp::Reverse(chat.id));
        Ok(chats_domain::summaries(c, me.id, chats)?
            .iter()
            // A note-to-self chat has no other participant: upstream drops those.
            .filter(|s| s.state.members.iter().any(|(u, _)| u.id != me.id))
            .map(|s| chat_json(s, me.id))
            .collect::<Vec<_>>())
    })
    .await?;
    let (rows, keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    Ok(keep.keep(reply::ok(Value::Array(rows))).await)
}

pub(crate) async fn create(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let other = req
        .fields()?
        .integer("user_id")?
        .ok_or_else(|| ApiError::field("user_id", "This field is required."))?;
    if other == me.id {
        return Err(ApiError::field(
            "user_id",
            "Cannot create a chat with yourself",
        ));
    }
    let (chat, _) = chats_domain::get_or_create_direct(app, &me, other)
        .await
        .map_err(|e| match e {
            Error::NotFound(_) => ApiError::field("user_id", "User does not exist"),
            other => other.into(),
        })?;
    let body = app
        .db
        .read(move |c| -> ApiResult<_> {
            Ok(chat_json(&chats_domain::summary(c, me.id, chat)?, me.id))
        })
        .await?;
    Ok(reply::created(body))
}
