//! `matrix_to_device`: messages one Matrix device sends straight to others (room keys,
//! verification), each waiting for its recipient's next sync, and the transaction ids
//! they were sent under.

use crate::store::{Conn, Dialect, StoreResult};

/// One message waiting for a device.
pub struct ToDevice {
    /// The log position it was sent at.
    pub pos: i64,
    /// The sender's Matrix id.
    pub sender: String,
    pub kind: String,
    /// Its content, as the sender's app wrote it.
    pub content: String,
}

/// Queues a message for a device.
pub fn insert(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    pos: i64,
    sender: &str,
    kind: &str,
    content: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_to_device (pos, user_id, device_id, sender, type, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&pos, &user_id, &device_id, &sender, &kind, &content],
    )?;
    Ok(())
}

/// How many messages wait for a device.
pub fn waiting(c: &Conn, user_id: i64, device_id: &str) -> StoreResult<i64> {
    Ok(c.opt(
        "SELECT count(*) FROM matrix_to_device WHERE user_id = ?1 AND device_id = ?2",
        &[&user_id, &device_id],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}

/// The ids and sizes (bytes of content) of the oldest `limit` messages for a device sent
/// at positions up to `upto`, oldest first: what one sync may carry is chosen from them.
/// Oldest is by id, the order they were sent in, which a message moved to a later
/// position ([`move_up_to`]) keeps.
pub fn sizes_up_to(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    upto: i64,
    limit: i64,
) -> StoreResult<Vec<(i64, i64)>> {
    let sql = match c.dialect() {
        Dialect::Sqlite => {
            "SELECT id, length(CAST(content AS BLOB)) FROM matrix_to_device
             WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 ORDER BY id LIMIT ?4"
        }
        Dialect::Postgres => {
            "SELECT id, CAST(octet_length(content) AS BIGINT) FROM matrix_to_device
             WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 ORDER BY id LIMIT ?4"
        }
    };
    c.all(sql, &[&user_id, &device_id, &upto, &limit], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// The messages for a device sent at positions up to `upto` whose ids are at most
/// `last`, oldest first.
pub fn up_to(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    upto: i64,
    last: i64,
) -> StoreResult<Vec<ToDevice>> {
    c.all(
        "SELECT pos, sender, type, content FROM matrix_to_device
         WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 AND id <= ?4 ORDER BY id",
        &[&user_id, &device_id, &upto, &last],
        |r| {
            Ok(ToDevice {
                pos: r.get(0)?,
                sender: r.get(1)?,
                kind: r.get(2)?,
                content: r.get(3)?,
            })
        },
    )
}

/// Whether a device has messages sent at positions up to `upto` (which its app has
/// received, once it syncs from a token past them).
pub fn any_up_to(c: &Conn, user_id: i64, device_id: &str, upto: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM matrix_to_device
             WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 LIMIT 1",
        &[&user_id, &device_id, &upto],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}

/// Removes a device's messages sent at positions up to `upto` whose ids are at most
/// `last`: its app received them.
pub fn remove_up_to(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    upto: i64,
    last: i64,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_to_device
         WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 AND id <= ?4",
        &[&user_id, &device_id, &upto, &last],
    )?;
    Ok(())
}

/// Moves a device's messages sent at positions up to `upto` to position `pos`: a sync
/// could not carry them all, and the next one takes them from there.
pub fn move_up_to(c: &Conn, user_id: i64, device_id: &str, upto: i64, pos: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE matrix_to_device SET pos = ?4 WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3",
        &[&user_id, &device_id, &upto, &pos],
    )?;
    Ok(())
}

/// Notes a device's transaction id; false when it was noted already (a retry).
pub fn note_txn(c: &Conn, token_hash: &[u8], txn_id: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO matrix_to_device_txns (token_hash, txn_id) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        &[&token_hash, &txn_id],
    )? == 1)
}
