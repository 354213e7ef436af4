//! A write job as the SQLite writer runs it: the closure and the channel its result
//! goes back on (`Job`), run on the writer's connection or refused (`WriteJob`), and what
//! running it left behind until its group commits (`Ran`). `Db::write` makes them; the
//! writer (`writer.rs`) runs them.

use crate::hub::Emit;
use crate::store::engine::conn::Tx;
use crate::store::engine::error::StoreError;
use rusqlite::Connection;
use std::panic::AssertUnwindSafe;
use tokio::sync::oneshot;

/// How a job's waiter learns the outcome once its group has (or has not) committed.
pub(in crate::store) type Finisher = Box<dyn FnOnce(Result<(), String>) + Send>;

/// What running a write job left behind.
pub(in crate::store) struct Ran {
    /// Whether the job succeeded (its savepoint is kept) or failed (rolled back).
    pub(in crate::store) ok: bool,
    /// What it queued for the hub, sent only if its group commits.
    pub(in crate::store) emitted: Vec<Emit>,
    pub(in crate::store) finish: Finisher,
}

/// A queued write: run it on the writer connection, or refuse it without running.
pub(in crate::store) trait WriteJob: Send {
    fn run(self: Box<Self>, sql: &Connection) -> Ran;
    fn refuse(self: Box<Self>, why: String);
    /// Whether the job is a send (`Db::send_in_chat`), which may leave its chat's
    /// counters held for the group's end (`chats_pending`); every other job finds them
    /// written first.
    fn is_send(&self) -> bool {
        false
    }
}

/// A closure and the channel its result goes back on.
pub(in crate::store) struct Job<T, E, F> {
    pub(in crate::store) f: F,
    pub(in crate::store) reply: oneshot::Sender<Result<T, E>>,
    /// A send ([`WriteJob::is_send`]).
    pub(in crate::store) send: bool,
}

impl<T, E, F> WriteJob for Job<T, E, F>
where
    T: Send + 'static,
    E: From<StoreError> + Send + 'static,
    F: FnOnce(&Tx) -> Result<T, E> + Send + 'static,
{
    fn run(self: Box<Self>, sql: &Connection) -> Ran {
        let Job { f, reply, .. } = *self;
        let tx = Tx::new(sql);
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(&tx)))
            .unwrap_or_else(|_| Err(StoreError::Internal("write job panicked".into()).into()));
        let ok = result.is_ok();
        // A failed job's events go with its changes.
        let emitted = if ok { tx.into_emitted() } else { Vec::new() };
        let finish: Finisher = Box::new(move |commit| {
            let _ = reply.send(match commit {
                Ok(()) => result,
                Err(e) if ok => Err(StoreError::Internal(format!("commit failed: {e}")).into()),
                Err(_) => result,
            });
        });
        Ran {
            ok,
            emitted,
            finish,
        }
    }

    fn refuse(self: Box<Self>, why: String) {
        let _ = self.reply.send(Err(StoreError::Internal(why).into()));
    }

    fn is_send(&self) -> bool {
        self.send
    }
}
