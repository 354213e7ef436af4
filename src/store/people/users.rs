//! The `users` table.

use crate::kit::names;
use crate::store::engine::sql::{Flag, Row};
use crate::store::{Ahead, Conn, Dialect, StoreError, StoreResult};
use std::sync::LazyLock;

/// One account, as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    #[serde(skip)]
    pub password_hash: String,
    pub display_name: String,
    pub bio: String,
    pub image: String,
    pub is_active: bool,
    pub is_admin: bool,
    pub created_at: String,
    /// When the person last did something (a request, a socket), if ever.
    pub last_seen_at: Option<String>,
    /// Moves on when every credential must end; a JWT minted under an older one is void.
    #[serde(skip)]
    pub credentials_epoch: i64,
}

impl User {
    /// The name people see: the display name, or the username when none is set.
    pub fn shown_name(&self) -> &str {
        match self.display_name.trim().is_empty() {
            true => &self.username,
            false => &self.display_name,
        }
    }

    /// An active account `user{id}` with an email and nothing else, for tests that need
    /// one without a database.
    #[cfg(test)]
    pub(crate) fn example(id: i64) -> User {
        User {
            id,
            username: format!("user{id}"),
            email: format!("user{id}@example.com"),
            password_hash: String::new(),
            display_name: String::new(),
            bio: String::new(),
            image: String::new(),
            is_active: true,
            is_admin: false,
            created_at: "2026-11-23T10:00:00.000000Z".into(),
            last_seen_at: None,
            credentials_epoch: 0,
        }
    }
}

/// The columns [`from_row`] reads. On PostgreSQL the citext name and email are read as
/// text: PostgreSQL finds a citext column's binary output function by a linear search of
/// its built-in functions' names at every execution (`fmgr_lookupByName`, 4 % of all CPU
/// in the history bench), and text's by its id.
pub(in crate::store) const COLUMNS: &str =
    "id, CAST(username AS TEXT), CAST(coalesce(email, '') AS TEXT), password_hash, display_name, bio, image, is_active, is_admin, created_at, last_seen_at, credentials_epoch";

/// [`COLUMNS`] of the table named `u`, for a statement that joins `users` to another.
pub(in crate::store) const COLUMNS_OF_U: &str =
    "u.id, CAST(u.username AS TEXT), CAST(coalesce(u.email, '') AS TEXT), u.password_hash, u.display_name, u.bio, u.image, u.is_active, u.is_admin, u.created_at, u.last_seen_at, u.credentials_epoch";

/// How many columns [`COLUMNS`] reads: the index of the first column a query selects
/// after them.
pub(in crate::store) const COLUMN_COUNT: usize = 12;

/// A user from a row of [`COLUMNS`].
pub(in crate::store) fn from_row(r: &Row<'_>) -> StoreResult<User> {
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        email: r.get(2)?,
        password_hash: r.get(3)?,
        display_name: r.get(4)?,
        bio: r.get(5)?,
        image: r.get(6)?,
        is_active: r.get(7)?,
        is_admin: r.get(8)?,
        created_at: r.get(9)?,
        last_seen_at: r.get(10)?,
        credentials_epoch: r.get(11)?,
    })
}

/// Fields of a new account.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub is_admin: bool,
}

/// The unique field of an account that another account already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Username,
    Email,
}

