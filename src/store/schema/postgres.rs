//! The PostgreSQL schema and its migrations (docs/scale-out.md). `schema_pg.sql` is the
//! schema at SQLite's step 4; later steps are `migrations/pg/N-*.sql`, numbered in step
//! with SQLite's. Step 5 (the cluster's shared state) exists only here: SQLite's next
//! step must take number 6 (with an empty 5), so one number still means one schema; step 6
//! is SQLite's only, so step 7 (the name keys, with Rust after its SQL) follows 5 here; step 8 (each chat's
//! event sequence and the outbox) is PostgreSQL's only again; step 9 (the search
//! vocabulary and query function) is both stores'. Step 15 (foreign keys checked at
//! commit) is PostgreSQL's only; steps 16 (which sign-in made a push subscription), 17
//! (archived groups and rooms), 18 (files by owner and by content) and 19 (sign-in providers' accounts) are both
//! stores'; step 31 (names unique by natter's keys alone, the citext uniqueness dropped)
//! is PostgreSQL's only, and so is step 33 (each call participant's microphone and camera
//! in `call_sockets`); step 43 (each message's sender as a word of SQLite's full-text
//! index, where PostgreSQL keeps the index `messages_by_sender`) is SQLite's only; step 48 (the
//! words inside links, addresses and file names in the search index, as FTS5 cuts them
//! already) is PostgreSQL's only, and step 61 (a chat's time bounds as numbers) SQLite's. Each step runs in one transaction under an advisory lock, so nodes
//! starting at once migrate once, and the version is kept in `natter_schema`.

use crate::store::engine::conn::Conn;
use crate::store::engine::error::{StoreError, StoreResult};
use crate::store::engine::pg::PgConn;
use crate::store::schema::name_keys;

const SCHEMA: &str = include_str!("../../../schema_pg.sql");

/// The version `schema_pg.sql` brings an empty database to.
const SCHEMA_VERSION: i64 = 4;

/// Later steps: `(version, SQL)`. PostgreSQL steps only add (a rolling upgrade runs two
/// versions against one schema); what a step makes obsolete is dropped by a later one.
const STEPS: &[(i64, &str)] = &[
    (
        5,
        include_str!("../../../migrations/pg/5-cluster-state.sql"),
    ),
    (7, include_str!("../../../migrations/pg/7-name-keys.sql")),
    (8, include_str!("../../../migrations/pg/8-chat-events.sql")),
    (9, include_str!("../../../migrations/pg/9-search-scope.sql")),
    (
        10,
        include_str!("../../../migrations/pg/10-team-server.sql"),
    ),
    (11, include_str!("../../../migrations/pg/11-mentions.sql")),
    (
        12,
        include_str!("../../../migrations/pg/12-notify-levels.sql"),
    ),
    (13, include_str!("../../../migrations/pg/13-web-push.sql")),
    (14, include_str!("../../../migrations/pg/14-bots.sql")),
    (
        15,
        include_str!("../../../migrations/pg/15-references-checked-at-commit.sql"),
    ),
    (
        16,
        include_str!("../../../migrations/pg/16-push-made-with.sql"),
    ),
    (
        17,
        include_str!("../../../migrations/pg/17-archived-chats.sql"),
    ),
    (
        18,
        include_str!("../../../migrations/pg/18-files-by-owner-and-content.sql"),
    ),
    (19, include_str!("../../../migrations/pg/19-two-factor.sql")),
    (
        20,
        include_str!("../../../migrations/pg/20-sign-in-providers.sql"),
    ),
    (21, include_str!("../../../migrations/pg/21-calls.sql")),
    (
        22,
        include_str!("../../../migrations/pg/22-default-rooms.sql"),
    ),
    (23, include_str!("../../../migrations/pg/23-threads.sql")),
    (24, include_str!("../../../migrations/pg/24-mail.sql")),
    (25, include_str!("../../../migrations/pg/25-imports.sql")),
    (
        26,
        include_str!("../../../migrations/pg/26-import-notices.sql"),
    ),
    (
        27,
        include_str!("../../../migrations/pg/27-missed-mail-per-chat.sql"),
    ),
    (
        28,
        include_str!("../../../migrations/pg/28-confirmed-addresses.sql"),
    ),
    (
        29,
        include_str!("../../../migrations/pg/29-two-factor-holds.sql"),
    ),
    (
        30,
        include_str!("../../../migrations/pg/30-call-left-at.sql"),
    ),
    (
        31,
        include_str!("../../../migrations/pg/31-names-unique-by-their-keys.sql"),
    ),
    (
        32,
        include_str!("../../../migrations/pg/32-removed-messages.sql"),
    ),
    (33, include_str!("../../../migrations/pg/33-call-media.sql")),
    (
        34,
        include_str!("../../../migrations/pg/34-ready-pages.sql"),
    ),
    (
        35,
        include_str!("../../../migrations/pg/35-pins-and-saved.sql"),
    ),
    (
        36,
        include_str!("../../../migrations/pg/36-thumbnails-and-emoji.sql"),
    ),
    (
        37,
        include_str!("../../../migrations/pg/37-link-previews.sql"),
    ),
    (
        38,
        include_str!("../../../migrations/pg/38-status-and-quiet-hours.sql"),
    ),
    (
        39,
        include_str!("../../../migrations/pg/39-user-groups-and-topics.sql"),
    ),
    (
        40,
        include_str!("../../../migrations/pg/40-search-and-send-later.sql"),
    ),
    (
        41,
        include_str!("../../../migrations/pg/41-link-previews-due.sql"),
    ),
    (42, include_str!("../../../migrations/pg/42-language.sql")),
    (
        44,
        include_str!("../../../migrations/pg/44-reminder-pushes-apart.sql"),
    ),
    (
        45,
        include_str!("../../../migrations/pg/45-chats-time-bounds.sql"),
    ),
    (
        46,
        include_str!("../../../migrations/pg/46-reminders-held-in-quiet-time.sql"),
    ),
    (
        47,
        include_str!("../../../migrations/pg/47-sign-in-links-made-with.sql"),
    ),
    (
        48,
        include_str!("../../../migrations/pg/48-words-inside-links.sql"),
    ),
    (
        49,
        include_str!("../../../migrations/pg/49-sqlite-only.sql"),
    ),
    (
        50,
        include_str!("../../../migrations/pg/50-sqlite-only.sql"),
    ),
    (
        51,
        include_str!("../../../migrations/pg/51-matrix-devices.sql"),
    ),
    (52, include_str!("../../../migrations/pg/52-matrix-log.sql")),
    (
        53,
        include_str!("../../../migrations/pg/53-matrix-sign-in-tokens-and-pushers.sql"),
    ),
    (
        54,
        include_str!("../../../migrations/pg/54-matrix-transaction-events.sql"),
    ),
    (
        55,
        include_str!("../../../migrations/pg/55-chat-pictures.sql"),
    ),
    (
        56,
        include_str!("../../../migrations/pg/56-matrix-encryption.sql"),
    ),
    (
        57,
        include_str!("../../../migrations/pg/57-matrix-oauth.sql"),
    ),
    (
        58,
        include_str!("../../../migrations/pg/58-matrix-oauth-token-lives.sql"),
    ),
    (
        59,
        include_str!("../../../migrations/pg/59-private-read-receipts.sql"),
    ),
    (
        60,
        include_str!("../../../migrations/pg/60-pages-moved-once-a-statement.sql"),
    ),
    (
        61,
        include_str!("../../../migrations/pg/61-sqlite-only.sql"),
    ),
    (
        62,
        include_str!("../../../migrations/pg/62-sqlite-only.sql"),
    ),
    (63, include_str!("../../../migrations/pg/63-call-sfu.sql")),
];

