//! Account endpoints of every surface: registration, logins (DRF keys, JWT pairs,
//! browser sessions), logout, the current user, and user lists (docs/api.md).

use crate::domain::auth;
use crate::domain::people::accounts::{self, Checked};
use crate::domain::people::two_factor::holds::Held;
use crate::http::error::{codes_held_words, ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::{required, FieldCheck, Request};
use crate::routing::caller;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::emails;
use crate::surfaces::users::{user_json, user_json_for};
use serde_json::{json, Value};
use warp::reply::Response;

pub(crate) async fn register(app: &App, req: &Request) -> ApiResult<Response> {
    let user = sign_up(app, req).await?;
    let token = auth::mint_token(app, user.id).await?;
    Ok(reply::created(
        json!({"token": token, "user": user_json(&user)}),
    ))
}

/// A sign-up from the request's fields; the domain decides whether it spends the client
/// network's sign-up budget (`domain::people::accounts`: not with a usable invitation).
async fn sign_up(app: &App, req: &Request) -> ApiResult<User> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let mut text = |name: &str| check.take(f.string(name).and_then(|v| required(name, v)));
    let username = text("username");
    let email = text("email");
    let password = text("password");
    let display_name = check.take(f.string("display_name")).unwrap_or_default();
    let invite_code = check.take(f.string("invite_code"));
    // natter's own field (its web client sends it): start in the default rooms.
    let joins_default_rooms = check.take(f.boolean("join_default_rooms")).unwrap_or(false);
    check.finish()?;
    accounts::register(
        app,
        accounts::Registration {
            username,
            email,
            password,
            display_name,
            is_admin: false,
            by: accounts::Registrar::SignUp {
                invite_code,
                network: req.client_network(),
            },
            joins_default_rooms,
            email_confirmed: false,
        },
    )
    .await
    .map_err(ApiError::from)
}

pub(crate) async fn register_plain(app: &App, req: &Request) -> ApiResult<Response> {
    let user = sign_up(app, req).await?;
    Ok(reply::created(
        json!({"id": user.id, "username": user.username, "email": user.email}),
    ))
}

fn invalid_credentials() -> ApiError {
    ApiError::verbatim(
        401,
        json!({"error": "Invalid credentials", "detail": "Invalid credentials."}),
    )
}

/// Told to someone whose password was right, on an account that asks for a code.
const CODE_NEEDED: &str = "Enter the code from your authenticator app (field `otp`).";
/// Told to someone whose password was right but whose code was not.
const CODE_WRONG: &str = "The two-factor code is wrong, expired or already used.";

/// The surface's usual 401, with `two_factor_required` so a client knows to ask for the
/// code and send the login again with `otp`.
fn two_factor_needed(mut body: Value) -> ApiError {
    if let Some(fields) = body.as_object_mut() {
        fields.insert("two_factor_required".into(), Value::Bool(true));
    }
    ApiError::verbatim(401, body)
}
/// The surface's 429 while two-factor codes are held: `body` (the surface's keys) with
/// `two_factor_required` and `two_factor_held`, and `Retry-After` when time ends it.
fn codes_held(held: Held, mut body: Value) -> ApiError {
    let wait = match held {
        Held::For(secs) => Some(secs),
        Held::UntilReset => None,
    };
    if let Some(fields) = body.as_object_mut() {
        fields.insert("detail".into(), Value::from(codes_held_words(wait)));
        fields.insert("two_factor_required".into(), Value::Bool(true));
        fields.insert("two_factor_held".into(), Value::Bool(true));
    }
    ApiError::CodesHeld { body, wait }
}

/// `--password-sign-in admins`, told only to someone whose password was right.
const PROVIDER_ONLY: &str =
    "Password sign-in is for administrators here: sign in through your organisation's provider.";

/// Told only to someone whose password was right.
fn deactivated() -> ApiError {
    ApiError::verbatim(
        401,
        json!({"error": "Account deactivated", "detail": "This account is inactive."}),
    )
}

