//! SQLite storage: the `Db` handle every other layer goes through. Reads run on a few
//! reader threads, each with its own connection, off the async threads; writes go to
//! one writer thread that commits queued writes in groups, so durability costs one
//! fsync per group, not per message.
//! Every SQL statement of natter lives in this module's files.

pub mod chats;
pub mod files;
pub mod messages;
mod readers;
pub mod schema;
pub mod sessions;
pub mod social;
pub mod tokens;
pub mod users;

use crate::config::{SyncMode, WalCheckpoints};
use crate::error::{ApiError, ApiResult};
use crate::metrics::{StoreMetrics, WriterMetrics};
use readers::Readers;
use rusqlite::{Connection, OpenFlags};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// A write job: runs inside its own savepoint of the current group transaction and
/// returns whether it succeeded plus a function that delivers its result once the
/// group's commit has (or has not) happened.
type Finisher = Box<dyn FnOnce(Result<(), String>) + Send>;
type WriteJob = Box<dyn FnOnce(&Connection) -> (bool, Finisher) + Send>;

/// Most jobs committed in one transaction.
const MAX_GROUP: usize = 1024;
/// Reader threads, each with its own connection: reads are CPU work on this machine's
/// few cores, and a few more threads than cores keep one slow read from stalling the rest.
const READ_THREADS: usize = 4;

/// Cheap-to-clone handle to the database.
#[derive(Clone)]
pub struct Db {
    readers: Readers,
    writer: mpsc::Sender<WriteJob>,
    /// Set by `close`: the writer stops after its current group.
    closing: Arc<AtomicBool>,
    /// Joined by `close`, once.
    writer_thread: Arc<Mutex<Option<std::thread::JoinHandle<()>>>>,
}

/// Where and how to open the database.
#[derive(Clone, Debug)]
pub struct DbOptions {
    /// File path, or `:memory:`.
    pub path: String,
    /// Whether a missing file is made (serving) or is an error (the CLI commands).
    pub create: bool,
    /// `synchronous` pragma.
    pub sync: SyncMode,
    /// Whether natter checkpoints the write-ahead log (or leaves it to a replicator).
    pub checkpoints: WalCheckpoints,
    /// Where the writer and the readers record their work.
    pub metrics: StoreMetrics,
}

impl Db {
    /// Opens (creating it if `options.create`) and migrates the database, and starts the
    /// writer thread.
    pub fn open(options: &DbOptions) -> ApiResult<Db> {
        let (path, mut flags) = resolve_path(&options.path);
        if !options.create {
            flags.remove(OpenFlags::SQLITE_OPEN_CREATE);
        }
        let sync = options.sync;
        let checkpoints = options.checkpoints;
        let mut writer_conn = Connection::open_with_flags(&path, flags).map_err(|e| {
            ApiError::Internal(format!("cannot open database {}: {e}", options.path))
        })?;
        if writer_conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(ApiError::Internal(format!(
                "cannot write the database {}: natter needs to write the file and its folder",
                options.path
            )));
        }
        configure(&writer_conn, sync, checkpoints).map_err(|e| open_error(&options.path, e))?;
        schema::migrate(&mut writer_conn).map_err(|e| match e {
            ApiError::Internal(m) => ApiError::Internal(format!("{}: {m}", options.path)),
            other => other,
        })?;

        let shown_path = options.path.clone();
        let reader_path = path.clone();
        let read_queue = options.metrics.read_queue.clone();
        let readers = Readers::start(READ_THREADS, read_queue, move || {
            let c = Connection::open_with_flags(&reader_path, flags)
                .map_err(|e| open_error(&shown_path, e))?;
            configure(&c, sync, checkpoints).map_err(|e| open_error(&shown_path, e))?;
            Ok(c)
        })?;

        let (tx, rx) = mpsc::channel::<WriteJob>(8192);
        let metrics = options.metrics.writer.clone();
        let closing = Arc::new(AtomicBool::new(false));
        let stop = closing.clone();
        let thread = std::thread::Builder::new()
            .name("natter-writer".into())
            .spawn(move || run_writer(writer_conn, rx, metrics, &stop))?;
        Ok(Db {
            readers,
            writer: tx,
            closing,
            writer_thread: Arc::new(Mutex::new(Some(thread))),
        })
    }

    /// Runs `f` on a read connection, on one of the reader threads (off the async threads).
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        self.readers.run(f).await
    }

    /// Runs `f` on the writer connection inside a transaction; resolves once it is committed.
    /// An `Err` from `f` rolls back only `f`'s own changes.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<ApiResult<T>>();
        let job: WriteJob = Box::new(move |conn| {
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| f(conn)))
                .unwrap_or_else(|_| Err(ApiError::Internal("write job panicked".into())));
            let ok = result.is_ok();
            let finish: Finisher = Box::new(move |commit| {
                let _ = tx.send(match commit {
                    Ok(()) => result,
                    Err(e) if ok => Err(ApiError::Internal(format!("commit failed: {e}"))),
                    Err(_) => result,
                });
            });
            (ok, finish)
        });
        self.writer
            .send(job)
            .await
            .map_err(|_| ApiError::Internal("writer stopped".into()))?;
        rx.await
            .map_err(|_| ApiError::Internal("writer dropped a job".into()))?
    }

    /// Moves everything in the write-ahead log into the database file and empties the
    /// log, so that after a clean stop `natter.db` alone holds every message (a copy of
    /// the file without its `-wal` beside it would otherwise miss the latest writes).
    /// Answers whether the checkpoint was complete: `false` when another connection (a
    /// replicator, a `sqlite3` shell, a running backup) kept part of the log in use.
    pub async fn checkpoint(&self) -> ApiResult<bool> {
        self.read(|c| {
            // A reader elsewhere would hold a TRUNCATE checkpoint for the whole busy
            // timeout: one second is enough to finish a normal stop.
            c.busy_timeout(Duration::from_secs(1))?;
            let busy: i64 = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
            c.busy_timeout(Duration::from_secs(5))?;
            Ok(busy == 0)
        })
        .await
    }

    /// Stops the reader and writer threads and waits until their connections are closed.
    /// The last connection to the file to close folds the write-ahead log into it and
    /// removes the `-wal` and `-shm` files, so a command run while no server runs leaves
    /// only the database behind. Reads and writes after it fail.
    pub async fn close(&self) -> ApiResult<()> {
        self.readers.close().await;
        self.closing.store(true, Ordering::Relaxed);
        // Wakes the writer if it waits for work; it stops after this job's group.
        let _ = self.write(|_| Ok(())).await;
        let thread = self
            .writer_thread
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(thread) = thread {
            tokio::task::spawn_blocking(move || thread.join())
                .await
                .map_err(|e| ApiError::Internal(format!("closing the writer: {e}")))?
                .map_err(|_| ApiError::Internal("the writer thread panicked".into()))?;
        }
        Ok(())
    }

    /// Writes a consistent copy of the live database to `dest`.
    pub async fn backup_to(&self, dest: &str) -> ApiResult<()> {
        let dest = dest.to_string();
        self.read(move |c| {
            c.execute("VACUUM INTO ?1", [dest])?;
            Ok(())
        })
        .await
    }
}

