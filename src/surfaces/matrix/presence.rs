//! `GET /presence/{userId}/status`: natter's status in Matrix's words: away (no activity
//! for `--away-after`, or chosen) is `unavailable`, anything else `online`, and the
//! status's emoji and words are `status_msg`. natter does not say who is offline.

use super::auth;
use super::people;
use crate::domain::status;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /presence/{userId}/status`.
pub async fn status(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let them = people::required(app, user).await?;
    let presence = status::of(app, them.id, None).await?;
    let shown = presence.status.as_ref();
    let away = shown.is_some_and(|s| s.away);
    let mut body = json!({"presence": if away { "unavailable" } else { "online" }});
    if let Some(s) = shown.filter(|s| !s.emoji.is_empty() || !s.text.is_empty()) {
        let words = format!("{} {}", s.emoji, s.text);
        body["status_msg"] = Value::from(words.trim());
    }
    Ok(reply::json(200, &body))
}

/// `PUT /presence/{userId}/status`: natter sets presence itself from activity; the
/// request is taken and changes nothing.
pub async fn set_status(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let them = people::required(app, user).await?;
    if them.id != me.id {
        return Err(super::errors::forbidden(
            "Cannot set another user's presence",
        ));
    }
    Ok(reply::json(200, &json!({})))
}
