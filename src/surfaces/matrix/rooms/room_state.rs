//! `PUT /rooms/{roomId}/state/{type}/{key}`: the state natter has a counterpart for, set
//! through natter's own rules: the name (a group's title) and the topic (their length
//! and printable form, as every surface keeps them: `chats::check_title`,
//! `topics::check_topic`), the picture, the encryption (kept, never undone), the pinned
//! messages. Any other state is natter's to refuse (403 `M_FORBIDDEN`), a member's own
//! `m.room.member` with a name for one room among them: a person has one name.

use super::room_lookup::{chat_of, refused};
use crate::domain::matrix::ids::{self, millis};
use crate::domain::messaging::chats::{self, ChatChanges};
use crate::domain::messaging::{pins, topics};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, forbidden};
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Value};
use warp::reply::Response;

/// An `m.room.encryption` content as kept: it names its algorithm.
pub fn encryption_of(content: &serde_json::Map<String, Value>) -> ApiResult<String> {
    body::string(content, "algorithm")?
        .filter(|a| !a.is_empty() && a.len() <= 255)
        .ok_or_else(|| bad_json("'algorithm' is required"))?;
    let json = Value::Object(content.clone()).to_string();
    match json.len() <= 4096 {
        true => Ok(json),
        false => Err(bad_json(
            "The encryption settings are larger than this server keeps",
        )),
    }
}

/// `PUT /rooms/{roomId}/state/{type}/{key}`.
pub async fn put(
    app: &App,
    req: &Request,
    room: &str,
    kind: &str,
    key: &str,
) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    if !key.is_empty() {
        return Err(forbidden("natter keeps no state of this kind"));
    }
    let content = body::object(req)?;
    match kind {
        "m.room.name" => {
            let name =
                body::string(&content, "name")?.ok_or_else(|| bad_json("'name' is required"))?;
            let name = body::kept("name", &name, chats::check_title)?;
            let changes = ChatChanges {
                title: Some(name),
                ..ChatChanges::default()
            };
            chats::update_chat(app, &me, chat_id, changes)
                .await
                .map_err(refused)?;
        }
        "m.room.topic" => {
            let topic =
                body::string(&content, "topic")?.ok_or_else(|| bad_json("'topic' is required"))?;
            let topic = body::kept("topic", &topic, topics::check_topic)?;
            let changes = ChatChanges {
                topic: Some(topic),
                ..ChatChanges::default()
            };
            chats::update_chat(app, &me, chat_id, changes)
                .await
                .map_err(refused)?;
        }
        "m.room.avatar" => {
            let uri = body::string(&content, "url")?.unwrap_or_default();
            let image = crate::surfaces::matrix::people::own_picture(app, &me, &uri).await?;
            let changes = ChatChanges {
                image: Some(image),
                ..ChatChanges::default()
            };
            chats::update_chat(app, &me, chat_id, changes)
                .await
                .map_err(refused)?;
        }
        "m.room.encryption" => {
            let encryption = encryption_of(&content)?;
            let changes = ChatChanges {
                encryption: Some(encryption),
                ..ChatChanges::default()
            };
            chats::update_chat(app, &me, chat_id, changes)
                .await
                .map_err(refused)?;
        }
        "m.room.pinned_events" => {
            let wanted: Vec<i64> = match content.get("pinned") {
                Some(Value::Array(list)) => list
                    .iter()
                    .map(|v| v.as_str().and_then(ids::message_of_event))
                    .collect::<Option<_>>()
                    .ok_or_else(|| bad_json("'pinned' must list messages of this room"))?,
                _ => return Err(bad_json("'pinned' must be a list of event ids")),
            };
            let now = pins::list(app, me.id, chat_id).await.map_err(refused)?;
            let pinned: Vec<i64> = now.pins.iter().map(|(shown, _, _)| shown.view.id).collect();
            for id in wanted.iter().filter(|id| !pinned.contains(id)) {
                pins::set(app, me.id, *id, true).await.map_err(refused)?;
            }
            for id in pinned.iter().filter(|id| !wanted.contains(id)) {
                pins::set(app, me.id, *id, false).await.map_err(refused)?;
            }
        }
        _ => return Err(forbidden("natter keeps no state of this kind")),
    }
    let stamp = millis(&crate::store::clock::now());
    Ok(reply::json(
        200,
        &json!({"event_id": format!("$c{chat_id}.{kind}.{stamp}")}),
    ))
}