/// The key of natter's advisory lock (any constant that other software is unlikely to
/// use: "natter" in ASCII).
const LOCK_KEY: i64 = 0x6e_61_74_74_65_72;

/// The newest version this binary knows.
pub fn known_version() -> i64 {
    STEPS.last().map_or(SCHEMA_VERSION, |(v, _)| *v)
}

/// Brings the database to [`known_version`]; refuses one that is newer.
pub fn migrate(c: &PgConn) -> StoreResult<()> {
    c.batch(&format!("SELECT pg_advisory_lock({LOCK_KEY})"))?;
    let outcome = migrate_locked(c);
    let unlocked = c.batch(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"));
    outcome.and(unlocked)
}

fn migrate_locked(c: &PgConn) -> StoreResult<()> {
    c.batch("CREATE TABLE IF NOT EXISTS natter_schema (version BIGINT NOT NULL)")?;
    let version = current(c)?;
    if version > known_version() {
        return Err(StoreError::Internal(format!(
            "the database's schema is version {version}, newer than this natter knows ({}); \
             run the natter that made it, or a newer one",
            known_version()
        )));
    }
    if version == 0 {
        in_transaction(c, SCHEMA, SCHEMA_VERSION)?;
    }
    for (step, sql) in STEPS
        .iter()
        .filter(|(step, _)| *step > version.max(SCHEMA_VERSION))
    {
        in_transaction(c, sql, *step)?;
    }
    // Accounts that a node of the previous version registered during a rolling upgrade
    // have no keys yet: key them now (nothing to do, one scan of `users`, otherwise).
    if version >= name_keys::STEP {
        c.batch("BEGIN")?;
        match name_keys::fill_and_warn(&Conn::pg(c)) {
            Ok(()) => c.batch("COMMIT")?,
            Err(e) => {
                let _ = c.batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The version recorded, 0 for an empty database.
fn current(c: &PgConn) -> StoreResult<i64> {
    let rows = c.query("SELECT coalesce(max(version), 0) FROM natter_schema", &[])?;
    rows.first()
        .map(|r| r.try_get::<_, i64>(0))
        .transpose()?
        .ok_or_else(|| StoreError::Internal("natter_schema has no version".into()))
}

fn in_transaction(c: &PgConn, sql: &str, version: i64) -> StoreResult<()> {
    c.batch("BEGIN")?;
    let done = c.batch(sql).and_then(|()| {
        if version == name_keys::STEP {
            name_keys::fill_and_warn(&Conn::pg(c))?;
        }
        c.batch(&format!(
            "DELETE FROM natter_schema; INSERT INTO natter_schema (version) VALUES ({version})"
        ))
    });
    match done {
        Ok(()) => c.batch("COMMIT"),
        Err(e) => {
            let _ = c.batch("ROLLBACK");
            Err(StoreError::Internal(format!(
                "migrating the PostgreSQL schema to version {version}: {e}"
            )))
        }
    }
}
