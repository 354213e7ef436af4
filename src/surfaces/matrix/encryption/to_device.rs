//! `PUT /sendToDevice/{eventType}/{txnId}`: messages from one device straight to
//! others' (room keys, verification), relayed as sent (`domain::matrix::encryption::to_device`).

use crate::domain::matrix::encryption::to_device::{self, Devices, Outgoing, MAX_CONTENT};
use crate::domain::matrix::ids::{self, server_name};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error};
use crate::surfaces::matrix::{body, people, sign_in::auth};
use serde_json::{json, Value};
use warp::reply::Response;

/// The most devices one request sends to.
const MAX_DEVICES: usize = 1_000;

/// `PUT /sendToDevice/{eventType}/{txnId}`.
pub async fn send(app: &App, req: &Request, kind: &str, txn: &str) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let token_hash = auth::device_of(&caller);
    let me = caller.user(app).await?;
    if kind.is_empty() || kind.len() > 255 || txn.is_empty() || txn.len() > 255 {
        return Err(error(
            400,
            "M_INVALID_PARAM",
            "The event type and transaction id must be 1 to 255 bytes",
        ));
    }
    let body = body::object(req)?;
    let messages = match body.get("messages") {
        Some(Value::Object(m)) => m,
        _ => return Err(bad_json("'messages' must be an object")),
    };
    let mut out = Vec::new();
    for (user, devices) in messages {
        let Some(devices) = devices.as_object() else {
            return Err(bad_json(
                "Each person's messages must be an object of devices",
            ));
        };
        let Some(u) = people::named(app, user).await? else {
            continue;
        };
        for (device, content) in devices {
            if out.len() >= MAX_DEVICES {
                return Err(error(400, "M_TOO_LARGE", "Too many devices in one request"));
            }
            if !content.is_object() {
                return Err(bad_json("Each message must be an object"));
            }
            let content = content.to_string();
            if content.len() > MAX_CONTENT {
                return Err(error(
                    400,
                    "M_TOO_LARGE",
                    "A message is larger than this server keeps",
                ));
            }
            out.push(Outgoing {
                user_id: u.id,
                devices: match device.as_str() {
                    "*" => Devices::All,
                    one => Devices::One(one.to_string()),
                },
                content,
            });
        }
    }
    let sender = ids::user_id(&me.username, me.id, server_name(app));
    to_device::send(
        app,
        me.id,
        sender,
        token_hash,
        txn.to_string(),
        kind.to_string(),
        out,
    )
    .await?;
    Ok(reply::json(200, &json!({})))
}
