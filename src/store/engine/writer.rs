//! The writer thread: one connection that runs every write job, in groups. A group is
//! one transaction with a savepoint per job, so durability costs one fsync per group,
//! not per message. After a group commits, the writer hands the hub what its jobs
//! queued (`Tx::publish`), in commit order, before it tells their waiters; a job or
//! group that rolls back takes its events with it.
//!
//! Two ways a group can fail are handled so that no waiter is told a lie:
//! - `BEGIN` fails (the file is locked by another process past the busy timeout): each
//!   job of the group then runs alone in its own transaction, and only a job whose own
//!   `BEGIN` fails is refused;
//! - SQLite rolls the whole transaction back by itself (disk full, I/O error) while a
//!   job runs: the jobs before it in the group are told they did not commit, and the
//!   rest of the batch starts a new group.

use crate::hub::{Emit, Hub};
use crate::metrics::WriterMetrics;
use crate::store::engine::chats_pending::{self, NOTED};
use crate::store::engine::index_pending::NEW_TEXTS;
use crate::store::engine::job::{Ran, WriteJob};
use crate::store::engine::owed_pending::OWED;
use crate::store::engine::send_run;
use rusqlite::Connection;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;

/// Most jobs committed in one transaction.
const MAX_GROUP: usize = 1024;

/// Failures a test can ask the writer for (a fault hook; zero in normal runs, where it
/// costs one atomic load per group).
#[derive(Default)]
pub(in crate::store) struct Faults {
    /// How many of the next `BEGIN`s fail as if another process held the write lock.
    pub(in crate::store) failing_begins: AtomicUsize,
}

impl Faults {
    /// Whether this `BEGIN` is one a test asked to fail.
    fn begin_fails(&self) -> bool {
        self.failing_begins
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }
}

/// The writer thread's state.
pub(in crate::store) struct Writer {
    pub(in crate::store) conn: Connection,
    pub(in crate::store) metrics: WriterMetrics,
    pub(in crate::store) delivery: Delivery,
    pub(in crate::store) faults: Arc<Faults>,
}

/// Where a committed group's events go: one task that hands them to the hub in order.
/// Delivering on the writer thread itself cost about a third more CPU per delivery in
/// `fanout-cpu.sh` (every wake of a socket's task came from outside the runtime, so each
/// woke a parked worker thread), and kept the writer from its next group meanwhile.
pub(in crate::store) type Delivery = mpsc::UnboundedSender<Vec<Emit>>;

/// Starts the delivery task (on the current tokio runtime); it ends with the writer.
pub(in crate::store) fn start_delivery(hub: Arc<Hub>) -> Delivery {
    let (tx, mut rx) = mpsc::unbounded_channel::<Vec<Emit>>();
    tokio::spawn(async move {
        while let Some(group) = rx.recv().await {
            for emit in group {
                hub.emit(emit);
            }
        }
    });
    tx
}

