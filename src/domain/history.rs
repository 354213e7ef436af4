//! Reading a chat's history: pages of messages for members. The chats surface writes its
//! pages straight from the rows ([`stream_history`]); the others read owned views
//! ([`history`], [`history_of`]).

use crate::domain::error::{Error, Missing, Result};
use crate::domain::views::{self, MessageParts, MessageView, ReactionView, Users, ViewBuilder};
use crate::state::App;
use crate::store::Conn;
use crate::store::{
    self,
    chats::{Chat, Member},
    files::FileMeta,
    messages::{Message, MessageRef, PageQuery},
    users::User,
};

/// A page of history as views.
pub struct HistoryPage {
    pub messages: Vec<MessageView>,
    /// Live messages in the whole chat.
    pub total: i64,
    /// The chat's members with their read markers.
    pub members: Vec<Member>,
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
    let members = store::chats::members(c, chat.id)?;
    history_with_members(c, chat, members, q)
}

fn history_with_members(
    c: &Conn,
    chat: Chat,
    members: Vec<Member>,
    q: PageQuery,
) -> Result<HistoryPage> {
    let total = chat.message_count;
    let rows = store::messages::page(c, chat.id, &q)?;
    let messages = ViewBuilder::new(c, chat)?.views(rows)?;
    Ok(HistoryPage {
        messages,
        total,
        members,
    })
}

/// The chat and its members, if `me_id` is one of them; not found otherwise. The member list a
/// page needs anyway answers "is the caller a member", so it costs no query of its own.
fn chat_with_member(c: &Conn, me_id: i64, chat_id: i64) -> Result<(Chat, Vec<Member>)> {
    let chat = store::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    let members = store::chats::members(c, chat_id)?;
    if !members.iter().any(|m| m.user_id == me_id) {
        return Err(Error::NotFound(Missing::Chat));
    }
    Ok((chat, members))
}

/// One page of a chat's history (members only), handed to `visit` message by message,
/// in order, with reactions and readers; returns the chat's live message count.
///
/// Messages are written from their rows as they are read, with no owned copy (owned rows
/// and views, built and freed, showed as about a sixth of a page's samples in perf). Reactions and attachments take a query of their
/// own, batched for the page, so from the first message that has any on, the rest of the
/// page is read as owned rows, then loaded together and visited after.
pub fn stream_history(
    c: &Conn,
    me_id: i64,
    chat_id: i64,
    q: PageQuery,
    mut visit: impl FnMut(&MessageParts<'_>),
) -> Result<i64> {
    let chat =
        store::chats::count_and_read_markers(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    let markers = chat.read_markers;
    if !markers.iter().any(|(user_id, _)| *user_id == me_id) {
        return Err(Error::NotFound(Missing::Chat));
    }
    let mut page = PageParts {
        users: Users::new(c),
        markers,
        read_by: Vec::new(),
    };
    let mut rest: Vec<Message> = Vec::new();
    store::messages::each_in_page(c, chat_id, &q, |m| {
        if !rest.is_empty() || m.file_count > 0 || m.reaction_count > 0 {
            rest.push(m.to_owned());
            return Ok(());
        }
        page.visit(m, &[], &[], &mut visit)
    })?;
    if !rest.is_empty() {
        let reactions = views::reactions_of(c, &rest)?;
        let attachments = views::attachments_of(c, &rest)?;
        for ((m, reactions), attachments) in rest.iter().zip(&reactions).zip(&attachments) {
            page.visit(&m.as_ref(), reactions, attachments, &mut visit)?;
        }
    }
    Ok(chat.message_count)
}

/// What [`stream_history`] adds to each row: its sender and its readers.
struct PageParts<'c> {
    users: Users<'c>,
    /// `(user_id, last_read_message_id)` of each member.
    markers: Vec<(i64, i64)>,
    read_by: Vec<i64>,
}

impl PageParts<'_> {
    /// Hands `m` with its parts to `visit`.
    fn visit(
        &mut self,
        m: &MessageRef<'_>,
        reactions: &[ReactionView],
        attachments: &[FileMeta],
        visit: &mut impl FnMut(&MessageParts<'_>),
    ) -> Result<()> {
        let sender = m
            .sender_id
            .map(|id| self.users.get(id))
            .transpose()?
            .flatten();
        readers_of(&self.markers, m.id, &mut self.read_by);
        visit(&MessageParts {
            id: m.id,
            chat_id: m.chat_id,
            sender: sender.as_deref(),
            content: m.content,
            created_at: m.created_at,
            edited_at: m.edited_at,
            reactions,
            read_by: &self.read_by,
            attachments,
        });
        Ok(())
    }
}

/// Fills `out` with the members whose read marker, of `(user_id, last_read_message_id)`,
/// has reached `message_id`.
fn readers_of(markers: &[(i64, i64)], message_id: i64, out: &mut Vec<i64>) {
    out.clear();
    out.extend(
        markers
            .iter()
            .filter(|(_, last_read)| *last_read >= message_id)
            .map(|(user_id, _)| *user_id),
    );
}
