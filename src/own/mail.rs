//! The one-click unsubscribe of mails about missed messages, `/api/mail/unsubscribe/`:
//! the link in each such mail opens a page with one button (a link a mail scanner
//! follows must not unsubscribe anyone), and a mail program's RFC 8058 POST turns the
//! mails off at once. Neither needs signing in: the link's token is the proof.

use crate::domain::mail::unsubscribe;
use crate::domain::people::language;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::i18n::{self, Lang};
use crate::kit::html::escape as escape_html;
use crate::state::App;
use warp::reply::Response;

/// The person and token of a link, if they read as such.
fn person_and_token(req: &Request) -> Option<(i64, String)> {
    let user = req.query_param("u")?.trim().parse::<i64>().ok()?;
    let token = req.query_param("t")?;
    Some((user, token))
}

/// The language a page speaks: the person's choice once the link proved who they are,
/// else what the browser asks for, else English.
async fn language_for(app: &App, req: &Request, person: Option<i64>) -> Lang {
    let chosen = match person {
        Some(id) => language::of(app, id).await.ok().flatten(),
        None => None,
    };
    chosen
        .or_else(|| {
            req.header("accept-language")
                .and_then(i18n::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// A small page with `body` (already HTML), in `lang`.
fn page(lang: Lang, status: u16, body: &str) -> Response {
    let dir = if lang.is_rtl() { "rtl" } else { "ltr" };
    reply::html_page(
        status,
        &format!(
            "<!DOCTYPE html><html lang=\"{}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head>\
             <body>{body}</body></html>",
            lang.code(),
            words(lang, "mail-page-title"),
        ),
    )
}

/// One sentence of the mail catalog, escaped for HTML.
fn words(lang: Lang, id: &str) -> String {
    escape_html(&i18n::text(lang, id, &[]))
}

async fn not_ours(app: &App, req: &Request) -> Response {
    let lang = language_for(app, req, None).await;
    page(
        lang,
        400,
        &format!(
            "<h1>{}</h1><p>{}</p>",
            words(lang, "mail-page-not-ours"),
            words(lang, "mail-page-not-ours-what")
        ),
    )
}

/// `GET`: the page with the button.
pub(crate) async fn unsubscribe_page(app: &App, req: &Request) -> ApiResult<Response> {
    let Some((user, token)) = person_and_token(req) else {
        return Ok(not_ours(app, req).await);
    };
    if !unsubscribe::genuine(app, user, &token) {
        return Ok(not_ours(app, req).await);
    }
    let lang = language_for(app, req, Some(user)).await;
    Ok(page(
        lang,
        200,
        &format!(
            "<h1>{}</h1>\
             <form method=\"post\" action=\"/api/mail/unsubscribe/?u={user}&amp;t={}\">\
             <button type=\"submit\">{}</button></form>\
             <p>{}</p>",
            words(lang, "mail-page-ask"),
            hex_only(&token),
            words(lang, "mail-page-stop"),
            words(lang, "mail-page-again"),
        ),
    ))
}

/// `POST`: the mails stop.
pub(crate) async fn unsubscribe(app: &App, req: &Request) -> ApiResult<Response> {
    let Some((user, token)) = person_and_token(req) else {
        return Ok(not_ours(app, req).await);
    };
    if !unsubscribe::unsubscribe(app, user, &token).await? {
        return Ok(not_ours(app, req).await);
    }
    let lang = language_for(app, req, Some(user)).await;
    Ok(page(
        lang,
        200,
        &format!(
            "<h1>{}</h1><p>{}</p>",
            words(lang, "mail-page-done"),
            words(lang, "mail-page-stopped")
        ),
    ))
}

/// The token as it may appear in the page: its hexadecimal digits only (it was checked
/// against the person already; nothing else of it reaches the HTML).
fn hex_only(token: &str) -> String {
    token.chars().filter(char::is_ascii_hexdigit).collect()
}
