//! Sign-in through OpenID Connect providers, in the browser: `GET /api/auth/providers/`
//! (the buttons), `GET /auth/oidc/{name}/start` (to the provider) and
//! `GET /auth/oidc/{name}/callback` (back, into a session); and the account page's
//! `GET /api/account/identities/`, `POST /api/account/identities/{name}/` (link one,
//! after the password or a two-factor code) and `DELETE /api/account/identities/{name}/`.
//!
//! The two browser routes always answer with a redirect: a failure goes back to the web
//! client as `/?sign_in_error=<code>&provider=<name>`, never as a JSON page, and never
//! with a sentence: the client says each code in its own words, so a link cannot make
//! the sign-in page say what its author wants. The `state` is kept in a short-lived
//! HttpOnly cookie too, so a callback only completes in the browser that started it (the
//! attempt itself is in the database: any node finishes it).

use crate::domain::auth;
use crate::domain::people::reauth;
use crate::domain::people::sign_in::{self, Purpose, Refused};
use crate::domain::people::two_factor::{self, AfterProvider};
use crate::http::error::{codes_held_words, ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::model::Credential;
use crate::ratelimit::Limit;
use crate::routing::caller::Caller;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// The cookie holding the `state` of the sign-in under way in this browser.
const STATE_COOKIE: &str = "natter_oidc_state";
/// The cookie holding a provider sign-in that still owes the account's two-factor code.
const CODE_COOKIE: &str = "natter_two_factor";

/// `GET /api/auth/providers/`: each provider's name, button label, whether it can be
/// reached, and where its button goes.
pub(crate) fn providers(app: &App) -> ApiResult<Response> {
    Ok(reply::ok(providers_settings(app)))
}

/// The providers as `/api/auth/providers/` and the page list them.
pub(crate) fn providers_settings(app: &App) -> Value {
    let rows: Vec<Value> = sign_in::providers(app)
        .into_iter()
        .map(|p| {
            json!({
                "name": p.name,
                "label": p.label,
                "available": p.available,
                "start_url": format!("/auth/oidc/{}/start", p.name),
            })
        })
        .collect();
    Value::Array(rows)
}

/// Where provider `name` sends the browser back to: under `--public-url` when given
/// (what the provider has registered), else the address the browser used.
fn redirect_uri(app: &App, req: &Request, name: &str) -> String {
    let base = app
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| req.base_url());
    format!("{base}/auth/oidc/{name}/callback")
}

/// Back to the web client with the error `code` to say, about provider `name` when one
/// of that name is configured (on the account page for a link).
fn back_with_error(app: &App, req: &Request, code: &str, name: &str, account: bool) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("sign_in_error", code);
    if sign_in::configured(app, name) {
        query.append_pair("provider", name);
    }
    let query = query.finish();
    let fragment = if account { "#account" } else { "" };
    let mut response = reply::see_other(&format!("/?{query}{fragment}"));
    forget_state(req, &mut response);
    response
}

/// Keeps the `state` of the sign-in this browser starts, for its callback.
fn keep_state(req: &Request, response: &mut Response, state: &str) {
    reply::set_cookie(
        req,
        response,
        &format!("{STATE_COOKIE}={state}; HttpOnly; Path=/auth/oidc/; SameSite=Lax; Max-Age=600"),
    );
}

fn forget_state(req: &Request, response: &mut Response) {
    reply::set_cookie(
        req,
        response,
        &format!("{STATE_COOKIE}=; HttpOnly; Path=/auth/oidc/; SameSite=Lax; Max-Age=0"),
    );
}

/// The budget a provider sign-in from `req`'s network spends when it starts, and its
/// callback gives back when it ends well: the starts that end in nothing are counted.
fn start_budget(req: &Request) -> Vec<(Limit, String)> {
    vec![(Limit::ProviderSignIn, req.client_network())]
}

/// `GET /auth/oidc/{name}/start[?invite=CODE][&link=CSRF_TOKEN]`: to the provider.
pub(crate) async fn start(app: &App, req: &Request, name: &str) -> ApiResult<Response> {
    // Each start keeps an attempt in the database for ten minutes: a network may leave
    // 100 a minute unfinished, so nobody fills the table for everyone.
    let spent = match app.limits.spend(start_budget(req)).await {
        Ok(spent) => spent,
        Err(_) => return Ok(back_with_error(app, req, "too_many_attempts", name, false)),
    };
    // A link starts from the account page's `POST /api/account/identities/{name}/`, after
    // the password or a code: never from an address a page of any site may send here.
    if req.query_param("link").is_some() {
        app.limits.give_back(spent).await;
        return Ok(back_with_error(app, req, "sign_in_first", name, true));
    }
    let purpose = Purpose::SignIn {
        invite: req
            .query_param("invite")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
    };
    let redirect = redirect_uri(app, req, name);
    match sign_in::begin(app, name, &redirect, purpose).await {
        Ok((url, state)) => {
            // Counted until its callback ends well (`callback` gives it back).
            drop(spent);
            let mut response = reply::see_other(&url);
            keep_state(req, &mut response, &state);
            Ok(response)
        }
        Err(refused) => {
            // Nothing was kept for this start (the provider could not be reached, or
            // none has this name): it costs the network nothing.
            app.limits.give_back(spent).await;
            Ok(back_with_error(app, req, refused.code(), name, false))
        }
    }
}

