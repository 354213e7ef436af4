//! Leaving a chat's call, and who is told: by the person's own hand or their last socket
//! closing (`domain::calls::leave`), or because they lost the chat (taken out of it,
//! left it, or the chat deleted or removed: [`lost_chat`]). A person who loses a chat
//! may keep a socket open on natter's own `/messages/ws/`, which follows all their
//! chats and is not closed by the removal, so the registry itself lets them go.
//!
//! Apart from `domain::calls` because the rules that take people out of chats
//! (`domain::messaging::chats`, `moderation`, `admin`, `bots`) call it, and `domain::calls` names
//! `domain::messaging::chats`.

use crate::domain::error::Error;
use crate::model::events::CallParticipant;
use crate::state::calls::announce::{publish_left, publish_state};
use crate::state::App;
use crate::store;

/// `user_id` has left the chat's call, which now has `participants`: the record notes
/// when (and ends with its last person), the call state goes to the chat's members, then
/// `user_left` to them and to `also` (people who have just lost the chat, whose own
/// clients must end their part of the call).
pub(crate) async fn announce(
    app: &App,
    chat_id: i64,
    user_id: i64,
    participants: Vec<CallParticipant>,
    also: &[i64],
) -> Result<(), Error> {
    let ended = participants.is_empty();
    let app2 = app.clone();
    let members = app
        .db
        .write(move |tx| {
            let now = store::clock::now();
            store::calls::left(tx, chat_id, user_id, &now)?;
            if ended {
                store::calls::end(tx, chat_id, &now)?;
            }
            // Their status loses "in a call" as the record says they left.
            crate::domain::status::tell(tx, &app2, user_id)?;
            Ok::<_, Error>(store::messaging::chats::member_ids(tx, chat_id)?)
        })
        .await?;
    let mut told = members.clone();
    told.extend(also.iter().filter(|id| !members.contains(id)));
    publish_state(&app.hub, chat_id, members, participants);
    publish_left(&app.hub, chat_id, told, user_id);
    dismiss_from_sfu(app, chat_id, user_id, ended).await;
    Ok(())
}

/// With `--sfu`: `user_id`, no longer in the chat's call, is taken out of its SFU room
/// (their room token withdrawn, they are kicked), and the room destroyed when the call
/// has `ended`. A failure is logged: the SFU's own session timeout ends a browser's
/// session that natter no longer serves, and the room goes when the call's next
/// dismissal reaches the SFU.
pub(crate) async fn dismiss_from_sfu(app: &App, chat_id: i64, user_id: i64, ended: bool) {
    let Some(sfu) = &app.sfu else {
        return;
    };
    if let Err(e) = sfu.dismiss(chat_id, user_id, ended).await {
        tracing::warn!("chat {chat_id}: user {user_id} not taken out of the SFU room: {e}");
    }
}

/// `user_ids` lost the chat (its removal has committed): those in its call leave it at
/// once, through every socket on every node, and are announced gone as a leave is. Their
/// signals are refused from then on by the membership check of `domain::calls::relay`,
/// which also covers the moment before this runs. A failure is logged, not returned: the
/// removal itself has happened, and the caller's answer says so.
pub async fn lost_chat(app: &App, chat_id: i64, user_ids: &[i64]) {
    // One read of who is in the call, rather than a write per person: a deleted room
    // may have had thousands of members and nobody in its call.
    let in_call = match app.calls.participants(chat_id).await {
        Ok(in_call) => in_call,
        Err(e) => {
            tracing::warn!("chat {chat_id}: the call of people who lost the chat not read: {e}");
            return;
        }
    };
    for user_id in user_ids {
        if !in_call.iter().any(|p| p.user_id == *user_id) {
            continue;
        }
        let left = async {
            let Some(participants) = app.calls.remove_user(chat_id, *user_id).await? else {
                return Ok(());
            };
            announce(app, chat_id, *user_id, participants, user_ids).await
        };
        if let Err(e) = left.await {
            tracing::warn!("chat {chat_id}: user {user_id} lost the chat but not its call: {e}");
        }
    }
}
