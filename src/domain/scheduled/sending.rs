//! The loop that sends scheduled messages when they fall due, on every serving node.
//! Each due row is sent in one write job: the claim (`state` set to `sent` only where it
//! is still `scheduled`) and the send through messaging's own send, as the sender, with
//! their membership read in that transaction, commit together or not at all. So a crash,
//! a restart or a second node never sends one twice, and one that could not be sent is
//! still waiting for the next round. A send the rules refuse (the sender left the chat,
//! it was archived, the account was deactivated) marks the row failed with the reason,
//! in a second job, and tells the sender on natter's own socket.

use crate::domain::error::{Error, Missing, Refusal, Result};
use crate::domain::messaging::messages::{send_reply_on, Sent};
use crate::domain::messaging::threads::ReplyTarget;
use crate::hub::Published;
use crate::model::events::Event;
use crate::state::App;
use crate::store::{self, Tx};
use std::time::Duration;

/// How often the loop looks for due messages: one indexed read when there is none. A
/// message is sent within this of its time.
pub const TICK: Duration = Duration::from_secs(1);

/// Messages one round sends at most (the next round takes the rest).
const PER_ROUND: i64 = 100;

/// Starts the loop; it ends when the server shuts down.
pub fn start(app: &App) {
    crate::domain::background::outbox::run_every(app, TICK, 1, "scheduled", |app, _| async move {
        round(&app).await.map(|_| ())
    });
}

/// One round: every message due now; how many were sent.
pub async fn round(app: &App) -> Result<usize> {
    let now = crate::kit::clock::now_ms();
    let due = app
        .db
        .read(move |c| {
            if !store::messaging::scheduled::any_due(c, now)? {
                return Ok(Vec::new());
            }
            store::messaging::scheduled::due(c, now, PER_ROUND)
        })
        .await?;
    let mut sent = 0;
    for (id, chat_id) in due {
        let app2 = app.clone();
        let result = app
            .db
            .write_in_chat(chat_id, move |c| send_one(c, &app2, id))
            .await;
        match result {
            Ok(Some(done)) => {
                done.committed(app);
                sent += 1;
            }
            Ok(None) => {}
            Err(e) => match refused(&e) {
                Some(reason) => {
                    app.db
                        .write_in_chat(chat_id, move |c| fail_one(c, id, reason))
                        .await?
                }
                // The database or another fault: the row still waits for the next round.
                None => return Err(e),
            },
        }
    }
    Ok(sent)
}

/// Claims row `id` and sends it, in the caller's write job; None when another job took it.
fn send_one(c: &Tx, app: &App, id: i64) -> Result<Option<Sent>> {
    let stamp = store::clock::now();
    let Some(row) = store::messaging::scheduled::claim(c, id, &stamp)? else {
        return Ok(None);
    };
    let sender = store::people::users::by_id(c, row.sender_id)?
        .filter(|u| u.is_active)
        .ok_or(Error::NotFound(Missing::Caller))?;
    let target = ReplyTarget {
        reply_to: row.reply_to_id,
        thread_id: row.thread_id,
        also_in_channel: false,
    };
    let sent = send_reply_on(
        c,
        app,
        &sender,
        row.chat_id,
        row.content,
        Vec::new(),
        target,
    )?;
    store::messaging::scheduled::sent_as(c, id, sent.message_id())?;
    Ok(Some(sent))
}

/// Why the rules refused a send, in words for its sender; None for a fault to retry.
fn refused(e: &Error) -> Option<&'static str> {
    Some(match e {
        Error::NotFound(Missing::Chat) => "You are no longer in this chat.",
        Error::NotFound(Missing::Caller) => "Your account can no longer send.",
        Error::Forbidden(Refusal::ChatArchived) => "The chat was archived.",
        Error::NotFound(_) | Error::Forbidden(_) | Error::Invalid(_) => {
            "The message could not be sent."
        }
        _ => return None,
    })
}

/// Marks row `id` failed (where still waiting) and tells its sender.
fn fail_one(c: &Tx, id: i64, reason: &'static str) -> Result<()> {
    let stamp = store::clock::now();
    if let Some(row) = store::messaging::scheduled::fail(c, id, reason, &stamp)? {
        c.publish(Published::new(
            row.chat_id,
            vec![row.sender_id].into(),
            Event::ScheduledFailed {
                user_id: row.sender_id,
                scheduled_id: row.id,
                reason: reason.to_string(),
            },
        ));
    }
    Ok(())
}
