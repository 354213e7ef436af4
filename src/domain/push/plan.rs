//! Turning a chat's waiting messages into pushes: one per person (per subscription of
//! theirs) who should hear of them by their level (`all`: any message of others;
//! `mentions`: those naming them; `off`: none) and who has no socket showing the chat,
//! on this node or another, and who is not in their quiet hours or a pause. Runs in one write job per chat, which takes the chat's row
//! of `push_chats`; nothing here talks to a push service.

use crate::domain::error::Result;
use crate::domain::messaging::notify_levels;
use crate::domain::messaging::presence;
use crate::state::App;
use crate::store::push::{PushedMessage, Queued, Recipient};
use crate::store::{self, ChatKind, Tx};
use std::collections::{HashMap, HashSet};

/// A push's text is cut to this many characters.
pub const BODY_CHARS: usize = 300;

/// How many due chats one round plans.
const CHATS_PER_ROUND: i64 = 64;

/// Plans every chat whose pushes are due; how many pushes were queued.
pub async fn due(app: &App) -> Result<usize> {
    let now = crate::kit::clock::now_ms();
    let chats = app
        .db
        .read(move |c| store::push::due_chats(c, now, CHATS_PER_ROUND))
        .await?;
    let mut queued = 0;
    for chat_id in chats {
        let app2 = app.clone();
        queued += app.db.write(move |c| chat(c, &app2, chat_id, now)).await?;
    }
    Ok(queued)
}

fn chat(c: &Tx, app: &App, chat_id: i64, now: i64) -> Result<usize> {
    let Some((first, last)) = store::push::take_due_chat(c, chat_id, now)? else {
        return Ok(0);
    };
    let Some(chat) = store::messaging::chats::by_id(c, chat_id)? else {
        return Ok(0);
    };
    let messages = store::push::messages_between(c, chat_id, first, last)?;
    let recipients = store::push::recipients(c, chat_id)?;
    if messages.is_empty() || recipients.is_empty() {
        return Ok(0);
    }
    let default = notify_levels::default_for(chat.kind, store::push::member_count(c, chat_id)?);
    let mut mentioned: HashSet<(i64, i64)> = HashSet::new();
    mentioned.extend(store::push::mentions_between(c, chat_id, first, last)?);
    let following: HashSet<(i64, i64)> = match messages.iter().any(|m| m.thread_only.is_some()) {
        true => store::push::thread_followers_between(c, chat_id, first, last)?
            .into_iter()
            .collect(),
        false => HashSet::new(),
    };
    let heard = Heard {
        mentioned: &mentioned,
        following: &following,
    };
    let mut users: Vec<i64> = recipients.iter().map(|r| r.user_id).collect();
    users.dedup();
    let watching = presence::watching(c, app, chat_id, &users)?;
    // Quiet hours and pauses: no push now (the messages still count as unread).
    let quiet = crate::domain::status::quiet_among(c, &users, now)?;
    // An untitled group is named after its members (`chats::shown_title`).
    let shown = crate::domain::messaging::chats::shown_title_on(c, &chat)?;
    let chat_name = if !shown.is_empty() {
        shown
    } else {
        chat.name.clone().unwrap_or_else(|| "a chat".into())
    };
    let mut owed: HashMap<i64, Option<Queued>> = HashMap::new();
    let mut queued = 0;
    for r in &recipients {
        let push = owed.entry(r.user_id).or_insert_with(|| {
            if watching.contains(&r.user_id) || quiet.contains(&r.user_id) {
                return None;
            }
            what_to_push(r, default, &messages, &heard).map(|(newest, count)| Queued {
                subscription_id: 0,
                chat_id,
                reminder_of: 0,
                message_id: newest.id,
                count,
                title: match chat.kind {
                    ChatKind::Direct => newest.sender_name.clone(),
                    _ => format!("{} in {chat_name}", newest.sender_name),
                },
                body: body_of(crate::domain::messaging::replies::own_text(&newest.content)),
            })
        });
        if let Some(push) = push {
            let push = Queued {
                subscription_id: r.subscription_id,
                ..push.clone()
            };
            store::push::enqueue(c, &push, now)?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// Who hears of what beyond their level: `(user, message)` mentions and `(user, root)`
/// thread follows.
struct Heard<'a> {
    mentioned: &'a HashSet<(i64, i64)>,
    following: &'a HashSet<(i64, i64)>,
}

/// The newest message `r` should hear of, and how many there are. At level `all`, a
/// reply kept in its thread counts only for the thread's followers (the channel's
/// readers did not ask for every side discussion); a mention counts at `all` and
/// `mentions`.
fn what_to_push<'m>(
    r: &Recipient,
    default: &str,
    messages: &'m [PushedMessage],
    heard: &Heard<'_>,
) -> Option<(&'m PushedMessage, i64)> {
    let level = r.level.as_deref().unwrap_or(default);
    let mut newest = None;
    let mut count = 0;
    for m in messages {
        let others = m.sender_id != Some(r.user_id);
        let mentioned = heard.mentioned.contains(&(r.user_id, m.id));
        let wanted = match level {
            "all" => match m.thread_only {
                Some(root) => mentioned || heard.following.contains(&(r.user_id, root)),
                None => true,
            },
            "mentions" => mentioned,
            _ => false,
        };
        if others && wanted {
            newest = Some(m);
            count += 1;
        }
    }
    newest.map(|m| (m, count))
}

/// A message's text as a push shows it: at most [`BODY_CHARS`] characters.
fn body_of(content: &str) -> String {
    let content = content.trim();
    if content.is_empty() {
        return "sent a file".into();
    }
    match content.char_indices().nth(BODY_CHARS) {
        Some((cut, _)) => format!("{}…", &content[..cut]),
        None => content.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::body_of;

    #[test]
    fn a_long_text_is_cut_on_a_character() {
        assert_eq!(body_of("  hi "), "hi");
        assert_eq!(body_of(""), "sent a file");
        let long = "é".repeat(400);
        let cut = body_of(&long);
        assert_eq!(cut.chars().count(), 301);
        assert!(cut.ends_with('…'));
    }
}
