//! Copies of the whole store: a consistent backup of a running SQLite database
//! (`backup`), and the one-shot copy of a SQLite database into PostgreSQL
//! (`to_postgres`, `natter migrate-to-postgres`).

pub mod backup;
pub mod to_postgres;
