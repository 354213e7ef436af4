//! `/user/{userId}/filter`: the filters apps upload once and name in `/sync`. A filter's
//! id is its own JSON in URL-safe base64, so it needs no table, survives a restart and
//! is the same on every node; natter caps its size so an id stays a short query.

use crate::domain::matrix::ids;
use crate::domain::matrix::ids::server_name;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::matrix::errors::{error, forbidden, not_found};
use crate::surfaces::matrix::sign_in::auth;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// The largest filter kept, in bytes of JSON: Element's is about 300.
const MAX_FILTER: usize = 4096;

/// Refused unless `user` is the caller's own id: filters are one's own.
fn own(app: &App, me: &User, user: &str) -> ApiResult<()> {
    let mine = ids::user_id(&me.username, me.id, server_name(app));
    match user == mine {
        true => Ok(()),
        false => Err(forbidden("Cannot use filters of other users")),
    }
}

/// `POST /user/{userId}/filter`: keeps a filter; answers its id.
pub async fn create(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    own(app, &me, user)?;
    let filter = crate::surfaces::matrix::body::object(req)?;
    check(&filter).map_err(|e| error(400, "M_BAD_JSON", &e))?;
    let compact = serde_json::to_vec(&Value::Object(filter)).unwrap_or_default();
    if compact.len() > MAX_FILTER {
        return Err(error(
            413,
            "M_TOO_LARGE",
            &format!("A filter may hold at most {MAX_FILTER} bytes of JSON"),
        ));
    }
    Ok(reply::json(
        200,
        &json!({"filter_id": URL_SAFE_NO_PAD.encode(compact)}),
    ))
}

/// Refuses a filter whose known fields have the wrong type, as Synapse does, so a filter
/// read back is one the specification describes. Fields natter does not know are kept.
fn check(filter: &Map<String, Value>) -> Result<(), String> {
    strings(filter, "event_fields", "", "")?;
    match filter.get("event_format") {
        None | Some(Value::Null) => {}
        Some(Value::String(f)) if f == "client" || f == "federation" => {}
        Some(_) => return Err("'event_format' must be 'client' or 'federation'".into()),
    }
    for part in ["presence", "account_data"] {
        events(filter, part, "")?;
    }
    let Some(room) = object(filter, "room", "")? else {
        return Ok(());
    };
    strings(room, "rooms", "room.", "!")?;
    strings(room, "not_rooms", "room.", "!")?;
    flag(room, "include_leave", "room.")?;
    for part in ["ephemeral", "state", "timeline", "account_data"] {
        if let Some(f) = events(room, part, "room.")? {
            let at = format!("room.{part}.");
            strings(f, "rooms", &at, "!")?;
            strings(f, "not_rooms", &at, "!")?;
            for key in [
                "contains_url",
                "include_redundant_members",
                "lazy_load_members",
                "unread_thread_notifications",
            ] {
                flag(f, key, &at)?;
            }
        }
    }
    Ok(())
}

/// `key` of `map` as an object, if it is there (`null` counts as absent).
fn object<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<&'a Map<String, Value>>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(format!("'{at}{key}' must be an object")),
    }
}

/// An event filter's own fields (`limit`, senders and types) under `key`.
fn events<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<&'a Map<String, Value>>, String> {
    let Some(f) = object(map, key, at)? else {
        return Ok(None);
    };
    let at = format!("{at}{key}.");
    match f.get("limit") {
        None | Some(Value::Null) => {}
        // Any integer, as Synapse takes it (`/sync` reads a timeline's between 1 and 100).
        Some(Value::Number(n)) if n.is_i64() => {}
        Some(_) => return Err(format!("'{at}limit' must be an integer")),
    }
    strings(f, "senders", &at, "@")?;
    strings(f, "not_senders", &at, "@")?;
    strings(f, "types", &at, "")?;
    strings(f, "not_types", &at, "")?;
    Ok(Some(f))
}

/// `key` of `map`, if there, as a list of strings each starting with `prefix`.
fn strings(map: &Map<String, Value>, key: &str, at: &str, prefix: &str) -> Result<(), String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Array(items))
            if items
                .iter()
                .all(|i| i.as_str().is_some_and(|s| s.starts_with(prefix))) =>
        {
            Ok(())
        }
        Some(_) if prefix.is_empty() => Err(format!("'{at}{key}' must be a list of strings")),
        Some(_) => Err(format!(
            "'{at}{key}' must be a list of ids starting with '{prefix}'"
        )),
    }
}

/// `key` of `map`, if there, as a boolean.
fn flag(map: &Map<String, Value>, key: &str, at: &str) -> Result<(), String> {
    match map.get(key) {
        None | Some(Value::Null | Value::Bool(_)) => Ok(()),
        Some(_) => Err(format!("'{at}{key}' must be true or false")),
    }
}

/// The filter an id names (`/sync?filter=`), or `None` for an id natter never gave.
pub fn named(id: &str) -> Option<Value> {
    let bytes = URL_SAFE_NO_PAD.decode(id).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(Value::Object(map)),
        _ => None,
    }
}

/// `GET /user/{userId}/filter/{filterId}`.
pub async fn get(app: &App, req: &Request, user: &str, id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    own(app, &me, user)?;
    match named(id) {
        Some(filter) => Ok(reply::json(200, &filter)),
        None => Err(not_found("No such filter")),
    }
}
