//! The record a call leaves: started by the first join (with a message from the caller,
//! "started a call", that rings the chat as any message does: unread, pushed and
//! notified under each member's notification level), answered by each join or decline
//! (joining marks that message read), ended with its last person.

use crate::domain::error::Error;
use crate::domain::messaging::chats::require_member;
use crate::domain::messaging::messages;
use crate::model::events::CallParticipant;
use crate::state::App;
use crate::store::{self, calls::CallRecord, calls::Person, people::users::User};

/// The text of the message that rings the chat when a call starts.
pub const RING_TEXT: &str = "📞 started a call";

/// How old an open record with nobody in its call must be to count as left over.
const STALE_AFTER_SECS: i64 = 10;

/// A call as natter's API shows it.
#[derive(Debug, Clone)]
pub struct CallView {
    pub record: CallRecord,
    /// Seconds from start to end, once ended.
    pub duration_seconds: Option<i64>,
    /// Who joined, in the order they first did.
    pub joined: Vec<Joined>,
    /// Who declined.
    pub declined: Vec<Person>,
    /// Who is in it now (empty once ended).
    pub participants: Vec<CallParticipant>,
}

/// One person who joined a call, and when they left it.
#[derive(Debug, Clone)]
pub struct Joined {
    pub id: i64,
    pub username: String,
    /// The display name, or the username when none is set.
    pub display_name: String,
    /// When they first joined.
    pub joined_at: String,
    /// When they last left (their own leave, their last socket closing, their node
    /// stopping, losing the chat, or the call's end); `None` while they are in it.
    pub left_at: Option<String>,
}

impl CallView {
    /// Whether anyone is in the call now.
    pub fn active(&self) -> bool {
        !self.participants.is_empty()
    }
}

/// `me` joins the chat's call: the call's record starts (and, with `ring`, its message
/// rings the chat) when `nobody_in_call`, and `me` is noted as having joined and has read the ringing
/// message. A record still open while nobody is in the call was left by a node that
/// stopped: it ends, and a new one starts.
pub async fn joined(
    app: &App,
    me: &User,
    chat_id: i64,
    nobody_in_call: bool,
    ring: bool,
) -> Result<(), Error> {
    let me_owned = me.clone();
    let app2 = app.clone();
    let (sent, ring) = app
        .db
        .write_in_chat(chat_id, move |tx| {
            let now = store::clock::now();
            if nobody_in_call {
                // Not one that started a moment ago: two people who join an empty call
                // at once both find nobody in it, and the second must join the first's.
                let before = store::clock::time_after(-STALE_AFTER_SECS);
                store::calls::end_if_started_before(tx, chat_id, &before, &now)?;
            }
            if let Some(call_id) = store::calls::start(tx, chat_id, me_owned.id, &now)? {
                store::calls::answer(tx, call_id, me_owned.id, "joined", &now)?;
                if !ring {
                    return Ok::<_, Error>((None, None));
                }
                let sent =
                    messages::send_on(tx, &app2, &me_owned, chat_id, RING_TEXT.into(), Vec::new())?;
                store::calls::set_message(tx, call_id, sent.message_id())?;
                return Ok((Some(sent), None));
            }
            let ring = match store::calls::in_progress(tx, chat_id)? {
                Some(call) => {
                    store::calls::answer(tx, call.id, me_owned.id, "joined", &now)?;
                    call.message_id
                }
                None => None,
            };
            Ok((None, ring))
        })
        .await?;
    if let Some(sent) = sent {
        sent.committed(app);
    }
    if let Some(message_id) = ring {
        messages::mark_read(app, me, chat_id, Some(message_id)).await?;
    }
    Ok(())
}

/// Notes that `user_id` declined the chat's call in progress; whether there was one.
pub async fn declined(app: &App, user_id: i64, chat_id: i64) -> Result<bool, Error> {
    app.db
        .write(move |tx| {
            let Some(call) = store::calls::in_progress(tx, chat_id)? else {
                return Ok(false);
            };
            store::calls::answer(tx, call.id, user_id, "declined", &store::clock::now())?;
            Ok(true)
        })
        .await
}

/// Seconds between two stored times.
fn seconds_between(from: &str, to: &str) -> Option<i64> {
    let from = chrono::DateTime::parse_from_rfc3339(from).ok()?;
    let to = chrono::DateTime::parse_from_rfc3339(to).ok()?;
    Some((to - from).num_seconds().max(0))
}

/// The views of these records, with their answers and who is in each now.
async fn views(app: &App, records: Vec<CallRecord>) -> Result<Vec<CallView>, Error> {
    let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
    let answers = app
        .db
        .read(move |c| Ok::<_, Error>(store::calls::answers(c, &ids)?))
        .await?;
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let participants = if record.ended_at.is_none() {
            app.calls.participants(record.chat_id).await?
        } else {
            Vec::new()
        };
        let of = |answer: &'static str| {
            answers
                .iter()
                .filter(move |a| a.call_id == record.id && a.answer == answer)
        };
        let joined = of("joined")
            .map(|a| Joined {
                id: a.user_id,
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                joined_at: a.at.clone(),
                left_at: a.left_at.clone(),
            })
            .collect();
        let declined = of("declined")
            .map(|a| Person {
                id: a.user_id,
                username: a.username.clone(),
                display_name: a.display_name.clone(),
            })
            .collect();
        let duration_seconds = record
            .ended_at
            .as_deref()
            .and_then(|end| seconds_between(&record.started_at, end));
        out.push(CallView {
            joined,
            declined,
            duration_seconds,
            participants,
            record,
        });
    }
    Ok(out)
}

/// A page of a chat's calls, newest first, for a member: the total and the page.
pub async fn history(
    app: &App,
    me: &User,
    chat_id: i64,
    limit: i64,
    offset: i64,
) -> Result<(i64, Vec<CallView>), Error> {
    let me_id = me.id;
    let (count, records) = app
        .db
        .read(move |c| {
            require_member(c, chat_id, me_id)?;
            let count = store::calls::count_for_chat(c, chat_id)?;
            let page = store::calls::page_for_chat(c, chat_id, limit, offset)?;
            Ok::<_, Error>((count, page))
        })
        .await?;
    Ok((count, views(app, records).await?))
}

/// The calls going on now in the chats `me` is a member of.
pub async fn in_progress(app: &App, me: &User) -> Result<Vec<CallView>, Error> {
    let me_id = me.id;
    let records = app
        .db
        .read(move |c| Ok::<_, Error>(store::calls::in_progress_for_member(c, me_id)?))
        .await?;
    let mut calls = views(app, records).await?;
    // A record left open by a node that stopped has nobody in it: not going on.
    calls.retain(CallView::active);
    Ok(calls)
}
