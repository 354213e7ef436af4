//! What the store's own tests share: an event to follow through a writer, and a runtime
//! for the PostgreSQL tests (whose connections run on threads of their own).

use crate::domain::events::Event;
use crate::hub::Published;
use std::sync::Arc;

/// A small event for chat 1 and user 7, told apart by `n`.
pub(crate) fn event(n: i64) -> Arc<Published> {
    Published::new(
        1,
        Arc::from([7i64]),
        Event::ReadUpTo {
            user_id: 7,
            message_id: n,
        },
    )
}

/// A two-worker runtime for a test that drives `PgDb` or `PgWriter` from async code.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}
