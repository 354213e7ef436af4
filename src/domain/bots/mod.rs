//! Bots: accounts that tools post through. A bot is a `users` row, so it is a
//! member and a sender like a person on every surface, with a `bots` row beside it: who
//! made it, its key (shown once: see `webhooks::keys`) and, optionally, the outgoing
//! webhook natter calls when someone mentions it or writes to it directly
//! ([`outgoing`]). Tools post as it through a chat's hook URL ([`incoming`]).
//! Administrators make and look after bots; every change is in the audit list.

pub mod incoming;
pub mod outgoing;
pub mod slack_payload;

use crate::domain::error::{Conflict, Error, Fields, Missing, Problem, Result};
use crate::domain::leaving_calls;
use crate::domain::people::accounts::username_problem;
use crate::domain::people::actor::Actor;
use crate::hub::Published;
use crate::kit::names;
use crate::model::events::Event;
use crate::model::UserBrief;
use crate::state::App;
use crate::store::{
    self, bots::BotRow, messaging::chats::Chat, people::users::User, ChatKind, MemberRole, Tx,
};
use crate::webhooks::keys;
use serde_json::json;
use std::sync::Arc;

/// A bot as administrators see it.
pub struct Bot {
    pub user: User,
    pub row: BotRow,
    /// The groups, rooms and direct chats it is a member of.
    pub chats: Vec<Chat>,
}

/// What a new bot is made with.
pub struct NewBot {
    pub username: String,
    pub display_name: String,
    /// Its picture: as a person's profile image (`social::image_shaped`); empty: none.
    pub image: String,
    pub webhook_url: Option<String>,
}

/// A bot's fields as an administrator changes them (`None`: unchanged).
pub struct BotChanges {
    pub display_name: Option<String>,
    pub image: Option<String>,
    /// `Some(None)` clears the webhook.
    pub webhook_url: Option<Option<String>>,
}

/// The checked webhook URL (trimmed; blank is none), or the field's error.
fn checked_webhook(app: &App, url: Option<String>) -> Result<Option<String>> {
    let Some(url) = url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    app.webhooks
        .check_url(&url)
        .map_err(|why| Error::field("webhook_url", Problem::Worded(why)))?;
    Ok(Some(url))
}

fn checked_image(image: &str) -> Result<String> {
    let image = image.trim();
    if image.chars().count() > crate::domain::people::social::MAX_IMAGE_CHARS
        || !crate::domain::people::social::image_shaped(image)
    {
        return Err(Error::field("image", Problem::BadImage));
    }
    Ok(image.to_string())
}

/// A bot's display name, kept as a person's is (`people::accounts::display_name_of`).
fn checked_display_name(name: &str) -> Result<String> {
    crate::domain::people::accounts::display_name_of(name)
        .map_err(|problem| Error::field("display_name", problem))
}

