//! `/user/{userId}/filter`: the filters apps upload once and name in `/sync`. A filter's
//! id is its own JSON in URL-safe base64, so it needs no table, survives a restart and
//! is the same on every node; natter caps its size so an id stays a short query.

use super::auth;
use super::errors::{error, forbidden, not_found};
use crate::domain::matrix::ids;
use crate::domain::matrix::ids::server_name;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
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
    let filter = super::body::object(req)?;
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
