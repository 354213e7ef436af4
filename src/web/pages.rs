//! The pages natter serves itself: the web client's files (embedded, `files`), the
//! health check, and the default profile image.

use super::files::{content_type, file};
use super::static_files::{self, Named};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::plain;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// A 1x1 grey JPEG-compatible placeholder is not needed: the default image is an SVG.
const DEFAULT_AVATAR: &str = "<svg xmlns='http://www.w3.org/2000/svg' width='128' height='128'><rect width='128' height='128' fill='#9e9e9e'/><circle cx='64' cy='50' r='24' fill='#eeeeee'/><rect x='28' y='84' width='72' height='36' rx='18' fill='#eeeeee'/></svg>";

/// Why a file asked for under another build's version is not served.
const OTHER_VERSION: &str =
    "This version of the file is not served: natter was upgraded since the page was loaded. Reload the page.";

/// The health check.
pub fn health() -> Response {
    plain(b"ok".to_vec(), "text/plain; charset=utf-8")
}

/// A file of the web client, answering `req` (validators, encodings, `?v=`: see
/// `static_files`); the route table only names files that exist.
pub fn static_asset(path: &str, req: &crate::http::request::Request) -> ApiResult<Response> {
    let file = file(path).ok_or_else(ApiError::not_found)?.served();
    let version = static_files::named(&file, &req.query);
    if version == Named::Other {
        return Err(ApiError::NotFound(OTHER_VERSION.into()));
    }
    let mut response = static_files::answer(&file, content_type(path), &req.headers, version);
    if path == "sw.js" {
        // Served at /sw.js, it may control the whole site.
        response.headers_mut().insert(
            header::HeaderName::from_static("service-worker-allowed"),
            HeaderValue::from_static("/"),
        );
    }
    Ok(response)
}

/// Where the page carries its sign-in settings: a JSON data block main.js reads.
const SETTINGS_BLOCK: &str =
    "<script type=\"application/json\" id=\"sign-in-settings\">null</script>";

/// The language a page is served in (the browser's `Accept-Language`, as far as natter
/// speaks it): the page's `lang` and direction, and its one sentence, said to a browser
/// that runs no JavaScript. The client sets its language itself once its catalog is read.
pub struct PageLanguage<'a> {
    /// A BCP 47 tag (`pt-BR`), which also names the client's catalog to preload.
    pub code: &'a str,
    /// Written right to left (Arabic): the page is laid out so from its first paint.
    pub rtl: bool,
    /// "natter needs JavaScript to run in the browser." in this language.
    pub needs_javascript: &'a str,
}

/// Where the page carries its language and its sentence for a browser without scripts.
const HTML_TAG: &str = "<html lang=\"en\">";
const NOSCRIPT: &str =
    "<noscript><p class=\"boot\">natter needs JavaScript to run in the browser.</p></noscript>";

/// The web client's page in `language` with `settings` (JSON) written into its data
/// block, so the sign-in screen asks the server for none of them; `<` is escaped, so no
/// text in them can end the block.
pub fn page_with_settings(
    settings: &str,
    language: &PageLanguage<'_>,
    req: &crate::http::request::Request,
) -> ApiResult<Response> {
    let file = file("index.html").ok_or_else(ApiError::not_found)?;
    let template = std::str::from_utf8(file.bytes).map_err(|_| ApiError::not_found())?;
    let safe = settings.replace('<', "\\u003c");
    let key = format!("{}\n{safe}", language.code);
    let page = super::static_files::page_with(&key, || {
        let dir = if language.rtl { " dir=\"rtl\"" } else { "" };
        let sentence = crate::kit::html::escape(language.needs_javascript);
        template
            .replacen(
                SETTINGS_BLOCK,
                &SETTINGS_BLOCK.replace(">null<", &format!(">{safe}<")),
                1,
            )
            .replacen(
                HTML_TAG,
                &format!(
                    "<html lang=\"{}\"{dir}>",
                    crate::kit::html::escape(language.code)
                ),
                1,
            )
            .replacen(
                NOSCRIPT,
                &format!("<noscript><p class=\"boot\">{sentence}</p></noscript>"),
                1,
            )
    });
    let page = page.served("index.html");
    let version = static_files::named(&page, &req.query);
    let mut response =
        static_files::answer(&page, content_type("index.html"), &req.headers, version);
    // The page, and its catalog's preload, differ by the language asked for.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, accept-language"),
    );
    if let Ok(code) = HeaderValue::from_str(language.code) {
        response
            .headers_mut()
            .insert(header::CONTENT_LANGUAGE, code);
    }
    if let Some(link) = catalog_preload(language.code) {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(response)
}

/// A `Link` header that has the browser fetch the catalog of `language` (the one its
/// `Accept-Language` asks for) while it reads the page: the client's first words wait on
/// that catalog, which its modules would otherwise ask for only once they had all arrived
/// (1,541 against 1,489 ms to the sign-in form on a slow mobile link,
/// `bench/web/coldload.mjs`). A language chosen on the account that the browser does not
/// ask for is fetched as before.
fn catalog_preload(language: &str) -> Option<HeaderValue> {
    let path = format!("locales/{language}.ftl");
    let catalog = file(&path)?;
    let version = catalog.sha256.get(..12)?;
    HeaderValue::from_str(&format!(
        "</static/{path}?v={version}>; rel=preload; as=fetch; crossorigin"
    ))
    .ok()
}

/// The default profile image.
pub fn default_avatar() -> Response {
    plain(DEFAULT_AVATAR.as_bytes().to_vec(), "image/svg+xml")
}
