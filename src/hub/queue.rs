//! One socket's queue of events, and when it counts as too slow. Live events may fill
//! [`QUEUE_CAPACITY`] unread; past that the socket is kicked with 1013. Events that come
//! in a lump because they were late (read back from the database, or released when the
//! gap they waited behind closed) are catching up, not load: they get up to
//! [`CATCH_UP_ROOM`] more places, and live events may follow them as long as no more
//! than [`QUEUE_CAPACITY`] of what is queued is live. The socket drains the lump at its
//! own pace; one that stops reading is still kicked after 256 live events.
//!
//! Why: on two nodes with NATS cut, each repair pass reads back half a second to a
//! second and a half of the other node's events at once, more than 256 for a socket that
//! follows busy chats, and sockets that never stopped reading were closed as too slow.
//! A queued event is one pointer to an event every socket shares, so the room costs at
//! most 32 KiB per socket, and only while it is used.

use super::Published;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc;

/// How many live events may wait for one socket before it is dropped as too slow.
pub const QUEUE_CAPACITY: usize = 256;
/// How many places late events get beyond [`QUEUE_CAPACITY`]: the read-back of a few
/// seconds of busy chats (a repair that waits longer than 5 s gives up and closes the
/// sockets anyway).
pub const CATCH_UP_ROOM: usize = 4096;

/// The sending end of a socket's queue, with which of its events are late.
pub struct Queue {
    tx: mpsc::Sender<Arc<Published>>,
    /// Only changed under the hub's subscriber lock, one delivery at a time; the lock of
    /// its own is never contended.
    counts: Mutex<Counts>,
}

/// Which of the events ever queued were late, so that those still queued can be told.
#[derive(Default)]
struct Counts {
    /// Events ever queued: the next one's number.
    pushed: u64,
    /// Runs of late events' numbers, `start..end`, oldest first; those read are dropped.
    late: VecDeque<(u64, u64)>,
}

impl Counts {
    /// How many late events are still queued, `queued` events being queued now (the
    /// socket reads them oldest first).
    fn late_queued(&mut self, queued: usize) -> usize {
        let read = self.pushed.saturating_sub(queued as u64);
        while let Some(run) = self.late.front_mut() {
            if run.1 <= read {
                self.late.pop_front();
            } else {
                run.0 = run.0.max(read);
                break;
            }
        }
        self.late.iter().map(|(a, b)| (b - a) as usize).sum()
    }

    fn note(&mut self, late: bool) {
        let at = self.pushed;
        self.pushed += 1;
        if !late {
            return;
        }
        match self.late.back_mut() {
            Some(run) if run.1 == at => run.1 += 1,
            _ => self.late.push_back((at, at + 1)),
        }
    }
}

/// What became of an event handed to a queue.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    Queued,
    /// The socket is too slow: kick it.
    Full,
    /// The socket is gone.
    Closed,
}

impl Queue {
    /// An empty queue and its receiving end.
    pub fn new() -> (Queue, mpsc::Receiver<Arc<Published>>) {
        let (tx, rx) = mpsc::channel(QUEUE_CAPACITY + CATCH_UP_ROOM);
        let queue = Queue {
            tx,
            counts: Mutex::new(Counts::default()),
        };
        (queue, rx)
    }

    /// Queues `event`; `late` when it comes in a catch-up lump (see the module's note).
    pub fn push(&self, event: &Arc<Published>, late: bool) -> Pushed {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        // Read before the send: the socket only takes from the queue meanwhile, so this
        // can only overstate what is live.
        let queued = self.tx.max_capacity() - self.tx.capacity();
        let live = queued - counts.late_queued(queued).min(queued);
        if !late && live >= QUEUE_CAPACITY {
            return Pushed::Full;
        }
        match self.tx.try_send(event.clone()) {
            Ok(()) => {
                counts.note(late);
                Pushed::Queued
            }
            Err(mpsc::error::TrySendError::Full(_)) => Pushed::Full,
            Err(mpsc::error::TrySendError::Closed(_)) => Pushed::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::events::Event;

    fn event() -> Arc<Published> {
        Published::new(1, Arc::from(vec![1]), Event::MemberLeft { user_id: 1 })
    }

    #[test]
    fn a_reader_takes_a_late_lump_bigger_than_its_queue_then_live_events_after_it() {
        let (queue, mut rx) = Queue::new();
        let e = event();
        for _ in 0..1000 {
            assert_eq!(queue.push(&e, true), Pushed::Queued);
        }
        // Live events behind the lump: up to the live capacity.
        for _ in 0..QUEUE_CAPACITY {
            assert_eq!(queue.push(&e, false), Pushed::Queued);
        }
        assert_eq!(queue.push(&e, false), Pushed::Full);
        // The reader drains half the lump: the live events queued still fill it.
        for _ in 0..500 {
            assert!(rx.try_recv().is_ok());
        }
        assert_eq!(queue.push(&e, false), Pushed::Full);
        // Drained past the lump: the live events left count, and there is room again.
        for _ in 0..600 {
            assert!(rx.try_recv().is_ok());
        }
        assert_eq!(queue.push(&e, false), Pushed::Queued);
    }

    #[test]
    fn a_socket_that_stops_reading_is_full_after_its_live_capacity_and_the_room() {
        let (queue, _rx) = Queue::new();
        let e = event();
        for _ in 0..QUEUE_CAPACITY {
            assert_eq!(queue.push(&e, false), Pushed::Queued);
        }
        assert_eq!(queue.push(&e, false), Pushed::Full);
        for _ in 0..CATCH_UP_ROOM {
            assert_eq!(queue.push(&e, true), Pushed::Queued);
        }
        assert_eq!(queue.push(&e, true), Pushed::Full);
    }

    #[test]
    fn a_closed_socket_says_so() {
        let (queue, rx) = Queue::new();
        drop(rx);
        assert_eq!(queue.push(&event(), false), Pushed::Closed);
    }
}
