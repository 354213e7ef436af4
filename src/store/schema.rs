//! Migrations: `schema.sql` is step 1, `migrations/N-*.sql` step N; `PRAGMA user_version`
//! records the last step applied. Step 7 also runs Rust (`store::name_keys`) after its SQL.

use super::{StoreError, StoreResult};
use rusqlite::Connection;

/// The whole schema, as shipped.
const SCHEMA: &str = include_str!("../../schema.sql");

/// Each step, in order; step N brings `user_version` from N-1 to N.
const STEPS: &[&str] = &[
    SCHEMA,
    include_str!("../../migrations/2-message-counts.sql"),
    include_str!("../../migrations/3-messages-by-chat.sql"),
    include_str!("../../migrations/4-message-search.sql"),
    include_str!("../../migrations/5-postgresql-only.sql"),
    include_str!("../../migrations/6-search-adds-from-the-writer.sql"),
    include_str!("../../migrations/7-name-keys.sql"),
];

/// The schema version this binary writes.
pub const LATEST: i64 = STEPS.len() as i64;

/// Brings the database up to `LATEST`, refusing newer or foreign databases.
pub fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::Internal(format!("not a readable SQLite database ({e})")))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| StoreError::Internal(format!("not a readable SQLite database ({e})")))?;
    if version > LATEST {
        return Err(StoreError::Internal(format!(
            "database schema version {version} is newer than this natter understands ({LATEST}); refusing to touch it"
        )));
    }
    if version == 0 && tables > 0 {
        return Err(StoreError::Internal(
            "database already holds tables that natter did not create; refusing to touch it".into(),
        ));
    }
    if version == LATEST {
        return Ok(());
    }
    // Steps rebuild tables, and dropping a table with foreign keys on deletes what refers
    // to it; SQLite ignores this pragma inside a transaction, so it is set around them.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let applied = apply_steps(conn, version);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    applied
}

/// Applies the steps after `version`, each in its own transaction, checking before each
/// commit that the step left no foreign key dangling.
fn apply_steps(conn: &mut Connection, version: i64) -> StoreResult<()> {
    for (index, step) in STEPS.iter().enumerate().skip(version as usize) {
        let failed = |e: &dyn std::fmt::Display| {
            StoreError::Internal(format!("migration step {} failed: {e}", index + 1))
        };
        let tx = conn.transaction()?;
        tx.execute_batch(step).map_err(|e| failed(&e))?;
        if index as i64 + 1 == super::name_keys::STEP {
            // The keys are Unicode work SQLite cannot do: computed here, in the step's
            // own transaction, before its commit.
            super::name_keys::fill_and_warn(&super::Conn::new(&tx)).map_err(|e| failed(&e))?;
        }
        let dangling: i64 = tx
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(|e| failed(&e))?;
        if dangling > 0 {
            return Err(failed(&format!("{dangling} foreign keys left dangling")));
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Reads a value from the `settings` table.
pub fn get_setting(conn: &super::Conn, key: &str) -> super::StoreResult<Option<String>> {
    conn.opt("SELECT value FROM settings WHERE key = ?1", &[&key], |r| {
        r.get(0)
    })
}

/// Stores a value in the `settings` table unless one is there; returns the stored value.
pub fn get_or_insert_setting(
    conn: &super::Conn,
    key: &str,
    value: &str,
) -> super::StoreResult<String> {
    conn.exec(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&key, &value],
    )?;
    get_setting(conn, key)?
        .ok_or_else(|| super::StoreError::Internal(format!("setting {key} vanished")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(c: &Connection, sql: &str) -> i64 {
        c.query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// A database made by a natter of step 2 keeps every message, reaction and
    /// attachment through step 3, and foreign keys and count triggers still work after.
    #[test]
    fn step_3_keeps_messages_reactions_and_attachments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = Connection::open(dir.path().join("old.db")).expect("open");
        c.pragma_update(None, "foreign_keys", "ON").expect("fk");
        for step in &STEPS[..2] {
            c.execute_batch(step).expect("old step");
        }
        c.pragma_update(None, "user_version", 2).expect("version");
        c.execute_batch(
            "INSERT INTO users (id, username, created_at) VALUES (1, 'ann', 't'), (2, 'bob', 't');
             INSERT INTO chats (id, kind, created_at, updated_at) VALUES (1, 'group', 't', 't'),
                                                                        (2, 'group', 't', 't');
             INSERT INTO messages (id, chat_id, sender_id, content, created_at)
                 VALUES (5, 1, 1, 'one', 't'), (6, 2, 2, 'two', 't'), (9, 1, 2, 'three', 't');
             INSERT INTO reactions VALUES (5, 2, ':)', 't');
             INSERT INTO files (id, owner_id, filename, content_type, size, sha256, created_at)
                 VALUES (1, 1, 'a.txt', 'text/plain', 1, 'x', 't');
             INSERT INTO message_files VALUES (9, 1);",
        )
        .expect("old rows");

        migrate(&mut c).expect("migrate");

        assert_eq!(count(&c, "PRAGMA user_version"), LATEST);
        assert_eq!(count(&c, "PRAGMA foreign_keys"), 1);
        assert_eq!(count(&c, "SELECT count(*) FROM messages"), 3);
        assert_eq!(count(&c, "SELECT count(*) FROM reactions"), 1);
        assert_eq!(count(&c, "SELECT count(*) FROM message_files"), 1);
        assert_eq!(
            count(&c, "SELECT reaction_count FROM messages WHERE id = 5"),
            1
        );
        assert_eq!(count(&c, "SELECT file_count FROM messages WHERE id = 9"), 1);
        let first = crate::store::messages::insert(&super::super::Conn::new(&c), 2, 1, "four", "t")
            .expect("insert after");
        assert_eq!(first.id, 10);
        c.execute("INSERT INTO reactions VALUES (10, 1, ':(', 't')", [])
            .expect("react");
        assert_eq!(
            count(&c, "SELECT reaction_count FROM messages WHERE id = 10"),
            1
        );
        c.execute("DELETE FROM chats WHERE id = 1", [])
            .expect("delete chat");
        assert_eq!(count(&c, "SELECT count(*) FROM messages"), 2);
        assert_eq!(count(&c, "SELECT count(*) FROM reactions"), 1);
        assert_eq!(count(&c, "SELECT count(*) FROM message_files"), 0);
        let dup = c.execute(
            "INSERT INTO messages (chat_id, id, content, created_at) VALUES (1, 6, 'x', 't')",
            [],
        );
        assert!(dup.is_err(), "message ids stay unique across chats");
    }
}
