//! The `api_tokens` table: DRF-style keys, stored only as their sha256.

use crate::error::ApiResult;
use rusqlite::{params, Connection, OptionalExtension};

/// Stores the hash of a new key for `user_id`.
pub fn insert(c: &Connection, key_hash: &[u8], user_id: i64, now: &str) -> ApiResult<()> {
    c.prepare_cached("INSERT INTO api_tokens (key_hash, user_id, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![key_hash, user_id, now])?;
    Ok(())
}

/// The active user owning the key with this hash.
pub fn user_for(c: &Connection, key_hash: &[u8]) -> ApiResult<Option<i64>> {
    Ok(c.prepare_cached(
        "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.key_hash = ?1 AND u.is_active = 1",
    )?
    .query_row([key_hash], |r| r.get(0))
    .optional()?)
}

/// Deletes the key with this hash; returns whether it existed.
pub fn delete(c: &Connection, key_hash: &[u8]) -> ApiResult<bool> {
    Ok(
        c.prepare_cached("DELETE FROM api_tokens WHERE key_hash = ?1")?
            .execute([key_hash])?
            > 0,
    )
}
