//! The read side of `Db`: a few threads, each owning one read connection for its whole
//! life (opened when the thread takes its first job), taking read jobs from one queue.
//! Before this, each read went through tokio's blocking pool and an r2d2 checkout; under
//! load that pool grew to dozens of threads, so a read's connection, page cache and
//! allocator heap were rarely the ones the last read on that thread had warmed
//! (docs/benchmarks.md, "Decisions that rest on a figure").
//!
//! The reader that went idle last takes the next job. A plain shared channel wakes
//! readers in turn, so with one request at a time every read landed on a colder
//! connection than the last: the chat list's p99 went from 3.6 to 5.2 ms (medians of 7
//! runs).

use crate::metrics::Gauge;
use crate::store::engine::error::{StoreError, StoreResult};
use rusqlite::Connection;
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::Thread;
use tokio::sync::oneshot;

/// Reads that may wait for a reader. Past it a read is refused at once (503) instead of
/// queueing without bound behind a flood: a page read takes well under a millisecond, so
/// a full queue is already a wait of a second or so. Writes and the delivery of socket
/// events do not go through this queue, so a flood of reads cannot delay them.
const MAX_QUEUED: usize = 1024;

/// A read, given the thread's connection or the error that opening it gave.
type ReadJob = Box<dyn FnOnce(StoreResult<&Connection>) + Send>;

/// Handle to the reader threads; cheap to clone. The threads end when every handle is
/// dropped.
#[derive(Clone)]
pub struct Readers {
    queue: Arc<Closer>,
}

/// The queue and who waits on it.
#[derive(Default)]
struct Queue {
    state: Mutex<State>,
    /// How many jobs wait, for `--metrics-listen` (set under the lock: an atomic store).
    depth: Gauge,
    /// The reader threads, joined by `Readers::close`.
    threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
}

#[derive(Default)]
struct State {
    jobs: VecDeque<ReadJob>,
    /// Readers waiting for a job, the one idle longest first.
    idle: Vec<Thread>,
    closed: bool,
}

/// Closes the queue when the last `Readers` handle goes.
struct Closer(Arc<Queue>);

impl Drop for Closer {
    fn drop(&mut self) {
        self.0.close();
    }
}

impl Queue {
    /// The state; a panic can't leave it half-changed (jobs run outside the lock), so
    /// a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes no more jobs; the readers run what is queued, then end.
    fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        for reader in state.idle.drain(..) {
            reader.unpark();
        }
    }

    fn push(&self, job: ReadJob) -> StoreResult<()> {
        let mut state = self.lock();
        if state.closed {
            return Err(StoreError::Internal("readers stopped".into()));
        }
        if state.jobs.len() >= MAX_QUEUED {
            return Err(StoreError::Busy);
        }
        state.jobs.push_back(job);
        self.depth.set(state.jobs.len() as i64);
        if let Some(reader) = state.idle.pop() {
            reader.unpark();
        }
        Ok(())
    }

    /// The next job for the calling reader thread; `None` once closed.
    fn next(&self) -> Option<ReadJob> {
        let me = std::thread::current();
        let mut state = self.lock();
        loop {
            if let Some(job) = state.jobs.pop_front() {
                self.depth.set(state.jobs.len() as i64);
                state.idle.retain(|t| t.id() != me.id());
                return Some(job);
            }
            if state.closed {
                return None;
            }
            if !state.idle.iter().any(|t| t.id() == me.id()) {
                state.idle.push(me.clone());
            }
            drop(state);
            // An unpark that came before this park makes it return at once.
            std::thread::park();
            state = self.lock();
        }
    }
}

impl Readers {
    /// Starts `threads` reader threads. Each opens its connection with `open` when it
    /// takes its first job, so start-up and idle memory pay only for the readers that
    /// are used (the reader idle last goes first, so light load keeps to one). A failed
    /// open is that job's error; the thread tries again with its next job. `depth`
    /// follows how many reads wait.
    pub fn start(
        threads: usize,
        depth: Gauge,
        open: impl Fn() -> StoreResult<Connection> + Send + Sync + 'static,
    ) -> StoreResult<Readers> {
        let queue = Arc::new(Queue {
            depth,
            ..Queue::default()
        });
        let open = Arc::new(open);
        let mut handles = Vec::with_capacity(threads.max(1));
        for i in 0..threads.max(1) {
            let (queue, open) = (queue.clone(), open.clone());
            let handle = std::thread::Builder::new()
                .name(format!("natter-reader-{i}"))
                .spawn(move || {
                    let mut conn: Option<Connection> = None;
                    while let Some(job) = queue.next() {
                        match conn.take().map_or_else(|| open(), Ok) {
                            Ok(c) => {
                                job(Ok(&c));
                                conn = Some(c);
                            }
                            Err(e) => job(Err(e)),
                        }
                    }
                })
                .map_err(|e| StoreError::Internal(format!("cannot start a reader: {e}")))?;
            handles.push(handle);
        }
        *queue
            .threads
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = handles;
        Ok(Readers {
            queue: Arc::new(Closer(queue)),
        })
    }

