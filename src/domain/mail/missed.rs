//! The mail about missed messages: when someone was mentioned, or written to in a direct
//! chat, and has not read it within their delay (their own choice, else
//! `--missed-mail-delay`, 10 minutes by default), and no open tab shows that chat, one
//! mail to their confirmed address gathers what they missed since their last such mail; at most one per person per
//! delay. Reading before the delay means nothing is
//! owed (the check happens when the mail would be written). Every serving node runs the
//! loop; the person's row of `missed_mail`, written with the mail in one transaction,
//! keeps two nodes from mailing the same messages.

use crate::domain::error::Result;
use crate::domain::messaging::presence;
use crate::state::App;
use crate::store;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often the loop looks for mail owed.
const TICK: Duration = Duration::from_secs(5);

/// People looked at per round.
const PEOPLE_PER_ROUND: i64 = 50;

/// Messages one mail lists at most.
const LINES_PER_MAIL: i64 = 20;

/// The delays a person may choose for themselves, in seconds (10 minutes, 1 hour); no
/// choice means the server's `--missed-mail-delay`.
pub const DELAY_CHOICES: [i64; 2] = [600, 3600];

/// Starts the loop when the server sends mail; it ends when the server shuts down.
pub fn start(app: &App) {
    if app.mail.is_none() {
        return;
    }
    let next = Arc::new(AtomicI64::new(0));
    crate::domain::background::outbox::run_every(
        app,
        TICK,
        1,
        "missed-message mails",
        move |app, _| {
            let next = next.clone();
            async move { round(&app, &next).await }
        },
    );
}

/// One round: a mail for each of the next people who may be owed one, in id order from
/// `next` (the person after the last one the previous round looked at); past the last,
/// the next round starts again from the first. Someone who only looks owed (a tab shows
/// the chat, their own delay is longer) is passed, never looked at again and again ahead
/// of everyone after them.
pub async fn round(app: &App, next: &AtomicI64) -> Result<()> {
    let default_delay = app.config.missed_mail_delay;
    let now_ms = crate::kit::clock::now_ms();
    let shortest = DELAY_CHOICES
        .iter()
        .map(|s| Duration::from_secs(*s as u64))
        .fold(default_delay, Duration::min);
    let sent_before = store::clock::time_after(-(shortest.as_secs() as i64));
    let default_ms = default_delay.as_millis() as i64;
    let after = next.load(Ordering::Relaxed);
    let people = app
        .db
        .read(move |c| {
            store::mail::missed_mail_candidates(
                c,
                now_ms,
                default_ms,
                &sent_before,
                after,
                PEOPLE_PER_ROUND,
            )
        })
        .await?;
    let last = match people.len() as i64 {
        n if n < PEOPLE_PER_ROUND => 0,
        _ => people.last().copied().unwrap_or(0),
    };
    for user_id in people {
        let app2 = app.clone();
        app.db.write(move |c| mail_one(c, &app2, user_id)).await?;
    }
    next.store(last, Ordering::Relaxed);
    Ok(())
}

/// The delay that applies to `user_id`: their own, else the server's.
fn delay_of(c: &store::Conn, app: &App, user_id: i64) -> Result<Duration> {
    Ok(match store::mail::missed_mail_delay(c, user_id)? {
        Some(secs) if secs > 0 => Duration::from_secs(secs as u64),
        _ => app.config.missed_mail_delay,
    })
}