impl Writer {
    /// Drains queued jobs in groups until every sender is gone, or until `closing` is set
    /// and the group it was in is done; the connection closes with it.
    pub(in crate::store) fn run(
        self,
        mut rx: mpsc::Receiver<Box<dyn WriteJob>>,
        closing: &AtomicBool,
    ) {
        NEW_TEXTS.collect_here();
        OWED.collect_here();
        NOTED.collect_here();
        send_run::keep_here();
        let mut batch: VecDeque<Box<dyn WriteJob>> = VecDeque::with_capacity(MAX_GROUP);
        while let Some(first) = rx.blocking_recv() {
            batch.push_back(first);
            while batch.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => batch.push_back(job),
                    Err(_) => break,
                }
            }
            if let Err(e) = self.run_groups(&mut batch) {
                tracing::warn!("writer cannot begin a transaction ({e}); running jobs alone");
                for job in batch.drain(..) {
                    let mut alone = VecDeque::from([job]);
                    if let Err(e) = self.run_groups(&mut alone) {
                        tracing::error!("writer cannot begin a transaction: {e}");
                        for job in alone {
                            job.refuse(format!("cannot begin a transaction: {e}"));
                        }
                    }
                }
            }
            if closing.load(Ordering::Relaxed) {
                break;
            }
        }
    }

    /// Runs the jobs in `jobs` in groups: each group one transaction, ended early when
    /// SQLite rolls it back by itself. `Err` when a group cannot begin; the jobs still in
    /// `jobs` then have not run.
    fn run_groups(&self, jobs: &mut VecDeque<Box<dyn WriteJob>>) -> Result<(), String> {
        while !jobs.is_empty() {
            self.begin()?;
            let started = std::time::Instant::now();
            let mut ran: Vec<Ran> = Vec::with_capacity(jobs.len());
            let mut rolled_back = false;
            while let Some(job) = jobs.pop_front() {
                let send = job.is_send();
                // What the sends before it read is theirs alone (another job may change it).
                send_run::job_starts(send);
                if !send {
                    // What the sends before it left held, written before a job that
                    // may read it (a member added starts at the chat's last message).
                    if let Err(e) = chats_pending::apply(&self.conn) {
                        job.refuse(format!("the group's chat counters: {e}"));
                        rolled_back = true;
                        break;
                    }
                }
                let _ = run_cached(&self.conn, "SAVEPOINT job");
                let (texts, owed, noted) = (NEW_TEXTS.count(), OWED.count(), NOTED.count());
                let done = job.run(&self.conn);
                if !done.ok {
                    let _ = run_cached(&self.conn, "ROLLBACK TO job");
                    NEW_TEXTS.forget_after(texts);
                    OWED.forget_after(owed);
                    NOTED.forget_after(noted);
                    send_run::forget();
                }
                let _ = run_cached(&self.conn, "RELEASE job");
                ran.push(done);
                if self.conn.is_autocommit() {
                    // SQLite ended the transaction itself: nothing of this group is kept.
                    rolled_back = true;
                    break;
                }
            }
            let commit = if rolled_back {
                Err("the database rolled the transaction back".to_string())
            } else {
                chats_pending::apply(&self.conn)
                    .and_then(|()| crate::store::engine::index_pending::apply_pending(&self.conn))
                    .and_then(|()| crate::store::engine::owed_pending::apply(&self.conn))
                    .map_err(|e| e.to_string())
                    .and_then(|()| {
                        // The Matrix apps' log of what the group changed, in commit order.
                        let kept = ran.iter().filter(|r| r.ok).flat_map(|r| &r.emitted);
                        crate::store::matrix_log::note(&super::conn::Conn::new(&self.conn), kept)
                            .map_err(|e| e.to_string())
                    })
                    .and_then(|()| self.conn.execute_batch("COMMIT").map_err(|e| e.to_string()))
            };
            let elapsed = started.elapsed();
            if commit.is_err() && !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            // Whatever the group noted for the index is committed or gone with it.
            NEW_TEXTS.forget_after(0);
            OWED.forget_after(0);
            NOTED.forget_after(0);
            send_run::forget();
            if commit.is_err() {
                crate::store::engine::noted_words::forget_noted();
            }
            self.finish(ran, commit, elapsed);
        }
        Ok(())
    }

    fn begin(&self) -> Result<(), String> {
        if self.faults.begin_fails() {
            return Err("database is locked (test fault)".into());
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| e.to_string())
    }

    /// Hands a committed group's events to the delivery task, in job order, then tells
    /// the waiters.
    fn finish(&self, ran: Vec<Ran>, commit: Result<(), String>, elapsed: std::time::Duration) {
        // Recorded first (a few atomic adds), so whoever sees an event or an answer of
        // this group also sees the group counted in the metrics.
        if commit.is_ok() {
            self.metrics.groups.inc();
            self.metrics.jobs.inc_by(ran.len() as u64);
            self.metrics.commit_seconds.observe(elapsed.as_secs_f64());
        }
        let mut finishers = Vec::with_capacity(ran.len());
        let mut events = Vec::new();
        for Ran {
            emitted, finish, ..
        } in ran
        {
            if commit.is_ok() {
                events.extend(emitted);
            }
            finishers.push(finish);
        }
        if !events.is_empty() {
            // Sent before the waiters are told: nothing of a later group can overtake it.
            let _ = self.delivery.send(events);
        }
        for finish in finishers {
            finish(commit.clone());
        }
    }
}

/// Runs a parameterless statement from the statement cache (the per-job savepoints
/// would otherwise be parsed twice for every write).
fn run_cached(conn: &Connection, sql: &str) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute([])
}

#[cfg(test)]
mod tests {
    use crate::hub::Hub;
    use crate::model::events::Event;
    use crate::store::engine::test_support::event;
    use crate::store::{schema, Db, StoreError, StoreResult};
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    fn open() -> (Db, Arc<Hub>) {
        let hub = Arc::new(Hub::default());
        (Db::in_memory(hub.clone()), hub)
    }

    async fn setting(db: &Db, key: &'static str) -> Option<String> {
        db.read(move |c| schema::get_setting(c, key))
            .await
            .expect("read a setting")
    }

    /// Queues a job that holds the writer until the returned sender is dropped, so the
    /// jobs sent after it form one group.
    async fn hold_writer(db: &Db) -> std::sync::mpsc::Sender<()> {
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel();
        let mut started = Some(started);
        let db2 = db.clone();
        tokio::spawn(async move {
            db2.write(move |_| -> StoreResult<()> {
                if let Some(started) = started.take() {
                    let _ = started.send(());
                }
                let _ = held.recv();
                Ok(())
            })
            .await
        });
        running.await.expect("the holding job runs");
        release
    }

