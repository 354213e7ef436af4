//! The web client's half of a Matrix app's sign-in. `POST /api/auth/matrix/login-token/`:
//! single sign-on, where someone signed in to natter in this browser confirmed that the
//! app at `redirect_url` may sign in as them; the answer is that address with a one-use
//! `loginToken`, which the app trades at Matrix's `/login` for a device. With `oauth`
//! (the waiting OAuth 2.0 sign-in's id) it allows or refuses that sign-in instead, and the
//! answer is the address the app registered, with the code: an address the page sends is
//! not read. `GET /api/auth/matrix/oauth/{id}/`: what the page shows about a waiting
//! OAuth sign-in, from the server's own record of it, never from the page's address.
//! Only a browser session may ask either: a key or a JWT never turns into a device this
//! way.

use crate::domain::matrix::sign_in::oauth;
use crate::domain::matrix::sign_in::sso::{self, NotAnApp};
use crate::domain::Error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::model::Credential;
use crate::routing::caller::Caller;
use crate::state::App;
use serde_json::json;
use warp::reply::Response;

/// Told for an address no app can be reached at.
const NOT_AN_APP: &str =
    "This is not the address of an app: it must be absolute (https:// or the app's own scheme).";

/// Told for a plain `http://` address of another machine.
const PLAIN_HTTP: &str = "A sign-in token is never sent over plain http:// to another machine: the app's address must be https://, the app's own scheme, or http:// on this computer (localhost).";

/// Told when an app's OAuth sign-in is no longer waiting.
const GONE: &str = "This sign-in has ended or was already allowed: start it again from the app.";

/// Told when the caller is not a browser session.
const IN_THE_BROWSER: &str =
    "A Matrix app signs in from natter's sign-in page in the browser, not with a key.";

/// Mints the token for the caller and answers where the browser goes with it; or, with
/// `oauth`, allows (or with `refuse`, refuses) that waiting sign-in.
pub(crate) async fn login_token(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    if !matches!(caller.credential(), Credential::Session(_)) {
        return Err(ApiError::field("non_field_errors", IN_THE_BROWSER));
    }
    let me = caller.user(app).await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let oauth_grant = check
        .take(f.string("oauth"))
        .filter(|g| !g.trim().is_empty());
    let refused = check.take(f.boolean("refuse")).unwrap_or(false);
    // An OAuth sign-in's code goes to the address its app registered: a `redirect_url`
    // beside it (an older page sends one) is neither needed nor read.
    let address = match oauth_grant {
        Some(_) => None,
        None => Some(check.take(f.required_string("redirect_url"))),
    };
    check.finish()?;
    // An app signing in through Matrix's OAuth 2.0 API: its waiting sign-in is allowed,
    // and the browser goes back to it with a code instead of a token.
    if let Some(grant) = oauth_grant {
        // Or refused: the app is told `access_denied`, as OAuth asks.
        let answer = match refused {
            true => oauth::refuse(app, grant).await,
            false => oauth::allow(app, me.id, grant).await,
        };
        let redirect_to = answer.map_err(|_| ApiError::field("oauth", GONE))?;
        return Ok(reply::ok(json!({ "redirect_to": redirect_to })));
    }
    let address = address.unwrap_or_default();
    match sso::app_address(&address) {
        Ok(()) => {}
        Err(NotAnApp::Unreadable) => return Err(ApiError::field("redirect_url", NOT_AN_APP)),
        Err(NotAnApp::PlainHttp) => return Err(ApiError::field("redirect_url", PLAIN_HTTP)),
    }
    let token = sso::mint(app, me.id).await?;
    let redirect_to = sso::with_token(&address, &token)
        .ok_or_else(|| ApiError::field("redirect_url", NOT_AN_APP))?;
    Ok(reply::ok(json!({ "redirect_to": redirect_to })))
}

/// `GET /api/auth/matrix/oauth/{id}/`: the waiting sign-in `id` as natter's page shows
/// it before the person allows it (RFC 9700, 4.1 and 4.11): where the code goes, the
/// name the app gives itself, the website it names, and how new its registration is.
/// An id unknown, run out, refused or already allowed is a 404.
pub(crate) async fn oauth_sign_in(app: &App, caller: Caller, grant: &str) -> ApiResult<Response> {
    if !matches!(caller.credential(), Credential::Session(_)) {
        return Err(ApiError::Forbidden(IN_THE_BROWSER.into()));
    }
    caller.user(app).await?;
    let consent = match oauth::consent(app, grant.to_string()).await {
        Ok(consent) => consent,
        Err(Error::NotFound(_)) => return Err(ApiError::NotFound(GONE.into())),
        Err(other) => return Err(other.into()),
    };
    Ok(reply::ok(json!({
        "redirect_scheme": consent.redirect_scheme,
        "redirect_host": consent.redirect_host,
        "client_name": consent.client_name,
        "client_uri_host": consent.client_uri_host,
        "registered_at": consent.registered_at,
        "registered_secs_ago": consent.registered_secs_ago,
        "recently_registered": consent.recently_registered,
    })))
}
