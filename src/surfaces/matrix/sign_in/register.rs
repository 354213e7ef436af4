//! Signing up from a Matrix app (`domain::matrix::sign_in::sign_up`), in Matrix's user-interactive
//! steps: `POST /register` answers 401 with the stages natter asks for (an invitation
//! code as `m.login.registration_token` when `--registration invite`, and always the
//! email address proven as `m.login.email.identity`) until they are passed; then the
//! account, and a device unless `inhibit_login`. The address is proven by
//! `/register/email/requestToken` (natter mails a link) and `/submitToken` (the link,
//! or the code typed into the app).

use super::discovery;
use crate::domain::error::{Error, Problem};
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sign_in::{devices, sign_up};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::surfaces::matrix::body;
use crate::surfaces::matrix::errors::{bad_json, error, forbidden};
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// Told when nobody may sign up here from a Matrix app.
const CLOSED: &str = "Registration is closed here, or this server sends no mail to confirm \
     an address with: ask an administrator for an account";

/// The longest client secret taken (the specification's limit).
const MAX_SECRET: usize = 255;

/// `POST /register`.
pub async fn register(app: &App, req: &Request) -> ApiResult<Response> {
    if req.query_param("kind").as_deref() == Some("guest") {
        return Err(error(
            403,
            "M_GUEST_ACCESS_FORBIDDEN",
            "Guests cannot join this server",
        ));
    }
    let stages = sign_up::stages(app).map_err(|_| forbidden(CLOSED))?;
    let given = body::object(req)?;
    let username = body::string(&given, "username")?;
    if let Some(name) = &username {
        sign_up::name_free(app, name).await.map_err(name_error)?;
    }
    let auth = match given.get("auth") {
        Some(Value::Object(auth)) => auth.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(bad_json("'auth' must be an object")),
    };
    let session = body::string(&auth, "session")?.unwrap_or_else(|| random_hex(12));
    let mut failed: Option<(&str, &str)> = None;
    let mut code = sign_up::code_of(app, &session).await?;
    let mut proven: Option<(String, String)> = None;
    match body::string(&auth, "type")?.as_deref() {
        None => {}
        Some("m.login.registration_token") => {
            let token = body::string(&auth, "token")?.unwrap_or_default();
            match sign_up::code_usable(app, &token).await? {
                true => {
                    sign_up::keep_code(app, &session, &token).await?;
                    code = Some(token);
                }
                false => failed = Some(("M_FORBIDDEN", "This registration token cannot be used")),
            }
        }
        Some("m.login.email.identity") => {
            let creds = match auth
                .get("threepid_creds")
                .or_else(|| auth.get("threepidCreds"))
            {
                Some(Value::Object(creds)) => creds.clone(),
                _ => return Err(bad_json("'auth.threepid_creds' is required")),
            };
            let sid = body::string(&creds, "sid")?.unwrap_or_default();
            let secret = body::string(&creds, "client_secret")?.unwrap_or_default();
            match sign_up::proven(app, &sid, &secret).await? {
                Some(email) => proven = Some((sid, email)),
                None => {
                    failed = Some((
                        "M_UNAUTHORIZED",
                        "The address is not confirmed yet: open the link natter mailed",
                    ))
                }
            }
        }
        Some(_) => failed = Some(("M_UNRECOGNIZED", "natter asks for other stages")),
    }
    let mut completed: Vec<&str> = Vec::new();
    if code.is_some() && stages.contains(&"m.login.registration_token") {
        completed.push("m.login.registration_token");
    }
    if proven.is_some() {
        completed.push("m.login.email.identity");
    }
    let (Some((sid, email)), true) = (proven, stages.iter().all(|s| completed.contains(s))) else {
        let mut asked = json!({
            "flows": [{"stages": stages}],
            "params": {},
            "session": session,
            "completed": completed,
        });
        if let Some((errcode, words)) = failed {
            asked["errcode"] = json!(errcode);
            asked["error"] = json!(words);
        }
        return Err(ApiError::verbatim(401, asked));
    };
    let username =
        username.ok_or_else(|| error(400, "M_MISSING_PARAM", "'username' is required"))?;
    let password = body::string(&given, "password")?
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'password' is required"))?;
    let user = sign_up::finish(
        app,
        sign_up::SignUp {
            username,
            password,
            email,
            sid,
            session,
            invite_code: code,
            network: req.client_network(),
        },
    )
    .await?;
    let server = server_name(app);
    let user_id = ids::user_id(&user.username, user.id, server);
    if given.get("inhibit_login") == Some(&Value::Bool(true)) {
        return Ok(reply::json(
            200,
            &json!({"user_id": user_id, "home_server": server}),
        ));
    }
    let device_id = body::string(&given, "device_id")?;
    let name = body::string(&given, "initial_device_display_name")?;
    let (token, device_id) = devices::sign_in(app, user.id, device_id, name).await?;
    Ok(reply::json(
        200,
        &json!({
            "user_id": user_id,
            "access_token": token,
            "device_id": device_id,
            "home_server": server,
            "well_known": {"m.homeserver": {"base_url": discovery::base_url(app, req)}},
        }),
    ))
}

