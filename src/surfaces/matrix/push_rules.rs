//! `/pushrules/`: the specification's default push rules for the account, which apps
//! read at start (and show as notification settings). natter decides who is notified by
//! its own notification levels and quiet hours; these rules say the same thing in
//! Matrix's words: every message notifies, a mention highlights.

use super::auth;
use super::ids;
use super::ids::server_name;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
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

/// The caller's ruleset.
async fn ruleset(app: &App, req: &Request) -> ApiResult<Value> {
    let me = auth::caller(app, req)?.user(app).await?;
    let user_id = ids::user_id(&me.username, me.id, server_name(app));
    let local = user_id
        .strip_prefix('@')
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_default()
        .to_string();
    Ok(defaults(&user_id, &local))
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
