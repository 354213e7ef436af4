//! The chat counters the sends of the SQLite writer's open group note (last message,
//! count, page version, time bounds), held in memory while only sends run and written in
//! one `UPDATE` per chat before any other job and before the group's COMMIT. A send
//! wrote its chat's row in a statement of its own: under 64 concurrent senders in 8 chats
//! that was the writer's costliest statement after the message's insert, and the writer
//! sets the send rate (docs/benchmarks.md, "Where a send's instructions go"). Everywhere
//! else (a command's writes, PostgreSQL) the row is written at once.
//!
//! Held, the counters are exactly what the sends' own statements would have left: only
//! sends ran since the last write, each note moves the count by one, the newest id and
//! time are the last send's, and the bounds are the oldest and newest of their times.
//! The page version moves once per chat, which is all a ready page compares.

use super::group_held::{Held, Slot};
use crate::store::clock::{lower_bound_of, upper_bound_of};
use std::cell::RefCell;

thread_local! {
    static NOTED_SLOT: Slot<(i64, i64, String)> = const { RefCell::new(None) };
}

/// `(chat id, message id, sent at)` of each send of the open group, in order, held only
/// on the writer thread.
pub const NOTED: Held<(i64, i64, String)> = Held(&NOTED_SLOT);

/// Writes the held counters, one statement per chat, and holds nothing after.
pub fn apply(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let noted = NOTED.take();
    if noted.is_empty() {
        return Ok(());
    }
    // (chat, last id, count, first time, last time), chats in the order first noted.
    let mut chats: Vec<(i64, i64, i64, &str, &str)> = Vec::new();
    for (chat, id, at) in &noted {
        match chats.iter_mut().find(|c| c.0 == *chat) {
            Some(c) => {
                c.1 = *id;
                c.2 += 1;
                c.3 = c.3.min(at.as_str());
                c.4 = at.as_str();
            }
            None => chats.push((*chat, *id, 1, at, at)),
        }
    }
    let mut update = c.prepare_cached(NOTE_SQL)?;
    for (chat, last_id, count, first_at, last_at) in chats {
        let (first, last) = (lower_bound_of(first_at), upper_bound_of(last_at));
        update.execute(rusqlite::params![
            chat, last_id, count, first, last_at, last
        ])?;
    }
    Ok(())
}

/// What a send notes on its chat, for `count` sends at once: the last one's id and time
/// (`?5`, the stored text), and the time bounds as numbers
/// (migrations/61-chats-time-bounds-as-numbers.sql): the oldest of their times (`?4`)
/// and the newest (`?6`).
pub const NOTE_SQL: &str =
    "UPDATE chats SET last_message_id = ?2, message_count = message_count + ?3,
        updated_at = ?5, page_version = page_version + 1,
        first_message_us = min(coalesce(first_message_us, ?4), ?4),
        last_message_us = max(coalesce(last_message_us, ?6), ?6)
  WHERE id = ?1";