/// Makes a bot; its key, which is shown this once.
pub async fn create(app: &App, actor: Actor, new: NewBot) -> Result<(Bot, String)> {
    let username = names::normalize_username(new.username.trim());
    let mut errors: Fields = Vec::new();
    if username.is_empty() {
        errors.push(("username", vec![Problem::Blank]));
    } else if names::has_invisible(new.username.trim()) {
        errors.push(("username", vec![Problem::BadUsername]));
    } else if let Some(problem) = username_problem(&username) {
        errors.push(("username", vec![problem]));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let display_name = checked_display_name(&new.display_name)?;
    let image = checked_image(&new.image)?;
    let webhook_url = checked_webhook(app, new.webhook_url)?;
    let owner = actor.id();
    let app2 = app.clone();
    app.db
        .write(move |c| {
            if store::people::users::username_taken(c, &username)? {
                return Err(Error::field("username", Problem::Taken));
            }
            let now = store::clock::now();
            let user = store::people::users::insert(
                c,
                &store::people::users::NewUser {
                    username: &username,
                    email: "",
                    // Empty: no password ever matches it (`auth::verify_password`).
                    password_hash: "",
                    display_name: &display_name,
                    is_admin: false,
                },
                &now,
            )
            .map_err(|e| match store::people::users::Taken::of(&e) {
                Some(_) => Error::field("username", Problem::Taken),
                None => e.into(),
            })?;
            if !image.is_empty() {
                store::people::users::update_profile(c, user.id, None, None, Some(&image))?;
            }
            let key = keys::new_key(user.id);
            let sealed = app2
                .webhooks
                .sealer
                .seal(user.id, &key)
                .map_err(Error::Internal)?;
            store::bots::insert(
                c,
                user.id,
                owner.unwrap_or(user.id),
                &keys::key_hash(&key),
                &sealed,
                webhook_url.as_deref(),
                &now,
            )?;
            actor.record(
                c,
                "bot.create",
                &format!("user:{}", user.id),
                json!({"username": user.username}),
            )?;
            let bot = load(c, user.id)?;
            Ok((bot, key))
        })
        .await
}

/// The bot `id` with its chats, or not found.
fn load(c: &store::Conn, id: i64) -> Result<Bot> {
    let row = store::bots::by_id(c, id)?.ok_or(Error::NotFound(Missing::Bot))?;
    with_account(c, row)
}

/// The bot of `row` with its account and chats.
fn with_account(c: &store::Conn, row: BotRow) -> Result<Bot> {
    let id = row.user_id;
    let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::Bot))?;
    let chats = store::messaging::chats::for_user(
        c,
        id,
        &[ChatKind::Direct, ChatKind::Group, ChatKind::Room],
    )?;
    Ok(Bot { user, row, chats })
}

/// Every bot, oldest first.
pub async fn list(app: &App) -> Result<Vec<Bot>> {
    app.db
        .read(|c| {
            store::bots::all(c)?
                .into_iter()
                .map(|row| with_account(c, row))
                .collect()
        })
        .await
}

/// The bot `id`, or not found.
pub async fn one(app: &App, id: i64) -> Result<Bot> {
    app.db.read(move |c| load(c, id)).await
}

/// The bot's key, unsealed (to derive its hook tokens and sign its calls).
pub fn key_of(app: &App, row: &BotRow) -> Result<String> {
    app.webhooks
        .sealer
        .open(row.user_id, &row.key_sealed)
        .ok_or_else(|| Error::Internal(format!("bot {}'s key cannot be unsealed", row.user_id)))
}

/// Changes a bot's display name or webhook.
pub async fn update(app: &App, actor: Actor, id: i64, changes: BotChanges) -> Result<Bot> {
    let display_name = changes
        .display_name
        .as_deref()
        .map(checked_display_name)
        .transpose()?;
    let image = changes.image.as_deref().map(checked_image).transpose()?;
    let webhook = changes
        .webhook_url
        .map(|url| checked_webhook(app, url))
        .transpose()?;
    app.db
        .write(move |c| {
            let mut bot = load(c, id)?;
            if let Some(name) = &display_name {
                store::people::users::update_profile(c, id, Some(name), None, None)?;
                bot.user.display_name = name.clone();
            }
            if let Some(image) = &image {
                store::people::users::update_profile(c, id, None, None, Some(image))?;
                bot.user.image = image.clone();
            }
            if display_name.is_some() || image.is_some() {
                // Matrix apps show names and pictures from memberships.
                store::matrix_log::note_profile(c, id)?;
            }
            if let Some(url) = &webhook {
                store::bots::set_webhook(c, id, url.as_deref())?;
                bot.row.webhook_url = url.clone();
            }
            actor.record(c, "bot.update", &format!("user:{id}"), json!({}))?;
            Ok(bot)
        })
        .await
}

