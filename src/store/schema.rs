//! Migrations: `schema.sql` is step 1, `migrations/N-*.sql` step N; `PRAGMA user_version`
//! records the last step applied.

use crate::error::{ApiError, ApiResult};
use rusqlite::Connection;

/// The whole schema, as shipped.
const SCHEMA: &str = include_str!("../../schema.sql");

/// Each step, in order; step N brings `user_version` from N-1 to N.
const STEPS: &[&str] = &[
    SCHEMA,
    include_str!("../../migrations/2-message-counts.sql"),
];

/// The schema version this binary writes.
pub const LATEST: i64 = STEPS.len() as i64;

/// Brings the database up to `LATEST`, refusing newer or foreign databases.
pub fn migrate(conn: &mut Connection) -> ApiResult<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| ApiError::Internal(format!("not a readable SQLite database ({e})")))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| ApiError::Internal(format!("not a readable SQLite database ({e})")))?;
    if version > LATEST {
        return Err(ApiError::Internal(format!(
            "database schema version {version} is newer than this natter understands ({LATEST}); refusing to touch it"
        )));
    }
    if version == 0 && tables > 0 {
        return Err(ApiError::Internal(
            "database already holds tables that natter did not create; refusing to touch it".into(),
        ));
    }
    for (index, step) in STEPS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)
            .map_err(|e| ApiError::Internal(format!("migration step {} failed: {e}", index + 1)))?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads a value from the `settings` table.
pub fn get_setting(conn: &Connection, key: &str) -> ApiResult<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
    let mut rows = stmt.query([key])?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// Stores a value in the `settings` table unless one is there; returns the stored value.
pub fn get_or_insert_setting(conn: &Connection, key: &str, value: &str) -> ApiResult<String> {
    conn.prepare_cached("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)")?
        .execute([key, value])?;
    get_setting(conn, key)?.ok_or_else(|| ApiError::Internal(format!("setting {key} vanished")))
}
