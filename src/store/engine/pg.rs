//! One PostgreSQL connection as a store job sees it (docs/scale-out.md): a `tokio-postgres`
//! client driven by a small runtime of its own, owned by one of natter's own DB threads
//! (never a tokio worker), with the statements it has prepared.
//!
//! It is what the synchronous `postgres` client does, plus one thing that client cannot:
//! statements queued with [`PgConn::queue`] (a group's `BEGIN`, a job's `SAVEPOINT`) go
//! out in the same write as the next statement, and their answers come back with its
//! answer, so they cost no round trip of their own (a send went from 8 round trips to 3;
//! docs/benchmarks.md, "Decisions that rest on a figure").

use super::error::{error_text, is_unreachable, StoreError, StoreResult};
use super::pg_reach::Reach;
use super::sql::{postgres_text, Param};
use futures_util::future::{join, try_join_all};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use tokio_postgres::{Client, Row, Statement};

/// A PostgreSQL connection and its prepared statements, keyed by natter's SQL text.
pub struct PgConn {
    /// Drives the connection's socket whenever a statement waits on it.
    runtime: tokio::runtime::Runtime,
    client: Client,
    statements: RefCell<HashMap<String, Statement>>,
    /// Set when a statement failed with a deadlock or a serialization failure: the job
    /// may run again in a new transaction (`PgDb::write`).
    retryable: Cell<bool>,
    /// Set when the server answered the last failing statement with an error: a group
    /// whose `COMMIT` it refused rolled back, and its jobs may run again alone.
    refused: Cell<bool>,
    /// Statements without parameters or rows that go out ahead of the next statement.
    queued: RefCell<Vec<&'static str>>,
    /// The `plan_cache_mode` the connection is in, or will be once what is queued is
    /// sent ([`PgConn::use_plan_cache_mode`]).
    plan_cache_mode: Cell<PlanCacheMode>,
    /// A statement sent ahead with the next one, and then its answer
    /// ([`PgConn::send_ahead`]).
    ahead: RefCell<Ahead>,
}

/// The statement [`PgConn::send_ahead`] holds back for the next round trip.
enum Ahead {
    None,
    Waiting(Statement, Vec<Box<dyn Param + Send>>),
    Answered(StoreResult<Vec<Row>>),
}

/// How PostgreSQL plans a connection's prepared statements (`plan_cache_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanCacheMode {
    /// PostgreSQL's default: custom plans for the first five runs, then a generic one
    /// if its estimate is no worse.
    Auto,
    /// One generic plan from the first run.
    ForceGeneric,
}

impl PlanCacheMode {
    fn set_sql(self) -> &'static str {
        match self {
            PlanCacheMode::Auto => "SET plan_cache_mode = auto",
            PlanCacheMode::ForceGeneric => "SET plan_cache_mode = force_generic_plan",
        }
    }
}

