//! `/api/account/two-factor/`: one's own two-factor sign-in. `GET` says whether it is on;
//! `POST` (with the password) starts setting it up and shows the secret and its QR code
//! once; `confirm/` (with a code from the app, `otp`) turns it on and shows the recovery codes
//! once; `DELETE` (with the password and a code) turns it off.

use crate::domain::people::two_factor;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::state::App;
use crate::store::people::users::User;
use serde_json::json;
use warp::reply::Response;

/// `GET`: `{"enabled": bool, "recovery_codes_left": N, "required": bool}` (`required`:
/// the operator asks it of administrators and this is one).
pub(crate) async fn show(app: &App, me: &User) -> ApiResult<Response> {
    let status = two_factor::status(app, me.id).await?;
    Ok(reply::ok(json!({
        "enabled": status.enabled,
        "recovery_codes_left": status.recovery_codes_left,
        "required": me.is_admin && app.config.two_factor_for_admins,
    })))
}

/// `POST` with `current_password`: a new secret, shown this once.
pub(crate) async fn start(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let password = req.fields()?.required_string("current_password")?;
    let setup = two_factor::start(app, &me, password).await?;
    Ok(reply::created(json!({
        "secret": setup.secret,
        "otpauth_url": setup.otpauth_url,
        "qr_svg": setup.qr_svg,
    })))
}

/// `POST confirm/` with `otp`: on from now; the recovery codes, shown this once.
pub(crate) async fn confirm(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let code = req.fields()?.required_string("otp")?;
    let codes = two_factor::confirm(app, &me, &code).await?;
    Ok(reply::ok(
        json!({ "enabled": true, "recovery_codes": codes }),
    ))
}

/// `DELETE` with `current_password` and `otp` (or a recovery code): off.
pub(crate) async fn turn_off(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let password = check.take(f.required_string("current_password"));
    let code = check.take(f.required_string("otp"));
    check.finish()?;
    two_factor::turn_off(app, &me, password, &code).await?;
    Ok(reply::no_content())
}
