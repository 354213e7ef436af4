//! The `sign_in_identities` table: which account an OpenID Connect provider's person
//! (`iss`, `sub`) is, one binding per provider and account.

use super::engine::sql::Row;
use super::{Conn, StoreResult};

/// One provider account bound to a natter account, as the account page lists it.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The operator's name of the provider (`--oidc NAME=...`).
    pub provider: String,
    pub issuer: String,
    pub subject: String,
    /// The email the provider gave at the last sign-in ('' for none).
    pub email: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

fn from_row(r: &Row<'_>) -> StoreResult<Identity> {
    Ok(Identity {
        provider: r.get(0)?,
        issuer: r.get(1)?,
        subject: r.get(2)?,
        email: r.get(3)?,
        created_at: r.get(4)?,
        last_used_at: r.get(5)?,
    })
}

/// The account bound to `(issuer, subject)`, if any.
pub fn user_for(c: &Conn, issuer: &str, subject: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT user_id FROM sign_in_identities WHERE issuer = ?1 AND subject = ?2",
        &[&issuer, &subject],
        |r| r.get(0),
    )
}

/// Binds `(issuer, subject)` of `provider` to `user_id`. Fails on the primary key when
/// that provider account is bound already, and on `(user_id, provider)` when the account
/// has one of that provider.
pub fn insert(
    c: &Conn,
    issuer: &str,
    subject: &str,
    user_id: i64,
    provider: &str,
    email: &str,
    now: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO sign_in_identities
             (issuer, subject, user_id, provider, email, created_at, last_used_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        &[&issuer, &subject, &user_id, &provider, &email, &now],
    )?;
    Ok(())
}

/// Notes a sign-in through `(issuer, subject)` and the email it came with.
pub fn touch(c: &Conn, issuer: &str, subject: &str, email: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE sign_in_identities SET last_used_at = ?3, email = ?4
         WHERE issuer = ?1 AND subject = ?2",
        &[&issuer, &subject, &now, &email],
    )?;
    Ok(())
}

/// The provider accounts bound to `user_id`, by provider name.
pub fn for_user(c: &Conn, user_id: i64) -> StoreResult<Vec<Identity>> {
    c.all(
        "SELECT provider, issuer, subject, email, created_at, last_used_at
         FROM sign_in_identities WHERE user_id = ?1 ORDER BY provider",
        &[&user_id],
        from_row,
    )
}

/// Unbinds `user_id`'s account at `provider`; whether there was one.
pub fn delete(c: &Conn, user_id: i64, provider: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM sign_in_identities WHERE user_id = ?1 AND provider = ?2",
        &[&user_id, &provider],
    )? > 0)
}
