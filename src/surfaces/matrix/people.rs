//! People by Matrix id: who a user id in a path or body names, and their profiles
//! (`/profile/{userId}`), which apps read for names beside messages.

use super::body;
use super::errors::{error, forbidden, not_found};
use super::media;
use super::sign_in::auth;
use crate::domain::matrix::ids::{self, server_name, Named};
use crate::domain::people::{accounts, social};
use crate::domain::uploads::files;
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
    let mut body = json!({"displayname": u.shown_name()});
    if let Some(avatar) = media::avatar_of(server_name(app), &u.image) {
        body["avatar_url"] = avatar.into();
    }
    Ok(reply::json(200, &body))
}

/// `GET /profile/{userId}/displayname`.
pub async fn display_name(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let u = required(app, user).await?;
    Ok(reply::json(200, &json!({"displayname": u.shown_name()})))
}

/// `GET /profile/{userId}/avatar_url`: the profile image when it is an upload of
/// natter's (a picture from elsewhere has no content URI).
pub async fn avatar_url(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let u = required(app, user).await?;
    Ok(reply::json(
        200,
        &match media::avatar_of(server_name(app), &u.image) {
            Some(avatar) => json!({"avatar_url": avatar}),
            None => json!({}),
        },
    ))
}

/// `PUT /profile/{userId}/avatar_url`: one's own picture, an image one may read in the
/// media repository that one uploaded (an app uploads it first); empty takes the
/// picture away.
pub async fn set_avatar_url(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    if user != ids::user_id(&me.username, me.id, server_name(app)) {
        return Err(forbidden("Cannot set another user's avatar"));
    }
    let content = body::object(req)?;
    let uri = body::string(&content, "avatar_url")?.unwrap_or_default();
    let image = own_picture(app, &me, &uri).await?;
    social::update_profile(app, &me, None, Some(image)).await?;
    Ok(reply::json(200, &json!({})))
}

/// The picture a content URI names, as natter keeps a picture (its download path): an
/// image of this server's media that `me` uploaded (an app uploads it first), for a
/// profile or a room; an empty URI is no picture (empty).
pub async fn own_picture(app: &App, me: &User, uri: &str) -> ApiResult<String> {
    if uri.is_empty() {
        return Ok(String::new());
    }
    let id = media::file_of(app, uri).ok_or_else(|| {
        error(
            400,
            "M_INVALID_PARAM",
            "The URL names no media of this server",
        )
    })?;
    let file = files::readable(app, me, id)
        .await
        .map_err(|_| not_found("No such media"))?;
    if file.owner_id != Some(me.id) {
        return Err(forbidden("A picture is one uploaded oneself"));
    }
    if !file.content_type.starts_with("image/") {
        return Err(error(400, "M_INVALID_PARAM", "A picture must be an image"));
    }
    Ok(media::image_path(id))
}

/// `PUT /profile/{userId}/displayname`: one's own, as natter's account page sets it and
/// by its rules (`accounts::display_name_of`: one line without control characters or
/// direction controls, at most 150 characters; longer is 400 `M_INVALID_PARAM`).
pub async fn set_display_name(app: &App, req: &Request, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    if user != ids::user_id(&me.username, me.id, server_name(app)) {
        return Err(forbidden("Cannot set another user's display name"));
    }
    let content = body::object(req)?;
    let name = body::string(&content, "displayname")?
        .ok_or_else(|| error(400, "M_BAD_JSON", "'displayname' is required"))?;
    let name = body::kept("displayname", &name, |n| {
        accounts::display_name_of(n).map_err(|p| crate::domain::Error::field("displayname", p))
    })?;
    // An empty name (or one of controls alone) shows the username again.
    accounts::set_display_name(app, me.id, Some(name)).await?;
    Ok(reply::json(200, &json!({})))
}
