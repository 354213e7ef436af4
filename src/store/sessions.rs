//! The `sessions` table: browser sessions, stored by the sha256 of their id.

use super::{Conn, StoreResult};

/// Stores a session.
pub fn insert(
    c: &Conn,
    id_hash: &[u8],
    user_id: i64,
    csrf: &str,
    expires_at: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at) VALUES (?1, ?2, ?3, ?4)",
        &[&id_hash, &user_id, &csrf, &expires_at],
    )?;
    Ok(())
}

/// The active user and CSRF secret of an unexpired session.
pub fn lookup(c: &Conn, id_hash: &[u8], now: &str) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT s.user_id, s.csrf_secret FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.is_active = 1",
        &[&id_hash, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Ends a session.
pub fn delete(c: &Conn, id_hash: &[u8]) -> StoreResult<()> {
    c.exec("DELETE FROM sessions WHERE id_hash = ?1", &[&id_hash])?;
    Ok(())
}