impl PgConn {
    /// Connects with a `postgres://` or `postgresql://` URL, or a `host=... dbname=...`
    /// string (`host=/dir` for a Unix socket).
    pub fn connect(url: &str) -> StoreResult<PgConn> {
        let cannot = |what: &str, e: &tokio_postgres::Error| {
            if is_unreachable(e) {
                return StoreError::Unreachable(format!("{what}: {}", error_text(e)));
            }
            StoreError::Internal(format!("{what}: {}", error_text(e)))
        };
        let config = super::pg_reach::config(url)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Internal(format!("cannot start a database runtime: {e}")))?;
        let (client, connection) = runtime
            .block_on(config.connect(tokio_postgres::NoTls))
            .map_err(|e| cannot("cannot connect to PostgreSQL", &e))?;
        // Runs whenever the thread waits in `block_on`; ends when the server or the
        // network drops the connection, which `is_closed` then reports.
        runtime.spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("PostgreSQL connection ended: {}", error_text(&e));
            }
        });
        // PostgreSQL's NOTICEs ("relation natter_schema already exists, skipping" on every
        // start and every command) say nothing to an operator: only warnings and errors
        // are sent to natter. `plan_cache_mode` stays `auto`: the hot statements get
        // generic plans after five runs by themselves, and forcing them on every
        // statement made a rare word's search 5x slower (docs/benchmarks.md). The
        // session's timeouts: `pg_reach`.
        let settings = format!(
            "SET client_min_messages = warning; {}",
            super::pg_reach::SESSION_SETTINGS
        );
        runtime
            .block_on(client.batch_execute(&settings))
            .map_err(|e| cannot("cannot set up the PostgreSQL session", &e))?;
        Ok(PgConn {
            runtime,
            client,
            statements: RefCell::new(HashMap::new()),
            retryable: Cell::new(false),
            refused: Cell::new(false),
            queued: RefCell::new(Vec::new()),
            plan_cache_mode: Cell::new(PlanCacheMode::Auto),
            ahead: RefCell::new(Ahead::None),
        })
    }

    /// Runs statements with no parameters and no rows (`COMMIT`, the schema), after
    /// whatever was queued, in one round trip.
    pub fn batch(&self, sql: &str) -> StoreResult<()> {
        let text = match self.take_queued() {
            Some(queued) => format!("{queued}; {sql}"),
            None => sql.to_string(),
        };
        self.runtime
            .block_on(self.client.batch_execute(&text))
            .map_err(|e| self.noted(e))
    }

    /// Sets the connection's own `plan_cache_mode`.
    pub fn set_plan_cache_mode(&self, mode: PlanCacheMode) -> StoreResult<()> {
        self.batch(mode.set_sql())?;
        self.plan_cache_mode.set(mode);
        Ok(())
    }

    /// Has the next statements planned under `mode`: when the connection is in another,
    /// a `SET` goes out with the next statement (no round trip of its own) and the mode
    /// stays until a statement asks for another. Sticky rather than set back after, so a
    /// reader that serves pages keeps its generic plans and pays nothing per page.
    pub(in crate::store) fn use_plan_cache_mode(&self, mode: PlanCacheMode) {
        if self.plan_cache_mode.get() != mode {
            self.queue(mode.set_sql());
            self.plan_cache_mode.set(mode);
        }
    }

    /// Sends `sql` (no parameters, no rows) with the next statement rather than on its
    /// own; a failure of it is that statement's failure.
    pub fn queue(&self, sql: &'static str) {
        self.queued.borrow_mut().push(sql);
    }

    /// Forgets what was queued and not sent (a job that ran no statement), but a change
    /// of `plan_cache_mode`, which the connection already counts as made.
    pub fn unqueue(&self) {
        let modes = [PlanCacheMode::Auto, PlanCacheMode::ForceGeneric].map(PlanCacheMode::set_sql);
        self.queued.borrow_mut().retain(|sql| modes.contains(sql));
    }

    /// What was queued, as one simple query.
    fn take_queued(&self) -> Option<String> {
        let mut queued = self.queued.borrow_mut();
        if queued.is_empty() {
            return None;
        }
        let text = queued.join("; ");
        queued.clear();
        Some(text)
    }

    /// Marks the running write job as one to run again, alone, after its group (as a
    /// deadlock does): see [`crate::store::engine::conn::Tx::run_again`].
    pub(in crate::store) fn mark_retryable(&self) {
        self.retryable.set(true);
    }

    /// Whether the last failure was one the whole job may retry, and forgets it.
    pub fn take_retryable(&self) -> bool {
        self.retryable.replace(false)
    }

    /// Whether the last failure was the server's answer (so the statement, or the
    /// `COMMIT`, certainly took no effect) rather than a lost connection, and forgets it.
    pub fn take_refused(&self) -> bool {
        self.refused.replace(false)
    }

    /// Notes a retryable or refused failure before it becomes the job's error.
    fn noted(&self, e: tokio_postgres::Error) -> StoreError {
        self.refused.set(e.as_db_error().is_some());
        let e = StoreError::from(e);
        if matches!(e, StoreError::Retry) {
            self.retryable.set(true);
        }
        e
    }

    /// The prepared statement for natter's `sql`, prepared once per connection.
    fn prepared(&self, sql: &str) -> StoreResult<Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let statement = self
            .runtime
            .block_on(self.client.prepare(&postgres_text(sql)))
            .map_err(|e| self.noted(e))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    /// Runs `statement`, preceded in the same write by what was queued,
    /// and by the statement sent ahead, whose answer is kept for [`PgConn::take_ahead`].
    fn run<T>(
        &self,
        statement: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> StoreResult<T> {
        let waiting = match self.ahead.replace(Ahead::None) {
            Ahead::Waiting(sql, params) => Some((sql, params)),
            other => {
                self.ahead.replace(other);
                None
            }
        };
        let ahead = async {
            match &waiting {
                Some((sql, params)) => {
                    let params: Vec<_> = params.iter().map(|v| v.pg()).collect();
                    Some(self.client.query(sql, &params).await)
                }
                None => None,
            }
        };
        let queued = self.take_queued();
        let batch = async {
            match &queued {
                Some(queued) => self.client.batch_execute(queued).await,
                None => Ok(()),
            }
        };
        // `join` polls its first future first, so the queued batch is written first,
        // then the statement sent ahead, then `statement`.
        let ((before, ahead), after) = self.runtime.block_on(join(join(batch, ahead), statement));
        if let Some(answer) = ahead {
            let answer = answer.map_err(|e| self.noted(e));
            self.ahead.replace(Ahead::Answered(answer));
        }
        before.and(after).map_err(|e| self.noted(e))
    }

    /// Holds `sql` back to go out with the next statement, in its round trip, rather than
    /// waiting for an answer of its own now: the caller's check beside the job's first
    /// statement (`routing::caller`). Its rows are read with
    /// [`PgConn::take_ahead`]; one statement at a time.
    pub(in crate::store) fn send_ahead(
        &self,
        sql: &str,
        params: Vec<Box<dyn Param + Send>>,
    ) -> StoreResult<()> {
        let statement = self.prepared(sql)?;
        self.ahead.replace(Ahead::Waiting(statement, params));
        Ok(())
    }

    /// Forgets a statement sent ahead and its answer, at the end of a job: the next job
    /// must neither send it nor read it.
    pub fn forget_ahead(&self) {
        self.ahead.replace(Ahead::None);
    }

    /// The rows of the statement [`PgConn::send_ahead`] held back: its answer if a
    /// round trip took it out, else it runs now.
    pub(in crate::store) fn take_ahead(&self) -> StoreResult<Vec<Row>> {
        match self.ahead.replace(Ahead::None) {
            Ahead::Answered(answer) => answer,
            Ahead::Waiting(sql, params) => {
                let params: Vec<_> = params.iter().map(|v| v.pg()).collect();
                self.run(self.client.query(&sql, &params))
            }
            Ahead::None => Err(StoreError::Internal("no statement was sent ahead".into())),
        }
    }

    pub(in crate::store) fn execute(&self, sql: &str, p: &[&dyn Param]) -> StoreResult<usize> {
        let statement = self.prepared(sql)?;
        let params: Vec<_> = p.iter().map(|v| v.pg()).collect();
        let n = self.run(self.client.execute(&statement, &params))?;
        Ok(n as usize)
    }

    pub(in crate::store) fn query(&self, sql: &str, p: &[&dyn Param]) -> StoreResult<Vec<Row>> {
        let statement = self.prepared(sql)?;
        let params: Vec<_> = p.iter().map(|v| v.pg()).collect();
        self.run(self.client.query(&statement, &params))
    }

    /// Runs `statements` in one round trip (pipelined: all are written, then all answers
    /// read), after whatever was queued; their rows in the same order. Each statement
    /// still runs on its own at the server; what it saves is the wait for each answer
    /// before the next is sent (a history page's three statements).
    pub(in crate::store) fn query_pipelined(
        &self,
        statements: &[(&str, &[&dyn Param])],
    ) -> StoreResult<Vec<Vec<Row>>> {
        let prepared = statements
            .iter()
            .map(|(sql, _)| self.prepared(sql))
            .collect::<StoreResult<Vec<_>>>()?;
        let params: Vec<Vec<_>> = statements
            .iter()
            .map(|(_, p)| p.iter().map(|v| v.pg()).collect())
            .collect();
        // `try_join_all` polls the queries in order, so they are written in order.
        let queries = prepared
            .iter()
            .zip(&params)
            .map(|(statement, params)| self.client.query(statement, params));
        self.run(try_join_all(queries))
    }

    /// The client itself, for what natter's statements do not cover (`COPY ... FROM
    /// STDIN` in `copy_to_postgres`); its futures run with [`PgConn::block_on`].
    pub(in crate::store) fn client(&self) -> &Client {
        &self.client
    }

    /// Runs a future of [`PgConn::client`] to its end on this connection's runtime.
    pub(in crate::store) fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.runtime.block_on(f)
    }

    /// Whether the connection is gone (the server restarted, the network dropped): the
    /// thread then opens a new one for its next job.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// The connection back for the next job, or `None` when it closed during this one
    /// (the server restarted, the link broke), which marks the server lost in `reach`
    /// (`who` says whose connection it was, for the log).
    pub fn kept_open(self, reach: &Reach, who: &str) -> Option<PgConn> {
        if self.is_closed() {
            reach.lost(&format!("{who}'s connection closed"));
            return None;
        }
        Some(self)
    }
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://") || db.starts_with("host=")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pipelined statements answer in the order they were given, after what was queued;
    /// one that fails fails the call with its own error, and the connection goes on.
    #[test]
    fn pipelined_statements_answer_in_order_and_a_failure_is_theirs() {
        let Some(pc) =
            crate::store::engine::test_support::fresh_pg("the pipelined statements test")
        else {
            return;
        };
        pc.batch("CREATE TABLE t (n BIGINT)").expect("a table");
        pc.queue("INSERT INTO t VALUES (7)");
        let (one, three): (i64, i64) = (1, 3);
        let rows = pc
            .query_pipelined(&[
                ("SELECT n FROM t", &[]),
                (
                    "SELECT generate_series(?1::bigint, ?2::bigint)",
                    &[&one, &three],
                ),
                ("SELECT count(*) FROM t", &[]),
            ])
            .expect("the answers");
        let numbers: Vec<Vec<i64>> = rows
            .iter()
            .map(|rows| rows.iter().map(|r| r.get(0)).collect())
            .collect();
        assert_eq!(numbers, vec![vec![7], vec![1, 2, 3], vec![1]]);

        let failed = pc.query_pipelined(&[
            ("SELECT 1::bigint", &[]),
            ("SELECT 1 / (?1::bigint - 1)", &[&one]),
        ]);
        let Err(StoreError::Internal(text)) = failed else {
            panic!("the division by zero failed the call: {failed:?}");
        };
        assert!(text.contains("division by zero"), "{text}");
        let after = pc
            .query_pipelined(&[("SELECT count(*) FROM t", &[])])
            .expect("the connection goes on");
        assert_eq!(after[0][0].get::<_, i64>(0), 1);
    }

    /// A statement sent ahead goes out before the next statement and is answered
    /// with it; its failure is its own; alone it runs when its answer is wanted; a job's
    /// end forgets it.
    #[test]
    fn a_statement_sent_ahead_is_answered_with_the_next_one_and_fails_alone() {
        let Some(pc) =
            crate::store::engine::test_support::fresh_pg("the statement sent ahead test")
        else {
            return;
        };
        pc.batch("CREATE TABLE t (n BIGINT)").expect("a table");
        let first_of = |rows: Vec<Row>| -> i64 { rows[0].get(0) };

        // Written before the INSERT that follows it: it counts no row.
        pc.send_ahead("SELECT count(*) FROM t", Vec::new())
            .expect("sent ahead");
        pc.execute("INSERT INTO t VALUES (?1)", &[&7_i64])
            .expect("inserted");
        assert_eq!(first_of(pc.take_ahead().expect("its answer")), 0);

        // Its failure is not the next statement's, and the other way round.
        let one: i64 = 1;
        pc.send_ahead("SELECT 1 / (?1::bigint - 1)", vec![Box::new(one)])
            .expect("sent ahead");
        let n = pc.query("SELECT count(*) FROM t", &[]).expect("a count");
        assert_eq!(first_of(n), 1);
        assert!(pc.take_ahead().is_err());
        pc.send_ahead("SELECT ?1::bigint + 1", vec![Box::new(41_i64)])
            .expect("sent ahead");
        assert!(pc.query("SELECT 1 / (?1::bigint - 1)", &[&one]).is_err());
        assert_eq!(first_of(pc.take_ahead().expect("its answer")), 42);

        // With no statement after it, it runs when its answer is wanted.
        pc.send_ahead("SELECT ?1::bigint * 2", vec![Box::new(21_i64)])
            .expect("sent ahead");
        assert_eq!(first_of(pc.take_ahead().expect("its answer")), 42);

        // Forgotten at a job's end: neither sent with the next job nor answered.
        pc.send_ahead("INSERT INTO t VALUES (8)", Vec::new())
            .expect("sent ahead");
        pc.forget_ahead();
        let n = pc.query("SELECT count(*) FROM t", &[]).expect("a count");
        assert_eq!(first_of(n), 1);
        assert!(pc.take_ahead().is_err());
    }
}
