//! `/room_keys/version` and `/room_keys/keys`: server-side key backup, each version and
//! room key kept as the app wrote it (`domain::matrix::encryption::key_backup`).

use crate::domain::matrix::encryption::key_backup::{self, Backup, KeysRefused, RoomKey};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error, not_found};
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// The largest `auth_data` kept, in bytes of JSON.
const MAX_JSON: usize = 16 * 1024;
/// The largest room key kept, in bytes of JSON (one is about a kilobyte).
const MAX_KEY_JSON: usize = 4 * 1024;
/// The most room keys one request stores.
const MAX_PER_REQUEST: usize = 10_000;

/// A version number as the path or query names it; anything else is no version.
fn version_of(text: &str) -> ApiResult<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| not_found("Unknown backup version"))
}

/// The `version` query parameter, which the key routes require.
fn version_param(req: &Request) -> ApiResult<i64> {
    let v = req
        .query_param("version")
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'version' is required"))?;
    version_of(&v)
}

fn version_json(b: &Backup) -> Value {
    let auth_data: Value = serde_json::from_str(&b.auth_data).unwrap_or_else(|_| json!({}));
    json!({
        "algorithm": b.algorithm,
        "auth_data": auth_data,
        "count": b.count,
        "etag": b.etag.to_string(),
        "version": b.version.to_string(),
    })
}

/// The `algorithm` and `auth_data` of a version's body.
fn algorithm_and_auth(body: &Map<String, Value>) -> ApiResult<(String, String)> {
    let algorithm = body::string(body, "algorithm")?
        .filter(|a| !a.is_empty() && a.len() <= 255)
        .ok_or_else(|| bad_json("'algorithm' is required"))?;
    let auth_data = match body.get("auth_data") {
        Some(Value::Object(a)) => Value::Object(a.clone()).to_string(),
        _ => return Err(bad_json("'auth_data' must be an object")),
    };
    if auth_data.len() > MAX_JSON {
        return Err(error(
            400,
            "M_TOO_LARGE",
            "'auth_data' is larger than this server keeps",
        ));
    }
    Ok((algorithm, auth_data))
}

/// `GET /room_keys/version` (the current one) and `GET /room_keys/version/{v}`.
pub async fn get_version(app: &App, req: &Request, version: Option<&str>) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version.map(version_of).transpose()?;
    match key_backup::get(app, me.id, version).await? {
        Some(b) => Ok(reply::json(200, &version_json(&b))),
        None => Err(not_found("No current backup version")),
    }
}

/// `POST /room_keys/version`.
pub async fn create_version(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let (algorithm, auth_data) = algorithm_and_auth(&body::object(req)?)?;
    let version = key_backup::create(app, me.id, algorithm, auth_data).await?;
    Ok(reply::json(200, &json!({"version": version.to_string()})))
}

/// `PUT /room_keys/version/{v}`.
pub async fn update_version(app: &App, req: &Request, version: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version_of(version)?;
    let body = body::object(req)?;
    if let Some(named) = body::string(&body, "version")? {
        if named != version.to_string() {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                "The body names another version",
            ));
        }
    }
    let (algorithm, auth_data) = algorithm_and_auth(&body)?;
    key_backup::update(app, me.id, version, algorithm, auth_data)
        .await
        .map_err(missing_version)?;
    Ok(reply::json(200, &json!({})))
}

/// `DELETE /room_keys/version/{v}`.
pub async fn delete_version(app: &App, req: &Request, version: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version_of(version)?;
    key_backup::delete(app, me.id, version)
        .await
        .map_err(missing_version)?;
    Ok(reply::json(200, &json!({})))
}

/// A version that is not there answers Matrix's 404.
fn missing_version(e: crate::domain::Error) -> ApiError {
    match e {
        crate::domain::Error::NotFound(_) => not_found("Unknown backup version"),
        other => other.into(),
    }
}

