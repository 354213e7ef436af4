//! natter's own bots API, under `/api/bots/`, in DRF's shape. Anyone
//! signed in lists bots (to mark them among senders); administrators see and change
//! everything else: keys (shown once), webhooks, chats and their hook URLs.

use crate::domain::bots::{self, Bot, BotChanges, NewBot};
use crate::domain::people::actor::Actor;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::model::UserBrief;
use crate::state::App;
use crate::store::{messaging::chats::Chat, people::users::User};
use crate::webhooks::keys;
use serde_json::{json, Value};
use warp::reply::Response;

/// A bot as everyone sees it.
fn public_json(b: &Bot) -> Value {
    let u = UserBrief::from(&b.user);
    json!({
        "id": u.id,
        "username": u.username,
        "display_name": u.display_name,
        "image": u.image,
        "is_bot": true,
    })
}

/// A bot as administrators see it: its webhook, and its chats with their hook URLs on
/// the origin the administrator used.
fn admin_json(app: &App, req: &Request, b: &Bot) -> ApiResult<Value> {
    let key = bots::key_of(app, &b.row)?;
    let chats: Vec<Value> = b.chats.iter().map(|c| chat_json(req, &key, c)).collect();
    let mut v = public_json(b);
    v["owner"] = b.row.owner.as_ref().map_or(
        Value::Null,
        |(id, name)| json!({"id": id, "username": name}),
    );
    v["webhook_url"] = json!(b.row.webhook_url);
    v["created_at"] = json!(b.row.created_at);
    v["key_hook_url"] = Value::Null;
    v["chats"] = Value::Array(chats);
    Ok(v)
}

/// One chat of a bot's, with its hook URL on the origin the administrator used.
fn chat_json(req: &Request, key: &str, chat: &Chat) -> Value {
    json!({
        "id": chat.id,
        "name": chat.shown_name(),
        "kind": chat.kind.as_str(),
        "hook_url": format!("{}/hooks/{}", req.base_url(), keys::chat_token(key, chat.id)),
    })
}

/// The view of `b` for `me`.
fn bot_json(app: &App, req: &Request, me: &User, b: &Bot) -> ApiResult<Value> {
    if me.is_admin {
        admin_json(app, req, b)
    } else {
        Ok(public_json(b))
    }
}

/// A key and the hook URL made of it (which posts where the payload's `channel` says).
fn with_key(req: &Request, mut v: Value, key: &str) -> Value {
    v["key"] = json!(key);
    v["key_hook_url"] = json!(format!("{}/hooks/{key}", req.base_url()));
    v
}

/// `GET /api/bots/` -> `{"count", "results": [bot]}`.
pub(crate) async fn list(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let all = bots::list(app).await?;
    let rows = all
        .iter()
        .map(|b| bot_json(app, req, &me, b))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(reply::ok(json!({"count": rows.len(), "results": rows})))
}

/// `POST /api/bots/` with `{"username", "display_name"?, "image"?, "webhook_url"?}` -> 201 with the
/// key, shown this once.
pub(crate) async fn create(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let actor = Actor::admin(me)?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let username = check.take(f.required_string("username"));
    let display_name = check.take(f.string("display_name"));
    let image = check.take(f.string("image"));
    let webhook_url = check.take(f.string("webhook_url"));
    check.finish()?;
    let (bot, key) = bots::create(
        app,
        actor,
        NewBot {
            username,
            display_name: display_name.unwrap_or_default(),
            image: image.unwrap_or_default(),
            webhook_url,
        },
    )
    .await?;
    Ok(reply::created(with_key(
        req,
        admin_json(app, req, &bot)?,
        &key,
    )))
}

/// `GET /api/bots/{id}/`.
pub(crate) async fn one(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let bot = bots::one(app, id).await?;
    Ok(reply::ok(bot_json(app, req, &me, &bot)?))
}

/// `PATCH /api/bots/{id}/` with `display_name`, `image` and/or `webhook_url` (`""` or
/// null: none).
pub(crate) async fn update(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let actor = Actor::admin(me)?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let display_name = check.take(f.string("display_name"));
    let image = check.take(f.string("image"));
    let webhook_url = if f.value("webhook_url").is_some_and(Value::is_null) {
        Some(None)
    } else {
        check.take(f.string("webhook_url")).map(Some)
    };
    check.finish()?;
    let changes = BotChanges {
        display_name,
        image,
        webhook_url,
    };
    let bot = bots::update(app, actor, id, changes).await?;
    Ok(reply::ok(admin_json(app, req, &bot)?))
}

/// `DELETE /api/bots/{id}/` -> 204.
pub(crate) async fn delete(app: &App, me: User, id: i64) -> ApiResult<Response> {
    bots::delete(app, Actor::admin(me)?, id).await?;
    Ok(reply::no_content())
}

/// `POST /api/bots/{id}/key/` -> `{"key", "key_hook_url"}` and the bot's new hook URLs.
pub(crate) async fn rotate_key(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let (bot, key) = bots::rotate_key(app, Actor::admin(me)?, id).await?;
    Ok(reply::ok(with_key(req, admin_json(app, req, &bot)?, &key)))
}

/// `POST /api/bots/{id}/chats/` with `{"chat_id"}` -> 201 with the chat and its hook URL.
pub(crate) async fn add_to_chat(
    app: &App,
    req: &Request,
    me: User,
    id: i64,
) -> ApiResult<Response> {
    let me_id = me.id;
    let actor = Actor::admin(me)?;
    let f = req.fields()?;
    let chat_id = crate::http::request::required("chat_id", f.pk("chat_id")?)?;
    let (chat, row) = bots::add_to_chat(app, actor, me_id, id, chat_id).await?;
    let key = bots::key_of(app, &row)?;
    Ok(reply::created(chat_json(req, &key, &chat)))
}

/// `DELETE /api/bots/{id}/chats/{chat}/` -> 204.
pub(crate) async fn remove_from_chat(
    app: &App,
    me: User,
    id: i64,
    chat: i64,
) -> ApiResult<Response> {
    bots::remove_from_chat(app, Actor::admin(me)?, id, chat).await?;
    Ok(reply::no_content())
}
