//! Matrix's OAuth 2.0 API: the apps that registered, the sign-ins they started (each
//! waiting for its person, then holding a one-use code), and devices' refresh tokens.
//! Codes and tokens are kept only as hashes.

use crate::store::{Conn, StoreResult};

/// Keeps a registered app's metadata under its new id.
pub fn add_client(c: &Conn, client_id: &str, metadata: &str, now_ms: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_oauth_clients (client_id, metadata, created_ms) VALUES (?1, ?2, ?3)",
        &[&client_id, &metadata, &now_ms],
    )?;
    Ok(())
}

/// A registered app's metadata.
pub fn client(c: &Conn, client_id: &str) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT metadata FROM matrix_oauth_clients WHERE client_id = ?1",
        &[&client_id],
        |r| r.get(0),
    )
}

/// A sign-in an app started, as its request asked.
#[derive(Debug, Clone)]
pub struct Grant {
    pub id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub state: Option<String>,
    pub code_challenge: String,
    /// `query` or `fragment`: where the code goes in the redirect.
    pub response_mode: String,
    pub expires_ms: i64,
    /// Who allowed it, once someone did.
    pub user_id: Option<i64>,
}

const GRANT_COLUMNS: &str = "id, client_id, redirect_uri, scope, state, code_challenge, \
     response_mode, expires_ms, user_id";

fn grant_of(r: &crate::store::engine::sql::Row<'_>) -> StoreResult<Grant> {
    Ok(Grant {
        id: r.get(0)?,
        client_id: r.get(1)?,
        redirect_uri: r.get(2)?,
        scope: r.get(3)?,
        state: r.get(4)?,
        code_challenge: r.get(5)?,
        response_mode: r.get(6)?,
        expires_ms: r.get(7)?,
        user_id: r.get(8)?,
    })
}

/// Keeps a sign-in an app started (and forgets those that ran out).
pub fn add_grant(c: &Conn, g: &Grant, now_ms: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_oauth_grants WHERE expires_ms < ?1",
        &[&now_ms],
    )?;
    c.exec(
        "INSERT INTO matrix_oauth_grants (id, client_id, redirect_uri, scope, state,
             code_challenge, response_mode, expires_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &[
            &g.id,
            &g.client_id,
            &g.redirect_uri,
            &g.scope,
            &g.state,
            &g.code_challenge,
            &g.response_mode,
            &g.expires_ms,
        ],
    )?;
    Ok(())
}

/// A sign-in still waiting for its person, if it has not run out.
pub fn waiting_grant(c: &Conn, id: &str, now_ms: i64) -> StoreResult<Option<Grant>> {
    c.opt(
        &format!(
            "SELECT {GRANT_COLUMNS} FROM matrix_oauth_grants
             WHERE id = ?1 AND expires_ms >= ?2 AND user_id IS NULL"
        ),
        &[&id, &now_ms],
        grant_of,
    )
}

/// Notes that `user_id` allowed the sign-in, with its code (hashed) and how long the
/// code lasts.
pub fn allow(
    c: &Conn,
    id: &str,
    user_id: i64,
    code_hash: &[u8],
    expires_ms: i64,
) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE matrix_oauth_grants SET user_id = ?2, code_hash = ?3, expires_ms = ?4
         WHERE id = ?1 AND user_id IS NULL",
        &[&id, &user_id, &code_hash, &expires_ms],
    )? == 1)
}

/// What a code names when an app trades it.
pub enum Code {
    /// An allowed sign-in, now used: it cannot be traded again.
    Fresh(Grant),
    /// A code traded before: the session it made, if it made one.
    Again(Option<Vec<u8>>),
    Unknown,
}

/// Takes the allowed sign-in a code names, once, whatever the app then does with it.
pub fn take_code(c: &Conn, code_hash: &[u8], now_ms: i64) -> StoreResult<Code> {
    let found: Option<(Grant, i64, Option<Vec<u8>>)> = c.opt(
        &format!(
            "SELECT {GRANT_COLUMNS}, used, session_hash FROM matrix_oauth_grants
             WHERE code_hash = ?1 AND user_id IS NOT NULL AND expires_ms >= ?2"
        ),
        &[&code_hash, &now_ms],
        |r| Ok((grant_of(r)?, r.get(9)?, r.get(10)?)),
    )?;
    Ok(match found {
        None => Code::Unknown,
        Some((_, 1, session)) => Code::Again(session),
        Some((grant, _, _)) => {
            c.exec(
                "UPDATE matrix_oauth_grants SET used = 1 WHERE id = ?1",
                &[&grant.id],
            )?;
            Code::Fresh(grant)
        }
    })
}

/// Notes the session a sign-in's code made (ended if the code comes again).
pub fn note_session(c: &Conn, id: &str, session_hash: &[u8]) -> StoreResult<()> {
    c.exec(
        "UPDATE matrix_oauth_grants SET session_hash = ?2 WHERE id = ?1",
        &[&id, &session_hash],
    )?;
    Ok(())
}

/// Forgets a waiting sign-in its person refused; answers it.
pub fn refuse(c: &Conn, id: &str, now_ms: i64) -> StoreResult<Option<Grant>> {
    let grant = waiting_grant(c, id, now_ms)?;
    c.exec(
        "DELETE FROM matrix_oauth_grants WHERE id = ?1 AND user_id IS NULL",
        &[&id],
    )?;
    Ok(grant)
}

/// Keeps a device's refresh token.
pub fn add_refresh(
    c: &Conn,
    token_hash: &[u8],
    session_hash: &[u8],
    client_id: &str,
    scope: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_oauth_refresh (token_hash, session_hash, client_id, scope)
         VALUES (?1, ?2, ?3, ?4)",
        &[&token_hash, &session_hash, &client_id, &scope],
    )?;
    Ok(())
}

/// What a refresh token is for: (session hash, client id, scope), taken once.
pub fn take_refresh(c: &Conn, token_hash: &[u8]) -> StoreResult<Option<(Vec<u8>, String, String)>> {
    let found: Option<(Vec<u8>, String, String)> = c.opt(
        "SELECT session_hash, client_id, scope FROM matrix_oauth_refresh WHERE token_hash = ?1",
        &[&token_hash],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if found.is_some() {
        c.exec(
            "DELETE FROM matrix_oauth_refresh WHERE token_hash = ?1",
            &[&token_hash],
        )?;
    }
    Ok(found)
}

/// The session a refresh token belongs to, if it is one.
pub fn session_of_refresh(c: &Conn, token_hash: &[u8]) -> StoreResult<Option<Vec<u8>>> {
    c.opt(
        "SELECT session_hash FROM matrix_oauth_refresh WHERE token_hash = ?1",
        &[&token_hash],
        |r| r.get(0),
    )
}
