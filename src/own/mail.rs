//! The one-click unsubscribe of mails about missed messages, `/api/mail/unsubscribe/`:
//! the link in each such mail opens a page with one button (a link a mail scanner
//! follows must not unsubscribe anyone), and a mail program's RFC 8058 POST turns the
//! mails off at once. Neither needs signing in: the link's token is the proof.

use crate::domain::mail::unsubscribe;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use warp::reply::Response;

/// The person and token of a link, if they read as such.
fn person_and_token(req: &Request) -> Option<(i64, String)> {
    let user = req.query_param("u")?.trim().parse::<i64>().ok()?;
    let token = req.query_param("t")?;
    Some((user, token))
}

/// A small page with `body` (already HTML).
fn page(status: u16, body: &str) -> Response {
    reply::html_page(
        status,
        &format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>natter: mail</title></head>\
             <body>{body}</body></html>"
        ),
    )
}

fn not_ours() -> Response {
    page(
        400,
        "<h1>This link is not natter's</h1><p>Open the link from the mail itself, or turn these mails off on your account page.</p>",
    )
}

/// `GET`: the page with the button.
pub(crate) async fn unsubscribe_page(app: &App, req: &Request) -> ApiResult<Response> {
    let Some((user, token)) = person_and_token(req) else {
        return Ok(not_ours());
    };
    if !unsubscribe::genuine(app, user, &token) {
        return Ok(not_ours());
    }
    Ok(page(
        200,
        &format!(
            "<h1>Stop mails about missed messages?</h1>\
             <form method=\"post\" action=\"/api/mail/unsubscribe/?u={user}&amp;t={}\">\
             <button type=\"submit\">Stop these mails</button></form>\
             <p>You can turn them on again on your account page.</p>",
            hex_only(&token)
        ),
    ))
}

/// `POST`: the mails stop.
pub(crate) async fn unsubscribe(app: &App, req: &Request) -> ApiResult<Response> {
    let Some((user, token)) = person_and_token(req) else {
        return Ok(not_ours());
    };
    if !unsubscribe::unsubscribe(app, user, &token).await? {
        return Ok(not_ours());
    }
    Ok(page(
        200,
        "<h1>Done</h1><p>You will get no more mails about missed messages. You can turn them on again on your account page.</p>",
    ))
}

/// The token as it may appear in the page: its hexadecimal digits only (it was checked
/// against the person already; nothing else of it reaches the HTML).
fn hex_only(token: &str) -> String {
    token.chars().filter(char::is_ascii_hexdigit).collect()
}