/// Writes and queues `user_id`'s mail, if one is owed now. A chat a tab of theirs shows
/// is left out and keeps its marker: they will likely read it there, and if they do not,
/// it is mailed once no tab shows it.
fn mail_one(c: &store::Tx, app: &App, user_id: i64) -> Result<()> {
    let Some(user) = store::people::users::by_id(c, user_id)? else {
        return Ok(());
    };
    // Checked again in the write: the address may have changed since the round read.
    if !store::people::confirmed_emails::is_confirmed(c, user_id)? {
        return Ok(());
    }
    let delay = delay_of(c, app, user_id)?;
    let now_ms = crate::kit::clock::now_ms();
    // In quiet hours or a pause: nothing now; the markers stay, so what they missed is
    // mailed once the quiet time is over (if still unread).
    if crate::domain::status::quiet_among(c, &[user_id], now_ms)?.contains(&user_id) {
        return Ok(());
    }
    // Mailed within the delay: another node's round may have just mailed, or their own
    // delay is longer than the round's.
    if store::mail::mailed_since(c, user_id, now_ms - delay.as_millis() as i64)? {
        return Ok(());
    }
    let sent_before = store::clock::time_after(-(delay.as_secs() as i64));
    let mut missed = Vec::new();
    for chat_id in store::mail::missed_chats(c, user_id, &sent_before)? {
        if presence::watching(c, app, chat_id, &[user_id])?.contains(&user_id) {
            continue;
        }
        missed.extend(store::mail::missed_in(
            c,
            user_id,
            chat_id,
            &sent_before,
            LINES_PER_MAIL,
        )?);
    }
    missed.sort_by_key(|m| m.id);
    missed.truncate(LINES_PER_MAIL as usize);
    if missed.is_empty() {
        return Ok(());
    }
    let site = super::site(app);
    let mut lines = Vec::with_capacity(missed.len());
    let mut titles: HashMap<i64, String> = HashMap::new();
    let mut told: HashMap<i64, i64> = HashMap::new();
    for m in &missed {
        let chat = match titles.get(&m.chat_id) {
            Some(t) => t.clone(),
            None => {
                let title = match store::messaging::chats::by_id(c, m.chat_id)? {
                    Some(chat) if chat.kind == store::ChatKind::Direct => {
                        "a direct message".to_string()
                    }
                    Some(chat) => crate::domain::messaging::chats::shown_title_on(c, &chat)?,
                    None => continue,
                };
                titles.insert(m.chat_id, title.clone());
                title
            }
        };
        let sender = match m.sender_id {
            Some(id) => store::people::users::by_id(c, id)?
                .map(|u| u.shown_name().to_string())
                .unwrap_or_else(|| "someone".into()),
            None => "someone".into(),
        };
        let told_up_to = told.entry(m.chat_id).or_insert(m.id);
        *told_up_to = (*told_up_to).max(m.id);
        lines.push(super::texts::MissedLine {
            chat,
            sender,
            text: crate::domain::messaging::replies::own_text(&m.content).to_string(),
            at: m.created_at.clone(),
            link: message_link(&site, m),
        });
    }
    if lines.is_empty() {
        return Ok(());
    }
    let unsubscribe = super::unsubscribe::url(app, &site, user_id);
    let zone = store::people::status::time_zone(c, user_id)?;
    let written = super::texts::missed(
        super::language_of(c, user_id)?,
        &crate::domain::status::quiet::zone_of(zone.as_deref()),
        user.shown_name(),
        &site,
        &lines,
        &unsubscribe,
    );
    super::queue(c, app, "missed", &user.email, &written)?;
    let told: Vec<(i64, i64)> = told.into_iter().collect();
    store::mail::note_mailed(c, user_id, &told, now_ms)?;
    Ok(())
}

/// Where the web client opens `m` itself: its chat scrolled to it, or, for a reply kept
/// in its thread, the thread's panel at it.
fn message_link(site: &str, m: &store::mail::Missed) -> String {
    match m.thread_root {
        Some(root) if root != m.id => format!("{site}/#chat/{}/thread/{root}/{}", m.chat_id, m.id),
        _ => format!("{site}/#chat/{}/message/{}", m.chat_id, m.id),
    }
}

/// Whether `user_id` gets mails about missed messages.
pub async fn missed_mail_on(app: &App, user_id: i64) -> Result<bool> {
    Ok(app
        .db
        .read(move |c| store::mail::missed_mail_on(c, user_id))
        .await?)
}

/// Turns `user_id`'s mails about missed messages on or off.
pub async fn set_missed_mail(app: &App, user_id: i64, on: bool) -> Result<()> {
    Ok(app
        .db
        .write(move |c| store::mail::set_missed_mail(c, user_id, on))
        .await?)
}

/// `user_id`'s own delay for mails about missed messages, in seconds (`None`: the
/// server's `--missed-mail-delay`).
pub async fn missed_mail_delay(app: &App, user_id: i64) -> Result<Option<i64>> {
    Ok(app
        .db
        .read(move |c| store::mail::missed_mail_delay(c, user_id))
        .await?)
}

/// Checks a person's own delay for mails about missed messages before anything is
/// written: one of [`DELAY_CHOICES`], or `None` for the server's.
pub fn check_missed_mail_delay(secs: Option<i64>) -> Result<()> {
    match secs {
        Some(s) if !DELAY_CHOICES.contains(&s) => Err(crate::domain::error::Error::field(
            "missed_mail_delay",
            crate::domain::error::Problem::Worded(
                "Choose 600 (10 minutes), 3600 (1 hour), or null for the server's delay.",
            ),
        )),
        _ => Ok(()),
    }
}

/// Sets `user_id`'s own delay for mails about missed messages (checked by
/// [`check_missed_mail_delay`]).
pub async fn set_missed_mail_delay(app: &App, user_id: i64, secs: Option<i64>) -> Result<()> {
    check_missed_mail_delay(secs)?;
    Ok(app
        .db
        .write(move |c| store::mail::set_missed_mail_delay(c, user_id, secs))
        .await?)
}
