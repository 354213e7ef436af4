//! Reading a Django messaging app's database (`natter import django`), an SQLite file or
//! a PostgreSQL database: opened read-only, read in one read transaction (a Django app still serving it may keep
//! writing; the import sees what was committed before it began), into plain rows. A row
//! that cannot be read is an error naming its table, its row and its column; nothing
//! here panics on what the file holds.
//!
//! Django names a model's table `<app label>_<model>`; the app label is the project's
//! choice, so each model's table is found by its suffix (`_chatroom`, `_message`, ...)
//! and its columns.

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Why a source could not be read: a sentence naming the file, table, row or column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError(pub String);

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SourceError {}

type SourceResult<T> = Result<T, SourceError>;

/// A row of `auth_user`.
#[derive(Debug, Clone)]
pub struct DjangoUser {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Django's stored hash (`pbkdf2_sha256$...`, `argon2$...`, `!...` when unusable).
    pub password: String,
    pub is_active: bool,
    pub is_staff: bool,
    pub is_superuser: bool,
    /// In natter's stamp (`store::clock::now`'s form).
    pub date_joined: String,
    /// The name shown for them (seed 003's profile); empty for none.
    pub display_name: String,
    /// Seed 004's profile text; empty for none.
    pub bio: String,
    /// Seed 004's profile image, as a path under the app's media folder; empty when it is
    /// the app's default.
    pub image: String,
}

/// A chat as the import makes it: a chat row of the app, or (seed 000) a pair of people
/// who wrote to each other.
#[derive(Debug, Clone)]
pub struct SourceChat {
    /// The source's id (an integer, a UUID), or for seed 000 `pair:<low>-<high>`.
    pub key: String,
    /// The source's id when it is an integer (kept in natter when free).
    pub int_id: Option<i64>,
    pub title: String,
    /// A conversation of two people (natter's direct chat) rather than a group.
    pub direct: bool,
    /// A room anyone may join (seed 003), natter's room rather than a private group.
    pub room: bool,
    /// The name clients find it by (seed 004's sockets and URLs), kept when free.
    pub name: Option<String>,
    /// Who owns it (seed 003's room owner): natter's creator and an admin member.
    pub owner: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

/// A member of a source chat.
#[derive(Debug, Clone)]
pub struct SourceMember {
    pub chat: String,
    pub user: i64,
    pub admin: bool,
    pub joined_at: String,
}

/// A message, oldest first in [`Source::messages`].
#[derive(Debug, Clone)]
pub struct SourceMessage {
    pub key: String,
    pub chat: String,
    pub sender: Option<i64>,
    pub content: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub deleted_at: Option<String>,
}

/// A reaction (seed 001).
#[derive(Debug, Clone)]
pub struct SourceReaction {
    pub key: String,
    pub message: String,
    pub user: i64,
    pub emoji: String,
    pub created_at: String,
}

/// A file attached to a message (seed 001's `file_attachment`, seed 003's `File`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Unique per file and message it is attached to.
    pub key: String,
    pub message: String,
    /// Who uploaded it; the message's sender when the app does not say.
    pub uploader: Option<i64>,
    /// Its path under the app's media folder, as Django stores a `FileField`.
    pub path: String,
    /// The name shown for it; the path's last part when the app keeps none.
    pub name: String,
    /// Its type as the app recorded it; empty when it did not.
    pub content_type: String,
}

/// A post (seed 004's profiles).
#[derive(Debug, Clone)]
pub struct SourcePost {
    pub key: String,
    pub user: i64,
    pub title: String,
    pub content: String,
    pub created_at: String,
}

/// That `user` has seen `message` (a read receipt, or a message marked read).
#[derive(Debug, Clone)]
pub struct SourceSeen {
    pub message: String,
    pub user: i64,
}

/// Everything an import takes from one Django database.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub users: Vec<DjangoUser>,
    /// DRF `authtoken_token`: (key, user id); empty when the app has no such table.
    pub tokens: Vec<(String, i64)>,
    pub chats: Vec<SourceChat>,
    pub members: Vec<SourceMember>,
    pub messages: Vec<SourceMessage>,
    pub reactions: Vec<SourceReaction>,
    pub seen: Vec<SourceSeen>,
    pub files: Vec<SourceFile>,
    /// Pairs of users who are friends (seed 004), each pair once, lower id first.
    pub friends: Vec<(i64, i64)>,
    pub posts: Vec<SourcePost>,
    /// Django's `django_session` rows; empty when the app has no such table.
    pub sessions: Vec<SourceSession>,
}

/// One row of `django_session`, as stored: read by the import, which skips (and
/// counts) one it cannot use rather than failing.
#[derive(Debug, Clone)]
pub struct SourceSession {
    /// The `sessionid` cookie's value.
    pub key: String,
    /// `session_data`: signed, base64 JSON (see [`session_user`]).
    pub data: String,
    /// `expire_date` as Django wrote it.
    pub expires: String,
}

