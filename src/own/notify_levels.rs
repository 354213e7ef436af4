//! natter's own notification-level routes, in DRF's shape:
//! `/api/notifications/` (every chat of the caller) and `/api/notifications/{chat}/`.

use crate::domain::messaging::notify_levels::{self, ChatLevel, LEVELS};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

fn level_json(l: &ChatLevel) -> Value {
    json!({"chat_id": l.chat_id, "level": l.level, "default": l.default, "chosen": l.chosen,
           "unread_mentions": l.unread_mentions})
}

/// `GET /api/notifications/`.
pub(crate) async fn all(app: &App, me: User) -> ApiResult<Response> {
    let levels = notify_levels::all(app, me.id).await?;
    Ok(reply::ok(Value::Array(
        levels.iter().map(level_json).collect(),
    )))
}

/// `GET /api/notifications/{chat}/`.
pub(crate) async fn one(app: &App, me: User, chat: i64) -> ApiResult<Response> {
    Ok(reply::ok(level_json(
        &notify_levels::one(app, me.id, chat).await?,
    )))
}

/// `PUT`/`PATCH /api/notifications/{chat}/` with `level`: `all`, `mentions`, `off`, or
/// null for the chat's default.
pub(crate) async fn set(app: &App, req: &Request, me: User, chat: i64) -> ApiResult<Response> {
    let f = req.fields()?;
    if !f.has("level") {
        return Err(crate::http::error::ApiError::field(
            "level",
            "This field is required.",
        ));
    }
    // null puts the chat back on its default.
    let level = match f.value("level") {
        Some(Value::Null) => None,
        _ => f.choice("level", &LEVELS)?,
    };
    Ok(reply::ok(level_json(
        &notify_levels::set(app, me.id, chat, level).await?,
    )))
}