fn open_error(path: &str, e: rusqlite::Error) -> ApiError {
    ApiError::Internal(format!("cannot use database {path}: {e}"))
}

/// `:memory:` becomes a uniquely named shared in-memory database so that the writer and
/// the readers see the same data.
fn resolve_path(path: &str) -> (String, OpenFlags) {
    let base = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    if path == ":memory:" {
        let name = format!(
            "file:natter-{}?mode=memory&cache=shared",
            rand::random::<u64>()
        );
        (name, base)
    } else {
        (path.to_string(), base)
    }
}

/// Pragmas every connection gets.
fn configure(
    c: &Connection,
    sync: SyncMode,
    checkpoints: WalCheckpoints,
) -> Result<(), rusqlite::Error> {
    c.busy_timeout(Duration::from_secs(5))?;
    if checkpoints == WalCheckpoints::External {
        // Litestream's requirement: only the replicator checkpoints.
        c.pragma_update(None, "wal_autocheckpoint", 0)?;
    }
    c.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = c.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    let _ = mode; // in-memory databases answer "memory"; that is fine
    c.pragma_update(
        None,
        "synchronous",
        match sync {
            SyncMode::Full => "FULL",
            SyncMode::Normal => "NORMAL",
        },
    )?;
    c.set_prepared_statement_cache_capacity(128);
    // Without this, every statement with `LIMIT ?` is re-prepared each time it is bound
    // (SQLite re-plans for bound values it could use); natter's plans never depend on them.
    c.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    rusqlite::vtab::array::load_module(c)?;
    Ok(())
}

/// A list of ids bound as one parameter, read in SQL as `IN rarray(?N)`: one prepared
/// statement serves any number of ids.
fn id_array(ids: &[i64]) -> rusqlite::vtab::array::Array {
    std::rc::Rc::new(
        ids.iter()
            .copied()
            .map(rusqlite::types::Value::from)
            .collect(),
    )
}

/// The writer thread: drain queued jobs, run each in a savepoint, commit the group once.
/// Ends (closing the connection) once `closing` is set and the group it was in is done.
fn run_writer(
    conn: Connection,
    mut rx: mpsc::Receiver<WriteJob>,
    metrics: WriterMetrics,
    closing: &AtomicBool,
) {
    let mut batch: Vec<WriteJob> = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut finishers = Vec::with_capacity(batch.len());
        let started = std::time::Instant::now();
        let begin = conn.execute_batch("BEGIN IMMEDIATE");
        if let Err(e) = begin {
            let msg = e.to_string();
            for job in batch.drain(..) {
                // Still run nothing; report the failure to every waiter.
                drop(job);
                let _ = &msg;
            }
            tracing::error!("writer cannot begin a transaction: {msg}");
            continue;
        }
        for job in batch.drain(..) {
            let _ = run_cached(&conn, "SAVEPOINT job");
            let (ok, finish) = job(&conn);
            if !ok {
                let _ = run_cached(&conn, "ROLLBACK TO job");
            }
            let _ = run_cached(&conn, "RELEASE job");
            finishers.push(finish);
        }
        let commit = conn.execute_batch("COMMIT").map_err(|e| e.to_string());
        let elapsed = started.elapsed();
        if commit.is_err() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        let jobs = finishers.len() as u64;
        for finish in finishers {
            finish(commit.clone());
        }
        // Recorded after the waiters are told, so it adds nothing to their latency.
        if commit.is_ok() {
            metrics.groups.inc();
            metrics.jobs.inc_by(jobs);
            metrics.commit_seconds.observe(elapsed.as_secs_f64());
        }
        if closing.load(Ordering::Relaxed) {
            break;
        }
    }
}

/// Runs a parameterless statement from the statement cache (the per-job savepoints
/// would otherwise be parsed twice for every write).
fn run_cached(conn: &Connection, sql: &str) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute([])
}

/// Now, as natter stores and renders timestamps: ISO-8601 UTC with microseconds and `Z`.
pub fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}
