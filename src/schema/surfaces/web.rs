//! The descriptions of the web client's files and the server's own pages.

use crate::schema::doc::*;

const TAG: &str = "web";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    vec![]
}

/// `/`: the web client.
pub fn index() -> Doc {
    http(
        TAG,
        vec![get("The web client's page").answers(200, "The page.", Content::Html)],
    )
}

/// `/healthz/`.
pub fn health() -> Doc {
    http(
        TAG,
        vec![
            get("Whether the server answers (for load balancers)").answers(
                200,
                "`ok`.",
                Content::Text,
            ),
        ],
    )
}

/// `/static/{path}`.
pub fn static_file() -> Doc {
    http(
        TAG,
        vec![get(
            "One of the web client's files (validators, encodings, `?v=` to cache for a year)",
        )
        .answers(200, "The file.", Content::Bytes)
        .answers(304, "The client's copy is current.", Content::Empty)
        .err(404, "No such file.")],
    )
}

/// `/media/user_images/default.jpg`.
pub fn default_avatar() -> Doc {
    http(
        TAG,
        vec![
            get("The default profile image (an SVG at seed 004's path)").answers(
                200,
                "The image.",
                Content::Bytes,
            ),
        ],
    )
}

/// `/api/schema/`.
pub fn schema() -> Doc {
    http(
        TAG,
        vec![get("This document: YAML, or JSON with `?format=json`")
            .query(
                "format",
                serde_json::json!({ "type": "string", "enum": ["json", "yaml"] }),
            )
            .answers(200, "The OpenAPI 3.1 document.", Content::Bytes)
            .err(404, "An unknown format.")],
    )
}

/// `/api/schema/docs/`.
pub fn schema_docs() -> Doc {
    http(
        TAG,
        vec![get("Swagger UI over this document").answers(200, "The page.", Content::Html)],
    )
}

/// `/api/schema/asyncapi/`.
pub fn async_api() -> Doc {
    http(
        TAG,
        vec![
            get("The WebSocket paths in AsyncAPI 3: YAML, or JSON with `?format=json`")
                .query(
                    "format",
                    serde_json::json!({ "type": "string", "enum": ["json", "yaml"] }),
                )
                .answers(200, "The AsyncAPI 3 document.", Content::Bytes)
                .err(404, "An unknown format."),
        ],
    )
}

/// `/auth/oidc/{provider}/start`.
pub fn oidc_start() -> Doc {
    http(
        TAG,
        vec![get(
            "To an OpenID Connect provider's sign-in page (authorization code flow with PKCE)",
        )
        .query("invite", json_string())
        .query("link", json_string())
        .answers(
            303,
            "To the provider; or, when it cannot be reached (or the network has 100 unfinished sign-ins this minute), back to `/?sign_in_error=CODE&provider=NAME`.",
            Content::Empty,
        )],
    )
}

/// `/auth/oidc/{provider}/callback`.
pub fn oidc_callback() -> Doc {
    http(
        TAG,
        vec![get("Back from an OpenID Connect provider: signs in (a session) or links the provider")
            .query("code", json_string())
            .query("state", json_string())
            .query("error", json_string())
            .query("error_description", json_string())
            .answers(
                303,
                "To the web client (`/`, `/#account` after a link), or to `/?sign_in_error=CODE&provider=NAME`: a code the web client says in its own sentence, never text from the request.",
                Content::Empty,
            )],
    )
}

fn json_string() -> serde_json::Value {
    serde_json::json!({ "type": "string" })
}
