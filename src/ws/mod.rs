//! WebSockets: one socket loop shared by every surface, and one codec per surface that
//! turns client frames into domain calls and neutral events into that surface's frames.

use crate::api::request::Request;
use crate::app::App;
use warp::reply::Response;

/// Upgrades a socket request if its path belongs to a surface; `None` for unknown paths.
pub async fn upgrade(_app: App, _req: Request, _ws: warp::ws::Ws) -> Option<Response> {
    None
}
