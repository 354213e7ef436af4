//! The `two_factor`, `two_factor_recovery_codes` and `two_factor_pending` tables: a
//! person's authenticator secret with the count of wrong codes typed in a row, the
//! one-time recovery codes that stand in for it, and provider sign-ins that still owe a
//! code.

use crate::store::{Conn, StoreResult};

/// A person's authenticator secret, as set up.
pub struct Secret {
    /// Base32, as authenticator apps show it.
    pub secret: String,
    /// Whether a code confirmed it (only then is it asked at sign-in).
    pub enabled: bool,
    /// The time step of the last code taken (none is taken twice).
    pub last_step: i64,
    /// Wrong codes typed in a row since the last right one.
    pub failed_codes: i64,
    /// When the last of them was typed (milliseconds since 1970).
    pub last_failed_at: Option<i64>,
}

/// The person's secret, set up or being set up.
pub fn get(c: &Conn, user_id: i64) -> StoreResult<Option<Secret>> {
    c.opt(
        "SELECT secret, enabled_at IS NOT NULL, last_step, failed_codes, last_failed_at
         FROM two_factor WHERE user_id = ?1",
        &[&user_id],
        |r| {
            Ok(Secret {
                secret: r.get(0)?,
                enabled: r.get(1)?,
                last_step: r.get(2)?,
                failed_codes: r.get(3)?,
                last_failed_at: r.get(4)?,
            })
        },
    )
}

/// Starts setting up (again) with a new secret, not yet asked at sign-in. Replaces a
/// secret that was never confirmed; one that is on is left alone (`false`).
pub fn start(c: &Conn, user_id: i64, secret: &str, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO two_factor (user_id, secret, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret,
             created_at = excluded.created_at, last_step = 0
         WHERE two_factor.enabled_at IS NULL",
        &[&user_id, &secret, &now],
    )? > 0)
}

/// Turns the secret on, the code of `step` having confirmed it.
pub fn enable(c: &Conn, user_id: i64, step: i64, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE two_factor SET enabled_at = ?3, last_step = ?2
         WHERE user_id = ?1 AND enabled_at IS NULL",
        &[&user_id, &step, &now],
    )? > 0)
}

/// Takes the code of `step`: `false` when that step or a later one was taken already
/// (a code seen twice, however close together the two sign-ins). A code taken ends the
/// run of wrong ones.
pub fn take_step(c: &Conn, user_id: i64, step: i64) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE two_factor SET last_step = ?2, failed_codes = 0
         WHERE user_id = ?1 AND last_step < ?2",
        &[&user_id, &step],
    )? > 0)
}

/// Counts a wrong code typed at `now_ms`: how many are now wrong in a row (0 when the
/// person has no secret any more).
pub fn count_wrong(c: &Conn, user_id: i64, now_ms: i64) -> StoreResult<i64> {
    c.exec(
        "UPDATE two_factor SET failed_codes = failed_codes + 1, last_failed_at = ?2
         WHERE user_id = ?1",
        &[&user_id, &now_ms],
    )?;
    Ok(c.opt(
        "SELECT failed_codes FROM two_factor WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}

/// Ends a run of wrong codes (a recovery code used, a new password set).
pub fn clear_wrong(c: &Conn, user_id: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE two_factor SET failed_codes = 0 WHERE user_id = ?1 AND failed_codes > 0",
        &[&user_id],
    )?;
    Ok(())
}

/// Turns two-factor sign-in off: the secret, the recovery codes and any provider
/// sign-in waiting for a code go.
pub fn remove(c: &Conn, user_id: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM two_factor_recovery_codes WHERE user_id = ?1",
        &[&user_id],
    )?;
    c.exec(
        "DELETE FROM two_factor_pending WHERE user_id = ?1",
        &[&user_id],
    )?;
    c.exec("DELETE FROM two_factor WHERE user_id = ?1", &[&user_id])?;
    Ok(())
}

/// Replaces the person's recovery codes with these (hashes).
pub fn replace_recovery_codes(c: &Conn, user_id: i64, hashes: &[Vec<u8>]) -> StoreResult<()> {
    c.exec(
        "DELETE FROM two_factor_recovery_codes WHERE user_id = ?1",
        &[&user_id],
    )?;
    for hash in hashes {
        c.exec(
            "INSERT INTO two_factor_recovery_codes (user_id, code_hash) VALUES (?1, ?2)",
            &[&user_id, hash],
        )?;
    }
    Ok(())
}

/// Uses the recovery code whose hash is `hash`, once: whether it was there unused.
pub fn use_recovery_code(c: &Conn, user_id: i64, hash: &[u8], now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE two_factor_recovery_codes SET used_at = ?3
         WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
        &[&user_id, &hash, &now],
    )? > 0)
}

/// How many of the person's recovery codes are still unused.
pub fn recovery_codes_left(c: &Conn, user_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM two_factor_recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Keeps a provider sign-in of `user_id` that still owes a code, under the SHA-256 of
/// the token its browser holds, until `expires_at` (milliseconds); ended ones go.
pub fn add_pending(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    expires_at: i64,
    now_ms: i64,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM two_factor_pending WHERE expires_at <= ?1",
        &[&now_ms],
    )?;
    c.exec(
        "INSERT INTO two_factor_pending (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
        &[&token_hash, &user_id, &expires_at],
    )?;
    Ok(())
}

/// Whose provider sign-in the token hashed to `token_hash` is, while it lasts.
pub fn pending_user(c: &Conn, token_hash: &[u8], now_ms: i64) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT user_id FROM two_factor_pending WHERE token_hash = ?1 AND expires_at > ?2",
        &[&token_hash, &now_ms],
        |r| r.get(0),
    )
}

/// Ends a provider sign-in that owed a code: whether it was still there (a token
/// finishes one sign-in, once).
pub fn take_pending(c: &Conn, token_hash: &[u8]) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM two_factor_pending WHERE token_hash = ?1",
        &[&token_hash],
    )? > 0)
}
