//! The `import_notices` table: chats an import wrote, for every running server to
//! announce. `natter import` runs in a process of its own; `domain::background::import_notices`
//! reads the rows in each server.

use super::{Conn, StoreResult};

/// Notes that an import wrote chat `chat_id` (brought it in, or added messages to it) in
/// the transaction under way; notices older than a day are pruned on the way (a server
/// reads them within half a second; the table stays as small as a day of imports).
pub fn insert(c: &Conn, chat_id: i64) -> StoreResult<()> {
    let day_ago = super::clock::time_after(-86_400);
    c.exec("DELETE FROM import_notices WHERE at < ?1", &[&day_ago])?;
    c.exec(
        "INSERT INTO import_notices (chat_id, at) VALUES (?1, ?2)",
        &[&chat_id, &super::clock::now()],
    )?;
    Ok(())
}

/// The newest notice's id (0 when none): where a starting server begins reading.
pub fn last_id(c: &Conn) -> StoreResult<i64> {
    c.one(
        "SELECT coalesce(max(id), 0) FROM import_notices",
        &[],
        |r| r.get(0),
    )
}

/// The notices after `after`, oldest first, at most `limit`: `(id, chat_id)`.
pub fn after(c: &Conn, after: i64, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT id, chat_id FROM import_notices WHERE id > ?1 ORDER BY id LIMIT ?2",
        &[&after, &limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
