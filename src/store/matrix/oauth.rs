//! Matrix's OAuth 2.0 API: the apps that registered, the sign-ins they started (each
//! waiting for its person, then holding a one-use code), devices' refresh tokens (used
//! ones kept a while, to recognise a replay), and what a refresh changes of a device's
//! session (its access token's hash and the time it stops working). Codes and tokens are
//! kept only as hashes.

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

/// Keeps a device's refresh token (live until it is used).
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

/// What a refresh token names when an app trades it.
pub enum Refresh {
    /// A live token, now used: its device's session, its app and its scope.
    Fresh {
        session_hash: Vec<u8>,
        client_id: String,
        scope: String,
    },
    /// A token used before, still remembered: the session of the device it was for.
    Replayed { session_hash: Vec<u8> },
    /// A token never made, forgotten, of a device that ended, or of another app.
    Unknown,
}

/// Takes a live refresh token of `client_id` once: it is kept as used until
/// `used_until_ms`, so that the same token presented again is recognised (and used
/// tokens older than that are forgotten). A used token is told apart from an unknown
/// one; a live token named with another app's id is unknown, and stays live.
pub fn take_refresh(
    c: &Conn,
    token_hash: &[u8],
    client_id: &str,
    now_ms: i64,
    used_until_ms: i64,
) -> StoreResult<Refresh> {
    c.exec(
        "DELETE FROM matrix_oauth_refresh WHERE used_until_ms < ?1",
        &[&now_ms],
    )?;
    let found: Option<(Vec<u8>, String, String, Option<i64>)> = c.opt(
        "SELECT session_hash, client_id, scope, used_until_ms FROM matrix_oauth_refresh
         WHERE token_hash = ?1",
        &[&token_hash],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(match found {
        None => Refresh::Unknown,
        Some((session_hash, _, _, Some(_))) => Refresh::Replayed { session_hash },
        Some((_, owner, _, None)) if owner != client_id => Refresh::Unknown,
        Some((session_hash, client_id, scope, None)) => {
            c.exec(
                "UPDATE matrix_oauth_refresh SET used_until_ms = ?2 WHERE token_hash = ?1",
                &[&token_hash, &used_until_ms],
            )?;
            Refresh::Fresh {
                session_hash,
                client_id,
                scope,
            }
        }
    })
}

/// The session a refresh token (live or used) belongs to, if it is one.
pub fn session_of_refresh(c: &Conn, token_hash: &[u8]) -> StoreResult<Option<Vec<u8>>> {
    c.opt(
        "SELECT session_hash FROM matrix_oauth_refresh WHERE token_hash = ?1",
        &[&token_hash],
        |r| r.get(0),
    )
}

/// The account and device id of a device's session while the device lives, whether or
/// not its access token has run out (what a refresh renews).
pub fn device_of_session(
    c: &Conn,
    session_hash: &[u8],
    now: &str,
) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT s.user_id, s.device_id FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.is_active = 1
           AND s.device_id IS NOT NULL",
        &[&session_hash, &now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The account and device id of a session's row, whatever its times (to end it).
pub fn any_device_of_session(c: &Conn, session_hash: &[u8]) -> StoreResult<Option<(i64, String)>> {
    c.opt(
        "SELECT user_id, device_id FROM sessions WHERE id_hash = ?1 AND device_id IS NOT NULL",
        &[&session_hash],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Gives a device's session the time its access token stops working.
pub fn set_access_expiry(
    c: &Conn,
    session_hash: &[u8],
    access_expires_at: &str,
) -> StoreResult<()> {
    c.exec(
        "UPDATE sessions SET access_expires_at = ?2 WHERE id_hash = ?1",
        &[&session_hash, &access_expires_at],
    )?;
    Ok(())
}

/// Whether `token_hash` is a living device's access token that is refused only because
/// its time ran out (Matrix's soft logout: a refresh brings a new one).
pub fn access_ran_out(c: &Conn, token_hash: &[u8], now: &str) -> StoreResult<bool> {
    let found: Option<i64> = c.opt(
        "SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.device_id IS NOT NULL AND s.expires_at > ?2
           AND s.access_expires_at IS NOT NULL AND s.access_expires_at <= ?2
           AND u.is_active = 1",
        &[&token_hash, &now],
        |r| r.get(0),
    )?;
    Ok(found.is_some())
}

/// When a refreshed device's session now ends and its new access token stops working.
pub struct Renewed<'a> {
    /// When the device's session ends unless it is refreshed again.
    pub expires_at: &'a str,
    /// When its new access token stops working.
    pub access_expires_at: &'a str,
}

/// A refresh: the device's session moves from the access token hashing to `old` to the
/// one hashing to `new`, keeping its device, name and start, and with it what is kept by
/// that hash: the transaction ids of its sends and of its messages to devices (a send
/// retried across a refresh is still sent once), its refresh tokens (used ones too, so a
/// replay still finds the device), the sign-in whose code made it, and the pushers it set
/// (a refresh every few minutes must not end its notifications). The old token then
/// names nothing. The row is copied before the old one goes, its device id set last,
/// because a device id is unique on its account and the rows kept by the hash must
/// always name a session.
pub fn move_session(c: &Conn, old: &[u8], new: &[u8], times: &Renewed<'_>) -> StoreResult<bool> {
    let device: Option<String> = c.opt(
        "SELECT device_id FROM sessions WHERE id_hash = ?1 AND device_id IS NOT NULL",
        &[&old],
        |r| r.get(0),
    )?;
    let Some(device) = device else {
        return Ok(false);
    };
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at, created_at,
                               device_id, device_name, access_expires_at)
         SELECT ?2, user_id, csrf_secret, ?3, created_at, NULL, device_name, ?4
         FROM sessions WHERE id_hash = ?1",
        &[&old, &new, &times.expires_at, &times.access_expires_at],
    )?;
    for sql in [
        "UPDATE matrix_txns SET token_hash = ?2 WHERE token_hash = ?1",
        "UPDATE matrix_to_device_txns SET token_hash = ?2 WHERE token_hash = ?1",
        "UPDATE matrix_oauth_refresh SET session_hash = ?2 WHERE session_hash = ?1",
        "UPDATE matrix_oauth_grants SET session_hash = ?2 WHERE session_hash = ?1",
        "UPDATE push_subscriptions SET made_with = ?2 WHERE made_with = ?1",
    ] {
        c.exec(sql, &[&old, &new])?;
    }
    c.exec("DELETE FROM sessions WHERE id_hash = ?1", &[&old])?;
    c.exec(
        "UPDATE sessions SET device_id = ?2 WHERE id_hash = ?1",
        &[&new, &device],
    )?;
    Ok(true)
}
