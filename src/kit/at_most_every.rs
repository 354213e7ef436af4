//! Doing something for a key at most once in a while, per process: a background write
//! that notes activity ("last seen", "active") need not run at every request of the
//! same person.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The last time each key was let through; a static can hold one (`new` is `const`).
pub struct AtMostEvery {
    every: Duration,
    last: Mutex<Option<HashMap<i64, Instant>>>,
}

/// Keys remembered before the old ones are let go.
const MANY: usize = 100_000;

impl AtMostEvery {
    /// Lets each key through at most once per `every`.
    pub const fn new(every: Duration) -> AtMostEvery {
        AtMostEvery {
            every,
            last: Mutex::new(None),
        }
    }

    /// Whether `key` may go now (and notes that it went); `false` within `every` of the
    /// last time it did.
    pub fn due(&self, key: i64) -> bool {
        let now = Instant::now();
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let map = last.get_or_insert_with(Default::default);
        if map
            .get(&key)
            .is_some_and(|at| now.duration_since(*at) < self.every)
        {
            return false;
        }
        // Bounded: the old notes go once the map is large.
        if map.len() > MANY {
            map.retain(|_, at| now.duration_since(*at) < self.every);
        }
        map.insert(key, now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_goes_once_per_period_and_others_apart() {
        let gate = AtMostEvery::new(Duration::from_secs(60));
        assert!(gate.due(1));
        assert!(!gate.due(1));
        assert!(gate.due(2));
    }
}
