//! Each chat's events in commit order, on a node of several. Every event that
//! changes a chat carries its number in the chat's sequence (`Published::seq`, given in
//! the transaction of its change). A node delivers number n only after n-1: a later one
//! that arrives first (from NATS, or from this node while the other's is in flight) is
//! held; one already delivered (NATS's copy of an event read from the database) is
//! dropped. What is held too long, or what the database has and this node never got (its
//! node died before publishing it), is read back from the outbox by
//! `domain::background::event_repair` and handed to [`ChatOrder::accept`] like any other.
//!
//! With no positions given (one node alone) every event passes at once: numbers are 0.

use super::published::Published;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Events of one chat that arrived before the one they follow.
struct Held {
    events: BTreeMap<u64, Arc<Published>>,
    /// When the first of them arrived: the gap has been open since.
    since: Instant,
}

/// A number the database has and this node has not delivered, and since when it is known.
#[derive(Clone, Copy)]
struct Behind {
    head: u64,
    since: Instant,
}

/// Numbers of one chat to read from the outbox: `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repair {
    pub chat_id: i64,
    pub from: u64,
    pub to: u64,
    /// How long the oldest of them has been missing.
    pub waited: Duration,
}

/// The per-chat order of one node. Not thread-safe by itself: the hub keeps it under a
/// lock and delivers while holding it, so two threads cannot swap a chat's events.
#[derive(Default)]
pub struct ChatOrder {
    /// Whether numbers are checked at all (set by `start`).
    on: bool,
    /// The next number each chat expects; a chat not here expects 1.
    next: HashMap<i64, u64>,
    held: HashMap<i64, Held>,
    behind: HashMap<i64, Behind>,
}

impl ChatOrder {
    /// Starts checking numbers from the database's `positions` (each chat's last number;
    /// chats not listed are at 0). Called before any socket opens; later calls only move
    /// chats forward.
    pub fn start(&mut self, positions: &[(i64, u64)]) {
        self.on = true;
        for &(chat_id, last) in positions {
            let next = self.next.entry(chat_id).or_insert(1);
            *next = (*next).max(last + 1);
        }
    }

    fn expected(&self, chat_id: i64) -> u64 {
        self.next.get(&chat_id).copied().unwrap_or(1)
    }

    /// Takes an event; returns those now deliverable, in order: none (held, or already
    /// delivered), or this one and the held ones that follow it.
    pub fn accept(&mut self, event: Arc<Published>, now: Instant) -> Vec<Arc<Published>> {
        let seq = event.seq();
        if !self.on || seq == 0 {
            return vec![event];
        }
        let chat_id = event.chat_id;
        let next = self.expected(chat_id);
        if seq < next {
            return Vec::new();
        }
        if seq > next {
            self.held
                .entry(chat_id)
                .or_insert_with(|| Held {
                    events: BTreeMap::new(),
                    since: now,
                })
                .events
                .insert(seq, event);
            return Vec::new();
        }
        let mut ready = vec![event];
        let mut next = next + 1;
        if let Some(held) = self.held.get_mut(&chat_id) {
            while let Some(event) = held.events.remove(&next) {
                ready.push(event);
                next += 1;
            }
            // Numbers at or below `next` can only be copies now.
            held.events = held.events.split_off(&next);
            if held.events.is_empty() {
                self.held.remove(&chat_id);
            } else {
                held.since = now; // a new gap, open from now
            }
        }
        self.next.insert(chat_id, next);
        if self.behind.get(&chat_id).is_some_and(|b| b.head < next) {
            self.behind.remove(&chat_id);
        }
        ready
    }

    /// Notes each chat's last number in the database (recent ones only): a number this
    /// node has not delivered is due for repair once it has been missing for a while.
    pub fn note_heads(&mut self, heads: &[(i64, u64)], now: Instant) {
        if !self.on {
            return;
        }
        for &(chat_id, head) in heads {
            let next = self.expected(chat_id);
            if head < next {
                self.behind.remove(&chat_id);
                continue;
            }
            match self.behind.get_mut(&chat_id) {
                // The number first seen missing is still missing: keep its age, and read
                // up to the newest when it is due.
                Some(b) if b.head >= next => b.head = b.head.max(head),
                _ => {
                    self.behind.insert(chat_id, Behind { head, since: now });
                }
            }
        }
    }

    /// What has been missing for at least `grace`: the numbers between what was
    /// delivered and what is held, or what the database has.
    pub fn repairs(&self, grace: Duration, now: Instant) -> Vec<Repair> {
        let mut due: HashMap<i64, Repair> = HashMap::new();
        for (&chat_id, held) in &self.held {
            let waited = now.saturating_duration_since(held.since);
            if let (true, Some(&first)) = (waited >= grace, held.events.keys().next()) {
                let from = self.expected(chat_id);
                due.insert(
                    chat_id,
                    Repair {
                        chat_id,
                        from,
                        to: first - 1,
                        waited,
                    },
                );
            }
        }
        for (&chat_id, behind) in &self.behind {
            let waited = now.saturating_duration_since(behind.since);
            let from = self.expected(chat_id);
            if waited < grace || behind.head < from {
                continue;
            }
            let entry = due.entry(chat_id).or_insert(Repair {
                chat_id,
                from,
                to: behind.head,
                waited,
            });
            entry.to = entry.to.max(behind.head);
            entry.waited = entry.waited.max(waited);
        }
        let mut due: Vec<Repair> = due.into_values().collect();
        due.sort_by_key(|r| r.chat_id);
        due
    }

