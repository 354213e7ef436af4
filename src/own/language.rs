//! `/messages/api/me/language/`: the language the person chose for natter (one of the
//! six: `en`, `de`, `es`, `pt-BR`, `ja`, `ar`), or `null` while their browser decides.
//! The web client reads it after signing in and sets it on the account page; mail uses
//! it (`domain::mail::language_of`).

use crate::domain::people::language;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::i18n::Lang;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// The answer: the choice and the languages there are to choose from.
fn language_json(chosen: Option<Lang>) -> Value {
    let available: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    json!({
        "language": chosen.map(Lang::code),
        "available": available,
    })
}

/// `GET /messages/api/me/language/`.
pub(crate) async fn get(app: &App, me: User) -> ApiResult<Response> {
    Ok(reply::ok(language_json(language::of(app, me.id).await?)))
}

/// `PUT`/`PATCH /messages/api/me/language/` with `language`: a tag of the six, or null
/// (or "") to follow the browser again.
pub(crate) async fn set(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    if !f.has("language") {
        return Err(ApiError::field("language", "This field is required."));
    }
    let chosen = match f.value("language") {
        Some(Value::Null) => None,
        _ => match f.string("language")? {
            Some(code) if !code.trim().is_empty() => Some(language::check(&code)?),
            _ => None,
        },
    };
    Ok(reply::ok(language_json(
        language::set(app, me.id, chosen).await?,
    )))
}
