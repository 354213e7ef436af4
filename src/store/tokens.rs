//! The `api_tokens` table: DRF-style keys, stored only as their sha256.

use super::{Conn, StoreResult};

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
