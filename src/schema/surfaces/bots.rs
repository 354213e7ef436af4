//! The descriptions of the bots surface's routes (see `schema::doc` for the builders):
//! `/api/bots/` in DRF's shape (`own::bots`), and Slack's incoming webhook
//! `/hooks/{token}`, answered in Slack's plain-text codes (`own::hooks`).
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "bots";

/// The fields everyone sees of a bot.
const PUBLIC: [&str; 5] = ["id", "username", "display_name", "image", "is_bot"];

/// The fields administrators see besides.
const ADMIN: [&str; 5] = [
    "owner",
    "webhook_url",
    "created_at",
    "key_hook_url",
    "chats",
];

/// Every property of a bot (administrators' fields described too).
fn bot_properties() -> Value {
    json!({
        "id": id(),
        "username": string(),
        "display_name": { "type": "string", "description": "The username when none is set." },
        "image": { "type": "string", "description": "Its picture: a path on this server or an http(s) URL; `\"\"`: none." },
        "is_bot": { "type": "boolean", "const": true },
        "owner": nullable(object(&["id", "username"], json!({ "id": id(), "username": string() }))),
        "webhook_url": { "anyOf": [string(), { "type": "null" }], "description": "The outgoing webhook, as it was given." },
        "created_at": datetime(),
        "key_hook_url": {
            "anyOf": [{ "type": "string", "format": "uri" }, { "type": "null" }],
            "description": "The key's hook URL: only where the key is shown (made, rotated), null elsewhere."
        },
        "chats": list(r("BotsChat")),
    })
}

/// A bot's changeable fields, as a body.
fn bot_fields(required: &[&str]) -> Value {
    object(
        required,
        json!({
            "username": { "type": "string", "minLength": 1, "maxLength": 150, "description": "Letters, digits and `@.+-_`; not all digits; unique as names are (look-alikes too)." },
            "display_name": { "type": "string", "maxLength": 150 },
            "image": { "type": "string", "description": "A path on this server (an upload) or an http(s) URL; `\"\"`: none." },
            "webhook_url": {
                "anyOf": [{ "type": "string", "format": "uri" }, { "type": "null" }],
                "description": "The outgoing webhook: an http(s) URL on a public address; `\"\"` or null: none."
            },
        }),
    )
}

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    let admin_required: Vec<&str> = PUBLIC.iter().chain(ADMIN.iter()).copied().collect();
    let mut with_key = admin_required.clone();
    with_key.push("key");
    let mut key_properties = bot_properties();
    key_properties["key"] =
        json!({ "type": "string", "description": "`<bot id>-<64 hex>`: shown this once." });
    key_properties["key_hook_url"] = json!({ "type": "string", "format": "uri", "description": "`<origin>/hooks/<key>`: posts where the payload's `channel` says." });
    vec![
        (
            "BotsChat",
            object(
                &["id", "name", "kind", "hook_url"],
                json!({
                    "id": id(),
                    "name": string(),
                    "kind": { "type": "string", "enum": ["direct", "group", "room"] },
                    "hook_url": { "type": "string", "format": "uri", "description": "`<origin>/hooks/<token>`: posts into this chat." },
                }),
            ),
        ),
        (
            "BotsBot",
            json!({
                "description": "A bot: people see its `id`, `username`, `display_name`, `image` and `is_bot`; administrators also the rest.",
                "type": "object",
                "required": PUBLIC,
                "properties": bot_properties(),
            }),
        ),
        ("BotsAdminBot", object(&admin_required, bot_properties())),
        ("BotsBotWithKey", object(&with_key, key_properties)),
    ]
}

/// `Bots`.
pub fn bots() -> Doc {
    http(
        TAG,
        vec![
            get("Every bot, oldest first; administrators see their webhooks and chats.").ok(
                200,
                object(
                    &["count", "results"],
                    json!({ "count": integer(), "results": list(r("BotsBot")) }),
                ),
            ),
            post("Makes a bot (administrators only); its key is shown this once.")
                .body(bot_fields(&["username"]))
                .ok(201, r("BotsBotWithKey"))
                .err(
                    400,
                    "A field is not valid: the username blank, taken or malformed, a display name over 150 characters, an image that is no path or http(s) URL, or a webhook URL natter will not call (not http(s), with credentials, or on a private address).",
                ),
        ],
    )
}

