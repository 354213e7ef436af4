//! A message's relations and a room's threads, as Matrix apps from v1.4 on read them to
//! show a thread's replies and the list of a room's threads:
//! `GET /rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]` (a thread's
//! replies, newest first and paged; the message's reactions and its edit on the first
//! page) and `GET /rooms/{roomId}/threads` (the roots, the newest reply first). Members
//! only, as natter's rules have it.

use super::events::Render;
use super::reading::{in_room, limit_param};
use super::room_lookup::{chat_of, refused};
use crate::domain::error::Error;
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sync;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{error, not_found};
use crate::surfaces::matrix::sign_in::auth;
use serde_json::{json, Value};
use warp::reply::Response;

/// A page's size when the app names none.
const DEFAULT_PAGE: i64 = 20;

/// A page token of these routes: `<prefix><number>`.
fn token(req: &Request, prefix: char) -> ApiResult<Option<i64>> {
    match req.query_param("from") {
        None => Ok(None),
        Some(t) => t
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| error(400, "M_INVALID_PARAM", "Unknown pagination token")),
    }
}

/// Whether an event is the relation of type `rel_type` (any when `None`) to `event`.
fn relates(e: &Value, event: &str, rel_type: Option<&str>) -> bool {
    let relation = &e["content"]["m.relates_to"];
    relation["event_id"] == event && rel_type.is_none_or(|t| relation["rel_type"] == t)
}

/// `GET /rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]`.
pub async fn relations(
    app: &App,
    req: &Request,
    room: &str,
    event: &str,
    rel_type: Option<&str>,
    event_type: Option<&str>,
) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let root = ids::message_of_event(event).ok_or_else(|| not_found("No such event"))?;
    let limit = limit_param(req, 1, DEFAULT_PAGE)?;
    let from = token(req, 't')?;
    let me_id = me.id;
    let in_thread = matches!(rel_type, None | Some("m.thread"));
    let (message, replies) = app
        .db
        .read(move |c| {
            let message = sync::message(c, me_id, chat_id, root)?;
            let before = from.unwrap_or(i64::MAX);
            let replies = match in_thread {
                true => Some(sync::thread_page(c, me_id, &message, before, limit)?),
                false => None,
            };
            Ok::<_, Error>((message, replies))
        })
        .await
        .map_err(refused)?;
    let render = Render::new(server_name(app), &message.members);
    let mut chunk: Vec<Value> = Vec::new();
    if let Some((replies, _)) = &replies {
        let mut page: Vec<Value> = render
            .timeline(replies)
            .into_iter()
            .filter(|e| relates(e, event, Some("m.thread")))
            .collect();
        page.reverse();
        chunk.extend(page);
    }
    // The message's own reactions and edit are few: all of them on the first page.
    if from.is_none() {
        chunk.extend(
            render
                .timeline(&message)
                .into_iter()
                .filter(|e| e["type"] == "m.reaction" && relates(e, event, rel_type)),
        );
        let edited = message.timeline.iter().find_map(|item| match item {
            sync::Item::Message(m) if m.edited_at.is_some() => Some(render.edited(m)),
            _ => None,
        });
        chunk.extend(edited.filter(|e| relates(e, event, rel_type)));
    }
    chunk.retain(|e| event_type.is_none_or(|t| e["type"] == t));
    let mut body = json!({"chunk": in_room(chunk, room)});
    if let Some((replies, true)) = &replies {
        let oldest = replies.timeline.iter().find_map(|item| match item {
            sync::Item::Message(m) => Some(m.id),
            _ => None,
        });
        if let Some(oldest) = oldest {
            body["next_batch"] = Value::from(format!("t{oldest}"));
        }
    }
    Ok(reply::json(200, &body))
}

/// `GET /rooms/{roomId}/threads`: `include=participated` keeps the threads the person
/// started or replied in.
pub async fn threads(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    let participated = match req.query_param("include").as_deref() {
        None | Some("all") => false,
        Some("participated") => true,
        Some(_) => {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                "include must be all or participated",
            ))
        }
    };
    let limit = limit_param(req, 1, DEFAULT_PAGE)?;
    let offset = token(req, 'o')?.unwrap_or(0);
    let me_id = me.id;
    let (read, more) = app
        .db
        .read(move |c| sync::threads(c, me_id, chat_id, participated, offset, limit))
        .await
        .map_err(refused)?;
    let render = Render::new(server_name(app), &read.members);
    let roots: Vec<Value> = render
        .timeline(&read)
        .into_iter()
        .filter(|e| {
            e["type"] == "m.room.message" && e["unsigned"]["m.relations"]["m.thread"].is_object()
        })
        .collect();
    let mut body = json!({"chunk": in_room(roots, room)});
    if more {
        body["next_batch"] = Value::from(format!("o{}", offset + limit));
    }
    Ok(reply::json(200, &body))
}
