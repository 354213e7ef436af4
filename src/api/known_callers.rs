//! Whom each recent key or access JWT named, as a guess that lets a read job send its
//! first statements before its caller's check is answered (issue 41). The guess is
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
}
