//! A team's first day: the rooms every newcomer starts in (marked by an administrator,
//! through the Admin page, the API or the CLI), `general` made by the first person to
//! arrive, and the people directory.
//!
//! Who lands in the default rooms: everyone who arrives through natter's own ways (a join
//! link's invitation, a sign-in provider, the operator's `create-user`, the web client's
//! sign-up). A sign-up through a seed app's register endpoint without any of these keeps
//! the seed's behaviour (a new person is in no room), so the five apps' clients see what
//! they always saw.

use crate::domain::error::{Conflict, Error, Missing, Result};
use crate::domain::messaging::views::ViewBuilder;
use crate::domain::people::actor::Actor;
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::views::UserBrief;
use crate::model::{ChatKind, MemberRole};
use crate::state::App;
use crate::store::{self, people::users::User, Tx};
use serde_json::json;
use std::sync::Arc;

/// The name of the room the first arrival makes.
pub const GENERAL: &str = "general";

/// The text of the message a newcomer leaves in each default room they land in, as
/// Slack's "joined #general": the room's members see who arrived, also when they were
/// away, and every API's clients read it as a message. natter's web client draws it as
/// a line ("Ann joined") and makes no sound for it.
pub const JOINED_TEXT: &str = "👋 joined";

/// The description `general` is made with, which an import may replace by its own.
pub const GENERAL_DESCRIPTION: &str = "Everyone on this server: announcements, questions, hellos.";

/// How a newcomer arrived, which decides whether they may open the server's first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Signed up or signed in by themself (a join link, a provider, the web client).
    Themself,
    /// Made by the operator (`natter create-user`): an operator setting a server up
    /// makes accounts before anyone arrives, and chooses its rooms themself.
    ByOperator,
}

/// Puts a new person in every default room, in their account's write, each room's
/// members told (`member_joined`, and for someone who arrived by themself a
/// [`JOINED_TEXT`] message). The first person to arrive by themself on a server
/// that has no room yet first makes `general`, a default room, looked after by the
/// server's first administrator (the newcomer themself when there is none).
pub fn welcome(c: &Tx, user: &User, arrival: Arrival) -> Result<()> {
    let now = store::clock::now();
    // general, when this arrival made it with themself to look after it: they are its
    // member before the loop below, and their arrival is told there all the same.
    let mut kept_by_newcomer = None;
    if arrival == Arrival::Themself
        && !store::messaging::default_rooms::any_room(c)?
        && store::messaging::default_rooms::claim_first_day(c, &now)?
    {
        let keeper = store::people::users::first_admin(c)?.unwrap_or(user.id);
        let chat_id = store::messaging::chats::insert(
            c,
            &store::messaging::chats::NewChat {
                kind: ChatKind::Room,
                title: GENERAL,
                name: None,
                description: GENERAL_DESCRIPTION,
                max_participants: None,
                is_private: false,
                created_by: keeper,
                direct_pair: None,
            },
            &now,
        )?;
        store::messaging::chats::add_member(c, chat_id, keeper, MemberRole::Admin, &now)?;
        store::messaging::default_rooms::mark(c, chat_id, Some(keeper), &now)?;
        if keeper == user.id {
            kept_by_newcomer = Some(chat_id);
        }
    }
    let brief = UserBrief::from(user);
    for chat_id in store::messaging::default_rooms::ids(c)? {
        let added =
            store::messaging::chats::add_member(c, chat_id, user.id, MemberRole::Member, &now)?;
        if added {
            let audience: Arc<[i64]> = store::messaging::chats::member_ids(c, chat_id)?.into();
            c.publish(Published::new(
                chat_id,
                audience,
                Event::MemberJoined {
                    user: brief.clone(),
                },
            ));
        }
        if arrival == Arrival::Themself && (added || kept_by_newcomer == Some(chat_id)) {
            say_joined(c, user, chat_id, &now)?;
        }
    }
    Ok(())
}