/// `GET /auth/oidc/{name}/callback?code=...&state=...` (or `?error=...`): back from
/// the provider. A sign-in starts a session (its cookies as `/accounts/login/` sets
/// them) and goes to the web client; a link goes back to the account page.
pub(crate) async fn callback(app: &App, req: &Request, name: &str) -> ApiResult<Response> {
    let state = req.query_param("state").unwrap_or_default();
    let held = req.cookie(STATE_COOKIE).unwrap_or_default();
    let same_browser = !state.is_empty() && auth::secure_eq(&state, &held);
    if let Some(code) = req.query_param("error") {
        if same_browser {
            sign_in::abandon(app, name, &state).await?;
        }
        let description = req.query_param("error_description").unwrap_or_default();
        let failure = sign_in::Failure::Denied {
            code: printable(&code, 64),
            description: printable(&description, 300),
        };
        // What the provider said is for the log: the page says natter's sentence.
        tracing::info!(provider = %printable(name, 64), "sign-in refused at the provider: {failure:?}");
        return Ok(back_with_error(app, req, failure.code(), name, false));
    }
    if !same_browser {
        let code = sign_in::Failure::BadState.code();
        return Ok(back_with_error(app, req, code, name, false));
    }
    let code = req.query_param("code").unwrap_or_default();
    match sign_in::finish(app, name, &state, &code).await {
        Ok(done) if done.linked => {
            app.limits.give_back_budgets(start_budget(req)).await;
            let mut response = reply::see_other("/#account");
            forget_state(req, &mut response);
            Ok(response)
        }
        Ok(done) if done.code_owed => {
            // No session yet: the web client asks for the account's code and sends it
            // with this cookie to `/api/auth/two-factor/` ([`finish_with_code`]).
            let token = two_factor::owe_after_provider(app, done.user.id).await?;
            let mut response = reply::see_other("/?two_factor=provider");
            forget_state(req, &mut response);
            reply::set_cookie(
                req,
                &mut response,
                &format!(
                    "{CODE_COOKIE}={token}; HttpOnly; Path=/api/auth/two-factor/; SameSite=Lax; Max-Age=600"
                ),
            );
            Ok(response)
        }
        Ok(done) => {
            app.limits.give_back_budgets(start_budget(req)).await;
            let (session_id, csrf) = auth::start_session(app, done.user.id).await?;
            let mut response = reply::see_other("/");
            forget_state(req, &mut response);
            reply::set_session_cookies(req, &mut response, &session_id, &csrf, auth::SESSION_SECS);
            Ok(response)
        }
        Err(refused) => {
            match &refused {
                Refused::Internal(e) => tracing::error!(provider = %name, "sign-in failed: {e}"),
                Refused::Provider(f) => tracing::info!(provider = %name, "sign-in refused: {f:?}"),
                _ => {}
            }
            // A link that failed goes back to the account page it came from.
            let linking = matches!(refused, Refused::LinkedElsewhere | Refused::AlreadyLinked);
            Ok(back_with_error(app, req, refused.code(), name, linking))
        }
    }
}

