//! Link previews owed by the messages of the SQLite writer's open group, held in memory
//! and written in one statement just before the group commits, as the full-text index's
//! new texts are (`index_pending`). One statement of its own per send cost three-link
//! sends 8 % (0.92 of the same sends with previews off, 0.98 without it;
//! `bench/scripts/link-previews.sh --off`). Everywhere else (PostgreSQL, a command) the
//! row is written at once.

use crate::store::engine::conn::StoreResult;
use std::cell::RefCell;

thread_local! {
    /// `(message id, due at)` of the open group; `Some` only on the writer thread.
    static OWED: RefCell<Option<Vec<(i64, i64)>>> = const { RefCell::new(None) };
}

/// Makes this thread (the SQLite writer's) hold owed rows until its group ends.
pub fn collect_here() {
    OWED.with(|o| *o.borrow_mut() = Some(Vec::new()));
}

/// Holds `(message_id, due_at)` for the group's end; `false` when this thread writes
/// at once.
pub(in crate::store) fn hold(message_id: i64, due_at: i64) -> bool {
    OWED.with(|o| match o.borrow_mut().as_mut() {
        Some(owed) => {
            owed.push((message_id, due_at));
            true
        }
        None => false,
    })
}

/// How many rows the open group holds: noted before each job, so that
/// [`forget_after`] drops what a job that rolled back added.
pub fn held() -> usize {
    OWED.with(|o| o.borrow().as_ref().map_or(0, Vec::len))
}

/// Drops the rows past the first `kept`.
pub fn forget_after(kept: usize) {
    OWED.with(|o| {
        if let Some(owed) = o.borrow_mut().as_mut() {
            owed.truncate(kept);
        }
    });
}

/// Writes the group's rows, once, before its COMMIT.
pub fn apply(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let owed = OWED.with(|o| o.borrow_mut().as_mut().map(std::mem::take));
    let Some(owed) = owed.filter(|o| !o.is_empty()) else {
        return Ok(());
    };
    let rows = serde_json::to_string(&owed).unwrap_or_else(|_| "[]".into());
    c.prepare_cached(
        "INSERT OR IGNORE INTO link_previews_owed (message_id, due_at)
         SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )?
    .execute([rows])?;
    Ok(())
}

/// Writes an owed row now (`hold` answered `false`).
pub(in crate::store) fn write_now(
    c: &super::conn::Tx,
    message_id: i64,
    due_at: i64,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO link_previews_owed (message_id, due_at) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        &[&message_id, &due_at],
    )?;
    Ok(())
}
