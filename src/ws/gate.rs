//! Polls one branch of the socket loop only when that branch has said it may be ready.
//!
//! The socket loop wakes for every outgoing event, and `tokio::select!` polls each branch
//! on every wake. Polling the read side when no client frame has arrived is not free
//! (tungstenite zero-fills its read buffer, the layers under hyper's upgraded connection
//! check readiness): `perf` put it at a tenth of natter's samples at `fanout`'s default
//! load, and the close signals and the ping timer cost a little each too (measured
//! saving: a few per cent of CPU per delivery; docs/benchmarks.md). A gate hands its
//! branch a waker of its own that raises a flag, so the branch is polled again only
//! after it has woken the task, or after it returned a value (a stream may have more
//! buffered).

use futures_util::task::AtomicWaker;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// One branch's gate; see the module documentation.
pub struct Gate {
    signal: Arc<Signal>,
    waker: Waker,
}

struct Signal {
    ready: AtomicBool,
    task: AtomicWaker,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.ready.store(true, Ordering::Release);
        self.task.wake();
    }
}

impl Default for Gate {
    /// A gate that lets the first poll through.
    fn default() -> Self {
        let signal = Arc::new(Signal {
            ready: AtomicBool::new(true),
            task: AtomicWaker::new(),
        });
        Gate {
            waker: Waker::from(signal.clone()),
            signal,
        }
    }
}

impl Gate {
    /// Runs `poll` with the gate's waker, unless the branch has not woken the task since
    /// it last returned `Pending`: then `Pending` at once (the branch still holds the
    /// gate's waker, so the task is woken when it has something).
    pub fn poll<T>(
        &self,
        cx: &mut Context<'_>,
        poll: impl FnOnce(&mut Context<'_>) -> Poll<T>,
    ) -> Poll<T> {
        self.signal.task.register(cx.waker());
        if !self.signal.ready.swap(false, Ordering::AcqRel) {
            return Poll::Pending;
        }
        let polled = poll(&mut Context::from_waker(&self.waker));
        if polled.is_ready() {
            self.signal.ready.store(true, Ordering::Release);
        }
        polled
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;
    use futures_util::task::noop_waker;
    use std::cell::{Cell, RefCell};
    use std::task::{Context, Poll, Waker};

    /// The gate polls its branch first, then only after the branch woke it, and again
    /// right after the branch returned a value.
    #[test]
    fn polls_only_after_a_wake_or_a_value() {
        let gate = Gate::default();
        let task = noop_waker();
        let mut cx = Context::from_waker(&task);
        let polls = Cell::new(0);
        let kept: RefCell<Option<Waker>> = RefCell::new(None);
        let mut branch = |answer: Poll<u8>| {
            gate.poll(&mut cx, |inner| {
                polls.set(polls.get() + 1);
                *kept.borrow_mut() = Some(inner.waker().clone());
                answer
            })
        };
        assert_eq!(branch(Poll::Pending), Poll::Pending);
        assert_eq!(polls.get(), 1);
        // Not woken: the branch is not polled.
        assert_eq!(branch(Poll::Ready(1)), Poll::Pending);
        assert_eq!(polls.get(), 1);
        // Woken through the waker it kept: polled again.
        let woken = kept.borrow_mut().take().expect("the branch kept a waker");
        woken.wake();
        assert_eq!(branch(Poll::Ready(2)), Poll::Ready(2));
        assert_eq!(polls.get(), 2);
        // After a value it is polled again without a wake (more may be buffered).
        assert_eq!(branch(Poll::Pending), Poll::Pending);
        assert_eq!(polls.get(), 3);
        assert_eq!(branch(Poll::Ready(3)), Poll::Pending);
        assert_eq!(polls.get(), 3);
    }
}