/// Whether `e` says a field's value is taken (a username, an address).
fn is_taken(e: &Error) -> bool {
    matches!(e, Error::Invalid(fields) if fields.iter().any(|(_, p)| p.contains(&Problem::Taken)))
}

/// A username natter would refuse, in Matrix's words.
fn name_error(e: Error) -> ApiError {
    match e {
        e if is_taken(&e) => error(400, "M_USER_IN_USE", "This username is taken"),
        Error::Invalid(_) => error(
            400,
            "M_INVALID_USERNAME",
            "A username is 1 to 150 letters, digits and @.+-_, not all digits",
        ),
        other => other.into(),
    }
}

/// `GET /register/available?username=`.
pub async fn available(app: &App, req: &Request) -> ApiResult<Response> {
    let name = req
        .query_param("username")
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'username' is required"))?;
    sign_up::name_free(app, &name).await.map_err(name_error)?;
    Ok(reply::json(200, &json!({"available": true})))
}

/// `GET /register/m.login.registration_token/validity?token=`.
pub async fn token_validity(app: &App, req: &Request) -> ApiResult<Response> {
    sign_up::stages(app).map_err(|_| forbidden(CLOSED))?;
    let token = req
        .query_param("token")
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'token' is required"))?;
    let valid = sign_up::code_usable(app, &token).await?;
    Ok(reply::json(200, &json!({"valid": valid})))
}

/// `POST /register/email/requestToken`: mails the address a link proving it.
pub async fn request_token(app: &App, req: &Request) -> ApiResult<Response> {
    sign_up::stages(app).map_err(|_| forbidden(CLOSED))?;
    let given = body::object(req)?;
    let secret = body::string(&given, "client_secret")?.unwrap_or_default();
    if secret.is_empty()
        || secret.len() > MAX_SECRET
        || !secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._=-".contains(&b))
    {
        return Err(error(
            400,
            "M_INVALID_PARAM",
            "'client_secret' must be 1 to 255 of [0-9a-zA-Z.=_-]",
        ));
    }
    let email = body::string(&given, "email")?
        .ok_or_else(|| error(400, "M_MISSING_PARAM", "'email' is required"))?;
    let sid = sign_up::mail_check(app, &req.client_network(), &secret, &email)
        .await
        .map_err(|e| match e {
            e if is_taken(&e) => error(
                400,
                "M_THREEPID_IN_USE",
                "An account has this address: sign in instead",
            ),
            Error::Invalid(_) => error(400, "M_INVALID_PARAM", "This is not an email address"),
            other => other.into(),
        })?;
    let submit_url = format!(
        "{}/_matrix/client/v3/register/email/submitToken",
        discovery::base_url(app, req)
    );
    Ok(reply::json(
        200,
        &json!({"sid": sid, "submit_url": submit_url}),
    ))
}

/// `GET /register/email/submitToken?sid=&client_secret=&token=` (the mailed link, a page
/// for the person) or `POST` with the same as JSON (the code typed into the app).
pub async fn submit_token(app: &App, req: &Request, page: bool) -> ApiResult<Response> {
    let (sid, secret, token) = match page {
        true => (
            req.query_param("sid").unwrap_or_default(),
            req.query_param("client_secret").unwrap_or_default(),
            req.query_param("token").unwrap_or_default(),
        ),
        false => {
            let given = body::object(req)?;
            (
                body::string(&given, "sid")?.unwrap_or_default(),
                body::string(&given, "client_secret")?.unwrap_or_default(),
                body::string(&given, "token")?.unwrap_or_default(),
            )
        }
    };
    let confirmed = sign_up::confirm(app, &sid, &secret, &token).await?;
    if !page {
        return Ok(reply::json(200, &json!({"success": confirmed})));
    }
    let (status, words) = match confirmed {
        true => (
            200,
            "Your address is confirmed. Go back to the app to finish signing up.",
        ),
        false => (
            400,
            "This link is invalid, used or expired. Ask the app for a new one.",
        ),
    };
    Ok(reply::html_page(
        status,
        &format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>natter</title></head>\
             <body><main><h1>natter</h1><p>{words}</p></main></body></html>"
        ),
    ))
}
