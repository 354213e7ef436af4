//! natter's own API (`/messages/api/`) words an error's `detail` in the language the
//! request's `Accept-Language` asks for, when it is one of the six (`i18n`); with no
//! such header, or on any other surface, the English stays exactly as it was, since the
//! five apps' clients compare those texts. Every error of a routed request passes here
//! once, so no handler translates.

use crate::http::error::ApiError;
use crate::http::reply::{self, ErrorStyle};
use crate::http::request::Request;
use crate::i18n::{self, Lang};
use warp::http::header::{HeaderValue, CONTENT_LANGUAGE, VARY};
use warp::reply::Response;

/// The routes whose errors may be localised.
const OWN_API: &str = "/messages/api/";

/// The language the request asks natter's own API to answer in, when not English.
fn asked(req: &Request) -> Option<Lang> {
    if !req.path.starts_with(OWN_API) {
        return None;
    }
    i18n::from_accept_language(req.header("accept-language")?).filter(|l| *l != Lang::En)
}

/// `err` rendered in `style`, its `detail` in the language asked for where the
/// catalogs hold that sentence.
pub fn error(req: &Request, style: ErrorStyle, err: &ApiError) -> Response {
    let Some(lang) = asked(req) else {
        return reply::error(style, err);
    };
    let mut response =
        reply::error_worded(style, err, &|english| i18n::error_detail(lang, english));
    let headers = response.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    headers.append(VARY, HeaderValue::from_static("Accept-Language"));
    response
}
