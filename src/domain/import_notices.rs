//! Tells open sockets about chats an import wrote. `natter import` runs in a process of
//! its own, with no sockets and no bus, beside a server serving the same database: it
//! leaves a row in `import_notices` per chat it brought in or added messages to, and
//! every server reads the rows newer than the last it saw twice a second (as it reads
//! `lockouts`), sending each such chat's members a `chat_updated` with the chat as it now
//! is. natter's web client adds a chat it did not list and reads again one whose newest
//! message changed. One indexed read of an empty range when nothing changed.

use crate::domain::chats;
use crate::hub::{Hub, Published};
use crate::model::events::Event;
use crate::store::{self, import_notices, Db};
use std::collections::BTreeSet;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the table is read: an imported chat appears within this.
pub const POLL: Duration = Duration::from_millis(500);

/// Notices read at a time; a full batch is followed by the next at once.
const BATCH: i64 = 1000;

/// Starts reading `import_notices` from its newest row; the task ends with the hub.
pub async fn watch(db: &Db, hub: &Arc<Hub>) -> store::StoreResult<()> {
    let seen = db.read(import_notices::last_id).await?;
    tokio::spawn(run(db.clone(), Arc::downgrade(hub), seen));
    Ok(())
}

async fn run(db: Db, hub: Weak<Hub>, mut seen: i64) {
    let mut tick = tokio::time::interval(POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    loop {
        tick.tick().await;
        loop {
            let Some(hub) = hub.upgrade() else { return };
            let after = seen;
            let read = db
                .read(move |c| -> crate::domain::error::Result<_> {
                    let rows = import_notices::after(c, after, BATCH)?;
                    let full = rows.len() as i64 == BATCH;
                    let last = rows.last().map_or(after, |(id, _)| *id);
                    let wanted: BTreeSet<i64> = rows.into_iter().map(|(_, chat)| chat).collect();
                    let mut states = Vec::with_capacity(wanted.len());
                    for id in wanted {
                        if let Some(chat) = store::chats::by_id(c, id)? {
                            states.push(chats::state(c, chat)?);
                        }
                    }
                    Ok((last, full, states))
                })
                .await;
            match read {
                Ok((last, full, states)) => {
                    failing = false;
                    seen = last;
                    for state in states {
                        let audience: Arc<[i64]> =
                            state.members.iter().map(|(u, _)| u.id).collect();
                        let chat_id = state.chat.id;
                        hub.publish_here(Published::new(
                            chat_id,
                            audience,
                            Event::ChatUpdated(Arc::new(state)),
                        ));
                    }
                    if !full {
                        break;
                    }
                }
                Err(e) => {
                    if !failing {
                        tracing::warn!("cannot read import notices from the database: {e}");
                    }
                    failing = true;
                    break;
                }
            }
        }
    }
}
