//! The one credential a Matrix request presents: a device's access token, from
//! `Authorization: Bearer` or the `access_token` query parameter (the specification
//! allows both). natter's keys, JWTs and session cookies mean nothing here.

use crate::domain::auth;
use crate::domain::matrix::sign_in::oauth;
use crate::http::error::{ApiError, ApiResult};
use crate::http::request::Request;
use crate::model::Credential;
use crate::routing::caller::Caller;
use crate::state::App;
use crate::surfaces::matrix::errors::error;
use serde_json::json;

/// The access token presented; a missing one is `M_MISSING_TOKEN`, two that differ (in
/// the header and the query, or two headers) a 400.
pub fn token(req: &Request) -> ApiResult<String> {
    let mut headers = req.headers.get_all("authorization").iter();
    let from_header = match (headers.next(), headers.next()) {
        (Some(_), Some(_)) => {
            return Err(error(400, "M_INVALID_PARAM", "Two Authorization headers"))
        }
        (Some(value), None) => {
            let value = value.to_str().map_err(|_| ApiError::InvalidToken)?;
            let mut parts = value.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some(scheme), Some(token), None) if scheme.eq_ignore_ascii_case("bearer") => {
                    Some(token.to_string())
                }
                _ => return Err(ApiError::InvalidToken),
            }
        }
        _ => None,
    };
    let from_query = req.query_param("access_token");
    match (from_header, from_query) {
        (Some(a), Some(b)) if a != b => Err(error(
            400,
            "M_INVALID_PARAM",
            "The Authorization header and access_token name different tokens",
        )),
        (Some(token), _) | (None, Some(token)) => Ok(token),
        (None, None) => Err(ApiError::Unauthenticated),
    }
}

/// The caller of a route that needs a signed-in device.
pub fn caller(app: &App, req: &Request) -> ApiResult<Caller> {
    let credential = Credential::Device(auth::digest(&token(req)?));
    Ok(Caller::presenting(app, credential, None))
}

/// The hash of the token `req` came with (empty without one).
pub fn device_of(caller: &crate::routing::caller::Caller) -> Vec<u8> {
    caller
        .credential()
        .digest()
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// `err` as Matrix asks it told: a refused token that is an OAuth access token whose
/// minutes ran out, on a device that lives, is `M_UNKNOWN_TOKEN` with `soft_logout:
/// true`, so the app refreshes it instead of signing its person out; anything else is
/// as it was.
pub async fn soft_logout(app: &App, req: &Request, err: ApiError) -> ApiError {
    if !matches!(err, ApiError::InvalidToken) {
        return err;
    }
    let Ok(token) = token(req) else {
        return err;
    };
    match oauth::access_ran_out(app, &token).await {
        Ok(true) => ApiError::verbatim(
            401,
            json!({
                "errcode": "M_UNKNOWN_TOKEN",
                "error": "The access token has expired: refresh it",
                "soft_logout": true,
            }),
        ),
        _ => err,
    }
}
