//! The description of `/messages/api/me/language/` (`own::language`): the language a
//! person chose for the web client and their mail.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// The answer of every method.
fn chosen() -> Value {
    object(
        &["language", "available"],
        json!({
            "language": {
                "type": ["string", "null"],
                "description": "The chosen language's tag (en, de, es, pt-BR, ja or ar); null while the browser's languages decide."
            },
            "available": list(string())
        }),
    )
}

/// `/messages/api/me/language/`.
pub fn my_language() -> Doc {
    let body = json!({
        "type": "object",
        "required": ["language"],
        "properties": {
            "language": {
                "type": ["string", "null"],
                "description": "One of the available tags (any case), or null or \"\" to follow the browser again."
            }
        }
    });
    http(
        TAG,
        vec![
            get("The language the caller chose for the web client and their mail (natter's)")
                .ok(200, chosen()),
            put("Choose the caller's language, or null to follow the browser (natter's); mail to the caller is written in it from then on")
                .body(body.clone())
                .ok(200, chosen())
                .err(400, "A language natter has no catalog for, or no `language` field."),
            patch("As PUT (natter's)")
                .body(body)
                .ok(200, chosen())
                .err(400, "As PUT."),
        ],
    )
}
