//! natter's pinned messages in this surface's shapes: a chat's pins
//! (`/messages/api/chats/{id}/pins/`, who may pin there with PATCH) and pinning or
//! unpinning one message (`/messages/api/messages/{id}/pin/`).

use crate::domain::messaging::pins::{self, PinList};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::chats::render::{message_json, user_json};
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /messages/api/chats/{id}/pins/` -> `{"chat_id", "pins_by", "may_pin", "count",
/// "results": [{"message_id", "pinned_by", "pinned_at", "message"}]}`.
pub(crate) async fn list(app: &App, me: User, chat_id: i64) -> ApiResult<Response> {
    let pins = pins::list(app, me.id, chat_id).await?;
    Ok(reply::ok(list_json(&pins)))
}

/// `PATCH` (or `PUT`) `/messages/api/chats/{id}/pins/` with `{"pins_by": "members" |
/// "admins"}`: the chat's admins say who may pin; the list as it now is.
pub(crate) async fn set_rule(
    app: &App,
    req: &Request,
    me: User,
    chat_id: i64,
) -> ApiResult<Response> {
    let pins_by = req
        .fields()?
        .string("pins_by")?
        .ok_or_else(|| ApiError::field("pins_by", "This field is required."))?;
    let pins = pins::set_rule(app, me.id, chat_id, pins_by).await?;
    Ok(reply::ok(list_json(&pins)))
}

/// `POST` (pin) or `DELETE` (unpin) `/messages/api/messages/{id}/pin/` ->
/// `{"message_id", "chat_id", "pinned", "pin_count"}`.
pub(crate) async fn set(app: &App, me: User, message_id: i64, pin: bool) -> ApiResult<Response> {
    let state = pins::set(app, me.id, message_id, pin).await?;
    Ok(reply::ok(json!({
        "message_id": message_id,
        "chat_id": state.chat_id,
        "pinned": state.pinned,
        "pin_count": state.pin_count,
    })))
}

fn list_json(pins: &PinList) -> Value {
    let results: Vec<Value> = pins
        .pins
        .iter()
        .map(|(m, by, at)| {
            json!({
                "message_id": m.view.id,
                "pinned_by": by.as_ref().map(user_json),
                "pinned_at": at,
                "message": message_json(&m.view.parts(Some(&m.reactions), Some(&m.read_by))),
            })
        })
        .collect();
    json!({
        "chat_id": pins.chat_id,
        "pins_by": pins.pins_by,
        "may_pin": pins.may_pin,
        "count": results.len(),
        "results": results,
    })
}
