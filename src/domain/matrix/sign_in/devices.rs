//! Matrix devices: a Matrix app signs in as a device, which natter keeps as a session
//! row with the app's device id and name. The account page lists and ends them beside
//! browser sessions and keys; ending one signs its long polls out as it closes sockets.

use crate::domain::auth;
use crate::domain::error::{Error, Missing, Result};
use crate::kit::random::random_hex;
use crate::model::Credential;
use crate::state::App;
use crate::store;

/// How long a device lasts: Matrix apps signed in by password or single sign-on expect
/// their sign-in to last until it is ended (they hold no refresh token), so a year, as
/// long as a person keeps a phone. An OAuth 2.0 app's access token lives minutes within
/// that (`--matrix-oauth-access-secs`), renewed with its refresh token.
pub const DEVICE_SECS: i64 = 365 * 24 * 3600;

/// The longest device id or name kept (Synapse's limits are of this order; longer ones
/// are refused, not cut, so an app never finds its id changed).
pub const MAX_DEVICE_ID: usize = 255;

/// A device's name as it is kept: one line without control or direction characters
/// (`kit::printable::one_line`), since the person's account page and everyone who shares
/// a chat with them (`/keys/query`) are shown it.
fn kept_name(name: &str) -> String {
    crate::kit::printable::one_line(name).trim().to_string()
}

/// A device as an app lists it.
pub struct Device {
    /// The app's id for it.
    pub device_id: String,
    /// The name the person or app gave it.
    pub display_name: Option<String>,
    /// When it signed in (natter's time format).
    pub created_at: Option<String>,
}

/// A new access token for `user_id` as device `device_id` (a fresh one when the app
/// names none); a device of the same id is signed out and replaced. Answers the token
/// and the device id.
pub async fn sign_in(
    app: &App,
    user_id: i64,
    device_id: Option<String>,
    name: Option<String>,
) -> Result<(String, String)> {
    let device_id = device_id.unwrap_or_else(|| random_hex(5).to_uppercase());
    let name = name.map(|n| kept_name(&n));
    let token = format!("nmx_{}", random_hex(32));
    let hash = auth::digest(&token);
    let expires = store::clock::time_after(DEVICE_SECS);
    let id = device_id.clone();
    app.db
        .write(move |c| {
            let replaced = store::people::sessions::insert_device(
                c,
                &hash,
                user_id,
                &id,
                name.as_deref(),
                &expires,
            )?;
            match replaced {
                Some(old) => auth::sign_out(c, &old),
                None => Ok(()),
            }
        })
        .await?;
    Ok((token, device_id))
}

/// The device id of the access token `credential` is, if it is one that is signed in.
pub async fn current(app: &App, credential: &Credential) -> Result<Option<String>> {
    let Credential::Device(hash) = credential.clone() else {
        return Ok(None);
    };
    Ok(app
        .db
        .read(move |c| store::people::sessions::lookup_device(c, &hash, &store::clock::now()))
        .await?
        .map(|(_, device)| device))
}

/// The account's signed-in devices, oldest first.
pub async fn list(app: &App, me: i64) -> Result<Vec<Device>> {
    let sessions = app
        .db
        .read(move |c| store::people::sessions::of_user(c, me, &store::clock::now()))
        .await?;
    Ok(sessions
        .into_iter()
        .filter_map(|s| {
            Some(Device {
                device_id: s.device_id?,
                display_name: s.device_name,
                created_at: s.created_at,
            })
        })
        .collect())
}

/// Names one of the account's devices.
pub async fn rename(app: &App, me: i64, device_id: String, name: String) -> Result<()> {
    let name = kept_name(&name);
    let found = app
        .db
        .write(move |c| store::people::sessions::rename_device(c, me, &device_id, &name))
        .await?;
    match found {
        true => Ok(()),
        false => Err(Error::NotFound(Missing::Session)),
    }
}

/// Ends the account's devices named in `device_ids` (those it does not have are no
/// error: Matrix asks that deleting an unknown device succeeds); their long polls end.
pub async fn end(app: &App, me: i64, device_ids: Vec<String>) -> Result<()> {
    app.db
        .write(move |c| {
            for id in &device_ids {
                if let Some(hash) = store::people::sessions::delete_device(c, me, id)? {
                    auth::sign_out(c, &hash)?;
                    crate::domain::matrix::encryption::keys::forget_device(c, me, id)?;
                }
            }
            Ok(())
        })
        .await
}

/// Signs out every session and device of the account, browser sessions included (a
/// Matrix app's "sign out everywhere"); keys stay, as a password change keeps them.
pub async fn end_all(app: &App, me: i64) -> Result<()> {
    app.db
        .write(move |c| {
            for hash in store::people::sessions::hashes_of_user(c, me)? {
                store::people::sessions::delete(c, &hash)?;
                auth::sign_out(c, &hash)?;
            }
            Ok(())
        })
        .await
}

/// Signs out the device whose token hashes to `hash` (a Matrix app's sign-out).
pub async fn sign_out(app: &App, hash: Vec<u8>) -> Result<()> {
    app.db
        .write(move |c| {
            let device = store::people::sessions::lookup_device(c, &hash, &store::clock::now())?;
            store::people::sessions::delete(c, &hash)?;
            auth::sign_out(c, &hash)?;
            match device {
                Some((user_id, device_id)) => {
                    crate::domain::matrix::encryption::keys::forget_device(c, user_id, &device_id)
                }
                None => Ok(()),
            }
        })
        .await
}