impl Taken {
    /// Which field `e` says is taken, when it is a unique violation on `users` (from
    /// [`insert`]: another writer registered the same name or email between the caller's
    /// check and its insert). PostgreSQL names the constraint (`users_name_key` and
    /// `users_email_key`, step 7's indexes; `users_username_key`, the column's citext
    /// UNIQUE, and `users_email`, the older partial index, both dropped at step 31);
    /// SQLite names the column.
    pub fn of(e: &StoreError) -> Option<Taken> {
        match e {
            StoreError::Unique(name) => match name.as_str() {
                "users_username_key" | "users.username" | "users_name_key" | "users.name_key" => {
                    Some(Taken::Username)
                }
                "users_email" | "users.email" | "users_email_key" | "users.email_key" => {
                    Some(Taken::Email)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// Inserts an account and returns it, with the keys that make its name and email its
/// own ([`names::name_key`], [`names::email_key`]). A username or email another account
/// holds under those keys (a race the caller's `username_taken`/`email_taken` check
/// cannot close on PostgreSQL) is `Err(StoreError::Unique(..))`, read with [`Taken::of`].
pub fn insert(c: &Conn, u: &NewUser, now: &str) -> StoreResult<User> {
    let email = if u.email.is_empty() {
        None
    } else {
        Some(u.email)
    };
    let name_key = names::name_key(u.username);
    let email_key = email.map(names::email_key);
    let sql = format!(
        "INSERT INTO users (username, email, password_hash, display_name, is_admin, created_at,
                            name_key, email_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING {COLUMNS}"
    );
    c.one(
        &sql,
        &[
            &u.username,
            &email,
            &u.password_hash,
            &u.display_name,
            &Flag::new(u.is_admin),
            &now,
            &name_key,
            &email_key,
        ],
        from_row,
    )
}

/// The account with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<User>> {
    c.opt(by_id_sql(), &[&id], from_row)
}

/// Formatted once: these two run for every request's caller check, on the writer too.
static BY_ID_SQL: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {COLUMNS} FROM users WHERE id = ?1"));

fn by_id_sql() -> &'static str {
    &BY_ID_SQL
}

/// The active account owning the API token whose key hashes to `key_hash`.
pub fn by_token_hash(c: &Conn, key_hash: &[u8]) -> StoreResult<Option<User>> {
    c.opt(by_token_hash_sql(), &[&key_hash], from_row)
}

static BY_TOKEN_HASH_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {COLUMNS} FROM users
         WHERE id = (SELECT user_id FROM api_tokens WHERE key_hash = ?1) AND is_active = 1"
    )
});

fn by_token_hash_sql() -> &'static str {
    &BY_TOKEN_HASH_SQL
}

/// [`by_token_hash`] sent ahead of the job's next statement ([`crate::store::Ahead`]).
pub fn by_token_hash_ahead(c: &Conn, key_hash: Vec<u8>) -> Ahead<User> {
    c.ahead(by_token_hash_sql(), vec![Box::new(key_hash)], from_row)
}

/// [`by_id`] sent ahead of the job's next statement ([`crate::store::Ahead`]).
pub fn by_id_ahead(c: &Conn, id: i64) -> Ahead<User> {
    c.ahead(by_id_sql(), vec![Box::new(id)], from_row)
}

/// The accounts whose `column` (`name_key` or `email_key`) is `key`, or `key` made
/// distinct by schema step 7 (`key#id`, an older account of the same name keeping `key`):
/// one account, or the few that shared a name before names were keyed. `#` sorts just
/// before `$` and no valid name's or address's key holds either, so the range is exactly
/// those; both columns compare bytewise (SQLite's BINARY, PostgreSQL's `COLLATE "C"`),
/// which lets it use the column's unique index.
fn by_key(c: &Conn, column: &str, key: &str) -> StoreResult<Vec<User>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE {column} = ?1 OR ({column} >= ?2 AND {column} < ?3)
         ORDER BY id"
    );
    let (low, high) = (format!("{key}#"), format!("{key}$"));
    c.all(&sql, &[&key, &low, &high], from_row)
}

