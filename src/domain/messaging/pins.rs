//! Pinned messages: any member pins and unpins a chat's messages, or only its admins when
//! the chat says so (`pins_by`, set by its admins); at most
//! [`store::messaging::pins::MAX_PER_CHAT`] per chat. Each change reaches the chat's
//! sockets as [`Event::PinChanged`] with the chat's pin count, and a change of the rule
//! as [`Event::PinsByChanged`].

use crate::domain::error::{Error, Missing, Problem, Refusal, Result};
use crate::domain::messaging::chats::require_member;
use crate::domain::messaging::views::{self, ShownMessage, ViewBuilder};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::UserBrief;
use crate::state::App;
use crate::store::messaging::pins::{self as stored, MAX_PER_CHAT};
use crate::store::{self, Conn, MemberRole};

/// Who may pin in a chat (`chats.pins_by`).
pub const RULES: [&str; 2] = ["members", "admins"];

/// A chat's pins as its member sees them.
pub struct PinList {
    pub chat_id: i64,
    /// `members` or `admins`.
    pub pins_by: String,
    /// Whether the reader may pin and unpin here.
    pub may_pin: bool,
    /// Each pin: the message with its reactions and readers, who pinned it (if their
    /// account is still there) and when.
    pub pins: Vec<(ShownMessage, Option<UserBrief>, String)>,
}

/// What a pin or an unpin left.
pub struct PinState {
    pub chat_id: i64,
    pub pinned: bool,
    pub pin_count: i64,
}

/// The pins of `chat_id`, for a member.
pub async fn list(app: &App, me: i64, chat_id: i64) -> Result<PinList> {
    app.db.read(move |c| list_on(c, me, chat_id)).await
}

fn list_on(c: &Conn, me: i64, chat_id: i64) -> Result<PinList> {
    let (chat, member) = require_member(c, chat_id, me)?;
    let pins_by = stored::rule(c, chat_id)?.unwrap_or_else(|| RULES[0].into());
    let may_pin = may_pin(&pins_by, member.role);
    let rows = stored::of_chat(c, chat_id)?;
    let mut by_ids: Vec<i64> = rows.iter().filter_map(|p| p.pinned_by).collect();
    by_ids.sort_unstable();
    by_ids.dedup();
    let people = store::people::users::by_ids(c, &by_ids)?;
    let mut builder = ViewBuilder::new(c, chat)?;
    let mut messages = Vec::with_capacity(rows.len());
    let mut marks = Vec::with_capacity(rows.len());
    for p in rows {
        let Some(message) = store::messaging::messages::by_id(c, p.message_id)? else {
            continue;
        };
        let by = p
            .pinned_by
            .and_then(|id| people.iter().find(|u| u.id == id))
            .map(UserBrief::from);
        messages.push(message);
        marks.push((by, p.pinned_at));
    }
    let receipts = store::messaging::chats::receipt_marks(c, chat_id)?;
    let pins = views::shown(c, &mut builder, messages, &receipts)?
        .into_iter()
        .zip(marks)
        .map(|(shown, (by, at))| (shown, by, at))
        .collect();
    Ok(PinList {
        chat_id,
        pins_by,
        may_pin,
        pins,
    })
}

fn may_pin(pins_by: &str, role: MemberRole) -> bool {
    pins_by != "admins" || role == MemberRole::Admin
}

/// Sets who may pin in `chat_id` (`members` or `admins`); only the chat's admins may.
pub async fn set_rule(app: &App, me: i64, chat_id: i64, pins_by: String) -> Result<PinList> {
    if !RULES.contains(&pins_by.as_str()) {
        return Err(Error::field(
            "pins_by",
            Problem::NotAChoice { value: pins_by },
        ));
    }
    app.db
        .write(move |c| {
            crate::domain::messaging::chats::require_admin(c, chat_id, me)?;
            let before = stored::rule(c, chat_id)?.unwrap_or_else(|| RULES[0].into());
            stored::set_rule(c, chat_id, &pins_by)?;
            if before != pins_by {
                let audience = store::messaging::chats::member_ids(c, chat_id)?;
                c.publish(Published::new(
                    chat_id,
                    audience.into(),
                    Event::PinsByChanged {
                        pins_by: pins_by.clone(),
                        user_id: me,
                    },
                ));
            }
            list_on(c, me, chat_id)
        })
        .await
}

/// Pins (`pin`) or unpins `message_id` as `me`; the chat's sockets hear of a change.
pub async fn set(app: &App, me: i64, message_id: i64, pin: bool) -> Result<PinState> {
    app.db
        .write(move |c| {
            let message = store::messaging::messages::by_id(c, message_id)?
                .ok_or(Error::NotFound(Missing::Message))?;
            let (chat, member) = require_member(c, message.chat_id, me)?;
            if message.removed {
                return Err(Error::NotFound(Missing::Message));
            }
            let pins_by = stored::rule(c, chat.id)?.unwrap_or_else(|| RULES[0].into());
            if !may_pin(&pins_by, member.role) {
                return Err(Error::Forbidden(Refusal::NotAdmin));
            }
            if chat.archived_at.is_some() {
                return Err(Error::Forbidden(Refusal::ChatArchived));
            }
            let changed = match pin {
                true => {
                    if stored::count(c, chat.id)? >= MAX_PER_CHAT {
                        return Err(Error::field(
                            "message_id",
                            Problem::Worded(
                                "This chat already has 100 pinned messages: unpin one first.",
                            ),
                        ));
                    }
                    stored::pin(c, chat.id, message_id, me, &store::clock::now())?
                }
                false => stored::unpin(c, message_id)?,
            };
            let pin_count = stored::count(c, chat.id)?;
            if changed {
                let audience = store::messaging::chats::member_ids(c, chat.id)?;
                c.publish(Published::new(
                    chat.id,
                    audience.into(),
                    Event::PinChanged {
                        message_id,
                        pinned: pin,
                        user_id: me,
                        pin_count,
                    },
                ));
            }
            Ok(PinState {
                chat_id: chat.id,
                pinned: pin,
                pin_count,
            })
        })
        .await
}
