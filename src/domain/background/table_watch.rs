//! Reading a table that another process writes for the running servers. The operator's
//! command line and `natter import` run in processes of their own, with no sockets and
//! no bus, so they leave rows (`lockouts`, `import_notices`) and every server reads the
//! rows newer than the last it saw every [`POLL`], from the newest row there was when it
//! started; a read that comes back full is followed by the next at once. One indexed
//! read of an empty range when nothing changed.

use crate::domain::error::Result;
use crate::hub::Hub;
use crate::store::{Conn, Db, StoreResult};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often a table is read: what a row asks for happens within this.
pub const POLL: Duration = Duration::from_millis(500);

/// What one read found: the newest row id it saw, whether more rows may wait, and what
/// to act on.
pub struct Found<T> {
    pub last: i64,
    pub full: bool,
    pub items: Vec<T>,
}

/// Starts reading the table `what` names: `last_id` gives where to begin, `read(c, after)`
/// the rows after an id, `act` is done on this node's hub for each; the task ends with
/// the hub, or quietly once the server is stopping.
pub async fn watch<T, R, A>(
    db: &Db,
    hub: &Arc<Hub>,
    what: &'static str,
    last_id: fn(&Conn) -> StoreResult<i64>,
    read: R,
    act: A,
) -> StoreResult<()>
where
    T: Send + 'static,
    R: Fn(&Conn, i64) -> Result<Found<T>> + Send + Sync + 'static,
    A: Fn(&Hub, T) + Send + 'static,
{
    let seen = db.read(last_id).await?;
    let watching = Watch {
        db: db.clone(),
        hub: Arc::downgrade(hub),
        what,
        read: Arc::new(read),
        act,
    };
    tokio::spawn(watching.run(seen));
    Ok(())
}

struct Watch<R, A> {
    db: Db,
    hub: Weak<Hub>,
    what: &'static str,
    read: Arc<R>,
    act: A,
}

impl<R, A> Watch<R, A> {
    async fn run<T>(self, mut seen: i64)
    where
        T: Send + 'static,
        R: Fn(&Conn, i64) -> Result<Found<T>> + Send + Sync + 'static,
        A: Fn(&Hub, T) + Send + 'static,
    {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut failing = false;
        loop {
            tick.tick().await;
            loop {
                let Some(hub) = self.hub.upgrade() else {
                    return;
                };
                let (read, after) = (self.read.clone(), seen);
                match self.db.read(move |c| read(c, after)).await {
                    Ok(found) => {
                        failing = false;
                        seen = seen.max(found.last);
                        for item in found.items {
                            (self.act)(&hub, item);
                        }
                        if !found.full {
                            break;
                        }
                    }
                    // A stopping server closes its readers: nothing to warn about.
                    Err(_) if hub.shutting_down() => return,
                    Err(e) => {
                        if !failing {
                            tracing::warn!("cannot read {} from the database: {e}", self.what);
                        }
                        failing = true;
                        break;
                    }
                }
            }
        }
    }
}
