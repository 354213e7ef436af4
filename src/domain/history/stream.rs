//! The chats surface's history page, written while SQLite reads its rows: the one fast
//! path around the owned views of [`super::history_of`], fenced here.
//!
//! Why it exists: a page of history is natter's hottest read, and building an owned row
//! and an owned [`crate::domain::views::MessageView`] per message, then freeing them,
//! showed as about a sixth of a page's samples in perf. Visiting each row borrowed
//! ([`store::messages::MessageRef`], lent to the renderer as a [`MessageParts`]) took a
//! page from 406,458 to 378,923 user-space instructions (0.93x; callgrind,
//! `bench/scripts/history-instructions.sh`, docs/benchmarks.md, ninth session).
//!
//! What pins it: `api::history_pin::streamed_page_is_byte_equal_to_the_owned_path`
//! renders pages of a chat with plain messages, edits, reactions, attachments and read
//! markers both ways (this module; [`super::history_of`] with each view's reactions and
//! readers) and requires the same bytes. `api::chats_render`'s
//! `write_json_matches_serde_json_for_awkward_messages` holds the hand-written JSON to
//! serde, and `tests/api/chats.rs`'s
//! `history_shows_attachments_and_reactions_on_their_messages_also_after_an_upgrade`
//! covers the switch to owned rows mid-page through the real binary.
//!
//! Keep it free of per-message allocations: the sender comes from a per-page cache,
//! the readers are refilled into one buffer.

use crate::domain::error::{Error, Missing, Result};
use crate::domain::views::{self, MessageParts, ReactionView, Users};
use crate::store::Conn;
use crate::store::{
    self,
    files::FileMeta,
    messages::{Message, MessageRef, PageQuery},
};

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
    match &q.search {
        Some(search) => Ok(store::messages::count_matching(c, chat_id, search)?),
        None => Ok(chat.message_count),
    }
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
            receiver: None,
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
