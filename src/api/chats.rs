//! The chats surface (seed 001), mounted at `/messages/api/`.

use crate::api::request::Request;
use crate::api::Routed;
use crate::app::App;

/// Routes `/messages/api/...`.
pub async fn route(_app: &App, _req: &Request) -> Option<Routed> {
    None
}
