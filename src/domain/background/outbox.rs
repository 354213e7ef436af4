//! What natter's two outboxes share (Web Push's `push_outbox`, bots' `bot_deliveries`):
//! a loop on every serving node that does a round of work every tick until the server
//! shuts down, and, in each round, claiming due rows for a lease into free sending slots,
//! each row sent in a task of its own. No database writer is held while a remote server
//! answers, and a message's send never waits for any of it. Each outbox keeps its own
//! rows, claims and what a send does.

use crate::domain::error::Result;
use crate::state::App;
use crate::store::{Conn, StoreResult, Tx};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// One outbox's table, as its store module reads and claims it.
pub struct Table<T> {
    /// Whether some row is due at `now` (unix ms) and not claimed by a live node: the
    /// cheap read that lets an idle round write nothing.
    pub any_due: fn(&Conn, i64) -> StoreResult<bool>,
    /// Claims up to `limit` due rows for `node` at `now` until `until` (unix ms).
    pub claim: fn(&Tx, &str, i64, i64, i64) -> StoreResult<Vec<T>>,
    /// How long a claimed row is its node's (longer than a send's timeouts together);
    /// then another node may claim it.
    pub lease: Duration,
}

/// Spawns the loop: `round(app, slots)` every `tick` (a late tick is not made up), with
/// `in_flight` sending slots, until the server shuts down. A failing round is logged once
/// (`what`, "... wait: why") until a round succeeds again.
pub fn run_every<F, Fut>(app: &App, tick: Duration, in_flight: usize, what: &'static str, round: F)
where
    F: Fn(App, Arc<Semaphore>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<()>> + Send,
{
    let app = app.clone();
    tokio::spawn(async move {
        let slots = Arc::new(Semaphore::new(in_flight));
        let mut ticks = tokio::time::interval(tick);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut failing = false;
        loop {
            ticks.tick().await;
            if app.hub.shutting_down() {
                return;
            }
            match round(app.clone(), slots.clone()).await {
                Ok(()) => failing = false,
                Err(e) => {
                    if !failing {
                        tracing::warn!("{what} wait: {e}");
                    }
                    failing = true;
                }
            }
        }
    });
}

/// Claims as many due rows of `table` as `slots` has free and runs `send` on each in a
/// task of its own, holding a slot until it ends.
pub async fn send_due<T, S, Fut>(
    app: &App,
    slots: &Arc<Semaphore>,
    table: &Table<T>,
    send: S,
) -> Result<()>
where
    T: Send + 'static,
    S: Fn(App, T) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let free = slots.available_permits() as i64;
    if free == 0 {
        return Ok(());
    }
    let now = crate::kit::clock::now_ms();
    let any_due = table.any_due;
    if !app.db.read(move |c| any_due(c, now)).await? {
        return Ok(());
    }
    let node = app.config.node_id();
    let until = now + table.lease.as_millis() as i64;
    let claim = table.claim;
    let claimed = app
        .db
        .write(move |c| claim(c, &node, now, until, free))
        .await?;
    for row in claimed {
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            break; // the lease runs out and the row is claimed again
        };
        let sending = send(app.clone(), row);
        tokio::spawn(async move {
            sending.await;
            drop(slot);
        });
    }
    Ok(())
}

/// How long the `attempts`-th failure of a send to the outside (a push, a mail, a
/// bot's call) waits: 5 s doubling each time, at most 10 minutes,
/// never less than the push service's `Retry-After` (itself at most an hour).
pub fn backoff(attempts: i64, retry_after: Option<Duration>) -> Duration {
    let doubled = 5u64.saturating_mul(1 << attempts.clamp(1, 16).saturating_sub(1));
    let ours = Duration::from_secs(doubled.min(600));
    ours.max(
        retry_after
            .unwrap_or_default()
            .min(Duration::from_secs(3600)),
    )
}

#[cfg(test)]
mod backoff_tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn failures_wait_longer_each_time_within_bounds() {
        assert_eq!(backoff(1, None), Duration::from_secs(5));
        assert_eq!(backoff(2, None), Duration::from_secs(10));
        assert_eq!(backoff(7, None), Duration::from_secs(320));
        assert_eq!(backoff(12, None), Duration::from_secs(600));
        let asked = Some(Duration::from_secs(30));
        assert_eq!(backoff(1, asked), Duration::from_secs(30));
        assert_eq!(
            backoff(1, Some(Duration::from_secs(99_999))),
            Duration::from_secs(3600)
        );
    }
}
