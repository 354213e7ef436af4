//! The loop that sends saved messages' reminders when they fall due, on every serving
//! node. One write job per round claims each due reminder (`store::messaging::saved::claim`
//! sets `reminded_at` only where it is unset) and, in that same transaction, queues what
//! tells the person: a `reminder` frame on their sockets, a Web Push to each of their
//! subscriptions (sent by the push loop), and a mail (sent by the mail loop) when their
//! missed-message mail is on, their address is confirmed and no tab of theirs shows the
//! chat. The claim and what it queues commit together or not at all, so a crash or a
//! second node never sends one twice; a reminder whose message the person can no longer
//! see is claimed and dropped.
//!
//! A reminder that falls due while its person is quiet (quiet hours or a pause) still
//! reaches their open tabs at once, but its push and mail are held: the saved message
//! is marked with the end of the quiet time (`domain::status::quiet_ends`), and nothing
//! with the message's text is written yet. When that time comes, a later round takes the
//! mark (`store::messaging::saved::release`, once across nodes) and decides again, as
//! if the reminder fell due then: a message deleted or removed in between, or whose chat
//! the person left, is pushed and mailed to no one; otherwise its text as it is then is
//! pushed and mailed (held again if a new quiet time has begun). Slack's do-not-disturb
//! holds reminders the same way and delivers them when it ends.

use crate::domain::error::Result;
use crate::domain::mail::texts;
use crate::domain::messaging::presence;
use crate::hub::Published;
use crate::i18n::{self, Lang};
use crate::model::events::Event;
use crate::state::App;
use crate::store::{self, Tx};
use std::time::Duration;

/// How often the loop looks for due reminders: one indexed read when there is none. A
/// reminder is sent within this of its time.
pub const TICK: Duration = Duration::from_secs(1);

/// Reminders one round sends at most (the next round takes the rest).
const PER_ROUND: i64 = 100;

/// A reminder's push and mail show this much of the message's text at most.
const TEXT_CHARS: usize = 300;

/// Starts the loop; it ends when the server shuts down.
pub fn start(app: &App) {
    crate::domain::background::outbox::run_every(app, TICK, 1, "reminders", |app, _| async move {
        round(&app).await.map(|_| ())
    });
}

/// One round: every reminder due now; how many were sent.
pub async fn round(app: &App) -> Result<usize> {
    let now = crate::kit::clock::now_ms();
    let any = app
        .db
        .read(move |c| {
            Ok::<_, store::StoreError>(
                store::messaging::saved::any_due(c, now)?
                    || store::messaging::saved::any_held_due(c, now)?,
            )
        })
        .await?;
    if !any {
        return Ok(0);
    }
    let app2 = app.clone();
    app.db.write(move |c| send_due(c, &app2, now)).await
}

fn send_due(c: &Tx, app: &App, now: i64) -> Result<usize> {
    let stamp = store::clock::now();
    let mut sent = 0;
    for (user_id, message_id) in store::messaging::saved::due(c, now, PER_ROUND)? {
        if !store::messaging::saved::claim(c, user_id, message_id, &stamp)? {
            continue;
        }
        let Some(row) = store::messaging::saved::one(c, user_id, message_id)? else {
            continue;
        };
        let Some((message, chat)) = super::visible(c, user_id, &row)? else {
            continue;
        };
        c.publish(Published::new(
            chat.id,
            vec![user_id].into(),
            Event::Reminder {
                user_id,
                message_id,
            },
        ));
        push_and_mail(c, app, user_id, &message, &chat, now)?;
        sent += 1;
    }
    for (user_id, message_id) in store::messaging::saved::held_due(c, now, PER_ROUND)? {
        if !store::messaging::saved::release(c, user_id, message_id, now)? {
            continue;
        }
        let Some(row) = store::messaging::saved::one(c, user_id, message_id)? else {
            continue;
        };
        // Decided now: what the person may no longer read is sent to no one.
        let Some((message, chat)) = super::visible(c, user_id, &row)? else {
            continue;
        };
        push_and_mail(c, app, user_id, &message, &chat, now)?;
        sent += 1;
    }
    Ok(sent)
}

/// Queues the reminder of `message` to `user_id` by Web Push and by mail, due now; or,
/// while they are quiet, holds it on their saved message until their quiet time ends,
/// when it is decided again.
fn push_and_mail(
    c: &Tx,
    app: &App,
    user_id: i64,
    message: &store::messaging::messages::Message,
    chat: &crate::model::Chat,
    now: i64,
) -> Result<()> {
    let quiet_until = crate::domain::status::quiet_ends(c, user_id, now)?;
    if let Some(ends) = quiet_until.filter(|ends| *ends > now) {
        store::messaging::saved::hold(c, user_id, message.id, ends)?;
        return Ok(());
    }
    let message_id = message.id;
    let lang = crate::domain::mail::language_of(c, user_id)?;
    let text = cut(
        lang,
        crate::domain::messaging::replies::own_text(&message.content),
    );
    let chat_name = match chat.kind {
        store::ChatKind::Direct => i18n::text(lang, "mail-reminder-direct", &[]),
        _ => crate::domain::messaging::chats::shown_title_on(c, chat)?,
    };
    for sub in store::push::of_user(c, user_id)? {
        let push = store::push::Queued {
            subscription_id: sub.id,
            chat_id: chat.id,
            reminder_of: message_id,
            message_id,
            count: 1,
            title: texts::reminder_title(lang, &chat_name),
            body: text.clone(),
        };
        store::push::enqueue(c, &push, now)?;
    }
    let about = (chat.id, message_id, chat_name.as_str(), text.as_str());
    mail(c, app, user_id, lang, about)
}

/// Queues the reminder's mail, due now, when the person wants mail about messages,
/// has a confirmed address and no tab of theirs shows the chat; `about` is the chat, the
/// message, the chat's name and the text shown.
fn mail(
    c: &Tx,
    app: &App,
    user_id: i64,
    lang: Lang,
    (chat_id, message_id, chat_name, text): (i64, i64, &str, &str),
) -> Result<()> {
    if app.mail.is_none()
        || !store::mail::missed_mail_on(c, user_id)?
        || !store::people::confirmed_emails::is_confirmed(c, user_id)?
        || presence::watching(c, app, chat_id, &[user_id])?.contains(&user_id)
    {
        return Ok(());
    }
    let Some(user) = store::people::users::by_id(c, user_id)? else {
        return Ok(());
    };
    let site = crate::domain::mail::site(app);
    let link = format!("{site}/m/{chat_id}/{message_id}");
    let written = texts::reminder(lang, user.shown_name(), chat_name, text, &link);
    crate::domain::mail::queue(c, app, "reminder", &user.email, &written)
}

/// A message's text as a reminder shows it: at most [`TEXT_CHARS`] characters.
fn cut(lang: Lang, content: &str) -> String {
    let content = content.trim();
    if content.is_empty() {
        return i18n::text(lang, "mail-reminder-a-file", &[]);
    }
    match content.char_indices().nth(TEXT_CHARS) {
        Some((at, _)) => format!("{}…", &content[..at]),
        None => content.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::cut;
    use crate::i18n::Lang;

    #[test]
    fn a_long_text_is_cut_on_a_character() {
        assert_eq!(cut(Lang::En, "  hi "), "hi");
        assert_eq!(cut(Lang::En, ""), "a file");
        assert_eq!(cut(Lang::De, ""), "eine Datei");
        let long = "é".repeat(400);
        let cut = cut(Lang::En, &long);
        assert_eq!(cut.chars().count(), 301);
        assert!(cut.ends_with('…'));
    }
}
