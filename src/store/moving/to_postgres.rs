//! `natter migrate-to-postgres`: copies a SQLite database, live or stopped, into an empty
//! PostgreSQL database (docs/scale-out.md).
//!
//! * SQLite is read on a read-only connection inside one read transaction: in WAL mode
//!   that is one snapshot, so a serving natter's writes during the copy are either all
//!   in it (committed before the first read) or all left out, never half seen.
//! * PostgreSQL is brought to natter's schema (`schema::postgres::migrate`) and then written in
//!   one transaction: a failure anywhere leaves the target as empty as it was.
//! * A target that already holds users, chats or messages is refused, so a second run
//!   cannot mix two copies. The tables are locked before that check, so two runs at once
//!   copy once.
//! * Each table goes over in one binary `COPY ... FROM STDIN`, values typed by the
//!   target's own columns, so no text escaping is involved.
//! * What is not copied: PostgreSQL's `messages.search` (a generated column, computed as
//!   the rows arrive) and SQLite's full-text tables `messages_fts*` (PostgreSQL's index is
//!   that column's GIN index) and vocabulary `search_words` (PostgreSQL's is filled from
//!   the copied messages' lexemes at the end).
//! * The count triggers (`file_count`, `reaction_count`) and the ready pages' version
//!   triggers are off while the rows arrive: the messages bring their counts and the
//!   chats their `page_version` with them. `page_counters` is not copied: the target's
//!   epoch starts at its own.
//! * Afterwards the identity sequences and `message_ids` continue past the largest id
//!   copied, so new rows never take an old id.
//!
//! One file, longer than most, because the copy is one transaction read top to bottom:
//! the table order, each table's conversion and the checks after it belong together.

use crate::store::engine::pg::PgConn;
use crate::store::schema;
use crate::store::{StoreError, StoreResult};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::time::{Duration, Instant};
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{ToSql, Type};