/// `Bot`.
pub fn bot() -> Doc {
    http(
        TAG,
        vec![
            get("One bot; administrators see its webhook and chats.").ok(200, r("BotsBot")),
            patch("Changes a bot's display name, picture or webhook (administrators only).")
                .optional_body(bot_fields(&[]))
                .ok(200, r("BotsAdminBot"))
                .err(
                    400,
                    "A field is not valid: a display name over 150 characters, an image that is no path or http(s) URL, or a webhook URL natter will not call (not http(s), with credentials, or on a private address).",
                ),
            delete("Deletes a bot (administrators only): its key and hooks stop, it leaves its chats, its messages stay.")
                .empty(204)
                .never(400),
        ],
    )
}

/// `BotKey`.
pub fn bot_key() -> Doc {
    http(
        TAG,
        vec![post(
            "Gives a bot a new key, shown this once, and new hook URLs; the old ones stop at once (administrators only).",
        )
        .ok(200, r("BotsBotWithKey"))
        .never(400)],
    )
}

/// `BotChats`.
pub fn bot_chats() -> Doc {
    http(
        TAG,
        vec![post(
            "Adds a bot to a group or room the administrator is in; the chat with its hook URL.",
        )
        .body(object(&["chat_id"], json!({ "chat_id": id() })))
        .ok(201, r("BotsChat"))
        .err(
            400,
            "`chat_id` is missing or not an id, the chat is a direct chat, or it is full.",
        )
        .err(
            404,
            "No such bot, or no chat with this id that the administrator is in.",
        )],
    )
}

/// `BotChat`.
pub fn bot_chat() -> Doc {
    http(
        TAG,
        vec![
            delete("Takes a bot out of a chat; that chat's hook URL stops at once.")
                .empty(204)
                .err(404, "No such bot, or it is not in this chat.")
                .never(400),
        ],
    )
}

/// `Hook`.
pub fn hook() -> Doc {
    let text = json!({ "type": "string", "description": "Slack mrkdwn; `:shortcodes:` (gemoji's, as Slack's) become their emoji, outside code." });
    let payload = json!({
        "description": "Slack's incoming-webhook payload. Nothing is required, but something must render to text.",
        "type": "object",
        "properties": {
            "text": text,
            "mrkdwn": { "type": "boolean", "description": "false: links, mentions and entities only." },
            "channel": { "type": "string", "description": "`#name`, a chat id, or `@username` (the direct chat with them): one of the bot's chats." },
            "blocks": { "type": "array", "items": { "type": "object" }, "description": "Block Kit: section, header, context, divider." },
            "attachments": {
                "type": "array",
                "items": object(&[], json!({
                    "fallback": string(),
                    "color": string(),
                    "pretext": string(),
                    "author_name": string(),
                    "author_link": string(),
                    "title": string(),
                    "title_link": string(),
                    "text": string(),
                    "fields": list(object(&[], json!({ "title": string(), "value": string(), "short": boolean() }))),
                    "image_url": string(),
                    "footer": string(),
                    "mrkdwn_in": list(string()),
                })),
            },
            "username": { "type": "string", "description": "Accepted, not honoured: the message is the bot's." },
            "icon_url": { "type": "string", "description": "Accepted, not honoured." },
            "icon_emoji": { "type": "string", "description": "Accepted, not honoured." },
        }
    });
    http(
        TAG,
        vec![post(
            "Posts a Slack payload as the bot: into the hook's chat, or the bot's chat its `channel` names. Answered in Slack's plain-text codes.",
        )
        .hook_body(payload)
        .answers(200, "`ok`: posted.", Content::Text)
        .err(
            400,
            "`invalid_payload` (not a JSON object, in JSON or in `payload=`, or a NUL in its text) or `no_text` (nothing to show).",
        )
        .err(403, "`action_prohibited`: the bot is no longer in the hook's chat (or a session cookie came without its CSRF token).")
        .err(
            404,
            "`no_service` (no such hook: unknown, rotated away, or the bot deleted) or `channel_not_found` (the key's URL without a `channel` naming one of the bot's chats).",
        )
        .err(
            429,
            "`rate_limited`: over 60 posts a minute on one hook; `Retry-After` says when.",
        )],
    )
}
