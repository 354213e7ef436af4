//! Matrix's OAuth 2.0 API (`/auth_metadata`, `/oauth/register`, `/oauth/authorize`,
//! `/oauth/token`, `/oauth/revoke`), with natter's own sign-in page as the place where
//! the person signs in and allows the app (`domain::matrix::sign_in::oauth`). Errors are OAuth's
//! (`{"error", "error_description"}`), not Matrix's.

use super::discovery::base_url;
use crate::domain::error::Problem;
use crate::domain::matrix::sign_in::oauth::{self, Tokens};
use crate::domain::Error;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use serde_json::{json, Value};
use std::collections::HashMap;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// OAuth's error answer.
fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    no_store(reply::json(
        status,
        &json!({"error": error, "error_description": description}),
    ))
}

/// Tokens and their errors are never cached (RFC 6749, 5.1).
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /auth_metadata`: where an app finds the rest.
pub fn metadata(app: &App, req: &Request) -> ApiResult<Response> {
    let base = base_url(app, req);
    let base = base.trim_end_matches('/');
    let at = |path: &str| format!("{base}/_matrix/client/v1/oauth/{path}");
    Ok(reply::json(
        200,
        &json!({
            "issuer": format!("{base}/"),
            "authorization_endpoint": at("authorize"),
            "token_endpoint": at("token"),
            "registration_endpoint": at("register"),
            "revocation_endpoint": at("revoke"),
            "account_management_uri": format!("{base}/#account"),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query", "fragment"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["none"],
            "revocation_endpoint_auth_methods_supported": ["none"],
            "scopes_supported": ["urn:matrix:client:api:*", "urn:matrix:client:device:*"],
            "prompt_values_supported": ["create"],
        }),
    ))
}

/// `POST /oauth/register`: dynamic client registration.
pub async fn register(app: &App, req: &Request) -> ApiResult<Response> {
    let Ok(metadata) = serde_json::from_slice::<Value>(&req.body) else {
        return Ok(oauth_error(
            400,
            "invalid_client_metadata",
            "The body is not JSON",
        ));
    };
    if !metadata.is_object() {
        return Ok(oauth_error(
            400,
            "invalid_client_metadata",
            "The body must be an object",
        ));
    }
    if crate::http::null_chars::in_value(&metadata) {
        return Ok(oauth_error(
            400,
            "invalid_client_metadata",
            "The metadata holds a NUL character",
        ));
    }
    match oauth::register(app, &req.client_network(), metadata).await {
        Ok(client) => Ok(no_store(reply::json(201, &client.metadata))),
        Err(Error::Invalid(fields)) => {
            let (field, problems) = fields.first().cloned().unwrap_or(("metadata", Vec::new()));
            let error = match field {
                "redirect_uris" => "invalid_redirect_uri",
                _ => "invalid_client_metadata",
            };
            // The field and its sentence, as an app's developer reads them.
            let sentence = problems.iter().find_map(|p| match p {
                Problem::Worded(why) => Some(*why),
                _ => None,
            });
            let why = format!("{field}: {}", sentence.unwrap_or("not valid"));
            Ok(oauth_error(400, error, &why))
        }
        Err(Error::TooLarge) => Ok(oauth_error(
            400,
            "invalid_client_metadata",
            "The metadata is too large",
        )),
        Err(other) => Err(other.into()),
    }
}

/// A page for a request that cannot be sent back to its app (RFC 6749, 4.1.2.1).
fn not_sent_back(text: &'static str) -> ApiResult<Response> {
    Ok(reply::text(400, text))
}

/// Where an error goes back to the app: its address, the response mode it asked (the
/// query when it asked none or another), its state.
struct Back<'a> {
    redirect_uri: &'a str,
    mode: &'a str,
    state: Option<&'a str>,
}

impl Back<'_> {
    /// The browser sent to the app with an OAuth error.
    fn with(&self, error: &str, description: &str) -> ApiResult<Response> {
        let pairs = [("error", error), ("error_description", description)];
        match oauth::back_to_app(self.redirect_uri, self.mode, &pairs, self.state) {
            Some(to) => Ok(reply::see_other(&to)),
            None => not_sent_back("The app's address cannot be read."),
        }
    }
}

/// `GET /oauth/authorize`: checks the app's request and sends the browser to natter's
/// sign-in page (`/?matrix_oauth=<the waiting sign-in's id>`), which asks the person to
/// sign in and allow the app.
pub async fn authorize(app: &App, req: &Request) -> ApiResult<Response> {
    let param = |name: &str| req.query_param(name).filter(|v| !v.is_empty());
    let (Some(client_id), Some(redirect_uri)) = (param("client_id"), param("redirect_uri")) else {
        return not_sent_back("An app's sign-in names its client_id and redirect_uri.");
    };
    let Some(client) = oauth::client(app, client_id.clone()).await? else {
        return not_sent_back("This app is not registered here.");
    };
    if !client.redirect_uris().contains(&redirect_uri.as_str()) {
        return not_sent_back("This is not an address the app registered.");
    }
    let state = param("state");
    let asked_mode = param("response_mode").unwrap_or_else(|| "query".into());
    let back = Back {
        redirect_uri: &redirect_uri,
        mode: &asked_mode,
        state: state.as_deref(),
    };
    if param("response_type").as_deref() != Some("code") {
        return back.with("unsupported_response_type", "Only 'code' is offered");
    }
    if !matches!(asked_mode.as_str(), "query" | "fragment") {
        return back.with("invalid_request", "response_mode must be query or fragment");
    }
    let scope = param("scope").unwrap_or_default();
    let challenge = param("code_challenge");
    let method = param("code_challenge_method");
    if let Err((error, why)) = oauth::check_request(&scope, challenge.as_deref(), method.as_deref())
    {
        return back.with(error, why);
    }
    let request = oauth::Request {
        client_id,
        redirect_uri: redirect_uri.clone(),
        scope,
        state: state.clone(),
        code_challenge: challenge.unwrap_or_default(),
        response_mode: asked_mode.clone(),
    };
    let id = match oauth::start(app, &req.client_network(), request).await {
        Ok(id) => id,
        Err(Error::Invalid(_)) => {
            let back = Back {
                state: None,
                ..back
            };
            return back.with("invalid_request", "The state is too long");
        }
        Err(other) => return Err(other.into()),
    };
    // Only the sign-in's id: the page asks the server what the sign-in is (its app, the
    // address the code goes back to), so a link to the page naming another app's
    // address shows nothing of it.
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("matrix_oauth", &id)
        .finish();
    Ok(reply::see_other(&format!("/?{query}")))
}

