//! The state the NATS bus's tasks (the publisher, the receiver, `beat`) and the NATS
//! client's event callback share.

use crate::hub::Hub;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock, Weak};
use tokio::sync::Notify;

/// What the bus's tasks and the NATS client's event callback share.
#[derive(Default)]
pub(super) struct Shared {
    /// The hub to deliver to and to tell about losses; set by `Connection::start`.
    pub(super) hub: OnceLock<Weak<Hub>>,
    /// Messages `carry` could not queue since the publisher last looked: the publisher
    /// skips as many sequence numbers, so other nodes see the gap.
    pub(super) dropped: AtomicU64,
    /// Set by `beat` when the bus connection must be replaced; the publisher does it
    /// between two messages, so each message's link says which connection carried it.
    pub(super) relink: Notify,
    /// Told by the publisher once the replaced connection carries (or could not yet).
    pub(super) relinked: Notify,
}

impl Shared {
    pub(super) fn hub(&self) -> Option<Arc<Hub>> {
        self.hub.get().and_then(Weak::upgrade)
    }
}
