//! The descriptions of natter's link preview routes in the chats surface
//! (`surfaces::chats::previews`): taking a preview off one's message, and a preview's
//! picture as natter keeps it.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// The previews' named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![(
        "ChatsLinkPreview",
        json!({
            "description": "natter's: a card for one of a message's first links, made by the server after the message was stored. Every field is plain text (never markup); the picture is natter's own small copy.",
            "type": "object",
            "required": ["id", "url", "site_name", "title", "description", "image"],
            "properties": {
                "id": { "type": "integer", "format": "int64", "description": "The preview's id: what `DELETE .../previews/{preview_id}/` takes." },
                "url": { "type": "string", "description": "The link as the message has it." },
                "site_name": string(),
                "title": string(),
                "description": string(),
                "image": nullable(object(&["url", "width", "height"], json!({
                    "url": { "type": "string", "description": "natter's path to its copy of the picture." },
                    "width": integer(),
                    "height": integer()
                })))
            }
        }),
    )]
}

/// `/messages/api/messages/{message_id}/previews/{preview_id}/`.
pub fn remove() -> Doc {
    http(
        TAG,
        vec![delete("Take a link preview off the caller's own message (natter's); its chat's sockets get the message as an edit")
            .empty(204)
            .err(403, "The caller did not send the message.")
            .err(404, "No such message, or in a chat the caller is not in.")],
    )
}

/// `/messages/api/link-previews/{key}/image/`.
pub fn image() -> Doc {
    http(
        TAG,
        vec![get("A link preview's picture as natter keeps it (natter's): small, re-encoded, served from natter so the reader's browser never contacts the site").answers(
            200,
            "The picture's bytes (JPEG or PNG).",
            Content::Bytes,
        )
        .err(404, "No picture is kept under this key.")],
    )
}
