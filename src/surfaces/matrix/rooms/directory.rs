//! Finding people and rooms: `POST /user_directory/search` (natter's people search:
//! everyone active on the server, as natter's own client finds them) and
//! `/publicRooms` (natter's rooms browser: every public room, and one's own private
//! ones, never another's).

use crate::domain::matrix::ids::{self, server_name};
use crate::domain::messaging::chats;
use crate::domain::people::accounts;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::body;
use crate::surfaces::matrix::sign_in::auth;
use serde_json::{json, Value};
use warp::reply::Response;

/// The most people one search answers.
const MAX_PEOPLE: i64 = 50;

/// `POST /user_directory/search`.
pub async fn search_people(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let content = body::object(req)?;
    let term = body::string(&content, "search_term")?
        .ok_or_else(|| crate::surfaces::matrix::errors::bad_json("'search_term' is required"))?;
    let limit = content
        .get("limit")
        .and_then(Value::as_i64)
        .unwrap_or(10)
        .clamp(1, MAX_PEOPLE);
    let found = accounts::search(app, term, me.id, limit + 1).await?;
    let limited = found.len() as i64 > limit;
    let server = server_name(app);
    let results: Vec<Value> = found
        .iter()
        .filter(|u| u.is_active)
        .take(limit as usize)
        .map(|u| {
            let mut found = json!({"user_id": ids::user_id(&u.username, u.id, server), "display_name": u.shown_name()});
            if let Some(avatar) = crate::surfaces::matrix::media::avatar_of(server, &u.image) {
                found["avatar_url"] = Value::from(avatar);
            }
            found
        })
        .collect();
    Ok(reply::json(
        200,
        &json!({"results": results, "limited": limited}),
    ))
}

/// `GET` or `POST /publicRooms`: the rooms one may join, with `filter.generic_search_term`
/// on their names and topics.
pub async fn public_rooms(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let term = match body::object(req)?.get("filter") {
        Some(filter) => filter["generic_search_term"]
            .as_str()
            .map(str::to_lowercase),
        None => None,
    };
    let me_id = me.id;
    let rooms = app
        .db
        .read(move |c| {
            let rooms = chats::list_rooms(c, me_id, true)?;
            chats::room_views(c, me_id, rooms)
        })
        .await?;
    let server = server_name(app);
    let chunk: Vec<Value> = rooms
        .iter()
        .filter(|r| !r.chat.is_private)
        .filter(|r| {
            term.as_deref().is_none_or(|t| {
                r.chat.shown_name().to_lowercase().contains(t)
                    || r.chat.topic.to_lowercase().contains(t)
            })
        })
        .map(|r| {
            let mut room = json!({
                "room_id": ids::room_id(r.chat.id, server),
                "name": r.chat.shown_name(),
                "topic": r.chat.topic,
                "num_joined_members": r.participant_count,
                "world_readable": false,
                "guest_can_join": false,
                "join_rule": "public",
            });
            if let Some(picture) = crate::surfaces::matrix::media::avatar_of(server, &r.chat.image)
            {
                room["avatar_url"] = Value::from(picture);
            }
            room
        })
        .collect();
    let total = chunk.len();
    Ok(reply::json(
        200,
        &json!({"chunk": chunk, "total_room_count_estimate": total}),
    ))
}
