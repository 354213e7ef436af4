//! Reading rooms outside `/sync`: `/joined_rooms`, and a room's `/messages`, `/state`,
//! `/members`, `/joined_members` and `/event`, for members only (anyone else, and a room
//! that does not exist, get the same 403, as Synapse answers).

use super::events::Render;
use super::room_lookup::{chat_of, refused};
use crate::domain::error::Error;
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sync::{self, Direction};
use crate::domain::messaging::chats;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::messaging::chats::Chat;
use crate::surfaces::matrix::errors::{error, not_found};
use crate::surfaces::matrix::sign_in::auth;
use serde_json::{json, Value};
use warp::reply::Response;

/// The most events one `/messages` page holds.
const MAX_PAGE: i64 = 100;

/// `GET /joined_rooms`.
pub async fn joined(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let me_id = me.id;
    let list: Vec<Chat> = app
        .db
        .read(move |c| chats::list_for_user(c, me_id, &[], None))
        .await?;
    let server = server_name(app);
    let rooms: Vec<String> = list.iter().map(|ch| ids::room_id(ch.id, server)).collect();
    Ok(reply::json(200, &json!({ "joined_rooms": rooms })))
}

/// The `limit` parameter of a page: `default` when absent, else within `least` and
/// [`MAX_PAGE`]; not a number is 400.
pub fn limit_param(req: &Request, least: i64, default: i64) -> ApiResult<i64> {
    match req.query_param("limit") {
        Some(l) => Ok(l
            .parse::<i64>()
            .map_err(|_| error(400, "M_INVALID_PARAM", "limit must be a number"))?
            .clamp(least, MAX_PAGE)),
        None => Ok(default),
    }
}

/// A pagination token of `/messages`: `m<id>` (from before or after that message); a
/// sync token or none starts at the newest (back) or the oldest (forward).
fn from_token(token: Option<&str>, dir: Direction) -> ApiResult<i64> {
    let open_end = match dir {
        Direction::Back => i64::MAX,
        Direction::Forward => 0,
    };
    match token {
        None => Ok(open_end),
        Some(t) if t.starts_with('s') => Ok(open_end),
        Some(t) => t
            .strip_prefix('m')
            .and_then(|id| id.parse::<i64>().ok())
            .filter(|id| *id >= 0)
            .ok_or_else(|| error(400, "M_INVALID_PARAM", "Unknown pagination token")),
    }
}

/// `GET /rooms/{roomId}/messages`.
pub async fn messages(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let device = auth::device_of(&caller);
    let me = caller.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let dir = match req.query_param("dir").as_deref() {
        Some("b") | None => Direction::Back,
        Some("f") => Direction::Forward,
        Some(_) => return Err(error(400, "M_INVALID_PARAM", "dir must be b or f")),
    };
    // An empty `from` is none (libQuotient sends `from=` when it opens a room, and
    // Synapse answers it from the newest end).
    let from_param = req.query_param("from").filter(|f| !f.is_empty());
    let from = from_token(from_param.as_deref(), dir)?;
    let limit = limit_param(req, 1, 10)?;
    let me_id = me.id;
    let (read, more) = app
        .db
        .read(move |c| sync::page(c, me_id, chat_id, from, dir, limit))
        .await
        .map_err(refused)?;
    let render = Render::new(server_name(app), &read.members);
    let mut chunk = render.timeline(&read);
    super::echoes::tell(app, &device, chunk.iter_mut().collect()).await?;
    // The senders' members always (what lazy loading asks, and allowed without it), so
    // a page older than the app's first sync shows names, not ids.
    let state = in_room(render.senders_state(&read, &chunk), room);
    let chunk = in_room(chunk, room);
    let last = read.timeline.iter().rev().find_map(|item| match item {
        sync::Item::Message(m) => Some(m.id),
        _ => None,
    });
    let start = from_param.unwrap_or_else(|| format!("m{from}"));
    let mut body = json!({"chunk": chunk, "start": start, "state": state});
    if let (true, Some(last)) = (more, last) {
        body["end"] = Value::from(format!("m{last}"));
    }
    Ok(reply::json(200, &body))
}

/// `GET /rooms/{roomId}/state`.
pub async fn state(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let read = room_read(app, req, room).await?;
    let render = Render::new(server_name(app), &read.members);
    Ok(reply::json(
        200,
        &Value::Array(in_room(render.whole_state(&read), room)),
    ))
}