/// Gives the bot a new key: the old one and every hook URL made from it stop at once.
pub async fn rotate_key(app: &App, actor: Actor, id: i64) -> Result<(Bot, String)> {
    let key = keys::new_key(id);
    let sealed = app
        .webhooks
        .sealer
        .seal(id, &key)
        .map_err(Error::Internal)?;
    app.db
        .write(move |c| {
            if !store::bots::set_key(c, id, &keys::key_hash(&key), &sealed)? {
                return Err(Error::NotFound(Missing::Bot));
            }
            actor.record(c, "bot.rotate_key", &format!("user:{id}"), json!({}))?;
            Ok((load(c, id)?, key.clone()))
        })
        .await
}

/// Deletes a bot: its key and hooks stop at once, it leaves its chats, and its account
/// stays, inactive, as the sender of what it posted.
pub async fn delete(app: &App, actor: Actor, id: i64) -> Result<()> {
    let chats = app
        .db
        .write(move |c| {
            let bot = load(c, id)?;
            store::bots::delete(c, id)?;
            store::people::users::set_active(c, id, false)?;
            for chat in &bot.chats {
                leave(c, chat.id, id)?;
            }
            actor.record(
                c,
                "bot.delete",
                &format!("user:{id}"),
                json!({"username": bot.user.username}),
            )?;
            Ok::<_, Error>(bot.chats.iter().map(|chat| chat.id).collect::<Vec<_>>())
        })
        .await?;
    // A bot's key opens sockets as any key does, so it may have joined a call.
    for chat_id in chats {
        leaving_calls::lost_chat(app, chat_id, &[id]).await;
    }
    Ok(())
}

fn leave(c: &Tx, chat_id: i64, bot_id: i64) -> Result<bool> {
    let audience = store::messaging::chats::member_ids(c, chat_id)?;
    if !store::messaging::chats::remove_member(c, chat_id, bot_id)? {
        return Ok(false);
    }
    c.revoke(chat_id, bot_id);
    c.publish(Published::new(
        chat_id,
        audience.into(),
        Event::MemberLeft { user_id: bot_id },
    ));
    Ok(true)
}

/// Adds the bot to a group or room the administrator `me` is a member of; the chat, and
/// the bot's row (whose key makes the chat's hook URL).
pub async fn add_to_chat(
    app: &App,
    actor: Actor,
    me: i64,
    id: i64,
    chat_id: i64,
) -> Result<(Chat, BotRow)> {
    app.db
        .write(move |c| {
            let bot = load(c, id)?;
            if !bot.user.is_active {
                return Err(Error::Conflict(Conflict::Deactivated));
            }
            let (chat, _) = crate::domain::messaging::chats::require_member(c, chat_id, me)?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::AddToDirect));
            }
            if let Some(max) = chat.max_participants {
                if store::messaging::chats::member_count(c, chat_id)? >= max {
                    return Err(Error::Conflict(Conflict::RoomFull));
                }
            }
            if store::messaging::chats::add_member(
                c,
                chat_id,
                id,
                MemberRole::Member,
                &store::clock::now(),
            )? {
                let audience: Arc<[i64]> = store::messaging::chats::member_ids(c, chat_id)?.into();
                c.publish(Published::new(
                    chat_id,
                    audience,
                    Event::MemberJoined {
                        user: UserBrief::from(&bot.user),
                    },
                ));
                actor.record(
                    c,
                    "bot.add_to_chat",
                    &format!("user:{id}"),
                    json!({"chat_id": chat_id}),
                )?;
            }
            Ok((chat, bot.row.clone()))
        })
        .await
}

/// Takes the bot out of a chat (its hook URL there stops at once).
pub async fn remove_from_chat(app: &App, actor: Actor, id: i64, chat_id: i64) -> Result<()> {
    app.db
        .write(move |c| {
            load(c, id)?;
            if !leave(c, chat_id, id)? {
                return Err(Error::NotFound(Missing::Member));
            }
            actor.record(
                c,
                "bot.remove_from_chat",
                &format!("user:{id}"),
                json!({"chat_id": chat_id}),
            )?;
            Ok(())
        })
        .await
}
