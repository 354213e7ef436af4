//! The document's shared parts: tags (one per surface), the credentials, and the schemas
//! more than one description names (each surface's own shapes live with its
//! descriptions and are gathered here).

use crate::schema::{describe, errors};
use serde_json::{json, Map, Value};

/// The tags, one per surface, in the order Swagger UI shows them.
pub fn tags() -> Value {
    json!([
        { "name": "web", "description": "The web client's files and the server's own pages." },
        { "name": "accounts", "description": "Accounts of every surface: registration, logins, tokens, users." },
        { "name": "chats", "description": "Seed 001: chats with members, messages, reactions and read marks, at `/messages/api/`." },
        { "name": "rooms", "description": "Seed 003: rooms, their messages, files and calls, at `/api/rooms/` and `/api/files/`." },
        { "name": "inbox", "description": "Seed 000: one inbox of messages between users, at `/api/messages/`." },
        { "name": "dm", "description": "Seed 002: direct chats between two users, at `/api/chats/`." },
        { "name": "messenger", "description": "Seed 004: profiles, friends, posts and chatrooms, at `/profiles/api/` and `/messenger/api/`." },
        { "name": "natter", "description": "natter's own API: one's account and sessions, administration, mentions, notifications and Web Push." },
        { "name": "bots", "description": "Bots, their keys and outgoing webhooks, and Slack-style incoming webhooks at `/hooks/`." }
    ])
}

/// The three credentials every signed-in route takes.
pub fn security_schemes() -> Value {
    json!({
        "tokenAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A DRF token, with its prefix: `Authorization: Token <key>` (from `/api/auth/register/`, `/api/auth/login/` or `/api/token/`)."
        },
        "jwtAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A simplejwt access token from `/accounts/api/token/` (refreshed at `/accounts/api/token/refresh/`)."
        },
        "sessionAuth": {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Django's session cookie from `/accounts/login/`. Unsafe methods also need the `csrftoken` cookie's value in the `X-CSRFToken` header, as Django checks it."
        }
    })
}

/// Every named schema: the errors' and each surface's.
pub fn schemas() -> Value {
    let mut all = Map::new();
    for (name, schema) in errors::schemas().into_iter().chain(describe::schemas()) {
        all.insert(name.to_string(), schema);
    }
    Value::Object(all)
}
