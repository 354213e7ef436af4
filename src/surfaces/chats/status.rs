//! natter's statuses and quiet hours in this surface's shapes: one's own status
//! (`/messages/api/me/status/`), one's time zone, quiet hours and pause
//! (`/messages/api/me/quiet-hours/`), and what others see of everyone
//! (`/messages/api/statuses/`) or of one person (`/messages/api/statuses/{id}/`). The
//! web client reads the list once and keeps it current from the `status` frames of
//! `/messages/ws/`.

use crate::domain::status::{self, quiet, Asked, Own, Presence, QuietAsked};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{Fields, Request};
use crate::model::status::StatusView;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// A unix-milliseconds time as natter writes times.
fn show_time(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

/// An RFC 3339 time with its offset, into unix milliseconds.
fn read_time(field: &'static str, text: &str) -> ApiResult<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| ApiError::field(field, "Give a time such as 2026-01-02T09:00:00Z."))
}

/// A unix-milliseconds time as natter writes times, or `null`.
pub(crate) fn show_time_opt(ms: Option<i64>) -> Option<String> {
    ms.and_then(show_time)
}

pub use crate::model::status::json as status_json;

fn presence_json(p: &Presence) -> Value {
    json!({
        "user_id": p.user_id, "status": status_json(p.status.as_ref()), "quiet": p.quiet,
        "time_zone": p.time_zone, "local_time": p.local_time,
        "quiet_changes_at": show_time_opt(p.quiet_changes_at),
    })
}

fn own_status_json(own: &Own) -> Value {
    let mut v = status_json(own.presence.status.as_ref());
    if v.is_null() {
        v = status_json(Some(&StatusView::default()));
    }
    if let Value::Object(map) = &mut v {
        map.insert("appear_away".into(), Value::Bool(own.appear_away));
    }
    v
}

fn own_quiet_json(own: &Own) -> Value {
    json!({
        "time_zone": own.presence.time_zone,
        "local_time": own.presence.local_time,
        "quiet_hours": quiet::to_json(&own.quiet_hours),
        "paused_until": own.paused_until.and_then(show_time),
        "quiet": own.presence.quiet,
    })
}

/// `GET /messages/api/me/status/`.
pub(crate) async fn mine(app: &App, me: User) -> ApiResult<Response> {
    Ok(reply::ok(own_status_json(&status::own(app, me.id).await?)))
}

/// The end asked for: `expires_at` (a time, null or empty for none) or `duration`
/// (seconds from now).
fn ends_at(f: &Fields, now: i64) -> ApiResult<Option<i64>> {
    if let Some(secs) = f.integer("duration")? {
        if secs <= 0 {
            return Err(ApiError::field(
                "duration",
                "Give a number of seconds above 0.",
            ));
        }
        let ms = secs
            .checked_mul(1000)
            .and_then(|ms| ms.checked_add(now))
            .ok_or_else(|| ApiError::field("duration", "A status lasts a year at most."))?;
        return Ok(Some(ms));
    }
    if matches!(f.value("expires_at"), Some(Value::Null)) {
        return Ok(None);
    }
    match f.string("expires_at")? {
        Some(text) if !text.trim().is_empty() => Ok(Some(read_time("expires_at", &text)?)),
        _ => Ok(None),
    }
}

/// `PUT`/`PATCH /messages/api/me/status/` with `emoji`, `text` and `expires_at` or
/// `duration` (the words, set together), and/or `appear_away`.
pub(crate) async fn set(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let now = crate::kit::clock::now_ms();
    let words = match f.has("emoji") || f.has("text") {
        true => Some((
            f.string("emoji")?.unwrap_or_default(),
            f.string("text")?.unwrap_or_default(),
            ends_at(&f, now)?,
        )),
        false => None,
    };
    let asked = Asked {
        words,
        appear_away: f.boolean("appear_away")?,
    };
    if asked.words.is_none() && asked.appear_away.is_none() {
        return Err(ApiError::field(
            "text",
            "Give emoji and/or text, or appear_away.",
        ));
    }
    Ok(reply::ok(own_status_json(
        &status::set(app, me.id, asked).await?,
    )))
}

/// `DELETE /messages/api/me/status/` -> 204: the words are gone ("appear away" stays).
pub(crate) async fn clear(app: &App, me: User) -> ApiResult<Response> {
    status::clear(app, me.id).await?;
    Ok(reply::no_content())
}

/// `GET /messages/api/me/quiet-hours/`.
pub(crate) async fn quiet(app: &App, me: User) -> ApiResult<Response> {
    Ok(reply::ok(own_quiet_json(&status::own(app, me.id).await?)))
}

/// `PUT`/`PATCH /messages/api/me/quiet-hours/` with any of `time_zone`, `quiet_hours`
/// (a list of `{"day", "start", "end"}`), `paused_until` (a time, or null to resume)
/// and `pause_minutes` (pause from now); what is left out stays.
pub(crate) async fn set_quiet(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let now = crate::kit::clock::now_ms();
    let mut asked = QuietAsked {
        time_zone: f.string("time_zone")?,
        ..QuietAsked::default()
    };
    if let Some(value) = f.value("quiet_hours") {
        // A form body carries the list as JSON text.
        let value = match value {
            Value::String(text) => serde_json::from_str(text)
                .map_err(|_| ApiError::field("quiet_hours", "Give a JSON list of ranges."))?,
            other => other.clone(),
        };
        asked.quiet_hours = Some(quiet::parse(&value)?);
    }
    if let Some(minutes) = f.integer("pause_minutes")? {
        if !(1..=60 * 24 * 31).contains(&minutes) {
            return Err(ApiError::field(
                "pause_minutes",
                "Pause for 1 minute to 31 days.",
            ));
        }
        asked.paused_until = Some(Some(now + minutes * 60_000));
    } else if f.has("paused_until") {
        asked.paused_until = Some(match f.value("paused_until") {
            Some(Value::Null) => None,
            _ => match f.string("paused_until")? {
                Some(text) if !text.trim().is_empty() => Some(read_time("paused_until", &text)?),
                _ => None,
            },
        });
    }
    if asked.time_zone.is_none() && asked.quiet_hours.is_none() && asked.paused_until.is_none() {
        return Err(ApiError::field(
            "quiet_hours",
            "Give time_zone, quiet_hours, paused_until or pause_minutes.",
        ));
    }
    Ok(reply::ok(own_quiet_json(
        &status::set_quiet(app, me.id, asked).await?,
    )))
}

/// `GET /messages/api/statuses/` -> `{"away_after_seconds", "results": [...]}`: everyone
/// with something to show; someone left out shows nothing but "away".
pub(crate) async fn everyone(app: &App, _me: User) -> ApiResult<Response> {
    let all = status::everyone(app).await?;
    Ok(reply::ok(json!({
        "away_after_seconds": app.config.away_after.as_secs(),
        "results": all.iter().map(presence_json).collect::<Vec<_>>(),
    })))
}

/// `GET /messages/api/statuses/{id}/?at=`: one person's (404 for no such active
/// person); `at` (a time) reads their quiet hours and local time then instead of now.
pub(crate) async fn one(app: &App, req: &Request, _me: User, user_id: i64) -> ApiResult<Response> {
    let at = match req.query_param("at") {
        Some(text) if !text.trim().is_empty() => Some(read_time("at", &text)?),
        _ => None,
    };
    Ok(reply::ok(presence_json(
        &status::of(app, user_id, at).await?,
    )))
}
