//! The `sessions` table: browser sessions, stored by the sha256 of their id, and Matrix
//! apps' devices, stored by the sha256 of their access token (a row with a `device_id`).

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

/// The active user and CSRF secret of an unexpired browser session (a device's token is
/// no session cookie).
pub fn lookup(c: &Conn, id_hash: &[u8], now: &str) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT s.user_id, s.csrf_secret FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.is_active = 1
           AND s.device_id IS NULL",
        &[&id_hash, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Ends a session.
pub fn delete(c: &Conn, id_hash: &[u8]) -> StoreResult<()> {
    c.exec("DELETE FROM sessions WHERE id_hash = ?1", &[&id_hash])?;
    Ok(())
}

/// One of an account's unexpired sessions, as its account page lists it.
pub struct Listed {
    /// The stored hash.
    pub hash: Vec<u8>,
    /// When it began, when known.
    pub created_at: Option<String>,
    /// A Matrix app's device id; `None` for a browser's session.
    pub device_id: Option<String>,
    /// The name the person gave the device.
    pub device_name: Option<String>,
}

/// The account's unexpired sessions and devices, oldest first.
pub fn of_user(c: &Conn, user_id: i64, now: &str) -> StoreResult<Vec<Listed>> {
    c.all(
        "SELECT id_hash, created_at, device_id, device_name FROM sessions
         WHERE user_id = ?1 AND expires_at > ?2 ORDER BY created_at",
        &[&user_id, &now],
        |r| {
            Ok(Listed {
                hash: r.get(0)?,
                created_at: r.get(1)?,
                device_id: r.get(2)?,
                device_name: r.get(3)?,
            })
        },
    )
}

/// Stores a Matrix app's device, its access token hashing to `token_hash`; a device of
/// the same id on the account is replaced (the app signed in again as it). Answers the
/// replaced device's hash, whose sign-in has ended.
pub fn insert_device(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    device_id: &str,
    device_name: Option<&str>,
    expires_at: &str,
) -> StoreResult<Option<Vec<u8>>> {
    let replaced: Option<Vec<u8>> = c.opt(
        "DELETE FROM sessions WHERE user_id = ?1 AND device_id = ?2 RETURNING id_hash",
        &[&user_id, &device_id],
        |r| r.get(0),
    )?;
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at, created_at,
                               device_id, device_name)
         VALUES (?1, ?2, '', ?3, ?4, ?5, ?6)",
        &[
            &token_hash,
            &user_id,
            &expires_at,
            &crate::store::clock::now(),
            &device_id,
            &device_name,
        ],
    )?;
    Ok(replaced)
}

/// The active user and device id of an unexpired device's access token (an OAuth
/// device's access token also runs out on its own, minutes after it was made).
pub fn lookup_device(c: &Conn, token_hash: &[u8], now: &str) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT s.user_id, s.device_id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.is_active = 1
           AND s.device_id IS NOT NULL
           AND (s.access_expires_at IS NULL OR s.access_expires_at > ?2)",
        &[&token_hash, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Names one of the account's devices; whether it exists.
pub fn rename_device(c: &Conn, user_id: i64, device_id: &str, name: &str) -> StoreResult<bool> {
    let changed = c.exec(
        "UPDATE sessions SET device_name = ?3 WHERE user_id = ?1 AND device_id = ?2",
        &[&user_id, &device_id, &name],
    )?;
    Ok(changed > 0)
}

/// Ends one of the account's devices; the ended sign-in's hash, if it existed.
pub fn delete_device(c: &Conn, user_id: i64, device_id: &str) -> StoreResult<Option<Vec<u8>>> {
    c.opt(
        "DELETE FROM sessions WHERE user_id = ?1 AND device_id = ?2 RETURNING id_hash",
        &[&user_id, &device_id],
        |r| r.get(0),
    )
}

/// The hashes of every session and device of the account (to sign them all out).
pub fn hashes_of_user(c: &Conn, user_id: i64) -> StoreResult<Vec<Vec<u8>>> {
    c.all(
        "SELECT id_hash FROM sessions WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
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

/// The device ids of a person's signed-in Matrix devices.
pub fn device_ids(c: &Conn, user_id: i64) -> StoreResult<Vec<String>> {
    c.all(
        "SELECT device_id FROM sessions WHERE user_id = ?1 AND device_id IS NOT NULL
         ORDER BY device_id",
        &[&user_id],
        |r| r.get(0),
    )
}