/// Every table natter keeps, parents before children (PostgreSQL checks each row's
/// foreign keys as it arrives), with the columns copied: all of SQLite's, which are all
/// of PostgreSQL's but the generated `messages.search`.
const TABLES: &[(&str, &[&str])] = &[
    (
        "users",
        &[
            "id",
            "username",
            "email",
            "password_hash",
            "display_name",
            "bio",
            "image",
            "is_active",
            "is_admin",
            "created_at",
            "last_seen_at",
            "name_key",
            "email_key",
            "credentials_epoch",
            "missed_mail",
            "missed_mail_delay",
            "language",
        ],
    ),
    (
        "api_tokens",
        &["key_hash", "user_id", "created_at", "last_used_at"],
    ),
    (
        "sessions",
        &[
            "id_hash",
            "user_id",
            "csrf_secret",
            "expires_at",
            "created_at",
            "device_id",
            "device_name",
            "access_expires_at",
        ],
    ),
    (
        "chats",
        &[
            "id",
            "kind",
            "title",
            "name",
            "description",
            "max_participants",
            "is_private",
            "created_by",
            "direct_low",
            "direct_high",
            "last_message_id",
            "message_count",
            "created_at",
            "updated_at",
            "removed_at",
            "archived_at",
            "page_version",
            "pins_by",
            "topic",
            "image",
            "encryption",
            "first_message_at",
            "last_message_at",
        ],
    ),
    (
        "chat_members",
        &[
            "chat_id",
            "user_id",
            "role",
            "joined_at",
            "last_read_message_id",
            "notify_level",
            "shown_read_message_id",
        ],
    ),
    (
        "messages",
        &[
            "chat_id",
            "id",
            "sender_id",
            "content",
            "created_at",
            "edited_at",
            "deleted_at",
            "file_count",
            "reaction_count",
            "reply_to_id",
            "thread_id",
            "in_channel",
            "reply_count",
            "last_reply_at",
            "reply_users",
            "removed_at",
            "previews",
            "sealed",
        ],
    ),
    (
        "reactions",
        &["message_id", "user_id", "emoji", "created_at"],
    ),
    (
        "files",
        &[
            "id",
            "owner_id",
            "filename",
            "content_type",
            "size",
            "sha256",
            "created_at",
        ],
    ),
    ("message_files", &["message_id", "file_id"]),
    ("file_images", &["file_id", "width", "height"]),
    (
        "file_thumbnails",
        &[
            "file_id",
            "side",
            "width",
            "height",
            "content_type",
            "content",
        ],
    ),
    (
        "custom_emoji",
        &[
            "id",
            "name",
            "content_type",
            "content",
            "width",
            "height",
            "created_by",
            "created_at",
        ],
    ),
    (
        "user_groups",
        &[
            "id",
            "handle",
            "handle_key",
            "name",
            "description",
            "created_by",
            "created_at",
            "updated_at",
        ],
    ),
    ("user_group_members", &["group_id", "user_id", "added_at"]),
    (
        "posts",
        &["id", "author_id", "title", "content", "created_at"],
    ),
    ("friendships", &["user_id", "friend_id", "created_at"]),
    ("settings", &["key", "value"]),
    (
        "removed_chat_members",
        &[
            "chat_id",
            "user_id",
            "role",
            "joined_at",
            "last_read_message_id",
        ],
    ),
    (
        "invitations",
        &[
            "id",
            "code",
            "created_by",
            "created_at",
            "expires_at",
            "max_uses",
            "uses",
            "revoked_at",
        ],
    ),
    (
        "password_resets",
        &[
            "token_hash",
            "user_id",
            "created_at",
            "expires_at",
            "used_at",
            "mailed_to_key",
        ],
    ),
    (
        "audit_log",
        &[
            "id",
            "at",
            "actor_id",
            "actor_name",
            "action",
            "target",
            "detail",
        ],
    ),
    ("lockouts", &["id", "user_id", "keep", "at"]),
    (
        "sign_in_identities",
        &[
            "issuer",
            "subject",
            "user_id",
            "provider",
            "email",
            "created_at",
            "last_used_at",
            "made_with",
        ],
    ),
    (
        "sign_in_attempts",
        &[
            "state_hash",
            "provider",
            "verifier",
            "nonce",
            "redirect",
            "link_user",
            "invite_code",
            "expires_at",
            "link_made_with",
        ],
    ),
    ("mentions", &["user_id", "message_id", "chat_id", "read_at"]),
    (
        "push_subscriptions",
        &[
            "id",
            "user_id",
            "endpoint",
            "p256dh",
            "auth",
            "created_at",
            "made_with",
            "matrix_pusher",
        ],
    ),
    (
        "push_chats",
        &["chat_id", "first_message_id", "last_message_id", "due_at"],
    ),
    (
        "push_outbox",
        &[
            "id",
            "subscription_id",
            "chat_id",
            "message_id",
            "count",
            "title",
            "body",
            "attempts",
            "due_at",
            "claimed_by",
            "claimed_until",
            "version",
            "reminder_of",
        ],
    ),
    (
        "link_previews",
        &[
            "id",
            "url",
            "fetched_at",
            "expires_at",
            "found",
            "title",
            "description",
            "site_name",
            "image_key",
            "image_type",
            "image_width",
            "image_height",
            "image",
        ],
    ),
    (
        "link_previews_owed",
        &[
            "message_id",
            "due_at",
            "attempts",
            "claimed_by",
            "claimed_until",
        ],
    ),
    (
        "bots",
        &[
            "user_id",
            "owner_id",
            "key_hash",
            "key_sealed",
            "webhook_url",
            "created_at",
        ],
    ),
    (
        "bot_deliveries",
        &[
            "id",
            "bot_id",
            "message_id",
            "chat_id",
            "attempts",
            "due_at",
            "claimed_by",
            "claimed_until",
        ],
    ),
    (
        "two_factor",
        &[
            "user_id",
            "secret",
            "enabled_at",
            "last_step",
            "created_at",
            "failed_codes",
            "last_failed_at",
        ],
    ),
    (
        "two_factor_recovery_codes",
        &["user_id", "code_hash", "used_at"],
    ),
    (
        "two_factor_pending",
        &["token_hash", "user_id", "expires_at"],
    ),
    (
        "calls",
        &[
            "id",
            "chat_id",
            "message_id",
            "started_by",
            "started_at",
            "ended_at",
        ],
    ),
    (
        "call_answers",
        &["call_id", "user_id", "answer", "at", "left_at"],
    ),
    ("default_rooms", &["chat_id", "marked_by", "marked_at"]),
    (
        "mail_outbox",
        &[
            "id",
            "message_id",
            "kind",
            "recipient",
            "subject",
            "text_body",
            "html_body",
            "unsubscribe",
            "attempts",
            "due_at",
            "claimed_by",
            "claimed_until",
            "created_at",
        ],
    ),
    (
        "missed_mail",
        &["user_id", "last_message_id", "last_sent_at"],
    ),
    (
        "missed_mail_chats",
        &["user_id", "chat_id", "last_message_id"],
    ),
    ("import_keys", &["source", "kind", "key", "natter_id"]),
    ("import_notices", &["id", "chat_id", "at"]),
    (
        "confirmed_emails",
        &["user_id", "email_key", "how", "confirmed_at"],
    ),
    (
        "email_confirmations",
        &[
            "token_hash",
            "user_id",
            "email_key",
            "created_at",
            "expires_at",
            "used_at",
        ],
    ),
    (
        "thread_follows",
        &["root_id", "user_id", "following", "last_read_id"],
    ),
    ("pins", &["message_id", "chat_id", "pinned_by", "pinned_at"]),
    (
        "saved_messages",
        &[
            "user_id",
            "message_id",
            "saved_at",
            "remind_at",
            "reminded_at",
            "held_until",
        ],
    ),
    (
        "scheduled_messages",
        &[
            "id",
            "sender_id",
            "chat_id",
            "content",
            "reply_to_id",
            "thread_id",
            "send_at",
            "state",
            "message_id",
            "failure",
            "created_at",
            "updated_at",
        ],
    ),
    (
        "user_status",
        &[
            "user_id",
            "emoji",
            "text",
            "ends_at",
            "appear_away",
            "active_at",
            "away_told",
            "time_zone",
            "quiet_hours",
            "paused_until",
        ],
    ),
    (
        "matrix_log",
        &["pos", "chat_id", "kind", "message_id", "user_id", "emoji"],
    ),
    (
        "matrix_txns",
        &["token_hash", "txn_id", "message_id", "event_id"],
    ),
    (
        "matrix_account_data",
        &["user_id", "room_id", "type", "content"],
    ),
    (
        "matrix_login_tokens",
        &["token_hash", "user_id", "expires_ms"],
    ),
    (
        "matrix_email_checks",
        &[
            "sid",
            "client_secret",
            "email",
            "token_hash",
            "confirmed",
            "expires_ms",
        ],
    ),
    ("matrix_sign_ups", &["session", "invite_code", "expires_ms"]),
    ("matrix_device_keys", &["user_id", "device_id", "keys"]),
    (
        "matrix_one_time_keys",
        &["user_id", "device_id", "fallback", "key_id", "key", "used"],
    ),
    ("matrix_cross_signing", &["user_id", "kind", "key"]),
    (
        "matrix_key_signatures",
        &[
            "target_user",
            "target_key",
            "signer",
            "signer_key",
            "signature",
        ],
    ),
    (
        "matrix_to_device",
        &[
            "id",
            "pos",
            "user_id",
            "device_id",
            "sender",
            "type",
            "content",
        ],
    ),
    ("matrix_to_device_txns", &["token_hash", "txn_id"]),
    (
        "matrix_key_backups",
        &[
            "user_id",
            "version",
            "algorithm",
            "auth_data",
            "etag",
            "deleted",
        ],
    ),
    (
        "matrix_backup_keys",
        &["user_id", "version", "room_id", "session_id", "key"],
    ),
    (
        "matrix_oauth_clients",
        &["client_id", "metadata", "created_ms"],
    ),
    (
        "matrix_oauth_grants",
        &[
            "id",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "code_challenge",
            "response_mode",
            "expires_ms",
            "code_hash",
            "user_id",
            "used",
            "session_hash",
        ],
    ),
    (
        "matrix_oauth_refresh",
        &[
            "token_hash",
            "session_hash",
            "client_id",
            "scope",
            "used_until_ms",
        ],
    ),
];

