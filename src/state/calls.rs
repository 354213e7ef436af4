//! Who is in which room's call, as `App` holds it: in memory on a single node
//! (`memory`), in PostgreSQL when several nodes share it (`shared`). The rules that
//! join, leave and relay are `domain::calls`.

pub mod announce;
mod memory;
mod shared;
#[cfg(test)]
mod tests;

pub use memory::Calls;
pub use shared::{complain_if_not_alone, Heartbeat, SharedCalls};

use crate::model::events::{CallParticipant, MediaState};
use crate::store::people::users::User;
use crate::store::StoreResult;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Who is in which room's call, and the ids of this node's sockets that may join. An
/// enum rather than a trait object: there are exactly two kinds, and the shared one's
/// methods are async.
pub struct Registry {
    next_socket: AtomicU64,
    kind: Kind,
}

enum Kind {
    /// One node (`--hub local`): in memory, as natter always did.
    Local(Calls),
    /// Several nodes (`--hub nats://...`): in PostgreSQL, with heartbeats.
    Shared(Arc<SharedCalls>),
}

impl Default for Registry {
    fn default() -> Self {
        Registry::local()
    }
}

impl Registry {
    /// The in-memory registry of a single node.
    pub fn local() -> Self {
        Registry {
            next_socket: AtomicU64::new(0),
            kind: Kind::Local(Calls::default()),
        }
    }

    /// The registry the nodes of a cluster share (see [`SharedCalls::start`]).
    pub fn shared(calls: Arc<SharedCalls>) -> Self {
        Registry {
            next_socket: AtomicU64::new(0),
            kind: Kind::Shared(calls),
        }
    }

    /// A fresh id for a socket that may join calls, unique on this node (the shared
    /// registry stores it with the node's id).
    pub fn socket_id(&self) -> u64 {
        self.next_socket.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A clean stop, after this node's sockets have closed: the shared registry removes
    /// what this node still holds and its heartbeat; the local one has nothing to do.
    pub async fn close(&self) {
        if let Kind::Shared(calls) = &self.kind {
            calls.close().await;
        }
    }
}

impl Registry {
    /// Who is in a room's call now (on every node, when they share the registry).
    pub async fn participants(&self, room_id: i64) -> StoreResult<Vec<CallParticipant>> {
        match &self.kind {
            Kind::Local(calls) => Ok(calls.participants(room_id)),
            Kind::Shared(calls) => calls.participants(room_id).await,
        }
    }

    /// Adds `user`'s `socket` to the call (`sfu`: its media goes through the SFU):
    /// whether the user was not in it before, and the call's participants after.
    pub async fn join(
        &self,
        room_id: i64,
        user: &User,
        socket: u64,
        sfu: bool,
    ) -> StoreResult<(bool, Vec<CallParticipant>)> {
        match &self.kind {
            Kind::Local(calls) => {
                let new = calls.join(room_id, user, socket, sfu);
                Ok((new, calls.participants(room_id)))
            }
            Kind::Shared(calls) => calls.join(room_id, user, socket, sfu).await,
        }
    }

    /// Notes what a user in the call says of their microphone and camera: the call's
    /// participants after, or `None` when the user is not in the call.
    pub async fn set_media(
        &self,
        room_id: i64,
        user_id: i64,
        media: MediaState,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        match &self.kind {
            Kind::Local(calls) => Ok(calls
                .set_media(room_id, user_id, media)
                .then(|| calls.participants(room_id))),
            Kind::Shared(calls) => calls.set_media(room_id, user_id, media).await,
        }
    }

    /// Removes a socket from the call: the participants after, when it was its user's
    /// last socket in the call (the user left), else `None`.
    pub async fn leave(
        &self,
        room_id: i64,
        user_id: i64,
        socket: u64,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        match &self.kind {
            Kind::Local(calls) => Ok(calls
                .leave(room_id, user_id, socket)
                .then(|| calls.participants(room_id))),
            Kind::Shared(calls) => calls.leave(room_id, user_id, socket).await,
        }
    }

    /// Takes a user out of the call whatever sockets they joined through (on every node,
    /// when the registry is shared): the participants after, when they were in it, else
    /// `None`. For someone who lost the chat: their sockets may stay open.
    pub async fn remove_user(
        &self,
        room_id: i64,
        user_id: i64,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        match &self.kind {
            Kind::Local(calls) => Ok(calls
                .remove_user(room_id, user_id)
                .then(|| calls.participants(room_id))),
            Kind::Shared(calls) => calls.remove_user(room_id, user_id).await,
        }
    }
}
