//! Server-side key backup for Matrix apps: a person's backup versions and the room keys
//! in each, encrypted by the app with a key natter never sees.

use crate::store::{Conn, StoreResult};

/// One backup version.
pub struct Backup {
    pub version: i64,
    pub algorithm: String,
    /// Its `auth_data` JSON, as the app wrote it.
    pub auth_data: String,
    /// Moves on each time keys are added or replaced.
    pub etag: i64,
    /// How many room keys it holds.
    pub count: i64,
}

/// A person's current backup version (the newest not deleted), or the version asked.
pub fn get(c: &Conn, user_id: i64, version: Option<i64>) -> StoreResult<Option<Backup>> {
    let row = |r: &crate::store::engine::sql::Row<'_>| {
        Ok(Backup {
            version: r.get(0)?,
            algorithm: r.get(1)?,
            auth_data: r.get(2)?,
            etag: r.get(3)?,
            count: r.get(4)?,
        })
    };
    match version {
        Some(v) => c.opt(
            "SELECT b.version, b.algorithm, b.auth_data, b.etag,
                    (SELECT count(*) FROM matrix_backup_keys k
                     WHERE k.user_id = b.user_id AND k.version = b.version)
             FROM matrix_key_backups b WHERE b.user_id = ?1 AND b.version = ?2 AND b.deleted = 0",
            &[&user_id, &v],
            row,
        ),
        None => c.opt(
            "SELECT b.version, b.algorithm, b.auth_data, b.etag,
                    (SELECT count(*) FROM matrix_backup_keys k
                     WHERE k.user_id = b.user_id AND k.version = b.version)
             FROM matrix_key_backups b WHERE b.user_id = ?1 AND b.deleted = 0
             ORDER BY b.version DESC LIMIT 1",
            &[&user_id],
            row,
        ),
    }
}

/// Starts a new backup version, which becomes current; answers its number.
pub fn create(c: &Conn, user_id: i64, algorithm: &str, auth_data: &str) -> StoreResult<i64> {
    let last: i64 = c
        .opt(
            "SELECT coalesce(max(version), 0) FROM matrix_key_backups WHERE user_id = ?1",
            &[&user_id],
            |r| r.get(0),
        )?
        .unwrap_or(0);
    let version = last + 1;
    c.exec(
        "INSERT INTO matrix_key_backups (user_id, version, algorithm, auth_data)
         VALUES (?1, ?2, ?3, ?4)",
        &[&user_id, &version, &algorithm, &auth_data],
    )?;
    Ok(version)
}

/// Replaces a version's `auth_data`; false when there is no such version.
pub fn update(c: &Conn, user_id: i64, version: i64, auth_data: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE matrix_key_backups SET auth_data = ?3
         WHERE user_id = ?1 AND version = ?2 AND deleted = 0",
        &[&user_id, &version, &auth_data],
    )? == 1)
}

/// Deletes a version and its keys; false when there is no such version.
pub fn delete(c: &Conn, user_id: i64, version: i64) -> StoreResult<bool> {
    c.exec(
        "DELETE FROM matrix_backup_keys WHERE user_id = ?1 AND version = ?2",
        &[&user_id, &version],
    )?;
    Ok(c.exec(
        "UPDATE matrix_key_backups SET deleted = 1 WHERE user_id = ?1 AND version = ?2 AND deleted = 0",
        &[&user_id, &version],
    )? == 1)
}

/// A stored room key's JSON, if the version holds one for the session.
pub fn key(
    c: &Conn,
    user_id: i64,
    version: i64,
    room_id: &str,
    session_id: &str,
) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT key FROM matrix_backup_keys
         WHERE user_id = ?1 AND version = ?2 AND room_id = ?3 AND session_id = ?4",
        &[&user_id, &version, &room_id, &session_id],
        |r| r.get(0),
    )
}

/// Stores (replaces) a room key in a version.
pub fn put_key(
    c: &Conn,
    user_id: i64,
    version: i64,
    room_id: &str,
    session_id: &str,
    key: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_backup_keys (user_id, version, room_id, session_id, key)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id, version, room_id, session_id) DO UPDATE SET key = excluded.key",
        &[&user_id, &version, &room_id, &session_id, &key],
    )?;
    Ok(())
}

/// Moves a version's etag on (its keys changed).
pub fn touch(c: &Conn, user_id: i64, version: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE matrix_key_backups SET etag = etag + 1 WHERE user_id = ?1 AND version = ?2",
        &[&user_id, &version],
    )?;
    Ok(())
}

/// A version's room keys, of one room or one session when named: (room, session, key).
pub fn keys(
    c: &Conn,
    user_id: i64,
    version: i64,
    room_id: Option<&str>,
    session_id: Option<&str>,
) -> StoreResult<Vec<(String, String, String)>> {
    c.all(
        "SELECT room_id, session_id, key FROM matrix_backup_keys
         WHERE user_id = ?1 AND version = ?2
           AND (?3 = '' OR room_id = ?3) AND (?4 = '' OR session_id = ?4)
         ORDER BY room_id, session_id",
        &[
            &user_id,
            &version,
            &room_id.unwrap_or(""),
            &session_id.unwrap_or(""),
        ],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Deletes a version's room keys, of one room or one session when named.
pub fn delete_keys(
    c: &Conn,
    user_id: i64,
    version: i64,
    room_id: Option<&str>,
    session_id: Option<&str>,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_backup_keys
         WHERE user_id = ?1 AND version = ?2
           AND (?3 = '' OR room_id = ?3) AND (?4 = '' OR session_id = ?4)",
        &[
            &user_id,
            &version,
            &room_id.unwrap_or(""),
            &session_id.unwrap_or(""),
        ],
    )?;
    Ok(())
}

/// How many room keys a person keeps, over all their versions.
pub fn count_of_user(c: &Conn, user_id: i64) -> StoreResult<i64> {
    Ok(c.opt(
        "SELECT count(*) FROM matrix_backup_keys WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}