/// The count triggers of `schema_pg.sql` and the ready pages' version triggers
/// (migrations/pg/34, 36 and 60), `(table, trigger)`, off during the copy: the copied rows bring
/// their counts and versions with them.
const COPY_OFF_TRIGGERS: &[(&str, &str)] = &[
    ("message_files", "message_files_counted"),
    ("reactions", "reactions_counted"),
    ("chats", "pages_chat_changed"),
    ("chats", "pages_chat_topic_changed"),
    ("messages", "pages_message_added"),
    ("messages", "pages_message_changed"),
    ("messages", "pages_message_gone"),
    ("chat_members", "pages_member_added"),
    ("chat_members", "pages_member_changed"),
    ("chat_members", "pages_member_gone"),
    ("users", "pages_person_changed"),
    ("users", "pages_person_arrived"),
    ("users", "pages_person_gone"),
    ("files", "pages_file_changed"),
    ("file_images", "pages_file_image_made"),
];

/// Tables whose `id` is an identity column.
const IDENTITY_TABLES: &[&str] = &[
    "users",
    "chats",
    "files",
    "posts",
    "invitations",
    "audit_log",
    "lockouts",
    "import_notices",
    "push_subscriptions",
    "push_outbox",
    "bot_deliveries",
    "calls",
    "mail_outbox",
    "link_previews",
    "custom_emoji",
    "user_groups",
    "scheduled_messages",
    "matrix_to_device",
];

/// What a finished copy did.
#[derive(Debug, Clone)]
pub struct CopySummary {
    /// Rows copied, per table, in the order copied.
    pub tables: Vec<(&'static str, u64)>,
    /// The whole run: schema, copy and commit.
    pub elapsed: Duration,
}

/// Copies the natter database in the SQLite file `sqlite_path` into the (empty)
/// PostgreSQL database `pg_url` (a `postgres://` URL or a `host=... dbname=...` string).
/// Blocks: call it on a thread of its own, never on an async worker.
pub fn copy(sqlite_path: &str, pg_url: &str) -> StoreResult<CopySummary> {
    let started = Instant::now();
    let source = open_source(sqlite_path)?;
    let target = PgConn::connect(pg_url)?;
    schema::postgres::migrate(&target)?;

    // The snapshot is taken at the first read after BEGIN and kept until the end.
    source.execute_batch("BEGIN")?;
    target.batch("BEGIN")?;
    let copied = copy_all(&source, &target).and_then(|tables| {
        run(&target, "committing the copy", "COMMIT")?;
        Ok(tables)
    });
    let _ = source.execute_batch("COMMIT");
    let tables = match copied {
        Ok(tables) => tables,
        Err(e) => {
            let _ = target.batch("ROLLBACK");
            return Err(e);
        }
    };
    // Planner statistics for the new rows now rather than at autovacuum's next visit;
    // the copy is committed either way, so a failure here costs only that.
    let names: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
    let _ = target.batch(&format!("ANALYZE {}", names.join(", ")));
    Ok(CopySummary {
        tables,
        elapsed: started.elapsed(),
    })
}

/// Opens the SQLite file read-only and checks that it is a natter database this natter
/// copies: at its schema version, with the columns of [`TABLES`].
fn open_source(path: &str) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let c = Connection::open_with_flags(path, flags)
        .map_err(|e| StoreError::Internal(format!("cannot open {path}: {e}")))?;
    c.busy_timeout(Duration::from_secs(5))?;
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::Internal(format!("{path} is not a SQLite database ({e})")))?;
    if version == 0 {
        return Err(StoreError::Internal(format!(
            "{path} is not a natter database (it has no natter schema)"
        )));
    }
    if version < schema::LATEST {
        return Err(StoreError::Internal(format!(
            "{path} is at natter's schema version {version}, older than this natter's {}: \
             serve it once with this natter (which brings it up to date), then copy it",
            schema::LATEST
        )));
    }
    if version > schema::LATEST {
        return Err(StoreError::Internal(format!(
            "{path} is at natter's schema version {version}, newer than this natter knows \
             ({}): copy it with the natter that made it, or a newer one",
            schema::LATEST
        )));
    }
    check_columns(&c).map_err(|e| StoreError::Internal(format!("{path}: {e}")))?;
    Ok(c)
}

/// SQLite's columns that are not copied but made anew on the target from the copied rows
/// ([`fill_time_bounds`]): a chat's time bounds, numbers on SQLite
/// (migrations/61-chats-time-bounds-as-numbers.sql) and text on PostgreSQL, in the
/// columns SQLite leaves empty.
const MADE_ON_TARGET: &[(&str, &str)] =
    &[("chats", "first_message_us"), ("chats", "last_message_us")];

