//! Whom each recent key or access JWT named, as a guess that lets a history read or a send
//! go out with its caller's check rather than after it (issue 41). The guess is
//! never trusted: `api::caller` checks the credential in the same round trip and keeps
//! the job's answer only when the check names exactly this account, field for field.

use crate::domain::auth::Credential;
use crate::store::users::User;
use std::collections::HashMap;
use std::sync::Mutex;

/// Most credentials remembered; past that the memory starts again (a guess missed only
/// costs the round trip it would have saved).
const MOST_KNOWN: usize = 10_000;

/// The account each recent credential was last checked to name.
#[derive(Default)]
pub struct KnownCallers {
    known: Mutex<HashMap<Key, User>>,
}

/// A credential as remembered: a key's stored hash, or an access JWT's user and epoch.
/// Sessions are left out: their check is two statements, not sent ahead.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    Token(Vec<u8>),
    AccessJwt(i64, i64),
}

fn key(credential: &Credential) -> Option<Key> {
    match credential {
        Credential::Token(hash) => Some(Key::Token(hash.clone())),
        Credential::AccessJwt { user_id, epoch } => Some(Key::AccessJwt(*user_id, *epoch)),
        Credential::Session(_) => None,
    }
}

impl KnownCallers {
    /// The account `credential` named when last checked, if remembered.
    pub fn guess(&self, credential: &Credential) -> Option<User> {
        let key = key(credential)?;
        let known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        known.get(&key).cloned()
    }

    /// Remembers that `credential` was just checked to name `user`.
    pub fn note(&self, credential: &Credential, user: &User) {
        let Some(key) = key(credential) else {
            return;
        };
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if known.len() >= MOST_KNOWN && !known.contains_key(&key) {
            known.clear();
        }
        known.insert(key, user.clone());
    }

    /// Forgets `credential`: its check was refused (a key signed out, an account
    /// deactivated), so guessing again would only cost the job it ran.
    pub fn forget(&self, credential: &Credential) {
        if let Some(key) = key(credential) {
            let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
            known.remove(&key);
        }
    }
}
