//! `matrix_to_device`: messages one Matrix device sends straight to others (room keys,
//! verification), each waiting for its recipient's next sync, and the transaction ids
//! they were sent under.

use crate::store::{Conn, StoreResult};

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

/// The messages for a device sent at positions up to `upto`, oldest first.
pub fn up_to(c: &Conn, user_id: i64, device_id: &str, upto: i64) -> StoreResult<Vec<ToDevice>> {
    c.all(
        "SELECT pos, sender, type, content FROM matrix_to_device
         WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3 ORDER BY id",
        &[&user_id, &device_id, &upto],
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

/// Removes a device's messages sent at positions up to `upto`: its app received them.
pub fn remove_up_to(c: &Conn, user_id: i64, device_id: &str, upto: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_to_device WHERE user_id = ?1 AND device_id = ?2 AND pos <= ?3",
        &[&user_id, &device_id, &upto],
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
