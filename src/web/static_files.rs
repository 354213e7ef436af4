//! The web client's files as they are served. Each has a strong
//! validator, its content's sha256 (`ETag`; a matching `If-None-Match` is a 304 with no
//! body), and text files have brotli and gzip forms, made once in the background at
//! start ([`prepare`]) rather than per request. A URL that names the content
//! (`?v=<version>`, the first 12 hex digits of the sha256) is cached for a year as
//! immutable; any other (`index.html` among them) is revalidated on every use.

use crate::http::compress::{self, Encoding};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;
use warp::http::{header, HeaderMap, HeaderValue, StatusCode};
use warp::reply::{Reply, Response};

/// One file's validator and version.
struct Identity {
    /// The sha256 in hex.
    hash: String,
}

/// One text file's compressed forms (only those smaller than the file).
struct Packed {
    br: Option<Vec<u8>>,
    gzip: Option<Vec<u8>>,
}

static IDENTITIES: OnceLock<HashMap<&'static str, Identity>> = OnceLock::new();
static PACKED: OnceLock<HashMap<&'static str, Packed>> = OnceLock::new();
/// The vendored files' forms, made on their first request (`deferred`).
static PACKED_LATER: OnceLock<HashMap<&'static str, Packed>> = OnceLock::new();

/// Whether `path` is packed on its first request instead of at start: Swagger UI's
/// 1.9 MB, which brotli at its best takes seconds of a core over (every start, every
/// test's server) for a page few open. Packed fast (brotli 1, gzip 1) instead: about
/// 30 ms once, to a third of its size.
fn deferred(path: &str) -> bool {
    path.starts_with("swagger-ui/")
}

/// The compressed forms of the text files `wanted` picks, at the best or fastest level.
fn pack(wanted: fn(&str) -> bool, best: bool) -> HashMap<&'static str, Packed> {
    super::files::files()
        .iter()
        .filter(|(path, _)| compressible(path) && wanted(path))
        .map(|(path, bytes)| {
            let smaller = |e: Encoding| {
                let packed = compress::compress(e, bytes, best);
                (packed.len() < bytes.len()).then_some(packed)
            };
            let packed = Packed {
                br: smaller(Encoding::Brotli),
                gzip: smaller(Encoding::Gzip),
            };
            (*path, packed)
        })
        .collect()
}

fn identities() -> &'static HashMap<&'static str, Identity> {
    IDENTITIES.get_or_init(|| {
        super::files::files()
            .iter()
            .map(|(path, bytes)| {
                let hash = hex::encode(Sha256::digest(bytes));
                (*path, Identity { hash })
            })
            .collect()
    })
}

/// Whether a file of this name is text worth compressing (images are compressed already).
fn compressible(path: &str) -> bool {
    matches!(
        path.rsplit('.').next().unwrap_or(""),
        "html" | "css" | "js" | "mjs" | "json" | "svg" | "webmanifest" | "txt"
    )
}

/// Compresses every text file once, brotli at its best and gzip at 9 (about a second for
/// the whole client on one core); until it is done, files go out uncompressed.
pub fn prepare() {
    identities();
    PACKED.get_or_init(|| pack(|path| !deferred(path), true));
}

/// The file `path` as an answer to a request with `headers` and `query`: 304 when its
/// `If-None-Match` names this content, else the bytes in the best encoding the client
/// accepts.
pub fn answer(
    path: &str,
    bytes: &'static [u8],
    content_type: &'static str,
    headers: &HeaderMap,
    query: &str,
) -> Response {
    let Some(identity) = identities().get(path) else {
        return crate::http::reply::plain(bytes.to_vec(), content_type);
    };
    let named = form_urlencoded::parse(query.as_bytes())
        .any(|(k, v)| k == "v" && identity.hash.starts_with(v.as_ref()) && v.len() >= 12);
    let cache = if named {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let packed = if deferred(path) {
        PACKED_LATER.get_or_init(|| pack(deferred, false)).get(path)
    } else {
        PACKED.get().and_then(|all| all.get(path))
    };
    let encoding = compress::choose(headers);
    let (body, coding): (&[u8], Option<Encoding>) = match (encoding, packed) {
        (Some(Encoding::Brotli), Some(Packed { br: Some(b), .. })) => (b, Some(Encoding::Brotli)),
        (Some(_), Some(Packed { gzip: Some(g), .. })) => (g, Some(Encoding::Gzip)),
        _ => (bytes, None),
    };
    // One tag per form: a cache that kept the gzip form does not serve it as brotli.
    let etag = match coding {
        None => format!("\"{}\"", identity.hash),
        Some(e) => format!("\"{}-{}\"", identity.hash, e.token()),
    };
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
        .any(|t| t == "*" || t.split('-').next() == Some(identity.hash.as_str()));
    let mut response = if matches {
        let mut r = Vec::<u8>::new().into_response();
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        let mut r = crate::http::reply::plain(body.to_vec(), content_type);
        if let Some(e) = coding {
            r.headers_mut().insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(e.token()),
            );
        }
        r
    };
    let h = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, tag);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if compressible(path) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
