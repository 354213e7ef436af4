//! The `api_tokens` table: DRF-style keys, stored only as their sha256.

use crate::store::{Conn, StoreResult};

/// Stores the hash of a new key for `user_id`.
pub fn insert(c: &Conn, key_hash: &[u8], user_id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO api_tokens (key_hash, user_id, created_at) VALUES (?1, ?2, ?3)",
        &[&key_hash, &user_id, &now],
    )?;
    Ok(())
}

/// Deletes the key with this hash; returns whether it existed.
pub fn delete(c: &Conn, key_hash: &[u8]) -> StoreResult<bool> {
    Ok(c.exec("DELETE FROM api_tokens WHERE key_hash = ?1", &[&key_hash])? > 0)
}

/// The account's keys: (stored hash, created at), oldest first.
pub fn of_user(c: &Conn, user_id: i64) -> StoreResult<Vec<(Vec<u8>, String)>> {
    c.all(
        "SELECT key_hash, created_at FROM api_tokens WHERE user_id = ?1 ORDER BY created_at",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Deletes every key of the account but the one hashing to `keep` (empty: every one); returns how many.
pub fn delete_all_but(c: &Conn, user_id: i64, keep: &[u8]) -> StoreResult<usize> {
    c.exec(
        "DELETE FROM api_tokens WHERE user_id = ?1 AND key_hash <> ?2",
        &[&user_id, &keep],
    )
}
