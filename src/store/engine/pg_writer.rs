//! Write jobs on PostgreSQL, in groups: a writer thread takes the jobs waiting
//! when it is free, up to [`MAX_GROUP`], and runs them in one transaction with a
//! savepoint per job, as SQLite's writer does. So a send pays for a share of one
//! `BEGIN` and one `COMMIT` (and its WAL flush) instead of a whole one; the group's
//! `BEGIN` and each job's `SAVEPOINT` go out with the job's first statement
//! (`PgConn::queue`), costing no round trip.
//!
//! A job that fails never fails the others: its savepoint is rolled back and it is told
//! its own error. One that PostgreSQL gave up to break a deadlock (or a serialization
//! conflict) is rolled back the same way and runs once more after the group, alone in a
//! new transaction (docs/scale-out.md): it cannot run again inside the group, which
//! still holds the locks its deadlock waited on. Foreign keys are checked at COMMIT
//! (migrations/pg/15): a group whose COMMIT they refuse runs its jobs again, each alone
//! in its own transaction, so the job at fault fails alone.
//!
//! What a group's jobs queued for the hub goes out after its COMMIT, in job order; one
//! lock around COMMIT and the hand-over keeps groups of several writer threads in commit
//! order (within a chat, ids are taken under the chat's row lock, so commit order there
//! is id order).

use super::conn::{Conn, Tx};
use super::pg::PgConn;
use super::pg_marks::PgMarks;
use super::pg_reach::Reach;
use crate::hub::Emit;
use crate::metrics::WriterMetrics;
use crate::store::engine::error::{StoreError, StoreResult};
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Condvar, Mutex};
use tokio::sync::{mpsc, oneshot};

/// How long a writer waits before it runs again the jobs PostgreSQL gave up (a lost
/// deadlock, a refused COMMIT): deadlocks are rare, since one chat's jobs keep to one
/// lane, so the pause costs nothing that is measured.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

/// Most jobs in one group. Each job's savepoint that writes takes a subtransaction id,
/// and PostgreSQL keeps only 64 of them per transaction where other sessions' snapshots
/// see them cheaply (`PGPROC_MAX_CACHED_SUBXIDS`); past that every snapshot of every
/// session looks them up in `pg_subtrans`.
const MAX_GROUP: usize = 32;

/// A writer's connection. Its statements take generic plans from their first run: they
/// find rows by key, and REST sends ran 12 % faster with it (2,917 and 2,931 msg/s
/// against 2,627 and 2,535, alternated). Readers keep PostgreSQL's `auto`, under which a
/// search's plan follows how common its words are (forced generic plans made a rare
/// word 5x slower; docs/benchmarks.md, "Decisions that rest on a figure").
fn connect(url: &str) -> StoreResult<PgConn> {
    let pc = PgConn::connect(url)?;
    pc.set_plan_cache_mode(super::pg::PlanCacheMode::ForceGeneric)?;
    Ok(pc)
}

/// A write job waiting for a writer thread, erased of its types.
trait GroupJob: Send {
    /// Runs the job once, in the group's transaction, under its savepoint.
    fn run(&mut self, pc: &PgConn, outbox: bool) -> Attempt;
    /// Tells the waiter how it ended: the job's own error if it failed, else its value
    /// when the group committed (`Ok`) or the group's error.
    fn finish(self: Box<Self>, group: StoreResult<()>);
}

/// How one run of a job went.
enum Attempt {
    /// It succeeded; what it queued for the hub, sent if the group commits.
    Done(Vec<Emit>),
    /// It failed with its own error.
    Failed,
    /// PostgreSQL gave it up (deadlock, serialization): it may run again.
    Retry,
}

/// A closure, the channel its result goes back on, and the result until it is sent.
struct Job<T, E, F> {
    f: F,
    reply: oneshot::Sender<Result<T, E>>,
    result: Option<Result<T, E>>,
}

