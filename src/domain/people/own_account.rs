//! Each person's own account: their email and display name, their
//! password (changing it ends their other sessions, keys, JWTs and sockets, and the
//! provider links those other sign-ins made), the list of their sessions and keys, and a
//! password set through a reset link (which ends every session, key and provider link,
//! and, when it proves an address the account had not confirmed, the messages waiting to
//! be sent later: whoever proves the address is the account's owner from then on).

use crate::domain::auth;
use crate::domain::error::{Error, Fields, Missing, Problem, Result};
use crate::domain::people::accounts::{display_name_of, password_problem, valid_email};
use crate::model::Credential;
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::{self, people::confirmed_emails::How, people::users::User, Tx};

/// A change of one's own email and display name; `None` leaves a field.
pub struct Changes {
    pub email: Option<String>,
    pub display_name: Option<String>,
}

/// Changes the caller's email and display name; returns the account as it now is. A
/// new address is unconfirmed and, with mail on, mailed a confirmation link.
pub async fn update(app: &App, me: i64, changes: Changes) -> Result<User> {
    let mut errors: Fields = Vec::new();
    let email = match changes.email.as_deref().map(str::trim) {
        None => None,
        Some("") => {
            errors.push(("email", vec![Problem::Blank]));
            None
        }
        Some(typed) => match valid_email(typed) {
            Some(stored) => Some(stored),
            None => {
                errors.push(("email", vec![Problem::BadEmail]));
                None
            }
        },
    };
    let display_name = match changes.display_name.as_deref().map(display_name_of) {
        None => None,
        Some(Ok(name)) => Some(name),
        Some(Err(problem)) => {
            errors.push(("display_name", vec![problem]));
            None
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let app2 = app.clone();
    app.db
        .write(move |c| {
            if let Some(email) = &email {
                let holder = store::people::users::by_email(c, email)?;
                if holder.is_some_and(|u| u.id != me) {
                    return Err(Error::field("email", Problem::Taken));
                }
                let before = store::people::confirmed_emails::present_key(c, me)?;
                store::people::users::set_email(c, me, email).map_err(|e| {
                    match store::people::users::Taken::of(&e) {
                        Some(_) => Error::field("email", Problem::Taken),
                        None => Error::from(e),
                    }
                })?;
                // A changed address is unconfirmed (its key no longer matches the
                // confirmed one) and is mailed a link.
                if store::people::confirmed_emails::present_key(c, me)? != before {
                    crate::domain::mail::confirm::queue_link(c, &app2, me)?;
                }
            }
            store::people::users::update_profile(c, me, display_name.as_deref(), None, None)?;
            if display_name.is_some() {
                // Matrix apps show names from memberships: each chat tells it again.
                store::matrix_log::note_profile(c, me)?;
            }
            store::people::users::by_id(c, me)?.ok_or(Error::NotFound(Missing::Caller))
        })
        .await
}

/// Ends every credential of `user_id` but `keep` (the caller's own key or session, if
/// that is how they came): sessions, keys, every JWT (the epoch moves on), sockets on
/// every node, unused reset links, and the Web Push subscriptions not made with `keep`.
/// How many sessions and keys ended.
pub fn end_credentials(tx: &Tx, user_id: i64, keep: Option<&Credential>) -> Result<usize> {
    let kept_digest = keep.and_then(Credential::digest);
    let kept = kept_digest.unwrap_or_default();
    let ended = store::people::sessions::delete_all_but(tx, user_id, kept)?
        + store::people::tokens::delete_all_but(tx, user_id, kept)?;
    store::push::drop_all_of_user(tx, user_id, kept_digest)?;
    store::people::users::next_credentials_epoch(tx, user_id)?;
    store::people::password_resets::void_for(tx, user_id, &store::clock::now())?;
    tx.lock_out(user_id, keep.and_then(Credential::sign_in))?;
    Ok(ended)
}

/// What a password change did: the account as it now is, and how many of its other
/// sessions and keys ended.
pub struct PasswordChanged {
    pub user: User,
    pub ended: usize,
}

/// Changes the caller's password after checking the current one; every other session,
/// key, JWT and socket of theirs ends (the one `keep` names stays), and so does every
/// provider link made from the account page by a sign-in other than `keep`.
pub async fn change_password(
    app: &App,
    me: &User,
    current: String,
    new: String,
    keep: Credential,
) -> Result<PasswordChanged> {
    let mut errors: Fields = Vec::new();
    if let Some(problem) = password_problem(&new) {
        errors.push(("new_password", vec![problem]));
    }
    // A wrong current password is a failed login of the account, from wherever a
    // stolen session or key is used.
    let account = auth::account_key(Some(me), &me.username);
    let spent = app
        .limits
        .spend(vec![(Limit::AuthAccount, account)])
        .await?;
    // An account a sign-in provider made has no password to check: its first is set
    // by the person signed in.
    let right = me.password_hash.is_empty()
        || auth::verify_password_async(app, current, Some(me.password_hash.clone())).await;
    if right {
        app.limits.give_back(spent).await;
    } else {
        errors.insert(0, ("current_password", vec![Problem::WrongPassword]));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let hash = auth::hash_password_async(app, new).await?;
    let me = me.id;
    app.db
        .write(move |c| {
            store::people::users::set_password(c, me, &hash)?;
            // Whoever typed wrong two-factor codes no longer has the password.
            store::people::two_factor::clear_wrong(c, me)?;
            let ended = end_credentials(c, me, Some(&keep))?;
            store::people::identities::delete_linked_by_others(c, me, keep.digest())?;
            let user =
                store::people::users::by_id(c, me)?.ok_or(Error::NotFound(Missing::Caller))?;
            Ok(PasswordChanged { user, ended })
        })
        .await
}

/// One of a person's ways in, as their list shows it.
pub struct SignInItem {
    /// The first 16 hex digits of the stored hash: enough to name it, nothing to sign
    /// in with (the hash is of a secret that is never stored).
    pub id: String,
    /// `session` (a browser's), `device` (a Matrix app's) or `token` (a DRF key).
    pub kind: &'static str,
    /// A Matrix device's name, as the person or their app gave it.
    pub name: Option<String>,
    pub created_at: Option<String>,
    /// Whether the request came with it.
    pub current: bool,
}

fn listed_id(hash: &[u8]) -> String {
    hex::encode(hash.get(..8).unwrap_or(hash))
}

/// The caller's unexpired sessions, devices and keys, oldest first within sessions and
/// devices, then keys.
pub async fn sign_ins(app: &App, me: i64, current: Credential) -> Result<Vec<SignInItem>> {
    let presented = current.digest().unwrap_or_default().to_vec();
    app.db
        .read(move |c| {
            let sessions = store::people::sessions::of_user(c, me, &store::clock::now())?;
            let tokens = store::people::tokens::of_user(c, me)?;
            let item = |hash: &[u8], kind, name, created_at| SignInItem {
                id: listed_id(hash),
                kind,
                name,
                created_at,
                current: hash == presented.as_slice(),
            };
            let mut out: Vec<SignInItem> = sessions
                .into_iter()
                .map(|s| match s.device_id {
                    Some(_) => item(&s.hash, "device", s.device_name, s.created_at),
                    None => item(&s.hash, "session", None, s.created_at),
                })
                .collect();
            out.extend(
                tokens
                    .iter()
                    .map(|(h, at)| item(h, "token", None, Some(at.clone()))),
            );
            Ok(out)
        })
        .await
}

/// Ends one of the caller's sessions, devices or keys, by its listed id; its sockets
/// and long polls end.
pub async fn end_sign_in(app: &App, me: i64, id: String) -> Result<()> {
    app.db
        .write(move |c| {
            let sessions = store::people::sessions::of_user(c, me, &store::clock::now())?;
            if let Some(s) = sessions.iter().find(|s| listed_id(&s.hash) == id) {
                store::people::sessions::delete(c, &s.hash)?;
                return auth::sign_out(c, &s.hash);
            }
            let tokens = store::people::tokens::of_user(c, me)?;
            if let Some((hash, _)) = tokens.iter().find(|(h, _)| listed_id(h) == id) {
                store::people::tokens::delete(c, hash)?;
                return auth::sign_out(c, hash);
            }
            Err(Error::NotFound(Missing::Session))
        })
        .await
}

/// Sets a password through a reset link (once, before it expires); every session, key,
/// JWT, socket and provider link of that person ends. A link that proves an address the
/// account had not confirmed makes its user the owner: the messages the account had
/// waiting to be sent later are cancelled too. The account, for the answer.
pub async fn reset_password(app: &App, token: String, new: String) -> Result<User> {
    if let Some(problem) = password_problem(&new) {
        return Err(Error::field("new_password", problem));
    }
    let digest = auth::digest(token.trim());
    let hash = auth::hash_password_async(app, new).await?;
    app.db
        .write(move |c| {
            let now = store::clock::now();
            let taken = store::people::password_resets::take(c, &digest, &now)?
                .ok_or_else(|| Error::field("token", Problem::BadResetLink))?;
            let user_id = taken.user_id;
            store::people::users::set_password(c, user_id, &hash)?;
            // Whoever typed wrong two-factor codes no longer has the password.
            store::people::two_factor::clear_wrong(c, user_id)?;
            end_credentials(c, user_id, None)?;
            // Whoever linked a provider before knew the old password or held a session:
            // neither is a way back in after a reset.
            store::people::identities::delete_all(c, user_id)?;
            // A link mailed to the address the account still has proves that address.
            if taken.proves_address {
                let was_confirmed = store::people::confirmed_emails::is_confirmed(c, user_id)?;
                store::people::confirmed_emails::confirm(c, user_id, How::Reset, &now)?;
                // Until now the account was whoever typed the address; from now it is the
                // address's owner, who sends nothing someone else queued in their name.
                if !was_confirmed {
                    store::messaging::scheduled::cancel_all_of(c, user_id, &now)?;
                }
            }
            store::people::users::by_id(c, user_id)?
                .ok_or(Error::field("token", Problem::BadResetLink))
        })
        .await
}