    /// A group made by a new person `a` (its admin), and another new person `b` not in it.
    async fn group_of_a_and_not_b(db: &Db) -> (i64, i64, i64) {
        use crate::store::engine::test_support::{group_by, person};
        use crate::store::messaging::chats;
        use crate::store::MemberRole;
        db.write(|tx| -> StoreResult<(i64, i64, i64)> {
            let (a, b) = (person(tx, "a")?, person(tx, "b")?);
            let chat = chats::insert(tx, &group_by(a), "t")?;
            chats::add_member(tx, chat, a, MemberRole::Admin, "t")?;
            Ok((chat, a, b))
        })
        .await
        .expect("a chat")
    }

    /// Whether `n` jobs wait in the held writer's queue.
    fn queued(db: &Db, n: usize) -> bool {
        let parts = db.sqlite_parts();
        parts.writer.capacity() <= parts.writer.max_capacity() - n
    }

    /// Sends leave their chat's counters held for the group's end; a job after them in the
    /// same group (a member added, who starts at the chat's last message) finds them
    /// written, and a send rolled back leaves nothing of its own.
    #[tokio::test]
    async fn counters_held_by_sends_are_written_before_the_next_job_reads_them() {
        use crate::store::messaging::{chats, messages};
        use crate::store::MemberRole;
        let (db, _hub) = open();
        let (chat, a, b) = group_of_a_and_not_b(&db).await;
        let release = hold_writer(&db).await;
        let send = |text: &'static str, fail: bool| {
            let db = db.clone();
            tokio::spawn(async move {
                db.send_in_chat(chat, move |tx| -> StoreResult<i64> {
                    let sent = messages::insert_sent_by_member(tx, chat, a, text, "2026-01-01")?;
                    let id = sent.map(|s| s.message.id).unwrap_or_default();
                    match fail {
                        true => Err(StoreError::Internal("refused after the insert".into())),
                        false => Ok(id),
                    }
                })
                .await
            })
        };
        let queued = |n: usize| queued(&db, n);
        let first = send("one", false);
        while !queued(1) {
            tokio::task::yield_now().await;
        }
        let refused = send("refused", true);
        while !queued(2) {
            tokio::task::yield_now().await;
        }
        let second = send("two", false);
        while !queued(3) {
            tokio::task::yield_now().await;
        }
        let db2 = db.clone();
        let joined = tokio::spawn(async move {
            db2.write(move |tx| -> StoreResult<(i64, i64)> {
                chats::add_member(tx, chat, b, MemberRole::Member, "t")?;
                let marker = chats::members(tx, chat)?
                    .into_iter()
                    .find(|m| m.user_id == b)
                    .map_or(0, |m| m.last_read_message_id);
                let count = chats::by_id(tx, chat)?.map_or(0, |c| c.message_count);
                Ok((marker, count))
            })
            .await
        });
        while !queued(4) {
            tokio::task::yield_now().await;
        }
        drop(release);
        let first = first.await.expect("join").expect("the first send");
        assert!(refused.await.expect("join").is_err());
        let second = second.await.expect("join").expect("the second send");
        assert!(second > first);
        let (marker, count) = joined.await.expect("join").expect("the member added");
        assert_eq!(
            (marker, count),
            (second, 2),
            "the counters were written first"
        );
        let chat_now = db
            .read(move |c| chats::by_id(c, chat))
            .await
            .expect("read")
            .expect("the chat");
        assert_eq!(
            (chat_now.last_message_id, chat_now.message_count),
            (second, 2)
        );
    }

    /// Sends of one group read a chat, its members and the next message id once; a job
    /// between them that is not a send (a member removed and another added, a message
    /// inserted) reads them afresh each time, and has the sends after it read them again.
    #[tokio::test]
    async fn what_sends_keep_is_read_again_after_a_job_that_is_not_a_send() {
        use crate::store::messaging::{chats, messages};
        use crate::store::MemberRole;
        let (db, _hub) = open();
        let (chat, a, b) = group_of_a_and_not_b(&db).await;
        let release = hold_writer(&db).await;
        let queued = |n: usize| queued(&db, n);
        let send = |sender: i64| {
            let db = db.clone();
            tokio::spawn(async move {
                db.send_in_chat(chat, move |tx| -> StoreResult<Option<i64>> {
                    let sent = messages::insert_sent_by_member(tx, chat, sender, "hi", "t2")?;
                    Ok(sent.map(|s| s.message.id))
                })
                .await
            })
        };
        let first = send(a);
        while !queued(1) {
            tokio::task::yield_now().await;
        }
        let db2 = db.clone();
        let changed = tokio::spawn(async move {
            db2.write(move |tx| -> StoreResult<i64> {
                // Read before the change and again after it, within this job.
                let early = messages::insert_sent_by_member(tx, chat, b, "early", "t2")?;
                assert!(early.is_none(), "b is not a member yet");
                chats::remove_member(tx, chat, a)?;
                chats::add_member(tx, chat, b, MemberRole::Member, "t")?;
                let sent = messages::insert_sent_by_member(tx, chat, b, "between", "t2")?;
                Ok(sent.expect("b is a member now").message.id)
            })
            .await
        });
        while !queued(2) {
            tokio::task::yield_now().await;
        }
        let removed = send(a);
        while !queued(3) {
            tokio::task::yield_now().await;
        }
        let added = send(b);
        while !queued(4) {
            tokio::task::yield_now().await;
        }
        drop(release);
        let first = first.await.expect("join").expect("the first send");
        let between = changed.await.expect("join").expect("the change");
        assert_eq!(first.map(|id| id + 1), Some(between));
        let removed = removed
            .await
            .expect("join")
            .expect("the removed member's send");
        assert_eq!(removed, None, "a removed member's send is refused");
        let added = added.await.expect("join").expect("the added member's send");
        assert_eq!(
            added,
            Some(between + 1),
            "the next id after the message between"
        );
    }

    #[tokio::test]
    async fn a_group_that_cannot_begin_runs_its_jobs_alone() {
        let (db, _hub) = open();
        let release = hold_writer(&db).await;
        db.sqlite_parts()
            .faults
            .failing_begins
            .store(1, Ordering::Relaxed);
        let writes: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|key| {
                let db = db.clone();
                tokio::spawn(async move {
                    db.write(move |tx| schema::get_or_insert_setting(tx, key, "1"))
                        .await
                })
            })
            .collect();
        // Each write is queued before the writer is let go.
        while db.sqlite_parts().writer.capacity() > db.sqlite_parts().writer.max_capacity() - 3 {
            tokio::task::yield_now().await;
        }
        drop(release);
        for write in writes {
            let written = write.await.expect("join");
            assert_eq!(written.expect("the job ran alone and committed"), "1");
        }
        assert_eq!(
            db.sqlite_parts()
                .faults
                .failing_begins
                .load(Ordering::Relaxed),
            0
        );
        for key in ["a", "b", "c"] {
            assert_eq!(setting(&db, key).await.as_deref(), Some("1"), "{key}");
        }
    }

    #[tokio::test]
    async fn after_sqlite_rolls_a_group_back_only_the_jobs_that_did_not_commit_are_told() {
        let (db, hub) = open();
        let inbox = hub.open_inbox(7);
        let _user = hub.subscribe_user(&inbox.handle());
        let mut events = inbox.events;
        let release = hold_writer(&db).await;
        let write = |key: &'static str, n: i64, roll_back: bool| {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(move |tx| -> StoreResult<()> {
                    schema::get_or_insert_setting(tx, key, "1")?;
                    tx.publish(event(n));
                    if roll_back {
                        // What SQLite does by itself on a full disk or an I/O error.
                        tx.sqlite()?
                            .execute_batch("ROLLBACK")
                            .map_err(StoreError::from)?;
                    }
                    Ok(())
                })
                .await
            })
        };
        let before = write("before", 1, false);
        while db.sqlite_parts().writer.capacity() > db.sqlite_parts().writer.max_capacity() - 1 {
            tokio::task::yield_now().await;
        }
        let failing = write("failing", 2, true);
        while db.sqlite_parts().writer.capacity() > db.sqlite_parts().writer.max_capacity() - 2 {
            tokio::task::yield_now().await;
        }
        let after = write("after", 3, false);
        while db.sqlite_parts().writer.capacity() > db.sqlite_parts().writer.max_capacity() - 3 {
            tokio::task::yield_now().await;
        }
        drop(release);
        let before = before.await.expect("join");
        let failing = failing.await.expect("join");
        let after = after.await.expect("join");
        assert!(
            matches!(&before, Err(StoreError::Internal(m)) if m.contains("commit failed")),
            "{before:?}"
        );
        assert!(failing.is_err(), "{failing:?}");
        assert!(after.is_ok(), "{after:?}");
        assert_eq!(setting(&db, "before").await, None);
        assert_eq!(setting(&db, "failing").await, None);
        assert_eq!(setting(&db, "after").await.as_deref(), Some("1"));
        // Only the committed job's event reached the hub.
        let delivered = events.recv().await;
        assert!(matches!(
            delivered.event,
            Event::ReadUpTo { message_id: 3, .. }
        ));
        assert!(events.try_recv().is_err());
    }
}
