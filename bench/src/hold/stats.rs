//! What a holder's sockets saw, shared by their tasks and read by the command loop.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::Notify;

/// Nanoseconds since the Unix epoch: one clock for the parent and every holder.
pub fn unix_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default()
}

/// A counter per kind (an error's kind, a close code, an HTTP status).
#[derive(Default)]
pub struct Tally(Mutex<BTreeMap<String, usize>>);

impl Tally {
    /// Counts one `kind`.
    pub fn add(&self, kind: impl Into<String>) {
        *self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(kind.into())
            .or_default() += 1;
    }

    fn json(&self) -> Value {
        json!(*self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The outcome of one `open` command.
pub struct Round {
    started: Instant,
    ok: AtomicUsize,
    failed: AtomicUsize,
    attempts: AtomicUsize,
    /// Milliseconds from the command to the last socket opened.
    last_open_ms: AtomicU64,
    errors: Tally,
    first_error: Mutex<Option<String>>,
    done: Notify,
}

impl Round {
    /// A socket of this round opened.
    pub fn opened(&self) {
        self.ok.fetch_add(1, Ordering::Relaxed);
        self.last_open_ms
            .fetch_max(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
        self.done.notify_one();
    }

    /// An attempt failed with an error of `kind`; `gave_up` when the socket stops trying.
    pub fn attempt_failed(&self, kind: &str, text: &str, gave_up: bool) {
        self.errors.add(kind);
        self.first_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(|| text.to_string());
        if gave_up {
            self.failed.fetch_add(1, Ordering::Relaxed);
            self.done.notify_one();
        }
    }

    /// An attempt was made.
    pub fn attempt(&self) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
    }

    /// Waits until `n` sockets have opened or given up, or `limit` passed.
    pub async fn wait(&self, n: usize, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while self.ok.load(Ordering::Relaxed) + self.failed.load(Ordering::Relaxed) < n {
            if tokio::time::timeout_at(deadline, self.done.notified())
                .await
                .is_err()
            {
                break;
            }
        }
    }

    /// The answer to `open`.
    pub fn answer(&self) -> Value {
        json!({
            "ev": "opened",
            "ok": self.ok.load(Ordering::Relaxed),
            "failed": self.failed.load(Ordering::Relaxed),
            "attempts": self.attempts.load(Ordering::Relaxed),
            "last_open_ms": self.last_open_ms.load(Ordering::Relaxed),
            "errors": self.errors.json(),
            "first_error": *self.first_error.lock().unwrap_or_else(PoisonError::into_inner),
        })
    }
}

/// Everything a holder's sockets report.
#[derive(Default)]
pub struct Stats {
    marks: Mutex<Vec<(u32, u64)>>,
    /// Whether a socket the server closes reconnects (set by `reconnect`).
    pub reconnecting: AtomicBool,
    /// The `after=` of the catch-up read after a reconnect.
    pub after: AtomicI64,
    /// Since `reconnect`: close codes the server sent, and when the first and last came.
    pub closes: Tally,
    pub close_first_ns: AtomicU64,
    pub close_last_ns: AtomicU64,
    /// Since `reconnect`: sockets open again, when the last one opened, failed attempts
    /// by kind, and the catch-up reads' statuses.
    pub reopened: AtomicUsize,
    pub reopen_last_ns: AtomicU64,
    pub reopen_errors: Tally,
    pub catch_ups: Tally,
    pub catch_up_last_ns: AtomicU64,
    caught_up: AtomicUsize,
    reopen_done: Notify,
}

impl Stats {
    /// Starts an `open` command's round.
    pub fn new_round(&self) -> Arc<Round> {
        Arc::new(Round {
            started: Instant::now(),
            ok: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            attempts: AtomicUsize::new(0),
            last_open_ms: AtomicU64::new(0),
            errors: Tally::default(),
            first_error: Mutex::new(None),
            done: Notify::new(),
        })
    }

    /// A marked message `seq` arrived now.
    pub fn mark(&self, seq: u32) {
        let now = unix_ns();
        self.marks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((seq, now));
    }

    /// The marks so far, emptied.
    pub fn take_marks(&self) -> Vec<(u32, u64)> {
        std::mem::take(&mut *self.marks.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The server closed a socket with `code` (`"none"` without a close frame).
    pub fn closed(&self, code: &str) {
        let now = unix_ns();
        self.closes.add(code);
        let _ = self
            .close_first_ns
            .compare_exchange(0, now, Ordering::Relaxed, Ordering::Relaxed);
        self.close_last_ns.fetch_max(now, Ordering::Relaxed);
    }

    /// A socket opened again after the server closed it.
    pub fn reopened_now(&self) {
        self.reopened.fetch_add(1, Ordering::Relaxed);
        self.reopen_last_ns.fetch_max(unix_ns(), Ordering::Relaxed);
        self.reopen_done.notify_one();
    }

    /// A socket's catch-up read after its reconnect answered `kind`.
    pub fn caught_up(&self, kind: String) {
        self.catch_ups.add(kind);
        self.catch_up_last_ns
            .fetch_max(unix_ns(), Ordering::Relaxed);
        self.caught_up.fetch_add(1, Ordering::Relaxed);
        self.reopen_done.notify_one();
    }

    /// Waits until `total` sockets have opened again and caught up, or `limit` passed.
    pub async fn wait_reopen(&self, total: usize, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while self.caught_up.load(Ordering::Relaxed) < total {
            if tokio::time::timeout_at(deadline, self.reopen_done.notified())
                .await
                .is_err()
            {
                break;
            }
        }
    }

    /// The answer to `wait_reopen`.
    pub fn reopen_answer(&self) -> Value {
        json!({
            "ev": "reopened",
            "closes": self.closes.json(),
            "close_first_ns": self.close_first_ns.load(Ordering::Relaxed),
            "close_last_ns": self.close_last_ns.load(Ordering::Relaxed),
            "reopened": self.reopened.load(Ordering::Relaxed),
            "reopen_last_ns": self.reopen_last_ns.load(Ordering::Relaxed),
            "reopen_errors": self.reopen_errors.json(),
            "catch_ups": self.catch_ups.json(),
            "catch_up_last_ns": self.catch_up_last_ns.load(Ordering::Relaxed),
        })
    }
}
