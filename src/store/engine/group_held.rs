//! What the SQLite writer's open group holds in memory until just before its COMMIT: the
//! full-text index's new texts (`index_pending`), the link previews its sends owe
//! (`owed_pending`) and the chat counters its sends note (`chats_pending`). Each is a
//! list per thread, `Some` only on the writer's, so that the same call on any other
//! thread (PostgreSQL's writers, a command) writes at once. The
//! writer notes each list's length before a job and cuts back to it when the job rolls
//! back, and the whole list goes with the group.

use std::cell::RefCell;
use std::thread::LocalKey;

/// One thread's list: `None` where nothing is held.
pub type Slot<T> = RefCell<Option<Vec<T>>>;

/// A list held for the writer's group.
pub struct Held<T: 'static>(pub &'static LocalKey<Slot<T>>);

impl<T> Held<T> {
    /// Makes this thread (the SQLite writer's) hold items until its group ends.
    pub fn collect_here(&self) {
        self.0.with(|s| *s.borrow_mut() = Some(Vec::new()));
    }

    /// Holds `item` for the group's end; gives it back on a thread that holds nothing.
    pub fn hold(&self, item: T) -> Option<T> {
        self.0.with(|s| match s.borrow_mut().as_mut() {
            Some(list) => {
                list.push(item);
                None
            }
            None => Some(item),
        })
    }

    /// How many items the open group holds.
    pub fn count(&self) -> usize {
        self.0.with(|s| s.borrow().as_ref().map_or(0, Vec::len))
    }

    /// Drops the items past the first `kept` (a job rolled back, or the whole group).
    pub fn forget_after(&self, kept: usize) {
        self.0.with(|s| {
            if let Some(list) = s.borrow_mut().as_mut() {
                list.truncate(kept);
            }
        });
    }

    /// The group's items, leaving none held.
    pub fn take(&self) -> Vec<T> {
        self.0
            .with(|s| s.borrow_mut().as_mut().map(std::mem::take))
            .unwrap_or_default()
    }
}
