//! Closes the sockets of people locked out by another process. An administrator's action
//! closes them at once through the hub (and the bus, on every node); the operator's
//! command line (`natter users deactivate`, `set-password`) runs in a process of its own
//! with no sockets and no bus, so it leaves a row in `lockouts`, which every server reads
//! (`domain::background::table_watch`): a locked-out person's sockets close within half a second.

use crate::domain::background::table_watch::{self, Found};
use crate::hub::{Hub, SignIn};
use crate::store::{lockouts, Db};
use std::sync::Arc;

/// Starts reading `lockouts` from its newest row; the task ends with the hub.
pub async fn watch(db: &Db, hub: &Arc<Hub>) -> crate::store::StoreResult<()> {
    table_watch::watch(
        db,
        hub,
        "lockouts",
        lockouts::last_id,
        |c, after| {
            let rows = lockouts::after(c, after)?;
            let last = rows.iter().map(|r| r.id).max().unwrap_or(after);
            Ok(Found {
                last,
                full: false,
                items: rows,
            })
        },
        |hub: &Hub, row: lockouts::Lockout| {
            hub.lock_out_here(row.user_id, SignIn::from_digest(&row.keep))
        },
    )
    .await
}
