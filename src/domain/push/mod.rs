//! Web Push: who is pushed what, and the sending loop. A message
//! notes its chat in `push_chats` in its own write (only when some other member has a
//! subscription); [`plan`] turns a chat's waiting messages into one push per person,
//! [`COLLAPSE`] after the first, by their notification level and mentions, skipping
//! anyone with a socket showing the chat; [`worker`] sends the queued pushes. Every push
//! is a row of `push_outbox` until its push service took it, so a restart neither loses
//! one nor, having sent it, sends it again (but for a crash in the instant between the
//! service's answer and the row's deletion; the `Topic` header then makes the second
//! replace the first at the push service, and the notification's tag on the device).

pub mod plan;
pub mod presence;
pub mod worker;

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::state::App;
use crate::store::{self, push::Subscription, Tx};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// A message's pushes wait this long after the chat's first unpushed message, so a
/// burst of lines becomes one push per person (and a quick reply in an open tab, which
/// marks the person as reading, none).
pub const COLLAPSE: Duration = Duration::from_millis(1500);

/// At most this many subscriptions per person (browsers, phones); the oldest goes.
pub const MAX_SUBSCRIPTIONS: usize = 20;

/// Whether some subscription may exist in the database: while none does, a message's
/// write skips the push statement, which cost 5 % of `natter-bench send` (REST 16,180 ->
/// 15,314 msg/s, medians of 4; docs/benchmarks.md). Set on subscribing, and read again
/// from the database on every round of the push worker ([`worker::TICK`]), so a first
/// subscription made on another node is seen here within that. Process-wide: one
/// server per process (tests that build several apps in one process only ever set it).
static MAY_HAVE_SUBSCRIPTIONS: AtomicBool = AtomicBool::new(true);

/// Moves on whenever a subscription is stored on this node, so a worker round that read
/// "none" before that subscription committed does not store its stale answer.
static SUBSCRIBED: AtomicU64 = AtomicU64::new(0);

/// The round's mark, taken before it asks the database whether any subscription exists.
pub(crate) fn subscriptions_mark() -> u64 {
    SUBSCRIBED.load(Ordering::SeqCst)
}

/// Notes what the database said (`any`) when asked after `mark`: a "none" is kept only
/// if no subscription was stored here since.
pub(crate) fn note_subscriptions_exist(any: bool, mark: u64) {
    if any || SUBSCRIBED.load(Ordering::SeqCst) == mark {
        MAY_HAVE_SUBSCRIPTIONS.store(any, Ordering::SeqCst);
    }
}

/// Notes in the message's own write that `message_id` may owe pushes.
pub fn note_message(c: &Tx, chat_id: i64, message_id: i64, sender: i64) -> Result<()> {
    if !MAY_HAVE_SUBSCRIPTIONS.load(Ordering::Relaxed) {
        return Ok(());
    }
    let due = crate::kit::clock::now_ms() + COLLAPSE.as_millis() as i64;
    Ok(store::push::note_message(
        c, chat_id, message_id, sender, due,
    )?)
}

/// Stores a browser's subscription as `me`'s, after checking that natter may push to it;
/// `made_with` is the stored hash of the session or key it came with, whose end ends it.
pub async fn subscribe(
    app: &App,
    me: i64,
    endpoint: String,
    p256dh: String,
    auth: String,
    made_with: Option<Vec<u8>>,
) -> Result<Subscription> {
    let endpoint = endpoint.trim().to_string();
    app.push
        .check_endpoint(&endpoint)
        .map_err(|why| Error::field("endpoint", Problem::Worded(why)))?;
    crate::push::check_keys(&p256dh, &auth)
        .map_err(|(field, why)| Error::field(field, Problem::Worded(why)))?;
    MAY_HAVE_SUBSCRIPTIONS.store(true, Ordering::SeqCst);
    let stored = app
        .db
        .write(move |c| {
            let row = store::push::subscribe(
                c,
                &store::push::NewSubscription {
                    user_id: me,
                    endpoint: &endpoint,
                    p256dh: p256dh.trim(),
                    auth: auth.trim(),
                    made_with: made_with.clone(),
                },
                &store::now(),
            )?;
            let mine = store::push::of_user(c, me)?;
            for old in mine
                .iter()
                .take(mine.len().saturating_sub(MAX_SUBSCRIPTIONS))
            {
                store::push::unsubscribe(c, me, old.id)?;
            }
            Ok(row)
        })
        .await;
    // After the commit: a round that read "none" before it keeps its answer to itself.
    SUBSCRIBED.fetch_add(1, Ordering::SeqCst);
    MAY_HAVE_SUBSCRIPTIONS.store(true, Ordering::SeqCst);
    stored
}

/// `me`'s subscriptions, oldest first.
pub async fn subscriptions(app: &App, me: i64) -> Result<Vec<Subscription>> {
    Ok(app.db.read(move |c| store::push::of_user(c, me)).await?)
}

/// Removes `me`'s subscription `id`; another's, or none, is not found.
pub async fn unsubscribe(app: &App, me: i64, id: i64) -> Result<()> {
    app.db
        .write(move |c| match store::push::unsubscribe(c, me, id)? {
            true => Ok(()),
            false => Err(Error::NotFound(Missing::PushSubscription)),
        })
        .await
}
