//! What a Matrix app reads before and right after signing in: where the server is
//! (`/.well-known/matrix/client`), which versions of the API it speaks, what an account
//! may change, the upload limit.

use super::auth;
use crate::domain::matrix::ids::server_name;
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

/// Where apps reach the API: `--public-url`, else the address this request came to when
/// its host is this server's own (the Matrix server name's, or loopback), else the
/// Matrix server name. A `Host` header is the client's to write: taken as it came, a
/// request with `Host: evil.example` (or a cache in front that keeps its answer) would
/// send apps, and their passwords and OAuth codes, to evil.example.
pub fn base_url(app: &App, req: &Request) -> String {
    if let Some(url) = &app.config.public_url {
        return url.clone();
    }
    let server = server_name(app);
    match req.client.host.as_deref() {
        Some(host) if host_is_ours(host, server) => req.base_url(),
        _ => format!("{}://{server}", req.scheme()),
    }
}

/// Whether `host` (a `Host` header, with or without its port) names this server: the
/// host of its Matrix server name, or a loopback name or address.
fn host_is_ours(host: &str, server: &str) -> bool {
    let name = |h: &str| -> String {
        let h = match h.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => h.rsplit_once(':').map_or(h, |(name, _)| name),
        };
        h.trim_end_matches('.').to_ascii_lowercase()
    };
    let host = name(host);
    if host == name(server) || host == "localhost" {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
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

#[cfg(test)]
mod tests {
    use super::host_is_ours;

    #[test]
    fn only_the_servers_own_host_and_loopback_are_taken_from_a_request() {
        assert!(host_is_ours("chat.example.org", "chat.example.org"));
        assert!(host_is_ours("CHAT.example.org.:443", "chat.example.org"));
        assert!(host_is_ours("127.0.0.1:8000", "chat.example.org"));
        assert!(host_is_ours("[::1]:8000", "chat.example.org"));
        assert!(host_is_ours("localhost", "chat.example.org"));
        assert!(host_is_ours("192.0.2.7:8000", "192.0.2.7:8000"));
        assert!(!host_is_ours("evil.example", "chat.example.org"));
        assert!(!host_is_ours(
            "chat.example.org.evil.example",
            "chat.example.org"
        ));
        assert!(!host_is_ours("10.0.0.1", "chat.example.org"));
        assert!(!host_is_ours("[2001:db8::1]", "chat.example.org"));
    }
}
