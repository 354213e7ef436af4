//! The façade every store function takes: a connection inside a read job ([`Conn`]) or
//! a write job's transaction ([`Tx`]), and the store's own error. No `rusqlite` type
//! leaves `store/`: the domain holds a `&Conn` or a `&Tx` and passes it to the store's
//! functions, so a second backend (PostgreSQL, SCALE-OUT.md 5.2.1) can sit behind the
//! same two types without the domain changing.

use crate::hub::{Emit, Published};
use std::cell::RefCell;
use std::sync::Arc;

/// A connection for the length of one job; the store's functions run their SQL on it.
pub struct Conn<'a> {
    pub(in crate::store) sql: &'a rusqlite::Connection,
}

impl<'a> Conn<'a> {
    pub(in crate::store) fn new(sql: &'a rusqlite::Connection) -> Self {
        Conn { sql }
    }
}

/// A write job's share of the group transaction. It reads and writes like a [`Conn`]
/// (through `Deref`) and also queues what the job wants the hub to send: the writer
/// hands the queue to the hub after the group commits, in commit order, and drops it
/// if the job or the group rolls back. So an event is never seen before its change is
/// durable, and events of one chat leave in the order their ids were given.
pub struct Tx<'a> {
    conn: Conn<'a>,
    emitted: RefCell<Vec<Emit>>,
}

impl<'a> Tx<'a> {
    pub(in crate::store) fn new(sql: &'a rusqlite::Connection) -> Self {
        Tx {
            conn: Conn::new(sql),
            emitted: RefCell::new(Vec::new()),
        }
    }

    /// Sends `event` to the hub once this job's group has committed.
    pub fn publish(&self, event: Arc<Published>) {
        self.emitted.borrow_mut().push(Emit::Event(event));
    }

    /// Stops live delivery of `chat_id` to `user_id`'s sockets once this job's group has
    /// committed (after a removal), after the events this job queued before it.
    pub fn revoke(&self, chat_id: i64, user_id: i64) {
        self.emitted
            .borrow_mut()
            .push(Emit::Revoke { chat_id, user_id });
    }

    /// What the job queued, in order.
    pub(in crate::store) fn into_emitted(self) -> Vec<Emit> {
        self.emitted.into_inner()
    }
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Conn<'a>;
    fn deref(&self) -> &Conn<'a> {
        &self.conn
    }
}

/// What can go wrong in the store itself (never a rule of the domain).
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// Every reader is busy and the queue of reads is full: the caller may retry.
    #[error("the database is busy")]
    Busy,
    /// The database failed, or a row that must exist is gone. Logged, never shown.
    #[error("{0}")]
    Internal(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Internal(format!("database: {e}"))
    }
}

/// What a store function returns.
pub type StoreResult<T> = Result<T, StoreError>;
