//! Resource caps, not rate limits: how many connections one client address, and how many
//! sockets one user, may hold open at once (docs/security.md). They bound file
//! descriptors and memory, so `--rate-limits off` leaves them in force.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Open things per key, at most `max` each.
pub struct Cap<K: Eq + Hash + Clone> {
    max: u64,
    open: Mutex<HashMap<K, u64>>,
}

/// One open thing counted against its key until dropped.
pub struct Slot<K: Eq + Hash + Clone> {
    cap: Arc<Cap<K>>,
    key: K,
}

impl<K: Eq + Hash + Clone> Cap<K> {
    /// A cap of `max` open things per key.
    pub fn new(max: u64) -> Arc<Self> {
        Arc::new(Cap {
            max,
            open: Mutex::new(HashMap::new()),
        })
    }

    /// A slot for `key`, or `None` when `key` already holds `max`.
    pub fn try_take(self: &Arc<Self>, key: K) -> Option<Slot<K>> {
        let mut open = self.lock();
        let count = open.entry(key.clone()).or_insert(0);
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(Slot {
            cap: self.clone(),
            key,
        })
    }

    /// How many things `key` holds open now.
    pub fn open(&self, key: &K) -> u64 {
        self.lock().get(key).copied().unwrap_or(0)
    }

    /// The counts; no update can leave them half-changed, so a poisoned lock is taken as is.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, u64>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<K: Eq + Hash + Clone> Drop for Slot<K> {
    fn drop(&mut self) {
        let mut open = self.cap.lock();
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cap;

    #[test]
    fn a_key_holds_at_most_max_and_a_dropped_slot_frees_its_place() {
        let cap = Cap::new(2);
        let a = cap.try_take("a");
        let b = cap.try_take("a");
        assert!(a.is_some() && b.is_some());
        assert!(cap.try_take("a").is_none());
        assert!(cap.try_take("b").is_some(), "other keys are not affected");
        drop(a);
        assert_eq!(cap.open(&"a"), 1);
        assert!(cap.try_take("a").is_some());
        drop(b);
    }
}
