//! `matrix_email_checks` and `matrix_sign_ups`: a Matrix app's sign-up under way, with
//! the address checks it proves its email address by.

use crate::store::{Conn, StoreResult};

/// Keeps a new address check (and drops the expired ones).
pub fn insert_check(
    c: &Conn,
    sid: &str,
    client_secret: &str,
    email: &str,
    token_hash: &[u8],
    expires_ms: i64,
    now_ms: i64,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_email_checks WHERE expires_ms <= ?1",
        &[&now_ms],
    )?;
    c.exec(
        "INSERT INTO matrix_email_checks (sid, client_secret, email, token_hash, expires_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&sid, &client_secret, &email, &token_hash, &expires_ms],
    )?;
    Ok(())
}

/// Marks the check confirmed when its code (hashed) is right and it has not expired;
/// whether it was.
pub fn confirm_check(
    c: &Conn,
    sid: &str,
    client_secret: &str,
    token_hash: &[u8],
    now_ms: i64,
) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE matrix_email_checks SET confirmed = 1
         WHERE sid = ?1 AND client_secret = ?2 AND token_hash = ?3 AND expires_ms > ?4",
        &[&sid, &client_secret, &token_hash, &now_ms],
    )? > 0)
}

/// The address a confirmed, unexpired check proved.
pub fn confirmed_email(
    c: &Conn,
    sid: &str,
    client_secret: &str,
    now_ms: i64,
) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT email FROM matrix_email_checks
         WHERE sid = ?1 AND client_secret = ?2 AND confirmed = 1 AND expires_ms > ?3",
        &[&sid, &client_secret, &now_ms],
        |r| r.get(0),
    )
}

/// Removes a check once its sign-up is done.
pub fn delete_check(c: &Conn, sid: &str) -> StoreResult<()> {
    c.exec("DELETE FROM matrix_email_checks WHERE sid = ?1", &[&sid])?;
    Ok(())
}

/// Keeps a sign-up's invitation code under its session (and drops the expired ones).
pub fn keep_code(
    c: &Conn,
    session: &str,
    code: &str,
    expires_ms: i64,
    now_ms: i64,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_sign_ups WHERE expires_ms <= ?1",
        &[&now_ms],
    )?;
    c.exec(
        "INSERT INTO matrix_sign_ups (session, invite_code, expires_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (session) DO UPDATE SET invite_code = excluded.invite_code,
             expires_ms = excluded.expires_ms",
        &[&session, &code, &expires_ms],
    )?;
    Ok(())
}

/// The invitation code a sign-up under way gave.
pub fn code_of(c: &Conn, session: &str, now_ms: i64) -> StoreResult<Option<String>> {
    Ok(c.opt(
        "SELECT invite_code FROM matrix_sign_ups WHERE session = ?1 AND expires_ms > ?2",
        &[&session, &now_ms],
        |r| r.get::<Option<String>>(0),
    )?
    .flatten())
}

/// Forgets a finished sign-up.
pub fn delete_session(c: &Conn, session: &str) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_sign_ups WHERE session = ?1",
        &[&session],
    )?;
    Ok(())
}