/// The `_auth_user_id` a Django session's `session_data` names, or `None` when it names
/// none or cannot be read. The signature is not checked: the source database is the
/// operator's own. Reads Django 3.1's and later's `signing.dumps` form
/// (`payload:timestamp:signature`, the payload URL-safe base64 of JSON, zlib-compressed
/// when it starts with `.`) and the older base64 of `hash:json`.
pub fn session_user(data: &str) -> Option<i64> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine;
    use std::io::Read;
    /// A session's JSON is small; a larger one is not a session.
    const MOST: u64 = 1 << 20;
    let data = data.trim();
    let json: Vec<u8> = if data.matches(':').count() >= 2 {
        let payload = data.split(':').next()?;
        let (compressed, payload) = match payload.strip_prefix('.') {
            Some(rest) => (true, rest),
            None => (false, payload),
        };
        let raw = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        if compressed {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&raw[..])
                .take(MOST)
                .read_to_end(&mut out)
                .ok()?;
            out
        } else {
            raw
        }
    } else {
        let raw = STANDARD.decode(data).ok()?;
        let at = raw.iter().position(|&b| b == b':')?;
        raw[at + 1..].to_vec()
    };
    let value: serde_json::Value = serde_json::from_slice(&json).ok()?;
    match value.get("_auth_user_id")? {
        serde_json::Value::String(s) => s.trim().parse().ok(),
        serde_json::Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// Whether `source` names a PostgreSQL database (`postgres://...`, `postgresql://...`)
/// rather than an SQLite file.
pub fn is_postgres_url(source: &str) -> bool {
    source.starts_with("postgres://") || source.starts_with("postgresql://")
}

/// Reads the database at `path` as seed `seed` (`000` to `004`) describes it.
pub fn read(path: &Path, seed: &str) -> SourceResult<Source> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(SourceError(format!("{shown}: no such file")));
    }
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| SourceError(format!("{shown}: cannot open it read-only ({e})")))?;
    let _ = db.busy_timeout(std::time::Duration::from_secs(10));
    let r = Reader {
        db: Backend::Sqlite(&db),
    };
    r.exec("BEGIN")?;
    read_with(&r, &shown, seed)
}

/// Reads the Django database at the PostgreSQL `url` as seed `seed` describes it, in one
/// read-only transaction that sees one moment of it (the app may keep writing). Runs a
/// small runtime of its own: call it from a thread that is not a runtime's worker.
pub fn read_postgres(url: &str, seed: &str) -> SourceResult<Source> {
    let shown = crate::kit::printable::without_credentials(url);
    let cannot = |what: &str, e: &dyn fmt::Display| SourceError(format!("{shown}: {what} ({e})"));
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| cannot("not a PostgreSQL URL", &e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| cannot("cannot start a runtime", &e))?;
    let (client, connection) = runtime
        .block_on(config.connect(tokio_postgres::NoTls))
        .map_err(|e| cannot("cannot connect", &e))?;
    runtime.spawn(async move {
        let _ = connection.await;
    });
    let pg = PgSource { runtime, client };
    let r = Reader {
        db: Backend::Postgres(&pg),
    };
    // Times come out in UTC, as Django stores them.
    r.exec(
        "SET TIME ZONE 'UTC'; SET client_min_messages = warning;
         BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    )?;
    read_with(&r, &shown, seed)
}

/// A PostgreSQL source: its client, driven on a runtime of its own from this thread.
struct PgSource {
    runtime: tokio::runtime::Runtime,
    client: tokio_postgres::Client,
}

/// What the import reads from: an SQLite file or a PostgreSQL database.
enum Backend<'a> {
    Sqlite(&'a Connection),
    Postgres(&'a PgSource),
}

/// The tables of seed `seed` through `r`, inside its read transaction (`shown` names
/// the source in errors).
fn read_with(r: &Reader<'_>, shown: &str, seed: &str) -> SourceResult<Source> {
    let tables = r.tables()?;
    if !tables.iter().any(|t| t == "auth_user") {
        return Err(SourceError(format!(
            "{shown}: not a Django database with django.contrib.auth (no table auth_user)"
        )));
    }
    let mut source = Source {
        users: r.users()?,
        tokens: match tables.iter().any(|t| t == "authtoken_token") {
            true => r.tokens()?,
            false => Vec::new(),
        },
        sessions: match tables.iter().any(|t| t == "django_session") {
            true => r.sessions()?,
            false => Vec::new(),
        },
        ..Source::default()
    };
    match seed {
        "000" => r.seed_000(&tables, &mut source)?,
        "001" => r.seed_001(&tables, &mut source)?,
        "002" => r.seed_002(&tables, &mut source)?,
        "003" => r.seed_003(&tables, &mut source)?,
        "004" => r.seed_004(&tables, &mut source)?,
        other => {
            return Err(SourceError(format!(
                "there is no seed {other} (000, 001, 002, 003 and 004 can be imported)"
            )))
        }
    }
    let _ = r.exec("COMMIT");
    Ok(source)
}

/// One row as read, with the table and its id for error sentences.
struct Row<'a> {
    table: &'a str,
    id: String,
    values: HashMap<String, Value>,
}

