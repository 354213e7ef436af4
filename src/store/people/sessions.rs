//! The `sessions` table: browser sessions, stored by the sha256 of their id.

use crate::store::{Conn, StoreResult};

/// Stores a session.
pub fn insert(
    c: &Conn,
    id_hash: &[u8],
    user_id: i64,
    csrf: &str,
    expires_at: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            &id_hash,
            &user_id,
            &csrf,
            &expires_at,
            &crate::store::clock::now(),
        ],
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

/// The account's unexpired sessions: (stored hash, began at when known), oldest first.
pub fn of_user(c: &Conn, user_id: i64, now: &str) -> StoreResult<Vec<(Vec<u8>, Option<String>)>> {
    c.all(
        "SELECT id_hash, created_at FROM sessions WHERE user_id = ?1 AND expires_at > ?2
         ORDER BY created_at",
        &[&user_id, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Ends every session of the account but the one hashing to `keep` (empty: every one); returns how many.
pub fn delete_all_but(c: &Conn, user_id: i64, keep: &[u8]) -> StoreResult<usize> {
    c.exec(
        "DELETE FROM sessions WHERE user_id = ?1 AND id_hash <> ?2",
        &[&user_id, &keep],
    )
}

/// When the unexpired session hashing to `id_hash` of `user_id` began (`None`: no such
/// session, or one stored before sessions noted it).
pub fn began_at(c: &Conn, id_hash: &[u8], user_id: i64, now: &str) -> StoreResult<Option<String>> {
    let found: Option<Option<String>> = c.opt(
        "SELECT created_at FROM sessions WHERE id_hash = ?1 AND user_id = ?2 AND expires_at > ?3",
        &[&id_hash, &user_id, &now],
        |r| r.get(0),
    )?;
    Ok(found.flatten())
}
