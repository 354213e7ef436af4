//! `POST /api/auth/matrix/login-token/`: the web client's half of a Matrix app's single
//! sign-on, and of its OAuth 2.0 sign-in (with `oauth`, the waiting sign-in's id). Someone signed in to natter in this browser confirmed that the app at
//! `redirect_url` may sign in as them; the answer is that address with a one-use
//! `loginToken`, which the app trades at Matrix's `/login` for a device. Only a browser
//! session may ask: a key or a JWT never turns into a device this way.

use crate::domain::matrix::{oauth, sso};
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

/// Told when an app's OAuth sign-in is no longer waiting.
const GONE: &str = "This sign-in has ended or was already allowed: start it again from the app.";

/// Told when the caller is not a browser session.
const IN_THE_BROWSER: &str =
    "A Matrix app signs in from natter's sign-in page in the browser, not with a key.";

/// Mints the token for the caller and answers where the browser goes with it.
pub(crate) async fn login_token(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    if !matches!(caller.credential(), Credential::Session(_)) {
        return Err(ApiError::field("non_field_errors", IN_THE_BROWSER));
    }
    let me = caller.user(app).await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let address = check.take(f.required_string("redirect_url"));
    let oauth_grant = check.take(f.string("oauth"));
    let refused = check.take(f.boolean("refuse")).unwrap_or(false);
    check.finish()?;
    if !sso::is_app_address(&address) {
        return Err(ApiError::field("redirect_url", NOT_AN_APP));
    }
    // An app signing in through Matrix's OAuth 2.0 API: its waiting sign-in is allowed,
    // and the browser goes back to it with a code instead of a token.
    if let Some(grant) = oauth_grant.filter(|g| !g.is_empty()) {
        // Or refused: the app is told `access_denied`, as OAuth asks.
        let answer = match refused {
            true => oauth::refuse(app, grant).await,
            false => oauth::allow(app, me.id, grant).await,
        };
        let redirect_to = answer.map_err(|_| ApiError::field("oauth", GONE))?;
        return Ok(reply::ok(json!({ "redirect_to": redirect_to })));
    }
    let token = sso::mint(app, me.id).await?;
    let redirect_to = sso::with_token(&address, &token)
        .ok_or_else(|| ApiError::field("redirect_url", NOT_AN_APP))?;
    Ok(reply::ok(json!({ "redirect_to": redirect_to })))
}
