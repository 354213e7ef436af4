//! natter's own routes word an error's sentences in the language the request's
//! `Accept-Language` asks for, when it is one of the six (`i18n`). The five apps' routes
//! keep their English exactly, since their clients compare those texts; natter's own web
//! client, which names itself (`X-Natter-Client: web`), gets their words in its language
//! too. Every error of a routed request passes here once, so no handler translates.

use crate::http::error::ApiError;
use crate::http::reply::{self, ErrorStyle};
use crate::http::request::Request;
use crate::i18n::{self, Lang};
use warp::http::header::{HeaderValue, CONTENT_LANGUAGE, VARY};
use warp::reply::Response;

/// The header natter's web client sends with every call. The seeds' own clients never
/// send it, so their answers stay as the seeds word them.
const OWN_CLIENT: &str = "x-natter-client";

/// The language the request asks to be answered in, when not English: on natter's own
/// routes (`own`), or on a seed's for natter's own client.
fn asked(req: &Request, own: bool) -> Option<Lang> {
    if !own && req.header(OWN_CLIENT) != Some("web") {
        return None;
    }
    i18n::from_accept_language(req.header("accept-language")?).filter(|l| *l != Lang::En)
}

/// `err` rendered in `style`, each sentence of it in the language asked for where the
/// catalogs hold that sentence; `own`: the route is natter's own. The answer says
/// `Content-Language` only when every sentence of it is in that language: one the
/// catalogs lack stays English, and an answer with English in it is not labelled as
/// another language's.
pub fn error(req: &Request, style: ErrorStyle, own: bool, err: &ApiError) -> Response {
    let Some(lang) = asked(req, own) else {
        return reply::error(style, err);
    };
    let (mut response, whole) =
        reply::error_worded(style, err, &|english| i18n::error_detail(lang, english));
    let headers = response.headers_mut();
    if whole {
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    }
    headers.append(
        VARY,
        HeaderValue::from_static(if own {
            "Accept-Language"
        } else {
            "Accept-Language, X-Natter-Client"
        }),
    );
    response
}
