//! Signing in and out as a Matrix app: `/login` (password), `/logout`, `/logout/all`
//! and `/account/whoami`. A sign-in is a device (`domain::matrix::sign_in::devices`). An account
//! with two-factor sign-in is never signed in here by its password alone: Matrix's
//! password login has no place for the code.

use super::auth;
use crate::domain::matrix::ids::server_name;
use crate::domain::matrix::ids::{self, Named};
use crate::domain::matrix::sign_in::{devices, sso};
use crate::domain::people::accounts::{self, Checked};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::matrix::body;
use crate::surfaces::matrix::errors::{bad_json, error, forbidden};
use serde_json::{json, Map, Value};
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// Told for a wrong name or password, as for an unknown name.
const WRONG: &str = "Invalid username or password";
/// Told to someone whose password was right, on an account that asks for a code.
const TWO_FACTOR: &str = "This account signs in with a two-factor code, which a Matrix password \
     sign-in cannot carry: choose single sign-on, which opens natter's sign-in page";

/// `GET /login`: the ways to sign in: a password, or natter's own sign-in page (single
/// sign-on, which asks for the team's provider and two-factor codes) and the token it
/// hands back.
pub fn flows() -> Response {
    reply::json(
        200,
        &json!({"flows": [
            {"type": "m.login.password"},
            {"type": "m.login.sso"},
            {"type": "m.login.token"},
        ]}),
    )
}

