//! The mail about missed messages: when someone was mentioned, or written to in a direct
//! chat, and has not read it within `--missed-mail-delay` (10 minutes by default), and no
//! open tab shows that chat, one mail gathers what they missed since their last such
//! mail; at most one per person per delay. Reading before the delay means nothing is
//! owed (the check happens when the mail would be written). Every serving node runs the
//! loop; the person's row of `missed_mail`, written with the mail in one transaction,
//! keeps two nodes from mailing the same messages.

use crate::domain::error::Result;
use crate::domain::push::presence;
use crate::state::App;
use crate::store;
use std::collections::HashMap;
use std::time::Duration;

/// How often the loop looks for mail owed.
const TICK: Duration = Duration::from_secs(5);

/// People looked at per round.
const PEOPLE_PER_ROUND: i64 = 50;

/// Messages one mail lists at most.
const LINES_PER_MAIL: i64 = 20;

/// Starts the loop when the server sends mail; it ends when the server shuts down.
pub fn start(app: &App) {
    if app.mail.is_none() {
        return;
    }
    crate::domain::outbox::run_every(app, TICK, 1, "missed-message mails", |app, _| async move {
        round(&app).await
    });
}

/// One round: a mail for each person owed one now.
pub async fn round(app: &App) -> Result<()> {
    let delay = app.config.missed_mail_delay;
    let now_ms = crate::kit::clock::now_ms();
    let mailed_before = now_ms - delay.as_millis() as i64;
    let people = app
        .db
        .read(move |c| store::mail::missed_mail_candidates(c, mailed_before, PEOPLE_PER_ROUND))
        .await?;
    for user_id in people {
        let app2 = app.clone();
        app.db
            .write(move |c| mail_one(c, &app2, user_id, mailed_before))
            .await?;
    }
    Ok(())
}

/// Writes and queues `user_id`'s mail, if one is owed now.
fn mail_one(c: &store::Tx, app: &App, user_id: i64, mailed_before: i64) -> Result<()> {
    let Some(user) = store::users::by_id(c, user_id)? else {
        return Ok(());
    };
    let delay = app.config.missed_mail_delay;
    let sent_before = store::time_after(-(delay.as_secs() as i64));
    let after = store::mail::last_mailed_message(c, user_id)?;
    let mut missed = store::mail::missed_by(c, user_id, after, &sent_before, LINES_PER_MAIL)?;
    // A chat a tab of theirs shows now is not missed: they will read it there.
    let mut shown: HashMap<i64, bool> = HashMap::new();
    for m in &missed {
        if let std::collections::hash_map::Entry::Vacant(e) = shown.entry(m.chat_id) {
            let watching = presence::watching(c, app, m.chat_id, &[user_id])?;
            e.insert(watching.contains(&user_id));
        }
    }
    missed.retain(|m| !shown.get(&m.chat_id).copied().unwrap_or(false));
    let Some(newest) = missed.last().map(|m| m.id) else {
        return Ok(());
    };
    // Mailed no later than the round's cutoff: another node's round may have just mailed.
    if store::mail::mailed_since(c, user_id, mailed_before)? {
        return Ok(());
    }
    let site = super::site(app);
    let mut lines = Vec::with_capacity(missed.len());
    let mut titles: HashMap<i64, String> = HashMap::new();
    for m in &missed {
        let chat = match titles.get(&m.chat_id) {
            Some(t) => t.clone(),
            None => {
                let title = match store::chats::by_id(c, m.chat_id)? {
                    Some(chat) if chat.kind == store::ChatKind::Direct => {
                        "a direct message".to_string()
                    }
                    Some(chat) => crate::domain::chats::shown_title_on(c, &chat)?,
                    None => continue,
                };
                titles.insert(m.chat_id, title.clone());
                title
            }
        };
        let sender = match m.sender_id {
            Some(id) => store::users::by_id(c, id)?
                .map(|u| u.shown_name().to_string())
                .unwrap_or_else(|| "someone".into()),
            None => "someone".into(),
        };
        lines.push(super::texts::MissedLine {
            chat,
            sender,
            text: crate::domain::replies::own_text(&m.content).to_string(),
            at: m.created_at.clone(),
            link: format!("{site}/#chat/{}", m.chat_id),
        });
    }
    let unsubscribe = super::unsubscribe::url(app, &site, user_id);
    let written = super::texts::missed(user.shown_name(), &site, &lines, &unsubscribe);
    super::queue(c, app, "missed", &user.email, &written)?;
    store::mail::note_mailed(c, user_id, newest, crate::kit::clock::now_ms())?;
    Ok(())
}
