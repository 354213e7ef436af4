//! `/user/{userId}/account_data/{type}` and `/user/{userId}/rooms/{roomId}/account_data/
//! {type}`: an app's settings kept for the person (`domain::matrix::account_data`).

use super::errors::{error, forbidden, not_found};
use super::rooms::room_lookup::{chat_of, refused};
use super::{body, sign_in::auth};
use crate::domain::matrix::account_data;
use crate::domain::matrix::ids::{self, server_name};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// The caller, refused unless `user` is their own id.
async fn own(app: &App, req: &Request, user: &str) -> ApiResult<User> {
    let me = auth::caller(app, req)?.user(app).await?;
    match user == ids::user_id(&me.username, me.id, server_name(app)) {
        true => Ok(me),
        false => Err(forbidden("Cannot use another user's account data")),
    }
}

/// `PUT` of one type, for the account (`room: None`) or a room.
pub async fn put(
    app: &App,
    req: &Request,
    user: &str,
    room: Option<&str>,
    kind: &str,
) -> ApiResult<Response> {
    let me = own(app, req, user).await?;
    let chat = room.map(|r| chat_of(app, r)).transpose()?;
    let content = body::object(req)?;
    let text = serde_json::to_string(&Value::Object(content)).unwrap_or_else(|_| "{}".into());
    account_data::put(app, me.id, chat, kind.to_string(), text)
        .await
        .map_err(|e| match e {
            crate::domain::Error::Invalid(_) => error(
                405,
                "M_BAD_JSON",
                "This type of account data is the server's to set",
            ),
            other => refused(other),
        })?;
    Ok(reply::json(200, &json!({})))
}

/// `GET` of one type.
pub async fn get(
    app: &App,
    req: &Request,
    user: &str,
    room: Option<&str>,
    kind: &str,
) -> ApiResult<Response> {
    let me = own(app, req, user).await?;
    let chat = room.map(|r| chat_of(app, r)).transpose()?;
    let found = account_data::get(app, me.id, chat, kind.to_string())
        .await
        .map_err(refused)?
        .ok_or_else(|| not_found("Account data not found"))?;
    let content: Value = serde_json::from_str(&found).unwrap_or_else(|_| json!({}));
    Ok(reply::json(200, &content))
}
