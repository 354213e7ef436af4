//! The media ids of `mxc://` content URIs: natter's file id with a tag keyed by the
//! server's secret (`<id>_<tag>`), so that no one learns of a file's existence by counting
//! (a bare file id is the next number after the last upload). Every node derives the same
//! tag from the secret kept in the database, and a restart keeps it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::hmac;
use std::sync::OnceLock;

/// The key the tags are made with, set once at start from the server's secret.
static KEY: OnceLock<hmac::Key> = OnceLock::new();

/// Keeps the key derived from the server's `secret` (the one its tokens are signed
/// with); the first call wins.
pub fn keep_key(secret: &[u8]) {
    let _ = KEY.set(hmac::Key::new(hmac::HMAC_SHA256, secret));
}

/// The key, or for a process that never kept one (a unit test) a random one of its own.
fn key() -> &'static hmac::Key {
    KEY.get_or_init(|| {
        let secret = crate::kit::random::random_hex(32);
        hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes())
    })
}

/// What a file's tag signs.
fn signed(file_id: i64) -> String {
    format!("mxc-file:{file_id}")
}

/// The media id of natter's file `file_id`.
pub fn media_id(file_id: i64) -> String {
    let tag = hmac::sign(key(), signed(file_id).as_bytes());
    format!("{file_id}_{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

/// The file a media id names, when its tag is the one this server made for it (checked
/// in constant time, as a MAC is).
pub fn file_of(media_id: &str) -> Option<i64> {
    let (id, given) = media_id.split_once('_')?;
    let file_id = id.parse::<i64>().ok().filter(|id| *id > 0)?;
    let tag = URL_SAFE_NO_PAD.decode(given).ok()?;
    hmac::verify(key(), signed(file_id).as_bytes(), &tag).ok()?;
    Some(file_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_media_id_names_its_file_and_a_guessed_one_nothing() {
        let id = media_id(42);
        assert_eq!(file_of(&id), Some(42));
        assert_ne!(media_id(43), format!("43_{}", &id[3..]));
        assert_eq!(file_of("42"), None, "a bare file id");
        assert_eq!(file_of("43_AAAAAAAAAAAAAAAAAAAAAA"), None);
        assert_eq!(file_of("43_!"), None, "no base64");
        let other = media_id(43);
        let swapped = format!("42_{}", other.split_once('_').map_or("", |p| p.1));
        assert_eq!(file_of(&swapped), None, "another file's tag");
        assert_eq!(file_of("-1_x"), None);
    }
}
