//! `matrix_txns`: the transaction ids a Matrix device sent messages with, so a retried
//! send is one message. Rows go with their device (`ON DELETE CASCADE`).

use crate::store::{Conn, StoreResult};

/// The message a device's transaction made, if it made one.
pub fn find(c: &Conn, token_hash: &[u8], txn_id: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT message_id FROM matrix_txns WHERE token_hash = ?1 AND txn_id = ?2",
        &[&token_hash, &txn_id],
        |r| r.get(0),
    )
}

/// Notes the message a device's transaction made.
pub fn insert(c: &Conn, token_hash: &[u8], txn_id: &str, message_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_txns (token_hash, txn_id, message_id) VALUES (?1, ?2, ?3)",
        &[&token_hash, &txn_id, &message_id],
    )?;
    Ok(())
}

/// Notes the event a device's transaction makes when it is not a message of its own
/// (`event_id`: `$r...`, `$e<message>`, `$d<message>`), before it is made, so no sync
/// sees the event without it. A retried transaction keeps its first row.
pub fn note_event(
    c: &Conn,
    token_hash: &[u8],
    txn_id: &str,
    message_id: i64,
    event_id: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_txns (token_hash, txn_id, message_id, event_id) \
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (token_hash, txn_id) DO NOTHING",
        &[&token_hash, &txn_id, &message_id, &event_id],
    )?;
    Ok(())
}

/// A device's transactions on messages from `first_message` on: (message id, the event
/// when not the message itself, transaction id).
pub fn from_message(
    c: &Conn,
    token_hash: &[u8],
    first_message: i64,
) -> StoreResult<Vec<(i64, Option<String>, String)>> {
    c.all(
        "SELECT message_id, event_id, txn_id FROM matrix_txns \
         WHERE token_hash = ?1 AND message_id >= ?2",
        &[&token_hash, &first_message],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
