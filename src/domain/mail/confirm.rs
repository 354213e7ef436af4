//! Confirming an address: with mail on, a new or changed address is mailed a one-time
//! link and stays unconfirmed until its account's owner, signed in, uses it. Until then
//! it gets only natter's own words (this link, a reset link), no mail carrying anyone's
//! text, and no import or provider sign-in matches it (`store::people::confirmed_emails`).

use crate::domain::auth;
use crate::domain::error::{Error, Problem, Result};
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store::{
    self, people::confirmed_emails, people::confirmed_emails::How, people::users::User, Tx,
};

/// How long a confirmation link works.
pub const LINK_SECS: i64 = 48 * 3600;

/// An account gets at most one link in this many seconds when it asks again.
const ONE_LINK_PER_SECS: i64 = 60;

/// Why a link did not confirm anything.
const BAD_LINK: Problem = Problem::Worded(
    "This confirmation link is invalid, used, expired, or for another account or address.",
);

/// Queues a confirmation link to `user_id`'s present address in the caller's write,
/// unless mail is off, it has none, or it is confirmed already.
pub fn queue_link(c: &Tx, app: &App, user_id: i64) -> Result<()> {
    if app.mail.is_none() || confirmed_emails::is_confirmed(c, user_id)? {
        return Ok(());
    }
    let Some(user) = store::people::users::by_id(c, user_id)? else {
        return Ok(());
    };
    if user.email.is_empty() {
        return Ok(());
    }
    let token = random_hex(24);
    let now = store::clock::now();
    let expires = store::clock::time_after(LINK_SECS);
    confirmed_emails::insert_link(c, &auth::digest(&token), user_id, &expires, &now)?;
    let site = super::site(app);
    let link = format!("{site}/confirm/{token}");
    let written = super::texts::confirm_address(
        super::language_of(c, user_id)?,
        &site,
        &link,
        (LINK_SECS / 3600) as u64,
    );
    super::queue(c, app, "confirm_address", &user.email, &written)
}

/// `me` asks for another link: refused when mail is off, the address is confirmed, or a
/// link went out within the last minute.
pub async fn send_again(app: &App, me: i64) -> Result<()> {
    if app.mail.is_none() {
        return Err(Error::field(
            "email",
            Problem::Worded("This server sends no mail: ask an administrator to confirm it."),
        ));
    }
    let app2 = app.clone();
    app.db
        .write(move |c| {
            if confirmed_emails::is_confirmed(c, me)? {
                return Err(Error::field(
                    "email",
                    Problem::Worded("Your address is confirmed already."),
                ));
            }
            if confirmed_emails::present_key(c, me)?.is_none() {
                return Err(Error::field("email", Problem::Blank));
            }
            let since = store::clock::time_after(-ONE_LINK_PER_SECS);
            if confirmed_emails::last_link_at(c, me)?.is_some_and(|at| at > since) {
                return Err(Error::field(
                    "email",
                    Problem::Worded("A link went out less than a minute ago: look for it first."),
                ));
            }
            queue_link(c, &app2, me)
        })
        .await
}

/// Uses a confirmation link; `me` must be the account it was mailed for (the owner of
/// the inbox and of the account, not just whoever received the mail). The account as it
/// now is.
pub async fn confirm(app: &App, me: i64, token: String) -> Result<User> {
    let digest = auth::digest(token.trim());
    app.db
        .write(move |c| {
            let now = store::clock::now();
            match confirmed_emails::take_link(c, &digest, me, &now)? {
                Some(_) => {
                    confirmed_emails::confirm(c, me, How::Link, &now)?;
                    store::people::users::by_id(c, me)?.ok_or(Error::field("token", BAD_LINK))
                }
                None => Err(Error::field("token", BAD_LINK)),
            }
        })
        .await
}

/// Whether `user_id`'s present address is confirmed.
pub async fn is_confirmed(app: &App, user_id: i64) -> Result<bool> {
    Ok(app
        .db
        .read(move |c| confirmed_emails::is_confirmed(c, user_id))
        .await?)
}
