//! Reading a chat's history: pages of messages for members, as owned views ([`history`],
//! [`history_of`]) for every surface but one. The chats surface's page, the hottest read,
//! is written while its rows are read instead: that fast path, why it exists and the
//! test that holds it to these owned views live in [`stream`] alone.

mod stream;

pub use stream::stream_history;

use crate::domain::error::{Error, Missing, Result};
use crate::domain::messaging::views::ViewBuilder;
use crate::model::MessageView;
use crate::state::App;
use crate::store::Conn;
use crate::store::{
    self,
    messaging::chats::{Chat, Member},
    messaging::messages::PageQuery,
    people::users::User,
};

/// A page of history as views.
pub struct HistoryPage {
    pub messages: Vec<MessageView>,
    /// Live messages in the whole chat.
    pub total: i64,
    /// The chat's members with their read markers.
    pub members: Vec<Member>,
    /// `(user_id, receipt mark)` of each member: whom `read_by` names
    /// (`store::messaging::chats::receipt_marks`).
    pub receipts: Vec<(i64, i64)>,
}

/// Reads one page of a chat's history (members only).
pub async fn history(app: &App, me: &User, chat_id: i64, q: PageQuery) -> Result<HistoryPage> {
    let me_id = me.id;
    app.db
        .read(move |c| {
            let (chat, members) = chat_with_member(c, me_id, chat_id)?;
            history_with_members(c, chat, members, q)
        })
        .await
}

/// [`history`] of a chat the caller has already loaded and checked the reader may see
/// (the rooms surface's own participant check), so neither is read twice.
pub fn history_of(c: &Conn, chat: Chat, q: PageQuery) -> Result<HistoryPage> {
    let members = store::messaging::chats::members(c, chat.id)?;
    history_with_members(c, chat, members, q)
}

fn history_with_members(
    c: &Conn,
    chat: Chat,
    members: Vec<Member>,
    q: PageQuery,
) -> Result<HistoryPage> {
    let total = match &q.search {
        Some(search) => store::messaging::messages::count_matching(c, chat.id, search)?,
        None => chat.message_count,
    };
    let rows = store::messaging::messages::page(c, chat.id, &q)?;
    let receipts = store::messaging::chats::receipt_marks(c, chat.id)?;
    let messages = ViewBuilder::new(c, chat)?.views(rows)?;
    Ok(HistoryPage {
        messages,
        total,
        members,
        receipts,
    })
}

/// The chat and its members, if `me_id` is one of them; not found otherwise. The member list a
/// page needs anyway answers "is the caller a member", so it costs no query of its own.
fn chat_with_member(c: &Conn, me_id: i64, chat_id: i64) -> Result<(Chat, Vec<Member>)> {
    let chat = store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    let members = store::messaging::chats::members(c, chat_id)?;
    if !members.iter().any(|m| m.user_id == me_id) {
        return Err(Error::NotFound(Missing::Chat));
    }
    Ok((chat, members))
}
