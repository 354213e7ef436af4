//! A chat's counters over a batch of imported messages, written once at the batch's end.
//!
//! Each message sent moves its chat's last message, count and activity time. An import
//! writes hundreds of messages to one chat in a transaction, and on PostgreSQL every
//! update of the chat's row leaves a row version that each later update in the same
//! transaction walks past; so the imports gather the counters here and write them in one
//! update, to the values the last message would have left.

use crate::store::{self, Tx};

/// The imported messages of one batch, for their chat's counters.
#[derive(Default)]
pub struct ChatCounters {
    /// The latest message added and its time.
    last: Option<(i64, String)>,
    count: i64,
}

impl ChatCounters {
    /// One more imported message, `id` sent at `at`.
    pub fn add(&mut self, id: i64, at: &str) {
        self.last = Some((id, at.to_string()));
        self.count += 1;
    }

    /// Writes the chat's counters, when a message was added.
    pub fn write(self, c: &Tx, chat_id: i64) -> store::StoreResult<()> {
        match self.last {
            Some((id, at)) => {
                store::messaging::chats::note_imported_messages(c, chat_id, id, self.count, &at)
            }
            None => Ok(()),
        }
    }
}
