//! A bot's secrets. The key is `<bot id>-<64 hex>`: shown once, found
//! and checked by its sha256, and kept besides sealed (AES-256-GCM under the server's
//! sealing key), because it also signs the outgoing webhook and derives the chats' hook
//! tokens. A chat's hook token is `<bot id>-<chat id>-<40 hex>`, the hex being an
//! HMAC-SHA256 of the chat under the key: any number of them, none stored, all changed
//! by rotating the key and all dead with the bot's row.

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hmac;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A bot's key, as its owner is shown it once.
pub fn new_key(bot_id: i64) -> String {
    format!("{bot_id}-{}", crate::kit::random::random_hex(32))
}

/// What the database keeps to find and check a key.
pub fn key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

/// Whether `key` is the one whose hash is `stored`, in constant time.
pub fn key_matches(key: &str, stored: &[u8]) -> bool {
    key_hash(key).ct_eq(stored).into()
}

/// What a token in `/hooks/<token>` names, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookToken<'a> {
    /// The bot's key itself: the payload's `channel` says where.
    Key { bot_id: i64 },
    /// One chat's hook: `<bot>-<chat>-<mac>`.
    Chat {
        bot_id: i64,
        chat_id: i64,
        mac: &'a str,
    },
}

/// Reads a hook token's shape; `None` for anything that is neither shape.
pub fn parse_token(token: &str) -> Option<HookToken<'_>> {
    let id = |s: &str| {
        (!s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    let parts: Vec<&str> = token.split('-').collect();
    match parts.as_slice() {
        [bot, secret] if hex(secret, 64) => Some(HookToken::Key { bot_id: id(bot)? }),
        [bot, chat, mac] if hex(mac, 40) => Some(HookToken::Chat {
            bot_id: id(bot)?,
            chat_id: id(chat)?,
            mac,
        }),
        _ => None,
    }
}

/// The hook token of `chat_id` for the bot whose key is `key`.
pub fn chat_token(key: &str, chat_id: i64) -> String {
    let bot = key.split('-').next().unwrap_or_default();
    format!(
        "{bot}-{chat_id}-{}",
        &hex::encode(chat_mac(key, chat_id))[..40]
    )
}

/// Whether `mac` (40 hex) is `chat_id`'s under `key`, in constant time.
pub fn chat_mac_matches(key: &str, chat_id: i64, mac: &str) -> bool {
    let want = &hex::encode(chat_mac(key, chat_id))[..40];
    want.as_bytes()
        .ct_eq(mac.to_ascii_lowercase().as_bytes())
        .into()
}

fn chat_mac(key: &str, chat_id: i64) -> hmac::Tag {
    mac(key, &[format!("natter hook for chat {chat_id}").as_bytes()])
}

/// HMAC-SHA256 under `key` of `parts` one after the other.
fn mac(key: &str, parts: &[&[u8]]) -> hmac::Tag {
    let mut context = hmac::Context::with_key(&hmac::Key::new(hmac::HMAC_SHA256, key.as_bytes()));
    for part in parts {
        context.update(part);
    }
    context.sign()
}

/// The outgoing webhook's signature header value: `sha256=` and the hex HMAC-SHA256 of
/// `<timestamp>.<body>` under the bot's key (the timestamp in the signed text, so a
/// captured call cannot be replayed later under a new timestamp).
pub fn signature(key: &str, timestamp: i64, body: &[u8]) -> String {
    let timestamp = timestamp.to_string();
    let tag = mac(key, &[timestamp.as_bytes(), b".", body]);
    format!("sha256={}", hex::encode(tag))
}

/// The server's sealing key (from `settings`), which keeps bots' keys unreadable in the
/// database's rows and backups of them.
pub struct Sealer {
    key: LessSafeKey,
}

impl Sealer {
    /// A sealer with the 32 bytes written as 64 hex characters in `stored`.
    pub fn from_stored(stored: &str) -> Result<Sealer, String> {
        let bytes = hex::decode(stored.trim())
            .map_err(|_| "the stored bot sealing key is not hex".to_string())?;
        let key = UnboundKey::new(&AES_256_GCM, &bytes)
            .map_err(|_| "the stored bot sealing key is not 32 bytes".to_string())?;
        Ok(Sealer {
            key: LessSafeKey::new(key),
        })
    }

    /// A new sealing key, as `settings` keeps it.
    pub fn generate() -> String {
        crate::kit::random::random_hex(32)
    }

    /// `key` sealed for bot `bot_id`: a fresh nonce, then the ciphertext and tag.
    pub fn seal(&self, bot_id: i64, key: &str) -> Result<Vec<u8>, String> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
        let mut data = key.as_bytes().to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(bot_id.to_be_bytes()),
                &mut data,
            )
            .map_err(|_| "cannot seal a bot key".to_string())?;
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&data);
        Ok(sealed)
    }

    /// The key sealed for `bot_id`; `None` when it was sealed for another bot or under
    /// another sealing key (a row moved by hand).
    pub fn open(&self, bot_id: i64, sealed: &[u8]) -> Option<String> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, data) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = data.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(bot_id.to_be_bytes()), &mut data)
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_chat_tokens_parse_and_check() {
        let key = new_key(12);
        assert_eq!(parse_token(&key), Some(HookToken::Key { bot_id: 12 }));
        assert!(key_matches(&key, &key_hash(&key)));
        assert!(!key_matches(&new_key(12), &key_hash(&key)));
        let token = chat_token(&key, 345);
        let Some(HookToken::Chat {
            bot_id,
            chat_id,
            mac,
        }) = parse_token(&token)
        else {
            panic!("{token}")
        };
        assert_eq!((bot_id, chat_id), (12, 345));
        assert!(chat_mac_matches(&key, 345, mac));
        assert!(!chat_mac_matches(&key, 346, mac));
        assert!(!chat_mac_matches(&new_key(12), 345, mac));
        for bad in ["", "12", "12-zz", "a-b-c", "-1-2", "1-2-3-4", &key[..20]] {
            assert_eq!(parse_token(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_sealed_key_opens_only_for_its_bot_and_sealer() {
        let sealer = Sealer::from_stored(&Sealer::generate()).unwrap();
        let sealed = sealer.seal(7, "7-abc").unwrap();
        assert_eq!(sealer.open(7, &sealed).as_deref(), Some("7-abc"));
        assert_eq!(sealer.open(8, &sealed), None);
        let other = Sealer::from_stored(&Sealer::generate()).unwrap();
        assert_eq!(other.open(7, &sealed), None);
        assert!(!String::from_utf8_lossy(&sealed).contains("7-abc"));
    }

    #[test]
    fn the_signature_covers_timestamp_and_body() {
        let s = signature("k", 1700000000, b"{}");
        assert!(s.starts_with("sha256=") && s.len() == 7 + 64);
        assert_ne!(s, signature("k", 1700000001, b"{}"));
        assert_ne!(s, signature("k", 1700000000, b"{ }"));
    }
}
