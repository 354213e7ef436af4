//! The store's engine, apart from its per-table statements: a connection on either
//! database (`conn`, `sql`: one spelling rewritten for PostgreSQL), the reader threads
//! (`readers`) and the point reads run on the calling thread (`quick_reads`), the group-commit writers (`writer` on SQLite, `pg_writer` in lanes on
//! PostgreSQL), and PostgreSQL's connection and pool (`pg`, `postgres`), and how a connection copes
//! with a broken network (`pg_reach`).

pub mod chats_pending;
pub mod commit_mark;
pub mod conn;
pub mod error;
pub mod group_held;
pub mod index_pending;
pub mod job;
pub mod noted_words;
pub mod owed_pending;
pub mod pg;
pub mod pg_marks;
pub mod pg_reach;
pub mod pg_writer;
pub mod postgres;
pub mod quick_reads;
pub mod readers;
pub mod send_run;
pub mod sql;
#[cfg(test)]
pub mod test_support;
pub mod words;
pub mod writer;
