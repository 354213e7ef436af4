//! What a store function binds and reads, the same on both backends (docs/scale-out.md).
//! A statement is written once, in SQLite's spelling (`?1` placeholders,
//! `IN rarray(?N)` for a list of ids); [`postgres_text`] rewrites it for PostgreSQL.
//! Values go in as [`Param`]s and come out of a [`Row`] as [`Column`]s, with text
//! borrowed from the backend's buffers on both, so a history page is still written
//! straight from the rows.

use crate::store::engine::error::{StoreError, StoreResult};
use tokio_postgres::types::{ToSql as PgToSql, Type};

/// A value a statement binds, as each backend takes it.
pub trait Param {
    fn sqlite(&self) -> &dyn rusqlite::ToSql;
    fn pg(&self) -> &(dyn PgToSql + Sync);
}

macro_rules! both_ways {
    ($($t:ty),* $(,)?) => {$(
        impl Param for $t {
            fn sqlite(&self) -> &dyn rusqlite::ToSql {
                self
            }
            fn pg(&self) -> &(dyn PgToSql + Sync) {
                self
            }
        }
    )*};
}

// `bool` is left out on purpose: flags are stored as 0/1 integers on both backends, and a
// Rust `bool` would bind as PostgreSQL's `boolean`. Bind `Flag(b)` instead.
both_ways!(
    i64,
    Option<i64>,
    &str,
    String,
    Option<&str>,
    Option<String>,
    &[u8],
    Vec<u8>,
    Option<Vec<u8>>,
);

/// A flag, stored as 0 or 1 on both backends.
pub struct Flag(i64);

impl Flag {
    pub fn new(on: bool) -> Flag {
        Flag(i64::from(on))
    }
}

impl Param for Flag {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        &self.0
    }
    fn pg(&self) -> &(dyn PgToSql + Sync) {
        &self.0
    }
}

/// A list of ids bound as one parameter, read in SQL as `IN rarray(?N)` (SQLite's carray;
/// `= ANY($N)` with a `bigint[]` on PostgreSQL): one prepared statement serves any number
/// of ids.
pub struct IdList {
    sqlite: rusqlite::vtab::array::Array,
    pg: Vec<i64>,
}

impl IdList {
    pub fn new(ids: &[i64]) -> IdList {
        IdList {
            sqlite: std::rc::Rc::new(
                ids.iter()
                    .copied()
                    .map(rusqlite::types::Value::from)
                    .collect(),
            ),
            pg: ids.to_vec(),
        }
    }
}

impl Param for IdList {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        &self.sqlite
    }
    fn pg(&self) -> &(dyn PgToSql + Sync) {
        &self.pg
    }
}

/// A list of texts bound as one parameter, read in SQL as `rarray(?N)` on SQLite and as
/// a `text[]` (`unnest(?N)`) on PostgreSQL: a batch of rows in one statement.
pub struct TextList {
    sqlite: rusqlite::vtab::array::Array,
    pg: Vec<String>,
}

impl TextList {
    pub fn new(texts: Vec<String>) -> TextList {
        TextList {
            sqlite: std::rc::Rc::new(
                texts
                    .iter()
                    .cloned()
                    .map(rusqlite::types::Value::from)
                    .collect(),
            ),
            pg: texts,
        }
    }
}

impl Param for TextList {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        &self.sqlite
    }
    fn pg(&self) -> &(dyn PgToSql + Sync) {
        &self.pg
    }
}

/// One row of a result, from either backend.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r tokio_postgres::Row),
}

impl<'r> Row<'r> {
    /// Column `i` (from 0) as `T`.
    pub fn get<T: Column<'r>>(&self, i: usize) -> StoreResult<T> {
        match self {
            Row::Sqlite(r) => T::sqlite(r, i).map_err(StoreError::from),
            Row::Pg(r) => T::pg(r, i).map_err(StoreError::from),
        }
    }
}

/// A type a column can be read as, on both backends.
pub trait Column<'r>: Sized {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self>;
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error>;
}

/// An integer column of any width (PostgreSQL's `count(*)` is `bigint`, an `integer`
/// literal is `int4`, a comparison is `boolean`).
fn pg_integer(r: &tokio_postgres::Row, i: usize) -> Result<Option<i64>, tokio_postgres::Error> {
    let ty = r.columns().get(i).map(|c| c.type_().clone());
    match ty {
        Some(Type::INT4) => Ok(r.try_get::<_, Option<i32>>(i)?.map(i64::from)),
        Some(Type::INT2) => Ok(r.try_get::<_, Option<i16>>(i)?.map(i64::from)),
        Some(Type::BOOL) => Ok(r.try_get::<_, Option<bool>>(i)?.map(i64::from)),
        _ => r.try_get::<_, Option<i64>>(i),
    }
}

fn null_in(i: usize) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(i, String::new(), rusqlite::types::Type::Null)
}

impl<'r> Column<'r> for i64 {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        match pg_integer(r, i)? {
            Some(v) => Ok(v),
            // The same error `try_get::<i64>` gives for a NULL.
            None => r.try_get::<_, i64>(i),
        }
    }
}

impl<'r> Column<'r> for Option<i64> {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        pg_integer(r, i)
    }
}

impl<'r> Column<'r> for bool {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        <i64 as Column>::pg(r, i).map(|v| v != 0)
    }
}

impl<'r> Column<'r> for &'r str {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => Err(null_in(i)),
            v => v.as_str().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
            }),
        }
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

impl<'r> Column<'r> for Option<&'r str> {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => Ok(None),
            _ => <&str as Column>::sqlite(r, i).map(Some),
        }
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

impl<'r> Column<'r> for String {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

impl<'r> Column<'r> for Option<String> {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

impl<'r> Column<'r> for Vec<u8> {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

impl<'r> Column<'r> for Option<Vec<u8>> {
    fn sqlite(r: &'r rusqlite::Row<'r>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &'r tokio_postgres::Row, i: usize) -> Result<Self, tokio_postgres::Error> {
        r.try_get(i)
    }
}

/// `sql` as PostgreSQL spells it: `?N` becomes `$N`, and `IN rarray(?N)` becomes
/// `= ANY($N)`. Text inside single quotes is left alone. Everything else in natter's SQL
/// is written in the part of the language both backends share; the few statements that
/// cannot be (full-text search, `greatest`) choose by [`crate::store::engine::conn::Dialect`].
pub fn postgres_text(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut rest = sql;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        if !quoted {
            if let Some(after) = strip_prefix_ignore_case(rest, "IN rarray(?") {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 && after[digits..].starts_with(')') {
                    out.push_str("= ANY($");
                    out.push_str(&after[..digits]);
                    out.push(')');
                    rest = &after[digits + 1..];
                    continue;
                }
            }
        }
        match c {
            '\'' => quoted = !quoted,
            '?' if !quoted => {
                out.push('$');
                rest = &rest[1..];
                continue;
            }
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::postgres_text;

    #[test]
    fn placeholders_and_id_lists_are_rewritten_outside_quotes() {
        assert_eq!(
            postgres_text("SELECT a FROM t WHERE id = ?1 AND b <> '?2' AND c IN rarray(?3)"),
            "SELECT a FROM t WHERE id = $1 AND b <> '?2' AND c = ANY($3)"
        );
        assert_eq!(
            postgres_text("x LIKE ?2 ESCAPE '\\'"),
            "x LIKE $2 ESCAPE '\\'"
        );
        assert_eq!(postgres_text("'…' || ?1"), "'…' || $1");
    }
}
