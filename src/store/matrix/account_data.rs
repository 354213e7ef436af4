//! `matrix_account_data`: what Matrix apps keep on the server for a person, per room or
//! for the account (room id `''`), as the JSON they gave.

use crate::store::{Conn, StoreResult};

/// Stores (replaces) one type of a person's account data.
pub fn put(c: &Conn, user_id: i64, room_id: &str, kind: &str, content: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_account_data (user_id, room_id, type, content)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, room_id, type) DO UPDATE SET content = excluded.content",
        &[&user_id, &room_id, &kind, &content],
    )?;
    Ok(())
}

/// One type of a person's account data.
pub fn get(c: &Conn, user_id: i64, room_id: &str, kind: &str) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT content FROM matrix_account_data WHERE user_id = ?1 AND room_id = ?2 AND type = ?3",
        &[&user_id, &room_id, &kind],
        |r| r.get(0),
    )
}

/// All of a person's account data: (room id, type, content), the account's first.
pub fn of_user(c: &Conn, user_id: i64) -> StoreResult<Vec<(String, String, String)>> {
    c.all(
        "SELECT room_id, type, content FROM matrix_account_data WHERE user_id = ?1
         ORDER BY room_id, type",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
