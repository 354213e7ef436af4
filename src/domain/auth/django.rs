//! Passwords hashed by Django, kept through `natter import django` so that people sign
//! in with the password they had: `pbkdf2_sha256$<iterations>$<salt>$<base64>` (and
//! `pbkdf2_sha1`), checked with ring's PBKDF2, and `argon2$argon2id$...`, checked with
//! the argon2 crate. At the first sign-in that passes, natter's own hash replaces it
//! (`domain::accounts::authenticate`). `bcrypt_sha256`, `bcrypt`, `scrypt` and the
//! long-deprecated unsalted hashes are not checked: those people set a new password
//! (an administrator's `natter users set-password`, or a reset mail).

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use base64::Engine;
use std::num::NonZeroU32;

/// Whether `hash` is Django's rather than natter's own (a PHC string, `$argon2id$...`).
pub fn is_django(hash: &str) -> bool {
    !hash.is_empty() && !hash.starts_with('$')
}

/// Whether natter can check `hash`, a Django hash, at sign-in.
pub fn can_check(hash: &str) -> bool {
    ["pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$"]
        .iter()
        .any(|p| hash.starts_with(p))
}

/// Checks `password` against Django's `hash`; false for a hash natter cannot check, an
/// unusable password (`!...`) or a malformed one.
pub fn verify(password: &str, hash: &str) -> bool {
    if let Some(phc) = hash.strip_prefix("argon2").filter(|p| p.starts_with('$')) {
        // Django writes "argon2" before argon2-cffi's PHC string, which starts with `$`.
        return match PasswordHash::new(phc) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        };
    }
    let mut parts = hash.splitn(4, '$');
    let (Some(algorithm), Some(iterations), Some(salt), Some(encoded)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let algorithm = match algorithm {
        "pbkdf2_sha256" => ring::pbkdf2::PBKDF2_HMAC_SHA256,
        "pbkdf2_sha1" => ring::pbkdf2::PBKDF2_HMAC_SHA1,
        _ => return false,
    };
    let Some(iterations) = iterations.parse::<u32>().ok().and_then(NonZeroU32::new) else {
        return false;
    };
    let Ok(derived) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
        return false;
    };
    if derived.is_empty() {
        return false;
    }
    ring::pbkdf2::verify(
        algorithm,
        iterations,
        salt.as_bytes(),
        password.as_bytes(),
        &derived,
    )
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `make_password("correct horse", salt="abcdefgh", hasher="pbkdf2_sha256")` with
    /// 1,000 iterations, as Django's `PBKDF2PasswordHasher.encode` writes it.
    #[test]
    fn django_pbkdf2_is_checked() {
        let salt = "abcdefgh";
        let mut out = [0u8; 32];
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA256,
            NonZeroU32::new(1000).unwrap(),
            salt.as_bytes(),
            b"correct horse",
            &mut out,
        );
        let hash = format!(
            "pbkdf2_sha256$1000${salt}${}",
            base64::engine::general_purpose::STANDARD.encode(out)
        );
        assert!(is_django(&hash) && can_check(&hash));
        assert!(verify("correct horse", &hash));
        assert!(!verify("wrong horse", &hash));
        assert!(!verify("correct horse", "pbkdf2_sha256$0$x$y"));
        assert!(!verify("correct horse", "!unusable"));
        assert!(!verify("x", "bcrypt_sha256$$2b$12$abc"));
    }

    /// Django's Argon2PasswordHasher writes "argon2" before argon2-cffi's PHC string.
    #[test]
    fn django_argon2_is_checked() {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::encode_b64(b"sixteen byte slt").unwrap();
        let params = argon2::Params::new(1024, 2, 1, None).unwrap();
        let phc = Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password(b"old secret", &salt)
            .unwrap()
            .to_string();
        let hash = format!("argon2{phc}");
        assert!(is_django(&hash) && can_check(&hash));
        assert!(verify("old secret", &hash));
        assert!(!verify("new secret", &hash));
        assert!(!is_django(&phc), "natter's own PHC string is not Django's");
    }
}
