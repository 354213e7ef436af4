//! `Db` on PostgreSQL (`--db postgres://...`, docs/scale-out.md): pools of natter's own
//! threads, each owning one synchronous connection, for reads and for writes.
//!
//! Writes run in groups on [`PgWriter`]'s threads (`pg_writer.rs`), as on SQLite.

use super::conn::{Conn, Tx};
use super::pg::PgConn;
use super::pg_marks::PgMarks;
use super::pg_reach::Reach;
use super::pg_writer::PgWriter;
use crate::hub::Emit;
use crate::metrics::StoreMetrics;
use crate::store::engine::error::{StoreError, StoreResult};
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Condvar, Mutex};
use tokio::sync::{mpsc, oneshot};

/// Reads that may wait for a reader before one is refused as busy (as on SQLite).
const MAX_QUEUED_READS: usize = 1024;

/// Threads (and so connections) per node. Several nodes share one server: keep
/// nodes × (readers + writers) under its `max_connections` (100 by default).
const READERS: usize = 8;
const WRITERS: usize = 4;

/// A job for one pool thread, given its connection or the error connecting gave.
type PgJob = Box<dyn FnOnce(StoreResult<&PgConn>) + Send>;

/// A pool of threads, each with its own connection, taking jobs from one queue.
struct Pool {
    queue: Mutex<PoolState>,
    ready: Condvar,
    limit: usize,
    /// Whether PostgreSQL can be reached, shared with the node's writers.
    reach: Arc<Reach>,
}

