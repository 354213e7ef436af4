//! What the sends of the SQLite writer's open group read, kept for the group's later
//! sends while only sends run: each chat and its member ids, and the next message id.
//! Each send read them (the chat's row and every member's id, to check the sender and to
//! address the event; the largest message id, to number its message): under concurrent
//! senders a group of a few dozen sends in a handful of chats read each chat several
//! times, and the writer sets the send rate (docs/benchmarks.md, "Where a send's
//! instructions go").
//!
//! A send changes neither a chat nor its members: the counters it notes on its chat are
//! held (`chats_pending`) and its read marker is in neither. Its message, the only one a
//! send inserts, moves the next id on here. Whatever else may change them is not a send,
//! so the writer forgets everything kept here before and after any such job, when a job
//! rolls back and when the group ends. Only the writer's thread keeps anything; on any
//! other thread (a command, PostgreSQL's writers) every send reads afresh.

use crate::model::Chat;
use std::cell::RefCell;

/// One run of sends' reads.
#[derive(Default)]
struct Kept {
    chats: Vec<(Chat, Vec<i64>)>,
    next_message_id: Option<i64>,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Makes this thread (the SQLite writer's) keep what its sends read.
pub fn keep_here() {
    KEPT.with(|k| *k.borrow_mut() = Some(Kept::default()));
}

/// Chat `chat_id` and its member ids (ascending), as a send since the last [`forget`]
/// read them.
pub fn chat(chat_id: i64) -> Option<(Chat, Vec<i64>)> {
    KEPT.with(|k| {
        let kept = k.borrow();
        let (chat, audience) = kept.as_ref()?.chats.iter().find(|(c, _)| c.id == chat_id)?;
        Some((chat.clone(), audience.clone()))
    })
}

/// Keeps what a send read of its chat.
pub fn keep_chat(chat: &Chat, audience: &[i64]) {
    KEPT.with(|k| {
        if let Some(kept) = k.borrow_mut().as_mut() {
            kept.chats.push((chat.clone(), audience.to_vec()));
        }
    });
}

/// The id the next message gets, when a message inserted since the last [`forget`] says.
pub fn next_message_id() -> Option<i64> {
    KEPT.with(|k| k.borrow().as_ref()?.next_message_id)
}

/// Notes that message `id` was inserted: the next one gets `id + 1`.
pub fn inserted_message(id: i64) {
    KEPT.with(|k| {
        if let Some(kept) = k.borrow_mut().as_mut() {
            kept.next_message_id = Some(id + 1);
        }
    });
}

/// Forgets everything kept: the next send reads its chat, members and id again.
pub fn forget() {
    KEPT.with(|k| {
        if let Some(kept) = k.borrow_mut().as_mut() {
            *kept = Kept::default();
        }
    });
}
