//! What the router hands back for one request: the answer and the surface's error shape,
//! filled in by `dispatch` and `message_path` and rendered by the front door.

use crate::http::error::ApiResult;
use crate::http::reply::ErrorStyle;
use warp::reply::Response;

/// A route's answer, and the shape its error takes.
pub struct Routed {
    /// How to render an error.
    pub style: ErrorStyle,
    /// The answer, or the error to render.
    pub result: ApiResult<Response>,
}
