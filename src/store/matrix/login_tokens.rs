//! `matrix_login_tokens`: the one-use tokens natter's sign-in page hands a Matrix app
//! (single sign-on), kept as hashes until traded for a device or expired.

use crate::store::{Conn, StoreResult};

/// Keeps a new token's hash for `user_id` until `expires_ms`, and drops the expired.
pub fn insert(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    expires_ms: i64,
    now_ms: i64,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_login_tokens WHERE expires_ms <= ?1",
        &[&now_ms],
    )?;
    c.exec(
        "INSERT INTO matrix_login_tokens (token_hash, user_id, expires_ms) VALUES (?1, ?2, ?3)",
        &[&token_hash, &user_id, &expires_ms],
    )?;
    Ok(())
}

/// Removes the token hashed to `token_hash`, answering its account if it had not
/// expired: a token is traded once.
pub fn take(c: &Conn, token_hash: &[u8], now_ms: i64) -> StoreResult<Option<i64>> {
    let found: Option<(i64, i64)> = c.opt(
        "SELECT user_id, expires_ms FROM matrix_login_tokens WHERE token_hash = ?1",
        &[&token_hash],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((user_id, expires_ms)) = found else {
        return Ok(None);
    };
    let taken = c.exec(
        "DELETE FROM matrix_login_tokens WHERE token_hash = ?1",
        &[&token_hash],
    )?;
    Ok((taken > 0 && expires_ms > now_ms).then_some(user_id))
}
