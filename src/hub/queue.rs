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
//!
//! A socket falling behind is shed what restates itself before it is kicked: past
//! [`TYPING_SHED_AT`] live events it is sent no typing notices, past
//! [`RECEIPTS_SHED_AT`] no read receipts; messages and every other event keep their
//! place until [`QUEUE_CAPACITY`].

use super::published::Published;
use crate::model::events::Event;
use futures_util::task::AtomicWaker;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::Poll;

/// How many live events may wait for one socket before it is dropped as too slow.
pub const QUEUE_CAPACITY: usize = 256;
/// How many places late events get beyond [`QUEUE_CAPACITY`]: the read-back of a few
/// seconds of busy chats (a repair that waits longer than 5 s gives up and closes the
/// sockets anyway).
pub const CATCH_UP_ROOM: usize = 4096;

/// Past this many live events waiting, a socket is not sent typing notices: they are
/// stale in seconds (the web client forgets a typer after 6 s), and a socket that far
/// behind should spend its room on messages.
pub const TYPING_SHED_AT: usize = QUEUE_CAPACITY / 2;
/// Past this many, not read receipts either: the next receipt restates the reader's
/// position, so one skipped is caught up by the next (or by a read of the chat).
pub const RECEIPTS_SHED_AT: usize = QUEUE_CAPACITY * 3 / 4;

/// Where an event may be skipped for a socket that is behind, if it may.
fn shed_at(event: &Event) -> Option<usize> {
    match event {
        // A Matrix wake-up too: the sync it wakes reads the database, and a socket this
        // far behind has other events that wake it.
        Event::Typing { .. } | Event::MatrixNews => Some(TYPING_SHED_AT),
        Event::ReadUpTo { .. } | Event::ThreadRead { .. } => Some(RECEIPTS_SHED_AT),
        _ => None,
    }
}

/// The sending end of a socket's queue, with which of its events are late.
pub struct Queue {
    shared: Arc<Shared>,
}

/// The receiving end: the socket's loop takes its events from it.
pub struct Receiver {
    shared: Arc<Shared>,
}

/// What both ends share: one small allocation per socket, where tokio's bounded channel
/// (its cache-padded ends and its first block of slots) took about 800 bytes of every idle
/// socket's memory (`natter-bench idle`; docs/benchmarks.md).
struct Shared {
    state: Mutex<State>,
    /// The socket's task, woken when an event is queued.
    waker: AtomicWaker,
}

/// The events waiting and what is known of them. Pushed under the hub's subscriber lock,
/// one delivery at a time, and taken by the socket's loop: the lock is held for a push or
/// a pop only.
#[derive(Default)]
struct State {
    events: VecDeque<Arc<Published>>,
    counts: Counts,
    /// The receiving end is gone.
    closed: bool,
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
    /// Skipped: a typing notice or read receipt for a socket already behind.
    Shed,
    /// The socket is too slow: kick it.
    Full,
    /// The socket is gone.
    Closed,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Queue {
    /// An empty queue and its receiving end.
    pub fn new() -> (Queue, Receiver) {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            waker: AtomicWaker::new(),
        });
        let queue = Queue {
            shared: shared.clone(),
        };
        (queue, Receiver { shared })
    }

    /// Queues `event`; `late` when it comes in a catch-up lump (see the module's note).
    pub fn push(&self, event: &Arc<Published>, late: bool) -> Pushed {
        let mut state = self.shared.lock();
        if state.closed {
            return Pushed::Closed;
        }
        let queued = state.events.len();
        let live = queued - state.counts.late_queued(queued).min(queued);
        if !late && live >= QUEUE_CAPACITY {
            return Pushed::Full;
        }
        if shed_at(&event.event).is_some_and(|at| live >= at) {
            return Pushed::Shed;
        }
        if queued >= QUEUE_CAPACITY + CATCH_UP_ROOM {
            return Pushed::Full;
        }
        state.events.push_back(event.clone());
        state.counts.note(late);
        drop(state);
        self.shared.waker.wake();
        Pushed::Queued
    }

    /// How many events wait now.
    #[cfg(test)]
    fn queued(&self) -> usize {
        self.shared.lock().events.len()
    }
}

