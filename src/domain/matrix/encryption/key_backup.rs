//! Server-side key backup (`/room_keys`): a person's Matrix apps store the room keys of
//! their encrypted rooms here, encrypted with a key only the person holds, so that a new
//! device reads the history. natter keeps each version and key as the app wrote it.

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::state::App;
use crate::store::matrix::key_backup as backups;
pub use crate::store::matrix::key_backup::Backup;

/// The most room keys one person keeps, over all their versions (a room key's backup is
/// about a kilobyte: a heavy user has some tens of thousands).
pub const MAX_KEYS: i64 = 100_000;

/// A room key to store, with what decides whether it replaces the one stored.
pub struct RoomKey {
    pub room_id: String,
    pub session_id: String,
    /// Its JSON, as the app wrote it.
    pub json: String,
    pub first_message_index: i64,
    pub forwarded_count: i64,
    pub is_verified: bool,
}

/// Why keys could not be stored.
pub enum KeysRefused {
    /// The version is not the current one (the app must start on the current one).
    NotCurrent(Option<i64>),
}

/// The current version, or the one asked.
pub async fn get(app: &App, me: i64, version: Option<i64>) -> Result<Option<Backup>> {
    app.db
        .read(move |c| Ok(backups::get(c, me, version)?))
        .await
}

/// Starts a new current version.
pub async fn create(app: &App, me: i64, algorithm: String, auth_data: String) -> Result<i64> {
    app.db
        .write(move |c| Ok(backups::create(c, me, &algorithm, &auth_data)?))
        .await
}

/// Replaces a version's `auth_data` (its algorithm stays as it was).
pub async fn update(
    app: &App,
    me: i64,
    version: i64,
    algorithm: String,
    auth_data: String,
) -> Result<()> {
    app.db
        .write(move |c| {
            let current =
                backups::get(c, me, Some(version))?.ok_or(Error::NotFound(Missing::Session))?;
            if current.algorithm != algorithm {
                return Err(Error::field(
                    "algorithm",
                    Problem::Worded("A backup's algorithm cannot change."),
                ));
            }
            backups::update(c, me, version, &auth_data)?;
            Ok(())
        })
        .await
}

/// Deletes a version and its keys.
pub async fn delete(app: &App, me: i64, version: i64) -> Result<()> {
    match app
        .db
        .write(move |c| Ok::<_, Error>(backups::delete(c, me, version)?))
        .await?
    {
        true => Ok(()),
        false => Err(Error::NotFound(Missing::Session)),
    }
}

/// Whether `new` should replace `old` (the stored key's JSON): a verified key over an
/// unverified one, then the one that decrypts from an earlier message, then the one
/// forwarded fewer times.
fn better(new: &RoomKey, old: &str) -> bool {
    let Ok(old) = serde_json::from_str::<serde_json::Value>(old) else {
        return true;
    };
    let old_verified = old["is_verified"].as_bool().unwrap_or(false);
    if new.is_verified != old_verified {
        return new.is_verified;
    }
    let old_first = old["first_message_index"].as_i64().unwrap_or(i64::MAX);
    if new.first_message_index != old_first {
        return new.first_message_index < old_first;
    }
    new.forwarded_count < old["forwarded_count"].as_i64().unwrap_or(i64::MAX)
}

/// Stores room keys in `version`, which must be current: answers the version's key
/// count and etag.
pub async fn put_keys(
    app: &App,
    me: i64,
    version: i64,
    keys: Vec<RoomKey>,
) -> Result<std::result::Result<(i64, i64), KeysRefused>> {
    app.db
        .write(move |c| {
            let current = backups::get(c, me, None)?;
            if current.as_ref().map(|b| b.version) != Some(version) {
                return Ok(Err(KeysRefused::NotCurrent(current.map(|b| b.version))));
            }
            let mut changed = false;
            let mut held = backups::count_of_user(c, me)?;
            for key in &keys {
                match backups::key(c, me, version, &key.room_id, &key.session_id)? {
                    Some(old) if !better(key, &old) => continue,
                    Some(_) => {}
                    None => {
                        if held >= MAX_KEYS {
                            return Err(Error::field(
                                "rooms",
                                Problem::Worded("Your backups hold as many keys as they may."),
                            ));
                        }
                        held += 1;
                    }
                }
                backups::put_key(c, me, version, &key.room_id, &key.session_id, &key.json)?;
                changed = true;
            }
            if changed {
                backups::touch(c, me, version)?;
            }
            let after =
                backups::get(c, me, Some(version))?.ok_or(Error::NotFound(Missing::Session))?;
            Ok(Ok((after.count, after.etag)))
        })
        .await
}

/// A version's room keys, of one room or one session when named: (room, session, key).
/// `None`: no such version.
pub async fn keys(
    app: &App,
    me: i64,
    version: i64,
    room: Option<String>,
    session: Option<String>,
) -> Result<Option<Vec<(String, String, String)>>> {
    app.db
        .read(move |c| {
            if backups::get(c, me, Some(version))?.is_none() {
                return Ok(None);
            }
            Ok(Some(backups::keys(
                c,
                me,
                version,
                room.as_deref(),
                session.as_deref(),
            )?))
        })
        .await
}

/// Deletes a version's room keys, of one room or one session when named: answers the
/// version's key count and etag.
pub async fn delete_keys(
    app: &App,
    me: i64,
    version: i64,
    room: Option<String>,
    session: Option<String>,
) -> Result<(i64, i64)> {
    app.db
        .write(move |c| {
            if backups::get(c, me, Some(version))?.is_none() {
                return Err(Error::NotFound(Missing::Session));
            }
            backups::delete_keys(c, me, version, room.as_deref(), session.as_deref())?;
            backups::touch(c, me, version)?;
            let after =
                backups::get(c, me, Some(version))?.ok_or(Error::NotFound(Missing::Session))?;
            Ok((after.count, after.etag))
        })
        .await
}
