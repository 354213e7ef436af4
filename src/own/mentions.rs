//! natter's own mentions routes, in DRF's shape: the caller's
//! mentions, newest first, a page at a time by message id (`?before=`), and marking them
//! read. No seed's shape changes.

use crate::domain::messaging::mentions;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// Mentions per page unless `page_size` says otherwise (at most 100).
const PAGE: i64 = 20;

/// `GET /api/mentions/?before=<message id>&page_size=N` -> `{"unread", "next",
/// "results": [{"message_id", "chat_id", "sender", "content", "created_at", "read",
/// "thread_id", "reply_to"}]}`: `content` as stored, a reply's quote line first
/// (`domain::messaging::replies`), which natter's web client shows as the reply it is.
pub(crate) async fn list(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let number = |name: &str| -> ApiResult<Option<i64>> {
        match req.query_param(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .map(Some)
                .ok_or_else(|| ApiError::field(name, "A valid positive integer is required.")),
        }
    };
    let before = number("before")?;
    let size = number("page_size")?.unwrap_or(PAGE).min(100);
    let (rows, unread) = mentions::page(app, me.id, before, size + 1).await?;
    let more = rows.len() as i64 > size;
    let rows = &rows[..rows.len().min(size as usize)];
    let next = match rows.last() {
        Some(last) if more => Value::from(format!(
            "{}/api/mentions/?before={}&page_size={size}",
            req.base_url(),
            last.message_id
        )),
        _ => Value::Null,
    };
    let results: Vec<Value> = rows
        .iter()
        .map(|m| {
            json!({
                "message_id": m.message_id,
                "chat_id": m.chat_id,
                "sender": m.sender.as_ref().map(|(id, username, display)| {
                    json!({"id": id, "username": username, "display_name": if display.is_empty() { username } else { display }})
                }),
                "content": m.content,
                "created_at": m.created_at,
                "read": m.read,
                "thread_id": m.thread_id,
                "reply_to": m.reply_to,
            })
        })
        .collect();
    Ok(reply::ok(
        json!({"unread": unread, "next": next, "results": results}),
    ))
}

/// `POST /api/mentions/read/` with an optional `up_to` (a message id; absent: all) and
/// an optional `chat_id` (only that chat's) -> `{"marked": N}`.
pub(crate) async fn mark_read(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let up_to = check.take(f.integer("up_to"));
    let chat_id = check.take(f.integer("chat_id"));
    check.finish()?;
    let marked = mentions::mark_read(app, me.id, up_to, chat_id).await?;
    Ok(reply::ok(json!({ "marked": marked })))
}
