//! Web Push: who is pushed what, and the sending loop. A message
//! notes its chat in `push_chats` in its own write (only when some other member has a
//! subscription); [`plan`] turns a chat's waiting messages into one push per person,
//! [`owed_pushes::COLLAPSE`] after the first, by their notification level and mentions, skipping
//! anyone with a socket showing the chat; [`worker`] sends the queued pushes. Every push
//! is a row of `push_outbox` until its push service took it, so a restart neither loses
//! one nor, having sent it, sends it again (but for a crash in the instant between the
//! service's answer and the row's deletion; the `Topic` header then makes the second
//! replace the first at the push service, and the notification's tag on the device).

pub mod plan;
pub mod worker;

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::domain::messaging::messages::owed_pushes;
use crate::state::App;
use crate::store::{self, push::Subscription};

/// At most this many subscriptions per person (browsers, phones); the oldest goes.
pub const MAX_SUBSCRIPTIONS: usize = 20;

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
    owed_pushes::subscribing();
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
                    matrix_pusher: None,
                },
                &store::clock::now(),
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
    owed_pushes::subscribed();
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
