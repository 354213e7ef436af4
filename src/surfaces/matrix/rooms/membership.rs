//! Rooms made, joined and left from Matrix apps, with natter's rules for who may: a
//! direct message (`is_direct` with one person), a public room (`visibility: public` or
//! the `public_chat` preset), else a group. natter has no pending invitations: an
//! invited person is a member at once, as natter's own client adds people.

use super::room_lookup::{chat_of, refused};
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::messaging::chats::{self, ChatChanges, NewGroup};
use crate::domain::messaging::topics;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::model::rows::ChatKind;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error, forbidden};
use crate::surfaces::matrix::people;
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Value};
use warp::reply::Response;

/// The most people one `createRoom` may name.
const MAX_INVITES: usize = 100;

/// `POST /createRoom`.
pub async fn create(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let content = body::object(req)?;
    let invited: Vec<String> = match content.get("invite") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) if list.len() <= MAX_INVITES => list
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| bad_json("'invite' must be a list of user ids"))?,
        Some(_) => return Err(bad_json("'invite' must be a list of at most 100 user ids")),
    };
    let mut members = Vec::with_capacity(invited.len());
    for id in &invited {
        let u = people::named(app, id)
            .await?
            .ok_or_else(|| error(400, "M_INVALID_PARAM", &format!("No such user: {id}")))?;
        if u.id != me.id {
            members.push(u.id);
        }
    }
    let encryption = initial_encryption(&content)?;
    if encryption.is_some() && app.config.refuse_encryption {
        return Err(refused(crate::domain::Error::Forbidden(
            crate::domain::error::Refusal::EncryptionRefused,
        )));
    }
    let is_direct = content.get("is_direct").and_then(Value::as_bool) == Some(true);
    let chat = if is_direct && members.len() == 1 {
        chats::get_or_create_direct(app, &me, members[0])
            .await
            .map_err(refused)?
            .0
    } else {
        let public = content.get("visibility").and_then(Value::as_str) == Some("public")
            || content.get("preset").and_then(Value::as_str) == Some("public_chat");
        let (field, name) = match body::string(&content, "name")? {
            Some(name) => ("name", name),
            None => (
                "room_alias_name",
                body::string(&content, "room_alias_name")?.unwrap_or_default(),
            ),
        };
        // The name and topic are checked before anything is made: a refused one makes
        // no room.
        let name = body::kept(field, &name, chats::check_title)?;
        let topic = body::string(&content, "topic")?
            .map(|t| body::kept("topic", &t, topics::check_topic))
            .transpose()?
            .filter(|t| !t.is_empty());
        let kind = match public {
            true => ChatKind::Room,
            false => ChatKind::Group,
        };
        if kind == ChatKind::Room && name.is_empty() {
            return Err(error(400, "M_INVALID_PARAM", "A public room needs a name"));
        }
        let chat = chats::create_group(
            app,
            &me,
            NewGroup {
                kind,
                title: name,
                description: String::new(),
                max_participants: None,
                is_private: false,
                member_ids: members,
            },
        )
        .await
        .map_err(refused)?;
        if let Some(topic) = topic {
            let changes = ChatChanges {
                topic: Some(topic),
                ..ChatChanges::default()
            };
            chats::update_chat(app, &me, chat.id, changes)
                .await
                .map_err(refused)?;
        }
        chat
    };
    if let Some(encryption) = encryption {
        let changes = ChatChanges {
            encryption: Some(encryption),
            ..ChatChanges::default()
        };
        chats::update_chat(app, &me, chat.id, changes)
            .await
            .map_err(refused)?;
    }
    Ok(reply::json(
        200,
        &json!({"room_id": ids::room_id(chat.id, server_name(app))}),
    ))
}

/// The `m.room.encryption` of a new room's `initial_state`, as kept: the room's messages
/// are encrypted from its start (what Element X and FluffyChat ask of a direct message).
fn initial_encryption(content: &serde_json::Map<String, Value>) -> ApiResult<Option<String>> {
    let Some(state) = content.get("initial_state") else {
        return Ok(None);
    };
    let Some(state) = state.as_array() else {
        return Err(bad_json("'initial_state' must be a list of state events"));
    };
    for event in state {
        if event["type"] == "m.room.encryption"
            && event["state_key"].as_str().unwrap_or("").is_empty()
        {
            let Some(settings) = event["content"].as_object() else {
                return Err(bad_json("'m.room.encryption' needs a content"));
            };
            return super::room_state::encryption_of(settings).map(Some);
        }
    }
    Ok(None)
}

/// `POST /join/{roomIdOrAlias}` and `POST /rooms/{roomId}/join`: a public room anyone may
/// join; a chat one is in already is joined.
pub async fn join(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let me_id = me.id;
    let member = app
        .db
        .read(move |c| {
            Ok::<_, crate::domain::Error>(chats::require_member(c, chat_id, me_id).is_ok())
        })
        .await?;
    if !member {
        chats::join_room(app, &me, chat_id).await.map_err(refused)?;
    }
    Ok(reply::json(
        200,
        &json!({"room_id": ids::room_id(chat_id, server_name(app))}),
    ))
}

/// `POST /rooms/{roomId}/leave`.
pub async fn leave(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    chats::remove_member(app, &me, chat_id, me.id)
        .await
        .map_err(refused)?;
    Ok(reply::json(200, &json!({})))
}

/// `POST /rooms/{roomId}/forget`: natter keeps nothing of a room one left.
pub async fn forget(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    chat_of(app, room)?;
    Ok(reply::json(200, &json!({})))
}

/// The person a membership request's body names.
async fn target(app: &App, req: &Request) -> ApiResult<crate::store::people::users::User> {
    let content = body::object(req)?;
    let id = body::string(&content, "user_id")?.ok_or_else(|| bad_json("'user_id' is required"))?;
    people::required(app, &id).await
}

/// `POST /rooms/{roomId}/invite`: the person is added at once (admins of a group or room).
pub async fn invite(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let them = target(app, req).await?;
    chats::add_members(app, &me, chat_id, vec![them.id])
        .await
        .map_err(refused)?;
    Ok(reply::json(200, &json!({})))
}

/// `POST /rooms/{roomId}/kick`: admins take a member out.
pub async fn kick(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let them = target(app, req).await?;
    chats::remove_member(app, &me, chat_id, them.id)
        .await
        .map_err(refused)?;
    Ok(reply::json(200, &json!({})))
}

/// `POST /rooms/{roomId}/ban` and `/unban`: natter has no bans; an administrator
/// removes a person, and a private chat keeps them out.
pub async fn ban(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    chat_of(app, room)?;
    Err(forbidden("natter has no bans: remove the person instead"))
}
