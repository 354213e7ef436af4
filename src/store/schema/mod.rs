//! Migrations: `schema.sql` is step 1, `migrations/N-*.sql` step N; `PRAGMA user_version`
//! records the last step applied. Step 7 also runs Rust (`store::schema::name_keys`) after its SQL.

mod name_keys;
pub mod postgres;

use crate::store::engine::error::{StoreError, StoreResult};
use rusqlite::Connection;

/// The whole schema, as shipped.
const SCHEMA: &str = include_str!("../../../schema.sql");

/// Each step, in order; step N brings `user_version` from N-1 to N.
const STEPS: &[&str] = &[
    SCHEMA,
    include_str!("../../../migrations/2-message-counts.sql"),
    include_str!("../../../migrations/3-messages-by-chat.sql"),
    include_str!("../../../migrations/4-message-search.sql"),
    include_str!("../../../migrations/5-postgresql-only.sql"),
    include_str!("../../../migrations/6-search-adds-from-the-writer.sql"),
    include_str!("../../../migrations/7-name-keys.sql"),
    include_str!("../../../migrations/8-chat-events.sql"),
    include_str!("../../../migrations/9-search-scope.sql"),
    include_str!("../../../migrations/10-team-server.sql"),
    include_str!("../../../migrations/11-mentions.sql"),
    include_str!("../../../migrations/12-notify-levels.sql"),
    include_str!("../../../migrations/13-web-push.sql"),
    include_str!("../../../migrations/14-bots.sql"),
    include_str!("../../../migrations/15-postgresql-only.sql"),
    include_str!("../../../migrations/16-push-made-with.sql"),
    include_str!("../../../migrations/17-archived-chats.sql"),
    include_str!("../../../migrations/18-files-by-owner-and-content.sql"),
    include_str!("../../../migrations/19-two-factor.sql"),
    include_str!("../../../migrations/20-sign-in-providers.sql"),
    include_str!("../../../migrations/21-calls.sql"),
    include_str!("../../../migrations/22-default-rooms.sql"),
    include_str!("../../../migrations/23-threads.sql"),
    include_str!("../../../migrations/24-mail.sql"),
    include_str!("../../../migrations/25-imports.sql"),
    include_str!("../../../migrations/26-import-notices.sql"),
    include_str!("../../../migrations/27-missed-mail-per-chat.sql"),
    include_str!("../../../migrations/28-confirmed-addresses.sql"),
    include_str!("../../../migrations/29-two-factor-holds.sql"),
    include_str!("../../../migrations/30-call-left-at.sql"),
    include_str!("../../../migrations/31-postgresql-only.sql"),
    include_str!("../../../migrations/32-removed-messages.sql"),
    include_str!("../../../migrations/33-postgresql-only.sql"),
    include_str!("../../../migrations/34-ready-pages.sql"),
    include_str!("../../../migrations/35-pins-and-saved.sql"),
    include_str!("../../../migrations/36-thumbnails-and-emoji.sql"),
    include_str!("../../../migrations/37-link-previews.sql"),
    include_str!("../../../migrations/38-status-and-quiet-hours.sql"),
    include_str!("../../../migrations/39-user-groups-and-topics.sql"),
    include_str!("../../../migrations/40-search-and-send-later.sql"),
    include_str!("../../../migrations/41-link-previews-due.sql"),
    include_str!("../../../migrations/42-language.sql"),
    include_str!("../../../migrations/43-senders-in-the-search-index.sql"),
    include_str!("../../../migrations/44-reminder-pushes-apart.sql"),
    include_str!("../../../migrations/45-chats-time-bounds.sql"),
    include_str!("../../../migrations/46-reminders-held-in-quiet-time.sql"),
    include_str!("../../../migrations/47-sign-in-links-made-with.sql"),
    include_str!("../../../migrations/48-postgresql-only.sql"),
    include_str!("../../../migrations/49-pages-triggers-without-in-lists.sql"),
    include_str!("../../../migrations/50-a-send-writes-its-chat-once.sql"),
    include_str!("../../../migrations/51-matrix-devices.sql"),
    include_str!("../../../migrations/52-matrix-log.sql"),
    include_str!("../../../migrations/53-matrix-sign-in-tokens-and-pushers.sql"),
    include_str!("../../../migrations/54-matrix-transaction-events.sql"),
    include_str!("../../../migrations/55-chat-pictures.sql"),
    include_str!("../../../migrations/56-matrix-encryption.sql"),
    include_str!("../../../migrations/57-matrix-oauth.sql"),
    include_str!("../../../migrations/58-matrix-oauth-token-lives.sql"),
    include_str!("../../../migrations/59-private-read-receipts.sql"),
    include_str!("../../../migrations/60-postgresql-only.sql"),
    include_str!("../../../migrations/61-chats-time-bounds-as-numbers.sql"),
    include_str!("../../../migrations/62-direct-messages-without-sender-word.sql"),
    include_str!("../../../migrations/63-postgresql-only.sql"),
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
        if index as i64 + 1 == name_keys::STEP {
            // The keys are Unicode work SQLite cannot do: computed here, in the step's
            // own transaction, before its commit.
            name_keys::fill_and_warn(&crate::store::engine::conn::Conn::new(&tx))
                .map_err(|e| failed(&e))?;
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
pub fn get_setting(
    conn: &crate::store::engine::conn::Conn,
    key: &str,
) -> crate::store::engine::error::StoreResult<Option<String>> {
    conn.opt("SELECT value FROM settings WHERE key = ?1", &[&key], |r| {
        r.get(0)
    })
}

/// Stores a value in the `settings` table unless one is there; returns the stored value.
pub fn get_or_insert_setting(
    conn: &crate::store::engine::conn::Conn,
    key: &str,
    value: &str,
) -> crate::store::engine::error::StoreResult<String> {
    conn.exec(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&key, &value],
    )?;
    get_setting(conn, key)?.ok_or_else(|| {
        crate::store::engine::error::StoreError::Internal(format!("setting {key} vanished"))
    })
}

/// Stores `value` under `key`, replacing what was there.
pub fn set_setting(
    conn: &crate::store::engine::conn::Conn,
    key: &str,
    value: &str,
) -> crate::store::engine::error::StoreResult<()> {
    conn.exec(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key, &value],
    )?;
    Ok(())
}