/// `POST /api/auth/two-factor/` with `otp` (a code from the authenticator app or a
/// recovery code) and the cookie a provider sign-in left: the session, as
/// `/accounts/login/` answers it. A wrong code is a 400 on `otp`, counted as a failed
/// login; held codes a 429; no sign-in waiting (none, expired, finished) a 400 on
/// `non_field_errors`.
pub(crate) async fn finish_with_code(app: &App, req: &Request) -> ApiResult<Response> {
    let code = req.fields()?.required_string("otp")?;
    let token = req.cookie(CODE_COOKIE).unwrap_or_default();
    let done = match token.is_empty() {
        true => AfterProvider::NotWaiting,
        false => {
            two_factor::finish_after_provider(app, &token, &code, &req.client_network()).await?
        }
    };
    let user = match done {
        AfterProvider::SignedIn(user) => *user,
        AfterProvider::NotWaiting => {
            return Err(ApiError::field(
                "non_field_errors",
                "No sign-in is waiting for a code here (it may have expired); sign in again.",
            ))
        }
        AfterProvider::Wrong => {
            return Err(ApiError::field(
                "otp",
                "The code is wrong, expired or already used.",
            ))
        }
        AfterProvider::Held(held) => {
            let wait = match held {
                two_factor::holds::Held::For(secs) => Some(secs),
                two_factor::holds::Held::UntilReset => None,
            };
            return Err(ApiError::CodesHeld {
                body: json!({"otp": [codes_held_words(wait)], "two_factor_held": true}),
                wait,
            });
        }
    };
    crate::domain::people::accounts::note_seen(app, user.id);
    let (session_id, csrf) = auth::start_session(app, user.id).await?;
    let mut response =
        reply::ok(json!({"user": crate::own::account::account_json(&user), "csrftoken": csrf}));
    reply::set_cookie(
        req,
        &mut response,
        &format!("{CODE_COOKIE}=; HttpOnly; Path=/api/auth/two-factor/; SameSite=Lax; Max-Age=0"),
    );
    reply::set_session_cookies(req, &mut response, &session_id, &csrf, auth::SESSION_SECS);
    Ok(response)
}

/// At most `max` characters of `text` a provider sent, without control characters.
fn printable(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// `GET /api/account/identities/`: the providers linked to the caller's account, and
/// whether it has a password and two-factor sign-in (what linking another one asks for).
pub(crate) async fn identities(app: &App, me: &User) -> ApiResult<Response> {
    let linked = sign_in::linked(app, me.id).await?;
    let two_factor_on = two_factor::status(app, me.id).await?.enabled;
    let rows: Vec<Value> = linked
        .into_iter()
        .map(|l| {
            json!({
                "provider": l.provider,
                "label": l.label,
                "email": l.email,
                "linked_at": l.linked_at,
                "last_used_at": l.last_used_at,
            })
        })
        .collect();
    Ok(reply::ok(json!({
        "has_password": !me.password_hash.is_empty(),
        "two_factor": two_factor_on,
        "identities": rows,
    })))
}

/// The sentence for a caller who links with a key or a JWT: the provider's answer comes
/// back to a browser, which must be the one signed in.
const LINK_IN_THE_BROWSER: &str =
    "Link a sign-in provider from the account page of a browser signed in to natter.";

/// `POST /api/account/identities/{name}/` with `current_password`, or `otp` (a code from
/// the authenticator app or a recovery code); an account with neither only a sign-in
/// less than ten minutes old (`domain::people::reauth`). Starts linking provider `name`
/// to the caller's account from this browser session: `{"url": ...}`, where the browser
/// goes next, and the cookie its callback is checked with. The link is kept with this
/// session: it binds only while the session lives, and a password change made from
/// another sign-in, or a reset, ends it.
pub(crate) async fn link(
    app: &App,
    req: &Request,
    caller: Caller,
    name: &str,
) -> ApiResult<Response> {
    let Credential::Session(session) = caller.credential().clone() else {
        return Err(ApiError::field("non_field_errors", LINK_IN_THE_BROWSER));
    };
    let me = caller.user(app).await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let password = check.take(f.string("current_password"));
    let code = check.take(f.string("otp"));
    check.finish()?;
    if !sign_in::configured(app, name) {
        return Err(ApiError::from(crate::domain::error::Error::NotFound(
            crate::domain::error::Missing::Identity,
        )));
    }
    reauth::confirm(app, &me, &session, reauth::Proof { password, code }).await?;
    let spent = app.limits.spend(start_budget(req)).await?;
    let redirect = redirect_uri(app, req, name);
    let purpose = Purpose::Link {
        user_id: me.id,
        made_with: session,
    };
    match sign_in::begin(app, name, &redirect, purpose).await {
        Ok((url, state)) => {
            // Counted until its callback ends well, as a start from the sign-in page.
            drop(spent);
            let mut response = reply::ok(json!({ "url": url }));
            keep_state(req, &mut response, &state);
            Ok(response)
        }
        Err(refused) => {
            app.limits.give_back(spent).await;
            if let Refused::Internal(e) = refused {
                return Err(ApiError::from(e));
            }
            // The web client says the code in its own words, as after a redirect.
            Err(ApiError::verbatim(
                400,
                json!({ "sign_in_error": refused.code() }),
            ))
        }
    }
}

/// `DELETE /api/account/identities/{name}/`: unlinks one while another way in remains.
pub(crate) async fn unlink(app: &App, me: &User, name: &str) -> ApiResult<Response> {
    sign_in::unlink(app, me.id, name.to_string())
        .await
        .map_err(ApiError::from)?;
    Ok(reply::no_content())
}
