//! What administrators do, through `/api/admin/` or, as the operator,
//! through the command line (`natter users ...`, `natter invite`): people, invitations,
//! moderation. Every action is written to the audit list in the same transaction.

use crate::domain::auth;
use crate::domain::error::{Conflict, Error, Missing, Problem, Result};
use crate::domain::leaving_calls;
use crate::domain::messaging::chats::member_left_everywhere;
use crate::domain::people::accounts::password_problem;
use crate::domain::people::actor::Actor;
use crate::domain::people::own_account::end_credentials;
use crate::kit::expiry::MAX_EXPIRY_SECS;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store::{self, people::invitations::Invitation, people::users::User, ChatKind, Tx};
use serde_json::json;

/// How long a password reset link lasts (kept with the mail that sends one, which the
/// administrators' links share).
pub use crate::domain::mail::forgot::RESET_LINK_SECS;

/// A person as administrators see them: the account, the bytes of their uploads, and
/// whether their address is confirmed.
pub struct Person {
    pub user: User,
    pub storage_bytes: i64,
    pub email_confirmed: bool,
}

/// One page of people (all, or those matching `search`), and how many match.
pub async fn people(
    app: &App,
    search: String,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<Person>)> {
    app.db
        .read(move |c| {
            let (count, rows) = store::people::users::admin_page(c, search.trim(), size, offset)?;
            let ids: Vec<i64> = rows.iter().map(|(u, _)| u.id).collect();
            let confirmed = store::people::confirmed_emails::confirmed_among(c, &ids)?;
            let people = rows
                .into_iter()
                .map(|(user, storage_bytes)| Person {
                    email_confirmed: confirmed.contains(&user.id),
                    user,
                    storage_bytes,
                })
                .collect();
            Ok((count, people))
        })
        .await
}

/// One person, by id.
pub async fn person(app: &App, id: i64) -> Result<Person> {
    app.db.read(move |c| person_on(c, id)).await
}

fn person_on(c: &store::Conn, id: i64) -> Result<Person> {
    let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
    let storage_bytes = store::people::users::storage_used(c, id)?;
    let email_confirmed = store::people::confirmed_emails::is_confirmed(c, id)?;
    Ok(Person {
        user,
        storage_bytes,
        email_confirmed,
    })
}

/// Confirms a person's present address on the operator's word (`natter users
/// confirm-email`): they know it is theirs. `Invalid` when the account has none.
pub async fn confirm_email(app: &App, actor: Actor, id: i64) -> Result<Person> {
    app.db
        .write(move |c| {
            let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
            if user.email.is_empty() {
                return Err(Error::field("email", Problem::Blank));
            }
            if !store::people::confirmed_emails::is_confirmed(c, id)? {
                let how = store::people::confirmed_emails::How::Operator;
                store::people::confirmed_emails::confirm(c, id, how, &store::clock::now())?;
                let detail = json!({"email": user.email});
                actor.record(c, "user.confirm_email", &target_of(&user), detail)?;
            }
            person_on(c, id)
        })
        .await
}

/// The account named `username` (for the command line), or `Missing::User`.
pub async fn named(app: &App, username: String) -> Result<User> {
    app.db
        .read(move |c| {
            store::people::users::by_username(c, &username)?.ok_or(Error::NotFound(Missing::User))
        })
        .await
}

fn target_of(user: &User) -> String {
    format!("user:{} {}", user.id, user.username)
}

/// Refuses a change that would leave no administrator who can sign in (active, not a
/// bot) besides `user`.
fn keep_an_admin(c: &Tx, user: &User) -> Result<()> {
    let counts = user.is_admin && user.is_active && !store::bots::is_bot(c, user.id)?;
    if counts && store::people::users::active_admins_except(c, user.id)? == 0 {
        return Err(Error::Conflict(Conflict::LastAdmin));
    }
    Ok(())
}

