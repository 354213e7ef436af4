//! The descriptions of the inbox surface's routes (see `schema::doc` for the builders).
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "inbox";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![(
        "InboxMessage",
        object(
            &["id", "sender", "receiver", "content", "timestamp"],
            json!({
                "id": id(),
                "sender": nullable(json!({ "type": "integer", "format": "int64", "description": "The sender's user id (null once their account is gone)." })),
                "receiver": nullable(json!({ "type": "integer", "format": "int64", "description": "The receiver's user id." })),
                "content": string(),
                "timestamp": datetime(),
            }),
        ),
    )]
}

/// `ApiRoot`.
pub fn api_root() -> Doc {
    http(
        TAG,
        vec![
            get("The API root of seed 000's router: its one endpoint's absolute URL.").ok(
                200,
                object(
                    &["messages"],
                    json!({ "messages": { "type": "string", "format": "uri" } }),
                ),
            ),
        ],
    )
}

/// `InboxMessages`.
pub fn inbox_messages() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's direct messages, sent and received, newest first.")
                .query(
                    "user",
                    json!({ "type": "string", "description": "Only messages with this username as sender or receiver.", "examples": ["friend"] }),
                )
                .query("page", page_number())
                .query(
                    "page_size",
                    json!({ "type": "integer", "minimum": 1, "description": "Messages per page (10 by default, at most 100)." }),
                )
                .query(
                    "search",
                    json!({ "type": "string", "maxLength": 1000, "description": "Only messages matching these words." }),
                )
                .ok(200, page(r("InboxMessage")))
                .err(404, "No such page (`Invalid page.`)."),
            post("Send a direct message to a user, by id.")
                .body(object(
                    &["receiver", "content"],
                    json!({
                        "receiver": { "type": "integer", "format": "int64", "description": "The receiver's user id.", "examples": [2] },
                        "content": { "type": "string", "description": "Trimmed; may not be blank.", "examples": ["Hello!"] },
                    }),
                ))
                .ok(201, r("InboxMessage")),
        ],
    )
}

/// `UpdateMessage`.
pub fn update_message() -> Doc {
    http(
        TAG,
        vec![post("Edit a direct message the caller sent.")
            .body(object(
                &["content"],
                json!({ "content": { "type": "string", "description": "The new text; may not be blank.", "examples": ["Hello again!"] } }),
            ))
            .ok(200, r("InboxMessage"))],
    )
}

/// `DeleteMessage`.
pub fn delete_message() -> Doc {
    http(
        TAG,
        vec![delete("Delete a direct message the caller sent.").empty(204)],
    )
}

/// `InboxSocket`.
pub fn inbox_socket() -> Doc {
    let pair = json!({
        "sender": nullable(json!({ "type": "string", "description": "The sender's username." })),
        "receiver": nullable(json!({ "type": "string", "description": "The receiver's username." })),
    });
    let with = |more: Value| {
        let mut properties = pair.clone();
        if let (Some(props), Value::Object(more)) = (properties.as_object_mut(), more) {
            props.extend(more);
        }
        properties
    };
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "The caller's conversation with the user named in the path (their direct chat, made on connect if new): messages sent, edited and deleted, by usernames.",
        sends: vec![
            (
                "send_message",
                "Send a message to the other user.",
                object(&["message"], json!({ "message": string() })),
            ),
            (
                "edit_message",
                "Edit a message the caller sent in this conversation.",
                object(
                    &["message_id", "message"],
                    json!({ "message_id": id(), "message": string() }),
                ),
            ),
            (
                "delete_message",
                "Delete a message the caller sent in this conversation.",
                object(&["delete_message_id"], json!({ "delete_message_id": id() })),
            ),
        ],
        receives: vec![
            (
                "message_created",
                "A new message of the conversation (the caller's own included).",
                object(
                    &["sender", "receiver", "message", "id"],
                    with(json!({ "message": string(), "id": id() })),
                ),
            ),
            (
                "message_edited",
                "A message of the conversation was edited.",
                object(
                    &["sender", "receiver", "message", "message_id"],
                    with(json!({ "message": string(), "message_id": id() })),
                ),
            ),
            (
                "message_deleted",
                "A message of the conversation was deleted.",
                object(
                    &["sender", "receiver", "deleted_message_id"],
                    with(json!({ "deleted_message_id": id() })),
                ),
            ),
            (
                "error",
                "A frame that could not be acted on; the socket stays open.",
                object(&["error"], json!({ "error": string() })),
            ),
        ],
    })
}
