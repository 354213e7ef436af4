//! Asking a signed-in person again who they are before a change that adds a way into
//! their account: linking a sign-in provider. As setting up two-factor sign-in asks for
//! the password, so does this, so a session someone else holds (a borrowed computer, a
//! stolen cookie) cannot add a provider account of theirs that outlives the session.
//! The password, or a code of the account's two-factor sign-in; an account that has
//! neither (a provider made it and no password was set) shows a sign-in of its own less
//! than [`RECENT_SECS`] old instead.

use crate::domain::auth;
use crate::domain::error::{Error, Problem, Result};
use crate::domain::people::two_factor::{self, holds::Held, SecondStep};
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::{self, people::users::User};

/// How old a sign-in may be to stand in for a password the account does not have.
pub const RECENT_SECS: i64 = 10 * 60;

/// The sentence when an account with no password and no two-factor code has a sign-in
/// older than [`RECENT_SECS`].
pub const SIGN_IN_AGAIN: &str =
    "Sign out and sign in again, then link the provider within 10 minutes.";

/// What the person gave to show it is them: either is enough.
pub struct Proof {
    /// The account's password (`current_password`).
    pub password: Option<String>,
    /// A code from the authenticator app, or a recovery code (`otp`).
    pub code: Option<String>,
}

/// Whether `me`, signed in with the session whose stored hash is `session`, showed it
/// is them: the password (a wrong one is a failed login of the account), else a
/// two-factor code (a wrong one counts toward the account's hold, as at sign-in), else,
/// for an account with neither, a session that began less than [`RECENT_SECS`] ago.
pub async fn confirm(app: &App, me: &User, session: &[u8], proof: Proof) -> Result<()> {
    let password = proof.password.filter(|p| !p.is_empty());
    let code = proof
        .code
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    if let Some(password) = password {
        return two_factor::check_password(app, me, password).await;
    }
    if let Some(code) = code {
        return check_code(app, me, &code).await;
    }
    if !me.password_hash.is_empty() {
        return Err(Error::field("current_password", Problem::Required));
    }
    if two_factor::status(app, me.id).await?.enabled {
        return Err(Error::field("otp", Problem::Required));
    }
    let (user_id, hash) = (me.id, session.to_vec());
    let began = app
        .db
        .read(move |c| -> Result<_> {
            Ok(store::people::sessions::began_at(
                c,
                &hash,
                user_id,
                &store::clock::now(),
            )?)
        })
        .await?;
    let since = store::clock::time_after(-RECENT_SECS);
    match began {
        Some(at) if at >= since => Ok(()),
        _ => Err(Error::field(
            "non_field_errors",
            Problem::Worded(SIGN_IN_AGAIN),
        )),
    }
}

/// A two-factor code as the proof: counted as a login of the account, as turning
/// two-factor sign-in off counts it.
async fn check_code(app: &App, me: &User, code: &str) -> Result<()> {
    let account = auth::account_key(Some(me), &me.username);
    let spent = app
        .limits
        .spend(vec![(Limit::AuthAccount, account)])
        .await?;
    match two_factor::second_step(app, me, Some(code)).await? {
        SecondStep::Passed => {
            app.limits.give_back(spent).await;
            Ok(())
        }
        SecondStep::NotAsked => {
            app.limits.give_back(spent).await;
            Err(Error::field("otp", Problem::TwoFactorOff))
        }
        SecondStep::Missing | SecondStep::Wrong => Err(Error::field("otp", Problem::WrongCode)),
        SecondStep::Held(Held::For(secs)) => {
            Err(Error::field("otp", Problem::CodesHeld { secs: Some(secs) }))
        }
        SecondStep::Held(Held::UntilReset) => {
            Err(Error::field("otp", Problem::CodesHeld { secs: None }))
        }
    }
}
