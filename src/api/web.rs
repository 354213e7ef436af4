//! The web client's files (embedded from `static/` at build time), the health check,
//! and the default profile image.

use crate::http::error::{ApiError, ApiResult};
use warp::http::{header, HeaderMap, HeaderValue, StatusCode};
use warp::reply::{Reply, Response};

include!(concat!(env!("OUT_DIR"), "/static_files.rs"));

/// A 1x1 grey JPEG-compatible placeholder is not needed: the default image is an SVG.
const DEFAULT_AVATAR: &str = "<svg xmlns='http://www.w3.org/2000/svg' width='128' height='128'><rect width='128' height='128' fill='#9e9e9e'/><circle cx='64' cy='50' r='24' fill='#eeeeee'/><rect x='28' y='84' width='72' height='36' rx='18' fill='#eeeeee'/></svg>";

/// The health check.
pub fn health() -> Response {
    plain(b"ok".to_vec(), "text/plain; charset=utf-8")
}

/// A file of the web client, answering `req` (validators, encodings, `?v=`: see
/// `static_files`); the route table only names files that exist.
pub fn static_asset(path: &str, req: &crate::http::request::Request) -> ApiResult<Response> {
    let (_, bytes) = STATIC_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .ok_or_else(ApiError::not_found)?;
    let mut response =
        super::static_files::answer(path, bytes, content_type(path), &req.headers, &req.query);
    if path == "sw.js" {
        // Served at /sw.js, it may control the whole site.
        response.headers_mut().insert(
            header::HeaderName::from_static("service-worker-allowed"),
            HeaderValue::from_static("/"),
        );
    }
    Ok(response)
}

/// Every embedded file, by path under `static/`.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    STATIC_FILES
}

/// The default profile image.
pub fn default_avatar() -> Response {
    plain(DEFAULT_AVATAR.as_bytes().to_vec(), "image/svg+xml")
}

/// Whether `path` (under `/static/`) is one of the web client's files.
pub fn has_static(path: &str) -> bool {
    STATIC_FILES.iter().any(|(p, _)| *p == path)
}

/// 200 with no body and the `Allow` header `allow`: Django's plain `View.options` (these
/// are not DRF views).
pub fn allow_only(allow: &str) -> Response {
    let mut response = Vec::<u8>::new().into_response();
    if let Ok(allow) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// `bytes` as a 200 of `content_type`, revalidated on every use; a page also gets its
/// security headers.
pub fn plain(bytes: Vec<u8>, content_type: &'static str) -> Response {
    let mut response = bytes.into_response();
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if content_type.starts_with("text/html") {
        page_headers(headers);
    }
    response
}

/// The security headers of every HTML page natter serves (the web client's, and the
/// browsable API's in `api::browsable`).
pub fn page_headers(headers: &mut HeaderMap) {
    // The page may not be framed (clickjacking) nor run scripts from elsewhere; the
    // client keeps its code in /static and writes no inline script or style.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

/// The web client's Content-Security-Policy: everything from this server only, images
/// also inline (`data:`), never inside another site's frame. `connect-src 'self'` covers
/// the client's own socket too (CSP level 3 matches `ws:`/`wss:` to the page's own host
/// and port under `'self'`); `ws: wss:` would let a script talk to any socket anywhere.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";