pub(crate) async fn login(app: &App, req: &Request) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let username = check.take(f.string("username"));
    let email = check.take(f.string("email"));
    let password = check.take(f.string("password")).unwrap_or_default();
    let oauth = check.take(f.string("oauth")).as_deref() == Some("true");
    let otp = check.take(f.string("otp"));
    check.finish()?;
    let login = match (username, email) {
        (Some(u), _) if !u.trim().is_empty() => u,
        (_, Some(e)) if !e.trim().is_empty() => e,
        _ => {
            return Err(ApiError::Validation(vec![(
                "non_field_errors".into(),
                vec!["Provide username or email.".into()],
            )]))
        }
    };
    let user = if oauth && password.is_empty() {
        // An empty password only re-confirms a browser session of the same user.
        let session_user = caller::session_user(app, req).await?;
        let named = accounts::by_login(app, login.clone()).await?;
        match (session_user, named) {
            (Some(s), Some(n)) if s.id == n.id => s,
            _ => {
                return Err(ApiError::verbatim(
                    401,
                    json!({"error": "User is not authenticated with Google", "detail": "Invalid credentials."}),
                ))
            }
        }
    } else {
        if password.is_empty() {
            return Err(ApiError::field("password", "This field is required."));
        }
        match accounts::authenticate(
            app,
            &login,
            &password,
            otp.as_deref(),
            &req.client_network(),
        )
        .await?
        {
            Checked::SignedIn(user) => *user,
            Checked::Deactivated => return Err(deactivated()),
            Checked::Wrong => return Err(invalid_credentials()),
            Checked::CodeNeeded => {
                return Err(two_factor_needed(json!({
                    "error": "Two-factor code required",
                    "detail": CODE_NEEDED,
                })))
            }
            Checked::WrongCode => {
                return Err(two_factor_needed(json!({
                    "error": "Invalid two-factor code",
                    "detail": CODE_WRONG,
                })))
            }
            Checked::CodeHeld(held) => {
                return Err(codes_held(
                    held,
                    json!({"error": "Two-factor codes on hold"}),
                ))
            }
            Checked::ProviderOnly => {
                return Err(ApiError::verbatim(
                    401,
                    json!({"error": "Invalid credentials", "detail": PROVIDER_ONLY}),
                ))
            }
        }
    };
    let token = auth::mint_token(app, user.id).await?;
    Ok(reply::ok(json!({"token": token, "user": user_json(&user)})))
}

/// Signs out the credential the request came with: a `Token` key is deleted, a session
/// (with no `Authorization` header) ended as `/accounts/logout/` ends it; either way the
/// sockets opened with it close. A JWT has nothing to end.
pub(crate) async fn logout(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    if let Some(value) = req.header("authorization") {
        let mut parts = value.split_whitespace();
        if parts.next().map(|s| s.eq_ignore_ascii_case("token")) == Some(true) {
            if let Some(key) = parts.next() {
                auth::revoke_token(app, key).await?;
            }
        }
        return Ok(reply::no_content());
    }
    session_logout(app, req, me).await
}

pub(crate) async fn me(me: User) -> ApiResult<Response> {
    Ok(reply::ok(user_json(&me)))
}

pub(crate) async fn token_for_session(app: &App, me: User) -> ApiResult<Response> {
    let token = auth::mint_token(app, me.id).await?;
    Ok(reply::ok(json!({"token": token})))
}

pub(crate) async fn list_users(
    app: &App,
    req: &Request,
    me: User,
    paged: bool,
) -> ApiResult<Response> {
    if !paged {
        let users = accounts::everyone_but(app, Some(me.id)).await?;
        let rows: Vec<Value> = users
            .iter()
            .map(|u| json!({"id": u.id, "username": u.username, "email": emails::shown(app, &me, u.id, &u.email)}))
            .collect();
        return Ok(reply::ok(Value::Array(rows)));
    }
    let asked = PageRequest::from_query(req, 20, 1000)?;
    let (page, count, users) = reply::read_page(asked, |size, offset| {
        accounts::page_of_others(app, me.id, size, offset)
    })
    .await?;
    let rows = users.iter().map(|u| user_json_for(app, &me, u)).collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}

pub(crate) async fn user_detail(app: &App, me: User, id: i64) -> ApiResult<Response> {
    let user = accounts::user_by_id(app, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("No User matches the given query.".into()))?;
    Ok(reply::ok(user_json_for(app, &me, &user)))
}

pub(crate) async fn update_user(
    app: &App,
    req: &Request,
    me: User,
    id: i64,
) -> ApiResult<Response> {
    if id != me.id {
        accounts::user_by_id(app, id)
            .await?
            .ok_or_else(|| ApiError::NotFound("No User matches the given query.".into()))?;
        return Err(ApiError::Forbidden(
            "You can only update your own profile.".into(),
        ));
    }
    let f = req.fields()?;
    let display_name = f.string("display_name")?;
    if display_name
        .as_ref()
        .is_some_and(|d| d.chars().count() > 150)
    {
        return Err(ApiError::field(
            "display_name",
            "Ensure this field has no more than 150 characters.",
        ));
    }
    let user = accounts::set_display_name(app, id, display_name).await?;
    Ok(reply::ok(user_json(&user)))
}

pub(crate) async fn all_users(app: &App, me: User) -> ApiResult<Response> {
    let users = accounts::everyone_but(app, None).await?;
    let rows: Vec<Value> = users
        .iter()
        .map(|u| json!({"id": u.id, "username": u.username, "email": emails::shown(app, &me, u.id, &u.email)}))
        .collect();
    Ok(reply::ok(Value::Array(rows)))
}