/// Of the accounts sharing a key, the first one spelled as one of `spellings` (in order),
/// else the holder of the plain key: an account made distinct by step 7 is reached by its
/// own exact spelling, every other spelling reaches the older account.
fn pick(found: Vec<User>, key: &str, column: &str, spellings: &[&str]) -> Option<User> {
    if found.len() <= 1 {
        return found.into_iter().next();
    }
    let value = |u: &User| -> String {
        if column == "name_key" {
            u.username.clone()
        } else {
            u.email.clone()
        }
    };
    let exact = spellings
        .iter()
        .find_map(|s| found.iter().position(|u| value(u) == *s));
    let holder = || {
        found.iter().position(|u| {
            let own = if column == "name_key" {
                names::name_key(&u.username)
            } else {
                names::email_key(&u.email)
            };
            own == key
        })
    };
    let index = exact.or_else(holder)?;
    found.into_iter().nth(index)
}

/// The account with this username under Unicode's caseless matching (NFKC and full
/// case folding: `ａｄｍｉｎ`, `ADMIN` and `admin` are one name). Among accounts that
/// step 7 kept apart, the one stored exactly as typed (or as its NFKC) comes first.
pub fn by_username(c: &Conn, username: &str) -> StoreResult<Option<User>> {
    let key = names::name_key(username);
    let nfkc = names::normalize_username(username);
    let found = by_key(c, "name_key", &key)?;
    Ok(pick(found, &key, "name_key", &[username, &nfkc]))
}

/// The account with exactly this username (case counts), as typed or after NFKC, as the
/// messenger surface names people; found through the name's key, so by the unique index.
pub fn by_username_exact(c: &Conn, username: &str) -> StoreResult<Option<User>> {
    let nfkc = names::normalize_username(username);
    let found = by_key(c, "name_key", &names::name_key(username))?;
    let exact = [username, nfkc.as_str()]
        .iter()
        .find_map(|s| found.iter().position(|u| u.username == *s));
    Ok(exact.and_then(|i| found.into_iter().nth(i)))
}

/// The account with this email: the local part ignores case, the domain compares by its
/// IDNA form (`u@ÉXAMPLE.org` is `u@éxample.org`).
pub fn by_email(c: &Conn, email: &str) -> StoreResult<Option<User>> {
    if email.is_empty() {
        return Ok(None);
    }
    let key = names::email_key(email);
    let nfc = names::parse_email(email).map_or_else(|| email.to_string(), |e| e.address);
    let found = by_key(c, "email_key", &key)?;
    Ok(pick(found, &key, "email_key", &[email, &nfc]))
}

/// Whether a username is taken: by any spelling of the same name, an account's or a user
/// group's handle. People and groups share one namespace of mentionable names (`@oncall`
/// is one or the other), so a sign-up, a bot or an import never takes a group's handle.
pub fn username_taken(c: &Conn, username: &str) -> StoreResult<bool> {
    let key = names::name_key(username);
    Ok(!by_key(c, "name_key", &key)?.is_empty()
        || crate::store::user_groups::id_by_key(c, &key)?.is_some())
}

/// Whether an email is taken (by any spelling of the same address).
pub fn email_taken(c: &Conn, email: &str) -> StoreResult<bool> {
    Ok(!email.is_empty() && !by_key(c, "email_key", &names::email_key(email))?.is_empty())
}

/// Every account, by id, optionally without one.
pub fn all_except(c: &Conn, except: Option<i64>) -> StoreResult<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id <> ?1 ORDER BY id");
    c.all(&sql, &[&except.unwrap_or(0)], from_row)
}

/// Up to `limit` accounts with ids after `after`, by id: an export reads them a batch
/// per read job.
pub fn after_id(c: &Conn, after: i64, limit: i64) -> StoreResult<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id > ?1 ORDER BY id LIMIT ?2");
    c.all(&sql, &[&after, &limit], from_row)
}

/// One page of accounts (by id) without `except`, and the total.
pub fn page_except(
    c: &Conn,
    except: i64,
    limit: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<User>)> {
    let total: i64 = c.one(
        "SELECT count(*) FROM users WHERE id <> ?1",
        &[&except],
        |r| r.get(0),
    )?;
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id <> ?1 ORDER BY id LIMIT ?2 OFFSET ?3");
    Ok((total, c.all(&sql, &[&except, &limit, &offset], from_row)?))
}

