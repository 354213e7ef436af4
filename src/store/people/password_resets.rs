//! The `password_resets` table: one-time links an administrator made or natter mailed,
//! as token hashes; a mailed one notes the address it went to.

use crate::store::{Conn, StoreResult};

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

/// Stores a reset link mailed to `user_id`'s present address, noting that address (its
/// key), so using the link confirms it.
pub fn insert_mailed(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    expires_at: &str,
    now: &str,
) -> StoreResult<()> {
    let key = crate::store::people::confirmed_emails::present_key(c, user_id)?;
    c.exec(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, mailed_to_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&token_hash, &user_id, &now, &expires_at, &key],
    )?;
    Ok(())
}

/// A reset link used: its account, and whether it was mailed to the address the account
/// has now (using it proves that address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub user_id: i64,
    pub proves_address: bool,
}

/// Uses the link whose token hashes to `token_hash`, once: its account, or `None` when
/// it is unknown, used or expired.
pub fn take(c: &Conn, token_hash: &[u8], now: &str) -> StoreResult<Option<Taken>> {
    c.opt(
        "UPDATE password_resets SET used_at = ?2
         WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
         RETURNING user_id,
             CASE WHEN mailed_to_key IS NOT NULL AND mailed_to_key =
                 (SELECT u.email_key FROM users u WHERE u.id = password_resets.user_id)
             THEN 1 ELSE 0 END",
        &[&token_hash, &now],
        |r| {
            Ok(Taken {
                user_id: r.get(0)?,
                proves_address: r.get::<i64>(1)? == 1,
            })
        },
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
