//! Tells open sockets about chats an import wrote. `natter import` runs in a process of
//! its own, with no sockets and no bus, beside a server serving the same database: it
//! leaves a row in `import_notices` per chat it brought in or added messages to, and
//! every server reads them (`domain::background::table_watch`, as it reads `lockouts`), sending each
//! such chat's members a `chat_updated` with the chat as it now is. natter's web client
//! adds a chat it did not list and reads again one whose newest message changed.

use crate::domain::background::table_watch::{self, Found};
use crate::domain::messaging::chats;
use crate::hub::{Hub, Published};
use crate::model::events::Event;
use crate::model::ChatState;
use crate::store::{self, import_notices, Db};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Notices read at a time; a full batch is followed by the next at once.
const BATCH: i64 = 1000;

/// Starts reading `import_notices` from its newest row; the task ends with the hub.
pub async fn watch(db: &Db, hub: &Arc<Hub>) -> store::StoreResult<()> {
    table_watch::watch(
        db,
        hub,
        "import notices",
        import_notices::last_id,
        |c, after| {
            let rows = import_notices::after(c, after, BATCH)?;
            let full = rows.len() as i64 == BATCH;
            let last = rows.last().map_or(after, |(id, _)| *id);
            let wanted: BTreeSet<i64> = rows.into_iter().map(|(_, chat)| chat).collect();
            let mut states = Vec::with_capacity(wanted.len());
            for id in wanted {
                if let Some(chat) = store::messaging::chats::by_id(c, id)? {
                    states.push(chats::state(c, chat)?);
                }
            }
            Ok(Found {
                last,
                full,
                items: states,
            })
        },
        |hub: &Hub, state: ChatState| {
            let audience: Arc<[i64]> = state.members.iter().map(|(u, _)| u.id).collect();
            hub.publish_here(Published::new(
                state.chat.id,
                audience,
                Event::ChatUpdated(Arc::new(state)),
            ));
        },
    )
    .await
}
