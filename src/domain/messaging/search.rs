//! Message search: the text rule (1..=1,000 characters), one search across
//! every chat the caller is in now with its operators resolved (who `from:` names, which
//! chat `in:` points at, when a day starts in the searcher's zone; the syntax is
//! `search_syntax`), and the ids matching in one chat for the surfaces'
//! `?search=` filters. The index and the query quoting are `store::messaging::search`.

use crate::domain::error::{Error, Problem, Result};
use crate::domain::messaging::chats;
use crate::domain::messaging::search_syntax::{self, Has, Parsed, Place, SyntaxError};
use crate::domain::messaging::views::{self, ViewBuilder};
use crate::model::ChatState;
use crate::model::{MessageView, ReactionView};
use crate::state::App;
use crate::store::messaging::search::{Found, SearchQuery, Span, Unsearchable};
use crate::store::messaging::search_filters::Filters;
use crate::store::{self, people::users::User, Conn};
use jiff::tz::TimeZone;
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

/// A search as natter's own API takes it: the words for the index and the operators
/// read from the text ([`asked`]), with the zone its days are in.
pub struct Asked {
    /// The plain words and the phrases' words, for the index; None when there are none.
    words: Option<SearchQuery>,
    parsed: Parsed,
    zone: TimeZone,
}

/// The time zone named `name` (an IANA name, `Europe/Berlin`), from the system's zoneinfo.
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok()
}

/// Why a search's text is refused.
pub enum Refused {
    /// The text itself (blank, too long, too many words), as [`query`] refuses it.
    Text(Error),
    /// An operator written wrong.
    Syntax(SyntaxError),
}

/// The search `text` asks for, its days in `zone`: operators read, words checked as
/// [`query`] checks them. A text with nothing to look for (only punctuation) finds
/// nothing, as before operators; excluded words or phrases alone find every message
/// without them.
pub fn asked(
    field: &'static str,
    text: &str,
    zone: TimeZone,
) -> std::result::Result<Option<Asked>, Refused> {
    if text.trim().is_empty() || text.chars().count() > MAX_QUERY_CHARS {
        return Err(Refused::Text(
            query(field, text)
                .err()
                .unwrap_or(Error::field(field, Problem::Blank)),
        ));
    }
    let parsed = search_syntax::parse(text).map_err(Refused::Syntax)?;
    if !parsed.asks_for_something() {
        return Ok(None);
    }
    let mut for_index = parsed.words.clone();
    for phrase in &parsed.phrases {
        for_index.push(' ');
        for_index.push_str(phrase);
    }
    let words = match SearchQuery::from_text(&for_index) {
        Ok(q) => Some(q),
        Err(Unsearchable::Empty) => None,
        Err(Unsearchable::TooManyTerms) => {
            return Err(Refused::Text(Error::field(
                field,
                Problem::TooManyWords {
                    max: store::messaging::search::MAX_TERMS,
                },
            )))
        }
    };
    Ok(Some(Asked {
        words,
        parsed,
        zone,
    }))
}

/// Live messages matching `asked` in the chats `me` is in now (or in `chat_id` only, if
/// `me` is in it), ids below `before`, newest first, at most `limit`. A name or a place
/// an operator gives that is no one, or no chat of `me`'s, finds nothing.
pub async fn across_my_chats(
    app: &App,
    me: &User,
    asked: Option<Asked>,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Hit>> {
    let Some(asked) = asked else {
        return Ok(Vec::new());
    };
    let me = me.id;
    app.db
        .read(move |c| {
            c.in_one_snapshot(|c| {
                let Some((filters, chat_id)) = resolve(c, me, &asked, chat_id)? else {
                    return Ok(Vec::new());
                };
                let found = store::messaging::search::in_my_chats(
                    c,
                    me,
                    asked.words.as_ref(),
                    &filters,
                    chat_id,
                    before,
                    limit,
                )?;
                hits(c, found)
            })
        })
        .await
}

/// The operators of `asked` as the store's filters and the one chat to search (the API's
/// `chat_id` and `in:` together), or None when they can match nothing.
fn resolve(
    c: &Conn,
    me: i64,
    asked: &Asked,
    chat_id: Option<i64>,
) -> Result<Option<(Filters, Option<i64>)>> {
    let p = &asked.parsed;
    let sender = match &p.from {
        Some(name) => match store::people::users::by_username(c, name)? {
            Some(user) => Some(user.id),
            None => return Ok(None),
        },
        None => None,
    };
    let place = match &p.place {
        None => None,
        Some(Place::Room(name)) => {
            match store::messaging::search_filters::my_chat_named(c, me, name)? {
                Some(id) => Some(id),
                None => return Ok(None),
            }
        }
        Some(Place::Person(name)) => {
            let Some(other) = store::people::users::by_username(c, name)? else {
                return Ok(None);
            };
            let pair = (me.min(other.id), me.max(other.id));
            match store::messaging::chats::direct_between(c, pair.0, pair.1)? {
                Some(chat) => Some(chat.id),
                None => return Ok(None),
            }
        }
    };
    let chat_id = match (chat_id, place) {
        (Some(a), Some(b)) if a != b => return Ok(None),
        (a, b) => a.or(b),
    };
    let start_of = |day: jiff::civil::Date| -> Result<String> {
        let zoned = day
            .to_zoned(asked.zone.clone())
            .map_err(|e| Error::Internal(format!("a day in a zone: {e}")))?;
        let secs = zoned.timestamp().as_second();
        let utc = chrono::DateTime::<chrono::Utc>::from_timestamp(secs, 0)
            .ok_or_else(|| Error::Internal("a day out of range".into()))?;
        Ok(utc.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
    };
    let mut excluded_words = Vec::new();
    let mut excluded_phrases = Vec::new();
    for ex in &p.excluded {
        if ex.split_whitespace().count() > 1 {
            excluded_phrases.push(ex.clone());
        } else if let Ok(q) = SearchQuery::from_text(ex) {
            excluded_words.push(q.excluded());
        }
    }
    let filters = Filters {
        sender,
        files: p.has.contains(&Has::File),
        images: p.has.contains(&Has::Image),
        links: p.has.contains(&Has::Link),
        reactions: p.has.contains(&Has::Reaction),
        pins: p.has.contains(&Has::Pin),
        thread: p.in_thread,
        saved_by: p.saved.then_some(me),
        since: p.from_day.map(start_of).transpose()?,
        until: p.until_day.map(start_of).transpose()?,
        phrases: p.phrases.clone(),
        excluded_words,
        excluded_phrases,
    };
    Ok(Some((filters, chat_id)))
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