/// `GET /rooms/{roomId}/state/{type}/{key}`: one state event's content.
pub async fn state_event(
    app: &App,
    req: &Request,
    room: &str,
    kind: &str,
    key: &str,
) -> ApiResult<Response> {
    let read = room_read(app, req, room).await?;
    let render = Render::new(server_name(app), &read.members);
    render
        .whole_state(&read)
        .into_iter()
        .find(|e| e["type"] == kind && e["state_key"] == key)
        .map(|e| reply::json(200, &e["content"]))
        .ok_or_else(|| not_found("No such state event"))
}

/// `GET /rooms/{roomId}/members`.
pub async fn members(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let read = room_read(app, req, room).await?;
    let render = Render::new(server_name(app), &read.members);
    let chunk: Vec<Value> = read
        .members
        .iter()
        .map(|(u, _)| render.member_state(read.chat.id, u))
        .collect();
    Ok(reply::json(200, &json!({ "chunk": in_room(chunk, room) })))
}

/// `GET /rooms/{roomId}/joined_members`.
pub async fn joined_members(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let read = room_read(app, req, room).await?;
    let render = Render::new(server_name(app), &read.members);
    let mut joined = serde_json::Map::new();
    for (u, _) in &read.members {
        joined.insert(
            render.user(u),
            json!({"display_name": u.display_name, "avatar_url": Value::Null}),
        );
    }
    Ok(reply::json(200, &json!({ "joined": joined })))
}

/// `GET /rooms/{roomId}/event/{eventId}`: a message's event.
pub async fn event(app: &App, req: &Request, room: &str, event: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let message = ids::message_of_event(event).ok_or_else(|| not_found("No such event"))?;
    let me_id = me.id;
    let read = app
        .db
        .read(move |c| sync::message(c, me_id, chat_id, message))
        .await
        .map_err(refused)?;
    let render = Render::new(server_name(app), &read.members);
    // The event of that id: a message with files is several (`$m<id>.<k>`).
    in_room(render.timeline(&read), room)
        .into_iter()
        .find(|e| e["event_id"] == event)
        .map(|e| reply::json(200, &e))
        .ok_or_else(|| not_found("No such event"))
}

/// `events` with their room's id, which every event outside `/sync` carries.
pub fn in_room(mut events: Vec<Value>, room: &str) -> Vec<Value> {
    for event in &mut events {
        event["room_id"] = Value::from(room);
    }
    events
}

async fn room_read(app: &App, req: &Request, room: &str) -> ApiResult<sync::RoomRead> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let me_id = me.id;
    app.db
        .read(move |c| sync::room(c, me_id, chat_id))
        .await
        .map_err(refused)
}

/// `GET /rooms/{roomId}/context/{eventId}`: a message with up to `limit` messages on
/// each side (half before, half after, as Synapse splits it), and the room's state.
pub async fn context(app: &App, req: &Request, room: &str, event: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let message = ids::message_of_event(event).ok_or_else(|| not_found("No such event"))?;
    let limit = limit_param(req, 0, 10)?;
    let (before_n, after_n) = (limit / 2, limit - limit / 2);
    let me_id = me.id;
    let (center, before, after) = app
        .db
        .read(move |c| {
            let center = sync::message(c, me_id, chat_id, message)?;
            let before = sync::page(c, me_id, chat_id, message, Direction::Back, before_n.max(1))?;
            let after = sync::page(
                c,
                me_id,
                chat_id,
                message,
                Direction::Forward,
                after_n.max(1),
            )?;
            Ok::<_, Error>((center, before, after))
        })
        .await
        .map_err(refused)?;
    let render = Render::new(server_name(app), &center.members);
    let event = in_room(render.timeline(&center), room)
        .into_iter()
        .next()
        .ok_or_else(|| not_found("No such event"))?;
    let side = |read: &sync::RoomRead, n: i64| -> Vec<Value> {
        match n {
            0 => Vec::new(),
            _ => in_room(render.timeline(read), room),
        }
    };
    let edge = |read: &sync::RoomRead, fallback: i64| {
        read.timeline
            .iter()
            .rev()
            .find_map(|item| match item {
                sync::Item::Message(m) => Some(m.id),
                _ => None,
            })
            .unwrap_or(fallback)
    };
    Ok(reply::json(
        200,
        &json!({
            "event": event,
            "events_before": side(&before.0, before_n),
            "events_after": side(&after.0, after_n),
            "start": format!("m{}", edge(&before.0, message)),
            "end": format!("m{}", edge(&after.0, message)),
            "state": in_room(render.whole_state(&center), room),
        }),
    ))
}