/// Accounts whose username, display name or email contains `q` (case-insensitive).
pub fn search(c: &Conn, q: &str, except: i64, limit: i64) -> StoreResult<Vec<User>> {
    let matches = name_matches(c, 2, 4);
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE id <> ?1 AND {matches} ORDER BY users.username LIMIT ?3"
    );
    let key_pattern = like_pattern(&names::name_key(q));
    c.all(
        &sql,
        &[&except, &like_pattern(q), &limit, &key_pattern],
        from_row,
    )
}

/// The condition of a people search: username, display name or email contains the
/// `like_pattern` bound as `?{pattern}`, or the name's key contains the one bound as
/// `?{key}` (so `ＡＤＭ` or `ДИМ` finds `admin` or `дима`).
///
/// `ESCAPE '\'` (one backslash in SQL) means the same on both: SQLite has no escapes in
/// string literals, and PostgreSQL has none with standard_conforming_strings on.
/// SQLite's LIKE ignores ASCII case on any column; PostgreSQL's LIKE does only on the
/// citext columns, and `display_name` is text, so PostgreSQL says ILIKE throughout.
fn name_matches(c: &Conn, pattern: usize, key: usize) -> String {
    let like = like_any_case(c);
    format!(
        "(username {like} ?{pattern} ESCAPE '\\' OR display_name {like} ?{pattern} ESCAPE '\\'
          OR coalesce(email, '') {like} ?{pattern} ESCAPE '\\' OR name_key LIKE ?{key} ESCAPE '\\')"
    )
}

/// The LIKE that ignores ASCII case on a text column in this dialect: SQLite's LIKE
/// does on any column, PostgreSQL's only on citext ones, so it says ILIKE.
pub(in crate::store) fn like_any_case(c: &Conn) -> &'static str {
    match c.dialect() {
        Dialect::Sqlite => "LIKE",
        Dialect::Postgres => "ILIKE",
    }
}

/// `%q%` for LIKE, with a backslash, `%` and `_` in `q` read as themselves.
pub(in crate::store) fn like_pattern(q: &str) -> String {
    format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// Accounts with these ids (missing ids are skipped), by id.
pub fn by_ids(c: &Conn, ids: &[i64]) -> StoreResult<Vec<User>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(u) = by_id(c, *id)? {
            out.push(u);
        }
    }
    out.sort_by_key(|u| u.id);
    out.dedup_by_key(|u| u.id);
    Ok(out)
}

/// Changes profile fields; `None` leaves a field as it is.
pub fn update_profile(
    c: &Conn,
    id: i64,
    display_name: Option<&str>,
    bio: Option<&str>,
    image: Option<&str>,
) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET display_name = coalesce(?2, display_name), bio = coalesce(?3, bio),
                          image = coalesce(?4, image) WHERE id = ?1",
        &[&id, &display_name, &bio, &image],
    )?;
    Ok(())
}

/// Records activity.
pub fn touch_last_seen(c: &Conn, id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET last_seen_at = ?2 WHERE id = ?1",
        &[&id, &now],
    )?;
    Ok(())
}

/// Whether any account exists: one indexed row read, where [`count`] would scan the
/// table (the sign-in page asks on every load of an invitation-only server).
pub fn any(c: &Conn) -> StoreResult<bool> {
    let found: Option<i64> = c.opt("SELECT id FROM users LIMIT 1", &[], |r| r.get(0))?;
    Ok(found.is_some())
}

/// How many accounts there are (the first of a new database is its administrator).
pub fn count(c: &Conn) -> StoreResult<i64> {
    c.one("SELECT count(*) FROM users", &[], |r| r.get(0))
}

