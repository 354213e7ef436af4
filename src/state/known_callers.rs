//! Whom each recent key or access JWT named, as a guess that lets a history read or a send
//! go out with its caller's check rather than after it. The guess is
//! never trusted: `routing::caller` checks the credential in the same round trip and keeps
//! the job's answer only when the check names exactly this account, field for field.

use crate::model::Credential;
use crate::store::people::users::User;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most credentials remembered; past that the memory starts again (a guess missed only
/// costs the round trip it would have saved).
const MOST_KNOWN: usize = 10_000;

/// The account each recent credential was last checked to name, shared rather than
/// copied out on every request.
#[derive(Default)]
pub struct KnownCallers {
    known: Mutex<HashMap<Key, Arc<User>>>,
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
        Credential::Session(_) | Credential::Device(_) => None,
    }
}

impl KnownCallers {
    /// The account `credential` named when last checked, if remembered.
    pub fn guess(&self, credential: &Credential) -> Option<Arc<User>> {
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
        known.insert(key, Arc::new(user.clone()));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: i64) -> User {
        User::example(id)
    }

    /// A key and a JWT are remembered until forgotten, a session never; past the most
    /// remembered the memory starts again.
    #[test]
    fn credentials_are_remembered_until_forgotten_and_the_memory_is_bounded() {
        let known = KnownCallers::default();
        let key = Credential::Token(vec![1]);
        let jwt = Credential::AccessJwt {
            user_id: 2,
            epoch: 0,
        };
        let session = Credential::Session(vec![3]);
        for (credential, id) in [(&key, 1), (&jwt, 2), (&session, 3)] {
            known.note(credential, &user(id));
        }
        assert_eq!(known.guess(&key).map(|u| u.id), Some(1));
        assert_eq!(known.guess(&jwt).map(|u| u.id), Some(2));
        assert!(known.guess(&session).is_none());
        let newer_epoch = Credential::AccessJwt {
            user_id: 2,
            epoch: 1,
        };
        assert!(known.guess(&newer_epoch).is_none());
        known.forget(&key);
        assert!(known.guess(&key).is_none());

        for n in 0..MOST_KNOWN as u32 {
            known.note(&Credential::Token(n.to_be_bytes().to_vec()), &user(9));
        }
        assert!(known.guess(&jwt).is_none(), "the memory started again");
        let last = Credential::Token((MOST_KNOWN as u32 - 1).to_be_bytes().to_vec());
        assert_eq!(known.guess(&last).map(|u| u.id), Some(9));
    }
}
