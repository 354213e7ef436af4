//! The media repository over natter's uploads: `POST /_matrix/media/v3/upload` stores a
//! file as natter's upload does (its size limit and quota), `mxc://<server>/<file id>`
//! names it, and `GET /_matrix/client/v1/media/download|thumbnail` serve it with
//! natter's rule: only its uploader and the members of a chat where it was shared read
//! it (Synapse lets any local user). The unauthenticated `/_matrix/media/v3|r0/download`
//! and `thumbnail` that the specification froze are 404, as Synapse answers for new
//! media; with `--matrix-unauthenticated-media` (Synapse's `enable_authenticated_media:
//! false`) they serve any shared file to whoever holds its media id, for the apps that
//! know only those paths.

use super::errors::{error, not_found};
use super::sign_in::auth;
use crate::domain::link_previews;
use crate::domain::matrix::ids::server_name;
use crate::domain::matrix::media_ids;
use crate::domain::uploads::files::{self, Upload};
use crate::domain::uploads::thumbnails;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::messaging::files::FileMeta;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// The content URI of natter's file `id` (its media id is not the bare number:
/// `domain::matrix::media_ids`).
pub fn mxc(server: &str, id: i64) -> String {
    format!("mxc://{server}/{}", media_ids::media_id(id))
}

/// The content URI of a profile image kept as natter's upload path
/// (`/api/files/<id>/download/`); `None` for no image, or one from elsewhere.
pub fn avatar_of(server: &str, image: &str) -> Option<String> {
    let rest = image.strip_prefix("/api/files/")?;
    let id: i64 = rest.split('/').next()?.parse().ok()?;
    (id > 0).then(|| mxc(server, id))
}

/// natter's profile-image path for upload `id`.
pub fn image_path(id: i64) -> String {
    format!("/api/files/{id}/download/")
}

/// The file a content URI of this server names.
pub fn file_of(app: &App, uri: &str) -> Option<i64> {
    let (server, id) = uri.strip_prefix("mxc://")?.split_once('/')?;
    (server == server_name(app))
        .then(|| media_ids::file_of(id))
        .flatten()
}

/// The Matrix `msgtype` of a file of `content_type`.
pub fn msgtype(content_type: &str) -> &'static str {
    match content_type.split('/').next() {
        Some("image") => "m.image",
        Some("video") => "m.video",
        Some("audio") => "m.audio",
        _ => "m.file",
    }
}

/// A file's `m.room.message` content.
pub fn content_of(server: &str, file: &FileMeta) -> Value {
    let mut info = json!({"mimetype": file.content_type, "size": file.size});
    if let Some(image) = &file.image {
        info["w"] = Value::from(image.width);
        info["h"] = Value::from(image.height);
    }
    json!({
        "msgtype": msgtype(&file.content_type),
        "body": file.filename,
        "filename": file.filename,
        "url": mxc(server, file.id),
        "info": info,
    })
}

/// `POST /_matrix/media/v3/upload?filename=`: the body is the file.
pub async fn upload(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let content_type = req
        .header("content-type")
        .unwrap_or("application/octet-stream")
        .to_string();
    let filename = req
        .query_param("filename")
        .unwrap_or_else(|| "upload".to_string());
    let file = files::save(
        app,
        &me,
        Upload {
            filename,
            content_type,
            bytes: req.body.clone(),
        },
    )
    .await
    .map_err(|e| match e {
        crate::domain::Error::TooLarge => error(
            413,
            "M_TOO_LARGE",
            "The file is larger than this server takes",
        ),
        crate::domain::Error::StorageFull(_) => error(
            413,
            "M_RESOURCE_LIMIT_EXCEEDED",
            "No room is left for this file",
        ),
        crate::domain::Error::Invalid(_) => error(400, "M_INVALID_PARAM", "The file is empty"),
        other => other.into(),
    })?;
    // A picture's size is known before the app sends it (its event's `info.w` and `h`,
    // by which apps size it), as natter's own upload waits for it.
    thumbnails::make_soon(app, &file).await;
    Ok(reply::json(
        200,
        &json!({"content_uri": mxc(server_name(app), file.id)}),
    ))
}

/// Who asks for media: a signed-in device (`/_matrix/client/v1/media`), or anyone holding
/// a media id (the frozen `/_matrix/media/v3` paths, when the server allows them).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    SignedIn,
    HolderOfId,
}

impl Reader {
    /// Checks the caller's token, for a signed-in reader.
    async fn check(self, app: &App, req: &Request) -> ApiResult<Option<User>> {
        match self {
            Reader::SignedIn => Ok(Some(auth::caller(app, req)?.user(app).await?)),
            Reader::HolderOfId => Ok(None),
        }
    }
}

/// The file a download or thumbnail path names, if the reader may read it.
async fn readable(
    app: &App,
    req: &Request,
    reader: Reader,
    server: &str,
    id: &str,
) -> ApiResult<FileMeta> {
    let me = reader.check(app, req).await?;
    let id = match server == server_name(app) {
        true => media_ids::file_of(id),
        false => None,
    }
    .ok_or_else(|| not_found("No such media on this server"))?;
    match &me {
        Some(me) => files::readable(app, me, id).await,
        None => files::shared(app, id).await,
    }
    .map_err(|_| not_found("No such media"))
}

