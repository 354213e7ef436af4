//! The loops that act on their own, started by `lib.rs`: the repair of gaps in a chat's
//! events on several nodes (`event_repair`), what two outboxes share (`outbox`), and
//! reading tables another process writes (`table_watch`) for import notices
//! (`import_notices`) and lockouts (`lockouts`), the statuses' sweep (`statuses`: ended
//! statuses cleared, people gone away told), and a thread for work that yields the
//! processor to requests (`low_priority`).

pub mod event_repair;
pub mod import_notices;
pub mod lockouts;
pub mod low_priority;
pub mod outbox;
pub mod statuses;
pub mod table_watch;
