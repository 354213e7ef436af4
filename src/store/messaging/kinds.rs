//! The closed sets stored as text (`model::ChatKind`, `model::MemberRole`), read back
//! strictly: a value the schema's CHECK would refuse is an error, not a silent fallback.

use crate::model::{ChatKind, MemberRole};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Reads stored text as one of a closed set, refusing anything else.
fn column<T>(value: ValueRef<'_>, parse: fn(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown value {text:?}").into()))
}

impl FromSql for ChatKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        column(value, ChatKind::parse)
    }
}

impl ToSql for ChatKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for MemberRole {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        column(value, MemberRole::parse)
    }
}

impl ToSql for MemberRole {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}
