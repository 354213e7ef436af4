//! The web client's files as they are served, prepared when natter was built (`build.rs`):
//! each has a strong validator, its content's sha256 (`ETag`; a matching `If-None-Match`
//! is a 304 with no body), and text files their brotli and gzip forms. An address that
//! names the content (`?v=<version>`, the first 12 hex digits of the sha256, as the page
//! names every file) is cached for a year as immutable; any other (the page itself, the
//! service worker, an address without a version) is revalidated on every use. An address
//! naming a version this build does not hold (a page of the build before an upgrade) is a
//! 404 ([`Named::Other`]): a page whose modules came from two builds breaks in
//! ways no one sees, while a module that fails to load makes the page reload, whole, from
//! this build.

use super::compressible::compressible;
use super::files::StaticFile;
use crate::http::compress::{self, Encoding};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use warp::http::{header, HeaderMap, HeaderValue, StatusCode};
use warp::reply::{Reply, Response};

/// A file as it is answered: its bytes, validator and compressed forms, borrowed from the
/// embedded table or from a page made for this server's settings ([`page_with`]).
pub struct Served<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
    pub sha256: &'a str,
    pub br: Option<&'a [u8]>,
    pub gzip: Option<&'a [u8]>,
}

impl StaticFile {
    /// This file as it is answered.
    pub fn served(&'static self) -> Served<'static> {
        Served {
            path: self.path,
            bytes: self.bytes,
            sha256: self.sha256,
            br: self.br,
            gzip: self.gzip,
        }
    }
}

/// A page with something of this server's written into it, compressed once for each
/// different content (the settings change seldom: a provider found after start).
pub struct Made {
    bytes: Vec<u8>,
    sha256: String,
    br: Vec<u8>,
    gzip: Vec<u8>,
}

impl Made {
    fn new(bytes: Vec<u8>) -> Made {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Made {
            br: compress::compress(Encoding::Brotli, &bytes, true),
            gzip: compress::compress(Encoding::Gzip, &bytes, true),
            sha256,
            bytes,
        }
    }

    /// This page as it is answered.
    pub fn served<'a>(&'a self, path: &'a str) -> Served<'a> {
        Served {
            path,
            bytes: &self.bytes,
            sha256: &self.sha256,
            br: Some(&self.br)
                .filter(|b| b.len() < self.bytes.len())
                .map(Vec::as_slice),
            gzip: Some(&self.gzip)
                .filter(|g| g.len() < self.bytes.len())
                .map(Vec::as_slice),
        }
    }
}

/// The last pages made, by what was written into them: one per language and state of the
/// settings, a dozen at most (six languages, each page about 25 KB with its two forms).
static MADE: Mutex<Vec<(String, Arc<Made>)>> = Mutex::new(Vec::new());

/// The page `make` writes for `key` (what goes into it), made and compressed once per
/// different key: a request whose settings are unchanged builds and compares no page.
pub fn page_with(key: &str, make: impl FnOnce() -> String) -> Arc<Made> {
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, page)) = made.iter().find(|(k, _)| k == key) {
        return page.clone();
    }
    let page = Arc::new(Made::new(make().into_bytes()));
    if made.len() >= 12 {
        made.remove(0);
    }
    made.push((key.to_string(), page.clone()));
    page
}

/// Which version of a file a request's query names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// None: the address without `?v=`.
    Unversioned,
    /// The one this build holds: cached as immutable.
    This,
    /// Another build's (a page fetched before an upgrade): not served.
    Other,
}

/// Which version of `file` `query` names: this one if any `v` does, read in one pass.
pub fn named(file: &Served<'_>, query: &str) -> Named {
    let mut named = Named::Unversioned;
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k == "v" {
            if v.len() >= 12 && file.sha256.starts_with(v.as_ref()) {
                return Named::This;
            }
            named = Named::Other;
        }
    }
    named
}

/// `file` as an answer to a request with `headers` whose query names `version` of it:
/// 304 when its `If-None-Match` names this content, else the bytes in the best encoding
/// the client accepts.
pub fn answer(
    file: &Served<'_>,
    content_type: &'static str,
    headers: &HeaderMap,
    version: Named,
) -> Response {
    let cache = if version == Named::This {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let (body, coding): (&[u8], Option<Encoding>) = match (compress::choose(headers), file) {
        (Some(Encoding::Brotli), Served { br: Some(b), .. }) => (b, Some(Encoding::Brotli)),
        (Some(_), Served { gzip: Some(g), .. }) => (g, Some(Encoding::Gzip)),
        _ => (file.bytes, None),
    };
    // One tag per form: a cache that kept the gzip form does not serve it as brotli.
    let etag = match coding {
        None => format!("\"{}\"", file.sha256),
        Some(e) => format!("\"{}-{}\"", file.sha256, e.token()),
    };
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/").trim_matches('"'))
        .any(|t| t == "*" || t.split('-').next() == Some(file.sha256));
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
    if compressible(file.path) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}
