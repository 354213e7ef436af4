//! The loop that hands queued mail to the relay: on every serving node, claiming due
//! rows of `mail_outbox` for a while, a few at a time. A mail the relay took is deleted
//! before anything else is done, the delete tried again for a few seconds if the database
//! fails it, and until it succeeds this node keeps the mail's id and never sends it again;
//! only a crash between the relay's answer and the delete's commit sends a mail twice
//! (with the same `Message-ID`). one the relay put off (down, busy, 4xx) is tried again
//! later, doubling from 5 s to 10 minutes, 12 attempts in all (about an hour and a half);
//! one it refused for good (5xx) is dropped. Each outcome is counted in
//! `natter_mails_total`.

use crate::domain::background::outbox::{self, Table};
use crate::domain::error::Result;
use crate::mail::letter::Letter;
use crate::mail::Failure;
use crate::state::App;
use crate::store::{self, mail::QueuedMail};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the loop looks for due mail: one indexed read when there is none.
const TICK: Duration = Duration::from_millis(500);

/// Mails handed to the relay at once, per node.
const IN_FLIGHT: usize = 4;

/// Attempts before a mail the relay keeps putting off is dropped.
pub const MAX_ATTEMPTS: i64 = 12;

/// The waits before each try of the delete that records a mail the relay took.
const DONE_TRIES: [Duration; 5] = [
    Duration::ZERO,
    Duration::from_millis(100),
    Duration::from_millis(500),
    Duration::from_secs(2),
    Duration::from_secs(5),
];

/// The mails the relay took whose row this node has not managed to delete yet: never sent
/// again, deleted again each round until the database takes it.
#[derive(Clone, Default)]
struct Accepted(Arc<Mutex<HashSet<i64>>>);

impl Accepted {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn holds(&self, id: i64) -> bool {
        self.lock().contains(&id)
    }

    fn keep(&self, id: i64) {
        self.lock().insert(id);
    }

    fn forget(&self, id: i64) {
        self.lock().remove(&id);
    }

    fn all(&self) -> Vec<i64> {
        self.lock().iter().copied().collect()
    }
}

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
    let accepted = Accepted::default();
    outbox::run_every(app, TICK, IN_FLIGHT, "mails", move |app, slots| {
        let accepted = accepted.clone();
        async move {
            for id in accepted.all() {
                if app
                    .db
                    .write(move |c| store::mail::done(c, id))
                    .await
                    .is_ok()
                {
                    accepted.forget(id);
                }
            }
            outbox::send_due(&app, &slots, &OUTBOX, |app, mail| {
                let accepted = accepted.clone();
                async move {
                    if let Err(e) = send_one(&app, mail, &accepted).await {
                        tracing::warn!("mail: {e}");
                    }
                }
            })
            .await
        }
    });
    Ok(())
}

/// Deletes the row of mail `id`, which the relay took, trying again a few times: the
/// mail must not be sent again.
async fn record_done(app: &App, id: i64) -> Result<()> {
    let mut last = Ok(());
    for wait in DONE_TRIES {
        tokio::time::sleep(wait).await;
        last = app.db.write(move |c| store::mail::done(c, id)).await;
        if last.is_ok() {
            break;
        }
    }
    Ok(last?)
}

async fn send_one(app: &App, mail: QueuedMail, accepted: &Accepted) -> Result<()> {
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
    if accepted.holds(id) {
        // The relay took it already; only its delete failed.
        app.db.write(move |c| store::mail::done(c, id)).await?;
        accepted.forget(id);
        return Ok(());
    }
    let attempts = mail.attempts + 1;
    match mailer.send(&letter).await {
        Ok(()) => {
            let recorded = record_done(app, id).await;
            app.metrics.mails.sent.inc();
            tracing::info!("mail: {} <{}> sent", mail.kind, mail.message_id);
            if let Err(e) = recorded {
                accepted.keep(id);
                tracing::warn!(
                    "mail: {} <{}> was sent but its row cannot be deleted yet ({e}); this server will not send it again",
                    mail.kind,
                    mail.message_id
                );
            }
        }
        Err(Failure::Retry(why)) if attempts < MAX_ATTEMPTS => {
            app.metrics.mails.retried.inc();
            let wait = crate::domain::background::outbox::backoff(attempts, None);
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
