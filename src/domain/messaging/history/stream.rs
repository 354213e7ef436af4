//! The chats surface's history page, written while SQLite reads its rows: the one fast
//! path around the owned views of [`super::history_of`], fenced here.
//!
//! Why it exists: a page of history is natter's hottest read, and building an owned row
//! and an owned [`crate::model::MessageView`] per message, then freeing them,
//! showed as about a sixth of a page's samples in perf. Visiting each row borrowed
//! ([`store::messaging::messages::MessageRef`], lent to the renderer as a [`MessageParts`]) took a
//! page from 406,458 to 378,923 user-space instructions (0.93x; callgrind,
//! `bench/scripts/history-instructions.sh`; docs/benchmarks.md, "Decisions that rest on a figure").
//!
//! What pins it: `surfaces::chats::history_pin::streamed_page_is_byte_equal_to_the_owned_path`
//! renders pages of a chat with plain messages, edits, reactions, attachments and read
//! markers both ways (this module; [`super::history_of`] with each view's reactions and
//! readers) and requires the same bytes. `surfaces::chats::render`'s
//! `write_json_matches_serde_json_for_awkward_messages` holds the hand-written JSON to
//! serde, and `tests/api/chats.rs`'s
//! `history_shows_attachments_and_reactions_on_their_messages_also_after_an_upgrade`
//! covers the switch to owned rows mid-page through the real binary.
//!
//! Keep it free of per-message allocations: the sender comes from a per-page cache,
//! the readers are refilled into one buffer.

use crate::domain::error::{Error, Missing, Result};
use crate::domain::messaging::views::{self, Users};
use crate::model::{MessageParts, ReactionView};
use crate::store::Conn;
use crate::store::{
    self,
    messaging::files::FileMeta,
    messaging::messages::{Message, MessageRef, PagePart, PageQuery},
};

/// One page of a chat's history (members only), handed to `visit` message by message,
/// in order, with reactions and readers; returns the chat's live message count.
///
/// Messages are written from their rows as they are read, with no owned copy (owned rows
/// and views, built and freed, showed as about a sixth of a page's samples in perf). Reactions and attachments take a query of their
/// own, batched for the page, so from the first message that has any on, the rest of the
/// page is read as owned rows, then loaded together and visited after. On PostgreSQL
/// the chat, the senders and the page are one round trip
/// ([`store::messaging::messages::each_part_of_page`]).
pub fn stream_history(
    c: &Conn,
    me_id: i64,
    chat_id: i64,
    q: PageQuery,
    mut visit: impl FnMut(&MessageParts<'_>),
) -> Result<i64> {
    let mut page = PageParts {
        me_id,
        chat: None,
        member: false,
        users: Users::new(c),
        markers: Vec::new(),
        read_by: Vec::new(),
    };
    let mut rest: Vec<Message> = Vec::new();
    store::messaging::messages::each_part_of_page(c, chat_id, &q, |part| match part {
        PagePart::Chat {
            message_count,
            marker,
        } => {
            page.chat = Some(message_count);
            page.markers.extend(marker);
            Ok(())
        }
        PagePart::Sender(user) => {
            page.check_member()?;
            page.users.know(&user);
            Ok(())
        }
        PagePart::Message(m) => {
            page.check_member()?;
            if !rest.is_empty() || m.file_count > 0 || m.reaction_count > 0 {
                rest.push(m.to_owned());
                return Ok(());
            }
            page.visit(&m, &[], &[], &mut visit)
        }
    })?;
    let message_count = page.check_member()?;
    if !rest.is_empty() {
        let reactions = views::reactions_of(c, &rest)?;
        let attachments = views::attachments_of(c, &rest)?;
        for ((m, reactions), attachments) in rest.iter().zip(&reactions).zip(&attachments) {
            page.visit(&m.as_ref(), reactions, attachments, &mut visit)?;
        }
    }
    match &q.search {
        Some(search) => Ok(store::messaging::messages::count_matching(
            c, chat_id, search,
        )?),
        None if q.channel_only => Ok(store::messaging::messages::count_in_channel(c, chat_id)?),
        None => Ok(message_count),
    }
}

/// What [`stream_history`] adds to each row: its sender and its readers.
struct PageParts<'c> {
    me_id: i64,
    /// The chat's live message count, once its row is read.
    chat: Option<i64>,
    /// Whether the caller was found among the members.
    member: bool,
    users: Users<'c>,
    /// `(user_id, last_read_message_id)` of each member.
    markers: Vec<(i64, i64)>,
    read_by: Vec<i64>,
}

impl PageParts<'_> {
    /// The chat's message count if the caller is one of its members (read before any
    /// sender or message), else the chat is not found.
    fn check_member(&mut self) -> Result<i64> {
        let Some(message_count) = self.chat else {
            return Err(Error::NotFound(Missing::Chat));
        };
        if !self.member {
            if !self
                .markers
                .iter()
                .any(|(user_id, _)| *user_id == self.me_id)
            {
                return Err(Error::NotFound(Missing::Chat));
            }
            self.member = true;
        }
        Ok(message_count)
    }

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
            receiver: None,
            content: m.content,
            created_at: m.created_at,
            edited_at: m.edited_at,
            reactions,
            read_by: &self.read_by,
            attachments,
            threading: m.threading,
            removed: m.removed,
            previews: m.previews,
            sealed: m.sealed.is_some(),
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