/// `GET /login/sso/redirect[/{idp}]?redirectUrl=...`: to natter's sign-in page, which
/// signs the person in (or finds them signed in), asks them to confirm the app, and
/// sends the browser back to `redirectUrl` with a `loginToken`.
pub fn sso_redirect(req: &Request) -> ApiResult<Response> {
    let Some(target) = req.query_param("redirectUrl") else {
        return Err(error(
            400,
            "M_MISSING_PARAM",
            "Missing string query parameter redirectUrl",
        ));
    };
    if !sso::is_app_address(&target) {
        return Err(error(
            400,
            "M_INVALID_PARAM",
            "redirectUrl must be an absolute address of the app",
        ));
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("matrix_sso", &target)
        .finish();
    Ok(reply::see_other(&format!("/?{query}")))
}

/// `POST /login`: a password sign-in, or a token from single sign-on; answers a new
/// device's access token.
pub async fn login(app: &App, req: &Request) -> ApiResult<Response> {
    let body = body::object(req)?;
    let by_token = match body::string(&body, "type")?.as_deref() {
        Some("m.login.password") => false,
        Some("m.login.token") => true,
        Some(_) => return Err(error(400, "M_UNKNOWN", "Unknown login type")),
        None => return Err(bad_json("'type' is required")),
    };
    let device_id = body::string(&body, "device_id")?;
    let name = body::string(&body, "initial_device_display_name")?;
    for (field, value) in [
        ("device_id", &device_id),
        ("initial_device_display_name", &name),
    ] {
        if value
            .as_ref()
            .is_some_and(|v| v.len() > devices::MAX_DEVICE_ID || v.is_empty())
        {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                &format!("'{field}' must be 1 to {} bytes", devices::MAX_DEVICE_ID),
            ));
        }
    }
    let user = match by_token {
        true => {
            let token =
                body::string(&body, "token")?.ok_or_else(|| bad_json("'token' is required"))?;
            sso::take(app, &token)
                .await?
                .ok_or_else(|| forbidden("Invalid login token"))?
        }
        false => by_password(app, req, &body).await?,
    };
    let (token, device_id) = devices::sign_in(app, user.id, device_id, name).await?;
    let server = server_name(app);
    let mut response = reply::json(
        200,
        &json!({
            "user_id": ids::user_id(&user.username, user.id, server),
            "access_token": token,
            "device_id": device_id,
            "home_server": server,
            "well_known": {"m.homeserver": {"base_url": super::discovery::base_url(app, req)}},
        }),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The account a password sign-in's body names, if its password is right and the
/// account signs in by password alone.
async fn by_password(app: &App, req: &Request, body: &Map<String, Value>) -> ApiResult<User> {
    let password =
        body::string(body, "password")?.ok_or_else(|| bad_json("'password' is required"))?;
    let Some(login) = login_name(app, body).await? else {
        return Err(forbidden(WRONG));
    };
    let checked =
        accounts::authenticate(app, &login, &password, None, &req.client_network()).await?;
    let user = match checked {
        Checked::SignedIn(user) => *user,
        Checked::Deactivated => {
            return Err(error(
                403,
                "M_USER_DEACTIVATED",
                "This account is deactivated",
            ))
        }
        Checked::CodeNeeded | Checked::WrongCode | Checked::CodeHeld(_) => {
            return Err(forbidden(TWO_FACTOR))
        }
        Checked::ProviderOnly => {
            return Err(forbidden(
                "Password sign-in is for administrators here: choose single sign-on, \
                 which opens natter's sign-in page and your organisation's provider",
            ))
        }
        Checked::Wrong => return Err(forbidden(WRONG)),
    };
    Ok(user)
}

/// The name to check the password of, from the body's `identifier` (or the older
/// `user`, `medium` and `address` fields): a Matrix user id or localpart of this server,
/// a natter username or an email address. `None`: an id of another server, or an
/// identifier natter has no account for.
async fn login_name(app: &App, body: &Map<String, Value>) -> ApiResult<Option<String>> {
    let identifier = match body.get("identifier") {
        Some(Value::Object(identifier)) => identifier.clone(),
        Some(_) => return Err(bad_json("'identifier' must be an object")),
        None => {
            let mut old = Map::new();
            if let Some(user) = body::string(body, "user")? {
                old.insert("type".into(), "m.id.user".into());
                old.insert("user".into(), user.into());
            } else if let Some(address) = body::string(body, "address")? {
                old.insert("type".into(), "m.id.thirdparty".into());
                old.insert(
                    "medium".into(),
                    body.get("medium").cloned().unwrap_or_default(),
                );
                old.insert("address".into(), address.into());
            }
            old
        }
    };
    match body::string(&identifier, "type")?.as_deref() {
        Some("m.id.user") => {
            let user = body::string(&identifier, "user")?
                .ok_or_else(|| bad_json("'identifier.user' is required"))?;
            user_login(app, &user).await
        }
        Some("m.id.thirdparty") => {
            if body::string(&identifier, "medium")?.as_deref() != Some("email") {
                return Err(error(400, "M_UNKNOWN", "Only email addresses sign in here"));
            }
            let address = body::string(&identifier, "address")?
                .ok_or_else(|| bad_json("'identifier.address' is required"))?;
            Ok(Some(address))
        }
        Some(_) => Err(error(400, "M_UNKNOWN", "Unknown identifier type")),
        None => Err(bad_json("'identifier' is required")),
    }
}

/// The login name an `m.id.user` identifier names: a full id of this server, a
/// localpart natter wrote, or the username as the person types it.
async fn user_login(app: &App, user: &str) -> ApiResult<Option<String>> {
    let named = match user.starts_with('@') {
        true => match ids::named_by_user_id(user, server_name(app)) {
            Some(named) => named,
            None => return Ok(None),
        },
        false if user.contains('=') => match ids::named_by_localpart(user) {
            Some(named) => named,
            None => Named::Key(user.to_string()),
        },
        false => Named::Key(user.to_string()),
    };
    Ok(match named {
        Named::Key(key) => Some(key),
        Named::Id(id) => accounts::user_by_id(app, id).await?.map(|u| u.username),
    })
}

/// `POST /logout`: ends the device the request came with.
pub async fn logout(app: &App, req: &Request) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let credential = caller.credential().clone();
    caller.user(app).await?;
    let Some(hash) = credential.digest().map(<[u8]>::to_vec) else {
        return Err(ApiError::InvalidToken);
    };
    devices::sign_out(app, hash).await?;
    Ok(reply::json(200, &json!({})))
}

/// `POST /logout/all`: ends every device and browser session of the account.
pub async fn logout_all(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    devices::end_all(app, me.id).await?;
    Ok(reply::json(200, &json!({})))
}

/// `GET /account/whoami`: the account and device of the token.
pub async fn whoami(app: &App, req: &Request) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let credential = caller.credential().clone();
    let me = caller.user(app).await?;
    let device = devices::current(app, &credential).await?;
    Ok(reply::json(
        200,
        &json!({
            "user_id": ids::user_id(&me.username, me.id, server_name(app)),
            "device_id": device,
            "is_guest": false,
        }),
    ))
}
