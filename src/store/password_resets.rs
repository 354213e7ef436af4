//! The `password_resets` table: one-time links an administrator made, as token hashes.

use super::{Conn, StoreResult};

/// Stores a reset link's token hash for `user_id`, valid until `expires_at`.
pub fn insert(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    expires_at: &str,
    now: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        &[&token_hash, &user_id, &now, &expires_at],
    )?;
    Ok(())
}

/// Uses the link whose token hashes to `token_hash`, once: its account, or `None` when
/// it is unknown, used or expired.
pub fn take(c: &Conn, token_hash: &[u8], now: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "UPDATE password_resets SET used_at = ?2
         WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING user_id",
        &[&token_hash, &now],
        |r| r.get(0),
    )
}

/// Voids the account's unused links (its password was just set another way).
pub fn void_for(c: &Conn, user_id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE password_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
        &[&user_id, &now],
    )?;
    Ok(())
}