/// How many administrators who can sign in (active, not bots) there are, other than
/// `except`.
pub fn active_admins_except(c: &Conn, except: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM users u WHERE u.is_admin = 1 AND u.is_active = 1 AND u.id <> ?1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)",
        &[&except],
        |r| r.get(0),
    )
}

/// The first active administrator who is a person (not a bot), if any.
pub fn first_admin(c: &Conn) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT u.id FROM users u WHERE u.is_admin = 1 AND u.is_active = 1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)
         ORDER BY u.id LIMIT 1",
        &[],
        |r| r.get(0),
    )
}

/// Sets whether the account may sign in.
pub fn set_active(c: &Conn, id: i64, active: bool) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET is_active = ?2 WHERE id = ?1",
        &[&id, &Flag::new(active)],
    )?;
    Ok(())
}

/// Sets whether the account is an administrator.
pub fn set_admin(c: &Conn, id: i64, admin: bool) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET is_admin = ?2 WHERE id = ?1",
        &[&id, &Flag::new(admin)],
    )?;
    Ok(())
}

/// Stores a new password hash.
pub fn set_password(c: &Conn, id: i64, password_hash: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET password_hash = ?2 WHERE id = ?1",
        &[&id, &password_hash],
    )?;
    Ok(())
}

/// Voids every JWT minted for the account so far; returns the new epoch.
pub fn next_credentials_epoch(c: &Conn, id: i64) -> StoreResult<i64> {
    c.one(
        "UPDATE users SET credentials_epoch = credentials_epoch + 1 WHERE id = ?1
         RETURNING credentials_epoch",
        &[&id],
        |r| r.get(0),
    )
}

/// Changes the account's email (the caller checked it is valid and free), with its key.
pub fn set_email(c: &Conn, id: i64, email: &str) -> StoreResult<()> {
    let stored = (!email.is_empty()).then_some(email);
    let key = stored.map(names::email_key);
    c.exec(
        "UPDATE users SET email = ?2, email_key = ?3 WHERE id = ?1",
        &[&id, &stored, &key],
    )?;
    Ok(())
}

/// One page of every account for administrators (by id), each with the bytes of the
/// files it uploaded, and how many match: all, or those whose name, display name or
/// email contains `q`.
pub fn admin_page(
    c: &Conn,
    q: &str,
    limit: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<(User, i64)>)> {
    let filter = format!("(?1 = '' OR {})", name_matches(c, 2, 3));
    let pattern = like_pattern(q);
    let key_pattern = like_pattern(&names::name_key(q));
    let total: i64 = c.one(
        &format!("SELECT count(*) FROM users WHERE {filter}"),
        &[&q, &pattern, &key_pattern],
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT CAST(coalesce(sum(f.size), 0) AS BIGINT) FROM files f WHERE f.owner_id = users.id)
         FROM users WHERE {filter} ORDER BY id LIMIT ?4 OFFSET ?5"
    );
    let rows = c.all(&sql, &[&q, &pattern, &key_pattern, &limit, &offset], |r| {
        Ok((from_row(r)?, r.get::<i64>(12)?))
    })?;
    Ok((total, rows))
}

