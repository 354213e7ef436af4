//! The façade every store function takes: a connection inside a read job ([`Conn`]) or
//! a write job's transaction ([`Tx`]); the store's own error is `error.rs`. No `rusqlite` type
//! leaves `store/`: the domain holds a `&Conn` or a `&Tx` and passes it to the store's
//! functions, so a second backend (PostgreSQL, docs/scale-out.md) can sit behind the
//! same two types without the domain changing.

use super::error::{StoreError, StoreResult};
use super::pg::{PgConn, PlanCacheMode};
use super::sql::{Param, Row};
use crate::hub::{Emit, Published};
use std::cell::RefCell;
use std::sync::Arc;

/// Which backend a connection talks to, for the few statements spelled differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection for the length of one job; the store's functions run their SQL on it.
pub struct Conn<'a> {
    backend: Backend<'a>,
}

#[derive(Clone, Copy)]
enum Backend<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(&'a PgConn),
}

impl<'a> Conn<'a> {
    pub(in crate::store) fn new(sql: &'a rusqlite::Connection) -> Self {
        Conn {
            backend: Backend::Sqlite(sql),
        }
    }

    pub(in crate::store) fn pg(pg: &'a PgConn) -> Self {
        Conn {
            backend: Backend::Pg(pg),
        }
    }

