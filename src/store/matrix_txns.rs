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
