//! What a send owes Web Push (`domain::push`): the message notes its chat in
//! `push_chats` in its own write, while some subscription may exist. Kept under the send,
//! as `bot_deliveries` is, because push's plan reads the chats and the send must not
//! name push back.

use crate::domain::error::Result;
use crate::store::{self, Tx};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// A message's pushes wait this long after the chat's first unpushed message, so a
/// burst of lines becomes one push per person (and a quick reply in an open tab, which
/// marks the person as reading, none).
pub const COLLAPSE: Duration = Duration::from_millis(1500);

/// Whether some subscription may exist in the database: while none does, a message's
/// write skips the push statement, which cost 5 % of `natter-bench send` (REST 16,180 ->
/// 15,314 msg/s, medians of 4; docs/benchmarks.md). Set on subscribing, and read again
/// from the database on every round of the push worker (`domain::push::worker::TICK`), so a first
/// subscription made on another node is seen here within that. Process-wide: one
/// server per process (tests that build several apps in one process only ever set it).
static MAY_HAVE_SUBSCRIPTIONS: AtomicBool = AtomicBool::new(true);

/// Moves on whenever a subscription is stored on this node, so a worker round that read
/// "none" before that subscription committed does not store its stale answer.
static SUBSCRIBED: AtomicU64 = AtomicU64::new(0);

/// The round's mark, taken before it asks the database whether any subscription exists.
pub(crate) fn subscriptions_mark() -> u64 {
    SUBSCRIBED.load(Ordering::SeqCst)
}

/// Notes what the database said (`any`) when asked after `mark`: a "none" is kept only
/// if no subscription was stored here since.
pub(crate) fn note_subscriptions_exist(any: bool, mark: u64) {
    if any || SUBSCRIBED.load(Ordering::SeqCst) == mark {
        MAY_HAVE_SUBSCRIPTIONS.store(any, Ordering::SeqCst);
    }
}

/// Notes in the message's own write that `message_id` may owe pushes.
pub fn note_message(c: &Tx, chat_id: i64, message_id: i64, sender: i64) -> Result<()> {
    if !MAY_HAVE_SUBSCRIPTIONS.load(Ordering::Relaxed) {
        return Ok(());
    }
    let due = crate::kit::clock::now_ms() + COLLAPSE.as_millis() as i64;
    Ok(store::push::note_message(
        c, chat_id, message_id, sender, due,
    )?)
}

/// Before a subscription is stored: from now on a message's write notes its pushes.
pub(crate) fn subscribing() {
    MAY_HAVE_SUBSCRIPTIONS.store(true, Ordering::SeqCst);
}

/// After a subscription committed: a worker round that read "none" before it keeps its
/// answer to itself.
pub(crate) fn subscribed() {
    SUBSCRIBED.fetch_add(1, Ordering::SeqCst);
    MAY_HAVE_SUBSCRIPTIONS.store(true, Ordering::SeqCst);
}