impl Receiver {
    /// The next event, oldest first, waiting for one if none is queued. It never ends:
    /// the sending end lives in the socket's own handle, and a socket is closed by its
    /// kick and the hub's closing signal, not by its queue.
    pub async fn recv(&mut self) -> Arc<Published> {
        std::future::poll_fn(|cx| {
            if let Some(event) = self.take() {
                return Poll::Ready(event);
            }
            self.shared.waker.register(cx.waker());
            match self.take() {
                Some(event) => Poll::Ready(event),
                None => Poll::Pending,
            }
        })
        .await
    }

    /// The next event if one is queued.
    pub fn try_recv(&mut self) -> Result<Arc<Published>, Empty> {
        self.take().ok_or(Empty)
    }

    fn take(&self) -> Option<Arc<Published>> {
        let mut state = self.shared.lock();
        let event = state.events.pop_front();
        // A burst's room is given back once it is drained: an idle socket holds none.
        if event.is_some() && state.events.is_empty() && state.events.capacity() > 64 {
            state.events = VecDeque::new();
        }
        event
    }
}

/// `try_recv` found nothing queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Empty;

impl Drop for Receiver {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.closed = true;
        state.events.clear();
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

    fn typing() -> Arc<Published> {
        let user = crate::model::UserBrief {
            id: 2,
            username: "ann".into(),
            email: String::new(),
            display_name: "ann".into(),
            image: String::new(),
            is_active: true,
        };
        Published::new(
            1,
            Arc::from(vec![1]),
            Event::Typing {
                user,
                is_typing: true,
            },
        )
    }

    fn receipt() -> Arc<Published> {
        Published::new(
            1,
            Arc::from(vec![1]),
            Event::ReadUpTo {
                user_id: 2,
                message_id: 9,
            },
        )
    }

    #[test]
    fn a_socket_behind_is_sent_no_typing_then_no_receipts_and_every_message() {
        let (queue, _rx) = Queue::new();
        let e = event();
        for _ in 0..TYPING_SHED_AT {
            assert_eq!(queue.push(&e, false), Pushed::Queued);
        }
        assert_eq!(queue.push(&typing(), false), Pushed::Shed);
        assert_eq!(queue.push(&receipt(), false), Pushed::Queued);
        while queue.push(&e, false) == Pushed::Queued && queue.queued() < RECEIPTS_SHED_AT {}
        assert_eq!(queue.push(&receipt(), false), Pushed::Shed);
        // Messages still go in until the live capacity, then the socket is full.
        while queue.push(&e, false) == Pushed::Queued {}
        assert_eq!(queue.push(&e, false), Pushed::Full);
    }

    /// The queue is natter's own: a waiting reader must be woken by a push from another
    /// thread, take events in the order pushed, and hold no room once a burst is drained.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_waiting_reader_is_woken_takes_events_in_order_and_gives_a_burst_back() {
        let (queue, mut rx) = Queue::new();
        let events: Vec<Arc<Published>> = (0..QUEUE_CAPACITY).map(|_| event()).collect();
        let pushed = events.clone();
        let pusher = std::thread::spawn(move || {
            for e in &pushed {
                // A small pause now and then, so the reader waits with an empty queue.
                std::thread::yield_now();
                assert_eq!(queue.push(e, false), Pushed::Queued);
            }
            queue
        });
        for expected in &events {
            let got = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv())
                .await
                .expect("woken within 10 s");
            assert!(Arc::ptr_eq(&got, expected), "events out of order");
        }
        let queue = pusher.join().expect("the pushing thread");
        assert!(matches!(rx.try_recv(), Err(Empty)));
        for e in &events {
            assert_eq!(queue.push(e, false), Pushed::Queued);
        }
        while rx.try_recv().is_ok() {}
        assert_eq!(
            rx.shared.lock().events.capacity(),
            0,
            "room kept after the burst"
        );
    }

    #[test]
    fn a_closed_socket_says_so() {
        let (queue, rx) = Queue::new();
        drop(rx);
        assert_eq!(queue.push(&event(), false), Pushed::Closed);
    }
}
