//! The SQL of moving in and out (`crate::moving`), kept in the store as every statement
//! is, and named by that room alone (tests/layers.rs): the foreign Django database read
//! for `import django` (`django_source`), the rows an import writes and the links it
//! keeps between the source's ids and natter's (`imports`), and the one-shot copy of a
//! SQLite database into PostgreSQL (`to_postgres`).

pub mod django_source;
pub mod imports;
pub mod to_postgres;
