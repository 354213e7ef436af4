//! The store's own error, and what a database's error means in its words: a unique
//! index broken, a transaction to run again, a server that cannot be reached. Every
//! engine file names it and it names none of them, so the engine's files draw no circle.

use tokio_postgres::error::SqlState;

/// What can go wrong in the store itself (never a rule of the domain).
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// Every reader is busy and the queue of reads is full: the caller may retry.
    #[error("the database is busy")]
    Busy,
    /// A write broke the unique index or constraint named here: another writer (another
    /// node, on PostgreSQL) took the same name or pair first. The domain turns it into
    /// the field error its own check would have given.
    #[error("unique constraint {0} violated")]
    Unique(String),
    /// PostgreSQL gave up the job's transaction to break a deadlock or a serialization
    /// conflict; running the whole job again is safe and usually succeeds.
    #[error("the transaction must be retried")]
    Retry,
    /// PostgreSQL cannot be reached now (the link is down, the server is restarting):
    /// the caller may retry in a moment; the surfaces answer 503 with `Retry-After`. The
    /// text (PostgreSQL's or the socket's own words) is for the log only.
    #[error("the database cannot be reached: {0}")]
    Unreachable(String),
    /// The database failed, or a row that must exist is gone. Logged, never shown.
    #[error("{0}")]
    Internal(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi;
        match &e {
            // SQLite names no constraint, only its columns ("UNIQUE constraint failed:
            // users.username"; several are joined by ", "), so that is the name given.
            rusqlite::Error::SqliteFailure(f, message)
                if f.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                let columns = message
                    .as_deref()
                    .and_then(|m| m.split_once("constraint failed: "))
                    .map(|(_, columns)| columns)
                    .unwrap_or_default();
                StoreError::Unique(columns.to_string())
            }
            _ => StoreError::Internal(format!("database: {e}")),
        }
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) if *db.code() == SqlState::UNIQUE_VIOLATION => {
                StoreError::Unique(db.constraint().unwrap_or_default().to_string())
            }
            Some(db)
                if *db.code() == SqlState::T_R_DEADLOCK_DETECTED
                    || *db.code() == SqlState::T_R_SERIALIZATION_FAILURE =>
            {
                StoreError::Retry
            }
            _ if is_unreachable(&e) => StoreError::Unreachable(error_text(&e)),
            _ => StoreError::Internal(format!("database: {}", error_text(&e))),
        }
    }
}

/// What a store function returns.
pub type StoreResult<T> = Result<T, StoreError>;

/// Whether `e` means the server cannot be reached now (the connection was lost, could not
/// be made, or the server is shutting down or ended the session), rather than that it
/// refused a statement.
pub fn is_unreachable(e: &tokio_postgres::Error) -> bool {
    match e.as_db_error() {
        // Not the server's answer: a closed connection, a socket's error, a timeout; a
        // value natter could not read from a row is none of these (it is a bug: 500).
        None => {
            e.is_closed()
                || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
                || e.to_string() == "timeout waiting for server"
        }
        Some(db) => {
            let code = db.code().code();
            // Class 08 (connection exception), 57P01-57P03 (shutting down, cannot
            // connect now), 25P03 (the session idled in a transaction too long).
            code.starts_with("08")
                || code.starts_with("57P")
                || *db.code() == SqlState::IDLE_IN_TRANSACTION_SESSION_TIMEOUT
        }
    }
}

/// A PostgreSQL error with its causes: the error's own text is only its kind (`db
/// error`), and the server's message (`database "x" does not exist`) is its source.
pub(in crate::store) fn error_text(e: &tokio_postgres::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
