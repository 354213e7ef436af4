//! Link previews owed by the messages of the SQLite writer's open group, held in memory
//! and written in one statement just before the group commits, as the full-text index's
//! new texts are (`index_pending`). One statement of its own per send cost three-link
//! sends 8 % (0.92 of the same sends with previews off, 0.98 without it;
//! `bench/scripts/link-previews.sh --off`). Everywhere else (PostgreSQL, a command) the
//! row is written at once.

use super::group_held::{Held, Slot};
use std::cell::RefCell;

thread_local! {
    static OWED_SLOT: Slot<(i64, i64)> = const { RefCell::new(None) };
}

/// `(message id, due at)` of the open group's owed rows, held only on the writer thread.
pub const OWED: Held<(i64, i64)> = Held(&OWED_SLOT);

/// Writes the group's rows, once, before its COMMIT.
pub fn apply(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let owed = OWED.take();
    if owed.is_empty() {
        return Ok(());
    }
    let rows = serde_json::to_string(&owed).unwrap_or_else(|_| "[]".into());
    c.prepare_cached(
        "INSERT OR IGNORE INTO link_previews_owed (message_id, due_at)
         SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )?
    .execute([rows])?;
    Ok(())
}
