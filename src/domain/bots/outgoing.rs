//! Bots' outgoing webhooks. A message that mentions a bot with a
//! webhook, or is written to one in a direct chat, owes that bot a call: a
//! `bot_deliveries` row written in the message's own write (`messages::bot_deliveries`), so
//! a crash loses none. The loop here claims due calls (a lease, so one node calls; a dead node's calls are
//! claimed again once it runs out), posts each signed (`webhooks::Webhooks::call`), and
//! posts a 2xx answer's text as the bot's reply. A slow or dead webhook holds a sending
//! slot, never a message's send. Bots' own messages call no webhook, so two bots cannot
//! talk each other into a loop.

use super::key_of;
use crate::domain::background::outbox::{self, Table};
use crate::domain::bots::slack_payload;
use crate::domain::error::Result;
use crate::domain::{messaging::messages, messaging::threads};
use crate::model::UserBrief;
use crate::state::App;
use crate::store::{self, bots::Delivery};
use crate::webhooks::Outcome;
use serde_json::json;
use std::time::Duration;

/// How often the loop looks for due calls: one indexed read when there is none.
pub const TICK: Duration = Duration::from_millis(250);

/// Calls in flight at once, per node.
pub const IN_FLIGHT: usize = 16;

/// The calls waiting in `bot_deliveries`; a claimed call is its node's for a minute
/// (longer than a call's timeouts together), then another may make it.
const OUTBOX: Table<Delivery> = Table {
    any_due: store::bots::any_due,
    claim: store::bots::claim,
    lease: Duration::from_secs(60),
};

/// Attempts before a call that keeps failing is given up (about 11 minutes of waiting in all).
pub const MAX_ATTEMPTS: i64 = 8;

/// Starts the loop; it ends when the server shuts down. First, the calls this server
/// was making when it stopped are owed again at once (a server alone on its database:
/// every claimed call, since no other server can hold one), and carry the same delivery
/// id, by which the bot's server recognises one it already took.
pub async fn start(app: &App) -> Result<()> {
    let node = app.config.node_id();
    let alone = app.config.nats_servers().is_none();
    app.db
        .write(move |c| store::bots::release_claims(c, &node, alone))
        .await?;
    outbox::run_every(
        app,
        TICK,
        IN_FLIGHT,
        "webhook calls",
        |app, slots| async move {
            outbox::send_due(&app, &slots, &OUTBOX, |app, delivery| async move {
                if let Err(e) = call_one(&app, &delivery).await {
                    tracing::warn!(
                        "webhook call {} of bot {}: {e}",
                        delivery.id,
                        delivery.bot_id
                    );
                }
            })
            .await
        },
    );
    Ok(())
}

/// What a call needs from the database: the bot, its URL and key, and the message.
struct Call {
    url: String,
    key: String,
    body: Vec<u8>,
    bot: store::people::users::User,
    /// The thread the message that called the bot is in: its answer goes there too.
    thread: Option<i64>,
}

/// The call's body at `timestamp` (the one its signature carries), or `None` when
/// nothing is owed any more (the message was deleted, the bot lost its webhook, was
/// deactivated or is gone).
fn prepare(app: &App, c: &store::Conn, d: &Delivery, timestamp: i64) -> Result<Option<Call>> {
    let Some(row) = store::bots::by_id(c, d.bot_id)? else {
        return Ok(None);
    };
    let Some(url) = row.webhook_url.clone() else {
        return Ok(None);
    };
    let (Some(bot), Some(message), Some(chat)) = (
        store::people::users::by_id(c, d.bot_id)?.filter(|b| b.is_active),
        store::messaging::messages::by_id(c, d.message_id)?,
        store::messaging::chats::by_id(c, d.chat_id)?,
    ) else {
        return Ok(None);
    };
    let sender = match message.sender_id {
        Some(id) => store::people::users::by_id(c, id)?,
        None => None,
    };
    let key = key_of(app, &row)?;
    let reply_url = format!(
        "{}/hooks/{}",
        app.webhooks.base_url(),
        crate::webhooks::keys::chat_token(&key, chat.id)
    );
    let body = json!({
        "type": "message",
        "delivery_id": d.id,
        "bot": {"id": bot.id, "username": bot.username},
        "chat": {
            "id": chat.id,
            "name": chat.shown_name(),
            "kind": chat.kind.as_str(),
        },
        "sender": sender.map(|s| {
            let s = UserBrief::from(&s);
            json!({"id": s.id, "username": s.username, "display_name": s.display_name})
        }),
        "message": {
            "id": message.id, "text": message.content, "created_at": message.created_at,
            "ts": message.id.to_string(),
            "thread_id": message.threading.thread_id,
            "thread_ts": message.threading.thread_id.map(|id| id.to_string()),
        },
        "reply_url": reply_url,
        "timestamp": timestamp,
    });
    Ok(Some(Call {
        url,
        key,
        body: body.to_string().into_bytes(),
        bot,
        thread: message.threading.thread_id,
    }))
}