pub(crate) async fn jwt_pair(app: &App, req: &Request) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let mut text = |name: &str| {
        check.take(
            f.string(name)
                .and_then(|v| required(name, v))
                .and_then(|v| {
                    if v.is_empty() {
                        Err(ApiError::field(name, "This field may not be blank."))
                    } else {
                        Ok(v)
                    }
                }),
        )
    };
    let username = text("username");
    let password = text("password");
    let otp = check.take(f.string("otp"));
    check.finish()?;
    // simplejwt's words: its serializer's for a wrong password, its authentication's
    // for an inactive user.
    let user = match accounts::authenticate(
        app,
        &username,
        &password,
        otp.as_deref(),
        &req.client_network(),
    )
    .await?
    {
        Checked::SignedIn(user) => *user,
        Checked::CodeNeeded => {
            return Err(two_factor_needed(
                json!({"detail": CODE_NEEDED, "code": "two_factor_required"}),
            ))
        }
        Checked::WrongCode => {
            return Err(two_factor_needed(
                json!({"detail": CODE_WRONG, "code": "two_factor_invalid"}),
            ))
        }
        Checked::CodeHeld(held) => {
            return Err(codes_held(held, json!({"code": "two_factor_held"})))
        }
        Checked::Deactivated => {
            return Err(ApiError::verbatim(
                401,
                json!({"detail": "User is inactive", "code": "user_inactive"}),
            ))
        }
        Checked::Wrong => {
            return Err(ApiError::verbatim(
                401,
                json!({"detail": "No active account found with the given credentials"}),
            ))
        }
        Checked::ProviderOnly => {
            return Err(ApiError::verbatim(401, json!({"detail": PROVIDER_ONLY})))
        }
    };
    let (refresh, access) = auth::token_pair(app, &user)?;
    Ok(reply::ok(json!({"refresh": refresh, "access": access})))
}

pub(crate) async fn jwt_refresh(app: &App, req: &Request) -> ApiResult<Response> {
    let f = req.fields()?;
    let token = f.required_string("refresh")?;
    let invalid = || {
        ApiError::verbatim(
            401,
            json!({"detail": "Token is invalid or expired", "code": "token_not_valid"}),
        )
    };
    let claims = auth::decode_jwt(&app.jwt_secret, &token, "refresh").ok_or_else(invalid)?;
    // A deactivated person's, or one minted before their password changed, is refused.
    let user = accounts::user_by_id(app, claims.user_id)
        .await?
        .filter(|u| u.is_active && u.credentials_epoch == claims.epoch)
        .ok_or_else(invalid)?;
    let access = auth::issue_jwt(app, &user, "access", app.config.access_ttl_secs)?;
    Ok(reply::ok(json!({"access": access})))
}

pub(crate) async fn session_login(app: &App, req: &Request) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let username = check.take(f.string("username"));
    let email = check.take(f.string("email"));
    check.take(f.string("password"));
    let otp = check.take(f.string("otp"));
    check.finish()?;
    let login = match (username, email) {
        (Some(u), _) if !u.trim().is_empty() => u,
        (_, Some(e)) if !e.trim().is_empty() => e,
        _ => return Err(ApiError::field("username", "This field is required.")),
    };
    let password = f.required_string("password")?;
    // Django's `AuthenticationForm` says "This account is inactive." to a right password.
    let user = match accounts::authenticate(
        app,
        &login,
        &password,
        otp.as_deref(),
        &req.client_network(),
    )
    .await?
    {
        Checked::SignedIn(user) => *user,
        Checked::CodeNeeded => return Err(two_factor_needed(json!({"detail": CODE_NEEDED}))),
        Checked::WrongCode => return Err(two_factor_needed(json!({"detail": CODE_WRONG}))),
        Checked::CodeHeld(held) => return Err(codes_held(held, json!({}))),
        Checked::Deactivated => {
            return Err(ApiError::BadCredentials("This account is inactive.".into()))
        }
        Checked::Wrong => return Err(ApiError::BadCredentials("Invalid credentials.".into())),
        Checked::ProviderOnly => return Err(ApiError::BadCredentials(PROVIDER_ONLY.into())),
    };
    let (session_id, csrf) = auth::start_session(app, user.id).await?;
    let mut response = reply::ok(json!({"user": user_json(&user), "csrftoken": csrf}));
    reply::set_session_cookies(req, &mut response, &session_id, &csrf, auth::SESSION_SECS);
    Ok(response)
}

pub(crate) async fn session_logout(app: &App, req: &Request, _me: User) -> ApiResult<Response> {
    if let Some(sid) = req.cookie("sessionid") {
        auth::end_session(app, &sid).await?;
    }
    let mut response = reply::no_content();
    reply::set_session_cookies(req, &mut response, "", "", 0);
    Ok(response)
}
