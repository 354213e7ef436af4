//! Files a Matrix app uploaded encrypted (the specification's `EncryptedFile`: the
//! upload is AES-256-CTR ciphertext, and the key, IV and SHA-256 of the ciphertext
//! travel in the message). In a chat natter keeps in the clear the message carries the
//! key in the clear too, so natter opens the file and keeps the plaintext as an upload
//! of the sender's, which every surface then shows as any other attachment. Some apps
//! (matrix-commander) send every file this way.

use super::files::{self, Upload};
use crate::domain::error::{Error, Missing, Problem, Result};
use crate::state::App;
use crate::store::messaging::files::FileMeta;
use crate::store::people::users::User;
use aes::cipher::{KeyIvInit, StreamCipher};
use base64::Engine;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

/// AES-256 in counter mode with a 64-bit big-endian counter, as the specification's
/// (and WebCrypto's `length: 64`) AES-CTR is.
type Aes256Ctr = ctr::Ctr64BE<aes::Aes256>;

/// What the message says of an encrypted upload.
pub struct Sealed {
    /// The sender's upload holding the ciphertext.
    pub file_id: i64,
    /// The JWK's `k`: the key, base64url.
    pub key: String,
    /// The IV, base64.
    pub iv: String,
    /// `hashes.sha256` of the ciphertext, base64.
    pub sha256: String,
    /// The name and type the message gives the file.
    pub filename: String,
    pub content_type: String,
}

/// Decodes base64 written with or without padding, in either alphabet.
fn decode(text: &str) -> Option<Vec<u8>> {
    let bare = text.trim_end_matches('=');
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(bare)
        .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(bare))
        .ok()
}

/// The plaintext of `me`'s encrypted upload, kept as a new upload of theirs: refused
/// when the upload is not theirs, or the key, IV or hash do not fit the ciphertext.
pub async fn open(app: &App, me: &User, sealed: Sealed) -> Result<FileMeta> {
    let bad = |why: &'static str| Error::field("file", Problem::Worded(why));
    let file = files::readable(app, me, sealed.file_id).await?;
    if file.owner_id != Some(me.id) {
        return Err(Error::NotFound(Missing::File));
    }
    let key: [u8; 32] = decode(&sealed.key)
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| bad("The file's key is not a 256-bit key."))?;
    let iv: [u8; 16] = decode(&sealed.iv)
        .and_then(|iv| iv.try_into().ok())
        .ok_or_else(|| bad("The file's IV is not 128 bits."))?;
    let hash = decode(&sealed.sha256).ok_or_else(|| bad("The file's hash is not base64."))?;
    let (mut content, len) = files::open_content(app, &file).await?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    content.read_to_end(&mut bytes).await?;
    if Sha256::digest(&bytes).as_slice() != hash.as_slice() {
        return Err(bad("The file's hash does not match its upload."));
    }
    Aes256Ctr::new(&key.into(), &iv.into()).apply_keystream(&mut bytes);
    files::save(
        app,
        me,
        Upload {
            filename: sealed.filename,
            content_type: sealed.content_type,
            bytes: bytes.into(),
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specifications_counter_mode_round_trips() {
        let (key, iv) = ([7u8; 32], [0u8; 16]);
        let mut text = b"a plan in plain text".to_vec();
        Aes256Ctr::new(&key.into(), &iv.into()).apply_keystream(&mut text);
        assert_ne!(&text[..], b"a plan in plain text");
        Aes256Ctr::new(&key.into(), &iv.into()).apply_keystream(&mut text);
        assert_eq!(&text[..], b"a plan in plain text");
        assert_eq!(decode("AAAA"), Some(vec![0, 0, 0]));
        assert_eq!(decode("_-8="), decode("/+8"));
    }
}
