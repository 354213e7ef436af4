//! "Forgot password?": a link to set a new password, mailed to the account's address,
//! confirmed or not (natter's words only to an unconfirmed one; setting a password with
//! the link confirms the address it was mailed to).
//! The asker always gets the same answer at once, whether or not the account exists
//! or has an address: the lookup and the mail happen after the answer, so neither the
//! words nor the time tell. Each account gets at most one link a minute, whoever asks.
//! At most [`AT_ONCE`] asks are worked on at a time (even with `--rate-limits off`); one
//! more is answered the same way and dropped.

use crate::domain::auth;
use crate::domain::error::Result;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Semaphore;

/// How long a password reset link lasts, mailed or made by an administrator.
pub const RESET_LINK_SECS: i64 = 24 * 3600;

/// An account gets at most one link in this many seconds.
const ONE_LINK_PER_SECS: i64 = 60;

/// Asks worked on at once, per process: the bound on the tasks a flood of asks starts.
pub const AT_ONCE: usize = 16;

/// The slots of the asks being worked on.
static SLOTS: Semaphore = Semaphore::const_new(AT_ONCE);

/// Asks dropped since the start, for a log line at 1, 2, 4, 8... rather than one each.
static DROPPED: AtomicU64 = AtomicU64::new(0);

/// Mails a reset link to the account `login` names (a username or an email address), if
/// it exists, is active, is a person's and has an address. Returns at once; the work
/// runs after, unless [`AT_ONCE`] asks are being worked on already: then this one is
/// dropped (the asker cannot tell; asking again later works).
pub fn ask(app: &App, login: String) {
    let Ok(slot) = SLOTS.try_acquire() else {
        let dropped = DROPPED.fetch_add(1, Ordering::Relaxed) + 1;
        if dropped.is_power_of_two() {
            tracing::warn!(
                "mail: {dropped} password reset ask(s) dropped so far: {AT_ONCE} were being worked on each time"
            );
        }
        return;
    };
    let app = app.clone();
    tokio::spawn(async move {
        if let Err(e) = mail_link(&app, login.trim().to_string()).await {
            tracing::warn!("mail: a password reset link could not be queued: {e}");
        }
        drop(slot);
    });
}

async fn mail_link(app: &App, login: String) -> Result<()> {
    let token = random_hex(24);
    let digest = auth::digest(&token);
    let app2 = app.clone();
    app.db
        .write(move |c| {
            let user = match login.contains('@') {
                true => match store::people::users::by_email(c, &login)? {
                    Some(u) => Some(u),
                    None => store::people::users::by_username(c, &login)?,
                },
                false => store::people::users::by_username(c, &login)?,
            };
            let Some(user) = user.filter(|u| u.is_active && !u.email.is_empty()) else {
                return Ok(());
            };
            if store::bots::is_bot(c, user.id)? {
                return Ok(());
            }
            let since = store::clock::time_after(-ONE_LINK_PER_SECS);
            if store::mail::last_reset_link_at(c, user.id)?.is_some_and(|at| at > since) {
                return Ok(());
            }
            let now = store::clock::now();
            let expires = store::clock::time_after(RESET_LINK_SECS);
            store::people::password_resets::insert_mailed(c, &digest, user.id, &expires, &now)?;
            let site = super::site(&app2);
            let link = format!("{site}/reset/{token}");
            // An unconfirmed address is greeted without the name the account chose.
            let confirmed = store::people::confirmed_emails::is_confirmed(c, user.id)?;
            let written = super::texts::password_reset(
                super::language_of(c, user.id)?,
                confirmed.then(|| user.shown_name()),
                &site,
                &link,
                (RESET_LINK_SECS / 3600) as u64,
            );
            super::queue(c, &app2, "password_reset", &user.email, &written)
        })
        .await
}
