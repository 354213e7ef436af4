//! SQLite storage: the `Db` handle every other layer goes through. Reads run on a few
//! reader threads, each with its own connection, off the async threads; writes go to
//! one writer thread that commits queued writes in groups, so durability costs one
//! fsync per group, not per message.
//! Every SQL statement of natter lives in this module's files.

pub mod audit;
pub mod backup;
pub mod bots;
pub mod calls;
pub mod chat_events;
pub mod clock;
pub mod cluster;
pub mod custom_emoji;
pub mod engine;
pub mod import_notices;
pub mod link_previews;
pub mod lockouts;
pub mod mail;
pub mod matrix;
pub mod matrix_log;
pub mod messaging;
pub mod moving;
pub mod people;
/// The throwaway PostgreSQL cluster of the API tests, for the store's own tests.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../tests/api/pg.rs"]
pub(crate) mod pg_cluster;
pub mod push;
pub mod schema;
pub mod user_groups;

pub use crate::model::{ChatKind, MemberRole};
pub use engine::commit_mark::Mark as CommitMark;
pub use engine::conn::{Ahead, Conn, Dialect, Tx};
pub use engine::error::{StoreError, StoreResult};

use crate::config::{SyncMode, WalCheckpoints};
use crate::hub::Hub;
use crate::metrics::StoreMetrics;
use engine::job::{Job, WriteJob};
use engine::readers::Readers;
use engine::writer::Faults;
use rusqlite::{Connection, OpenFlags};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Reader threads, each with its own connection: reads are CPU work on this machine's
/// few cores, and a few more threads than cores keep one slow read from stalling the rest.
const READ_THREADS: usize = 4;

/// Cheap-to-clone handle to the database: SQLite (a path or `:memory:`) or PostgreSQL
/// (`postgres://...`).
#[derive(Clone)]
pub struct Db {
    engine: Engine,
}

#[derive(Clone)]
enum Engine {
    Sqlite(SqliteDb),
    Postgres(Arc<engine::postgres::PgDb>),
}

/// The SQLite side: reader threads and the one writer thread.
#[derive(Clone)]
struct SqliteDb {
    readers: Readers,
    /// Point reads run on the calling thread (`Db::read_here`).
    quick: Arc<engine::quick_reads::QuickReads>,
    /// Whether anything was committed since a moment (`Db::commit_mark`).
    marks: Arc<engine::commit_mark::CommitMarks>,
    writer: mpsc::Sender<Box<dyn WriteJob>>,
    /// Set by `close`: the writer stops after its current group.
    closing: Arc<AtomicBool>,
    /// Joined by `close`, once.
    writer_thread: Arc<Mutex<Option<std::thread::JoinHandle<()>>>>,
    /// Failures the writer's tests ask for.
    #[cfg_attr(not(test), allow(dead_code))]
    faults: Arc<Faults>,
}

/// Where and how to open the database.
#[derive(Clone)]
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
    /// Where the writer sends what committed jobs queued (`Tx::publish`).
    pub hub: Arc<Hub>,
    /// Whether chat events are numbered and written to the outbox (`chat_events`): on
    /// PostgreSQL when several nodes share it (`--hub nats://...`), never on SQLite.
    pub outbox: bool,
    /// Whether this process serves requests: on PostgreSQL a serving node alone keeps
    /// commit marks (`engine::pg_marks`), which every other writer tells of its commits.
    pub serving: bool,
}

/// The schema version a database named by `db` (the `--db` value) is at once this
/// natter opened it: the newest step it knows, on its kind of store.
pub fn schema_version(db: &str) -> i64 {
    if is_postgres(db) {
        crate::store::schema::postgres::known_version()
    } else {
        schema::LATEST
    }
}

/// Whether `db` (the `--db` value) names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    engine::pg::is_postgres(db)
}

