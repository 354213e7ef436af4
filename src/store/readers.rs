//! The read side of `Db`: a few threads, each owning one read connection for its whole
//! life, taking read jobs from one queue. Before this, each read went through tokio's
//! blocking pool and an r2d2 checkout; under load that pool grew to dozens of threads,
//! so a read's connection, page cache and allocator heap were rarely the ones the last
//! read on that thread had warmed (docs/benchmarks.md, seventh session).

use crate::error::{ApiError, ApiResult};
use rusqlite::Connection;
use std::panic::AssertUnwindSafe;
use tokio::sync::oneshot;

type ReadJob = Box<dyn FnOnce(&Connection) + Send>;

/// Handle to the reader threads; cheap to clone. The threads end when every handle is
/// dropped.
#[derive(Clone)]
pub struct Readers {
    jobs: crossbeam_channel::Sender<ReadJob>,
}

impl Readers {
    /// Opens `threads` connections with `open` and starts a thread for each.
    pub fn start(threads: usize, open: impl Fn() -> ApiResult<Connection>) -> ApiResult<Readers> {
        let (jobs, queue) = crossbeam_channel::unbounded::<ReadJob>();
        for i in 0..threads.max(1) {
            let conn = open()?;
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("natter-reader-{i}"))
                .spawn(move || {
                    for job in queue {
                        job(&conn);
                    }
                })?;
        }
        Ok(Readers { jobs })
    }

    /// Runs `f` on the next free reader thread and waits for its result. A panic in `f`
    /// becomes an internal error; the thread and its connection carry on.
    pub async fn run<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<ApiResult<T>>();
        let job: ReadJob = Box::new(move |conn| {
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(conn)))
                .unwrap_or_else(|_| Err(ApiError::Internal("read job panicked".into())));
            let _ = tx.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| ApiError::Internal("readers stopped".into()))?;
        rx.await
            .map_err(|_| ApiError::Internal("reader dropped a job".into()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_read_is_an_error_and_its_thread_reads_on() {
        let readers = Readers::start(1, || Ok(Connection::open_in_memory()?)).expect("start");
        let failed = readers.run(|_| -> ApiResult<i64> { panic!("boom") }).await;
        assert!(matches!(failed, Err(ApiError::Internal(m)) if m == "read job panicked"));
        let answer = readers
            .run(|c| Ok(c.query_row("SELECT 6 * 7", [], |r| r.get::<_, i64>(0))?))
            .await;
        assert_eq!(answer.ok(), Some(42));
    }
}
