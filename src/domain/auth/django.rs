//! Passwords hashed by Django, kept through `natter import django` so that people sign
//! in with the password they had: `pbkdf2_sha256$<iterations>$<salt>$<base64>` (and
//! `pbkdf2_sha1`), checked with ring's PBKDF2; `argon2$argon2id$...`, checked with the
//! argon2 crate; `bcrypt_sha256$$2b$...` (bcrypt of the password's hex SHA-256) and
//! `bcrypt$$2b$...`, checked with the bcrypt crate; `scrypt$<n>$<salt>$<r>$<p>$<base64>`,
//! checked with the scrypt crate. At the first sign-in that passes, natter's own hash
//! replaces it (`domain::people::accounts::authenticate`). The long-deprecated unsalted hashes
//! are not checked: those people set a new password (an administrator's `natter users
//! set-password`, or a reset mail).

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use base64::Engine;
use sha2::Digest;
use std::num::NonZeroU32;

/// Whether `hash` is Django's rather than natter's own (a PHC string, `$argon2id$...`).
pub fn is_django(hash: &str) -> bool {
    !hash.is_empty() && !hash.starts_with('$')
}

/// Whether natter can check `hash`, a Django hash, at sign-in.
pub fn can_check(hash: &str) -> bool {
    [
        "pbkdf2_sha256$",
        "pbkdf2_sha1$",
        "argon2$",
        "bcrypt_sha256$",
        "bcrypt$",
        "scrypt$",
    ]
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
    if let Some(bcrypt) = hash.strip_prefix("bcrypt_sha256$") {
        // Django hashes the password first (so bcrypt's 72-byte cut never bites) and
        // hands bcrypt the digest's 64 hex characters.
        let digest = hex::encode(sha2::Sha256::digest(password.as_bytes()));
        return bcrypt_cost_ok(bcrypt) && bcrypt::verify(digest, bcrypt).unwrap_or(false);
    }
    if let Some(bcrypt) = hash.strip_prefix("bcrypt$") {
        return bcrypt_cost_ok(bcrypt) && bcrypt::verify(password, bcrypt).unwrap_or(false);
    }
    if let Some(fields) = hash.strip_prefix("scrypt$") {
        return verify_scrypt(password, fields);
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

/// The highest bcrypt cost checked (2^cost rounds): Django's default is 12; a hash
/// asking for more is refused rather than left to hold a sign-in for minutes.
const BCRYPT_MAX_COST: u32 = 16;

/// Whether bcrypt's `$2b$<cost>$...` asks for no more than [`BCRYPT_MAX_COST`].
fn bcrypt_cost_ok(hash: &str) -> bool {
    hash.split('$')
        .nth(2)
        .and_then(|cost| cost.parse::<u32>().ok())
        .is_some_and(|cost| cost <= BCRYPT_MAX_COST)
}

/// The most memory one scrypt check may take (128 x r x n bytes): Django's default is
/// 16 MiB; a hash asking for more than this is refused rather than run.
const SCRYPT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Checks Django's `scrypt$<n>$<salt>$<r>$<p>$<base64 of 64 bytes>` (what follows
/// `scrypt$`).
fn verify_scrypt(password: &str, fields: &str) -> bool {
    let parts: Vec<&str> = fields.splitn(5, '$').collect();
    let [n, salt, r, p, encoded] = parts[..] else {
        return false;
    };
    let (Ok(n), Ok(r), Ok(p)) = (n.parse::<u64>(), r.parse::<u32>(), p.parse::<u32>()) else {
        return false;
    };
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
        return false;
    }
    if 128u64.saturating_mul(u64::from(r)).saturating_mul(n) > SCRYPT_MAX_BYTES {
        return false;
    }
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(encoded) else {
        return false;
    };
    if expected.is_empty() {
        return false;
    }
    let log_n = n.trailing_zeros() as u8;
    let Ok(params) = scrypt::Params::new(log_n, r, p, expected.len()) else {
        return false;
    };
    let mut derived = vec![0u8; expected.len()];
    if scrypt::scrypt(password.as_bytes(), salt.as_bytes(), &params, &mut derived).is_err() {
        return false;
    }
    bool::from(subtle::ConstantTimeEq::ct_eq(
        derived.as_slice(),
        expected.as_slice(),
    ))
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
        assert!(
            !verify("x", "md5$salt$abc"),
            "unsalted and old hashes are not checked"
        );
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

    /// Made by Django 5.2's `BCryptSHA256PasswordHasher` (rounds 4 for speed, and the
    /// default 12) and `BCryptPasswordHasher`, with python's bcrypt 4, for "correct horse".
    #[test]
    fn django_bcrypt_is_checked() {
        for hash in [
            "bcrypt_sha256$$2b$04$XcwXWE7Auxxqx/elYkVHre7r9302eCJ7BPtwPGVvmSP7aM77M3xHu",
            "bcrypt_sha256$$2b$12$VIUK6X4WDzl0EDwddaUhBeKl5kCTfKoQo6yM2MPqJoy4PWABBa99.",
            "bcrypt$$2b$04$3cOuaafJXH3WvkhwQfneqOZ3Ybyq9TmzKKxCLwRYo3zagTMJ5O6VO",
        ] {
            assert!(is_django(hash) && can_check(hash), "{hash}");
            assert!(verify("correct horse", hash), "{hash}");
            assert!(!verify("correct horsE", hash), "{hash}");
        }
        assert!(!verify("correct horse", "bcrypt_sha256$$2b$04$short"));
        assert!(!verify("correct horse", "bcrypt_sha256$"));
        assert!(
            !verify(
                "x",
                "bcrypt$$2b$31$3cOuaafJXH3WvkhwQfneqOZ3Ybyq9TmzKKxCLwRYo3zagTMJ5O6VO"
            ),
            "2^31 rounds are refused, not run"
        );
    }

    /// Made by Django 5.2's `ScryptPasswordHasher` (its default n = 2^14 and n = 2^10),
    /// for "correct horse".
    #[test]
    fn django_scrypt_is_checked() {
        for hash in [
            "scrypt$16384$nqxE5equpI9BtzXijfe5du$8$5$KZuLrcwrJAoFrZbbBiCqb44yi61eioVTldrwzE/w8qbnv0WIfhrRkSmh3cPLYLEBPgrO1cOE7jFlApD5IsgYrA==",
            "scrypt$1024$vwX5G534OwDudyFOYl3Uy9$8$5$4yLVldaNBXxJeaHO5ccYgHPBj8obERMMCUw/6sXG2cABemTnbShJD/5M7SVZhgiXsgkYQkPOFtGvcC5jH1eR/Q==",
        ] {
            assert!(is_django(hash) && can_check(hash), "{hash}");
            assert!(verify("correct horse", hash), "{hash}");
            assert!(!verify("correct horsE", hash), "{hash}");
        }
        // Malformed or too costly: refused without running.
        assert!(
            !verify("x", "scrypt$1000$salt$8$1$AAAA"),
            "n not a power of two"
        );
        assert!(
            !verify("x", "scrypt$1048576$salt$64$1$AAAA"),
            "8 GiB of memory"
        );
        assert!(!verify("x", "scrypt$1024$salt$8$1$not base64!"));
        assert!(!verify("x", "scrypt$1024$salt"));
    }
}
