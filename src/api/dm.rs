//! The dm surface (see DESIGN.md section 5). Not built yet.

use crate::api::request::Request;
use crate::api::Routed;
use crate::app::App;

/// Routes this surface's paths; `None` when the path is not one of them.
pub async fn route(_app: &App, _req: &Request) -> Option<Routed> {
    None
}
