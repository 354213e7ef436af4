//! The inbox surface's socket. Not built yet.

use crate::api::request::Request;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use warp::reply::Response;
use warp::ws::Ws;

/// Opens this surface's socket for the path parameter `param`.
pub async fn open(_app: App, _req: &Request, _ws: Ws, _param: &str) -> ApiResult<Response> {
    Err(ApiError::not_found())
}
