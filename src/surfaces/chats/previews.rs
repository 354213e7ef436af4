//! natter's link preview routes in the chats surface: the sender takes a preview off
//! their message, and a preview's picture is served from natter's own copy (the web
//! client draws it from here, so no reader's browser contacts the site).

use crate::domain::link_previews::remove;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use warp::reply::Response;

/// `DELETE /messages/api/messages/{id}/previews/{preview}/` -> 204: the preview is off the
/// caller's own message (already off: the same 204).
pub(crate) async fn remove(
    app: &App,
    me: User,
    message_id: i64,
    preview_id: i64,
) -> ApiResult<Response> {
    remove::remove(app, &me, message_id, preview_id).await?;
    Ok(reply::no_content())
}

/// `GET /messages/api/link-previews/{key}/image/` -> the picture's bytes, to anyone
/// signed in who has the key (a message shows it).
pub(crate) async fn image(app: &App, _req: &Request, _me: User, key: &str) -> ApiResult<Response> {
    let (content_type, bytes) = remove::image(app, key.to_string()).await?;
    // Only the two types natter writes its copies in.
    let content_type = match content_type.as_str() {
        "image/png" => "image/png",
        _ => "image/jpeg",
    };
    Ok(reply::stored_picture(
        content_type,
        bytes,
        "private, max-age=3600",
    ))
}
