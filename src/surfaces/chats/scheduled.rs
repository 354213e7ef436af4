//! natter's messages sent later, `/messages/api/scheduled/`: each person's own list,
//! scheduling one into a chat they are in, changing its text or time and cancelling it
//! while it waits. `send_at` is an RFC 3339 time with its offset (the web client turns
//! "tomorrow at 9" in the browser's zone into one); answers give it in UTC.

use crate::domain::saved::{parse_time, show_time};
use crate::domain::scheduled::{self, Asked, Change};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::messaging::scheduled::Scheduled;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /messages/api/scheduled/` -> `{"count", "results": [scheduled]}`.
pub(crate) async fn list(app: &App, me: User) -> ApiResult<Response> {
    let rows = scheduled::list(app, me.id).await?;
    let results: Vec<Value> = rows.iter().map(row_json).collect();
    Ok(reply::ok(
        json!({ "count": results.len(), "results": results }),
    ))
}

/// `POST /messages/api/scheduled/` with `{"chat_id", "content", "send_at", "reply_to"?,
/// "thread_id"?}` -> 201 and the scheduled message.
pub(crate) async fn create(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let fields = req.fields()?;
    let chat_id = fields
        .integer("chat_id")?
        .ok_or_else(|| ApiError::field("chat_id", "This field is required."))?;
    let content = fields
        .string("content")?
        .ok_or_else(|| ApiError::field("content", "This field is required."))?;
    let send_at = fields
        .string("send_at")?
        .ok_or_else(|| ApiError::field("send_at", "This field is required."))?;
    let asked = Asked {
        chat_id,
        content,
        reply_to_id: fields.integer("reply_to")?,
        thread_id: fields.integer("thread_id")?,
        send_at: parse_time("send_at", &send_at)?,
    };
    let row = scheduled::create(app, me.id, asked).await?;
    Ok(reply::created(row_json(&row)))
}

/// `GET /messages/api/scheduled/{id}/` -> the scheduled message.
pub(crate) async fn one(app: &App, me: User, id: i64) -> ApiResult<Response> {
    let row = scheduled::one(app, me.id, id).await?;
    Ok(reply::ok(row_json(&row)))
}

/// `PATCH /messages/api/scheduled/{id}/` with `{"content"?, "send_at"?}` -> the changed
/// scheduled message.
pub(crate) async fn edit(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let fields = req.fields()?;
    let send_at = match fields.string("send_at")? {
        Some(text) => Some(parse_time("send_at", &text)?),
        None => None,
    };
    let change = Change {
        content: fields.string("content")?,
        send_at,
    };
    let row = scheduled::edit(app, me.id, id, change).await?;
    Ok(reply::ok(row_json(&row)))
}

/// `DELETE /messages/api/scheduled/{id}/` -> 204: cancelled.
pub(crate) async fn cancel(app: &App, me: User, id: i64) -> ApiResult<Response> {
    scheduled::cancel(app, me.id, id).await?;
    Ok(reply::no_content())
}

fn row_json(row: &Scheduled) -> Value {
    json!({
        "id": row.id,
        "chat_id": row.chat_id,
        "content": row.content,
        "reply_to": row.reply_to_id,
        "thread_id": row.thread_id,
        "send_at": show_time(row.send_at),
        "state": row.state,
        "message_id": row.message_id,
        "failure": row.failure,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    })
}