/// One room key of a body, with what decides whether it replaces the stored one.
fn room_key(room: &str, session: &str, data: &Value) -> ApiResult<RoomKey> {
    if !data.is_object() || data.get("session_data").is_none() {
        return Err(bad_json("A room key must be an object with 'session_data'"));
    }
    let json = data.to_string();
    if json.len() > MAX_KEY_JSON || room.len() > 255 || session.len() > 255 {
        return Err(error(
            400,
            "M_TOO_LARGE",
            "A room key is larger than this server keeps",
        ));
    }
    Ok(RoomKey {
        room_id: room.to_string(),
        session_id: session.to_string(),
        json,
        first_message_index: data["first_message_index"].as_i64().unwrap_or(0),
        forwarded_count: data["forwarded_count"].as_i64().unwrap_or(0),
        is_verified: data["is_verified"].as_bool().unwrap_or(false),
    })
}

/// The room keys of a `{sessions: {...}}` object of one room.
fn room_keys(room: &str, sessions: &Value, out: &mut Vec<RoomKey>) -> ApiResult<()> {
    let Some(sessions) = sessions["sessions"].as_object() else {
        return Err(bad_json("'sessions' must be an object"));
    };
    for (session, data) in sessions {
        if out.len() >= MAX_PER_REQUEST {
            return Err(error(
                400,
                "M_TOO_LARGE",
                "Too many room keys in one request",
            ));
        }
        out.push(room_key(room, session, data)?);
    }
    Ok(())
}

/// `PUT /room_keys/keys[/{room}[/{session}]]?version=`.
pub async fn put_keys(
    app: &App,
    req: &Request,
    room: Option<&str>,
    session: Option<&str>,
) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version_param(req)?;
    let body = Value::Object(body::object(req)?);
    let mut keys = Vec::new();
    match (room, session) {
        (Some(room), Some(session)) => keys.push(room_key(room, session, &body)?),
        (Some(room), None) => room_keys(room, &body, &mut keys)?,
        _ => {
            let Some(rooms) = body["rooms"].as_object() else {
                return Err(bad_json("'rooms' must be an object"));
            };
            for (room, sessions) in rooms {
                room_keys(room, sessions, &mut keys)?;
            }
        }
    }
    match key_backup::put_keys(app, me.id, version, keys).await? {
        Ok((count, etag)) => Ok(reply::json(
            200,
            &json!({"count": count, "etag": etag.to_string()}),
        )),
        Err(KeysRefused::NotCurrent(None)) => Err(not_found("Unknown backup version")),
        Err(KeysRefused::NotCurrent(Some(current))) => Err(ApiError::verbatim(
            403,
            json!({
                "errcode": "M_WRONG_ROOM_KEYS_VERSION",
                "error": "This is not the current backup version",
                "current_version": current.to_string(),
            }),
        )),
    }
}

/// `GET /room_keys/keys[/{room}[/{session}]]?version=`.
pub async fn get_keys(
    app: &App,
    req: &Request,
    room: Option<&str>,
    session: Option<&str>,
) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version_param(req)?;
    let keys = key_backup::keys(
        app,
        me.id,
        version,
        room.map(str::to_string),
        session.map(str::to_string),
    )
    .await?
    .ok_or_else(|| not_found("Unknown backup version"))?;
    let parse = |json: &str| serde_json::from_str::<Value>(json).unwrap_or_else(|_| json!({}));
    if session.is_some() {
        let (_, _, key) = keys.first().ok_or_else(|| not_found("No room key found"))?;
        return Ok(reply::json(200, &parse(key)));
    }
    let mut rooms = Map::new();
    for (room_id, session_id, key) in &keys {
        let entry = rooms
            .entry(room_id.clone())
            .or_insert_with(|| json!({"sessions": {}}));
        entry["sessions"][session_id] = parse(key);
    }
    match room {
        Some(room) => Ok(reply::json(
            200,
            rooms.get(room).unwrap_or(&json!({"sessions": {}})),
        )),
        None => Ok(reply::json(200, &json!({ "rooms": rooms }))),
    }
}

/// `DELETE /room_keys/keys[/{room}[/{session}]]?version=`.
pub async fn delete_keys(
    app: &App,
    req: &Request,
    room: Option<&str>,
    session: Option<&str>,
) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let version = version_param(req)?;
    let (count, etag) = key_backup::delete_keys(
        app,
        me.id,
        version,
        room.map(str::to_string),
        session.map(str::to_string),
    )
    .await
    .map_err(missing_version)?;
    Ok(reply::json(
        200,
        &json!({"count": count, "etag": etag.to_string()}),
    ))
}
