//! Messages sent later: a person schedules a message for a chat they are in, at a
//! time (unix milliseconds, UTC: the client turns "tomorrow at 9" in the person's zone
//! into an instant), and may change its text and time or cancel it until it is sent.
//! `sending` sends each once, when due, as its sender, with the sender's rights at that
//! moment: a chat they have left gets nothing, and the row says why. Its own folder
//! above `messaging`, as `saved` is, because its loop uses messaging's send.

pub mod sending;

use crate::domain::error::{Error, Problem, Result};
use crate::domain::messaging::chats::require_member;
use crate::domain::messaging::messages::validate_content;
use crate::state::App;
use crate::store::messaging::scheduled::{self as stored, NewScheduled, Scheduled};
use crate::store::{self, Conn};

/// Messages one person may have waiting at once: each is a row the loop reads when due.
pub const MAX_WAITING: usize = 100;

/// Furthest ahead a message may be scheduled (120 days, as Slack allows).
pub const MAX_AHEAD_MS: i64 = 120 * 24 * 3600 * 1000;

/// Scheduled messages a list shows at most (the waiting ones first).
pub const LIST_LIMIT: i64 = 200;

/// What a person asks to send later.
pub struct Asked {
    pub chat_id: i64,
    pub content: String,
    pub reply_to_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub send_at: i64,
}

/// Checks `send_at` (unix ms): after now and within [`MAX_AHEAD_MS`].
fn check_time(send_at: i64, now: i64) -> Result<()> {
    if send_at <= now {
        return Err(Error::field(
            "send_at",
            Problem::Worded("Choose a time in the future."),
        ));
    }
    if send_at - now > MAX_AHEAD_MS {
        return Err(Error::field(
            "send_at",
            Problem::Worded("Choose a time within 120 days."),
        ));
    }
    Ok(())
}

/// Schedules a message into a chat `me` is in now (a chat they are not in is not found,
/// as for a send).
pub async fn create(app: &App, me: i64, asked: Asked) -> Result<Scheduled> {
    validate_content("content", &asked.content)?;
    check_time(asked.send_at, crate::kit::clock::now_ms())?;
    app.db
        .write(move |c| {
            require_member(c, asked.chat_id, me)?;
            let waiting = stored::of_sender(c, me, MAX_WAITING as i64 + 1)?
                .iter()
                .filter(|s| s.state == "scheduled")
                .count();
            if waiting >= MAX_WAITING {
                return Err(Error::field(
                    "send_at",
                    Problem::Worded(
                        "You have 100 messages waiting to be sent: send or cancel one first.",
                    ),
                ));
            }
            let now = store::clock::now();
            let id = stored::insert(
                c,
                &NewScheduled {
                    sender_id: me,
                    chat_id: asked.chat_id,
                    content: &asked.content,
                    reply_to_id: asked.reply_to_id,
                    thread_id: asked.thread_id,
                    send_at: asked.send_at,
                },
                &now,
            )?;
            mine(c, me, id)
        })
        .await
}

/// The person's scheduled messages: waiting ones soonest first, then sent, failed and
/// cancelled ones, newest first.
pub async fn list(app: &App, me: i64) -> Result<Vec<Scheduled>> {
    Ok(app
        .db
        .read(move |c| stored::of_sender(c, me, LIST_LIMIT))
        .await?)
}

/// One of the person's scheduled messages (another's is not found).
pub async fn one(app: &App, me: i64, id: i64) -> Result<Scheduled> {
    app.db.read(move |c| mine(c, me, id)).await
}

fn mine(c: &Conn, me: i64, id: i64) -> Result<Scheduled> {
    stored::one_of(c, me, id)?.ok_or(Error::NotFound(crate::domain::error::Missing::Message))
}

/// A change to one still waiting: its text, its time, or both.
pub struct Change {
    pub content: Option<String>,
    pub send_at: Option<i64>,
}

/// Changes one still waiting; one already sent, failed or cancelled is a 400 on `state`.
pub async fn edit(app: &App, me: i64, id: i64, change: Change) -> Result<Scheduled> {
    if let Some(content) = &change.content {
        validate_content("content", content)?;
    }
    if let Some(at) = change.send_at {
        check_time(at, crate::kit::clock::now_ms())?;
    }
    app.db
        .write(move |c| {
            let row = mine(c, me, id)?;
            let content = change.content.clone().unwrap_or(row.content);
            let send_at = change.send_at.unwrap_or(row.send_at);
            if !stored::edit(c, id, &content, send_at, &store::clock::now())? {
                return Err(no_longer_waiting());
            }
            mine(c, me, id)
        })
        .await
}

/// Cancels one still waiting; one already sent, failed or cancelled is a 400 on `state`.
pub async fn cancel(app: &App, me: i64, id: i64) -> Result<()> {
    app.db
        .write(move |c| {
            mine(c, me, id)?;
            if !stored::cancel(c, id, &store::clock::now())? {
                return Err(no_longer_waiting());
            }
            Ok(())
        })
        .await
}

fn no_longer_waiting() -> Error {
    Error::field(
        "state",
        Problem::Worded("This message is no longer waiting: it was sent, failed or cancelled."),
    )
}

#[cfg(test)]
mod tests {
    use super::{check_time, MAX_AHEAD_MS};

    #[test]
    fn a_time_must_be_ahead_and_within_120_days() {
        assert!(check_time(1_000, 1_000).is_err());
        assert!(check_time(1_001, 1_000).is_ok());
        assert!(check_time(1_000 + MAX_AHEAD_MS, 1_000).is_ok());
        assert!(check_time(1_001 + MAX_AHEAD_MS, 1_000).is_err());
    }
}