#[derive(Default)]
struct PoolState {
    jobs: VecDeque<PgJob>,
    closed: bool,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Pool {
    fn start(
        name: &str,
        threads: usize,
        limit: usize,
        url: &str,
        reach: Arc<Reach>,
    ) -> StoreResult<Arc<Pool>> {
        let pool = Arc::new(Pool {
            queue: Mutex::new(PoolState::default()),
            ready: Condvar::new(),
            limit,
            reach,
        });
        let mut handles = Vec::with_capacity(threads);
        for i in 0..threads {
            let (pool, url) = (pool.clone(), url.to_string());
            let handle = std::thread::Builder::new()
                .name(format!("natter-{name}-{i}"))
                .spawn(move || pool.work(&url))
                .map_err(|e| StoreError::Internal(format!("cannot start a {name}: {e}")))?;
            handles.push(handle);
        }
        pool.lock().threads = handles;
        Ok(pool)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, PoolState> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// One thread's life: connect when the first job comes, connect again after the
    /// server dropped the connection.
    fn work(&self, url: &str) {
        let mut conn: Option<PgConn> = None;
        loop {
            let job = {
                let mut state = self.lock();
                loop {
                    if let Some(job) = state.jobs.pop_front() {
                        break job;
                    }
                    if state.closed {
                        return;
                    }
                    state = self
                        .ready
                        .wait(state)
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                }
            };
            if conn.as_ref().is_some_and(PgConn::is_closed) {
                conn = None;
            }
            if let Err(e) = self.reach.check() {
                job(Err(e));
                continue;
            }
            let connect = || self.reach.connect(|| PgConn::connect(url));
            match conn.take().map_or_else(connect, Ok) {
                Ok(c) => {
                    job(Ok(&c));
                    conn = c.kept_open(&self.reach, "a reader");
                }
                Err(e) => job(Err(e)),
            }
        }
    }

    /// Runs `f` on a pool thread and waits for its answer.
    async fn run<T, E>(
        &self,
        f: impl FnOnce(&PgConn) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (reply, rx) = oneshot::channel::<Result<T, E>>();
        {
            let mut state = self.lock();
            if state.closed {
                return Err(StoreError::Internal("the database is closed".into()).into());
            }
            if state.jobs.len() >= self.limit {
                return Err(StoreError::Busy.into());
            }
            self.reach.check()?;
            state.jobs.push_back(Box::new(move |conn| {
                let result = match conn {
                    Ok(c) => {
                        std::panic::catch_unwind(AssertUnwindSafe(|| f(c))).unwrap_or_else(|_| {
                            Err(StoreError::Internal("database job panicked".into()).into())
                        })
                    }
                    Err(e) => Err(e.into()),
                };
                let _ = reply.send(result);
            }));
        }
        self.ready.notify_one();
        rx.await
            .map_err(|_| StoreError::Internal("a database thread dropped a job".into()))?
    }

    /// Runs the jobs already queued, then ends the threads and waits for them.
    async fn close(&self) {
        let threads = {
            let mut state = self.lock();
            state.closed = true;
            std::mem::take(&mut state.threads)
        };
        self.ready.notify_all();
        let _ = tokio::task::spawn_blocking(move || {
            for thread in threads {
                let _ = thread.join();
            }
        })
        .await;
    }
}

/// The PostgreSQL side of `Db`.
pub struct PgDb {
    readers: Arc<Pool>,
    writer: Arc<PgWriter>,
    /// Whether anything was committed since a moment (`pg_marks.rs`).
    marks: Arc<PgMarks>,
}

impl PgDb {
    /// Starts the pools on a database `store::schema::postgres::migrate` has brought up
    /// to date.
    pub fn open(
        url: &str,
        metrics: StoreMetrics,
        delivery: mpsc::UnboundedSender<Vec<Emit>>,
        outbox: bool,
        marks: Arc<PgMarks>,
    ) -> StoreResult<PgDb> {
        let reach = Arc::new(Reach::default());
        Ok(PgDb {
            readers: Pool::start("pg-reader", READERS, MAX_QUEUED_READS, url, reach.clone())?,
            writer: PgWriter::start(
                WRITERS,
                url,
                delivery,
                metrics.writer.clone(),
                outbox,
                reach,
                marks.clone(),
            )?,
            marks,
        })
    }

    /// The commit mark now (`pg_marks.rs`): `None` on a node of a cluster, in a command,
    /// and while other processes' commits cannot be heard.
    pub fn commit_mark(&self) -> Option<super::commit_mark::Mark> {
        // Cut off from PostgreSQL, the listener may not know it yet.
        if self.readers.reach.refuses_now() {
            return None;
        }
        self.marks.read()
    }

    /// A read job: its statements run outside a transaction, each on its own snapshot.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Conn) -> Result<T, E> + Send + 'static,
    {
        self.readers
            .run(move |pc| {
                let out = f(&Conn::pg(pc));
                pc.forget_ahead();
                out
            })
            .await
    }

    /// A write job: run in a group's transaction under a savepoint of its own, answered
    /// once the group has committed (`pg_writer.rs`).
    /// `chat` is the one chat the job is about, when there is one (`Db::write_in_chat`).
    pub async fn write<T, E, F>(&self, chat: Option<i64>, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        self.writer.write(chat, f).await
    }

    /// Ends both pools once their queued jobs have run.
    pub async fn close(&self) {
        self.readers.close().await;
        self.writer.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::pg_cluster;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Barrier;

    /// Two jobs on two nodes (each its own `PgDb`, as two servers on one database) that
    /// lock the same two chat rows in opposite orders deadlock; PostgreSQL aborts one, and
    /// that one runs again in a new transaction, so both succeed (docs/scale-out.md).
    /// Each job waits for the other only on its first attempt, so the retry can finish
    /// once the winner commits.
    #[test]
    fn a_job_that_loses_a_deadlock_runs_once_more_and_succeeds() {
        let Some(_) = pg_cluster::cluster_or_skip("the deadlock retry test") else {
            return;
        };
        let url = pg_cluster::fresh_database();
        crate::store::engine::test_support::migrate_pg_at(&url);
        let runtime = crate::store::engine::test_support::runtime();
        runtime.block_on(async {
            // A node whose events go nowhere (the writer ignores a closed channel).
            let node = || {
                let (delivery, _) = mpsc::unbounded_channel();
                let marks = PgMarks::new(false, false, Default::default());
                let db = PgDb::open(&url, StoreMetrics::default(), delivery, false, marks);
                Arc::new(db.expect("open"))
            };
            let db = node();
            let other_node = node();
            db.write(None, |t: &Tx| -> StoreResult<()> {
                t.exec(
                    "INSERT INTO chats (id, kind, title, created_at, updated_at)
                     VALUES (1, 'group', 'one', 'x', 'x'), (2, 'group', 'two', 'x', 'x')",
                    &[],
                )?;
                Ok(())
            })
            .await
            .expect("two chats");

            let both_locked_one = Arc::new(Barrier::new(2));
            let attempts = Arc::new(AtomicUsize::new(0));
            let job = |db: &Arc<PgDb>, first: i64, second: i64| {
                let both_locked_one = both_locked_one.clone();
                let attempts = attempts.clone();
                let db = db.clone();
                let mut mine = 0;
                async move {
                    db.write(None, move |t: &Tx| -> StoreResult<()> {
                        mine += 1;
                        attempts.fetch_add(1, Ordering::SeqCst);
                        let lock = "UPDATE chats SET title = title || '+' WHERE id = ?1";
                        t.exec(lock, &[&first])?;
                        if mine == 1 {
                            both_locked_one.wait();
                        }
                        t.exec(lock, &[&second])?;
                        Ok(())
                    })
                    .await
                }
            };
            let (a, b) = tokio::join!(
                tokio::spawn(job(&db, 1, 2)),
                tokio::spawn(job(&other_node, 2, 1))
            );
            a.expect("job a ran").expect("job a succeeded");
            b.expect("job b ran").expect("job b succeeded");
            assert_eq!(
                attempts.load(Ordering::SeqCst),
                3,
                "one of the two ran twice"
            );
            let titles = db
                .read(|c| c.all("SELECT title FROM chats ORDER BY id", &[], |r| r.get(0)))
                .await;
            let titles: Vec<String> = titles.expect("titles");
            assert_eq!(titles, ["one++", "two++"], "each job's two updates, once");
            db.close().await;
            other_node.close().await;
        });
    }
}
