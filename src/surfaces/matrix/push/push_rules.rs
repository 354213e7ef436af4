//! `/pushrules/`: the specification's default push rules for the account, which apps
//! read at start (and show as notification settings), with natter's notification level
//! of each chat where the person chose one, as the room rules Matrix apps write: `all`
//! a room rule that notifies, `mentions` one that does not, `off` an override rule that
//! mutes the room. An app's room settings come back to natter as levels the same way,
//! so natter's client and its pushes (Web Push and Matrix pushers) follow them. natter
//! decides who is notified (levels, mentions, quiet hours); other rules are read-only.

use crate::domain::matrix::ids;
use crate::domain::matrix::ids::server_name;
use crate::domain::messaging::notify_levels::{self, ChatLevel};
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error, forbidden, not_found};
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Value};
use warp::reply::Response;

/// One default rule.
fn rule(id: &str, conditions: Value, actions: Value) -> Value {
    json!({
        "rule_id": id,
        "default": true,
        "enabled": id != ".m.rule.master",
        "conditions": conditions,
        "actions": actions,
    })
}

fn is(key: &str, pattern: &str) -> Value {
    json!({"kind": "event_match", "key": key, "pattern": pattern})
}

fn notify_sound(sound: &str, highlight: bool) -> Value {
    json!(["notify", {"set_tweak": "sound", "value": sound}, {"set_tweak": "highlight", "value": highlight}])
}

/// The default ruleset for the account with Matrix id `user_id` and localpart `local`.
fn defaults(user_id: &str, local: &str) -> Value {
    let mention = notify_sound("default", true);
    json!({
        "override": [
            rule(".m.rule.master", json!([]), json!([])),
            rule(".m.rule.suppress_notices", json!([is("content.msgtype", "m.notice")]), json!([])),
            rule(
                ".m.rule.invite_for_me",
                json!([is("type", "m.room.member"), is("content.membership", "invite"), is("state_key", user_id)]),
                notify_sound("default", false),
            ),
            rule(".m.rule.member_event", json!([is("type", "m.room.member")]), json!([])),
            rule(
                ".m.rule.is_user_mention",
                json!([{"kind": "event_property_contains", "key": "content.m\\.mentions.user_ids", "value": user_id}]),
                mention.clone(),
            ),
            rule(".m.rule.contains_display_name", json!([{"kind": "contains_display_name"}]), mention.clone()),
            rule(
                ".m.rule.is_room_mention",
                json!([
                    {"kind": "event_property_is", "key": "content.m\\.mentions.room", "value": true},
                    {"kind": "sender_notification_permission", "key": "room"},
                ]),
                json!(["notify", {"set_tweak": "highlight"}]),
            ),
            rule(
                ".m.rule.roomnotif",
                json!([{"kind": "sender_notification_permission", "key": "room"}, is("content.body", "@room")]),
                json!(["notify", {"set_tweak": "highlight"}]),
            ),
            rule(
                ".m.rule.tombstone",
                json!([is("type", "m.room.tombstone"), is("state_key", "")]),
                json!(["notify", {"set_tweak": "highlight"}]),
            ),
            rule(".m.rule.reaction", json!([is("type", "m.reaction")]), json!([])),
            rule(
                ".m.rule.room.server_acl",
                json!([is("type", "m.room.server_acl"), is("state_key", "")]),
                json!([]),
            ),
            rule(
                ".m.rule.suppress_edits",
                json!([{"kind": "event_property_is", "key": "content.m\\.relates_to.rel_type", "value": "m.replace"}]),
                json!([]),
            ),
        ],
        "content": [{
            "rule_id": ".m.rule.contains_user_name",
            "default": true,
            "enabled": true,
            "pattern": local,
            "actions": mention,
        }],
        "room": [],
        "sender": [],
        "underride": [
            rule(".m.rule.call", json!([is("type", "m.call.invite")]), notify_sound("ring", false)),
            rule(
                ".m.rule.encrypted_room_one_to_one",
                json!([{"kind": "room_member_count", "is": "2"}, is("type", "m.room.encrypted")]),
                notify_sound("default", false),
            ),
            rule(
                ".m.rule.room_one_to_one",
                json!([{"kind": "room_member_count", "is": "2"}, is("type", "m.room.message")]),
                notify_sound("default", false),
            ),
            rule(".m.rule.message", json!([is("type", "m.room.message")]), json!(["notify"])),
            rule(".m.rule.encrypted", json!([is("type", "m.room.encrypted")]), json!(["notify"])),
        ],
    })
}

/// A chat's chosen level as the rule a Matrix app writes for it: the kind of rule and
/// the rule.
fn level_rule(room: &str, level: &str) -> (&'static str, Value) {
    let own = |actions: Value| json!({"rule_id": room, "default": false, "enabled": true, "actions": actions});
    match level {
        "off" => {
            let mut rule = own(json!([]));
            rule["conditions"] = json!([is("room_id", room)]);
            ("override", rule)
        }
        "mentions" => ("room", own(json!([]))),
        _ => (
            "room",
            own(json!(["notify", {"set_tweak": "sound", "value": "default"}])),
        ),
    }
}

