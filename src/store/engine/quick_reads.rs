//! Reads of a few rows run on the calling thread, on SQLite: a ready page's check (its
//! caller's credential and its chats' versions, `routing::ready`), where handing the job
//! to a reader thread and waking the request again cost more than the reads themselves
//! (a kept history page: 14,480 pages/s with the hand-over, docs/benchmarks.md, "Where
//! a history page's time goes"). Only point reads by key belong here: anything that
//! reads a page of rows goes to the reader threads, so a slow read never holds up the
//! async threads' sockets.
//!
//! Connections are kept in a small stack, opened when none is free and closed when more
//! than [`MOST_IDLE`] would wait. None waits for a lock ([`BUSY_WAIT`]), and a caller
//! whose quick read failed reads again through the reader threads.

use super::conn::Conn;
use super::error::{StoreError, StoreResult};
use rusqlite::Connection;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;
use std::time::Duration;

/// Idle connections kept: one per async thread on a small machine.
const MOST_IDLE: usize = 4;

/// How long a quick read waits for a lock: not at all. A WAL reader finds one held only
/// while another process recovers or truncates the log; the read then goes to a reader
/// thread, so an async thread (and every socket it drives) never waits on the file.
pub const BUSY_WAIT: Duration = Duration::ZERO;

type Open = dyn Fn() -> StoreResult<Connection> + Send + Sync;

/// The idle quick-read connections and how to open one.
pub struct QuickReads {
    idle: Mutex<Vec<Connection>>,
    open: Box<Open>,
}

impl QuickReads {
    /// Quick reads on connections `open` makes (configured as the readers' are).
    pub fn new(open: impl Fn() -> StoreResult<Connection> + Send + Sync + 'static) -> Self {
        QuickReads {
            idle: Mutex::new(Vec::new()),
            open: Box::new(open),
        }
    }

    /// Runs `f` here, on an idle connection or a new one. A panic in `f` is an error.
    pub fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        E: From<StoreError>,
        F: FnOnce(&Conn) -> Result<T, E>,
    {
        let taken = self.lock().pop();
        let conn = match taken {
            Some(conn) => conn,
            None => {
                let conn = (self.open)()?;
                conn.busy_timeout(BUSY_WAIT).map_err(StoreError::from)?;
                conn
            }
        };
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(&Conn::new(&conn))))
            .unwrap_or_else(|_| Err(StoreError::Internal("quick read panicked".into()).into()));
        let mut idle = self.lock();
        if idle.len() < MOST_IDLE {
            idle.push(conn);
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        self.idle.lock().unwrap_or_else(|p| p.into_inner())
    }
}
