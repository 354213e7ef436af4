//! DRF's content negotiation between its two default renderers:
//! `JSONRenderer` first, then `BrowsableAPIRenderer`. Which answers take part (JSON
//! answers of API routes only), and whether a request gets JSON or the browsable page
//! (`api::browsable`), with what the page needs of the request (`Asked`). `api::answer`
//! asks once per request and applies the choice.

use crate::http::accept::{format_asked, prefers_html};
use crate::http::reply::ErrorStyle;
use crate::http::request::Request;
use crate::metrics::SurfaceName;
use crate::routing::routes::Auth;
use crate::routing::routes::{Route, Row, Target};
use warp::http::Method;

/// What a request that may be negotiated gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The JSON answer, as every API client has always had it; `by_accept`: the choice
    /// came from `Accept` (not from `?format=json`), so the answer varies by it.
    Json { by_accept: bool },
    /// The HTML page.
    Page,
}

/// The choice for `req` on `row`/`target`, or `None` where there is nothing to negotiate:
/// the web client's own files, socket upgrade paths, Slack-style hooks (text answers),
/// file downloads (whose body is the file, whatever its type), and `OPTIONS`, DRF's
/// metadata for tools: no browser navigates with it and no cache keeps its answer (RFC
/// 9110 9.3.7), so it neither becomes a page nor varies.
pub fn choose(req: &Request, row: &Row, target: &Target) -> Option<Choice> {
    let negotiable = req.method != Method::OPTIONS
        && row.surface != SurfaceName::Web
        && row.auth != Auth::Socket
        && row.style != ErrorStyle::Slack
        && row.style != ErrorStyle::Matrix
        && !matches!(
            target,
            Target::Route(
                Route::Download { .. } | Route::Thumbnail { .. } | Route::EmojiImage { .. }
            )
        );
    if !negotiable {
        return None;
    }
    // DRF's `URL_FORMAT_OVERRIDE`: `?format=` filters the renderers to the one named.
    // No route of the table reads a `format` parameter of its own. An unknown format is
    // DRF's 404; here it is ignored, so no client that sent one before gets a new error.
    Some(match format_asked(&req.query).as_deref() {
        Some("json") => Choice::Json { by_accept: false },
        Some("api") => Choice::Page,
        _ if prefers_html(&req.headers) => Choice::Page,
        _ => Choice::Json { by_accept: true },
    })
}

/// What [`choose`] decided, and for the page what it needs to know of the request
/// (gathered only then: a JSON request pays for no strings).
pub enum Negotiated {
    Json { by_accept: bool },
    Page(Box<Asked>),
}

/// [`choose`]'s choice, made ready for `browsable::apply`.
pub fn negotiated(req: &Request, row: &Row, target: &Target) -> Option<Negotiated> {
    Some(match choose(req, row, target)? {
        Choice::Json { by_accept } => Negotiated::Json { by_accept },
        Choice::Page => Negotiated::Page(Box::new(Asked::new(req, row, target))),
    })
}

/// What the page needs to know of the request and its route.
#[derive(Debug, Clone)]
pub struct Asked {
    pub(super) method: Method,
    /// The path and query as asked (DRF's `request.get_full_path()`).
    pub(super) full_path: String,
    /// The route's `Allow` (DRF sends it on every answer of a view); none for a path no
    /// route serves.
    pub(super) allow: Option<String>,
    /// The unsafe methods the route allows, in DRF's order: one form each.
    pub(super) forms: Vec<Method>,
    /// DRF's view name, the page's heading.
    pub(super) title: String,
}

impl Asked {
    /// What the page for `req` on `row`/`target` shows of them.
    pub fn new(req: &Request, row: &Row, target: &Target) -> Asked {
        let known = !matches!(target, Target::NotFound);
        let accepted: Vec<Method> = [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ]
        .into_iter()
        .filter(|m| known && row.methods.has(m))
        .collect();
        let path = same_origin_path(&req.path);
        let full_path = if req.query.is_empty() {
            path
        } else {
            format!("{path}?{}", req.query)
        };
        Asked {
            method: req.method.clone(),
            full_path,
            allow: known.then(|| crate::http::error::allow_header(&accepted)),
            forms: accepted.into_iter().filter(|m| *m != Method::GET).collect(),
            title: crate::api::options::view_name(&req.path),
        }
    }
}

/// `path` as an absolute path on this origin: the page's form posts to it and its links
/// lead to it, and `//host/x` (or `/\host/x`, which browsers read the same) would name
/// another host. The server answers `//x` as `/x`, so the page names it so.
fn same_origin_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}
