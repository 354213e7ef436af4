//! Slack's incoming webhooks: `POST /hooks/<token>` with a Slack
//! payload, answered as Slack answers, in plain text (`ok`, `invalid_payload`,
//! `no_service`...). What the post means is `domain::bots::incoming`'s.

use crate::domain::bots::incoming::{self, HookError};
use crate::domain::bots::slack_payload;
use crate::http::error::ApiResult;
use crate::http::request::Request;
use crate::http::{null_chars, reply};
use crate::state::App;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// `POST /hooks/<token>` -> `200 ok`, or Slack's code for what went wrong.
pub(crate) async fn post(app: &App, req: &Request, token: &str) -> ApiResult<Response> {
    let content_type = req.header("content-type");
    if holds_nul(&req.body, content_type) {
        return Ok(reply::text(400, "invalid_payload"));
    }
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

/// Whether the payload holds a NUL in any text: refused at the edge as every client text
/// is (`null_chars`; PostgreSQL cannot store one), in Slack's words. JSON carries one only
/// as the escape `\u0000` (in a form, `%5Cu0000`), a form also as `%00`: a body with
/// neither is not parsed twice.
fn holds_nul(body: &[u8], content_type: Option<&str>) -> bool {
    let may = body.windows(5).any(|w| w == b"u0000") || body.windows(3).any(|w| w == b"%00");
    may && slack_payload::parse(body, content_type).is_ok_and(|v| null_chars::in_value(&v))
}