/// Deactivates (`active` false: every session, key, JWT and socket of theirs ends at
/// once, on every node; their messages stay) or reactivates a person.
pub async fn set_active(app: &App, actor: Actor, id: i64, active: bool) -> Result<Person> {
    app.db
        .write(move |c| {
            let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
            if !active {
                if actor.id() == Some(id) {
                    return Err(Error::Conflict(Conflict::OwnAccount));
                }
                keep_an_admin(c, &user)?;
            }
            if user.is_active != active {
                store::people::users::set_active(c, id, active)?;
                if !active {
                    end_credentials(c, id, None)?;
                }
                let action = if active {
                    "user.reactivate"
                } else {
                    "user.deactivate"
                };
                actor.record(c, action, &target_of(&user), json!({}))?;
            }
            person_on(c, id)
        })
        .await
}

/// Makes a person an administrator (never a bot), or not (never the last one who can
/// sign in, and never oneself: another administrator does that).
pub async fn set_admin(app: &App, actor: Actor, id: i64, admin: bool) -> Result<Person> {
    app.db
        .write(move |c| {
            let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
            if admin && store::bots::is_bot(c, id)? {
                return Err(Error::Conflict(Conflict::BotAdmin));
            }
            if !admin {
                keep_an_admin(c, &user)?;
                if actor.id() == Some(id) && user.is_admin {
                    return Err(Error::Conflict(Conflict::OwnAccount));
                }
            }
            if user.is_admin != admin {
                store::people::users::set_admin(c, id, admin)?;
                let action = if admin { "user.promote" } else { "user.demote" };
                actor.record(c, action, &target_of(&user), json!({}))?;
            }
            person_on(c, id)
        })
        .await
}

/// A bot never signs in, so it gets neither a password nor a reset link.
fn refuse_bot(c: &store::Conn, id: i64) -> Result<()> {
    match store::bots::is_bot(c, id)? {
        true => Err(Error::Conflict(Conflict::BotPassword)),
        false => Ok(()),
    }
}

/// A one-time password reset link's token for a person, valid for [`RESET_LINK_SECS`];
/// with when it expires. Only its hash is stored.
pub async fn reset_link(app: &App, actor: Actor, id: i64) -> Result<(String, String)> {
    let token = random_hex(24);
    let digest = auth::digest(&token);
    let expires = store::clock::time_after(RESET_LINK_SECS);
    let expires_at = expires.clone();
    app.db
        .write(move |c| {
            let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
            refuse_bot(c, id)?;
            let now = store::clock::now();
            store::people::password_resets::insert(c, &digest, id, &expires, &now)?;
            actor.record(
                c,
                "user.password_reset",
                &target_of(&user),
                json!({"expires_at": expires}),
            )
        })
        .await?;
    Ok((token, expires_at))
}

/// Sets a person's password (the command line's `set-password`); every session, key,
/// JWT and socket of theirs ends.
pub async fn set_password(app: &App, actor: Actor, id: i64, password: String) -> Result<()> {
    if let Some(problem) = password_problem(&password) {
        return Err(Error::field("password", problem));
    }
    let hash = auth::hash_password_async(app, password).await?;
    app.db
        .write(move |c| {
            let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::User))?;
            refuse_bot(c, id)?;
            store::people::users::set_password(c, id, &hash)?;
            // Whoever typed wrong two-factor codes no longer has the password.
            store::people::two_factor::clear_wrong(c, id)?;
            end_credentials(c, id, None)?;
            // As a reset link's password: no provider linked before is a way back in.
            store::people::identities::delete_all(c, id)?;
            actor.record(c, "user.set_password", &target_of(&user), json!({}))
        })
        .await
}

/// A new invitation: usable `max_uses` times (`None`: any number), until `expires_in`
/// seconds from now (`None`: never).
pub async fn invite(
    app: &App,
    actor: Actor,
    max_uses: Option<i64>,
    expires_in: Option<i64>,
) -> Result<Invitation> {
    invite_and_then(app, actor, max_uses, expires_in, |_, _| Ok(())).await
}

