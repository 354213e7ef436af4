//! What travels through the hub: an event with the renderings sockets share
//! ([`Published`]), what a committed write hands the hub ([`Emit`]), and the credential a
//! socket was opened with ([`SignIn`]). Their own file so that the hub, its bus, its
//! queues and its order all name them from below.

use crate::model::events::Event;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// How many renderings of one event are cached: one per socket protocol (the socket
/// layer numbers its protocols; the hub only keeps the slots).
pub const RENDER_SLOTS: usize = 5;

/// One cached rendering, of whatever type the socket layer renders to.
type Cached = Option<Box<dyn Any + Send + Sync>>;

/// An event on its way to subscribers, with per-surface renderings made at most once.
pub struct Published {
    /// The chat the event happened in.
    pub chat_id: i64,
    /// Members of the chat when the event was published: who user-level subscribers are.
    pub audience: Arc<[i64]>,
    /// What happened.
    pub event: Event,
    /// The event's number in its chat's sequence: given in the transaction of
    /// its change on PostgreSQL with several nodes, so every node delivers a chat's
    /// events in commit order and sees one that is missing; 0 for an event outside the
    /// sequence (typing, receipts, calls, and every event of one node alone).
    pub(super) seq: AtomicU64,
    pub(super) rendered: [OnceLock<Cached>; RENDER_SLOTS],
}

impl Published {
    /// Wraps an event for publication.
    pub fn new(chat_id: i64, audience: Arc<[i64]>, event: Event) -> Arc<Self> {
        Arc::new(Published {
            chat_id,
            audience,
            event,
            seq: AtomicU64::new(0),
            rendered: Default::default(),
        })
    }

    /// The event's number in its chat's sequence, 0 if it has none.
    pub fn seq(&self) -> u64 {
        self.seq.load(Ordering::Relaxed)
    }

    /// Numbers the event; the store does it before the event leaves its transaction.
    pub fn set_seq(&self, seq: u64) {
        self.seq.store(seq, Ordering::Relaxed);
    }

    /// The rendering of this event kept in `slot`, computed by `render` on first use
    /// only: every socket of one protocol shares it. `None` when `render` gave none (or
    /// `slot` is out of range, or was filled with another type).
    pub fn rendered<R: Any + Clone + Send + Sync>(
        &self,
        slot: usize,
        render: impl FnOnce(&Published) -> Option<R>,
    ) -> Option<R> {
        self.rendered
            .get(slot)?
            .get_or_init(|| render(self).map(|r| Box::new(r) as Box<dyn Any + Send + Sync>))
            .as_ref()?
            .downcast_ref::<R>()
            .cloned()
    }
}

/// What a committed write job hands the hub, in the order the job queued it
/// (`store::Tx::publish`, `store::Tx::revoke`).
#[derive(Clone)]
pub enum Emit {
    /// An event for the chat's subscribers and audience.
    Event(Arc<Published>),
    /// `user_id` lost access to `chat_id`: its sockets on the chat are closed with 1008.
    Revoke { chat_id: i64, user_id: i64 },
    /// A key or session was signed out: every socket opened with it closes with 1008.
    SignOut(SignIn),
    /// A person was locked out (deactivated, or their password changed): every socket
    /// of theirs closes with 1008, but those opened with `keep` (the credential that
    /// changed the password).
    LockOut { user_id: i64, keep: Option<SignIn> },
}

/// The digest of the credential a socket was opened with (a DRF key's or a session id's
/// stored sha256), so that signing out of it closes the sockets it opened. A socket opened with an access JWT has none: no endpoint ends a JWT.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct SignIn(pub [u8; 32]);

impl SignIn {
    /// From a stored credential hash; `None` if it is not a sha256.
    pub fn from_digest(digest: &[u8]) -> Option<SignIn> {
        digest.try_into().ok().map(SignIn)
    }
}