/// Every table of [`TABLES`] has exactly the columns listed there, with those of
/// [`MADE_ON_TARGET`].
fn check_columns(c: &Connection) -> StoreResult<()> {
    for (table, columns) in TABLES {
        let mut found: Vec<String> = c
            .prepare("SELECT name FROM pragma_table_info(?1)")?
            .query_map([table], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let made = MADE_ON_TARGET.iter().filter(|(t, _)| t == table);
        let mut expected: Vec<String> = columns
            .iter()
            .chain(made.map(|(_, column)| column))
            .map(|c| c.to_string())
            .collect();
        found.sort();
        expected.sort();
        if found != expected {
            return Err(StoreError::Internal(format!(
                "table {table} has the columns [{}], not the [{}] this natter copies",
                found.join(", "),
                expected.join(", ")
            )));
        }
    }
    Ok(())
}

/// Inside both transactions: refuses a target with data, copies every table, moves the
/// sequences on.
fn copy_all(source: &Connection, target: &PgConn) -> StoreResult<Vec<(&'static str, u64)>> {
    // Self-conflicting, and conflicting with every write: a second copy (or a natter
    // already serving this database) waits here, then finds the rows and is refused.
    run(
        target,
        "locking the target's tables",
        "LOCK TABLE users, chats, messages IN SHARE ROW EXCLUSIVE MODE",
    )?;
    refuse_non_empty(target)?;
    // A natter that served the target before the copy, with no users yet, made its own
    // settings (the JWT secret); the copied ones replace them, so that JWTs issued
    // before the move stay valid.
    run(
        target,
        "clearing the target's settings",
        "DELETE FROM settings",
    )?;
    for (table, trigger) in COPY_OFF_TRIGGERS {
        let sql = format!("ALTER TABLE {table} DISABLE TRIGGER {trigger}");
        run(target, "turning the count and version triggers off", &sql)?;
    }
    let mut tables = Vec::with_capacity(TABLES.len());
    for (table, columns) in TABLES {
        let rows = copy_table(source, target, table, columns)?;
        tables.push((*table, rows));
    }
    // References are checked at COMMIT (migrations/pg/15); a table with checks still
    // pending cannot be altered, so they run here.
    run(
        target,
        "checking the copied references",
        "SET CONSTRAINTS ALL IMMEDIATE",
    )?;
    // While the version triggers are off: the bounds are the copy's, not a change.
    fill_time_bounds(target)?;
    for (table, trigger) in COPY_OFF_TRIGGERS {
        let sql = format!("ALTER TABLE {table} ENABLE TRIGGER {trigger}");
        run(target, "turning the count and version triggers on", &sql)?;
    }
    run(
        target,
        "filling the search vocabulary",
        "INSERT INTO search_words (key, word)
         SELECT word, word FROM ts_stat('SELECT search FROM messages') ON CONFLICT DO NOTHING",
    )?;
    for table in IDENTITY_TABLES {
        // `false`: the next id given is exactly max + 1 (1 for an empty table).
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             coalesce(max(id), 0) + 1, false) FROM {table}"
        );
        run(target, &format!("moving the ids of {table} on"), &sql)?;
    }
    // Past every message id, and past every id a chat or a read marker names (they never
    // exceed the messages' on a database natter wrote, but a new message must not look
    // read).
    run(
        target,
        "moving the message ids on",
        "SELECT setval('message_ids', greatest(
             (SELECT coalesce(max(id), 0) FROM messages),
             (SELECT coalesce(max(last_message_id), 0) FROM chats),
             (SELECT coalesce(max(last_read_message_id), 0) FROM chat_members)
         ) + 1, false)",
    )?;
    Ok(tables)
}

/// Each copied chat's time bounds, from its copied messages' times: SQLite keeps them as
/// whole microseconds and PostgreSQL as text, and the messages' own times are exact.
fn fill_time_bounds(target: &PgConn) -> StoreResult<()> {
    run(
        target,
        "filling the chats' time bounds",
        "UPDATE chats c SET first_message_at = b.first_at, last_message_at = b.last_at
           FROM (SELECT chat_id, min(created_at) AS first_at, max(created_at) AS last_at
                   FROM messages GROUP BY chat_id) b
          WHERE b.chat_id = c.id",
    )
}

/// Runs `sql` (no parameters, no rows wanted); a failure says what was being done.
fn run(target: &PgConn, doing: &str, sql: &str) -> StoreResult<()> {
    target
        .block_on(target.client().batch_execute(sql))
        .map_err(|e| context(doing, e))
}

/// The copy goes only into a database without users, chats or messages.
fn refuse_non_empty(target: &PgConn) -> StoreResult<()> {
    let rows = target.query(
        "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM chats),
                (SELECT count(*) FROM messages)",
        &[],
    )?;
    let row = rows
        .first()
        .ok_or_else(|| StoreError::Internal("no row from counting the target's rows".into()))?;
    let (users, chats, messages): (i64, i64, i64) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    if users + chats + messages > 0 {
        return Err(StoreError::Internal(format!(
            "the target PostgreSQL database is not empty (users: {users}, chats: {chats}, \
             messages: {messages}): migrate-to-postgres copies only into an empty database, \
             so nothing was copied; give --to a new database (createdb), or drop this one \
             and create it again"
        )));
    }
    Ok(())
}

/// How a column's values are read from SQLite and bound for PostgreSQL.
#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Text,
    Bytes,
}

/// One value on its way, NULL as `None`.
enum Value {
    Integer(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Value::Integer(v) => v,
            Value::Text(v) => v,
            Value::Bytes(v) => v,
        }
    }
}

/// The kind of a target column's type: PostgreSQL's `schema_pg.sql` uses BIGINT, TEXT,
/// CITEXT (an extension's type, known by name) and BYTEA.
fn kind_of(table: &str, column: &str, ty: &Type) -> StoreResult<Kind> {
    match *ty {
        Type::INT8 => Ok(Kind::Integer),
        Type::TEXT => Ok(Kind::Text),
        Type::BYTEA => Ok(Kind::Bytes),
        _ if ty.name() == "citext" => Ok(Kind::Text),
        _ => Err(StoreError::Internal(format!(
            "the target's column {table}.{column} has the type {}, which this natter does \
             not copy into",
            ty.name()
        ))),
    }
}

