//! One PostgreSQL connection as a store job sees it (SCALE-OUT.md 4.1): the synchronous
//! `postgres` client, owned by one of natter's own DB threads (never a tokio worker: the
//! sync client runs its own small runtime), with the statements it has prepared.

use super::sql::{postgres_text, Param};
use super::{StoreError, StoreResult};
use std::cell::RefCell;
use std::collections::HashMap;

/// A PostgreSQL connection and its prepared statements, keyed by natter's SQL text.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// Set when a statement failed with a deadlock or a serialization failure: the job
    /// may run again in a new transaction (`PgDb::write`).
    retryable: std::cell::Cell<bool>,
}

impl PgConn {
    /// Connects with a `postgres://` or `postgresql://` URL, or a `host=... dbname=...`
    /// string (`host=/dir` for a Unix socket).
    pub fn connect(url: &str) -> StoreResult<PgConn> {
        let mut client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| {
            StoreError::Internal(format!("cannot connect to PostgreSQL: {}", error_text(&e)))
        })?;
        // PostgreSQL's NOTICEs ("relation natter_schema already exists, skipping" on every
        // start and every command) reach the log at `info` through the driver and say
        // nothing to an operator: only warnings and errors are sent to natter.
        client
            .batch_execute("SET client_min_messages = warning")
            .map_err(|e| {
                StoreError::Internal(format!(
                    "cannot set up the PostgreSQL session: {}",
                    error_text(&e)
                ))
            })?;
        Ok(PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            retryable: std::cell::Cell::new(false),
        })
    }

    /// Runs statements with no parameters and no rows (`BEGIN`, `COMMIT`, the schema).
    pub fn batch(&self, sql: &str) -> StoreResult<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| self.noted(e))
    }

    /// Whether the last failure was one the whole job may retry, and forgets it.
    pub fn take_retryable(&self) -> bool {
        self.retryable.replace(false)
    }

    /// Notes a retryable failure before it becomes the job's error.
    fn noted(&self, e: postgres::Error) -> StoreError {
        let e = StoreError::from(e);
        if matches!(e, StoreError::Retry) {
            self.retryable.set(true);
        }
        e
    }

    /// The prepared statement for natter's `sql`, prepared once per connection.
    fn prepared(&self, sql: &str) -> StoreResult<postgres::Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(&postgres_text(sql))
            .map_err(|e| self.noted(e))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub(in crate::store) fn execute(&self, sql: &str, p: &[&dyn Param]) -> StoreResult<usize> {
        let statement = self.prepared(sql)?;
        let params: Vec<_> = p.iter().map(|v| v.pg()).collect();
        let n = self
            .client
            .borrow_mut()
            .execute(&statement, &params)
            .map_err(|e| self.noted(e))?;
        Ok(n as usize)
    }

    pub(in crate::store) fn query(
        &self,
        sql: &str,
        p: &[&dyn Param],
    ) -> StoreResult<Vec<postgres::Row>> {
        let statement = self.prepared(sql)?;
        let params: Vec<_> = p.iter().map(|v| v.pg()).collect();
        self.client
            .borrow_mut()
            .query(&statement, &params)
            .map_err(|e| self.noted(e))
    }

    /// The client itself, for what natter's statements do not cover (`COPY ... FROM
    /// STDIN` in `copy_to_postgres`). No other method of this connection may be called
    /// while the borrow is held.
    pub(in crate::store) fn client(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    /// Whether the connection is gone (the server restarted, the network dropped): the
    /// thread then opens a new one for its next job.
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }
}

/// A PostgreSQL error with its causes: the error's own text is only its kind (`db
/// error`), and the server's message (`database "x" does not exist`) is its source.
pub(in crate::store) fn error_text(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// Whether `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://") || db.starts_with("host=")
}
