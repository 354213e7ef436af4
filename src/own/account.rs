//! natter's own account routes, in DRF's shape: `/api/account/` (who
//! I am, my email and display name), `password/`, `sessions/`, `confirm-email/` (a
//! confirmation link's page posts to it, signed in) and `confirm-email/send/`, and the
//! public `reset/` that a reset link's page posts to; and `/api/registration/`, which says who may join.

use crate::domain::auth;
use crate::domain::matrix::ids;
use crate::domain::people::own_account::{self, Changes};
use crate::domain::{mail, people::first_admin, uploads::storage};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::i18n::{self, Lang};
use crate::model::Credential;
use crate::ratelimit::{login_budgets, Limit};
use crate::routing::caller::Caller;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::http::header::{HeaderValue, CONTENT_LANGUAGE, VARY};
use warp::reply::Response;

/// One's own account as this API shows it.
pub fn account_json(u: &User) -> Value {
    json!({
        "id": u.id,
        "username": u.username,
        "email": u.email,
        "display_name": u.display_name,
        "is_admin": u.is_admin,
        "date_joined": u.created_at,
        "last_seen": u.last_seen_at,
    })
}

/// One's own account with whether its address is confirmed (`email_confirmed`), what
/// one's files take: `storage_used_bytes`, and
/// `storage_quota_bytes` (`null`: no limit); and the mail about missed messages:
/// `missed_mail`, `missed_mail_delay` (the person's own, in seconds; `null`: the
/// server's) and `missed_mail_default_delay` (the server's); `matrix_id`, the id Matrix
/// apps know the person by (the account page tells it, with the address to type there).
async fn account_with_storage(app: &App, u: &User) -> ApiResult<Value> {
    let usage = storage::usage(app, u.id).await?;
    let mut body = account_json(u);
    body["email_confirmed"] = Value::from(mail::confirm::is_confirmed(app, u.id).await?);
    body["storage_used_bytes"] = Value::from(usage.used);
    body["storage_quota_bytes"] = usage.quota.map_or(Value::Null, Value::from);
    body["missed_mail"] = Value::from(mail::missed::missed_mail_on(app, u.id).await?);
    body["missed_mail_delay"] = mail::missed::missed_mail_delay(app, u.id)
        .await?
        .map_or(Value::Null, Value::from);
    body["missed_mail_default_delay"] = Value::from(app.config.missed_mail_delay.as_secs());
    body["matrix_id"] = Value::from(ids::user_id(&u.username, u.id, ids::server_name(app)));
    Ok(body)
}

/// `GET /api/registration/`: `--registration`, so a sign-up page knows what to offer.
pub(crate) async fn registration(app: &App) -> ApiResult<Response> {
    Ok(reply::ok(registration_settings(app).await))
}

/// Who may register, whether mail goes out, and (under `invite`) whether the first
/// administrator's link is still to be used, as `/api/registration/` and the page say.
/// A database that cannot answer leaves `first_admin_pending` false: the sign-in page
/// still opens, without that sentence.
pub(crate) async fn registration_settings(app: &App) -> Value {
    let pending = first_admin::awaited(app).await.unwrap_or(false);
    json!({
        "mode": app.config.registration.as_str(),
        "mail": app.mail.is_some(),
        "first_admin_pending": pending,
    })
}

/// `POST /api/account/forgot/` with `login` (a username or an email address): `202` and
/// the same sentence at once, whether or not the account exists; the link is mailed
/// after. 5 a minute per client network.
pub(crate) async fn forgot(app: &App, req: &Request) -> ApiResult<Response> {
    if app.mail.is_none() {
        return Err(ApiError::verbatim(
            400,
            json!({"detail": "This server sends no mail: ask an administrator for a reset link."}),
        ));
    }
    app.limits
        .count(Limit::ForgotPassword, &req.client_network())
        .map_err(ApiError::RateLimited)?;
    let f = req.fields()?;
    let login = f.required_string("login")?;
    if login.trim().is_empty() || login.chars().count() > 254 {
        return Err(ApiError::field(
            "login",
            "Give your username or email address.",
        ));
    }
    mail::forgot::ask(app, login);
    // The sign-in page shows this sentence as it comes: in the language the request
    // asks for (the web client's), English otherwise.
    let lang = req
        .header("accept-language")
        .and_then(i18n::from_accept_language)
        .unwrap_or(Lang::En);
    let sentence = i18n::text(lang, "answer-forgot-sent", &[]);
    let mut response = reply::json_of(202, &json!({ "detail": sentence }));
    let headers = response.headers_mut();
    if lang != Lang::En {
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    }
    headers.append(VARY, HeaderValue::from_static("Accept-Language"));
    Ok(response)
}

