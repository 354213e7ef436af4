//! The loop that plans due chats and sends queued pushes, on every serving node (and
//! notes whether any subscription exists, for the message's write). Sends
//! run beside it, at most [`IN_FLIGHT`] at once, each bounded by the push client's
//! timeouts; no database writer is held while a push service answers, and a message's
//! send never waits for any of it. What a push service answers is written afterwards:
//! taken (row gone), subscription gone (404/410: the subscription goes), try again
//! (429/5xx/timeouts: [`outbox::backoff`], at most [`MAX_ATTEMPTS`]), refused (row gone).

use super::plan;
use crate::domain::background::outbox::{self, Table};
use crate::push::{Outcome, Target};
use crate::state::App;
use crate::store::{self, push::Claimed};
use serde_json::json;
use std::time::Duration;

/// How often the loop looks for due work: two indexed reads when there is none.
pub const TICK: Duration = Duration::from_millis(250);

/// Pushes being sent at once, per node.
pub const IN_FLIGHT: usize = 16;

/// The pushes waiting in `push_outbox`; a claimed push is another node's to send for a
/// minute (longer than the push client's timeouts together), then anyone may (its sender
/// died).
const OUTBOX: Table<Claimed> = Table {
    any_due: store::push::any_due,
    claim: store::push::claim,
    lease: Duration::from_secs(60),
};

/// Attempts before a push that keeps failing is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// Starts the loop; it ends when the server shuts down.
pub fn start(app: &App) {
    outbox::run_every(app, TICK, IN_FLIGHT, "pushes", |app, slots| async move {
        let mark = crate::domain::messaging::messages::owed_pushes::subscriptions_mark();
        let any = app.db.read(store::push::any_subscription).await?;
        crate::domain::messaging::messages::owed_pushes::note_subscriptions_exist(any, mark);
        plan::due(&app).await?;
        outbox::send_due(&app, &slots, &OUTBOX, |app, push| async move {
            send_one(&app, push).await
        })
        .await
    });
}

/// What a push carries, as the service worker reads it (`event.data.json()`).
pub fn payload(push: &store::push::Queued) -> serde_json::Value {
    json!({
        "title": push.title,
        "body": push.body,
        "chat_id": push.chat_id,
        "message_id": push.message_id,
        "count": push.count,
        "url": format!("/#chat/{}", push.chat_id),
        "tag": topic(push),
    })
}

/// RFC 8030's `Topic` (URL-safe base64 alphabet, at most 32 characters) and the
/// notification's tag: one per chat, so a newer push replaces an older one still waiting,
/// and one per reminder, which neither replaces a chat's push nor is replaced by one.
fn topic(push: &store::push::Queued) -> String {
    match push.reminder_of {
        0 => format!("chat-{}", push.chat_id),
        message => format!("reminder-{message}"),
    }
}

async fn send_one(app: &App, claimed: Claimed) {
    let outcome = match &claimed.subscription.matrix_pusher {
        Some(pusher) => to_gateway(app, &claimed.push, pusher).await,
        None => {
            let body = payload(&claimed.push).to_string();
            let target = Target {
                endpoint: &claimed.subscription.endpoint,
                p256dh: &claimed.subscription.p256dh,
                auth: &claimed.subscription.auth,
            };
            app.push
                .send(&target, body.as_bytes(), &topic(&claimed.push))
                .await
        }
    };
    let (id, version, sub) = (claimed.id, claimed.version, claimed.subscription.id);
    let attempts = claimed.attempts + 1;
    let host = host_of(&claimed.subscription.endpoint);
    let recorded = match outcome {
        Outcome::Delivered => {
            app.metrics.pushes.delivered.inc();
            app.db
                .write(move |c| store::push::sent(c, id, version))
                .await
        }
        Outcome::Gone => {
            app.metrics.pushes.gone.inc();
            tracing::info!("a push subscription at {host} is gone (404/410): removed");
            app.db
                .write(move |c| store::push::drop_subscription(c, sub))
                .await
        }
        Outcome::Retry { after, why } if attempts < MAX_ATTEMPTS => {
            app.metrics.pushes.retried.inc();
            tracing::debug!("a push to {host} waits: {why}");
            let due =
                crate::kit::clock::now_ms() + outbox::backoff(attempts, after).as_millis() as i64;
            app.db
                .write(move |c| store::push::retry_at(c, id, version, due))
                .await
        }
        Outcome::Retry { why, .. } | Outcome::Refused { why } => {
            app.metrics.pushes.failed.inc();
            tracing::warn!("a push to {host} was given up after {attempts} attempt(s): {why}");
            app.db
                .write(move |c| store::push::sent(c, id, version))
                .await
        }
    };
    if let Err(e) = recorded {
        tracing::warn!("cannot note how a push went (it may be sent again): {e}");
    }
}

/// Sends a push to a Matrix app's push gateway (`domain::matrix::pushers`).
async fn to_gateway(app: &App, push: &store::push::Queued, pusher: &str) -> Outcome {
    match crate::domain::matrix::pushers::notification(app, push, pusher).await {
        Ok((url, pushkey, body)) => app.push.notify_gateway(&url, &body, &pushkey).await,
        Err(e) => Outcome::Retry {
            after: None,
            why: format!("cannot read what the push says: {e}"),
        },
    }
}

/// The endpoint's host, for log lines (an endpoint's path is the subscription's secret).
fn host_of(endpoint: &str) -> String {
    reqwest::Url::parse(endpoint)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
