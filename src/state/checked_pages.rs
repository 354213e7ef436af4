//! Ready-page checks remembered at the database's commit mark: which account a
//! credential named and where the page it asked for was kept (its key and versions), as
//! read at a mark (`store::CommitMark`: the SQLite file's, or a PostgreSQL node's count
//! of the commits it made and heard). While the mark is unchanged nothing was
//! committed since, by natter or any other process, so the same reads would give the same
//! answers: the credential names the same active account, the account is still a member
//! with the same rights, the chats' versions are the same. A ready page is then answered
//! without a read (`routing::ready`). Any commit changes the mark, and the next request
//! reads everything again, so a removed member, a signed-out key or a new message is
//! seen at once.
//!
//! Sessions are never remembered: their check depends on the clock (they expire).

use crate::model::Credential;
use crate::pages::PageVersion;
use crate::store::people::users::User;
use crate::store::CommitMark;
use hashlink::LruCache;
use std::sync::{Arc, Mutex};

/// Most checks remembered (about half a kilobyte each); the least recently used give way.
const MOST_REMEMBERED: usize = 4096;

/// One remembered check.
pub struct Checked {
    /// The mark the reads were taken at (read before them).
    pub mark: CommitMark,
    /// Whom the credential named.
    pub user: User,
    /// Where the page was kept and at which versions; `None`: the caller may not read it.
    pub place: Option<(String, PageVersion)>,
}

/// The remembered checks, by credential and page address.
pub struct CheckedPages {
    kept: Mutex<LruCache<Vec<u8>, Arc<Checked>>>,
}

impl Default for CheckedPages {
    fn default() -> Self {
        CheckedPages {
            kept: Mutex::new(LruCache::new(MOST_REMEMBERED)),
        }
    }
}

/// What a check is remembered under: the credential (a key's stored hash, or an access
/// JWT's account and epoch) and the page's address; `None` for a session.
pub fn key_of(credential: &Credential, address: &str) -> Option<Vec<u8>> {
    let mut key = match credential {
        Credential::Token(hash) => {
            let mut k = Vec::with_capacity(1 + hash.len() + address.len());
            k.push(b't');
            k.extend_from_slice(hash);
            k
        }
        Credential::AccessJwt { user_id, epoch } => {
            let mut k = Vec::with_capacity(17 + address.len());
            k.push(b'j');
            k.extend_from_slice(&user_id.to_le_bytes());
            k.extend_from_slice(&epoch.to_le_bytes());
            k
        }
        Credential::Session(_) | Credential::Device(_) => return None,
    };
    key.push(b' ');
    key.extend_from_slice(address.as_bytes());
    Some(key)
}

impl CheckedPages {
    /// The check remembered under `key` if it was read at `mark` (one read at another
    /// mark can never be used again and is dropped).
    pub fn get(&self, key: &[u8], mark: &CommitMark) -> Option<Arc<Checked>> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        match kept.get(key) {
            Some(checked) if checked.mark == *mark => Some(checked.clone()),
            Some(_) => {
                kept.remove(key);
                None
            }
            None => None,
        }
    }

    /// Remembers `checked` under `key`.
    pub fn put(&self, key: Vec<u8>, checked: Checked) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.insert(key, Arc::new(checked));
    }
}
