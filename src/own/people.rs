//! `/api/people/`: the people directory of natter's web client, in DRF's shape: every
//! active person (bots left out) by the name people see, with when they were last seen,
//! so anyone can find a teammate and message them.

use crate::domain::people::first_day;
use crate::domain::status;
use crate::http::error::ApiResult;
use crate::http::reply::{self, PageRequest};
use crate::http::request::Request;
use crate::model::status::json as status_json;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::{json, Value};
use warp::reply::Response;

/// `GET /api/people/?search=&page=&page_size=` -> a DRF page of `{"id", "username",
/// "display_name", "last_seen_at", "is_admin", "status", "quiet", "time_zone",
/// "local_time"}`: what shows beside the name, whether they are in quiet hours now, and
/// the time where they are.
pub(crate) async fn list(app: &App, req: &Request, _me: User) -> ApiResult<Response> {
    let search = req.query_param("search").unwrap_or_default();
    let asked = PageRequest::from_query(req, 50, 200)?;
    let (page, count, people) = reply::read_page(asked, |size, offset| {
        first_day::people(app, search.clone(), size, offset)
    })
    .await?;
    let presence = status::of_many(app, people.iter().map(|p| p.id).collect()).await?;
    let results: Vec<Value> = people
        .iter()
        .map(|p| {
            let seen = presence.get(&p.id);
            json!({
                "id": p.id,
                "username": p.username,
                "display_name": p.display_name,
                "last_seen_at": p.last_seen_at,
                "is_admin": p.is_admin,
                "status": status_json(seen.and_then(|s| s.status.as_ref())),
                "quiet": seen.is_some_and(|s| s.quiet),
                "time_zone": seen.and_then(|s| s.time_zone.clone()),
                "local_time": seen.and_then(|s| s.local_time.clone()),
            })
        })
        .collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, results)))
}
