//! `GET /presence/{userId}/status`: natter's status in Matrix's words: away (no activity
//! for `--away-after`, or chosen) is `unavailable`, anything else `online`, and the
//! status's emoji and words are `status_msg`. natter does not say who is offline. A
//! sync carries the same as `m.presence` events.

use crate::domain::status;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::kit::at_most_every::AtMostEvery;
use crate::model::status::StatusView;
use crate::state::App;
use crate::surfaces::matrix::people;
use crate::surfaces::matrix::sign_in::auth;
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /presence/{userId}/status`.
pub async fn status(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let them = people::required(app, user).await?;
    let presence = status::of(app, them.id, None).await?;
    Ok(reply::json(200, &content(presence.status.as_ref())))
}

/// A status as the content of Matrix presence: `presence`, `currently_active` and,
/// when the person wrote one, `status_msg`.
pub fn content(shown: Option<&StatusView>) -> Value {
    let away = shown.is_some_and(|s| s.away);
    let mut body = json!({
        "presence": if away { "unavailable" } else { "online" },
        "currently_active": !away,
    });
    if let Some(s) = shown.filter(|s| !s.emoji.is_empty() || !s.text.is_empty()) {
        let words = format!("{} {}", s.emoji, s.text);
        body["status_msg"] = Value::from(words.trim());
    }
    body
}

/// The `m.presence` events of `people` for a sync: each person's status as it is now.
pub async fn events(app: &App, people: Vec<(i64, String)>) -> ApiResult<Vec<Value>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let server = crate::domain::matrix::ids::server_name(app);
    let mut found = status::of_many(app, people.iter().map(|(id, _)| *id).collect()).await?;
    Ok(people
        .into_iter()
        .map(|(id, username)| {
            let shown = found.remove(&id).and_then(|p| p.status);
            json!({
                "type": "m.presence",
                "sender": crate::domain::matrix::ids::user_id(&username, id, server),
                "content": content(shown.as_ref()),
            })
        })
        .collect())
}

/// `PUT /presence/{userId}/status`: natter sets presence itself from activity; the
/// request is taken and changes nothing.
pub async fn set_status(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let them = people::required(app, user).await?;
    if them.id != me.id {
        return Err(crate::surfaces::matrix::errors::forbidden(
            "Cannot set another user's presence",
        ));
    }
    Ok(reply::json(200, &json!({})))
}

/// How often a Matrix app's requests note the person active at most: one write a minute
/// per person and node, well inside any `--away-after`.
const ACTIVE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Notes that `user_id` is using a Matrix app (a sync that does not say
/// `set_presence=offline` or `unavailable`, as the specification asks), as natter's own
/// client's activity does: someone told away is told back. At most once a minute, and
/// awaited, so the sync that notes it reads the person present; a failure only costs
/// the note.
pub async fn note_active(app: &App, req: &Request, user_id: i64) {
    if matches!(
        req.query_param("set_presence").as_deref(),
        Some("offline" | "unavailable")
    ) {
        return;
    }
    static NOTED: AtMostEvery = AtMostEvery::new(ACTIVE_EVERY);
    if !NOTED.due(user_id) {
        return;
    }
    if let Err(e) = status::active_in_matrix_app(app, user_id).await {
        tracing::debug!("cannot note a Matrix app's activity: {e}");
    }
}
