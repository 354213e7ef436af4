//! `GET /pushers` and `POST /pushers/set`: where a Matrix app on a phone wants its
//! person's notifications sent (`domain::matrix::pushers`). Only `http` pushers (a push
//! gateway) are kept; natter's own missed-message mail stands for Synapse's `email`
//! pushers.

use crate::domain::matrix::pushers::{self, NewPusher, MAX_APP_ID, MAX_PUSHKEY};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error};
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// `GET /pushers`.
pub async fn list(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let pushers = pushers::list(app, me.id).await?;
    Ok(reply::json(200, &json!({ "pushers": pushers })))
}

/// `POST /pushers/set`: `kind: "http"` keeps a pusher, `kind: null` removes it.
pub async fn set(app: &App, req: &Request) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let made_with = caller
        .credential()
        .digest()
        .map(<[u8]>::to_vec)
        .ok_or(ApiError::InvalidToken)?;
    let me = caller.user(app).await?;
    let mut given = body::object(req)?;
    let app_id = bounded(&given, "app_id", MAX_APP_ID)?;
    let pushkey = bounded(&given, "pushkey", MAX_PUSHKEY)?;
    match given.get("kind") {
        Some(Value::Null) => {
            pushers::remove(app, me.id, &app_id, &pushkey).await?;
            return Ok(reply::json(200, &json!({})));
        }
        Some(Value::String(kind)) if kind == "http" => {}
        Some(Value::String(_)) => {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                "Only 'http' pushers are kept here: natter mails missed messages itself",
            ))
        }
        _ => return Err(bad_json("'kind' is required: 'http', or null to remove")),
    }
    for field in ["app_display_name", "device_display_name", "lang"] {
        bounded(&given, field, MAX_PUSHKEY)?;
    }
    let url = match given.get("data") {
        Some(Value::Object(data)) => match data.get("url") {
            Some(Value::String(url)) => url.clone(),
            _ => {
                return Err(error(
                    400,
                    "M_MISSING_PARAM",
                    "'data.url' is required for an http pusher",
                ))
            }
        },
        _ => return Err(bad_json("'data' must be an object")),
    };
    // Kept as the app gave it, with when (as Synapse adds), and without `append`: a
    // pusher of the same keys replaces another person's whatever it says.
    given.remove("append");
    given.insert(
        "pushkey_ts".into(),
        json!(crate::kit::clock::now_ms() / 1000),
    );
    let pusher = NewPusher {
        app_id,
        pushkey,
        url,
        given: Value::Object(given),
    };
    pushers::set(app, me.id, made_with, pusher).await?;
    Ok(reply::json(200, &json!({})))
}

/// The required string `name`, 1 to `max` bytes.
fn bounded(given: &Map<String, Value>, name: &str, max: usize) -> ApiResult<String> {
    match body::string(given, name)? {
        Some(s) if !s.is_empty() && s.len() <= max => Ok(s),
        Some(_) => Err(error(
            400,
            "M_INVALID_PARAM",
            &format!("'{name}' must be 1 to {max} bytes"),
        )),
        None => Err(error(
            400,
            "M_MISSING_PARAM",
            &format!("'{name}' is required"),
        )),
    }
}