/// The ruleset of `me`, their chosen levels among the rules.
async fn ruleset_of(app: &App, me: &crate::store::people::users::User) -> ApiResult<Value> {
    let server = server_name(app);
    let user_id = ids::user_id(&me.username, me.id, server);
    let local = user_id
        .strip_prefix('@')
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_default()
        .to_string();
    let mut rules = defaults(&user_id, &local);
    let levels: Vec<ChatLevel> = notify_levels::all(app, me.id).await?;
    for level in levels.iter().filter(|l| l.chosen) {
        let (kind, rule) = level_rule(&ids::room_id(level.chat_id, server), level.level);
        if let Some(list) = rules[kind].as_array_mut() {
            // A muted room goes before the default overrides, as apps write it.
            let at = if kind == "override" {
                1.min(list.len())
            } else {
                list.len()
            };
            list.insert(at, rule);
        }
    }
    Ok(rules)
}

/// The caller's ruleset.
async fn ruleset(app: &App, req: &Request) -> ApiResult<Value> {
    let me = auth::caller(app, req)?.user(app).await?;
    ruleset_of(app, &me).await
}

/// `GET /pushrules/`.
pub async fn all(app: &App, req: &Request) -> ApiResult<Response> {
    let global = ruleset(app, req).await?;
    Ok(reply::json(200, &json!({ "global": global })))
}

/// `GET /pushrules/global/`.
pub async fn global(app: &App, req: &Request) -> ApiResult<Response> {
    Ok(reply::json(200, &ruleset(app, req).await?))
}

/// The kinds of rule Matrix has.
const KINDS: [&str; 5] = ["override", "content", "room", "sender", "underride"];

/// `GET /pushrules/global/{kind}/{ruleId}`.
pub async fn one(app: &App, req: &Request, kind: &str, rule_id: &str) -> ApiResult<Response> {
    if !KINDS.contains(&kind) {
        return Err(error(400, "M_INVALID_PARAM", "Unknown kind of rule"));
    }
    let rules = ruleset(app, req).await?;
    rules[kind]
        .as_array()
        .and_then(|list| list.iter().find(|r| r["rule_id"] == rule_id))
        .map(|rule| reply::json(200, rule))
        .ok_or_else(|| not_found("No such push rule"))
}

/// The chat a room rule's id names, when the rule is one natter keeps as a level.
fn chat_of_rule(app: &App, kind: &str, rule_id: &str) -> ApiResult<i64> {
    let room = match kind {
        "room" | "override" => ids::chat_of_room(rule_id, server_name(app)),
        _ => None,
    };
    room.ok_or_else(|| {
        forbidden("natter keeps a notification level per room; other rules cannot be changed here")
    })
}

/// `PUT /pushrules/global/{kind}/{roomId}`: a room's setting from an app, as natter's
/// level: an override that does not notify mutes the room (`off`), a room rule that
/// does not notify is `mentions`, one that notifies `all`.
pub async fn put(app: &App, req: &Request, kind: &str, rule_id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat = chat_of_rule(app, kind, rule_id)?;
    let given = body::object(req)?;
    let Some(Value::Array(actions)) = given.get("actions") else {
        return Err(bad_json("'actions' must be a list"));
    };
    let notifies = actions.iter().any(|a| a == "notify");
    if kind == "override" {
        let conditions = given.get("conditions").and_then(Value::as_array);
        let only_this_room = conditions.is_some_and(|c| {
            c.len() == 1
                && c[0]["kind"] == "event_match"
                && c[0]["key"] == "room_id"
                && c[0]["pattern"] == rule_id
        });
        if !only_this_room {
            return Err(forbidden(
                "natter keeps an override rule only to mute one room",
            ));
        }
    }
    let level = match (kind, notifies) {
        ("override", false) => "off",
        (_, false) => "mentions",
        (_, true) => "all",
    };
    notify_levels::set(app, me.id, chat, Some(level.to_string()))
        .await
        .map_err(|_| not_found("No such room of yours"))?;
    Ok(reply::json(200, &json!({})))
}

/// `DELETE /pushrules/global/{kind}/{roomId}`: the room back on natter's default level.
pub async fn delete(app: &App, req: &Request, kind: &str, rule_id: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat = chat_of_rule(app, kind, rule_id)?;
    let level = notify_levels::one(app, me.id, chat)
        .await
        .map_err(|_| not_found("No such push rule"))?;
    // Only the rule of the kind the level shows as is there to delete.
    let shown = level.chosen.then(|| level_rule(rule_id, level.level).0);
    if shown != Some(kind) {
        return Err(not_found("No such push rule"));
    }
    notify_levels::set(app, me.id, chat, None).await?;
    Ok(reply::json(200, &json!({})))
}

/// `PUT /pushrules/global/{kind}/{ruleId}/enabled|actions`: natter's default rules are
/// its own decisions (levels, mentions, quiet hours), not switches.
pub async fn refuse_change(app: &App, req: &Request) -> ApiResult<Response> {
    auth::caller(app, req)?.user(app).await?;
    Err(forbidden(
        "natter decides notifications by each room's level and quiet hours: set them per room \
         or on natter's account page",
    ))
}

/// The person's rules as the `m.push_rules` account data a first sync carries.
pub async fn account_data(app: &App, me: &crate::store::people::users::User) -> ApiResult<Value> {
    Ok(json!({"type": "m.push_rules", "content": {"global": ruleset_of(app, me).await?}}))
}
