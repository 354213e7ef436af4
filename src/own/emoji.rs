//! natter's custom emoji routes: the list every signed-in person's client reads to draw
//! `:name:`, adding one (a multipart `name` and `image`), removing one, and its image.

use crate::domain::messaging::custom_emoji;
use crate::http::error::{ApiError, ApiResult};
use crate::http::null_chars;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::{custom_emoji::CustomEmoji, people::users::User};
use bytes::Bytes;
use serde_json::{json, Value};
use warp::reply::Response;

/// An emoji as the API shows it.
fn emoji_json(e: &CustomEmoji) -> Value {
    json!({
        "id": e.id,
        "name": e.name,
        "url": format!("/api/emoji/{}/image/", e.id),
        "content_type": e.content_type,
        "width": e.width,
        "height": e.height,
        "created_by": e.created_by,
        "created_at": e.created_at,
    })
}

/// `GET /api/emoji/` -> `{"count", "results", "may_add"}`, by name.
pub(crate) async fn list(app: &App, me: User) -> ApiResult<Response> {
    let all = custom_emoji::list(app).await?;
    let rows: Vec<Value> = all.iter().map(emoji_json).collect();
    Ok(reply::ok(json!({
        "count": rows.len(),
        "results": rows,
        "may_add": custom_emoji::may_add(app, &me),
    })))
}

/// `POST /api/emoji/` (multipart: `name`, `image`) -> 201 with the emoji.
pub(crate) async fn add(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let (name, image) = parts(req).await?;
    let emoji = custom_emoji::add(app, &me, &name, image).await?;
    Ok(reply::created(emoji_json(&emoji)))
}

/// `DELETE /api/emoji/{id}/` -> 204.
pub(crate) async fn remove(app: &App, me: User, id: i64) -> ApiResult<Response> {
    custom_emoji::remove(app, &me, id).await?;
    Ok(reply::no_content())
}

/// `GET /api/emoji/{id}/image/`: the stored image. An id is never reused for other
/// bytes, so a browser keeps it for a day without asking again.
pub(crate) async fn image(app: &App, id: i64) -> ApiResult<Response> {
    let (content_type, bytes) = custom_emoji::image(app, id).await?;
    Ok(reply::stored_picture(
        &content_type,
        bytes,
        "private, max-age=86400",
    ))
}

/// The `name` and `image` parts of a multipart body.
async fn parts(req: &Request) -> ApiResult<(String, Bytes)> {
    let no_image = || ApiError::field("image", "No file provided.");
    let Some(boundary) = req
        .header("content-type")
        .and_then(|ct| multer::parse_boundary(ct).ok())
    else {
        return Err(no_image());
    };
    let body = req.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let malformed = |e: multer::Error| ApiError::field("image", format!("Malformed upload: {e}"));
    let (mut name, mut image) = (None, None);
    while let Some(field) = multipart.next_field().await.map_err(malformed)? {
        match field.name() {
            Some("name") => name = Some(field.text().await.map_err(malformed)?),
            Some("image") => image = Some(field.bytes().await.map_err(malformed)?),
            _ => {}
        }
    }
    let name = name.ok_or_else(|| ApiError::field("name", "This field is required."))?;
    null_chars::refuse_in_pairs([("name", name.as_str())])?;
    Ok((name, image.ok_or_else(no_image)?))
}
