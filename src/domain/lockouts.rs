//! Closes the sockets of people locked out by another process. An administrator's action
//! closes them at once through the hub (and the bus, on every node); the operator's
//! command line (`natter users deactivate`, `set-password`) runs in a process of its own
//! with no sockets and no bus, so it leaves a row in `lockouts`, and every server reads
//! the rows newer than the last it saw twice a second. One indexed read of an empty
//! range when nothing changed.

use crate::hub::{Hub, SignIn};
use crate::store::{lockouts, Db};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the table is read: a locked-out person's sockets close within this.
pub const POLL: Duration = Duration::from_millis(500);

/// Starts reading `lockouts` from its newest row; the task ends with the hub.
pub async fn watch(db: &Db, hub: &Arc<Hub>) -> crate::store::StoreResult<()> {
    let seen = db.read(lockouts::last_id).await?;
    tokio::spawn(run(db.clone(), Arc::downgrade(hub), seen));
    Ok(())
}

async fn run(db: Db, hub: Weak<Hub>, mut seen: i64) {
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    loop {
        tick.tick().await;
        let Some(hub) = hub.upgrade() else { return };
        match db.read(move |c| lockouts::after(c, seen)).await {
            Ok(rows) => {
                failing = false;
                for row in rows {
                    seen = seen.max(row.id);
                    hub.lock_out_here(row.user_id, SignIn::from_digest(&row.keep));
                }
            }
            Err(e) => {
                if !failing {
                    tracing::warn!("cannot read lockouts from the database: {e}");
                }
                failing = true;
            }
        }
    }
}