/// The bytes of the files `id` uploaded.
pub fn storage_used(c: &Conn, id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT CAST(coalesce(sum(size), 0) AS BIGINT) FROM files WHERE owner_id = ?1",
        &[&id],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::{by_username_exact, insert, search, NewUser, Taken};
    use crate::store::{Db, StoreResult};

    #[test]
    fn the_joined_columns_are_the_columns() {
        assert_eq!(super::COLUMNS_OF_U.replace("u.", ""), super::COLUMNS);
    }

    fn new<'a>(username: &'a str, email: &'a str, display_name: &'a str) -> NewUser<'a> {
        NewUser {
            username,
            email,
            password_hash: "x",
            display_name,
            is_admin: false,
        }
    }

    /// A name or email another account holds, in any case, is a unique violation that
    /// names its field; an empty email is no email, so any number of accounts have one.
    #[tokio::test]
    async fn a_taken_username_or_email_is_a_unique_violation_naming_its_field() {
        let db = Db::in_memory(Default::default());
        let taken = db
            .write(|tx| -> StoreResult<_> {
                let ann = insert(tx, &new("Ann", "ann@example.com", "Ann"), "t")?;
                assert_eq!(
                    (ann.username.as_str(), ann.email.as_str()),
                    ("Ann", "ann@example.com")
                );
                assert!(!ann.is_admin && ann.is_active);
                insert(tx, &new("bob", "", ""), "t")?;
                insert(tx, &new("cat", "", ""), "t")?;
                let name = insert(tx, &new("ANN", "other@example.com", ""), "t").map(|_| ());
                let email = insert(tx, &new("dan", "ANN@example.com", ""), "t").map(|_| ());
                Ok((
                    name.as_ref().err().and_then(Taken::of),
                    email.as_ref().err().and_then(Taken::of),
                ))
            })
            .await
            .expect("write");
        assert_eq!(taken, (Some(Taken::Username), Some(Taken::Email)));
    }

    /// The exact lookup tells case apart; search ignores it and reads `%`, `_` and `\`
    /// in the query as themselves.
    #[tokio::test]
    async fn exact_lookup_keeps_case_and_search_escapes_wildcards() {
        let db = Db::in_memory(Default::default());
        db.write(|tx| -> StoreResult<_> {
            insert(tx, &new("Alice", "", "100% Alice"), "t")?;
            insert(tx, &new("bob", "", "1000 Bobs"), "t")?;
            insert(tx, &new("a_b", "", "back\\slash"), "t")?;
            insert(tx, &new("axb", "", ""), "t")?;
            Ok(())
        })
        .await
        .expect("write");
        let names =
            |found: Vec<super::User>| found.into_iter().map(|u| u.username).collect::<Vec<_>>();
        let (exact, lower, percent, underscore, backslash, folded) = db
            .read(move |c| -> StoreResult<_> {
                Ok((
                    by_username_exact(c, "Alice")?.map(|u| u.id),
                    by_username_exact(c, "alice")?.map(|u| u.id),
                    names(search(c, "0%", 0, 10)?),
                    names(search(c, "a_", 0, 10)?),
                    names(search(c, "k\\s", 0, 10)?),
                    names(search(c, "ALI", 0, 10)?),
                ))
            })
            .await
            .expect("read");
        assert_eq!((exact, lower), (Some(1), None));
        assert_eq!(percent, ["Alice"]);
        assert_eq!(underscore, ["a_b"]);
        assert_eq!(backslash, ["a_b"]);
        assert_eq!(folded, ["Alice"]);
    }

    /// On PostgreSQL an account's name and email are read as text, not citext (whose
    /// binary output function PostgreSQL finds by name at every execution), and a search
    /// still sorts names caselessly, by the citext column.
    #[test]
    fn names_are_read_as_text_and_still_sorted_caselessly_on_postgresql() {
        use crate::store::{engine::sql::postgres_text, Conn};
        let Some(pc) = crate::store::engine::test_support::migrated_pg("the account columns test")
        else {
            return;
        };
        let sql = postgres_text(&format!("SELECT {} FROM users", super::COLUMNS));
        let statement = pc.block_on(pc.client().prepare(&sql)).expect("prepared");
        let types: Vec<&str> = statement.columns()[1..3]
            .iter()
            .map(|c| c.type_().name())
            .collect();
        assert_eq!(types, ["text", "text"]);
        let c = Conn::pg(&pc);
        for name in ["bob", "Alice", "carl", "Dan"] {
            insert(&c, &new(name, "", ""), "t").expect("an account");
        }
        let found = search(&c, "", 0, 10).expect("a search");
        let names: Vec<String> = found.into_iter().map(|u| u.username).collect();
        assert_eq!(names, ["Alice", "bob", "carl", "Dan"]);
    }
}
