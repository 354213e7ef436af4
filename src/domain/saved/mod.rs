//! Saved messages: each person's private list of messages to find again, across their
//! chats, each with an optional reminder (`reminders` sends it once, when due). A saved
//! message whose chat the person left, or that was deleted or removed, stays on their
//! list as unavailable: its text and its chat's title are not shown. Its own folder,
//! above `messaging`, `mail` and `push`, because the reminder uses all three and none of
//! them names it.

pub mod reminders;

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::domain::messaging::chats::{require_member, shown_title_on};
use crate::domain::messaging::views::{self, ShownMessage, ViewBuilder};
use crate::state::App;
use crate::store::messaging::saved::{self as stored, Saved};
use crate::store::{self, Conn};
use std::collections::HashMap;

/// Chats' receipt marks read so far for one answer, by chat (a page of saved messages
/// names few chats many times).
type Receipts = HashMap<i64, Vec<(i64, i64)>>;

/// Saved messages a page shows unless asked otherwise.
pub const PAGE: i64 = 50;

/// Saved messages a page shows at most.
pub const MAX_PAGE: i64 = 200;

/// A saved message as its person sees it.
pub struct SavedItem {
    pub message_id: i64,
    pub chat_id: Option<i64>,
    /// The chat's shown title (empty for a direct chat); `None` when unavailable.
    pub chat_title: Option<String>,
    pub saved_at: String,
    /// When to remind, as natter writes times.
    pub remind_at: Option<String>,
    pub reminded_at: Option<String>,
    /// The message with its reactions and readers, while its person is in its chat and
    /// it is there.
    pub message: Option<ShownMessage>,
}

/// Reads a reminder time as a client sends it (RFC 3339 with its offset) into unix
/// milliseconds.
pub fn parse_time(field: &'static str, text: &str) -> Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            Error::field(
                field,
                Problem::Worded("Give a time such as 2026-01-02T09:00:00Z."),
            )
        })
}

/// A unix-milliseconds time as natter writes times.
pub fn show_time(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

/// Saves `message_id` (in a chat `me` is in) with an optional reminder at `remind_at`
/// (unix ms); saving it again replaces the reminder.
pub async fn save(
    app: &App,
    me: i64,
    message_id: i64,
    remind_at: Option<i64>,
) -> Result<SavedItem> {
    app.db
        .write(move |c| {
            let message = store::messaging::messages::by_id(c, message_id)?
                .ok_or(Error::NotFound(Missing::Message))?;
            require_member(c, message.chat_id, me)?;
            if message.removed {
                return Err(Error::NotFound(Missing::Message));
            }
            stored::save(c, me, message_id, remind_at, &store::clock::now())?;
            one_on(c, me, message_id)
        })
        .await
}

/// One saved message of `me`'s.
pub async fn one(app: &App, me: i64, message_id: i64) -> Result<SavedItem> {
    app.db.read(move |c| one_on(c, me, message_id)).await
}

fn one_on(c: &Conn, me: i64, message_id: i64) -> Result<SavedItem> {
    let row = stored::one(c, me, message_id)?.ok_or(Error::NotFound(Missing::Message))?;
    item(c, me, row, &mut Receipts::new())
}

/// A page of `me`'s saved messages, the most recently saved first, after the one of
/// `before` when given; with how many they have saved in all.
pub async fn list(
    app: &App,
    me: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<(Vec<SavedItem>, i64)> {
    app.db
        .read(move |c| {
            let mut receipts = Receipts::new();
            let items = stored::of_user(c, me, before, limit)?
                .into_iter()
                .map(|row| item(c, me, row, &mut receipts))
                .collect::<Result<Vec<_>>>()?;
            Ok((items, stored::count_of_user(c, me)?))
        })
        .await
}

/// Sets or clears the reminder of a saved message of `me`'s, while `me` is in its chat;
/// a new time is reminded of again.
pub async fn set_reminder(
    app: &App,
    me: i64,
    message_id: i64,
    remind_at: Option<i64>,
) -> Result<SavedItem> {
    app.db
        .write(move |c| {
            let saved = one_on(c, me, message_id)?;
            if saved.message.is_none() {
                return Err(Error::NotFound(Missing::Message));
            }
            stored::set_reminder(c, me, message_id, remind_at)?;
            one_on(c, me, message_id)
        })
        .await
}

/// Takes `message_id` off `me`'s saved messages.
pub async fn unsave(app: &App, me: i64, message_id: i64) -> Result<()> {
    app.db
        .write(move |c| match stored::unsave(c, me, message_id)? {
            true => Ok(()),
            false => Err(Error::NotFound(Missing::Message)),
        })
        .await
}

/// The message of a saved row, if `me` may still see it: in a chat `me` is in, neither
/// deleted nor removed.
pub(crate) fn visible(
    c: &Conn,
    me: i64,
    row: &Saved,
) -> Result<Option<(store::messaging::messages::Message, crate::model::Chat)>> {
    let Some(chat_id) = row.chat_id else {
        return Ok(None);
    };
    let (chat, _) = match require_member(c, chat_id, me) {
        Ok(found) => found,
        Err(Error::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    match store::messaging::messages::by_id(c, row.message_id)? {
        Some(m) if !m.removed => Ok(Some((m, chat))),
        _ => Ok(None),
    }
}

fn item(c: &Conn, me: i64, row: Saved, receipts: &mut Receipts) -> Result<SavedItem> {
    let (message, chat_title) = match visible(c, me, &row)? {
        Some((m, chat)) => {
            let title = shown_title_on(c, &chat)?;
            let marks = match receipts.entry(chat.id) {
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(new) => {
                    new.insert(store::messaging::chats::receipt_marks(c, chat.id)?)
                }
            };
            let mut builder = ViewBuilder::new(c, chat)?;
            let shown = views::shown(c, &mut builder, vec![m], marks)?.pop();
            (shown, Some(title))
        }
        None => (None, None),
    };
    Ok(SavedItem {
        message_id: row.message_id,
        chat_id: row.chat_id,
        chat_title,
        saved_at: row.saved_at,
        remind_at: row.remind_at.and_then(show_time),
        reminded_at: row.reminded_at,
        message,
    })
}