impl<T, E, F> GroupJob for Job<T, E, F>
where
    T: Send + 'static,
    E: From<StoreError> + Send + 'static,
    F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
{
    fn run(&mut self, pc: &PgConn, outbox: bool) -> Attempt {
        let _ = pc.take_retryable();
        let tx = Tx::pg(pc);
        let f = &mut self.f;
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(&tx)))
            .unwrap_or_else(|_| Err(StoreError::Internal("write job panicked".into()).into()));
        // A statement the job sent ahead and never read must not go with the next job's.
        pc.forget_ahead();
        match result {
            Ok(value) => {
                let emitted = tx.into_emitted();
                // The Matrix apps' log and, with the outbox, the chat events numbered:
                // written in the job's savepoint, committed with the change or rolled
                // back with it.
                let conn = Conn::pg(pc);
                let written = crate::store::matrix_log::note(&conn, emitted.iter()).and_then(
                    |()| match outbox {
                        true => crate::store::chat_events::record(&conn, &emitted),
                        false => Ok(()),
                    },
                );
                if let Err(e) = written {
                    let retry = pc.take_retryable();
                    self.result = Some(Err(e.into()));
                    return if retry {
                        Attempt::Retry
                    } else {
                        Attempt::Failed
                    };
                }
                self.result = Some(Ok(value));
                Attempt::Done(emitted)
            }
            Err(e) => {
                self.result = Some(Err(e));
                if pc.take_retryable() {
                    Attempt::Retry
                } else {
                    Attempt::Failed
                }
            }
        }
    }

    fn finish(self: Box<Self>, group: StoreResult<()>) {
        let answer = match (self.result, group) {
            (Some(Err(own)), _) => Err(own),
            (Some(Ok(value)), Ok(())) => Ok(value),
            (_, Err(e)) => Err(e.into()),
            (None, Ok(())) => Err(StoreError::Internal("a write job did not run".into()).into()),
        };
        let _ = self.reply.send(answer);
    }
}