/// Writes the newcomer's [`JOINED_TEXT`] in a room they were just added to and queues
/// its event. Unlike a send it notes no push, mention or bot delivery: an arrival is
/// news in the room, not a call on anyone's phone.
fn say_joined(c: &Tx, user: &User, chat_id: i64, now: &str) -> Result<()> {
    let Some(sent) =
        store::messaging::messages::insert_sent_by_member(c, chat_id, user.id, JOINED_TEXT, now)?
    else {
        return Ok(());
    };
    let mut builder = ViewBuilder::new(c, sent.chat)?;
    builder.know(user);
    let view = Arc::new(builder.view_with(sent.message, Vec::new())?);
    c.publish(Published::new(
        chat_id,
        sent.audience.into(),
        Event::MessageCreated(view),
    ));
    Ok(())
}

/// The server's general room as a team moving in finds it: the oldest default room
/// that still exists (`general`, unless an administrator marked others or unmarked it).
#[derive(Debug, Clone)]
pub enum Home {
    /// It holds no message but arrivals: what a team moving in brings can become it.
    Empty(store::messaging::chats::Chat),
    /// It holds messages besides arrivals (how many): history of this server's own, which an
    /// import does not interleave with another's.
    InUse(store::messaging::chats::Chat, i64),
    /// The server has no default room.
    Missing,
}

/// Where the server's general room stands now.
pub fn home(c: &Tx) -> Result<Home> {
    for chat_id in store::messaging::default_rooms::ids(c)? {
        let Some(chat) = store::messaging::chats::by_id(c, chat_id)? else {
            continue;
        };
        // Live messages other than arrivals ([`JOINED_TEXT`]): a room where people only
        // arrived, or whose messages were all deleted, is as empty as one nobody wrote in.
        let written = match chat.message_count {
            0 => 0,
            _ => store::messaging::messages::count_other_than(c, chat.id, JOINED_TEXT)?,
        };
        return Ok(match written {
            0 => Home::Empty(chat),
            written => Home::InUse(chat, written),
        });
    }
    Ok(Home::Missing)
}

/// Marks `chat_id` as a default room on the operator's behalf (an import adopting a
/// team's general channel), recorded in the audit list as the Admin page's mark is.
pub fn adopt(c: &Tx, chat_id: i64, why: &str) -> Result<()> {
    if store::messaging::default_rooms::mark(c, chat_id, None, &store::clock::now())? {
        Actor::Operator.record(
            c,
            "chat.default",
            &format!("chat:{chat_id}"),
            json!({"why": why}),
        )?;
    }
    Ok(())
}

/// Marks a room as one every newcomer starts in (`on`), or unmarks it; rooms only.
/// Recorded in the audit list. Whether it is a default room now.
pub async fn set_default(app: &App, actor: Actor, chat_id: i64, on: bool) -> Result<bool> {
    app.db
        .write(move |c| {
            let chat = store::messaging::chats::by_id(c, chat_id)?
                .ok_or(Error::NotFound(Missing::Chat))?;
            if chat.kind != ChatKind::Room {
                return Err(Error::Conflict(Conflict::DefaultNotRoom));
            }
            let changed = if on {
                store::messaging::default_rooms::mark(c, chat_id, actor.id(), &store::clock::now())?
            } else {
                store::messaging::default_rooms::unmark(c, chat_id)?
            };
            if changed {
                let action = if on {
                    "chat.default"
                } else {
                    "chat.not_default"
                };
                actor.record(c, action, &format!("chat:{chat_id}"), json!({}))?;
            }
            Ok(on)
        })
        .await
}

/// The default rooms now.
pub async fn default_rooms(app: &App) -> Result<Vec<i64>> {
    app.db
        .read(|c| Ok(store::messaging::default_rooms::ids(c)?))
        .await
}

/// How many active people match `search`, and a page of them.
pub async fn people(
    app: &App,
    search: String,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<store::people::directory::Listed>)> {
    app.db
        .read(move |c| {
            Ok((
                store::people::directory::count(c, &search)?,
                store::people::directory::page(c, &search, size, offset)?,
            ))
        })
        .await
}
