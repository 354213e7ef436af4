//! The web client's page (`/`, and the join and reset links' addresses) with what its
//! sign-in screen needs written in: who may register, whether mail goes out, and the
//! sign-in providers, as `/api/registration/` and `/api/auth/providers/` say them. A
//! returning browser then asks for the page and who is signed in, nothing else.

use crate::http::error::ApiResult;
use crate::http::request::Request;
use crate::own::{account, sign_in};
use crate::state::App;
use crate::web::pages;
use serde_json::json;
use warp::reply::Response;

/// `GET /`: the page with the sign-in settings.
pub(crate) fn index(app: &App, req: &Request) -> ApiResult<Response> {
    let settings = json!({
        "registration": account::registration_settings(app),
        "providers": sign_in::providers_settings(app),
    });
    pages::page_with_settings(&settings.to_string(), req)
}
