//! `GET /voip/turnServer`: the TURN servers of `--turn` with this person's credentials
//! for an hour, the same a call in natter's own client gets, so a Matrix app's calls
//! are relayed where a direct path fails.

use super::sign_in::auth;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use serde_json::json;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// `GET /voip/turnServer`: `{username, password, uris, ttl}`, or `{}` without TURN (as
/// Synapse answers when it has none).
pub async fn turn_server(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let grant = app.ice.grant(me.id, crate::kit::clock::now_ms() / 1000);
    let body = match grant.turn {
        Some(turn) => json!({
            "username": turn.username,
            "password": turn.credential,
            "uris": turn.urls,
            "ttl": grant.ttl_secs,
        }),
        None => json!({}),
    };
    let mut answer = reply::json(200, &body);
    // The credentials are this person's secret until they expire: no cache keeps them.
    answer
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(answer)
}