/// One SQLite value as `kind`, or what is wrong with it.
fn read(value: ValueRef<'_>, kind: Kind) -> Result<Value, String> {
    let wrong = |what: &str| Err(format!("holds {what} where {} belongs", kind.name()));
    match (kind, value) {
        (Kind::Integer, ValueRef::Null) => Ok(Value::Integer(None)),
        (Kind::Integer, ValueRef::Integer(i)) => Ok(Value::Integer(Some(i))),
        (Kind::Text, ValueRef::Null) => Ok(Value::Text(None)),
        (Kind::Text, ValueRef::Text(bytes)) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| "holds text that is not valid UTF-8".to_string())?;
            if text.contains('\0') {
                return Err(
                    "holds a NUL character (U+0000), which PostgreSQL cannot store in text".into(),
                );
            }
            Ok(Value::Text(Some(text.to_string())))
        }
        (Kind::Bytes, ValueRef::Null) => Ok(Value::Bytes(None)),
        (Kind::Bytes, ValueRef::Blob(bytes)) => Ok(Value::Bytes(Some(bytes.to_vec()))),
        (_, ValueRef::Integer(_)) => wrong("an integer"),
        (_, ValueRef::Real(_)) => wrong("a real number"),
        (_, ValueRef::Text(_)) => wrong("text"),
        (_, ValueRef::Blob(_)) => wrong("a blob"),
    }
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Integer => "an integer",
            Kind::Text => "text",
            Kind::Bytes => "a blob",
        }
    }
}

