//! Link previews: the first links of a message get a card (site, title, description, a
//! small picture) a little after it is stored. The send only notes that a message is
//! owed previews (`messaging::messages::owed_previews`); [`worker`] claims owed messages
//! in the background, fetches each link ([`fetch`]: through `unfurl`, with a cache per
//! URL that every chat shares), writes the cards on the message's row and publishes the
//! message as an edit. The sender may take a card away ([`remove`]); the operator turns
//! previews off or limits them to listed sites (`--link-previews`).

pub mod fetch;
pub mod remove;
pub mod worker;

use crate::store::link_previews::Cached;
use serde_json::{json, Value};

/// Where natter serves the picture kept under `key`.
pub fn image_path(key: &str) -> String {
    format!("/messages/api/link-previews/{key}/image/")
}

/// A kept preview as a message shows it (natter's chats surface), None when the URL had
/// nothing to show. Every field is plain text; the picture is natter's own copy.
pub fn card(c: &Cached) -> Option<Value> {
    if !c.found {
        return None;
    }
    let image = c.image_size.map(|(width, height)| {
        json!({ "url": image_path(&c.image_key), "width": width, "height": height })
    });
    Some(json!({
        "id": c.id,
        "url": c.url,
        "site_name": c.site_name,
        "title": c.title,
        "description": c.description,
        "image": image,
    }))
}
