//! The descriptions of natter's pinned and saved messages (`surfaces::chats::pins`,
//! `surfaces::chats::saved`) and of a message's permanent address, `/m/{chat}/{message}`.
//! They answer in the chats surface's shapes because what they list are its messages.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

const NOT_MEMBER: &str = "No such chat or message, or in a chat the caller is not in.";

/// The named schemas of pins and saved messages, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ChatsPin",
            json!({
                "description": "natter's: a pinned message of a chat.",
                "type": "object",
                "required": ["message_id", "pinned_by", "pinned_at", "message"],
                "properties": {
                    "message_id": id(),
                    "pinned_by": nullable(r("ChatsUser")),
                    "pinned_at": datetime(),
                    "message": r("ChatsMessage")
                }
            }),
        ),
        (
            "ChatsSaved",
            json!({
                "description": "natter's: a message the caller saved. `available` is false (and `message` null) once the caller left its chat or the message was deleted: its text is then not shown.",
                "type": "object",
                "required": ["message_id", "chat_id", "chat_title", "saved_at", "remind_at", "reminded_at", "available", "message"],
                "properties": {
                    "message_id": id(),
                    "chat_id": nullable(id()),
                    "chat_title": nullable(string()),
                    "saved_at": datetime(),
                    "remind_at": nullable(datetime()),
                    "reminded_at": nullable(datetime()),
                    "available": boolean(),
                    "message": nullable(r("ChatsMessage"))
                }
            }),
        ),
    ]
}

fn pin_list() -> Value {
    object(
        &["chat_id", "pins_by", "may_pin", "count", "results"],
        json!({
            "chat_id": id(),
            "pins_by": pins_by(),
            "may_pin": { "type": "boolean", "description": "Whether the caller may pin and unpin here." },
            "count": integer(),
            "results": list(r("ChatsPin"))
        }),
    )
}

fn pins_by() -> Value {
    json!({ "type": "string", "enum": ["members", "admins"], "description": "Who may pin and unpin in the chat: every member (the default) or its admins." })
}

/// `/messages/api/chats/{chat_id}/pins/`.
pub fn chat_pins() -> Doc {
    let rule = object(&["pins_by"], json!({ "pins_by": pins_by() }));
    http(
        TAG,
        vec![
            get("A chat's pinned messages, the most recently pinned first (natter's)")
                .ok(200, pin_list())
                .err(404, NOT_MEMBER),
            put("Who may pin in the chat (natter's; the chat's admins)")
                .body(rule.clone())
                .ok(200, pin_list())
                .err(400, "`pins_by` is not `members` or `admins`.")
                .err(403, "The caller is not an admin of the chat.")
                .err(404, NOT_MEMBER),
            patch("Who may pin in the chat (natter's; the chat's admins)")
                .body(rule)
                .ok(200, pin_list())
                .err(400, "`pins_by` is not `members` or `admins`.")
                .err(403, "The caller is not an admin of the chat.")
                .err(404, NOT_MEMBER),
        ],
    )
}

/// `/messages/api/messages/{message_id}/pin/`.
pub fn message_pin() -> Doc {
    let answer = object(
        &["message_id", "chat_id", "pinned", "pin_count"],
        json!({ "message_id": id(), "chat_id": id(), "pinned": boolean(), "pin_count": integer() }),
    );
    http(
        TAG,
        vec![
            post("Pin a message (natter's); its chat's sockets get `message_pinned`")
                .ok(200, answer.clone())
                .err(400, "The chat already has 100 pinned messages.")
                .err(
                    403,
                    "Only the chat's admins may pin there, or the chat is archived.",
                )
                .err(404, NOT_MEMBER),
            delete("Unpin a message (natter's); its chat's sockets get `message_unpinned`")
                .ok(200, answer)
                .err(
                    403,
                    "Only the chat's admins may unpin there, or the chat is archived.",
                )
                .err(404, NOT_MEMBER),
        ],
    )
}

fn remind_at() -> Value {
    json!({ "type": ["string", "null"], "format": "date-time", "description": "When to remind the caller (RFC 3339, with its offset), or null for no reminder. The reminder comes once: on the caller's sockets (`reminder`), by Web Push to their subscriptions, and by mail when their missed-message mail is on and no tab of theirs shows the chat." })
}

/// `/messages/api/saved/`.
pub fn saved_messages() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's saved messages, the most recently saved first, a page at a time (natter's)")
                .query("before", json!({ "type": "integer", "format": "int64", "description": "The message id of the last item of the page before: the items saved before it. `next` carries it." }))
                .query("page_size", json!({ "type": "integer", "minimum": 1, "maximum": 200, "default": 50 }))
                .ok(200, object(&["count", "next", "results"], json!({
                    "count": { "type": "integer", "description": "How many messages the caller saved in all." },
                    "next": { "type": ["string", "null"], "format": "uri", "description": "The next page's address, or null on the last page." },
                    "results": list(r("ChatsSaved"))
                })))
                .err(400, "`before` or `page_size` is not a valid integer, or `page_size` is out of range."),
            post("Save a message, with an optional reminder (natter's); saving it again replaces its reminder")
                .body(object(&["message_id"], json!({ "message_id": id(), "remind_at": remind_at() })))
                .ok(201, r("ChatsSaved"))
                .err(400, "`message_id` is missing or `remind_at` is not a time.")
                .err(404, NOT_MEMBER),
        ],
    )
}

/// `/messages/api/saved/{message_id}/`.
pub fn saved_message() -> Doc {
    http(
        TAG,
        vec![
            get("One saved message (natter's)")
                .ok(200, r("ChatsSaved"))
                .err(404, "The caller has not saved this message."),
            patch("Set or clear a saved message's reminder (natter's); a new time is reminded of again")
                .body(object(&["remind_at"], json!({ "remind_at": remind_at() })))
                .ok(200, r("ChatsSaved"))
                .err(400, "`remind_at` is not a time.")
                .err(404, "The caller has not saved this message, or is no longer in its chat."),
            delete("Take a message off the caller's saved messages (natter's)")
                .empty(204)
                .err(404, "The caller has not saved this message."),
        ],
    )
}

/// `/m/{chat_id}/{message_id}`.
pub fn message_link() -> Doc {
    http(
        TAG,
        vec![get("A message's permanent address: opens the web client at the message (its thread's panel for a reply); someone signed out signs in first, someone not in the chat is told it is not available").answers(
            303,
            "To the web client, `/#chat/{chat_id}/message/{message_id}`.",
            Content::Empty,
        )],
    )
}
