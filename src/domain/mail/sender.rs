//! The loop that hands queued mail to the relay: on every serving node, claiming due
//! rows of `mail_outbox` for a while, a few at a time. A mail the relay took is deleted at
//! once (it is never sent again); one the relay put off (down, busy, 4xx) is tried again
//! later, doubling from 5 s to 10 minutes, 12 attempts in all (about an hour and a half);
//! one it refused for good (5xx) is dropped. Each outcome is counted in
//! `natter_mails_total`.

use crate::domain::error::Result;
use crate::domain::outbox::{self, Table};
use crate::mail::letter::Letter;
use crate::mail::Failure;
use crate::state::App;
use crate::store::{self, mail::QueuedMail};
use std::time::Duration;

/// How often the loop looks for due mail: one indexed read when there is none.
const TICK: Duration = Duration::from_millis(500);

/// Mails handed to the relay at once, per node.
const IN_FLIGHT: usize = 4;

/// Attempts before a mail the relay keeps putting off is dropped.
pub const MAX_ATTEMPTS: i64 = 12;

/// The mails waiting in `mail_outbox`; a claimed mail is its node's for two minutes
/// (longer than a conversation with the relay may take), then another may send it.
const OUTBOX: Table<QueuedMail> = Table {
    any_due: store::mail::any_due,
    claim: store::mail::claim,
    lease: Duration::from_secs(120),
};

/// Starts the loop when the server sends mail; it ends when the server shuts down. The
/// mails this server was sending when it stopped are due again at once, with the same
/// `Message-ID`.
pub async fn start(app: &App) -> Result<()> {
    if app.mail.is_none() {
        return Ok(());
    }
    let node = app.config.node_id();
    let alone = app.config.nats_servers().is_none();
    app.db
        .write(move |c| store::mail::release_claims(c, &node, alone))
        .await?;
    outbox::run_every(app, TICK, IN_FLIGHT, "mails", |app, slots| async move {
        outbox::send_due(&app, &slots, &OUTBOX, |app, mail| async move {
            if let Err(e) = send_one(&app, mail).await {
                tracing::warn!("mail: {e}");
            }
        })
        .await
    });
    Ok(())
}

async fn send_one(app: &App, mail: QueuedMail) -> Result<()> {
    let Some(mailer) = app.mail.clone() else {
        return Ok(());
    };
    let letter = Letter {
        to: mail.recipient.clone(),
        subject: mail.subject.clone(),
        text: mail.text_body.clone(),
        html: mail.html_body.clone(),
        message_id: mail.message_id.clone(),
        unsubscribe_url: mail.unsubscribe.clone(),
    };
    let id = mail.id;
    let attempts = mail.attempts + 1;
    match mailer.send(&letter).await {
        Ok(()) => {
            app.metrics.mails.sent.inc();
            tracing::info!("mail: {} <{}> sent", mail.kind, mail.message_id);
            app.db.write(move |c| store::mail::done(c, id)).await?;
        }
        Err(Failure::Retry(why)) if attempts < MAX_ATTEMPTS => {
            app.metrics.mails.retried.inc();
            let wait = crate::domain::push::worker::backoff(attempts, None);
            tracing::warn!(
                "mail: {} <{}> waits {}s (attempt {attempts}): {why}",
                mail.kind,
                mail.message_id,
                wait.as_secs()
            );
            let due = crate::kit::clock::now_ms() + wait.as_millis() as i64;
            app.db
                .write(move |c| store::mail::retry_at(c, id, due))
                .await?;
        }
        Err(Failure::Retry(why) | Failure::Refused(why)) => {
            app.metrics.mails.failed.inc();
            tracing::warn!(
                "mail: {} <{}> given up after {attempts} attempt(s): {why}",
                mail.kind,
                mail.message_id
            );
            app.db.write(move |c| store::mail::done(c, id)).await?;
        }
    }
    Ok(())
}