impl Row<'_> {
    fn fail<T>(&self, column: &str, why: &str) -> SourceResult<T> {
        Err(SourceError(format!(
            "table {}, row id {}: column {column} {why}",
            self.table, self.id
        )))
    }

    fn value(&self, column: &str) -> SourceResult<&Value> {
        match self.values.get(column) {
            Some(v) => Ok(v),
            None => self.fail(column, "is missing"),
        }
    }

    fn int(&self, column: &str) -> SourceResult<i64> {
        match self.value(column)? {
            Value::Integer(i) => Ok(*i),
            Value::Text(t) => match t.trim().parse() {
                Ok(i) => Ok(i),
                Err(_) => self.fail(column, "is not an integer"),
            },
            Value::Null => self.fail(column, "is empty (NULL)"),
            _ => self.fail(column, "is not an integer"),
        }
    }

    fn opt_int(&self, column: &str) -> SourceResult<Option<i64>> {
        match self.value(column)? {
            Value::Null => Ok(None),
            _ => self.int(column).map(Some),
        }
    }

    fn text(&self, column: &str) -> SourceResult<String> {
        match self.value(column)? {
            Value::Text(t) => Ok(t.clone()),
            Value::Null => Ok(String::new()),
            Value::Integer(i) => Ok(i.to_string()),
            Value::Real(f) => Ok(f.to_string()),
            Value::Blob(b) => match String::from_utf8(b.clone()) {
                Ok(t) => Ok(t),
                Err(_) => self.fail(column, "is not UTF-8 text"),
            },
        }
    }

    /// A key (an integer or UUID id, or a foreign key to one) as text.
    fn key(&self, column: &str) -> SourceResult<String> {
        match self.value(column)? {
            Value::Null => self.fail(column, "is empty (NULL)"),
            Value::Blob(b) if b.len() == 16 => Ok(hex::encode(b)),
            _ => Ok(self.text(column)?.replace('-', "").to_lowercase()),
        }
    }

    fn flag(&self, column: &str) -> SourceResult<bool> {
        match self.value(column)? {
            Value::Null => Ok(false),
            Value::Text(t) if t == "True" || t == "true" => Ok(true),
            Value::Text(t) if t == "False" || t == "false" => Ok(false),
            _ => Ok(self.int(column)? != 0),
        }
    }

    /// Django's stored time (`2025-05-01 12:05:00.123456`, UTC; sometimes with an
    /// offset or a `T`) in natter's stamp.
    fn time(&self, column: &str) -> SourceResult<String> {
        let text = self.text(column)?;
        match django_time(&text) {
            Some(t) => Ok(t),
            None => self.fail(column, &format!("is not a date and time ({text:?})")),
        }
    }

    fn opt_time(&self, column: &str) -> SourceResult<Option<String>> {
        match self.value(column)? {
            Value::Null => Ok(None),
            _ => self.time(column).map(Some),
        }
    }
}

/// A Django time as natter stamps it, or `None` when it is none.
pub fn django_time(text: &str) -> Option<String> {
    let t = text.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&t.replacen(' ', "T", 1)) {
        return Some(crate::store::clock::stamp(at.with_timezone(&chrono::Utc)));
    }
    // PostgreSQL writes an offset of whole hours short: `2025-05-01 12:05:00.5+00`.
    if let Ok(at) = chrono::DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f%#z") {
        return Some(crate::store::clock::stamp(at.with_timezone(&chrono::Utc)));
    }
    for pattern in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d"] {
        if let Ok(at) = chrono::NaiveDateTime::parse_from_str(t, pattern) {
            return Some(crate::store::clock::stamp(at.and_utc()));
        }
        if let Ok(day) = chrono::NaiveDate::parse_from_str(t, pattern) {
            return day
                .and_hms_opt(0, 0, 0)
                .map(|at| crate::store::clock::stamp(at.and_utc()));
        }
    }
    None
}

struct Reader<'a> {
    db: Backend<'a>,
}

