//! The credentials natter makes from the secret it shares with the SFU: the session token
//! Janus checks itself (its signed-token scheme: `EXPIRY,janus,janus.plugin.videoroom`,
//! a colon, and the base64 of the HMAC-SHA1 of that text with `token_auth_secret`), a
//! room's secret, and a person's token on a room's `allowed` list. The last two are
//! derived, not stored, so that any node of a cluster names the same ones.

use base64::Engine;

/// A session token valid until `expires_at` (Unix seconds) for the VideoRoom plugin
/// only: it opens a session and attaches to the plugin, and joins no room by itself.
pub fn session_token(secret: &str, expires_at: i64) -> String {
    let data = format!("{expires_at},janus,janus.plugin.videoroom");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret.as_bytes());
    let tag = ring::hmac::sign(&key, data.as_bytes());
    format!(
        "{data}:{}",
        base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
    )
}

/// The secret of chat `chat_id`'s room: what its `allowed`, `kick` and `destroy` need.
pub fn room_secret(secret: &str, chat_id: i64) -> String {
    derived(secret, &format!("natter sfu room secret {chat_id}"))
}

/// The token `user_id` joins chat `chat_id`'s room with, while it is on the room's list.
pub fn room_token(secret: &str, chat_id: i64, user_id: i64) -> String {
    derived(
        secret,
        &format!("natter sfu room {chat_id} person {user_id}"),
    )
}

/// HMAC-SHA256 of `what` under the shared secret, base64url.
fn derived(secret: &str, what: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = ring::hmac::sign(&key, what.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_janus_signed_token() {
        // `printf '1000086400,janus,janus.plugin.videoroom' | openssl dgst -sha1 -hmac north -binary | base64`
        let token = session_token("north", 1_000_086_400);
        assert_eq!(
            token,
            "1000086400,janus,janus.plugin.videoroom:MVDMlsJzBVvMmuBIt7LPjE6v/Ag="
        );
    }

    #[test]
    fn room_tokens_differ_by_chat_and_person() {
        let a = room_token("north", 1, 2);
        assert_eq!(a, room_token("north", 1, 2));
        assert_ne!(a, room_token("north", 1, 3));
        assert_ne!(a, room_token("north", 2, 2));
        assert_ne!(a, room_token("south", 1, 2));
        assert_ne!(room_secret("north", 1), room_secret("north", 2));
    }
}
