//! natter's saved messages in this surface's shapes, `/messages/api/saved/`: each
//! person's own list across their chats, with an optional reminder per message. An
//! item whose message its person can no longer see is `available: false` with no
//! `message` (and no chat title).

use crate::domain::saved::{self, SavedItem};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{Fields, Request};
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::chats::query_id;
use crate::surfaces::chats::render::message_json;
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /messages/api/saved/?before=<message id>&page_size=N` -> `{"count", "next",
/// "results": [saved]}`: `count` is how many the caller saved in all, `next` the address
/// of the page after this one (or null).
pub(crate) async fn list(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let before = query_id(req, "before")?;
    let size = match query_id(req, "page_size")? {
        None => saved::PAGE,
        Some(n) if (1..=saved::MAX_PAGE).contains(&n) => n,
        Some(_) => {
            return Err(ApiError::field(
                "page_size",
                format!("Ensure this value is between 1 and {}.", saved::MAX_PAGE),
            ))
        }
    };
    // One more than a page says whether there is a next one.
    let (mut items, count) = saved::list(app, me.id, before, size + 1).await?;
    let more = items.len() as i64 > size;
    items.truncate(size as usize);
    let next = match items.last() {
        Some(last) if more => Some(reply::with_query(
            req,
            &[("before", Some(last.message_id.to_string()))],
        )),
        _ => None,
    };
    let results: Vec<Value> = items.iter().map(item_json).collect();
    Ok(reply::ok(
        json!({ "count": count, "next": next, "results": results }),
    ))
}

/// `POST /messages/api/saved/` with `{"message_id", "remind_at"?}` -> 201 and the saved
/// message.
pub(crate) async fn save(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let fields = req.fields()?;
    let message_id = fields
        .integer("message_id")?
        .ok_or_else(|| ApiError::field("message_id", "This field is required."))?;
    let remind_at = remind_at(&fields)?;
    let item = saved::save(app, me.id, message_id, remind_at).await?;
    Ok(reply::created(item_json(&item)))
}

/// `GET /messages/api/saved/{id}/` -> the saved message.
pub(crate) async fn one(app: &App, me: User, message_id: i64) -> ApiResult<Response> {
    let item = saved::one(app, me.id, message_id).await?;
    Ok(reply::ok(item_json(&item)))
}

/// `PATCH /messages/api/saved/{id}/` with `{"remind_at": time | null}` -> the saved
/// message with its new reminder.
pub(crate) async fn set_reminder(
    app: &App,
    req: &Request,
    me: User,
    message_id: i64,
) -> ApiResult<Response> {
    let fields = req.fields()?;
    if !fields.has("remind_at") {
        return Err(ApiError::field("remind_at", "This field is required."));
    }
    let remind_at = remind_at(&fields)?;
    let item = saved::set_reminder(app, me.id, message_id, remind_at).await?;
    Ok(reply::ok(item_json(&item)))
}

/// `DELETE /messages/api/saved/{id}/` -> 204.
pub(crate) async fn unsave(app: &App, me: User, message_id: i64) -> ApiResult<Response> {
    saved::unsave(app, me.id, message_id).await?;
    Ok(reply::no_content())
}

/// `remind_at`: absent, null or empty for none, else an RFC 3339 time.
fn remind_at(fields: &Fields) -> ApiResult<Option<i64>> {
    if matches!(fields.value("remind_at"), Some(Value::Null)) {
        return Ok(None);
    }
    match fields.string("remind_at")? {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => Ok(Some(saved::parse_time("remind_at", &text)?)),
    }
}

fn item_json(item: &SavedItem) -> Value {
    json!({
        "message_id": item.message_id,
        "chat_id": item.chat_id,
        "chat_title": item.chat_title,
        "saved_at": item.saved_at,
        "remind_at": item.remind_at,
        "reminded_at": item.reminded_at,
        "available": item.message.is_some(),
        "message": item
            .message
            .as_ref()
            .map(|m| message_json(&m.view.parts(Some(&m.reactions), Some(&m.read_by)))),
    })
}