impl Reader<'_> {
    fn exec(&self, sql: &str) -> SourceResult<()> {
        match &self.db {
            Backend::Sqlite(db) => db
                .execute_batch(sql)
                .map_err(|e| SourceError(format!("reading the source: {e}"))),
            Backend::Postgres(pg) => pg
                .runtime
                .block_on(pg.client.batch_execute(sql))
                .map_err(|e| SourceError(format!("reading the source: {}", pg_text(&e)))),
        }
    }

    /// A one-column query's texts, on PostgreSQL.
    fn pg_texts(
        pg: &PgSource,
        sql: &str,
        arg: Option<&str>,
        what: &str,
    ) -> SourceResult<Vec<String>> {
        let rows = match arg {
            Some(a) => pg.runtime.block_on(pg.client.query(sql, &[&a])),
            None => pg.runtime.block_on(pg.client.query(sql, &[])),
        }
        .map_err(|e| SourceError(format!("{what}: {}", pg_text(&e))))?;
        rows.iter()
            .map(|r| r.try_get::<_, String>(0))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SourceError(format!("{what}: {}", pg_text(&e))))
    }

    fn tables(&self) -> SourceResult<Vec<String>> {
        let db = match &self.db {
            Backend::Sqlite(db) => db,
            Backend::Postgres(pg) => {
                return Self::pg_texts(
                    pg,
                    "SELECT table_name::text FROM information_schema.tables
                      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                      ORDER BY table_name",
                    None,
                    "listing the tables",
                )
            }
        };
        let mut st = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map_err(|e| SourceError(format!("not an SQLite database ({e})")))?;
        let names = st
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| SourceError(format!("not an SQLite database ({e})")))?;
        Ok(names)
    }

    fn columns(&self, table: &str) -> SourceResult<Vec<String>> {
        let db = match &self.db {
            Backend::Sqlite(db) => db,
            Backend::Postgres(pg) => {
                return Self::pg_texts(
                    pg,
                    "SELECT column_name::text FROM information_schema.columns
                      WHERE table_schema = current_schema() AND table_name = $1
                      ORDER BY ordinal_position",
                    Some(table),
                    &format!("table {table}"),
                )
            }
        };
        let sql = format!(
            "SELECT name FROM pragma_table_info('{}')",
            table.replace('\'', "''")
        );
        let mut st = db
            .prepare(&sql)
            .map_err(|e| SourceError(format!("table {table}: {e}")))?;
        st.query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| SourceError(format!("table {table}: {e}")))
    }

    /// The one table whose name ends with `suffix` and which has every column of
    /// `needs`; an error naming the candidates when there is none or more than one.
    fn table(&self, tables: &[String], suffix: &str, needs: &[&str]) -> SourceResult<String> {
        let mut found = Vec::new();
        for t in tables.iter().filter(|t| t.ends_with(suffix)) {
            let columns = self.columns(t)?;
            if needs.iter().all(|n| columns.iter().any(|c| c == n)) {
                found.push(t.clone());
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err(SourceError(format!(
                "no table ending in {suffix} with the columns {} (is --seed right?)",
                needs.join(", ")
            ))),
            _ => Err(SourceError(format!(
                "more than one table could be the app's {suffix}: {}",
                found.join(", ")
            ))),
        }
    }

    /// Every row of `table` (its columns `columns`), ordered by `order`, handed to `each`.
    fn rows<T>(
        &self,
        table: &str,
        columns: &[&str],
        order: &str,
        mut each: impl FnMut(&Row<'_>) -> SourceResult<T>,
    ) -> SourceResult<Vec<T>> {
        let db = match &self.db {
            Backend::Sqlite(db) => db,
            Backend::Postgres(pg) => return Self::pg_rows(pg, table, columns, order, each),
        };
        let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let sql = format!(
            "SELECT {} FROM \"{table}\" ORDER BY {order}",
            quoted.join(", ")
        );
        let mut st = db
            .prepare(&sql)
            .map_err(|e| SourceError(format!("table {table}: {e}")))?;
        let mut rows = st
            .query([])
            .map_err(|e| SourceError(format!("table {table}: {e}")))?;
        let mut out = Vec::new();
        let mut n = 0usize;
        loop {
            let next = rows
                .next()
                .map_err(|e| SourceError(format!("table {table}, after row {n}: {e}")))?;
            let Some(r) = next else { break };
            n += 1;
            let mut values = HashMap::new();
            for (i, c) in columns.iter().enumerate() {
                let v: Value = r
                    .get(i)
                    .map_err(|e| SourceError(format!("table {table}, row {n}: column {c}: {e}")))?;
                values.insert((*c).to_string(), v);
            }
            let id = match values.get("id") {
                Some(Value::Integer(i)) => i.to_string(),
                Some(Value::Text(t)) => t.clone(),
                _ => format!("#{n}"),
            };
            out.push(each(&Row { table, id, values })?);
        }
        Ok(out)
    }

    /// [`Reader::rows`] on PostgreSQL: every column read as its text (integers, booleans
    /// as `true`/`false`, UUIDs, times in UTC), which [`Row`] reads as SQLite's.
    fn pg_rows<T>(
        pg: &PgSource,
        table: &str,
        columns: &[&str],
        order: &str,
        mut each: impl FnMut(&Row<'_>) -> SourceResult<T>,
    ) -> SourceResult<Vec<T>> {
        let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"::text")).collect();
        let sql = format!(
            "SELECT {} FROM \"{table}\" ORDER BY {order}",
            quoted.join(", ")
        );
        let rows = pg
            .runtime
            .block_on(pg.client.query(sql.as_str(), &[]))
            .map_err(|e| SourceError(format!("table {table}: {}", pg_text(&e))))?;
        let mut out = Vec::with_capacity(rows.len());
        for (n, r) in rows.iter().enumerate() {
            let mut values = HashMap::new();
            for (i, c) in columns.iter().enumerate() {
                let v: Option<String> = r.try_get(i).map_err(|e| {
                    SourceError(format!(
                        "table {table}, row {}: column {c}: {}",
                        n + 1,
                        pg_text(&e)
                    ))
                })?;
                values.insert((*c).to_string(), v.map_or(Value::Null, Value::Text));
            }
            let id = match values.get("id") {
                Some(Value::Text(t)) => t.clone(),
                _ => format!("#{}", n + 1),
            };
            out.push(each(&Row { table, id, values })?);
        }
        Ok(out)
    }

    fn users(&self) -> SourceResult<Vec<DjangoUser>> {
        let columns = [
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
        ];
        self.rows("auth_user", &columns, "id", |r| {
            let username = r.text("username")?;
            if username.trim().is_empty() {
                return r.fail("username", "is empty");
            }
            Ok(DjangoUser {
                id: r.int("id")?,
                username,
                email: r.text("email")?,
                first_name: r.text("first_name")?,
                last_name: r.text("last_name")?,
                password: r.text("password")?,
                is_active: r.flag("is_active")?,
                is_staff: r.flag("is_staff")?,
                is_superuser: r.flag("is_superuser")?,
                date_joined: r.time("date_joined")?,
                display_name: String::new(),
                bio: String::new(),
                image: String::new(),
            })
        })
    }

    fn tokens(&self) -> SourceResult<Vec<(String, i64)>> {
        self.rows("authtoken_token", &["key", "user_id"], "key", |r| {
            let key = r.text("key")?;
            if key.is_empty() {
                return r.fail("key", "is empty");
            }
            Ok((key, r.int("user_id")?))
        })
    }

    fn sessions(&self) -> SourceResult<Vec<SourceSession>> {
        let columns = ["session_key", "session_data", "expire_date"];
        self.rows("django_session", &columns, "session_key", |r| {
            Ok(SourceSession {
                key: r.text("session_key")?,
                data: r.text("session_data")?,
                expires: r.text("expire_date")?,
            })
        })
    }

    /// Seed 000: `Message(sender, receiver, content, timestamp, deleted_at)`; each pair
    /// of people who wrote to each other becomes one direct chat.
    fn seed_000(&self, tables: &[String], s: &mut Source) -> SourceResult<()> {
        let table = self.table(
            tables,
            "_message",
            &["sender_id", "receiver_id", "content", "timestamp"],
        )?;
        let has_deleted = self.columns(&table)?.iter().any(|c| c == "deleted_at");
        let mut columns = vec!["id", "sender_id", "receiver_id", "content", "timestamp"];
        if has_deleted {
            columns.push("deleted_at");
        }
        let rows = self.rows(&table, &columns, "timestamp, id", |r| {
            let sender = r.int("sender_id")?;
            let receiver = r.int("receiver_id")?;
            let deleted_at = match has_deleted {
                true => r.opt_time("deleted_at")?,
                false => None,
            };
            Ok((
                r.key("id")?,
                sender,
                receiver,
                r.text("content")?,
                r.time("timestamp")?,
                deleted_at,
            ))
        })?;
        let mut pairs: HashMap<String, usize> = HashMap::new();
        for (key, sender, receiver, content, at, deleted_at) in rows {
            let (low, high) = (sender.min(receiver), sender.max(receiver));
            let chat = format!("pair:{low}-{high}");
            match pairs.get(&chat) {
                Some(&i) => s.chats[i].updated_at = at.clone(),
                None => {
                    pairs.insert(chat.clone(), s.chats.len());
                    s.chats.push(SourceChat {
                        key: chat.clone(),
                        int_id: None,
                        title: String::new(),
                        direct: low != high,
                        room: false,
                        name: None,
                        owner: None,
                        created_at: at.clone(),
                        updated_at: at.clone(),
                    });
                    for user in [low, high] {
                        s.members.push(SourceMember {
                            chat: chat.clone(),
                            user,
                            admin: false,
                            joined_at: at.clone(),
                        });
                        if low == high {
                            break;
                        }
                    }
                }
            }
            s.messages.push(SourceMessage {
                key,
                chat,
                sender: Some(sender),
                content,
                created_at: at,
                edited_at: None,
                deleted_at,
            });
        }
        Ok(())
    }

    /// Seed 001: `ChatRoom`, `ChatMembership`, `Message`, `MessageReaction`,
    /// `MessageReadReceipt` (django-messaging's models).
    fn seed_001(&self, tables: &[String], s: &mut Source) -> SourceResult<()> {
        let rooms = self.table(
            tables,
            "_chatroom",
            &["id", "title", "is_group", "created_at", "updated_at"],
        )?;
        let room_columns = self.columns(&rooms)?;
        let has_is_room = room_columns.iter().any(|c| c == "is_room");
        let mut columns = vec!["id", "title", "is_group", "created_at", "updated_at"];
        if has_is_room {
            columns.push("is_room");
        }
        s.chats = self.rows(&rooms, &columns, "created_at, id", |r| {
            let group = r.flag("is_group")? || (has_is_room && r.flag("is_room")?);
            Ok(SourceChat {
                key: r.key("id")?,
                int_id: match r.value("id")? {
                    Value::Integer(i) => Some(*i),
                    _ => None,
                },
                title: r.text("title")?,
                direct: !group,
                room: false,
                name: None,
                owner: None,
                created_at: r.time("created_at")?,
                updated_at: r.time("updated_at")?,
            })
        })?;
        let members = self.table(
            tables,
            "_chatmembership",
            &["user_id", "chat_id", "joined_at", "role"],
        )?;
        s.members = self.rows(
            &members,
            &["id", "user_id", "chat_id", "joined_at", "role"],
            "joined_at, id",
            |r| {
                let role = r.text("role")?;
                if role != "admin" && role != "member" {
                    return r.fail("role", &format!("is {role:?}, not admin or member"));
                }
                Ok(SourceMember {
                    chat: r.key("chat_id")?,
                    user: r.int("user_id")?,
                    admin: role == "admin",
                    joined_at: r.time("joined_at")?,
                })
            },
        )?;
        let messages = self.table(
            tables,
            "_message",
            &[
                "chat_id",
                "sender_id",
                "content",
                "created_at",
                "is_deleted",
            ],
        )?;
        let has_file = self
            .columns(&messages)?
            .iter()
            .any(|c| c == "file_attachment");
        let mut columns = vec![
            "id",
            "chat_id",
            "sender_id",
            "content",
            "created_at",
            "updated_at",
            "is_edited",
            "is_deleted",
        ];
        if has_file {
            columns.push("file_attachment");
        }
        let mut files = Vec::new();
        s.messages = self.rows(&messages, &columns, "created_at, id", |r| {
            let updated = r.time("updated_at")?;
            let path = match has_file {
                true => r.text("file_attachment")?,
                false => String::new(),
            };
            if !path.is_empty() {
                files.push(SourceFile {
                    key: format!("message:{}", r.key("id")?),
                    message: r.key("id")?,
                    uploader: r.opt_int("sender_id")?,
                    name: file_name_of(&path),
                    path,
                    content_type: String::new(),
                });
            }
            Ok(SourceMessage {
                key: r.key("id")?,
                chat: r.key("chat_id")?,
                sender: r.opt_int("sender_id")?,
                content: r.text("content")?,
                created_at: r.time("created_at")?,
                edited_at: r.flag("is_edited")?.then(|| updated.clone()),
                deleted_at: r.flag("is_deleted")?.then_some(updated),
            })
        })?;
        s.files = files;
        if let Ok(table) = self.table(
            tables,
            "_messagereaction",
            &["message_id", "user_id", "emoji"],
        ) {
            s.reactions = self.rows(
                &table,
                &["id", "message_id", "user_id", "emoji", "created_at"],
                "created_at, id",
                |r| {
                    let emoji = r.text("emoji")?;
                    if emoji.is_empty() {
                        return r.fail("emoji", "is empty");
                    }
                    Ok(SourceReaction {
                        key: r.key("id")?,
                        message: r.key("message_id")?,
                        user: r.int("user_id")?,
                        emoji,
                        created_at: r.time("created_at")?,
                    })
                },
            )?;
        }
        if let Ok(table) = self.table(
            tables,
            "_messagereadreceipt",
            &["message_id", "user_id", "status"],
        ) {
            let seen = self.rows(
                &table,
                &["id", "message_id", "user_id", "status"],
                "id",
                |r| {
                    if r.text("status")? != "seen" {
                        return Ok(None);
                    }
                    Ok(Some(SourceSeen {
                        message: r.key("message_id")?,
                        user: r.int("user_id")?,
                    }))
                },
            )?;
            s.seen = seen.into_iter().flatten().collect();
        }
        Ok(())
    }

    /// Seed 002: `DirectChat(participants M2M, created)`, `DirectMessage(chat, sender,
    /// body, created, is_read)`.
    fn seed_002(&self, tables: &[String], s: &mut Source) -> SourceResult<()> {
        let chats = self.table(tables, "_directchat", &["id", "created"])?;
        s.chats = self.rows(&chats, &["id", "created"], "created, id", |r| {
            let at = r.time("created")?;
            Ok(SourceChat {
                key: r.key("id")?,
                int_id: Some(r.int("id")?),
                title: String::new(),
                direct: true,
                room: false,
                name: None,
                owner: None,
                created_at: at.clone(),
                updated_at: at,
            })
        })?;
        let participants = self.table(
            tables,
            "_directchat_participants",
            &["directchat_id", "user_id"],
        )?;
        s.members = self.rows(
            &participants,
            &["id", "directchat_id", "user_id"],
            "id",
            |r| {
                Ok(SourceMember {
                    chat: r.key("directchat_id")?,
                    user: r.int("user_id")?,
                    admin: false,
                    joined_at: String::new(),
                })
            },
        )?;
        let created: HashMap<String, String> = s
            .chats
            .iter()
            .map(|c| (c.key.clone(), c.created_at.clone()))
            .collect();
        let members_of: HashMap<String, usize> =
            s.members.iter().fold(HashMap::new(), |mut n, m| {
                *n.entry(m.chat.clone()).or_default() += 1;
                n
            });
        for m in &mut s.members {
            m.joined_at = created.get(&m.chat).cloned().unwrap_or_default();
        }
        for c in &mut s.chats {
            c.direct = members_of.get(&c.key).copied().unwrap_or(0) == 2;
        }
        let messages = self.table(
            tables,
            "_directmessage",
            &["chat_id", "sender_id", "body", "created", "is_read"],
        )?;
        let rows = self.rows(
            &messages,
            &["id", "chat_id", "sender_id", "body", "created", "is_read"],
            "created, id",
            |r| {
                let message = SourceMessage {
                    key: r.key("id")?,
                    chat: r.key("chat_id")?,
                    sender: r.opt_int("sender_id")?,
                    content: r.text("body")?,
                    created_at: r.time("created")?,
                    edited_at: None,
                    deleted_at: None,
                };
                Ok((message, r.flag("is_read")?))
            },
        )?;
        // `is_read` is the other participant's: a read message was seen by every
        // member of its chat but its sender.
        let mut in_chat: HashMap<String, Vec<i64>> = HashMap::new();
        for m in &s.members {
            in_chat.entry(m.chat.clone()).or_default().push(m.user);
        }
        let index: HashMap<String, usize> = s
            .chats
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.clone(), i))
            .collect();
        for (message, read) in rows {
            if read {
                for &user in in_chat.get(&message.chat).into_iter().flatten() {
                    if Some(user) != message.sender {
                        s.seen.push(SourceSeen {
                            message: message.key.clone(),
                            user,
                        });
                    }
                }
            }
            if let Some(&i) = index.get(&message.chat) {
                s.chats[i].updated_at = message.created_at.clone();
            }
            s.messages.push(message);
        }
        Ok(())
    }
    /// Seed 003: `Profile(user, display_name)`, `Room(name, owner)`,
    /// `RoomParticipant(room, user, created_at)`, `Message(room, author, content)`,
    /// `MessageAttachment(message, file)` and `File(uploaded_by, file, name,
    /// content_type)`. Rooms keep their ids (their sockets name them).
    fn seed_003(&self, tables: &[String], s: &mut Source) -> SourceResult<()> {
        if let Ok(table) = self.table(tables, "_profile", &["user_id", "display_name"]) {
            let names = self.rows(&table, &["id", "user_id", "display_name"], "id", |r| {
                Ok((r.int("user_id")?, r.text("display_name")?))
            })?;
            let mut of: HashMap<i64, String> = names.into_iter().collect();
            for u in &mut s.users {
                if let Some(name) = of.remove(&u.id) {
                    u.display_name = name.trim().to_string();
                }
            }
        }
        let rooms = self.table(
            tables,
            "_room",
            &["id", "name", "owner_id", "created_at", "updated_at"],
        )?;
        s.chats = self.rows(
            &rooms,
            &["id", "name", "owner_id", "created_at", "updated_at"],
            "created_at, id",
            |r| {
                let id = r.int("id")?;
                Ok(SourceChat {
                    key: id.to_string(),
                    int_id: Some(id),
                    title: r.text("name")?,
                    direct: false,
                    room: true,
                    name: None,
                    owner: Some(r.int("owner_id")?),
                    created_at: r.time("created_at")?,
                    updated_at: r.time("updated_at")?,
                })
            },
        )?;
        let owners: HashMap<String, Option<i64>> =
            s.chats.iter().map(|c| (c.key.clone(), c.owner)).collect();
        let participants = self.table(
            tables,
            "_roomparticipant",
            &["room_id", "user_id", "created_at"],
        )?;
        s.members = self.rows(
            &participants,
            &["id", "room_id", "user_id", "created_at"],
            "created_at, id",
            |r| {
                let chat = r.key("room_id")?;
                let user = r.int("user_id")?;
                Ok(SourceMember {
                    admin: owners.get(&chat).copied().flatten() == Some(user),
                    chat,
                    user,
                    joined_at: r.time("created_at")?,
                })
            },
        )?;
        let messages = self.table(
            tables,
            "_message",
            &["room_id", "author_id", "content", "created_at"],
        )?;
        s.messages = self.rows(
            &messages,
            &["id", "room_id", "author_id", "content", "created_at"],
            "created_at, id",
            |r| {
                Ok(SourceMessage {
                    key: r.key("id")?,
                    chat: r.key("room_id")?,
                    sender: r.opt_int("author_id")?,
                    content: r.text("content")?,
                    created_at: r.time("created_at")?,
                    edited_at: None,
                    deleted_at: None,
                })
            },
        )?;
        let (Ok(attached), Ok(files)) = (
            self.table(tables, "_messageattachment", &["message_id", "file_id"]),
            self.table(
                tables,
                "_file",
                &["id", "uploaded_by_id", "file", "name", "content_type"],
            ),
        ) else {
            return Ok(());
        };
        let files: HashMap<String, SourceFile> = self
            .rows(
                &files,
                &["id", "uploaded_by_id", "file", "name", "content_type"],
                "id",
                |r| {
                    let path = r.text("file")?;
                    let name = match r.text("name")? {
                        n if n.trim().is_empty() => file_name_of(&path),
                        n => n,
                    };
                    Ok((
                        r.key("id")?,
                        SourceFile {
                            key: String::new(),
                            message: String::new(),
                            uploader: r.opt_int("uploaded_by_id")?,
                            path,
                            name,
                            content_type: r.text("content_type")?,
                        },
                    ))
                },
            )?
            .into_iter()
            .collect();
        s.files = self.rows(&attached, &["id", "message_id", "file_id"], "id", |r| {
            let file = r.key("file_id")?;
            let Some(f) = files.get(&file) else {
                return r.fail("file_id", &format!("names file {file}, which has no row"));
            };
            Ok(SourceFile {
                key: format!("attachment:{}", r.key("id")?),
                message: r.key("message_id")?,
                ..f.clone()
            })
        })?;
        Ok(())
    }

    /// Seed 004: `ChatRoom(name, members)`, `Message(room, user, content, timestamp)`,
    /// `UserProfile(user, image, bio, friends)` and `Post(user, title, content,
    /// created_at)`. Rooms keep their names (their sockets and URLs name them); a room of
    /// two people is natter's direct chat, any other a group.
    fn seed_004(&self, tables: &[String], s: &mut Source) -> SourceResult<()> {
        let rooms = self.table(tables, "_chatroom", &["id", "name"])?;
        let now = crate::store::clock::now();
        s.chats = self.rows(&rooms, &["id", "name"], "id", |r| {
            let name = r.text("name")?;
            if name.is_empty() {
                return r.fail("name", "is empty");
            }
            Ok(SourceChat {
                key: r.key("id")?,
                int_id: None,
                title: String::new(),
                direct: false,
                room: false,
                name: Some(name),
                owner: None,
                created_at: now.clone(),
                updated_at: now.clone(),
            })
        })?;
        let members = self.table(tables, "_chatroom_members", &["chatroom_id", "user_id"])?;
        s.members = self.rows(&members, &["id", "chatroom_id", "user_id"], "id", |r| {
            Ok(SourceMember {
                chat: r.key("chatroom_id")?,
                user: r.int("user_id")?,
                admin: false,
                joined_at: String::new(),
            })
        })?;
        let messages = self.table(
            tables,
            "_message",
            &["room_id", "user_id", "content", "timestamp"],
        )?;
        s.messages = self.rows(
            &messages,
            &["id", "room_id", "user_id", "content", "timestamp"],
            "timestamp, id",
            |r| {
                Ok(SourceMessage {
                    key: r.key("id")?,
                    chat: r.key("room_id")?,
                    sender: r.opt_int("user_id")?,
                    content: r.text("content")?,
                    created_at: r.time("timestamp")?,
                    edited_at: None,
                    deleted_at: None,
                })
            },
        )?;
        // The app keeps no time for a room: its first message's, else the import's.
        let index: HashMap<String, usize> = s
            .chats
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.clone(), i))
            .collect();
        let mut started = std::collections::HashSet::new();
        for m in &s.messages {
            if let Some(&i) = index.get(&m.chat) {
                if started.insert(i) {
                    s.chats[i].created_at = m.created_at.clone();
                }
                s.chats[i].updated_at = m.created_at.clone();
            }
        }
        let mut people: HashMap<String, Vec<i64>> = HashMap::new();
        for m in &s.members {
            let users = people.entry(m.chat.clone()).or_default();
            if !users.contains(&m.user) {
                users.push(m.user);
            }
        }
        for c in &mut s.chats {
            c.direct = people.get(&c.key).map_or(0, Vec::len) == 2;
        }
        let created: HashMap<String, String> = s
            .chats
            .iter()
            .map(|c| (c.key.clone(), c.created_at.clone()))
            .collect();
        for m in &mut s.members {
            m.joined_at = created.get(&m.chat).cloned().unwrap_or_else(|| now.clone());
        }
        if let Ok(table) = self.table(tables, "_userprofile", &["user_id", "image", "bio"]) {
            let profiles = self.rows(&table, &["id", "user_id", "image", "bio"], "id", |r| {
                Ok((
                    r.int("id")?,
                    r.int("user_id")?,
                    r.text("image")?,
                    r.text("bio")?,
                ))
            })?;
            let user_of: HashMap<i64, i64> = profiles.iter().map(|p| (p.0, p.1)).collect();
            let mut of: HashMap<i64, (String, String)> = profiles
                .into_iter()
                .map(|(_, user, image, bio)| (user, (image, bio)))
                .collect();
            for u in &mut s.users {
                if let Some((image, bio)) = of.remove(&u.id) {
                    u.bio = bio;
                    if image != DEFAULT_IMAGE_004 {
                        u.image = image;
                    }
                }
            }
            if let Ok(friends) = self.table(
                tables,
                "_userprofile_friends",
                &["from_userprofile_id", "to_userprofile_id"],
            ) {
                let pairs = self.rows(
                    &friends,
                    &["id", "from_userprofile_id", "to_userprofile_id"],
                    "id",
                    |r| {
                        let user = |column: &str| -> SourceResult<i64> {
                            let profile = r.int(column)?;
                            match user_of.get(&profile) {
                                Some(&u) => Ok(u),
                                None => r.fail(
                                    column,
                                    &format!("names profile {profile}, which has no row"),
                                ),
                            }
                        };
                        Ok((user("from_userprofile_id")?, user("to_userprofile_id")?))
                    },
                )?;
                let mut seen = std::collections::HashSet::new();
                for (a, b) in pairs {
                    let pair = (a.min(b), a.max(b));
                    if a != b && seen.insert(pair) {
                        s.friends.push(pair);
                    }
                }
            }
        }
        if let Ok(table) = self.table(
            tables,
            "_post",
            &["user_id", "title", "content", "created_at"],
        ) {
            s.posts = self.rows(
                &table,
                &["id", "user_id", "title", "content", "created_at"],
                "created_at, id",
                |r| {
                    Ok(SourcePost {
                        key: r.key("id")?,
                        user: r.int("user_id")?,
                        title: r.text("title")?,
                        content: r.text("content")?,
                        created_at: r.time("created_at")?,
                    })
                },
            )?;
        }
        Ok(())
    }
}

