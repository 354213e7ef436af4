//! The errors an operation can answer because of its row in the route table, not its
//! handler: a missing credential, an id that is not one, a body too large or of the
//! wrong type, a throttle, an overloaded writer. Each in the row's error shape.

use crate::http::reply::ErrorStyle;
use crate::routing::routes::{Row, Verb};
use crate::schema::doc::{r, Body, Op};
use serde_json::{json, Value};

/// The schema of an error in `style` (`None`: Slack's plain-text codes, and Matrix's,
/// whose document is the Matrix specification's).
pub fn error_schema(style: ErrorStyle) -> Option<Value> {
    match style {
        ErrorStyle::Drf => Some(r("DrfError")),
        ErrorStyle::Chats => Some(r("ChatsError")),
        ErrorStyle::Rooms => Some(r("RoomsError")),
        ErrorStyle::Slack | ErrorStyle::Matrix => None,
    }
}

/// Whether `op` needs a signed-in caller on `row`.
pub fn signed_in(row: &Row, op: &Op) -> bool {
    row.auth.needs_caller(&op.verb.method())
}

/// The row's errors for `op` on a path with `path_params` parameters: (status, why).
pub fn row_errors(row: &Row, op: &Op, path_params: usize) -> Vec<(u16, &'static str)> {
    let mut errors = Vec::new();
    let unsafe_method = op.verb != Verb::Get;
    let takes_input = op.body.is_some() || !op.query.is_empty();
    if takes_input || unsafe_method {
        errors.push((
            400,
            "The request is not valid: a field, a parameter or the body.",
        ));
    }
    if signed_in(row, op) {
        errors.push((401, "No credential, or one that names nobody."));
        errors.push((
            403,
            "Not allowed to the caller (or a session's request without its CSRF token).",
        ));
    } else if unsafe_method {
        errors.push((403, "A session cookie was sent without its CSRF token."));
    }
    if path_params > 0 {
        errors.push((404, "No such thing, or not one the caller may see."));
    }
    if matches!(
        op.body,
        Some(Body::Json { .. } | Body::Multipart(_) | Body::Hook(_))
    ) {
        errors.push((408, "The body did not arrive in time."));
        errors.push((413, "The body is larger than the server takes."));
        errors.push((415, "The body's content type is not one this route reads."));
    }
    if row.throttle.is_some() {
        errors.push((
            429,
            "Too many requests; `Retry-After` says when to try again.",
        ));
    }
    if unsafe_method {
        errors.push((503, "The server is overloaded; try again shortly."));
    }
    errors.retain(|(status, _)| !op.never.contains(status));
    errors
}

/// The shared error schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "DrfError",
            json!({
                "description": "Django REST Framework's error: `{\"detail\": ...}`, a map of field names to their messages, or a list of messages.",
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {
                            "detail": { "type": "string" },
                            "code": { "type": "string" }
                        }
                    },
                    { "type": "array", "items": { "type": "string" } }
                ]
            }),
        ),
        (
            "ChatsError",
            json!({
                "description": "Seed 001's error: `{\"error\": \"Invalid request\", \"details\": {field: [messages]}}` for a 400, DRF's `{\"detail\": ...}` otherwise.",
                "type": "object",
                "properties": {
                    "error": { "type": "string" },
                    "details": { "type": "object" },
                    "detail": { "type": "string" }
                }
            }),
        ),
        (
            "RoomsError",
            json!({
                "description": "Seed 003's error: a machine-readable code, a message and the fields at fault.",
                "type": "object",
                "required": ["error", "message", "details"],
                "properties": {
                    "error": { "type": "string" },
                    "message": { "type": "string" },
                    "details": { "type": "object" }
                }
            }),
        ),
    ]
}
