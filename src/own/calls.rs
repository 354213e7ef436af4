//! natter's own calls routes, in DRF's shape: the ICE servers (with short-lived TURN
//! credentials) a caller's browser needs, and the calls a chat has had or has now. The
//! frames of a call itself go over the sockets (`surfaces::chats::socket`,
//! `surfaces::rooms::socket`).

use crate::domain::calls::{self, CallView};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::Request;
use crate::state::App;
use crate::store::calls::Person;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// Calls per page unless `page_size` says otherwise, and the most one may ask for.
const PAGE: i64 = 20;
const MAX_PAGE: i64 = 100;

/// `GET /api/calls/ice-servers/` -> `{"ice_servers": [RTCIceServer...], "ttl",
/// "expires_at", "turn"}`: what `new RTCPeerConnection({iceServers})` takes, with TURN
/// credentials for this caller valid for `ttl` seconds.
pub(crate) async fn ice_servers(app: &App, me: &User) -> ApiResult<Response> {
    let now = crate::kit::clock::now_ms() / 1000;
    let grant = app.ice.grant(me.id, now);
    let mut servers = Vec::new();
    if !grant.stun.is_empty() {
        servers.push(json!({"urls": grant.stun}));
    }
    if let Some(turn) = &grant.turn {
        servers.push(json!({
            "urls": turn.urls,
            "username": turn.username,
            "credential": turn.credential,
        }));
    }
    let expires_at = chrono::DateTime::from_timestamp(grant.expires_at, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let mut answer = reply::ok(json!({
        "ice_servers": servers,
        "ttl": grant.ttl_secs,
        "expires_at": expires_at,
        "turn": grant.turn.is_some(),
        "sfu": app.sfu.is_some(),
    }));
    // The credentials are a secret of this caller's for an hour: no cache keeps them.
    answer.headers_mut().insert(
        warp::http::header::CACHE_CONTROL,
        warp::http::HeaderValue::from_static("no-store"),
    );
    Ok(answer)
}

/// `POST /api/calls/sfu/` with `{"chat_id"}` -> a way into the SFU room of that chat's
/// call for the caller, who is in the call (`domain::calls::sfu_grant`): what janus.js
/// takes to join the VideoRoom.
pub(crate) async fn sfu(app: &App, req: &Request, me: &User) -> ApiResult<Response> {
    let chat_id = req
        .fields()?
        .integer("chat_id")?
        .ok_or_else(|| ApiError::field("chat_id", "This field is required."))?;
    let grant = calls::sfu_grant(app, me, chat_id).await?;
    let expires_at = chrono::DateTime::from_timestamp(grant.expires_at, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let mut answer = reply::ok(json!({
        "server": grant.server,
        "token": grant.token,
        "room": grant.room,
        "room_token": grant.room_token,
        "id": grant.id,
        "expires_at": expires_at,
    }));
    // A credential of this caller's: no cache keeps it.
    answer.headers_mut().insert(
        warp::http::header::CACHE_CONTROL,
        warp::http::HeaderValue::from_static("no-store"),
    );
    Ok(answer)
}

fn person(p: &Person) -> Value {
    json!({"id": p.id, "username": p.username, "display_name": p.display_name})
}

/// A call as this API shows it.
fn call_json(call: &CallView) -> Value {
    let r = &call.record;
    json!({
        "id": r.id,
        "chat_id": r.chat_id,
        "message_id": r.message_id,
        "started_by": r.started_by.as_ref().map(person),
        "started_at": r.started_at,
        "ended_at": r.ended_at,
        "duration_seconds": call.duration_seconds,
        "active": call.active(),
        "participants": call.participants.iter().map(|p| json!({
            "user_id": p.user_id, "username": p.username,
            "display_name": if p.display_name.is_empty() { &p.username } else { &p.display_name },
            "microphone_on": p.microphone_on, "camera_on": p.camera_on, "sfu": p.sfu,
        })).collect::<Vec<_>>(),
        "joined": call.joined.iter().map(|j| json!({
            "id": j.id, "username": j.username, "display_name": j.display_name,
            "joined_at": j.joined_at, "left_at": j.left_at,
        })).collect::<Vec<_>>(),
        "declined": call.declined.iter().map(person).collect::<Vec<_>>(),
    })
}

/// `GET /api/calls/?chat_id=N` -> the chat's calls, newest first, a DRF page; without
/// `chat_id`, the calls going on now in all the caller's chats (one page).
pub(crate) async fn list(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let Some(chat_id) = req.query_param("chat_id") else {
        let calls = calls::in_progress(app, &me).await?;
        let results: Vec<Value> = calls.iter().map(call_json).collect();
        let count = results.len();
        return Ok(reply::ok(json!({
            "count": count, "next": null, "previous": null, "results": results,
        })));
    };
    let chat_id = chat_id
        .trim()
        .parse::<i64>()
        .map_err(|_| ApiError::field("chat_id", "A valid integer is required."))?;
    let asked = PageRequest::from_query(req, PAGE, MAX_PAGE)?;
    let (page, count, rows) = reply::read_page(asked, |size, offset| {
        calls::history(app, &me, chat_id, size, offset)
    })
    .await?;
    let results = rows.iter().map(call_json).collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, results)))
}