/// [`invite`], with `then` done in the same transaction (the mails that carry its link
/// are queued with it): if `then` fails, no invitation is made.
pub async fn invite_and_then<F>(
    app: &App,
    actor: Actor,
    max_uses: Option<i64>,
    expires_in: Option<i64>,
    then: F,
) -> Result<Invitation>
where
    F: Fn(&Tx, &Invitation) -> Result<()> + Send + 'static,
{
    if max_uses.is_some_and(|n| n < 1) {
        return Err(Error::field("max_uses", Problem::TooSmall { min: 1 }));
    }
    if expires_in.is_some_and(|s| !(1..=MAX_EXPIRY_SECS).contains(&s)) {
        return Err(Error::field("expires_in", Problem::BadDuration));
    }
    let code = random_hex(12);
    let expires_at = expires_in.map(store::clock::time_after);
    app.db
        .write(move |c| {
            let invitation = store::people::invitations::insert(
                c,
                &code,
                actor.id(),
                expires_at.as_deref(),
                max_uses,
                &store::clock::now(),
            )?;
            actor.record(
                c,
                "invitation.create",
                &format!("invitation:{}", invitation.id),
                json!({"max_uses": max_uses, "expires_at": expires_at}),
            )?;
            then(c, &invitation)?;
            Ok(invitation)
        })
        .await
}

/// Every invitation, newest first.
pub async fn invitations(app: &App) -> Result<Vec<Invitation>> {
    app.db
        .read(|c| Ok(store::people::invitations::all(c)?))
        .await
}

/// Revokes an invitation (kept, marked revoked).
pub async fn revoke_invitation(app: &App, actor: Actor, id: i64) -> Result<()> {
    app.db
        .write(move |c| {
            store::people::invitations::by_id(c, id)?
                .ok_or(Error::NotFound(Missing::Invitation))?;
            if store::people::invitations::revoke(c, id, &store::clock::now())? {
                actor.record(
                    c,
                    "invitation.revoke",
                    &format!("invitation:{id}"),
                    json!({}),
                )?;
            }
            Ok(())
        })
        .await
}

/// Removes any message as moderation: it keeps its place, with no text, files or
/// reactions, and natter's client shows "removed by an administrator" there, to its
/// author and the chat (`messages::remove_as_moderation_on`).
pub async fn remove_message(app: &App, actor: Actor, id: i64) -> Result<()> {
    app.db
        .write(move |c| {
            let message = store::messaging::messages::by_id(c, id)?
                .ok_or(Error::NotFound(Missing::Message))?;
            let chat = store::messaging::chats::by_id(c, message.chat_id)?
                .ok_or(Error::NotFound(Missing::Message))?;
            let detail = json!({"chat_id": chat.id, "sender_id": message.sender_id});
            crate::domain::messaging::messages::remove_as_moderation_on(c, message, chat)?;
            actor.record(c, "message.remove", &format!("message:{id}"), detail)
        })
        .await
}

/// Removes a group or room as moderation: gone for everyone (its members' sockets on it
/// close and its call ends, as when it is deleted), kept in the database with its
/// messages.
pub async fn remove_chat(app: &App, actor: Actor, id: i64) -> Result<()> {
    let members = app
        .db
        .write(move |c| {
            let chat =
                store::messaging::chats::by_id(c, id)?.ok_or(Error::NotFound(Missing::Chat))?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::RemoveDirect));
            }
            let audience = store::messaging::chats::member_ids(c, id)?;
            let name = store::messaging::chats::remove(c, id, &store::clock::now())?;
            member_left_everywhere(c, id, audience.clone());
            actor.record(
                c,
                "chat.remove",
                &format!("chat:{id}"),
                json!({"kind": chat.kind.as_str(), "title": chat.title, "name": name}),
            )?;
            Ok(audience)
        })
        .await?;
    leaving_calls::lost_chat(app, id, &members).await;
    Ok(())
}