/// Names a SQLite row by its first two columns, for an error.
fn describe(row: &rusqlite::Row<'_>, columns: &[&str]) -> String {
    columns
        .iter()
        .take(2)
        .enumerate()
        .map(|(i, name)| {
            let value = match row.get_ref(i) {
                Ok(ValueRef::Integer(n)) => n.to_string(),
                Ok(ValueRef::Text(t)) => format!("{:?}", String::from_utf8_lossy(t)),
                Ok(ValueRef::Blob(b)) => format!("x'{}'", hex::encode(b)),
                Ok(ValueRef::Real(r)) => r.to_string(),
                Ok(ValueRef::Null) | Err(_) => "NULL".into(),
            };
            format!("{name} = {value}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Copies one table with a binary `COPY`; answers the rows copied.
fn copy_table(
    source: &Connection,
    target: &PgConn,
    table: &str,
    columns: &[&str],
) -> StoreResult<u64> {
    let list = columns.join(", ");
    let failed = |e: tokio_postgres::Error| context(&format!("copying {table}"), e);
    let types: Vec<Type> = target
        .block_on(
            target
                .client()
                .prepare(&format!("SELECT {list} FROM {table} LIMIT 0")),
        )
        .map_err(failed)?
        .columns()
        .iter()
        .map(|c| c.type_().clone())
        .collect();
    let kinds = columns
        .iter()
        .zip(&types)
        .map(|(column, ty)| kind_of(table, column, ty))
        .collect::<StoreResult<Vec<Kind>>>()?;

    let mut select = source.prepare(&format!("SELECT {list} FROM {table}"))?;
    let mut rows = select.query([])?;
    let copy = format!("COPY {table} ({list}) FROM STDIN (FORMAT binary)");
    // SQLite is read inside the copy's future: the rows go out as they are read.
    target.block_on(async move {
        let sink = target.client().copy_in(&copy).await.map_err(failed)?;
        let writer = BinaryCopyInWriter::new(sink, &types);
        futures_util::pin_mut!(writer);
        let mut values: Vec<Value> = Vec::with_capacity(columns.len());
        while let Some(row) = rows.next()? {
            values.clear();
            for (i, kind) in kinds.iter().enumerate() {
                let value = read(row.get_ref(i)?, *kind).map_err(|what| {
                    StoreError::Internal(format!(
                        "cannot copy {table}.{} of the row with {}: it {what}; nothing was copied",
                        columns[i],
                        describe(row, columns)
                    ))
                })?;
                values.push(value);
            }
            let bound: Vec<&(dyn ToSql + Sync)> = values.iter().map(Value::as_sql).collect();
            writer.as_mut().write(&bound).await.map_err(failed)?;
        }
        writer.finish().await.map_err(failed)
    })
}

/// A PostgreSQL error with what was being done, PostgreSQL's own message and its detail
/// (a broken foreign key names the row).
fn context(doing: &str, e: tokio_postgres::Error) -> StoreError {
    let why = match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => crate::store::engine::error::error_text(&e),
    };
    StoreError::Internal(format!("{doing}: {why}; nothing was copied"))
}

// The throwaway PostgreSQL cluster of the API tests, for the tests below.
#[cfg(test)]
mod tests {
    use super::*;

    /// A natter SQLite database at this natter's schema, in `dir`.
    fn sqlite_db(dir: &std::path::Path) -> (String, Connection) {
        let path = dir.join("natter.db").to_string_lossy().into_owned();
        let mut c = Connection::open(&path).expect("open");
        c.pragma_update(None, "journal_mode", "WAL").expect("wal");
        c.pragma_update(None, "foreign_keys", "ON").expect("fk");
        schema::migrate(&mut c).expect("migrate");
        (path, c)
    }

    /// [`TABLES`] is the SQLite schema: every table but the search index, each with its
    /// columns, parents before children.
    #[test]
    fn the_tables_copied_are_the_whole_sqlite_schema_in_foreign_key_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, c) = sqlite_db(dir.path());
        check_columns(&c).expect("the columns of every table");
        let mut tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // Not copied: the full-text index, its queue of changes and its vocabulary
        // (PostgreSQL's is its own, filled by its migration), and SQLite's own counters
        // of AUTOINCREMENT ids (PostgreSQL's identities are moved on instead), and the
        // ready pages' epoch (the target's own).
        tables.retain(|t| {
            !t.starts_with("messages_fts")
                && t != "search_words"
                && t != "sqlite_sequence"
                && t != "page_counters"
        });
        tables.sort();
        let mut listed: Vec<String> = TABLES.iter().map(|(t, _)| t.to_string()).collect();
        listed.sort();
        assert_eq!(tables, listed);
        for (i, (table, _)) in TABLES.iter().enumerate() {
            let parents: Vec<String> = c
                .prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)")
                .unwrap()
                .query_map([table], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for parent in parents {
                let at = TABLES.iter().position(|(t, _)| *t == parent).unwrap();
                assert!(at < i, "{table} refers to {parent}, copied after it");
            }
        }
    }

    #[test]
    fn a_file_that_is_not_a_current_natter_database_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "x".repeat(4096)).unwrap();
        let e = open_source(&text.to_string_lossy()).err().unwrap();
        assert!(e.to_string().contains("is not a SQLite database"), "{e}");

        let empty = dir.path().join("empty.db");
        Connection::open(&empty)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let e = open_source(&empty.to_string_lossy()).err().unwrap();
        assert!(e.to_string().contains("is not a natter database"), "{e}");

        let (path, c) = sqlite_db(dir.path());
        c.pragma_update(None, "user_version", 2).unwrap();
        let e = open_source(&path).err().unwrap();
        assert!(e.to_string().contains("older than this natter's"), "{e}");
    }

    // What follows runs against a throwaway PostgreSQL cluster (tests/api/pg.rs), and is
    // skipped with a note where PostgreSQL is not installed.
    use crate::store::pg_cluster;

    /// A fresh empty PostgreSQL database, or `None` (and a note) without PostgreSQL.
    fn fresh_pg() -> Option<String> {
        pg_cluster::cluster_or_skip("a copy_to_postgres test").map(|_| pg_cluster::fresh_database())
    }

    /// Rows of every kind natter keeps, with blobs, NULLs, non-ASCII text, counts kept by
    /// SQLite's triggers, and a message id gap.
    const ROWS: &str = "
        INSERT INTO users (id, username, email, password_hash, is_admin, created_at, last_seen_at)
            VALUES (1, 'Ann', 'ann@example.org', 'h1', 1, '2024-01-01T00:00:00.000000Z', NULL),
                   (7, 'bob', NULL, 'h2', 0, '2024-01-02T00:00:00.000000Z', '2024-02-01T00:00:00.000000Z');
        INSERT INTO api_tokens VALUES (x'00ff10', 1, 't', NULL), (x'abcdef', 7, 't', 'u');
        INSERT INTO sessions VALUES (x'0102', 7, 'csrf', '2999-01-01T00:00:00.000000Z', NULL, NULL, NULL, NULL),
            (x'0103', 7, 'csrf', '2999-01-01T00:00:00.000000Z', 't', 'PHONE', 'Ann''s phone', NULL);
        INSERT INTO matrix_log VALUES (5, 3, 'message', 41, 7, NULL);
        INSERT INTO matrix_txns VALUES (x'0103', 'txn-1', 41, NULL);
        INSERT INTO matrix_account_data VALUES (7, '', 'm.direct', '{}');
        INSERT INTO chats (id, kind, title, created_by, last_message_id, message_count, created_at, updated_at)
            VALUES (3, 'group', 'Café', 1, 41, 2, 't', 't');
        INSERT INTO chats (id, kind, name, max_participants, is_private, created_at, updated_at)
            VALUES (5, 'room', 'general', 10, 1, 't', 't');
        INSERT INTO chats (id, kind, direct_low, direct_high, created_at, updated_at)
            VALUES (9, 'direct', 1, 7, 't', 't');
        INSERT INTO chat_members VALUES (3, 1, 'admin', 't', 41, NULL, NULL), (3, 7, 'member', 't', 40, 'off', 38);
        INSERT INTO messages (chat_id, id, sender_id, content, created_at, edited_at, deleted_at)
            VALUES (3, 40, 1, 'Un café, s''il vous plaît', 't', 'e', NULL),
                   (3, 41, NULL, 'tab\there\nnewline \\ backslash', 't', NULL, 'd'),
                   (9, 12, 7, 'привет', 't', NULL, NULL);
        INSERT INTO reactions VALUES (40, 7, '👍', 't'), (40, 1, '👍', 't'), (12, 1, 'x', 't');
        INSERT INTO files VALUES (4, 1, 'a.txt', 'text/plain', 8, 'abc', 't');
        INSERT INTO message_files VALUES (40, 4);
        INSERT INTO file_images VALUES (4, 640, 480);
        INSERT INTO file_thumbnails VALUES (4, 360, 360, 270, 'image/jpeg', x'ffd8ffd9');
        INSERT INTO custom_emoji VALUES (3, 'shipit', 'image/png', x'89504e47', 64, 64, 1, 't');
        INSERT INTO user_groups VALUES (4, 'Design', 'design', 'Дизайн', '', 1, 't', 'u');
        INSERT INTO user_group_members VALUES (4, 7, 't');
        UPDATE chats SET topic = 'Ship it' WHERE id = 5;
        INSERT INTO posts VALUES (2, 7, 'Пост', 'Текст', 't');
        INSERT INTO friendships VALUES (1, 7, 't'), (7, 1, 't');
        INSERT INTO settings VALUES ('jwt_secret', 's3cret');
        INSERT INTO removed_chat_members VALUES (5, 7, 'member', 't', 0);
        INSERT INTO invitations (id, code, created_by, created_at, max_uses, uses)
            VALUES (6, 'c0de', 1, 't', 3, 1);
        INSERT INTO password_resets VALUES (x'0a0b', 7, 't', '2999-01-01T00:00:00.000000Z', NULL, NULL);
        INSERT INTO audit_log (id, at, actor_id, actor_name, action, target)
            VALUES (8, 't', 1, 'Ann', 'invitation.create', 'invitation:6');
        INSERT INTO lockouts VALUES (2, 7, x'', 't');
        INSERT INTO sign_in_identities VALUES ('https://id.example.org', 's-7', 7, 'corp', 'bob@example.org', 't', NULL, x'0a');
        INSERT INTO push_subscriptions VALUES (3, 7, 'https://push.example.org/a', 'p', 'a', 't', x'0102', NULL);
        INSERT INTO push_chats VALUES (3, 40, 41, 1700000000000);
        INSERT INTO push_outbox VALUES (5, 3, 3, 40, 2, 'Ann in Café', 'Un café', 1, 17, 'n', 18, 4, 0);
        INSERT INTO link_previews VALUES (6, 'https://a.example/', 17, 18, 1, 'A', 'B', 'C', 'k6', 'image/png', 4, 2, x'89504e47');
        INSERT INTO link_previews_owed VALUES (12, 17, 0, NULL, NULL);
        INSERT INTO scheduled_messages VALUES (5, 7, 3, 'later', NULL, NULL, 1700000000000, 'scheduled', NULL, NULL, 't', 't');
        UPDATE messages SET previews = '[]' WHERE id = 40;
        INSERT INTO bots VALUES (7, 1, x'0102', x'0304', 'https://bot.example.org/hook', 't');
        INSERT INTO bot_deliveries VALUES (4, 7, 40, 3, 1, 17, NULL, NULL);
        INSERT INTO two_factor VALUES (7, 'JBSWY3DPEHPK3PXP', 't', 58000000, 't', 3, 1700000000000);
        INSERT INTO two_factor_recovery_codes VALUES (7, x'0a0b', NULL), (7, x'0c0d', 'u');
        INSERT INTO calls VALUES (2, 3, 40, 1, 't', 'u');
        INSERT INTO call_answers VALUES (2, 7, 'joined', 't', NULL);
        INSERT INTO default_rooms VALUES (3, 1, 't');
        UPDATE messages SET reply_to_id = 40, thread_id = 40, in_channel = 0 WHERE id = 41;
        UPDATE messages SET reply_count = 1, last_reply_at = 't', reply_users = '1' WHERE id = 40;
        INSERT INTO thread_follows VALUES (40, 7, 1, 41);
        UPDATE chats SET pins_by = 'admins' WHERE id = 3;
        INSERT INTO pins VALUES (40, 3, 7, 't');
        INSERT INTO saved_messages VALUES (7, 12, 't', 1700000000000, NULL, NULL), (1, 40, 't', NULL, 'r', 1700000009000);
        INSERT INTO user_status VALUES (7, '🌴', 'On holiday', 1700000000000, 0, 17, 0, 'Asia/Tokyo', '', NULL);";

    /// id, content, sender_id, edited_at, deleted_at, file_count, reaction_count.
    type MessageRow = (
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        i64,
        i64,
    );

    fn count(pg: &PgConn, sql: &str) -> i64 {
        pg.query(sql, &[]).expect(sql)[0].get(0)
    }

    #[test]
    fn copies_every_row_once_moves_sequences_on_and_refuses_a_second_copy() {
        let Some(url) = fresh_pg() else { return };
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, c) = sqlite_db(dir.path());
        c.execute_batch(ROWS).expect("rows");
        drop(c);
        // A natter served the target once, before it had users: its own JWT secret.
        let pg = PgConn::connect(&url).expect("connect");
        schema::postgres::migrate(&pg).expect("schema");
        pg.batch("INSERT INTO settings VALUES ('jwt_secret', 'from a trial run')")
            .unwrap();

        let summary = copy(&path, &url).expect("copy");
        let copied: Vec<(&str, u64)> = summary.tables.clone();
        assert_eq!(
            copied,
            vec![
                ("users", 2),
                ("api_tokens", 2),
                ("sessions", 2),
                ("chats", 3),
                ("chat_members", 2),
                ("messages", 3),
                ("reactions", 3),
                ("files", 1),
                ("message_files", 1),
                ("file_images", 1),
                ("file_thumbnails", 1),
                ("custom_emoji", 1),
                ("user_groups", 1),
                ("user_group_members", 1),
                ("posts", 1),
                ("friendships", 2),
                ("settings", 1),
                ("removed_chat_members", 1),
                ("invitations", 1),
                ("password_resets", 1),
                ("audit_log", 1),
                ("lockouts", 1),
                ("sign_in_identities", 1),
                ("sign_in_attempts", 0),
                ("mentions", 0),
                ("push_subscriptions", 1),
                ("push_chats", 1),
                ("push_outbox", 1),
                ("link_previews", 1),
                ("link_previews_owed", 1),
                ("bots", 1),
                ("bot_deliveries", 1),
                ("two_factor", 1),
                ("two_factor_recovery_codes", 2),
                ("two_factor_pending", 0),
                ("calls", 1),
                ("call_answers", 1),
                ("default_rooms", 1),
                ("mail_outbox", 0),
                ("missed_mail", 0),
                ("missed_mail_chats", 0),
                ("import_keys", 0),
                ("import_notices", 0),
                ("confirmed_emails", 0),
                ("email_confirmations", 0),
                ("thread_follows", 1),
                ("pins", 1),
                ("saved_messages", 2),
                ("scheduled_messages", 1),
                ("user_status", 1),
                ("matrix_log", 1),
                ("matrix_txns", 1),
                ("matrix_account_data", 1),
                ("matrix_login_tokens", 0),
                ("matrix_email_checks", 0),
                ("matrix_sign_ups", 0),
                ("matrix_device_keys", 0),
                ("matrix_one_time_keys", 0),
                ("matrix_cross_signing", 0),
                ("matrix_key_signatures", 0),
                ("matrix_to_device", 0),
                ("matrix_to_device_txns", 0),
                ("matrix_key_backups", 0),
                ("matrix_backup_keys", 0),
                ("matrix_oauth_clients", 0),
                ("matrix_oauth_grants", 0),
                ("matrix_oauth_refresh", 0),
            ]
        );
        let next_invitation = count(
            &pg,
            "INSERT INTO invitations (code, created_at) VALUES ('n', 't') RETURNING id",
        );
        assert!(
            next_invitation > 6,
            "the identity moved on: {next_invitation}"
        );

        let secret: String = pg.query("SELECT value FROM settings", &[]).unwrap()[0].get(0);
        assert_eq!(secret, "s3cret", "the copied settings replace the target's");
        // SQLite's bounds are numbers; PostgreSQL's are made from the copied messages.
        let bounds: Vec<(i64, Option<String>, Option<String>)> = pg
            .query(
                "SELECT id, first_message_at, last_message_at FROM chats ORDER BY id",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let t = Some("t".to_string());
        assert_eq!(
            bounds,
            vec![
                (3, t.clone(), t.clone()),
                (5, None, None),
                (9, t.clone(), t)
            ]
        );
        let tokens: Vec<Vec<u8>> = pg
            .query("SELECT key_hash FROM api_tokens ORDER BY key_hash", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(tokens, vec![vec![0x00, 0xff, 0x10], vec![0xab, 0xcd, 0xef]]);
        let sessions: Vec<(Vec<u8>, Option<String>)> = pg
            .query(
                "SELECT id_hash, device_name FROM sessions ORDER BY id_hash",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        assert_eq!(
            sessions,
            vec![(vec![1, 2], None), (vec![1, 3], Some("Ann's phone".into()))]
        );
        let rows = pg
            .query(
                "SELECT id, content, sender_id, edited_at, deleted_at, file_count, reaction_count
                   FROM messages ORDER BY id",
                &[],
            )
            .unwrap();
        let messages: Vec<MessageRow> = rows
            .iter()
            .map(|r| {
                (
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                )
            })
            .collect();
        assert_eq!(
            messages,
            vec![
                (12, "привет".into(), Some(7), None, None, 0, 1),
                (
                    40,
                    "Un café, s'il vous plaît".into(),
                    Some(1),
                    Some("e".into()),
                    None,
                    1,
                    2
                ),
                (
                    41,
                    "tab\there\nnewline \\ backslash".into(),
                    None,
                    None,
                    Some("d".into()),
                    0,
                    0
                ),
            ],
            "copied once, with their counts (not counted again by the triggers)"
        );
        // Citext and flags as natter reads them; the generated search column is there.
        assert_eq!(count(&pg, "SELECT id FROM users WHERE username = 'ann'"), 1);
        assert_eq!(count(&pg, "SELECT is_admin FROM users WHERE id = 1"), 1);
        assert_eq!(
            count(&pg, "SELECT count(*) FROM users WHERE email IS NULL"),
            1
        );
        assert_eq!(
            count(
                &pg,
                "SELECT id FROM messages WHERE search @@ to_tsquery('simple', 'cafe')"
            ),
            40
        );
        assert_eq!(
            count(&pg, "SELECT max_participants FROM chats WHERE id = 5"),
            10
        );
        assert_eq!(
            count(&pg, "SELECT count(*) FROM chats WHERE name IS NULL"),
            2
        );

        // Sequences continue past the largest ids.
        assert_eq!(count(&pg, "SELECT nextval('message_ids')"), 42);
        assert_eq!(
            count(
                &pg,
                "INSERT INTO users (username, created_at) VALUES ('cy', 't') RETURNING id"
            ),
            8
        );
        assert_eq!(
            count(&pg, "INSERT INTO posts (author_id, title, content, created_at) VALUES (1, 'a', 'b', 't') RETURNING id"),
            3
        );
        assert_eq!(
            count(&pg, "INSERT INTO files (filename, content_type, size, sha256, created_at) VALUES ('f', 't', 1, 's', 't') RETURNING id"),
            5
        );
        assert_eq!(
            count(&pg, "INSERT INTO chats (kind, created_at, updated_at) VALUES ('group', 't', 't') RETURNING id"),
            10
        );
        // The count triggers are back on.
        pg.batch("INSERT INTO reactions VALUES (41, 7, 'y', 't')")
            .unwrap();
        assert_eq!(
            count(&pg, "SELECT reaction_count FROM messages WHERE id = 41"),
            1
        );

        let again = copy(&path, &url).expect_err("a second copy is refused");
        assert!(again.to_string().contains("is not empty"), "{again}");
        assert_eq!(
            count(&pg, "SELECT count(*) FROM messages"),
            3,
            "left as it was"
        );
    }

    #[test]
    fn a_failed_copy_leaves_the_target_empty_and_names_the_row() {
        let Some(url) = fresh_pg() else { return };
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, c) = sqlite_db(dir.path());
        c.execute_batch(ROWS).expect("rows");
        c.execute(
            "INSERT INTO messages (chat_id, id, sender_id, content, created_at) VALUES (3, 50, 1, ?1, 't')",
            ["nul \0 inside"],
        )
        .unwrap();

        let e = copy(&path, &url).expect_err("NUL cannot go to PostgreSQL");
        let e = e.to_string();
        assert!(e.contains("messages.content"), "{e}");
        assert!(e.contains("chat_id = 3, id = 50"), "{e}");
        let pg = PgConn::connect(&url).expect("connect");
        assert_eq!(
            count(&pg, "SELECT count(*) FROM users"),
            0,
            "all or nothing"
        );
        assert_eq!(count(&pg, "SELECT count(*) FROM settings"), 0);

        // Mended, the copy goes through into the same database.
        c.execute("UPDATE messages SET content = 'mended' WHERE id = 50", [])
            .unwrap();
        copy(&path, &url).expect("copy after mending");
        assert_eq!(count(&pg, "SELECT count(*) FROM messages"), 4);
    }

    /// A copy of a database in use sees one moment: a write committed while the copy
    /// reads is not in it.
    #[test]
    fn reads_one_snapshot_of_a_live_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, writer) = sqlite_db(dir.path());
        writer.execute_batch(ROWS).expect("rows");
        let source = open_source(&path).expect("open read-only");
        source.execute_batch("BEGIN").unwrap();
        let users = |c: &Connection| -> i64 {
            c.query_row("SELECT count(*) FROM users", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(users(&source), 2);
        writer
            .execute(
                "INSERT INTO users (username, created_at) VALUES ('late', 't')",
                [],
            )
            .expect("a write during the copy");
        assert_eq!(users(&source), 2, "the copy's snapshot");
        assert_eq!(users(&writer), 3);
    }
}