async fn call_one(app: &App, d: &Delivery) -> Result<()> {
    let timestamp = chrono::Utc::now().timestamp();
    let (app2, d2) = (app.clone(), d.clone());
    let call = app
        .db
        .read(move |c| prepare(&app2, c, &d2, timestamp))
        .await?;
    let id = d.id;
    let Some(call) = call else {
        return Ok(app.db.write(move |c| store::bots::done(c, id)).await?);
    };
    let outcome = app
        .webhooks
        .call(&call.url, &call.key, d.id, timestamp, call.body)
        .await;
    let attempts = d.attempts + 1;
    match outcome {
        Outcome::Answered { body, content_type } => {
            app.metrics.webhooks.answered.inc();
            // Done before the reply is posted: a crash in between loses the reply, never
            // calls the bot twice.
            app.db.write(move |c| store::bots::done(c, id)).await?;
            if let Some(answer) = reply(&body, content_type.as_deref()) {
                let bot = call.bot;
                let chat = d.chat_id;
                let thread = answer.thread_ts.or(call.thread);
                let app2 = app.clone();
                let sent = app
                    .db
                    .write(move |c| {
                        let place = threads::hook_target(c, chat, thread, answer.broadcast)?;
                        let text = answer.text.clone();
                        messages::send_reply_on(c, &app2, &bot, chat, text, Vec::new(), place)
                    })
                    .await;
                match sent {
                    Ok(sent) => {
                        sent.committed(app);
                    }
                    Err(e) => tracing::info!("bot {}'s reply was not posted: {e}", d.bot_id),
                }
            }
        }
        Outcome::Retry { after, why } if attempts < MAX_ATTEMPTS => {
            app.metrics.webhooks.retried.inc();
            tracing::info!("bot {}'s webhook call {id} waits: {why}", d.bot_id);
            let due = crate::kit::clock::now_ms()
                + crate::domain::background::outbox::backoff(attempts, after).as_millis() as i64;
            app.db
                .write(move |c| store::bots::retry_at(c, id, due))
                .await?;
        }
        Outcome::Retry { why, .. } | Outcome::Refused { why } => {
            app.metrics.webhooks.failed.inc();
            tracing::warn!(
                "bot {}'s webhook call {id} was given up after {attempts} attempt(s): {why}",
                d.bot_id
            );
            app.db.write(move |c| store::bots::done(c, id)).await?;
        }
    }
    Ok(())
}

/// The reply in a bot's answer: a Slack payload in JSON (its `text`, blocks and
/// attachments rendered as a hook post's are), or plain text. `None` for an empty
/// answer, or JSON with nothing to show.
pub fn reply_text(body: &[u8], content_type: Option<&str>) -> Option<String> {
    reply(body, content_type).map(|r| r.text)
}

/// A bot's answer: its text, and the thread a Slack payload names (`thread_ts`,
/// `reply_broadcast`).
struct Answer {
    text: String,
    thread_ts: Option<i64>,
    broadcast: bool,
}

/// [`reply_text`] with the thread a JSON answer names.
fn reply(body: &[u8], content_type: Option<&str>) -> Option<Answer> {
    let is_json = content_type.is_some_and(crate::kit::media_type::is_json);
    if is_json || body.first() == Some(&b'{') {
        let payload = slack_payload::parse(body, Some("application/json")).ok()?;
        return slack_payload::render(&payload, &|_| None)
            .ok()
            .map(|r| Answer {
                text: r.text,
                thread_ts: r.thread_ts,
                broadcast: r.reply_broadcast,
            });
    }
    let text = std::str::from_utf8(body).ok()?.trim();
    (!text.is_empty()).then(|| Answer {
        text: text
            .chars()
            .take(messages::MAX_CONTENT_CHARS)
            .collect::<String>(),
        thread_ts: None,
        broadcast: false,
    })
}
