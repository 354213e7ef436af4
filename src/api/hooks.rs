//! Slack's incoming webhooks (issue 39 point 2): `POST /hooks/<token>` with a Slack
//! payload, answered as Slack answers, in plain text (`ok`, `invalid_payload`,
//! `no_service`...). What the post means is `domain::bots::incoming`'s.

use crate::api::reply;
use crate::api::request::Request;
use crate::domain::bots::incoming::{self, HookError};
use crate::error::ApiResult;
use crate::state::App;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// `POST /hooks/<token>` -> `200 ok`, or Slack's code for what went wrong.
pub(super) async fn post(app: &App, req: &Request, token: &str) -> ApiResult<Response> {
    let content_type = req.header("content-type");
    match incoming::post(app, token, &req.body, content_type).await {
        Ok(_) => Ok(reply::text(200, "ok")),
        Err(e) => {
            if let HookError::Internal(inner) = &e {
                tracing::error!("a hook post failed: {inner}");
            }
            let (status, code) = e.code();
            let mut response = reply::text(status, code);
            if let HookError::RateLimited(secs) = e {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            Ok(response)
        }
    }
}