    /// Gives up waiting for `chat_id`'s numbers up to `to` (they cannot be read): moves
    /// past them and returns what was held after them, now deliverable. The caller
    /// closes the sockets that may have missed them.
    pub fn skip(&mut self, chat_id: i64, to: u64, now: Instant) -> Vec<Arc<Published>> {
        if self.expected(chat_id) > to {
            return Vec::new();
        }
        self.next.insert(chat_id, to + 1);
        self.behind.remove(&chat_id);
        let Some(held) = self.held.remove(&chat_id) else {
            return Vec::new();
        };
        let mut ready = Vec::new();
        for (_, event) in held.events {
            ready.extend(self.accept(event, now));
        }
        ready
    }

    /// How many events are held, over all chats (for `/metrics` and tests).
    pub fn held_count(&self) -> usize {
        self.held.values().map(|h| h.events.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::events::Event;

    fn event(chat_id: i64, seq: u64) -> Arc<Published> {
        let p = Published::new(chat_id, Arc::from([1i64]), Event::MemberLeft { user_id: 9 });
        p.set_seq(seq);
        p
    }

    fn seqs(events: &[Arc<Published>]) -> Vec<u64> {
        events.iter().map(|e| e.seq()).collect()
    }

    #[test]
    fn off_until_started_and_unnumbered_events_always_pass() {
        let mut order = ChatOrder::default();
        let now = Instant::now();
        assert_eq!(seqs(&order.accept(event(1, 5), now)), [5]);
        order.start(&[(1, 5)]);
        assert_eq!(seqs(&order.accept(event(1, 0), now)), [0]);
    }

    #[test]
    fn a_later_number_waits_for_the_one_before_and_copies_are_dropped() {
        let mut order = ChatOrder::default();
        let now = Instant::now();
        order.start(&[(1, 3)]);
        assert!(
            order.accept(event(1, 3), now).is_empty(),
            "delivered before start"
        );
        assert!(order.accept(event(1, 6), now).is_empty());
        assert!(order.accept(event(1, 5), now).is_empty());
        assert_eq!(order.held_count(), 2);
        assert_eq!(seqs(&order.accept(event(1, 4), now)), [4, 5, 6]);
        assert!(order.accept(event(1, 5), now).is_empty(), "a copy");
        assert_eq!(order.held_count(), 0);
        // A chat made after start begins at 1.
        assert_eq!(seqs(&order.accept(event(2, 1), now)), [1]);
    }

    #[test]
    fn a_gap_held_past_the_grace_is_due_for_repair() {
        let mut order = ChatOrder::default();
        let t0 = Instant::now();
        order.start(&[]);
        order.accept(event(1, 3), t0);
        let grace = Duration::from_millis(500);
        assert!(order.repairs(grace, t0).is_empty());
        let due = order.repairs(grace, t0 + grace);
        assert_eq!(
            due,
            [Repair {
                chat_id: 1,
                from: 1,
                to: 2,
                waited: grace
            }]
        );
    }

    #[test]
    fn a_number_the_database_has_is_due_only_if_it_stays_missing() {
        let mut order = ChatOrder::default();
        let t0 = Instant::now();
        let grace = Duration::from_millis(500);
        order.start(&[(1, 2)]);
        order.note_heads(&[(1, 3)], t0);
        // It arrives in time: nothing to repair.
        order.accept(event(1, 3), t0 + grace / 2);
        order.note_heads(&[(1, 3)], t0 + grace);
        assert!(order.repairs(grace, t0 + grace * 2).is_empty());
        // Its node died before publishing 4 and 5.
        order.note_heads(&[(1, 4)], t0 + grace);
        order.note_heads(&[(1, 5)], t0 + grace * 2);
        let due = order.repairs(grace, t0 + grace * 2);
        assert_eq!((due[0].from, due[0].to), (4, 5));
    }

    #[test]
    fn skipping_moves_past_the_lost_numbers_and_releases_what_was_held() {
        let mut order = ChatOrder::default();
        let now = Instant::now();
        order.start(&[]);
        order.accept(event(1, 4), now);
        order.accept(event(1, 5), now);
        assert_eq!(seqs(&order.skip(1, 3, now)), [4, 5]);
        assert_eq!(order.held_count(), 0);
        assert_eq!(seqs(&order.accept(event(1, 6), now)), [6]);
    }
}
