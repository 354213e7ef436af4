//! `/devices`: the account's Matrix sign-ins, listed, named and ended. natter's own
//! client ends a sign-in without asking for the password again, so these do not either
//! (a Matrix app never needs more proof here than natter's client does).

use super::auth;
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sign_in::devices::{self, Device};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::body;
use crate::surfaces::matrix::errors::{bad_json, error, not_found};
use serde_json::{json, Value};
use warp::reply::Response;

/// A device as Synapse writes one (its owner's id too, which the specification leaves
/// out and apps may read).
fn device_json(d: &Device, owner: &str) -> Value {
    json!({
        "device_id": d.device_id,
        "user_id": owner,
        "display_name": d.display_name,
        // natter keeps no address per device (nor shows one on its account page);
        // matrix-nio wants the key all the same, and the specification a string.
        "last_seen_ip": "",
        "last_seen_ts": d.created_at.as_deref().map(crate::domain::matrix::ids::millis),
    })
}

/// `GET /devices`.
pub async fn list(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let all = devices::list(app, me.id).await?;
    let owner = ids::user_id(&me.username, me.id, server_name(app));
    let all: Vec<Value> = all.iter().map(|d| device_json(d, &owner)).collect();
    Ok(reply::json(200, &json!({ "devices": all })))
}

/// `GET /devices/{id}`.
pub async fn one(app: &App, req: &Request, id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let all = devices::list(app, me.id).await?;
    match all.iter().find(|d| d.device_id == id) {
        Some(d) => {
            let owner = ids::user_id(&me.username, me.id, server_name(app));
            Ok(reply::json(200, &device_json(d, &owner)))
        }
        None => Err(not_found("No such device")),
    }
}

/// `PUT /devices/{id}`: names it.
pub async fn rename(app: &App, req: &Request, id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    if let Some(name) = body::string(&body, "display_name")? {
        if name.len() > devices::MAX_DEVICE_ID {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                &format!(
                    "'display_name' must be at most {} bytes",
                    devices::MAX_DEVICE_ID
                ),
            ));
        }
        devices::rename(app, me.id, id.to_string(), name)
            .await
            .map_err(|_| not_found("No such device"))?;
    } else if !devices::list(app, me.id)
        .await?
        .iter()
        .any(|d| d.device_id == id)
    {
        return Err(not_found("No such device"));
    }
    Ok(reply::json(200, &json!({})))
}

/// `DELETE /devices/{id}`: signs it out (an unknown one is no error).
pub async fn delete(app: &App, req: &Request, id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    devices::end(app, me.id, vec![id.to_string()]).await?;
    Ok(reply::json(200, &json!({})))
}

/// `POST /delete_devices`: signs several out.
pub async fn delete_many(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    let ids: Vec<String> = match body.get("devices") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or_else(|| bad_json("'devices' must be a list of device ids"))?,
        _ => return Err(bad_json("'devices' must be a list of device ids")),
    };
    devices::end(app, me.id, ids).await?;
    Ok(reply::json(200, &json!({})))
}
