//! The one-click unsubscribe every mail about missed messages carries (RFC 8058): a URL
//! that turns those mails off for its person without signing in. It holds the person's
//! id and an HMAC of it under the server's secret, so only natter makes one, and it
//! needs no row of its own.

use crate::domain::error::Result;
use crate::state::App;
use crate::store;

/// What the MAC is of: the purpose and the person.
fn subject(user_id: i64) -> String {
    format!("natter missed-mail unsubscribe {user_id}")
}

fn key(app: &App) -> ring::hmac::Key {
    ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &app.jwt_secret)
}

/// The token of `user_id`'s unsubscribe link.
pub fn token(app: &App, user_id: i64) -> String {
    hex::encode(ring::hmac::sign(&key(app), subject(user_id).as_bytes()).as_ref())
}

/// The unsubscribe link of `user_id`, on `site`.
pub fn url(app: &App, site: &str, user_id: i64) -> String {
    format!(
        "{site}/api/mail/unsubscribe/?u={user_id}&t={}",
        token(app, user_id)
    )
}

/// Whether `token` is `user_id`'s (checked in constant time).
pub fn genuine(app: &App, user_id: i64, token: &str) -> bool {
    let Ok(tag) = hex::decode(token.trim()) else {
        return false;
    };
    ring::hmac::verify(&key(app), subject(user_id).as_bytes(), &tag).is_ok()
}

/// Turns off `user_id`'s mails about missed messages, if `token` is theirs; whether it was.
pub async fn unsubscribe(app: &App, user_id: i64, token: &str) -> Result<bool> {
    if !genuine(app, user_id, token) {
        return Ok(false);
    }
    app.db
        .write(move |c| store::mail::set_missed_mail(c, user_id, false))
        .await?;
    Ok(true)
}
