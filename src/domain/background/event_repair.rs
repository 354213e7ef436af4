//! Repairs gaps in each chat's events on a node of several. The hub delivers a
//! chat's numbered events in order and holds those that come early (`hub::order`); this
//! task, twice a second, asks the database which numbers each recently active chat has
//! reached, and reads back from the outbox (`store::chat_events`) what this node has
//! been missing for longer than [`GRACE`]: an event NATS dropped or delayed (a freeze),
//! or one whose node died between its COMMIT and its publish. What cannot be read within
//! [`GIVE_UP`] (the database is down too, or the rows were pruned) is given up: every
//! socket closes with 1012 and its client catches up with `after=`.
//!
//! The same passes tell whether the database can be read at all: when none has succeeded
//! for [`GIVE_UP`] (each waits at most [`PASS_TIMEOUT`]), every socket closes with 1012,
//! so that its client reconnects, through the balancer to a node that can, or here once
//! the database is back (until then this node's upgrades and requests answer 503).
//!
//! Bounds, with the constants below: an event that never reaches this node over NATS is
//! delivered here within about POLL + GRACE + POLL (1.5 s); a gap seen directly (a later
//! number arrived) within GRACE + POLL (1 s).

use crate::hub::Hub;
use crate::kit::log_tally::LogTally;
use crate::store::{chat_events, Db, StoreError, StoreResult};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

/// How often the database is asked.
pub const POLL: Duration = Duration::from_millis(500);
/// How long a number may be missing before it is read back: NATS carries an event
/// between nodes in well under a millisecond, so this only waits for stragglers.
pub const GRACE: Duration = Duration::from_millis(500);
/// How long a number may stay missing before its sockets are closed instead.
pub const GIVE_UP: Duration = Duration::from_secs(5);
/// A pass that has not finished by then counts as one that failed: a cut link holds a
/// statement for the connection's own timeouts (about 4 s, `store::engine::pg_reach`).
const PASS_TIMEOUT: Duration = Duration::from_secs(2);
/// How far back each poll looks for chats' last numbers: longer than a poll plus the
/// longest a transaction takes between writing its event and committing it.
const WINDOW_MS: i64 = 3_000;
/// How often the outbox is pruned of rows older than `chat_events::KEEP_SECONDS`.
const PRUNE_EVERY: Duration = Duration::from_secs(60);
/// At most one log line per this long about events read back (a frozen NATS would
/// otherwise log twice a second); `natter_events_repaired_total` counts every one.
const REPAIR_LOG_EVERY: Duration = Duration::from_secs(60);

/// Starts ordering this node's chat events from the database's positions, then the
/// repair task; call before serving sockets. The task ends with the hub.
pub async fn start(db: &Db, hub: &Arc<Hub>) -> StoreResult<()> {
    let positions = db.read(chat_events::positions).await?;
    hub.start_chat_order(&positions);
    tokio::spawn(run(db.clone(), Arc::downgrade(hub)));
    Ok(())
}

async fn run(db: Db, hub: Weak<Hub>) {
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    let mut last_read = Instant::now();
    let mut sockets_closed = false;
    let mut pruned = Instant::now();
    let mut repaired = LogTally::new();
    loop {
        tick.tick().await;
        let Some(hub) = hub.upgrade() else { return };
        let pass = tokio::time::timeout(PASS_TIMEOUT, repair(&db, &hub))
            .await
            .unwrap_or_else(|_| {
                let why = format!("no answer within {} s", PASS_TIMEOUT.as_secs());
                Err(StoreError::Unreachable(why))
            });
        match pass {
            Ok(got) => {
                last_read = Instant::now();
                sockets_closed = false;
                if failing {
                    tracing::info!("reading chat events back from the database works again");
                    failing = false;
                }
                if let Some(read) = repaired.add(got, REPAIR_LOG_EVERY) {
                    tracing::warn!(
                        "read {read} chat event(s) back from the database since the last \
                         such line: NATS was late or lost them, or their node died before \
                         publishing them"
                    );
                }
            }
            // Every reader busy is load, not an outage.
            Err(StoreError::Busy) => {}
            Err(e) => {
                if !failing {
                    tracing::warn!("cannot read chat events back from the database: {e}");
                }
                failing = true;
                if !sockets_closed && last_read.elapsed() >= GIVE_UP {
                    tracing::warn!(
                        "the database could not be read for {} s: every socket is closed \
                         with 1012 so that its client reconnects",
                        GIVE_UP.as_secs()
                    );
                    hub.store_lost();
                    sockets_closed = true;
                }
            }
        }
        for overdue in hub.repairs_due(GIVE_UP) {
            hub.give_up(overdue.chat_id, overdue.to);
        }
        if pruned.elapsed() >= PRUNE_EVERY {
            pruned = Instant::now();
            if let Err(e) = db.write(|t| chat_events::prune(t)).await {
                tracing::warn!("cannot prune old chat events: {e}");
            }
        }
    }
}

/// One pass: note the chats' last numbers, then read back and deliver what is due; how
/// many events were read back.
async fn repair(db: &Db, hub: &Hub) -> StoreResult<u64> {
    let heads = db.read(|c| chat_events::recent_heads(c, WINDOW_MS)).await?;
    hub.note_chat_heads(&heads);
    let mut got = 0;
    for due in hub.repairs_due(GRACE) {
        let events = db
            .read(move |c| chat_events::range(c, due.chat_id, due.from, due.to))
            .await?;
        got += hub.repaired(due, events);
    }
    Ok(got)
}