impl Db {
    /// Opens (creating it if `options.create`) and migrates the database, and starts the
    /// writer thread.
    pub fn open(options: &DbOptions) -> StoreResult<Db> {
        if engine::pg::is_postgres(&options.path) {
            // Migrated under an advisory lock, so nodes starting together migrate once; on
            // a thread of its own, as `open` is called from async code, where the sync
            // client (which runs a small runtime of its own) must not block.
            let url = options.path.as_str();
            std::thread::scope(|s| {
                s.spawn(|| schema::postgres::migrate(&engine::pg::PgConn::connect(url)?))
                    .join()
                    .unwrap_or_else(|_| Err(StoreError::Internal("migration panicked".into())))
            })?;
            let delivery = engine::writer::start_delivery(options.hub.clone());
            let marks = engine::pg_marks::PgMarks::new(
                options.serving,
                options.outbox,
                options.metrics.commits_heard.clone(),
            );
            let pg = engine::postgres::PgDb::open(
                &options.path,
                options.metrics.clone(),
                delivery,
                options.outbox,
                marks.clone(),
            )?;
            marks.listen(&options.path);
            return Ok(Db {
                engine: Engine::Postgres(Arc::new(pg)),
            });
        }
        let (path, mut flags) = resolve_path(&options.path);
        if !options.create {
            flags.remove(OpenFlags::SQLITE_OPEN_CREATE);
        }
        let sync = options.sync;
        let checkpoints = options.checkpoints;
        let mut writer_conn = Connection::open_with_flags(&path, flags).map_err(|e| {
            StoreError::Internal(format!("cannot open database {}: {e}", options.path))
        })?;
        if writer_conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::Internal(format!(
                "cannot write the database {}: natter needs to write the file and its folder",
                options.path
            )));
        }
        configure(&writer_conn, sync, checkpoints).map_err(|e| open_error(&options.path, e))?;
        schema::migrate(&mut writer_conn)
            .map_err(|e| StoreError::Internal(format!("{}: {e}", options.path)))?;

        let shown_path = options.path.clone();
        let reader_path = path.clone();
        let read_queue = options.metrics.read_queue.clone();
        let open_reader = move || {
            let c = Connection::open_with_flags(&reader_path, flags)
                .map_err(|e| open_error(&shown_path, e))?;
            configure(&c, sync, checkpoints).map_err(|e| open_error(&shown_path, e))?;
            Ok(c)
        };
        let quick = Arc::new(engine::quick_reads::QuickReads::new(open_reader.clone()));
        let marks = Arc::new(engine::commit_mark::CommitMarks::new(writer_conn.path()));
        let readers = Readers::start(READ_THREADS, read_queue, open_reader)?;

        let (tx, rx) = mpsc::channel::<Box<dyn WriteJob>>(8192);
        let faults = Arc::new(Faults::default());
        let writer = engine::writer::Writer {
            conn: writer_conn,
            metrics: options.metrics.writer.clone(),
            delivery: engine::writer::start_delivery(options.hub.clone()),
            faults: faults.clone(),
        };
        let closing = Arc::new(AtomicBool::new(false));
        let stop = closing.clone();
        let thread = std::thread::Builder::new()
            .name("natter-writer".into())
            .spawn(move || writer.run(rx, &stop))
            .map_err(|e| StoreError::Internal(format!("cannot start the writer: {e}")))?;
        Ok(Db {
            engine: Engine::Sqlite(SqliteDb {
                readers,
                quick,
                marks,
                writer: tx,
                closing,
                writer_thread: Arc::new(Mutex::new(Some(thread))),
                faults,
            }),
        })
    }

    /// Runs `f` on a read connection, on one of the reader threads (off the async threads).
    /// `f` answers in its caller's error type, which the store's own errors convert into.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Conn) -> Result<T, E> + Send + 'static,
    {
        match &self.engine {
            Engine::Sqlite(db) => db.readers.run(f).await,
            Engine::Postgres(pg) => pg.read(f).await,
        }
    }

    /// Runs `f` here, on the calling thread, on SQLite (`engine::quick_reads`: point
    /// reads by key only, such as a ready page's check); `None` on PostgreSQL, where every
    /// read is a round trip and goes through [`Db::read`].
    pub fn read_here<T, E, F>(&self, f: F) -> Option<Result<T, E>>
    where
        E: From<StoreError>,
        F: FnOnce(&Conn) -> Result<T, E>,
    {
        match &self.engine {
            Engine::Sqlite(db) => Some(db.quick.run(f)),
            Engine::Postgres(_) => None,
        }
    }

    /// A mark of the database's last commit, by any process (`engine::commit_mark`,
    /// `engine::pg_marks`): two equal marks mean nothing was committed between them.
    /// `None` for a database in memory, when the mark cannot be read, and on PostgreSQL
    /// but on a node serving alone that hears other processes' commits.
    pub fn commit_mark(&self) -> Option<CommitMark> {
        match &self.engine {
            Engine::Sqlite(db) => db.marks.read(),
            Engine::Postgres(pg) => pg.commit_mark(),
        }
    }

    /// Runs `f` on the writer connection inside a transaction; resolves once it is
    /// committed, after the hub has been handed what `f` queued on its `Tx`. An `Err`
    /// from `f` rolls back only `f`'s own changes and events. As with `read`, `f` answers
    /// in its caller's error type.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        self.write_on(None, false, f).await
    }

    /// `write` for a job about one chat (a send): on PostgreSQL the jobs of one chat
    /// share a writer thread, so the threads' groups run side by side without waiting on
    /// each other's chat rows (`pg_writer.rs`). On SQLite it is `write`.
    pub async fn write_in_chat<T, E, F>(&self, chat_id: i64, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        self.write_on(Some(chat_id), false, f).await
    }

    /// `write_in_chat` for a send: on SQLite, the chat's counters the send notes (last
    /// message, count, page version, time bounds) are held for the end of the writer's
    /// group while only sends run, and written before any other job and before the
    /// COMMIT (`engine::chats_pending`). `f` must read none of them. What it reads of the
    /// chat, its members and the next message id is kept for the group's later sends
    /// (`engine::send_run`), so `f` must change none of those but by its one message.
    pub async fn send_in_chat<T, E, F>(&self, chat_id: i64, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        self.write_on(Some(chat_id), true, f).await
    }

    /// [`Db::send_in_chat`] for a send whose chat `f` finds itself (the inbox's send to a
    /// person finds their direct chat): the same promises, so `f` may make no chat; a
    /// caller whose chat is still to be made makes it, and sends, in a [`Db::write`]. On
    /// PostgreSQL it runs where jobs of no one chat run.
    pub async fn send_in_found_chat<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        self.write_on(None, true, f).await
    }

    async fn write_on<T, E, F>(&self, chat: Option<i64>, send: bool, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnMut(&Tx) -> Result<T, E> + Send + 'static,
    {
        let db = match &self.engine {
            Engine::Sqlite(db) => db,
            Engine::Postgres(pg) => return pg.write(chat, f).await,
        };
        let (reply, rx) = oneshot::channel::<Result<T, E>>();
        let job: Box<dyn WriteJob> = Box::new(Job { f, reply, send });
        db.writer
            .send(job)
            .await
            .map_err(|_| StoreError::Internal("writer stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Internal("writer dropped a job".into()))?
    }

    /// Moves everything in the write-ahead log into the database file and empties the
    /// log, so that after a clean stop `natter.db` alone holds every message (a copy of
    /// the file without its `-wal` beside it would otherwise miss the latest writes).
    /// Answers whether the checkpoint was complete: `false` when another connection (a
    /// replicator, a `sqlite3` shell, a running backup) kept part of the log in use.
    pub async fn checkpoint(&self) -> StoreResult<bool> {
        if self.is_postgres() {
            // PostgreSQL manages its own write-ahead log.
            return Ok(true);
        }
        self.read(|c| {
            // A reader elsewhere would hold a TRUNCATE checkpoint for the whole busy
            // timeout: one second is enough to finish a normal stop.
            let c = c.sqlite()?;
            c.busy_timeout(Duration::from_secs(1))
                .map_err(StoreError::from)?;
            let busy: i64 = c
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
                .map_err(StoreError::from)?;
            c.busy_timeout(Duration::from_secs(5))
                .map_err(StoreError::from)?;
            Ok(busy == 0)
        })
        .await
    }

    /// Stops the reader and writer threads and waits until their connections are closed.
    /// The last connection to the file to close folds the write-ahead log into it and
    /// removes the `-wal` and `-shm` files, so a command run while no server runs leaves
    /// only the database behind. Reads and writes after it fail.
    pub async fn close(&self) -> StoreResult<()> {
        let db = match &self.engine {
            Engine::Sqlite(db) => db,
            Engine::Postgres(pg) => {
                pg.close().await;
                return Ok(());
            }
        };
        db.readers.close().await;
        db.closing.store(true, Ordering::Relaxed);
        // Wakes the writer if it waits for work; it stops after this job's group.
        let _ = self.write(|_| StoreResult::Ok(())).await;
        let thread = db
            .writer_thread
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(thread) = thread {
            tokio::task::spawn_blocking(move || thread.join())
                .await
                .map_err(|e| StoreError::Internal(format!("closing the writer: {e}")))?
                .map_err(|_| StoreError::Internal("the writer thread panicked".into()))?;
        }
        Ok(())
    }

    /// A fresh in-memory database handing its events to `hub`, for unit tests.
    #[cfg(test)]
    pub(crate) fn in_memory(hub: Arc<Hub>) -> Db {
        Db::for_tests(":memory:", hub)
    }

    /// A database at `path` (a PostgreSQL URL in the cluster tests), made if need be,
    /// handing its events to `hub`, for unit tests.
    #[cfg(test)]
    pub(crate) fn for_tests(path: &str, hub: Arc<Hub>) -> Db {
        Db::open(&DbOptions {
            path: path.to_string(),
            create: true,
            sync: crate::config::SyncMode::Normal,
            checkpoints: WalCheckpoints::Natter,
            metrics: Default::default(),
            hub,
            outbox: false,
            serving: false,
        })
        .expect("open the test database")
    }

    /// Whether this is PostgreSQL (no file to back up or checkpoint).
    pub fn is_postgres(&self) -> bool {
        matches!(self.engine, Engine::Postgres(_))
    }

    /// The SQLite side, for the writer's tests.
    #[cfg(test)]
    fn sqlite_parts(&self) -> &SqliteDb {
        match &self.engine {
            Engine::Sqlite(db) => db,
            Engine::Postgres(_) => panic!("the writer's tests run on SQLite"),
        }
    }
}

fn open_error(path: &str, e: rusqlite::Error) -> StoreError {
    StoreError::Internal(format!("cannot use database {path}: {e}"))
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