/// `GET /api/account/export/`: the caller's own data as a zip, to keep or take elsewhere.
pub(crate) async fn export(app: &App, me: User) -> ApiResult<Response> {
    let site = mail::site(app);
    let zip = crate::domain::people::export::personal::export(app, me.id, site).await?;
    let len = zip.len;
    let mut response = warp::Reply::into_response(warp::reply::stream(zip.into_stream()));
    let headers = response.headers_mut();
    headers.insert(
        warp::http::header::CONTENT_TYPE,
        warp::http::HeaderValue::from_static("application/zip"),
    );
    headers.insert(
        warp::http::header::CONTENT_LENGTH,
        warp::http::HeaderValue::from(len),
    );
    let name = format!("attachment; filename=\"natter-{}.zip\"", me.id);
    if let Ok(value) = warp::http::HeaderValue::from_str(&name) {
        response
            .headers_mut()
            .insert(warp::http::header::CONTENT_DISPOSITION, value);
    }
    response.headers_mut().insert(
        warp::http::header::CACHE_CONTROL,
        warp::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `GET /api/account/`.
pub(crate) async fn show(app: &App, me: &User) -> ApiResult<Response> {
    Ok(reply::ok(account_with_storage(app, me).await?))
}

/// `PATCH`/`PUT /api/account/`: `email`, `display_name`, `missed_mail` and
/// `missed_mail_delay` (seconds, or null for the server's), each optional.
pub(crate) async fn update(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let email = check.take(f.string("email"));
    let display_name = check.take(f.string("display_name"));
    let missed_mail = check.take(f.boolean("missed_mail"));
    let missed_mail_delay = check
        .take(f.nullable_integer("missed_mail_delay"))
        .flatten();
    let delay_given = f.has("missed_mail_delay");
    check.finish()?;
    mail::missed::check_missed_mail_delay(missed_mail_delay)?;
    if delay_given {
        mail::missed::set_missed_mail_delay(app, me.id, missed_mail_delay).await?;
    }
    if let Some(on) = missed_mail {
        mail::missed::set_missed_mail(app, me.id, on).await?;
    }
    let user = own_account::update(
        app,
        me.id,
        Changes {
            email,
            display_name,
        },
    )
    .await?;
    Ok(reply::ok(account_with_storage(app, &user).await?))
}

/// `POST /api/account/password/`: `current_password` (not for an account with no
/// password yet) and `new_password`. Every other
/// session, key, JWT and socket of the caller ends; a caller who came with a JWT gets a
/// fresh pair (theirs ended with the rest).
pub(crate) async fn change_password(
    app: &App,
    req: &Request,
    caller: Caller,
) -> ApiResult<Response> {
    let keep = caller.credential().clone();
    let me = caller.user(app).await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    // An account made by a sign-in provider has no password yet: it sets its first one
    // without a current one.
    let current = if me.password_hash.is_empty() {
        check.take(f.string("current_password")).unwrap_or_default()
    } else {
        check.take(f.required_string("current_password"))
    };
    let new = check.take(f.required_string("new_password"));
    check.finish()?;
    let by_jwt = matches!(keep, Credential::AccessJwt { .. });
    let changed = own_account::change_password(app, &me, current, new, keep).await?;
    let mut body = json!({"detail": "Password changed.", "ended": changed.ended});
    if by_jwt {
        let (refresh, access) = auth::token_pair(app, &changed.user)?;
        body["refresh"] = Value::from(refresh);
        body["access"] = Value::from(access);
    }
    Ok(reply::ok(body))
}

/// `GET /api/account/sessions/`: the caller's browser sessions and keys.
pub(crate) async fn sessions(app: &App, caller: Caller) -> ApiResult<Response> {
    let current = caller.credential().clone();
    let me = caller.user(app).await?;
    let items = own_account::sign_ins(app, me.id, current).await?;
    let rows: Vec<Value> = items
        .iter()
        .map(|s| json!({"id": s.id, "kind": s.kind, "name": s.name, "created_at": s.created_at, "current": s.current}))
        .collect();
    Ok(reply::ok(Value::Array(rows)))
}

/// `DELETE /api/account/sessions/{id}/`: ends one; its sockets close.
pub(crate) async fn end_session(app: &App, me: User, id: &str) -> ApiResult<Response> {
    let well_formed = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Err(ApiError::NotFound(
            "No session of yours matches the given query.".into(),
        ));
    }
    own_account::end_sign_in(app, me.id, id.to_ascii_lowercase()).await?;
    Ok(reply::no_content())
}

/// `POST /api/account/reset/` (anyone holding a reset link): `token` and `new_password`.
pub(crate) async fn reset(app: &App, req: &Request) -> ApiResult<Response> {
    let spent = app
        .limits
        .spend(login_budgets(&req.client_network(), None))
        .await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let token = check.take(f.required_string("token"));
    let new = check.take(f.required_string("new_password"));
    check.finish()?;
    let user = own_account::reset_password(app, token, new).await?;
    app.limits.give_back(spent).await;
    Ok(reply::ok(json!({
        "detail": "Your password is set: sign in with it.",
        "username": user.username,
    })))
}

/// `POST /api/account/confirm-email/` with `token`: confirms the caller's address through
/// the link mailed to it. The link works only for the account it was mailed for, signed
/// in: receiving the mail alone confirms nothing. Failed tries spend the login budget.
pub(crate) async fn confirm_email(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let spent = app
        .limits
        .spend(login_budgets(&req.client_network(), None))
        .await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let token = check.take(f.required_string("token"));
    check.finish()?;
    let user = mail::confirm::confirm(app, me.id, token).await?;
    app.limits.give_back(spent).await;
    Ok(reply::ok(account_with_storage(app, &user).await?))
}

/// `POST /api/account/confirm-email/send/`: mails the caller's unconfirmed address a new
/// confirmation link (at most one a minute). `202`.
pub(crate) async fn send_confirmation(app: &App, me: User) -> ApiResult<Response> {
    mail::confirm::send_again(app, me.id).await?;
    Ok(reply::json_of(
        202,
        &json!({"detail": "A confirmation link is on its way to your address."}),
    ))
}
