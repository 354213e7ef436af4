//! People by Matrix id: who a user id in a path or body names, and their profiles
//! (`/profile/{userId}`), which apps read for names beside messages.

use super::auth;
use super::body;
use super::errors::{error, forbidden, not_found};
use super::ids::{self, server_name, Named};
use crate::domain::people::accounts;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::json;
use warp::reply::Response;

/// The active account a user id of this server names; `None` for anyone else.
pub async fn named(app: &App, user_id: &str) -> ApiResult<Option<User>> {
    let found = match ids::named_by_user_id(user_id, server_name(app)) {
        Some(Named::Key(key)) => accounts::by_username(app, key).await?,
        Some(Named::Id(id)) => accounts::user_by_id(app, id).await?,
        None => None,
    };
    // A name key looks a name up loosely: the id must be exactly this person's.
    Ok(found
        .filter(|u| u.is_active && ids::user_id(&u.username, u.id, server_name(app)) == user_id))
}

/// The account `user_id` names, or the 404 Matrix answers for an unknown user.
pub async fn required(app: &App, user_id: &str) -> ApiResult<User> {
    named(app, user_id)
        .await?
        .ok_or_else(|| not_found("No such user on this server"))
}

/// `GET /profile/{userId}`.
pub async fn profile(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let u = required(app, user).await?;
    Ok(reply::json(200, &json!({"displayname": u.shown_name()})))
}

/// `GET /profile/{userId}/displayname`.
pub async fn display_name(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let u = required(app, user).await?;
    Ok(reply::json(200, &json!({"displayname": u.shown_name()})))
}

/// `GET /profile/{userId}/avatar_url`: natter's pictures are not in the media
/// repository yet.
pub async fn avatar_url(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    required(app, user).await?;
    Ok(reply::json(200, &json!({})))
}

/// `PUT /profile/{userId}/displayname`: one's own, as natter's account page sets it.
pub async fn set_display_name(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    if user != ids::user_id(&me.username, me.id, server_name(app)) {
        return Err(forbidden("Cannot set another user's display name"));
    }
    let content = body::object(req)?;
    let name = body::string(&content, "displayname")?
        .ok_or_else(|| error(400, "M_BAD_JSON", "'displayname' is required"))?;
    let name = Some(name).filter(|n| !n.trim().is_empty());
    accounts::set_display_name(app, me.id, name).await?;
    Ok(reply::json(200, &json!({})))
}
