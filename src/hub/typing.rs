//! Who is typing in which chat now, as this node heard it from the events it delivered
//! (its own and other nodes'). natter never stores typing; natter's sockets are told each
//! change as it happens, but a Matrix app asks between long polls and on its first sync,
//! so it is told what changed after a stamp its since token carries.
//!
//! Stamps are this node's clock in milliseconds, kept strictly increasing, so that a
//! token from another node (or from before a restart) still means "changes after then";
//! nodes whose clocks differ by more than a change's delay may miss that change, and the
//! next change or its expiry tells it again.

use crate::hub::published::Published;
use crate::model::views::UserBrief;
use crate::model::Event;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a typer stays typing without saying so again: Matrix apps ask for 30 s and
/// say it again while they type; natter's client says when it stops.
pub const TYPING_LASTS: Duration = Duration::from_secs(30);
/// How long a chat where nobody types is remembered: an app whose since token is older
/// than this is not told that the typing it last saw ended.
const FORGET_AFTER: Duration = Duration::from_secs(600);

/// The chats where someone typed lately.
#[derive(Default)]
pub struct TypingNow {
    inner: Mutex<Table>,
    /// How many chats have someone typing: a sent message only looks when one does.
    chats_typing: AtomicUsize,
}

#[derive(Default)]
struct Table {
    /// The newest stamp given.
    last: u64,
    chats: HashMap<i64, ChatTyping>,
}

struct ChatTyping {
    /// When its typers last changed (a stamp).
    changed: u64,
    /// When that was, for forgetting it.
    changed_at: Instant,
    /// Who may be told: the chat's members when its last typing event was published.
    audience: Arc<[i64]>,
    /// Who types, until when.
    typers: Vec<(UserBrief, Instant)>,
}

/// What a sync is told of typing: per chat the people typing there now (none: it
/// stopped), the stamp to ask after next time, and when the soonest typer runs out.
pub struct TypingSeen {
    pub chats: Vec<(i64, Vec<UserBrief>)>,
    pub stamp: u64,
    pub next_expiry: Option<Instant>,
}

impl Table {
    /// A new stamp, after every one given and not before now.
    fn stamp(&mut self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        self.last = now.max(self.last + 1);
        self.last
    }
}

impl TypingNow {
    fn lock(&self) -> MutexGuard<'_, Table> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes a delivered event: a typing change, or a message whose sender so stopped.
    pub fn note(&self, event: &Published) {
        let (user, typing) = match &event.event {
            Event::Typing { user, is_typing } => (user.id, is_typing.then_some(user)),
            Event::MessageCreated(m) if self.chats_typing.load(Ordering::Relaxed) > 0 => {
                match &m.sender {
                    Some(sender) => (sender.id, None),
                    None => return,
                }
            }
            _ => return,
        };
        let now = Instant::now();
        let mut table = self.lock();
        let was_typing = table
            .chats
            .get(&event.chat_id)
            .is_some_and(|c| !c.typers.is_empty());
        if typing.is_none() && !was_typing {
            return;
        }
        let stamp = table.stamp();
        let chat = table
            .chats
            .entry(event.chat_id)
            .or_insert_with(|| ChatTyping {
                changed: stamp,
                changed_at: now,
                audience: event.audience.clone(),
                typers: Vec::new(),
            });
        let before = chat.typers.len();
        chat.typers.retain(|(u, _)| u.id != user);
        if chat.typers.len() == before && typing.is_none() {
            return;
        }
        if let Some(u) = typing {
            chat.typers.push((u.clone(), now + TYPING_LASTS));
        }
        chat.changed = stamp;
        chat.changed_at = now;
        if matches!(event.event, Event::Typing { .. }) {
            chat.audience = event.audience.clone();
        }
        let typing_now = chat.typers.len();
        match (was_typing, typing_now > 0) {
            (false, true) => self.chats_typing.fetch_add(1, Ordering::Relaxed),
            (true, false) => self.chats_typing.fetch_sub(1, Ordering::Relaxed),
            _ => 0,
        };
        table
            .chats
            .retain(|_, c| !c.typers.is_empty() || now - c.changed_at < FORGET_AFTER);
    }

    /// What `me` is told: with `after`, the chats of theirs whose typers changed since
    /// that stamp; without, every chat of theirs where someone types. Their own typing is
    /// left out, as natter's sockets leave it out.
    pub fn seen(&self, me: i64, after: Option<u64>) -> TypingSeen {
        let now = Instant::now();
        let mut table = self.lock();
        let mut ended = 0;
        let mut expired_chats = Vec::new();
        for (id, chat) in table.chats.iter_mut() {
            let before = chat.typers.len();
            chat.typers.retain(|(_, until)| *until > now);
            if chat.typers.len() < before {
                expired_chats.push(*id);
                ended += usize::from(chat.typers.is_empty());
            }
        }
        if ended > 0 {
            self.chats_typing.fetch_sub(ended, Ordering::Relaxed);
        }
        if !expired_chats.is_empty() {
            let stamp = table.stamp();
            for id in expired_chats {
                if let Some(chat) = table.chats.get_mut(&id) {
                    chat.changed = stamp;
                    chat.changed_at = now;
                }
            }
        }
        let mut chats = Vec::new();
        let mut next_expiry: Option<Instant> = None;
        for (id, chat) in &table.chats {
            if !chat.audience.contains(&me) {
                continue;
            }
            let others: Vec<&(UserBrief, Instant)> =
                chat.typers.iter().filter(|(u, _)| u.id != me).collect();
            for (_, until) in &others {
                next_expiry = Some(next_expiry.map_or(*until, |n| n.min(*until)));
            }
            let told = match after {
                Some(after) => chat.changed > after,
                None => !others.is_empty(),
            };
            if told {
                chats.push((*id, others.into_iter().map(|(u, _)| u.clone()).collect()));
            }
        }
        chats.sort_by_key(|(id, _)| *id);
        let stamp = table.stamp();
        TypingSeen {
            chats,
            stamp,
            next_expiry,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(id: i64) -> UserBrief {
        UserBrief {
            id,
            username: format!("u{id}"),
            email: String::new(),
            display_name: format!("u{id}"),
            image: String::new(),
            is_active: true,
        }
    }

    fn typing(chat: i64, user: i64, on: bool) -> Arc<Published> {
        Published::new(
            chat,
            Arc::from([1i64, 2, 3]),
            Event::Typing {
                user: brief(user),
                is_typing: on,
            },
        )
    }

    #[test]
    fn a_sync_is_told_who_types_now_and_what_changed_after_its_stamp() {
        let now = TypingNow::default();
        now.note(&typing(7, 2, true));
        let first = now.seen(1, None);
        assert_eq!(first.chats.len(), 1);
        assert_eq!(first.chats[0].0, 7);
        assert_eq!(first.chats[0].1[0].id, 2);
        assert!(first.next_expiry.is_some());
        // The typer's own sync is not told of themselves; an outsider is told nothing.
        assert!(now.seen(2, None).chats.is_empty());
        assert!(now.seen(9, None).chats.is_empty());
        // Nothing changed after the stamp.
        assert!(now.seen(1, Some(first.stamp)).chats.is_empty());
        now.note(&typing(7, 2, false));
        let later = now.seen(1, Some(first.stamp));
        assert_eq!(later.chats.len(), 1);
        assert!(later.chats[0].1.is_empty(), "told that nobody types");
        assert!(now.seen(1, Some(later.stamp)).chats.is_empty());
    }
}