    /// Ends the reader threads once the reads already queued have run, and waits until
    /// they have closed their connections. Reads after it fail.
    pub async fn close(&self) {
        self.queue.0.close();
        let threads = std::mem::take(
            &mut *self
                .queue
                .0
                .threads
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        let _ = tokio::task::spawn_blocking(move || {
            for thread in threads {
                let _ = thread.join();
            }
        })
        .await;
    }

    /// Runs `f` on the reader that went idle last and waits for its result. A panic in
    /// `f` becomes an internal error; the thread and its connection carry on. `f` answers
    /// in its caller's error type (`E`), which the store's own errors convert into.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&crate::store::engine::conn::Conn) -> Result<T, E> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, E>>();
        self.queue.0.push(Box::new(move |conn| {
            let result = match conn {
                Ok(conn) => std::panic::catch_unwind(AssertUnwindSafe(|| {
                    f(&crate::store::engine::conn::Conn::new(conn))
                }))
                .unwrap_or_else(|_| Err(StoreError::Internal("read job panicked".into()).into())),
                Err(e) => Err(e.into()),
            };
            let _ = tx.send(result);
        }))?;
        rx.await
            .map_err(|_| StoreError::Internal("reader dropped a job".into()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_read_is_an_error_and_its_thread_reads_on() {
        let readers = Readers::start(1, Gauge::default(), || Ok(Connection::open_in_memory()?))
            .expect("start");
        let failed = readers
            .run(|_| -> StoreResult<i64> { panic!("boom") })
            .await;
        assert!(matches!(failed, Err(StoreError::Internal(m)) if m == "read job panicked"));
        let answer = readers
            .run(|c| -> StoreResult<i64> {
                Ok(c.sqlite()?
                    .query_row("SELECT 6 * 7", [], |r| r.get::<_, i64>(0))?)
            })
            .await;
        assert_eq!(answer.ok(), Some(42));
    }

    #[tokio::test]
    async fn a_failed_open_is_that_reads_error_and_the_next_read_opens_again() {
        let opens = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = opens.clone();
        let readers = Readers::start(1, Gauge::default(), move || {
            match counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 => Err(StoreError::Internal("cannot open".into())),
                _ => Ok(Connection::open_in_memory()?),
            }
        })
        .expect("start");
        assert_eq!(opens.load(std::sync::atomic::Ordering::SeqCst), 0);
        let read = || {
            readers.run(|c| -> StoreResult<i64> {
                Ok(c.sqlite()?
                    .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?)
            })
        };
        assert!(matches!(read().await, Err(StoreError::Internal(m)) if m == "cannot open"));
        assert_eq!(read().await.ok(), Some(1));
        assert_eq!(read().await.ok(), Some(1));
        assert_eq!(opens.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_read_past_a_full_queue_is_refused_at_once_and_the_queue_drains() {
        let readers = Readers::start(1, Gauge::default(), || Ok(Connection::open_in_memory()?))
            .expect("start");
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started_tx, started) = std::sync::mpsc::channel::<()>();
        // The one reader is kept busy; then the queue is filled behind it.
        readers
            .queue
            .0
            .push(Box::new(move |_| {
                let _ = started_tx.send(());
                let _ = held.recv();
            }))
            .expect("first job");
        started.recv().expect("the reader took the first job");
        let (ran_tx, ran) = std::sync::mpsc::channel::<usize>();
        for i in 0..MAX_QUEUED {
            let ran_tx = ran_tx.clone();
            let job: ReadJob = Box::new(move |_| {
                let _ = ran_tx.send(i);
            });
            readers.queue.0.push(job).expect("room in the queue");
        }
        let refused = readers.run(|_| StoreResult::Ok(1i64)).await;
        assert!(matches!(refused, Err(StoreError::Busy)), "{refused:?}");
        release.send(()).expect("release the reader");
        let order: Vec<usize> = (0..MAX_QUEUED)
            .map(|_| ran.recv().expect("every queued read runs"))
            .collect();
        assert_eq!(order, (0..MAX_QUEUED).collect::<Vec<_>>());
        let after = readers
            .run(|c| -> StoreResult<i64> {
                Ok(c.sqlite()?
                    .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?)
            })
            .await;
        assert_eq!(after.ok(), Some(1), "the drained queue takes reads again");
    }

    #[tokio::test]
    async fn many_reads_at_once_all_get_their_own_answer() {
        let readers = Readers::start(3, Gauge::default(), || Ok(Connection::open_in_memory()?))
            .expect("start");
        let reads = (0..200i64).map(|i| {
            readers.run(move |c| -> StoreResult<i64> {
                Ok(c.sqlite()?
                    .query_row("SELECT ?1 * 2", [i], |r| r.get::<_, i64>(0))?)
            })
        });
        let answers = futures_util::future::join_all(reads).await;
        let answers: Vec<i64> = answers.into_iter().map(|a| a.expect("read")).collect();
        assert_eq!(answers, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }
}