/// `GET /_matrix/client/v1/media/download/{serverName}/{mediaId}[/{fileName}]`; a
/// link preview's picture is `lp_<key>` and a custom emoji's `ce_<id>` (anyone signed
/// in sees both).
pub async fn download(
    app: &App,
    req: &Request,
    reader: Reader,
    server: &str,
    id: &str,
) -> ApiResult<Response> {
    if let Some(emoji) = id.strip_prefix(super::emoji_pack::PICTURE) {
        reader.check(app, req).await?;
        let found = match server == server_name(app) {
            true => super::emoji_pack::picture(app, emoji).await?,
            false => None,
        };
        let (kind, bytes) = found.ok_or_else(|| not_found("No such media"))?;
        return Ok(reply::stored_picture(&kind, bytes, "private, max-age=3600"));
    }
    if let Some(key) = id.strip_prefix(PREVIEW_PICTURE) {
        reader.check(app, req).await?;
        if server != server_name(app) {
            return Err(not_found("No such media on this server"));
        }
        let (kind, bytes) = link_previews::remove::image(app, key.to_string())
            .await
            .map_err(|_| not_found("No such media"))?;
        // Only the two types natter writes its copies in.
        let kind = match kind.as_str() {
            "image/png" => "image/png",
            _ => "image/jpeg",
        };
        return Ok(reply::stored_picture(kind, bytes, "private, max-age=3600"));
    }
    let file = readable(app, req, reader, server, id).await?;
    let (content, len) = files::open_content(app, &file)
        .await
        .map_err(|_| not_found("The file's content is gone"))?;
    Ok(reply::file_download(
        content,
        len,
        &files::clean_content_type(&file.content_type),
        &files::content_disposition(&file.filename),
    ))
}

/// `GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}?width=&height=`: the
/// smallest of natter's thumbnails at least as large as asked, else its largest.
pub async fn thumbnail(
    app: &App,
    req: &Request,
    reader: Reader,
    server: &str,
    id: &str,
) -> ApiResult<Response> {
    let size = |name: &str| -> ApiResult<i64> {
        req.query_param(name)
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|v| *v > 0)
            .ok_or_else(|| {
                error(
                    400,
                    "M_MISSING_PARAM",
                    &format!("'{name}' must be a positive number"),
                )
            })
    };
    let wanted = size("width")?.max(size("height")?);
    let file = readable(app, req, reader, server, id).await?;
    let file = match file.image {
        Some(_) => file,
        None if thumbnails::is_picture_type(&file.content_type) => {
            let image = thumbnails::make_soon(app, &file).await;
            FileMeta { image, ..file }
        }
        None => return Err(error(400, "M_UNKNOWN", "This file has no thumbnail")),
    };
    let Some(image) = &file.image else {
        return Err(not_found("This picture has no thumbnail yet"));
    };
    let side = image
        .thumbnails
        .iter()
        .map(|t| t.side)
        .filter(|s| *s >= wanted)
        .min()
        .or_else(|| image.thumbnails.iter().map(|t| t.side).max());
    let Some(side) = side else {
        return download(app, req, reader, server, id).await;
    };
    let (content_type, bytes) = thumbnails::content(app, &file, side)
        .await
        .map_err(|_| not_found("This picture has no thumbnail yet"))?;
    Ok(reply::stored_picture(
        &content_type,
        bytes,
        "private, max-age=31536000, immutable",
    ))
}

/// The media id prefix of a link preview's picture.
const PREVIEW_PICTURE: &str = "lp_";

/// `GET /_matrix/client/v1/media/preview_url?url=...`: natter's preview of a link (the
/// same cache and rules as a message's cards, `--link-previews` included), as Open
/// Graph fields; `{}` when the page showed nothing.
pub async fn preview_url(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    let link = req
        .query_param("url")
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'url' is required"))?;
    if link.len() > 2048 {
        return Err(error(400, "M_INVALID_PARAM", "The url is too long"));
    }
    let Some(kept) = link_previews::fetch::asked(app, &link).await? else {
        return Err(error(
            403,
            "M_FORBIDDEN",
            "This link is not previewed on this server",
        ));
    };
    if !kept.found {
        return Ok(reply::json(200, &json!({})));
    }
    let mut og = serde_json::Map::new();
    for (key, value) in [
        ("og:title", &kept.title),
        ("og:description", &kept.description),
        ("og:site_name", &kept.site_name),
    ] {
        if !value.is_empty() {
            og.insert(key.into(), json!(value));
        }
    }
    if let Some((width, height)) = kept.image_size {
        og.insert(
            "og:image".into(),
            json!(format!(
                "mxc://{}/{PREVIEW_PICTURE}{}",
                server_name(app),
                kept.image_key
            )),
        );
        og.insert("og:image:width".into(), json!(width));
        og.insert("og:image:height".into(), json!(height));
    }
    Ok(reply::json(200, &Value::Object(og)))
}
