//! The web client's files (embedded from `static/` at build time), the health check,
//! and the default profile image.

use crate::api::reply::ErrorStyle;
use crate::api::request::Request;
use crate::api::Routed;
use crate::error::ApiError;
use warp::http::{header, HeaderValue, Method, StatusCode};
use warp::reply::{Reply, Response};

include!(concat!(env!("OUT_DIR"), "/static_files.rs"));

/// A 1x1 grey JPEG-compatible placeholder is not needed: the default image is an SVG.
const DEFAULT_AVATAR: &str = "<svg xmlns='http://www.w3.org/2000/svg' width='128' height='128'><rect width='128' height='128' fill='#9e9e9e'/><circle cx='64' cy='50' r='24' fill='#eeeeee'/><rect x='28' y='84' width='72' height='36' rx='18' fill='#eeeeee'/></svg>";

/// Routes `/`, `/healthz`, `/static/...` and the default image.
pub async fn route(req: &Request) -> Option<Routed> {
    let segs = req.segments();
    let response = match segs.as_slice() {
        [] => static_file("index.html"),
        ["healthz"] => Some(body(b"ok".to_vec(), "text/plain; charset=utf-8")),
        ["static", rest @ ..] => static_file(&rest.join("/")),
        ["media", "user_images", "default.jpg"] => {
            Some(body(DEFAULT_AVATAR.as_bytes().to_vec(), "image/svg+xml"))
        }
        _ => return None,
    };
    let result = match (response, &req.method) {
        (Some(r), &Method::GET | &Method::HEAD) => Ok(r),
        // Django's plain `View.options`: 200, `Allow`, no body (these are not DRF views).
        (Some(_), &Method::OPTIONS) => Ok(allow_only(&[Method::GET])),
        (Some(_), m) => Err(ApiError::method_not_allowed(m, &[Method::GET])),
        (None, _) => Err(ApiError::not_found()),
    };
    Some(Routed {
        style: ErrorStyle::Drf,
        result,
    })
}

/// 200 with no body and the `Allow` header of a path that accepts `accepted`.
fn allow_only(accepted: &[Method]) -> Response {
    let mut response = Vec::<u8>::new().into_response();
    if let Ok(allow) = HeaderValue::from_str(&crate::error::allow_header(accepted)) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

fn static_file(path: &str) -> Option<Response> {
    let (_, bytes) = STATIC_FILES.iter().find(|(p, _)| *p == path)?;
    Some(body(bytes.to_vec(), content_type(path)))
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
        _ => "application/octet-stream",
    }
}

fn body(bytes: Vec<u8>, content_type: &'static str) -> Response {
    let mut response = bytes.into_response();
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if content_type.starts_with("text/html") {
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
    response
}

/// The web client's Content-Security-Policy: everything from this server only, sockets
/// to it, images also inline (`data:`), never inside another site's frame.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";