    /// Which backend this is.
    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Pg(_) => Dialect::Postgres,
        }
    }

    /// Runs `f` in one read transaction on SQLite, so its statements see one snapshot and
    /// take the database's locks once instead of once each: a search's page ran about 80
    /// statements, whose locking and unlocking was about a quarter of its reader's time
    /// (perf; docs/benchmarks.md). On PostgreSQL, or inside a transaction, `f`
    /// runs as it is.
    pub fn in_one_snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Conn) -> Result<T, E>,
    ) -> Result<T, E> {
        let Backend::Sqlite(c) = self.backend else {
            return f(self);
        };
        if !c.is_autocommit() {
            return f(self);
        }
        c.prepare_cached("BEGIN")
            .and_then(|mut begin| begin.execute([]))
            .map_err(StoreError::from)?;
        let out = f(self);
        // Nothing was written: ending the transaction either way only lets go of it.
        if !c.is_autocommit() {
            let _ = c
                .prepare_cached("ROLLBACK")
                .and_then(|mut end| end.execute([]));
        }
        out
    }

    /// The SQLite connection, for what only SQLite has (its full-text index, pragmas);
    /// an error on PostgreSQL.
    pub(in crate::store) fn sqlite(&self) -> StoreResult<&'a rusqlite::Connection> {
        match self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(StoreError::Internal(
                "a SQLite-only statement ran on PostgreSQL".into(),
            )),
        }
    }

    /// Runs a statement that returns no rows; answers how many rows it changed.
    pub(in crate::store) fn exec(&self, sql: &str, p: &[&dyn Param]) -> StoreResult<usize> {
        match self.backend {
            Backend::Sqlite(c) => Ok(c
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(p.iter().map(|v| v.sqlite())))?),
            Backend::Pg(c) => c.execute(sql, p),
        }
    }

    /// Calls `f` with each row the query returns, in order, while it is read; `f`'s
    /// error ends the query.
    pub(in crate::store) fn each<E: From<StoreError>>(
        &self,
        sql: &str,
        p: &[&dyn Param],
        mut f: impl FnMut(&Row<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.backend {
            Backend::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql).map_err(StoreError::from)?;
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(p.iter().map(|v| v.sqlite())))
                    .map_err(StoreError::from)?;
                while let Some(r) = rows.next().map_err(StoreError::from)? {
                    f(&Row::Sqlite(r))?;
                }
                Ok(())
            }
            Backend::Pg(c) => {
                for r in &c.query(sql, p)? {
                    f(&Row::Pg(r))?;
                }
                Ok(())
            }
        }
    }

    /// Has PostgreSQL plan the next statements under `mode` (`plan_cache_mode`; see
    /// [`PgConn::use_plan_cache_mode`]): a statement whose right plan does not depend on
    /// its parameters asks for generic plans, a search for `auto`. Nothing on SQLite.
    pub(in crate::store) fn use_plans(&self, mode: PlanCacheMode) {
        if let Backend::Pg(c) = self.backend {
            c.use_plan_cache_mode(mode);
        }
    }

    /// Calls `f` with the index of each statement of `statements` and each row it
    /// returns, statement after statement, in order. On PostgreSQL they go out together
    /// and are answered in one round trip ([`PgConn::query_pipelined`]); on SQLite they
    /// run one after the other, each row seen while it is read. `f`'s error ends them.
    pub(in crate::store) fn each_of<E: From<StoreError>>(
        &self,
        statements: &[(&str, &[&dyn Param])],
        mut f: impl FnMut(usize, &Row<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.backend {
            Backend::Sqlite(_) => {
                for (i, (sql, p)) in statements.iter().enumerate() {
                    self.each(sql, p, |r| f(i, r))?;
                }
                Ok(())
            }
            Backend::Pg(c) => {
                for (i, rows) in c.query_pipelined(statements)?.iter().enumerate() {
                    for r in rows {
                        f(i, &Row::Pg(r))?;
                    }
                }
                Ok(())
            }
        }
    }

    /// The first row the query returns, read by `f`, or `None`.
    pub(in crate::store) fn opt<T>(
        &self,
        sql: &str,
        p: &[&dyn Param],
        f: impl FnOnce(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Option<T>> {
        match self.backend {
            Backend::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows =
                    stmt.query(rusqlite::params_from_iter(p.iter().map(|v| v.sqlite())))?;
                match rows.next()? {
                    Some(r) => f(&Row::Sqlite(r)).map(Some),
                    None => Ok(None),
                }
            }
            Backend::Pg(c) => match c.query(sql, p)?.first() {
                Some(r) => f(&Row::Pg(r)).map(Some),
                None => Ok(None),
            },
        }
    }

    /// The first row the query returns, read by `f`; an error when there is none.
    pub(in crate::store) fn one<T>(
        &self,
        sql: &str,
        p: &[&dyn Param],
        f: impl FnOnce(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.opt(sql, p, f)?
            .ok_or_else(|| StoreError::Internal(format!("no row from: {sql}")))
    }

    /// Every row the query returns, each read by `f`.
    pub(in crate::store) fn all<T>(
        &self,
        sql: &str,
        p: &[&dyn Param],
        mut f: impl FnMut(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let mut out = Vec::new();
        self.each(sql, p, |r| {
            out.push(f(r)?);
            Ok::<(), StoreError>(())
        })?;
        Ok(out)
    }
}

/// A one-row read whose answer the job takes after its next statements: the caller's
/// check beside a history page (`routing::caller`). On PostgreSQL it goes out with
/// the job's next statement, in the same round trip ([`PgConn::send_ahead`]); on SQLite,
/// where a statement costs no round trip, it runs at once.
pub struct Ahead<T> {
    /// SQLite's answer, read at once.
    answered: Option<StoreResult<Option<T>>>,
    read: fn(&Row<'_>) -> StoreResult<T>,
}

impl<T> Ahead<T> {
    /// The first row of the answer, read by the function the read was sent with.
    pub fn answer(self, c: &Conn) -> StoreResult<Option<T>> {
        if let Some(answered) = self.answered {
            return answered;
        }
        match c.backend {
            Backend::Pg(pc) => match pc.take_ahead()?.first() {
                Some(r) => (self.read)(&Row::Pg(r)).map(Some),
                None => Ok(None),
            },
            Backend::Sqlite(_) => Err(StoreError::Internal(
                "a read sent ahead on PostgreSQL was answered on SQLite".into(),
            )),
        }
    }
}

impl Conn<'_> {
    /// Sends `sql` ahead of the job's next statement (see [`Ahead`]); one at a time.
    pub(in crate::store) fn ahead<T>(
        &self,
        sql: &str,
        p: Vec<Box<dyn Param + Send>>,
        read: fn(&Row<'_>) -> StoreResult<T>,
    ) -> Ahead<T> {
        let answered = match self.backend {
            Backend::Sqlite(_) => {
                let params: Vec<&dyn Param> = p.iter().map(|v| &**v as &dyn Param).collect();
                Some(self.opt(sql, &params, read))
            }
            Backend::Pg(pc) => pc.send_ahead(sql, p).err().map(Err),
        };
        Ahead { answered, read }
    }
}

/// A write job's share of the group transaction. It reads and writes like a [`Conn`]
/// (through `Deref`) and also queues what the job wants the hub to send: the writer
/// hands the queue to the hub after the group commits, in commit order, and drops it
/// if the job or the group rolls back. So an event is never seen before its change is
/// durable, and events of one chat leave in the order their ids were given.
pub struct Tx<'a> {
    conn: Conn<'a>,
    emitted: RefCell<Vec<Emit>>,
}

impl<'a> Tx<'a> {
    pub(in crate::store) fn new(sql: &'a rusqlite::Connection) -> Self {
        Tx {
            conn: Conn::new(sql),
            emitted: RefCell::new(Vec::new()),
        }
    }

    pub(in crate::store) fn pg(pg: &'a PgConn) -> Self {
        Tx {
            conn: Conn::pg(pg),
            emitted: RefCell::new(Vec::new()),
        }
    }

    /// The error that has the PostgreSQL writer roll this job back and run it once
    /// more, alone, after its group, as after a deadlock: a job that ran with a guessed
    /// caller whose check then named the account changed (`routing::caller`). On SQLite,
    /// where no job guesses, it is only an error.
    pub fn run_again(&self) -> StoreError {
        if let Backend::Pg(pc) = self.conn.backend {
            pc.mark_retryable();
        }
        StoreError::Internal("the write job was to run again".into())
    }

    /// Sends `event` to the hub once this job's group has committed.
    pub fn publish(&self, event: Arc<Published>) {
        self.emitted.borrow_mut().push(Emit::Event(event));
    }

    /// Stops live delivery of `chat_id` to `user_id`'s sockets once this job's group has
    /// committed (after a removal), after the events this job queued before it.
    pub fn revoke(&self, chat_id: i64, user_id: i64) {
        self.emitted
            .borrow_mut()
            .push(Emit::Revoke { chat_id, user_id });
    }

    /// Closes every socket opened with `sign_in` once this job's group has committed
    /// (after its key or session was deleted).
    pub fn sign_out(&self, sign_in: crate::hub::SignIn) {
        self.emitted.borrow_mut().push(Emit::SignOut(sign_in));
    }

    /// Closes, once the job commits, every socket of `user_id` on every node but those
    /// opened with `keep`, and records it in `lockouts` for servers the bus does not
    /// reach (a command line run beside them).
    pub fn lock_out(&self, user_id: i64, keep: Option<crate::hub::SignIn>) -> StoreResult<()> {
        let kept = keep.map(|k| k.0.to_vec()).unwrap_or_default();
        crate::store::lockouts::insert(self, user_id, &kept, &crate::store::clock::now())?;
        self.emitted
            .borrow_mut()
            .push(Emit::LockOut { user_id, keep });
        Ok(())
    }

    /// What the job queued, in order.
    pub(in crate::store) fn into_emitted(self) -> Vec<Emit> {
        self.emitted.into_inner()
    }
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Conn<'a>;
    fn deref(&self) -> &Conn<'a> {
        &self.conn
    }
}