/// A form body's fields (`application/x-www-form-urlencoded`, as OAuth sends them);
/// `None` for one that holds a NUL (no token, id or address has one, and PostgreSQL
/// cannot compare text with one), answered with [`nul_in_form`].
fn form(req: &Request) -> Option<HashMap<String, String>> {
    let fields: HashMap<String, String> = url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect();
    let nul = fields
        .iter()
        .any(|(k, v)| k.contains('\0') || v.contains('\0'));
    (!nul).then_some(fields)
}

/// OAuth's answer to a form that holds a NUL.
fn nul_in_form() -> Response {
    oauth_error(400, "invalid_request", "The form holds a NUL character")
}

fn tokens_json(t: &Tokens) -> Response {
    no_store(reply::json(
        200,
        &json!({
            "access_token": t.access_token,
            "token_type": "Bearer",
            "expires_in": t.expires_in,
            "refresh_token": t.refresh_token,
            "scope": t.scope,
        }),
    ))
}

/// `POST /oauth/token`: a code (with its verifier) or a refresh token for tokens.
pub async fn token(app: &App, req: &Request) -> ApiResult<Response> {
    let Some(f) = form(req) else {
        return Ok(nul_in_form());
    };
    let field = |name: &str| f.get(name).filter(|v| !v.is_empty()).cloned();
    let Some(client_id) = field("client_id") else {
        return Ok(oauth_error(400, "invalid_request", "client_id is required"));
    };
    let issued = match field("grant_type").as_deref() {
        Some("authorization_code") => {
            let (Some(code), Some(redirect_uri), Some(verifier)) =
                (field("code"), field("redirect_uri"), field("code_verifier"))
            else {
                return Ok(oauth_error(
                    400,
                    "invalid_request",
                    "code, redirect_uri and code_verifier are required",
                ));
            };
            oauth::exchange(app, &code, client_id, redirect_uri, verifier).await?
        }
        Some("refresh_token") => {
            let Some(token) = field("refresh_token") else {
                return Ok(oauth_error(
                    400,
                    "invalid_request",
                    "refresh_token is required",
                ));
            };
            oauth::refresh(app, &token, client_id).await?
        }
        _ => {
            return Ok(oauth_error(
                400,
                "unsupported_grant_type",
                "Only authorization_code and refresh_token",
            ))
        }
    };
    match issued {
        Some(tokens) => Ok(tokens_json(&tokens)),
        None => Ok(oauth_error(
            400,
            "invalid_grant",
            "The code or token is unknown, used or expired",
        )),
    }
}

/// `POST /oauth/revoke`: ends the device of an access or refresh token.
pub async fn revoke(app: &App, req: &Request) -> ApiResult<Response> {
    let Some(f) = form(req) else {
        return Ok(nul_in_form());
    };
    let Some(token) = f.get("token").filter(|t| !t.is_empty()) else {
        return Ok(oauth_error(400, "invalid_request", "token is required"));
    };
    oauth::revoke(app, token).await?;
    Ok(no_store(reply::json(200, &json!({}))))
}
