//! Message search: the text rule (1..=1,000 characters), one search across
//! every chat the caller is in now, and the ids matching in one chat for the surfaces'
//! `?search=` filters. The index and the query quoting are `store::messaging::search`.

use crate::domain::error::{Error, Problem, Result};
use crate::domain::messaging::chats;
use crate::domain::messaging::views::{self, ViewBuilder};
use crate::model::ChatState;
use crate::model::{MessageView, ReactionView};
use crate::state::App;
use crate::store::messaging::search::{Found, SearchQuery, Span, Unsearchable};
use crate::store::{self, people::users::User, Conn};
use std::collections::HashMap;
use std::sync::Arc;

/// Longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// The search query for `text` read from `field`: blank, too long or of more than
/// `store::messaging::search::MAX_TERMS` distinct words is a 400 on it; text with nothing
/// searchable (only punctuation) is `None`, which matches nothing.
pub fn query(field: &'static str, text: &str) -> Result<Option<SearchQuery>> {
    if text.trim().is_empty() {
        return Err(Error::field(field, Problem::Blank));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::field(
            field,
            Problem::TooLong {
                max: MAX_QUERY_CHARS,
            },
        ));
    }
    match SearchQuery::from_text(text) {
        Ok(query) => Ok(Some(query)),
        Err(Unsearchable::Empty) => Ok(None),
        Err(Unsearchable::TooManyTerms) => Err(Error::field(
            field,
            Problem::TooManyWords {
                max: store::messaging::search::MAX_TERMS,
            },
        )),
    }
}

/// The filter a message list's `?search=TEXT` asks for, as DRF's `SearchFilter` reads it:
/// absent or blank lists everything (`None`); text over 1,000 characters is a 400 on
/// `search`; text with nothing searchable in it matches nothing.
pub fn list_filter(text: Option<&str>) -> Result<Option<SearchQuery>> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(None);
    };
    Ok(Some(
        query("search", text)?.unwrap_or_else(SearchQuery::nothing),
    ))
}

/// One search result: the message, its chat as the caller sees it, its reactions and
/// readers, and the text around the match.
pub struct Hit {
    pub message: MessageView,
    pub chat: Arc<ChatState>,
    pub reactions: Vec<ReactionView>,
    /// Members whose read marker has reached the message.
    pub read_by: Vec<i64>,
    /// The text around the match, cut into spans, matched words marked.
    pub snippet: Vec<Span>,
}

/// Live messages matching `query` in the chats `me` is in now (or in `chat_id` only, if
/// `me` is in it), ids below `before`, newest first, at most `limit`.
pub async fn across_my_chats(
    app: &App,
    me: &User,
    query: Option<SearchQuery>,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Hit>> {
    let Some(query) = query else {
        return Ok(Vec::new());
    };
    let me = me.id;
    app.db
        .read(move |c| {
            c.in_one_snapshot(|c| {
                let found =
                    store::messaging::search::in_my_chats(c, me, &query, chat_id, before, limit)?;
                hits(c, found)
            })
        })
        .await
}

/// Views of what the index found: each chat's state and view builder (with its cache of
/// senders) made once, and the reactions of the page read in one query, for the messages
/// that have some. A page of 20 hits read 60 statements one message at a time, most of a
/// search's 2.5 ms once the index answered in a fraction of one (docs/benchmarks.md,
/// "Decisions that rest on a figure").
fn hits<'c>(c: &'c Conn<'c>, found: Vec<Found>) -> Result<Vec<Hit>> {
    let (messages, snippets): (Vec<_>, Vec<_>) = found
        .into_iter()
        .map(|Found { message, snippet }| (message, snippet))
        .unzip();
    let reactions = views::reactions_of(c, &messages)?;
    type Known<'c> = (Arc<ChatState>, ViewBuilder<'c>, Vec<(i64, i64)>);
    let mut chats: HashMap<i64, Known<'c>> = HashMap::new();
    let mut out = Vec::with_capacity(messages.len());
    for ((message, snippet), reactions) in messages.into_iter().zip(snippets).zip(reactions) {
        let (state, builder, receipts) = match chats.entry(message.chat_id) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => {
                let chat = store::messaging::chats::by_id(c, message.chat_id)?
                    .ok_or(Error::Internal("a found message's chat is gone".into()))?;
                let state = Arc::new(chats::state_without_last_message(c, chat)?);
                let builder = ViewBuilder::new(c, state.chat.clone())?;
                let receipts = store::messaging::chats::receipt_marks(c, message.chat_id)?;
                new.insert((state, builder, receipts))
            }
        };
        let read_by = receipts
            .iter()
            .filter(|(_, mark)| *mark >= message.id)
            .map(|(user, _)| *user)
            .collect();
        out.push(Hit {
            message: builder.view(message)?,
            chat: state.clone(),
            reactions,
            read_by,
            snippet,
        });
    }
    Ok(out)
}
