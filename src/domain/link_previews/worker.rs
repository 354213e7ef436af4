//! The loop that makes owed previews: every tick it claims messages owed previews (a
//! lease, so one node makes each; a dead node's are claimed again once it runs out;
//! fairly between senders, at most [`PER_SENDER`] of one sender's messages at once on
//! all nodes, so one person's slow links delay only their own previews), fetches each
//! one's links one after another in a task of its own (at most
//! [`IN_FLIGHT`] messages at once per node, so at most that many fetches), writes the
//! cards on the message's row (which moves its chat's `page_version`, so ready pages
//! show them) and publishes the message as an edit to its chat's sockets. It runs on a
//! low-priority thread (`background::low_priority`): previews wait while requests keep
//! the cores busy.

use super::{card, fetch};
use crate::domain::background::{
    low_priority,
    outbox::{self, Table},
};
use crate::domain::error::Result;
use crate::domain::messaging::messages::{self, owed_previews};
use crate::state::App;
use crate::store::{self, link_previews::Owed};
use serde_json::Value;
use std::time::Duration;

/// How often the loop looks for owed previews: one indexed read when there is none.
pub const TICK: Duration = Duration::from_millis(250);

/// Messages whose links are fetched at once, per node.
pub const IN_FLIGHT: usize = 4;

/// One sender's messages whose links are fetched at once, on all nodes together: the
/// others' messages take the other slots.
pub const PER_SENDER: i64 = 1;

/// Claims messages fairly between senders (`store::link_previews::claim_fairly`).
fn claim(
    c: &store::Tx,
    node: &str,
    now: i64,
    until: i64,
    limit: i64,
) -> store::StoreResult<Vec<Owed>> {
    store::link_previews::claim_fairly(c, node, now, until, limit, PER_SENDER)
}

/// A claimed message is its node's for two minutes (longer than three links' fetches),
/// then another node may make its previews.
const OUTBOX: Table<Owed> = Table {
    any_due: store::link_previews::any_due,
    claim,
    lease: Duration::from_secs(120),
};

/// Attempts before a message whose previews keep failing (the database, not a site: a
/// site's failure is a preview with nothing to show) is given up.
const MAX_ATTEMPTS: i64 = 5;

/// Starts the loop; it ends when the server shuts down. The claims this server held when
/// it stopped are released first (all of them for a server alone on its database).
pub async fn start(app: &App) -> Result<()> {
    let node = app.config.node_id();
    let alone = app.config.nats_servers().is_none();
    app.db
        .write(move |c| store::link_previews::release_claims(c, &node, alone))
        .await?;
    let on = app.clone();
    low_priority::spawn(app, "natter-previews", move || run(&on)).map_err(|e| {
        crate::domain::error::Error::Internal(format!("link previews' thread: {e}"))
    })?;
    Ok(())
}

/// The loop itself, on the low-priority thread's runtime.
fn run(app: &App) {
    outbox::run_every(
        app,
        TICK,
        IN_FLIGHT,
        "link previews",
        |app, slots| async move {
            outbox::send_due(&app, &slots, &OUTBOX, |app, owed| async move {
                if let Err(e) = make(&app, &owed).await {
                    tracing::warn!("link previews of message {}: {e}", owed.message_id);
                    let id = owed.message_id;
                    let give_up = owed.attempts + 1 >= MAX_ATTEMPTS;
                    let due = crate::kit::clock::now_ms() + (5_000 << owed.attempts.min(6));
                    let _ = app
                        .db
                        .write(move |c| match give_up {
                            true => store::link_previews::done(c, id),
                            false => store::link_previews::retry_at(c, id, due),
                        })
                        .await;
                }
            })
            .await?;
            // The queue for `/metrics`, once a tick, not once per message made: each count
            // reads the whole owed table, which grows while sends outpace previews.
            let owed = app.db.read(store::link_previews::owed_count).await?;
            app.metrics.link_previews.queue.set(owed);
            Ok(())
        },
    );
}

/// Makes one message's previews and shows them.
async fn make(app: &App, owed: &Owed) -> Result<()> {
    let id = owed.message_id;
    let Some(message) = app
        .db
        .read(move |c| store::link_previews::message(c, id))
        .await?
    else {
        return Ok(app
            .db
            .write(move |c| store::link_previews::done(c, id))
            .await?);
    };
    let links = match message.removed {
        true => Vec::new(),
        false => owed_previews::previewed_links(&app.config.link_previews, &message.content),
    };
    let mut previews = Vec::with_capacity(links.len());
    for link in &links {
        previews.push(fetch::preview(app, link).await?);
    }
    app.db
        .write(move |tx| {
            let now_ms = crate::kit::clock::now_ms();
            let mut cards: Vec<Value> = Vec::new();
            for preview in &previews {
                if let Some(card) = card(&preview.keep(tx, now_ms)?) {
                    cards.push(card);
                }
            }
            let shown = (!cards.is_empty()).then(|| Value::Array(cards).to_string());
            store::link_previews::done(tx, id)?;
            // Read again in the write: the message may have been deleted, removed or
            // edited while its links were fetched (an edit owes previews again).
            let Some(now) = store::link_previews::message(tx, id)? else {
                return Ok(());
            };
            let shown = shown.filter(|_| !now.removed && now.content == message.content);
            if now.content != message.content {
                store::link_previews::owe(tx, id, crate::kit::clock::now_ms())?;
                return Ok(());
            }
            if now.previews == shown {
                return Ok(());
            }
            store::link_previews::set_message_previews(tx, id, shown.as_deref())?;
            messages::republish_on(tx, id)
        })
        .await
}
