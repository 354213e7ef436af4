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
//! so nothing is kept or used while any other job runs, and what was kept is forgotten
//! when such a job starts, when a job rolls back and when the group ends. Only the
//! writer's thread keeps anything; on any other thread (a command, PostgreSQL's writers)
//! every send reads afresh.

use crate::model::Chat;
use std::cell::RefCell;

/// One run of sends' reads.
#[derive(Default)]
struct Kept {
    /// Whether the job running now is a send: only a send keeps or uses anything.
    sending: bool,
    chats: Vec<(Chat, Vec<i64>)>,
    next_message_id: Option<i64>,
}

impl Kept {
    /// What a send may use or add to: nothing outside a send.
    fn in_send(&mut self) -> Option<&mut Kept> {
        self.sending.then_some(self)
    }
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Makes this thread (the SQLite writer's) keep what its sends read.
pub fn keep_here() {
    KEPT.with(|k| *k.borrow_mut() = Some(Kept::default()));
}

/// `f` on what the running send may use, on the writer's thread during a send only.
fn in_send<T>(f: impl FnOnce(&mut Kept) -> Option<T>) -> Option<T> {
    KEPT.with(|k| f(k.borrow_mut().as_mut()?.in_send()?))
}

/// A job starts: a send goes on with what the sends before it kept; any other job
/// forgets it all and keeps nothing while it runs.
pub fn job_starts(send: bool) {
    KEPT.with(|k| {
        if let Some(kept) = k.borrow_mut().as_mut() {
            if !send {
                *kept = Kept::default();
            }
            kept.sending = send;
        }
    });
}

/// Chat `chat_id` and its member ids (ascending), as a send of this run read them.
pub fn chat(chat_id: i64) -> Option<(Chat, Vec<i64>)> {
    in_send(|kept| {
        let (chat, audience) = kept.chats.iter().find(|(c, _)| c.id == chat_id)?;
        Some((chat.clone(), audience.clone()))
    })
}

/// Keeps what a send read of its chat.
pub fn keep_chat(chat: &Chat, audience: &[i64]) {
    in_send(|kept| {
        kept.chats.push((chat.clone(), audience.to_vec()));
        Some(())
    });
}

/// The id the next message gets, when a message a send of this run inserted says.
pub fn next_message_id() -> Option<i64> {
    in_send(|kept| kept.next_message_id)
}

/// Notes that a send inserted message `id`: the next one gets `id + 1`.
pub fn inserted_message(id: i64) {
    in_send(|kept| {
        kept.next_message_id = Some(id + 1);
        Some(())
    });
}

/// Forgets everything kept (a job rolled back, the group ended): the next send reads its
/// chat, members and id again.
pub fn forget() {
    KEPT.with(|k| {
        if let Some(kept) = k.borrow_mut().as_mut() {
            *kept = Kept::default();
        }
    });
}