impl Lane {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The writer threads, each with its own queue (a lane).
pub(in crate::store) struct PgWriter {
    lanes: Vec<Lane>,
    /// Held across COMMIT and the hand-over of the group's events, so they leave in
    /// commit order.
    commit_order: Mutex<()>,
    delivery: mpsc::UnboundedSender<Vec<Emit>>,
    metrics: WriterMetrics,
    /// Whether jobs number their chat events and write them to the outbox (several
    /// nodes; `store::chat_events`).
    outbox: bool,
    /// Whether PostgreSQL can be reached, shared with the node's readers.
    reach: Arc<Reach>,
    /// Moved after each COMMIT, before its jobs are answered (`pg_marks.rs`).
    marks: Arc<PgMarks>,
}

/// One writer thread's queue. The jobs of one chat always take the same lane, so two
/// lanes' groups never wait on each other's chat rows: with one queue for several
/// threads, two groups that each locked one chat and then wanted the other's deadlocked
/// until PostgreSQL broke it after `deadlock_timeout` (1 s), on nearly every group
/// (2 lanes: 8-21 msg/s against 2,400 with one; docs/benchmarks.md,
/// "Decisions that rest on a figure").
#[derive(Default)]
struct Lane {
    queue: Mutex<Queue>,
    ready: Condvar,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Box<dyn GroupJob>>,
    closed: bool,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl PgWriter {
    /// Starts `lanes` writer threads, each with its own connection to `url`.
    pub(in crate::store) fn start(
        lanes: usize,
        url: &str,
        delivery: mpsc::UnboundedSender<Vec<Emit>>,
        metrics: WriterMetrics,
        outbox: bool,
        reach: Arc<Reach>,
        marks: Arc<PgMarks>,
    ) -> StoreResult<Arc<PgWriter>> {
        let writer = Arc::new(PgWriter {
            lanes: (0..lanes.max(1)).map(|_| Lane::default()).collect(),
            commit_order: Mutex::new(()),
            delivery,
            metrics,
            outbox,
            reach,
            marks,
        });
        for (i, lane) in writer.lanes.iter().enumerate() {
            let (writer, url) = (writer.clone(), url.to_string());
            let handle = std::thread::Builder::new()
                .name(format!("natter-pg-writer-{i}"))
                .spawn(move || writer.work(i, &url))
                .map_err(|e| StoreError::Internal(format!("cannot start a pg-writer: {e}")))?;
            lane.lock().thread = Some(handle);
        }
        Ok(writer)
    }

    /// Queues `f` on the lane of `chat` (the first lane when the job is about no one
    /// chat) and waits for its answer, given once its group has committed.
    pub(in crate::store) async fn write<T, E, F>(&self, chat: Option<i64>, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        let (reply, rx) = oneshot::channel::<Result<T, E>>();
        let lanes = self.lanes.len() as i64;
        let lane = &self.lanes[chat.map_or(0, |id| id.rem_euclid(lanes) as usize)];
        {
            let mut queue = lane.lock();
            if queue.closed {
                return Err(StoreError::Internal("the database is closed".into()).into());
            }
            self.reach.check()?;
            queue.jobs.push_back(Box::new(Job {
                f,
                reply,
                result: None,
            }));
        }
        lane.ready.notify_one();
        rx.await
            .map_err(|_| StoreError::Internal("a database thread dropped a job".into()))?
    }

    /// The next group of `lane`: the jobs waiting, up to `MAX_GROUP`, once there is one;
    /// `None` once closed and drained.
    fn next_group(&self, lane: usize) -> Option<Vec<Box<dyn GroupJob>>> {
        let lane = &self.lanes[lane];
        let mut queue = lane.lock();
        loop {
            if !queue.jobs.is_empty() {
                let n = queue.jobs.len().min(MAX_GROUP);
                return Some(queue.jobs.drain(..n).collect());
            }
            if queue.closed {
                return None;
            }
            queue = lane.ready.wait(queue).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// One thread's life: connect when the first group comes, connect again after the
    /// server dropped the connection.
    fn work(&self, lane: usize, url: &str) {
        let mut conn: Option<PgConn> = None;
        while let Some(group) = self.next_group(lane) {
            if conn.as_ref().is_some_and(PgConn::is_closed) {
                conn = None;
            }
            if let Err(e) = self.reach.check() {
                for job in group {
                    job.finish(Err(e.clone()));
                }
                continue;
            }
            let pc = match conn
                .take()
                .map_or_else(|| self.reach.connect(|| connect(url)), Ok)
            {
                Ok(pc) => pc,
                Err(e) => {
                    for job in group {
                        job.finish(Err(e.clone()));
                    }
                    continue;
                }
            };
            let again = self.run_group(&pc, group, true);
            if !again.is_empty() {
                // The transaction that won the deadlock takes the rows ours let go of
                // first: a job run again at once could take one back before it and
                // deadlock with it once more (seen in a full run of the tests, 2 in 6).
                std::thread::sleep(RETRY_PAUSE);
            }
            for job in again {
                self.run_group(&pc, vec![job], false);
            }
            conn = pc.kept_open(&self.reach, "a writer");
        }
    }

    /// Runs `jobs` in one transaction and tells each how it ended; answers the jobs to
    /// run again alone (only when `may_retry`).
    fn run_group(
        &self,
        pc: &PgConn,
        jobs: Vec<Box<dyn GroupJob>>,
        may_retry: bool,
    ) -> Vec<Box<dyn GroupJob>> {
        let started = std::time::Instant::now();
        let mut done: Vec<(Box<dyn GroupJob>, Vec<Emit>)> = Vec::with_capacity(jobs.len());
        let mut again = Vec::new();
        let mut broken: Option<StoreError> = None;
        let mut begun = false;
        for mut job in jobs {
            if let Some(e) = &broken {
                job.finish(Err(e.clone()));
                continue;
            }
            if !begun {
                pc.queue("BEGIN");
                begun = true;
            }
            pc.queue("SAVEPOINT job");
            let attempt = job.run(pc, self.outbox);
            if let Attempt::Done(emitted) = attempt {
                done.push((job, emitted));
                continue;
            }
            // What the job noted in the vocabulary may go with its savepoint.
            crate::store::engine::noted_words::forget_noted();
            if let Err(e) = pc.batch("ROLLBACK TO SAVEPOINT job") {
                broken = Some(e);
            }
            if matches!(attempt, Attempt::Retry) && may_retry && broken.is_none() {
                again.push(job);
            } else {
                job.finish(Ok(()));
            }
        }
        let mut commit_refused = false;
        let ended = match broken {
            Some(e) => Err(e),
            None if done.is_empty() => {
                // Only failed jobs: nothing to keep.
                pc.unqueue();
                match begun {
                    true => pc.batch("ROLLBACK"),
                    false => Ok(()),
                }
            }
            None => {
                // A failed COMMIT notes whether the server refused it (`PgConn::noted`).
                let committed = self.commit(pc, &mut done);
                commit_refused = committed.is_err() && pc.take_refused();
                committed
            }
        };
        if ended.is_err() {
            pc.unqueue();
            let _ = pc.batch("ROLLBACK");
            crate::store::engine::noted_words::forget_noted();
            // A reference checked at COMMIT (migrations/pg/15) fails the whole group:
            // its jobs run again, each alone, so only the one at fault fails.
            let alone = commit_refused && done.len() > 1;
            if (pc.take_retryable() || alone) && may_retry {
                again.extend(done.drain(..).map(|(job, _)| job));
            }
        } else if !done.is_empty() {
            self.metrics.groups.inc();
            self.metrics.jobs.inc_by(done.len() as u64);
            self.metrics
                .commit_seconds
                .observe(started.elapsed().as_secs_f64());
        }
        for (job, _) in done {
            job.finish(ended.clone());
        }
        again
    }

    /// Commits the group and hands its events to the hub, in commit order.
    fn commit(&self, pc: &PgConn, done: &mut [(Box<dyn GroupJob>, Vec<Emit>)]) -> StoreResult<()> {
        let _in_order = self.commit_order.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(notify) = self.marks.notify_statement() {
            pc.queue(notify);
        }
        let committed = pc.batch("COMMIT");
        // A COMMIT that failed with its connection may have happened.
        self.marks.committed();
        committed?;
        let events: Vec<Emit> = done
            .iter_mut()
            .flat_map(|(_, emitted)| std::mem::take(emitted))
            .collect();
        if !events.is_empty() {
            let _ = self.delivery.send(events);
        }
        Ok(())
    }

    /// Runs the jobs already queued, then ends the threads and waits for them.
    pub(in crate::store) async fn close(&self) {
        let mut threads = Vec::new();
        for lane in &self.lanes {
            let mut queue = lane.lock();
            queue.closed = true;
            threads.extend(queue.thread.take());
            lane.ready.notify_all();
        }
        let _ = tokio::task::spawn_blocking(move || {
            for thread in threads {
                let _ = thread.join();
            }
        })
        .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::events::Event;
    use crate::store::engine::test_support::event;
    use crate::store::{pg_cluster, schema};

    impl PgWriter {
        /// Jobs waiting on the first lane.
        fn waiting(&self) -> usize {
            self.lanes[0].lock().jobs.len()
        }
    }

    /// A test job: writes what it is given, then fails or not.
    type TestJob = Box<dyn FnMut(&Tx) -> StoreResult<()> + Send>;

    /// What became of jobs run as one group.
    struct Outcome {
        results: Vec<StoreResult<()>>,
        /// The `ReadUpTo` ids of the events delivered, in delivery order.
        delivered: Vec<i64>,
        metrics: WriterMetrics,
    }

    /// Runs `jobs` on a one-lane writer over `url` (made by a serving node's schema),
    /// queued behind a job that holds the lane until all of them wait, so they form one
    /// group.
    async fn in_one_group(url: &str, jobs: Vec<TestJob>) -> Outcome {
        let (delivery, _unused) = mpsc::unbounded_channel();
        let db = super::super::postgres::PgDb::open(
            url,
            crate::metrics::StoreMetrics::default(),
            delivery,
            false,
            PgMarks::new(false, false, Default::default()),
        )
        .expect("open");
        db.close().await;

        let (delivery, mut events) = mpsc::unbounded_channel();
        let metrics = WriterMetrics::default();
        let reach = Arc::new(Reach::default());
        let marks = PgMarks::new(false, false, Default::default());
        let writer = PgWriter::start(1, url, delivery, metrics.clone(), false, reach, marks)
            .expect("a writer");
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel::<()>();
        let holding = {
            let writer = writer.clone();
            let held = Mutex::new(held);
            let mut started = Some(started);
            tokio::spawn(async move {
                writer
                    .write(None, move |_tx: &Tx| -> StoreResult<()> {
                        if let Some(started) = started.take() {
                            let _ = started.send(());
                        }
                        let _ = held.lock().map(|h| h.recv());
                        Ok(())
                    })
                    .await
            })
        };
        running.await.expect("the holding job runs");
        let mut waiting = Vec::new();
        for (n, mut job) in jobs.into_iter().enumerate() {
            let lane = writer.clone();
            waiting.push(tokio::spawn(async move {
                lane.write(None, move |tx: &Tx| job(tx)).await
            }));
            while writer.waiting() <= n {
                tokio::task::yield_now().await;
            }
        }
        release.send(()).expect("the holding job waits");
        holding.await.expect("join").expect("the holding job");
        let mut results = Vec::new();
        for job in waiting {
            results.push(job.await.expect("join"));
        }
        // A group's events are handed over before its jobs are answered.
        let mut delivered = Vec::new();
        while let Ok(group) = events.try_recv() {
            delivered.extend(group.into_iter().map(|emit| match emit {
                Emit::Event(e) => match e.event {
                    Event::ReadUpTo { message_id, .. } => message_id,
                    _ => 0,
                },
                _ => 0,
            }));
        }
        writer.close().await;
        Outcome {
            results,
            delivered,
            metrics,
        }
    }

    /// A job that notes `key` in the settings and publishes event `n`.
    fn noting(key: &'static str, n: i64) -> TestJob {
        Box::new(move |tx: &Tx| {
            schema::get_or_insert_setting(tx, key, "1")?;
            tx.publish(event(n));
            Ok(())
        })
    }

    /// `job` between a first and a last job (`noting` "first" 1 and "last" 3), run as
    /// one group on a fresh database: the database's URL and the outcome, or `None`
    /// (the test skipped) where no PostgreSQL can be had.
    fn between_two(job: TestJob) -> Option<(String, Outcome)> {
        pg_cluster::cluster_or_skip("the PostgreSQL group test")?;
        let url = pg_cluster::fresh_database();
        crate::store::engine::test_support::migrate_pg_at(&url);
        let runtime = crate::store::engine::test_support::runtime();
        let outcome = runtime.block_on(in_one_group(
            &url,
            vec![noting("first", 1), job, noting("last", 3)],
        ));
        Some((url, outcome))
    }

    /// Which of `keys` the database holds, read on a thread of its own, as natter's
    /// connections are used (their runtime cannot start inside the test's).
    fn kept<const N: usize>(url: &str, keys: [&'static str; N]) -> [bool; N] {
        let url = url.to_string();
        std::thread::spawn(move || {
            let pc = PgConn::connect(&url).expect("connect");
            let c = Conn::pg(&pc);
            keys.map(|key| schema::get_setting(&c, key).expect("a setting").is_some())
        })
        .join()
        .expect("the reading thread")
    }

    /// The middle of three jobs in one group failed with an error `is_its_own`; the
    /// other two committed, their events delivered in job order, their writes kept.
    fn only_the_middle_failed(
        outcome: &Outcome,
        url: &str,
        keys: [&'static str; 3],
        is_its_own: impl Fn(&StoreResult<()>) -> bool,
    ) {
        let [first, middle, last] = &outcome.results[..] else {
            panic!("three results: {:?}", outcome.results);
        };
        first.as_ref().expect("the first job commits");
        assert!(is_its_own(middle), "{middle:?}");
        last.as_ref().expect("the last job commits");
        assert_eq!(
            outcome.delivered,
            [1, 3],
            "the committed jobs' events, in order"
        );
        assert_eq!(kept(url, keys), [true, false, true], "{keys:?}");
    }

    /// Three jobs in one group, the middle one failing after it wrote: it is told its
    /// own error and its write is gone; the others commit, and only their events reach
    /// the hub, in job order.
    #[test]
    fn a_job_that_fails_in_a_group_takes_only_its_own_writes_and_events_with_it() {
        let failing: TestJob = Box::new(|tx: &Tx| {
            schema::get_or_insert_setting(tx, "failing", "1")?;
            tx.publish(event(2));
            Err(StoreError::Internal("this job fails".into()))
        });
        let Some((url, outcome)) = between_two(failing) else {
            return;
        };
        only_the_middle_failed(
            &outcome,
            &url,
            ["first", "failing", "last"],
            |r| matches!(r, Err(StoreError::Internal(m)) if m == "this job fails"),
        );
        assert_eq!(
            outcome.metrics.jobs.get(),
            3,
            "the holding job and the two that committed"
        );
        assert_eq!(
            outcome.metrics.groups.get(),
            2,
            "the holding job's group, then one of three"
        );
    }

    /// Foreign keys are checked at COMMIT (migrations/pg/15): a job whose row references
    /// a missing user fails the group's COMMIT, and the group's jobs run again, each
    /// alone, so it fails alone and the others commit, their events in job order.
    #[test]
    fn a_reference_refused_at_commit_fails_only_the_job_that_made_it() {
        let dangling: TestJob = Box::new(|tx: &Tx| {
            schema::get_or_insert_setting(tx, "dangling", "1")?;
            crate::store::people::tokens::insert(tx, b"no one's key", 424_242, "t")?;
            tx.publish(event(2));
            Ok(())
        });
        let Some((url, outcome)) = between_two(dangling) else {
            return;
        };
        only_the_middle_failed(
            &outcome,
            &url,
            ["first", "dangling", "last"],
            |r| matches!(r, Err(StoreError::Internal(m)) if m.contains("foreign key")),
        );
        assert_eq!(
            outcome.metrics.groups.get(),
            3,
            "the holding job's group, then the first and the last alone"
        );
    }

    /// A job that asks to run again (`Tx::run_again`: its guessed caller changed) is
    /// rolled back, writes and events, and runs once more, alone, after its group; what
    /// it writes then is kept, once.
    #[test]
    fn a_job_that_asks_to_run_again_is_rolled_back_and_runs_again_alone() {
        let mut runs = 0;
        let again: TestJob = Box::new(move |tx: &Tx| {
            runs += 1;
            let key = if runs == 1 { "guessed" } else { "checked" };
            schema::get_or_insert_setting(tx, key, "1")?;
            tx.publish(event(if runs == 1 { 20 } else { 2 }));
            match runs {
                1 => Err(tx.run_again()),
                _ => Ok(()),
            }
        });
        let Some((url, outcome)) = between_two(again) else {
            return;
        };
        for result in &outcome.results {
            result.as_ref().expect("each job commits");
        }
        assert_eq!(
            outcome.delivered,
            [1, 3, 2],
            "its event once, after its group's"
        );
        assert_eq!(
            kept(&url, ["first", "guessed", "checked", "last"]),
            [true, false, true, true]
        );
    }
}