/// Removes `key` from the `settings` table, if it is there.
pub fn delete_setting(
    conn: &crate::store::engine::conn::Conn,
    key: &str,
) -> crate::store::engine::error::StoreResult<()> {
    conn.exec("DELETE FROM settings WHERE key = ?1", &[&key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(c: &Connection, sql: &str) -> i64 {
        c.query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    /// A database in `dir` as a natter of step `step` left it.
    fn database_at_step(dir: &std::path::Path, step: usize) -> Connection {
        let c = Connection::open(dir.join("old.db")).expect("open");
        for sql in &STEPS[..step] {
            c.execute_batch(sql).expect("old step");
        }
        c.pragma_update(None, "user_version", step as i64)
            .expect("version");
        c
    }

    /// A database made by a natter of step 2 keeps every message, reaction and
    /// attachment through step 3, and foreign keys and count triggers still work after.
    #[test]
    fn step_3_keeps_messages_reactions_and_attachments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = database_at_step(dir.path(), 2);
        c.pragma_update(None, "foreign_keys", "ON").expect("fk");
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
        let first = crate::store::messaging::messages::insert(
            &super::super::Conn::new(&c),
            2,
            1,
            "four",
            "t",
        )
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

    /// A database of step 6 holding accounts that are one name (or one address) only
    /// under the new keys keeps them all through step 7: the older holds the key, the
    /// newer gets `key#id`, each is still found by its exact spelling, every other
    /// spelling reaches the older, and the collisions are reported, oldest first.
    #[test]
    fn step_7_keys_old_accounts_and_keeps_colliding_ones_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = database_at_step(dir.path(), 6);
        c.execute_batch(
            "INSERT INTO users (id, username, email, created_at) VALUES
                 (1, 'admin', 'a@\u{e9}xample.org', 't'),
                 (2, '\u{ff41}\u{ff44}\u{ff4d}\u{ff49}\u{ff4e}', NULL, 't'),
                 (3, 'Dima', 'A@\u{c9}XAMPLE.org', 't'),
                 (4, '\u{414}\u{418}\u{41c}\u{410}', '', 't'),
                 (5, '\u{434}\u{438}\u{43c}\u{430}', 'odd address', 't');",
        )
        .expect("old rows");
        let collisions = {
            let tx = c.transaction().expect("tx");
            tx.execute_batch(STEPS[6]).expect("step 7's SQL");
            let found = super::name_keys::fill(&super::super::Conn::new(&tx));
            drop(tx);
            found.expect("a dry run of the fill")
        };
        let pairs: Vec<_> = collisions
            .iter()
            .map(|k| (k.field, k.kept.0, k.distinct.0))
            .collect();
        assert_eq!(
            pairs,
            [("username", 1, 2), ("email", 1, 3), ("username", 4, 5)]
        );

        migrate(&mut c).expect("migrate");

        assert_eq!(count(&c, "PRAGMA user_version"), LATEST);
        assert_eq!(count(&c, "SELECT count(*) FROM users"), 5);
        let keys: Vec<(i64, Option<String>, Option<String>)> = c
            .prepare("SELECT id, name_key, email_key FROM users ORDER BY id")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let own = |s: &str| Some(s.to_string());
        assert_eq!(
            keys,
            [
                (1, own("admin"), own("a@xn--xample-9ua.org")),
                (2, own("admin#2"), None),
                (3, own("dima"), own("a@xn--xample-9ua.org#3")),
                (4, own("\u{434}\u{438}\u{43c}\u{430}"), None),
                (
                    5,
                    own("\u{434}\u{438}\u{43c}\u{430}#5"),
                    own(" odd address")
                ),
            ]
        );
        let conn = super::super::Conn::new(&c);
        let id = |u: Option<crate::store::people::users::User>| u.map(|u| u.id);
        use crate::store::people::users::{by_email, by_username, by_username_exact};
        assert_eq!(id(by_username(&conn, "ADMIN").expect("read")), Some(1));
        assert_eq!(id(by_username(&conn, "admin").expect("read")), Some(1));
        assert_eq!(
            id(by_username(&conn, "\u{ff41}\u{ff44}\u{ff4d}\u{ff49}\u{ff4e}").expect("read")),
            Some(2),
            "the exact stored spelling reaches the account kept apart"
        );
        assert_eq!(
            id(by_username(&conn, "\u{ff21}\u{ff24}\u{ff2d}\u{ff29}\u{ff2e}").expect("read")),
            Some(1),
            "any other spelling reaches the older account"
        );
        assert_eq!(
            id(by_username(&conn, "\u{434}\u{438}\u{43c}\u{430}").expect("read")),
            Some(5)
        );
        assert_eq!(
            id(by_username(&conn, "\u{414}\u{438}\u{43c}\u{430}").expect("read")),
            Some(4)
        );
        assert_eq!(id(by_username_exact(&conn, "dima").expect("read")), None);
        assert_eq!(
            id(by_email(&conn, "A@\u{c9}XAMPLE.org").expect("read")),
            Some(3)
        );
        assert_eq!(
            id(by_email(&conn, "a@\u{c9}xample.ORG").expect("read")),
            Some(1)
        );
        assert_eq!(id(by_email(&conn, "odd address").expect("read")), Some(5));
        let taken = crate::store::people::users::insert(
            &conn,
            &crate::store::people::users::NewUser {
                username: "Admin",
                email: "",
                password_hash: "",
                display_name: "",
                is_admin: false,
            },
            "t",
        );
        assert_eq!(
            taken
                .err()
                .as_ref()
                .and_then(crate::store::people::users::Taken::of),
            Some(crate::store::people::users::Taken::Username)
        );
    }

    /// Step 61 keeps each chat's time bounds as whole microseconds, the first rounded
    /// down and the last up to their second, leaves a bound that was no time wide open
    /// and one never set empty, and a message's time rewritten afterwards still widens
    /// its chat's bounds.
    #[test]
    fn step_61_keeps_time_bounds_as_microseconds_that_only_widen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = database_at_step(dir.path(), 60);
        c.execute_batch(
            "INSERT INTO users (id, username, created_at) VALUES (1, 'ann', 't');
             INSERT INTO chats (id, kind, created_at, updated_at, first_message_at, last_message_at)
                 VALUES (1, 'group', 't', 't', '2026-03-01T10:00:00.250000Z', '2026-03-02T11:00:00.750000Z'),
                        (2, 'group', 't', 't', 'not a time', 'not a time'),
                        (3, 'group', 't', 't', NULL, NULL);
             INSERT INTO messages (id, chat_id, sender_id, content, created_at)
                 VALUES (5, 1, 1, 'one', '2026-03-01T10:00:00.250000Z');",
        )
        .expect("old rows");

        migrate(&mut c).expect("migrate");

        let bounds = |id: i64| -> (Option<i64>, Option<i64>) {
            c.query_row(
                "SELECT first_message_us, last_message_us FROM chats WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("bounds")
        };
        let second = |t: &str| crate::store::clock::micros_of(t).expect("a time");
        assert_eq!(
            bounds(1),
            (
                Some(second("2026-03-01T10:00:00Z")),
                Some(second("2026-03-02T11:00:01Z"))
            )
        );
        assert_eq!(bounds(2), (Some(i64::MIN + 1), Some(i64::MAX)));
        assert_eq!(bounds(3), (None, None));
        assert_eq!(
            count(&c, "SELECT count(*) FROM chats WHERE first_message_at IS NOT NULL OR last_message_at IS NOT NULL"),
            0,
            "the text bounds are emptied"
        );
        c.execute_batch(
            "UPDATE messages SET created_at = '2020-01-01T00:00:00.500000Z' WHERE id = 5",
        )
        .expect("a time rewritten");
        assert_eq!(
            bounds(1),
            (
                Some(second("2020-01-01T00:00:00Z")),
                Some(second("2026-03-02T11:00:01Z"))
            )
        );
    }

    /// A database of step 61, whose index holds every message with its sender's word,
    /// comes out of step 62 with its direct chats' messages indexed without it, the
    /// index whole; edits, deletes and a direct chat deleted later take out exactly what
    /// was put in.
    #[test]
    fn step_62_indexes_direct_messages_without_the_senders_word() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut c = database_at_step(dir.path(), 61);
        c.pragma_update(None, "foreign_keys", "ON").expect("fk");
        c.execute_batch(
            "INSERT INTO users (id, username, created_at) VALUES (1, 'ann', 't'), (2, 'bob', 't');
             INSERT INTO chats (id, kind, created_at, updated_at) VALUES (1, 'direct', 't', 't'),
                                                                        (2, 'group', 't', 't');
             INSERT INTO messages (id, chat_id, sender_id, content, created_at)
                 VALUES (5, 1, 1, 'apple one', 't'), (6, 2, 1, 'apple two', 't'),
                        (7, 1, 2, 'apple three', 't'), (8, 2, NULL, 'apple four', 't');
             -- As step 61's writer indexed them.
             INSERT INTO messages_fts (rowid, content, chat)
                 SELECT nid, content, chat FROM messages_fts_source ORDER BY nid;",
        )
        .expect("old rows");
        let index = crate::store::engine::index_pending::apply_pending;
        let ids = |c: &Connection, query: &str| -> Vec<i64> {
            let mut s = c
                .prepare(
                    "SELECT -rowid FROM messages_fts WHERE messages_fts MATCH ?1 ORDER BY rowid",
                )
                .expect("query");
            let rows = s.query_map([query], |r| r.get(0)).expect("rows");
            rows.collect::<Result<_, _>>().expect("ids")
        };
        let whole = |c: &Connection| {
            c.execute_batch(
                "INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)",
            )
            .expect("the index holds what the messages say");
        };
        assert_eq!(
            ids(&c, "chat:\"s1\""),
            vec![6, 5],
            "step 61 named every sender"
        );

        migrate(&mut c).expect("migrate");

        whole(&c);
        assert_eq!(ids(&c, "chat:\"s1\""), vec![6]);
        assert_eq!(ids(&c, "chat:\"1s1\""), vec![5]);
        assert_eq!(ids(&c, "chat:\"1s2\""), vec![7]);
        assert_eq!(ids(&c, "chat:\"2\" apple"), vec![8, 6]);

        // An edit, a delete and a sender gone, as the triggers note them.
        c.execute_batch(
            "UPDATE messages SET content = 'pear one' WHERE id = 5;
             UPDATE messages SET deleted_at = 't' WHERE id = 6;
             UPDATE messages SET sender_id = NULL WHERE id = 7;",
        )
        .expect("changes");
        index(&c).expect("index the changes");
        assert_eq!(ids(&c, "chat:\"1s1\" pear"), vec![5]);
        assert_eq!(ids(&c, "chat:\"s1\""), Vec::<i64>::new());
        assert_eq!(ids(&c, "chat:\"1\" apple"), vec![7]);
        // The integrity check reads the source view, which leaves deleted messages out.
        whole(&c);

        // A direct chat deleted: its messages leave the index with the words they had.
        c.execute("DELETE FROM chats WHERE id = 1", [])
            .expect("delete chat");
        index(&c).expect("index the delete");
        assert_eq!(ids(&c, "apple OR pear"), vec![8]);
        whole(&c);
    }
}
