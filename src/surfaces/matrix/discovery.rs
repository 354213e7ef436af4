//! What a Matrix app reads before and right after signing in: where the server is
//! (`/.well-known/matrix/client`), which versions of the API it speaks, what an account
//! may change, the upload limit.

use super::auth;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use serde_json::json;
use warp::reply::Response;

/// The specification versions natter answers to: v1.11 is the one whose apps fetch
/// media with a token (`/_matrix/client/v1/media`).
const VERSIONS: [&str; 13] = [
    "r0.5.0", "r0.6.1", "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9",
    "v1.10", "v1.11",
];

/// Where apps reach the API: `--public-url`, else the address this request came to.
pub fn base_url(app: &App, req: &Request) -> String {
    match &app.config.public_url {
        Some(url) => url.clone(),
        None => req.base_url(),
    }
}

/// `GET /.well-known/matrix/client`: the homeserver's base URL and, under
/// `--refuse-encryption`, that apps must not encrypt here (`io.element.e2ee`, which
/// Element's apps read before they make a room encrypted).
pub fn well_known(app: &App, req: &Request) -> ApiResult<Response> {
    let mut body = json!({"m.homeserver": {"base_url": base_url(app, req)}});
    if app.config.refuse_encryption {
        body["io.element.e2ee"] = json!({"default": false, "force_disable": true});
    }
    Ok(reply::json(200, &body))
}

/// `GET /_matrix/client/versions`.
pub fn versions() -> Response {
    reply::json(
        200,
        &json!({"versions": VERSIONS, "unstable_features": {"org.matrix.simplified_msc3575": true}}),
    )
}

/// `GET /capabilities`: what this account may change through Matrix.
pub async fn capabilities(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    Ok(reply::json(
        200,
        &json!({"capabilities": {
            "m.change_password": {"enabled": false},
            "m.room_versions": {"default": "10", "available": {"10": "stable"}},
            "m.set_displayname": {"enabled": true},
            "m.set_avatar_url": {"enabled": true},
            "m.3pid_changes": {"enabled": false},
            "m.get_login_token": {"enabled": false},
        }}),
    ))
}

/// `GET /thirdparty/protocols`: natter bridges to no other network.
pub async fn protocols(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    Ok(reply::json(200, &json!({})))
}

/// `GET /account/3pid`: the addresses bound to the account, none through Matrix.
pub async fn third_party_ids(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    Ok(reply::json(200, &json!({"threepids": []})))
}

/// `GET /_matrix/client/v1/media/config`: the largest upload, natter's.
pub async fn media_config(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    Ok(reply::json(
        200,
        &json!({"m.upload.size": app.config.max_upload_mb.saturating_mul(1024 * 1024)}),
    ))
}