/// A PostgreSQL error with the server's own message and detail when it gave them.
fn pg_text(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    }
}

/// Seed 004's profile image when the person set none.
const DEFAULT_IMAGE_004: &str = "user_images/default.jpg";

/// The last part of a stored file's path, as its shown name.
fn file_name_of(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn django_session_data_names_its_user() {
        // Django 5's signing.dumps, compressed and not, and the older base64 of hash:json.
        let compressed = ".eJyrVopPLC3JiC8tTi2Kz0xRslIyV9JBFktKTM5OzQNJpGQl5qXn6yXn55UUZSbpgZToQWWL9XzzU1JznKBqUQzISCzOAOpOpBAo1QIAzTs-kw:1xWNay:UF7zM8J4K1ETEYNwhVSRbDGz8v-FoEVEuIHBTunjhng";
        assert_eq!(super::session_user(compressed), Some(7));
        let plain =
            "eyJfYXV0aF91c2VyX2lkIjoiNyJ9:1xWNay:G1UGXPCGY7fKGZewqz_E0dMPXQw_jgzGorezsm-IRw8";
        assert_eq!(super::session_user(plain), Some(7));
        assert_eq!(
            super::session_user("YWJjMTIzOnsiX2F1dGhfdXNlcl9pZCI6IjkifQ=="),
            Some(9)
        );
        for bad in [
            "",
            ":",
            "::",
            ".!!:a:b",
            ".eJyr:a:b",
            "e30:a:b",
            "bm9jb2xvbg==",
            "\u{0}",
        ] {
            assert_eq!(super::session_user(bad), None, "{bad:?}");
        }
    }

    use super::django_time;

    #[test]
    fn django_times_become_natter_stamps() {
        assert_eq!(
            django_time("2025-05-01 12:05:00.123456").as_deref(),
            Some("2025-05-01T12:05:00.123456Z")
        );
        assert_eq!(
            django_time("2025-05-01 12:05:00").as_deref(),
            Some("2025-05-01T12:05:00.000000Z")
        );
        assert_eq!(
            django_time("2025-05-01 14:05:00+02:00").as_deref(),
            Some("2025-05-01T12:05:00.000000Z")
        );
        assert_eq!(
            django_time("2025-05-01 12:05:00.5+00").as_deref(),
            Some("2025-05-01T12:05:00.500000Z"),
            "PostgreSQL's timestamptz as text"
        );
        assert_eq!(django_time("yesterday"), None);
    }
}
