//! `GET /sync`: a person's rooms, then what changed in them since the token the app
//! holds, waiting up to `timeout` for something to happen. The wait holds a hub inbox
//! on every chat of the person, opened before the first read, so a change committed
//! between the read and the wait still wakes it; what is answered always comes from the
//! database (`domain::matrix::sync`), so a lost wake-up costs time, never an event.

use super::filters;
use crate::domain::matrix::encryption::to_device;
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sign_in::devices;
use crate::domain::matrix::sync::{self, SyncQuery, SyncRead};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::hub::typing::TypingSeen;
use crate::hub::{Published, SignIn};
use crate::model::Event;
use crate::routing::caller::Caller;
use crate::state::App;
use crate::store::people::users::User;
use crate::store::ChatKind;
use crate::surfaces::matrix::errors::error;
use crate::surfaces::matrix::rooms::events::Render;
use crate::surfaces::matrix::since_token::{position, token};
use serde_json::{json, Map, Value};
use std::time::Duration;
use warp::reply::Response;

/// The longest a sync waits, whatever `timeout` asks.
pub(super) const MAX_WAIT: Duration = Duration::from_secs(60);
/// Timeline events per room when the filter says nothing.
const DEFAULT_LIMIT: i64 = 10;
/// The most timeline events per room a filter may ask for.
const MAX_LIMIT: i64 = 100;

/// What a sync's filter asks that natter reads.
struct Asked {
    /// Messages per room's timeline.
    limit: i64,
    /// `room.state.lazy_load_members`: a room's members only as far as they sent
    /// something in the timeline (a room of thousands is not sent whole).
    lazy_members: bool,
    /// `room.timeline.unread_thread_notifications`: unread counts per thread.
    threads_apart: bool,
}

/// What the request's filter (an id or inline JSON) asks for.
fn asked(req: &Request) -> ApiResult<Asked> {
    let Some(filter) = req.query_param("filter") else {
        return Ok(Asked {
            limit: DEFAULT_LIMIT,
            lazy_members: false,
            threads_apart: false,
        });
    };
    let filter = match filter.trim_start().starts_with('{') {
        true => serde_json::from_str::<Value>(&filter)
            .map_err(|_| error(400, "M_BAD_JSON", "The filter is not JSON"))?,
        false => filters::named(&filter)
            .ok_or_else(|| error(400, "M_INVALID_PARAM", "No such filter"))?,
    };
    Ok(Asked {
        limit: filter["room"]["timeline"]["limit"]
            .as_i64()
            .unwrap_or(DEFAULT_LIMIT)
            .clamp(1, MAX_LIMIT),
        lazy_members: filter["room"]["state"]["lazy_load_members"] == true,
        threads_apart: filter["room"]["timeline"]["unread_thread_notifications"] == true,
    })
}

/// `GET /sync`.
pub async fn sync(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    let sign_in = caller.credential().sign_in();
    let device = crate::surfaces::matrix::sign_in::auth::device_of(&caller);
    let device_id = devices::current(app, caller.credential()).await?;
    let me = caller.user(app).await?;
    super::presence::note_active(app, req, me.id).await;
    let (since, typing_after) = match req.query_param("since") {
        Some(t) => {
            let (at, typing) =
                position(&t).ok_or_else(|| error(400, "M_INVALID_PARAM", "Unknown since token"))?;
            (Some(at), typing)
        }
        None => (None, None),
    };
    let full_state = req.query_param("full_state").as_deref() == Some("true");
    let asked = asked(req)?;
    let limit = asked.limit;
    let wait = req
        .query_param("timeout")
        .and_then(|t| t.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_millis)
        .min(MAX_WAIT);
    let q = SyncQuery {
        since: since.filter(|_| !full_state),
        limit,
        room_limits: None,
        threads_apart: asked.threads_apart,
        device: device_id,
        to_device: true,
    };
    received(app, &me, &q, since.map(|s| s.log)).await?;
    let Waited {
        read,
        typing,
        statuses,
    } = read_or_wait(app, &me, sign_in, &q, typing_after, wait).await?;
    // Boxed: what the answer awaits would otherwise take room in this future all the
    // while it waits.
    let shape = Shape {
        first: q.since.is_none(),
        lazy_members: asked.lazy_members,
        threads_apart: asked.threads_apart,
        hero_profiles: false,
    };
    Box::pin(finish(app, &me, &device, &read, typing, statuses, shape)).await
}

/// Forgets the messages the syncing device received up to log position `upto` (its app
/// holds a token past them).
pub(super) async fn received(
    app: &App,
    me: &User,
    q: &SyncQuery,
    upto: Option<i64>,
) -> ApiResult<()> {
    if let (Some(device), Some(upto)) = (&q.device, upto) {
        to_device::received(app, me.id, device.clone(), upto).await?;
    }
    Ok(())
}

/// What a sync read, once it had something to tell or its wait was over.
pub(super) struct Waited {
    pub read: SyncRead,
    pub typing: TypingSeen,
    /// Whose status changed while it waited.
    pub statuses: Vec<i64>,
}

/// Reads what changed after `q.since` (and the typing after `typing_after`), and, while
/// there is nothing, waits up to `wait` for something: the long poll of `/sync` and of
/// the sliding sync.
pub(super) async fn read_or_wait(
    app: &App,
    me: &User,
    sign_in: Option<SignIn>,
    q: &SyncQuery,
    typing_after: Option<u64>,
    wait: Duration,
) -> ApiResult<Waited> {
    // A long poll holds a place as a socket does: at most --max-sockets-per-user of
    // them together for one person (429 beyond, and the app waits and asks again).
    let _slot = match q.since.is_some() && !wait.is_zero() {
        true => Some(
            app.sockets_per_user
                .try_take(me.id)
                .ok_or(ApiError::TooManySockets(app.config.max_sockets_per_user))?,
        ),
        false => None,
    };
    // Subscribed before the first read: nothing committed after it is missed.
    let mut inbox = app.hub.open_waiting_inbox(me.id);
    let handle = inbox.handle();
    let _chats = app.hub.subscribe_user(&handle);
    let _sign_in = sign_in.map(|s| app.hub.subscribe_sign_in(s, &handle));
    let deadline = tokio::time::Instant::now() + wait;
    let typing_after = typing_after.filter(|_| q.since.is_some());
    let mut read = read_sync(app, me, q).await?;
    let mut typing = app.hub.typing.seen(me.id, typing_after);
    let mut statuses: Vec<i64> = Vec::new();
    while read.is_empty() && typing.chats.is_empty() && statuses.is_empty() && q.since.is_some() {
        // A typer who runs out is told as stopped: the wait ends then too.
        let wake = typing
            .next_expiry
            .map_or(deadline, |at| deadline.min(at.into()));
        tokio::select! {
            event = inbox.events.recv() => note_status(&mut statuses, &event),
            // Signed out, locked out or too slow: answered as is; a token that ended
            // is refused on the next request.
            _ = handle.kicked() => break,
            _ = inbox.closing.changed() => break,
            _ = tokio::time::sleep_until(wake) => {}
        }
        // A burst of events is read once.
        while let Ok(event) = inbox.events.try_recv() {
            note_status(&mut statuses, &event);
        }
        read = read_sync(app, me, q).await?;
        typing = app.hub.typing.seen(me.id, typing_after);
        if tokio::time::Instant::now() >= deadline {
            break;
        }
    }
    // No typing changed: the token stays as it was, as the rest of it does.
    if let (Some(after), true) = (typing_after, typing.chats.is_empty()) {
        typing.stamp = after;
    }
    Ok(Waited {
        read,
        typing,
        statuses,
    })
}

/// How a sync's answer is made.
#[derive(Clone, Copy)]
pub(super) struct Shape {
    /// A first sync (no `since`).
    pub first: bool,
    /// Members sent only as far as the timeline needs them.
    pub lazy_members: bool,
    /// Unread counts per thread.
    pub threads_apart: bool,
    /// The heroes with their names and pictures too (`summary.heroes`, which the sliding
    /// sync gives its apps, where `/sync` has only their ids).
    pub hero_profiles: bool,
}

/// The answer to a sync once it has something to tell (or its wait is over).
async fn finish(
    app: &App,
    me: &User,
    device: &[u8],
    read: &SyncRead,
    typing: TypingSeen,
    statuses: Vec<i64>,
    shape: Shape,
) -> ApiResult<Response> {
    let first = shape.first;
    let mut body = answer(app, me, read, shape);
    add_typing(&typing, &mut body, server_name(app));
    body["next_batch"] = Value::from(token(read.head, typing.stamp));
    echo_timelines(app, device, &mut body).await?;
    // The rules (natter's levels among them) and natter's custom emoji as an image pack
    // come with a first sync, as apps expect.
    if first {
        let rules = crate::surfaces::matrix::push::push_rules::account_data(app, me).await?;
        let pack = crate::surfaces::matrix::emoji_pack::account_data(app).await?;
        if let Some(events) = body["account_data"]["events"].as_array_mut() {
            events.push(rules);
            // What the person keeps as their own pack wins over natter's.
            if !events.iter().any(|e| e["type"] == "im.ponies.user_emotes") {
                events.extend(pack);
            }
        }
    }
    body["presence"]["events"] = Value::from(presence_events(app, read, first, statuses).await?);
    Ok(reply::json(200, &body))
}

/// Gives `device` its own events back with their transaction ids, in every joined
/// room's timeline of a sync's JSON.
pub(super) async fn echo_timelines(app: &App, device: &[u8], body: &mut Value) -> ApiResult<()> {
    let timelines: Vec<&mut Value> = body["rooms"]["join"]
        .as_object_mut()
        .into_iter()
        .flat_map(|rooms| rooms.values_mut())
        .filter_map(|room| room["timeline"]["events"].as_array_mut())
        .flatten()
        .collect();
    crate::surfaces::matrix::rooms::echoes::tell(app, device, timelines).await
}

/// Notes whose status changed, from a hub event (once each).
fn note_status(statuses: &mut Vec<i64>, event: &Published) {
    if let Event::StatusChanged { user_id, .. } = &event.event {
        if !statuses.contains(user_id) {
            statuses.push(*user_id);
        }
    }
}

/// The sync's presence: on a first sync everyone in the person's rooms (the reader
/// too), later the people whose status changed while it waited, as they are now.
async fn presence_events(
    app: &App,
    read: &SyncRead,
    first: bool,
    changed: Vec<i64>,
) -> ApiResult<Vec<Value>> {
    let mut people: Vec<(i64, String)> = Vec::new();
    if first {
        for (u, _) in read.joined.iter().flat_map(|r| r.members.iter()) {
            if !people.iter().any(|(id, _)| *id == u.id) {
                people.push((u.id, u.username.clone()));
            }
        }
    }
    for id in changed {
        if people.iter().any(|(known, _)| *known == id) {
            continue;
        }
        if let Some(u) = crate::domain::people::accounts::user_by_id(app, id).await? {
            people.push((id, u.username));
        }
    }
    super::presence::events(app, people).await
}

/// Adds each chat's `m.typing` (who types there now) to the sync's rooms; a room with
/// nothing else new gets an entry of its own.
pub(super) fn add_typing(typing: &TypingSeen, body: &mut Value, server: &str) {
    for (chat, people) in &typing.chats {
        let ids: Vec<String> = people
            .iter()
            .map(|u| ids::user_id(&u.username, u.id, server))
            .collect();
        let event = json!({"type": "m.typing", "content": {"user_ids": ids}});
        let room = &mut body["rooms"]["join"][ids::room_id(*chat, server)];
        if room.is_null() {
            // A room where only typing changed still has its lists, empty: some apps
            // (matrix-nio) refuse a whole sync whose room has no timeline list.
            *room = json!({
                "ephemeral": {"events": []},
                "timeline": {"events": [], "limited": false},
                "state": {"events": []},
                "account_data": {"events": []},
            });
        }
        if let Some(events) = room["ephemeral"]["events"].as_array_mut() {
            events.push(event);
        }
    }
}

/// The stored account data of one scope (0: the account's) as events.
fn stored(read: &SyncRead, scope: i64) -> Vec<Value> {
    read.account_data
        .iter()
        .filter(|(s, _, _)| *s == scope)
        .map(|(_, kind, content)| {
            let content: Value = serde_json::from_str(content).unwrap_or_else(|_| json!({}));
            json!({"type": kind, "content": content})
        })
        .collect()
}

async fn read_sync(app: &App, me: &User, q: &SyncQuery) -> ApiResult<SyncRead> {
    let me_id = me.id;
    let q = SyncQuery {
        since: q.since,
        limit: q.limit,
        room_limits: q.room_limits.clone(),
        threads_apart: q.threads_apart,
        device: q.device.clone(),
        to_device: q.to_device,
    };
    Ok(app.db.read(move |c| sync::read(c, me_id, &q)).await?)
}

/// The sync's JSON.
pub(super) fn answer(app: &App, me: &User, read: &SyncRead, shape: Shape) -> Value {
    let first = shape.first;
    let server = server_name(app);
    let mut joined = Map::new();
    for room in &read.joined {
        let render = Render::new(server, &room.members);
        let mut timeline = render.timeline(room);
        let heroes: Vec<&crate::model::views::UserBrief> = room
            .members
            .iter()
            .map(|(u, _)| u)
            .filter(|u| u.id != me.id)
            .take(5)
            .collect();
        let unnamed = room.chat.kind == ChatKind::Direct;
        let state = match (room.whole, shape.lazy_members) {
            (true, false) => render.whole_state(room),
            (false, false) => Vec::new(),
            // Lazily: of the members, the reader, the heroes an app names a room
            // without a name (a direct chat) after, and those who sent something in the
            // timeline; later syncs bring each new sender with their message.
            (true, true) => render.whole_state_with(room, |u| {
                u.id == me.id
                    || (unnamed && heroes.iter().any(|h| h.id == u.id))
                    || render.sent_any(u, &timeline)
            }),
            (false, true) => render.senders_state(room, &timeline),
        };
        // A room with no message yet shows its making as its first events, as Synapse's
        // new rooms do (apps open a room at its timeline, and showed an empty one blank);
        // the state keeps them too, for apps that read a room's state only there.
        if room.whole && !room.limited && room.chat.last_message_id == 0 {
            timeline.splice(0..0, state.iter().cloned());
        }
        let profiles: Vec<Value> = heroes
            .iter()
            .filter(|_| shape.hero_profiles)
            .map(|u| {
                let mut hero = render.member_content(u, "join");
                hero["user_id"] = Value::from(render.user(u));
                hero
            })
            .collect();
        let heroes: Vec<String> = heroes.iter().map(|u| render.user(u)).collect();
        let private = room.private_read.map(|read| (me.id, read));
        let ephemeral: Vec<Value> = render
            .receipts(&room.receipts, private)
            .into_iter()
            .collect();
        let mine_moved = room.receipts.iter().any(|(u, _)| *u == me.id) || private.is_some();
        // A room with nothing read yet has no read marker: `$m0` names no event, and apps
        // that open a room at its marker showed it blank.
        let mut account_data = match (room.whole || mine_moved) && room.my_read > 0 {
            true => vec![
                json!({"type": "m.fully_read", "content": {"event_id": ids::message_event(room.my_read)}}),
            ],
            false => Vec::new(),
        };
        account_data.extend(stored(read, room.chat.id));
        joined.insert(
            ids::room_id(room.chat.id, server),
            json!({
                "summary": {
                    "m.heroes": heroes,
                    "m.joined_member_count": room.members.len(),
                    "m.invited_member_count": 0,
                },
                "state": {"events": state},
                "timeline": {
                    "events": timeline,
                    "limited": room.limited,
                    "prev_batch": format!("m{}", room.starts_at),
                },
                "ephemeral": {"events": ephemeral},
                "account_data": {"events": account_data},
                "unread_notifications": {
                    "notification_count": room.unread,
                    "highlight_count": room.highlights,
                },
            }),
        );
        if shape.hero_profiles {
            if let Some(entry) = joined.get_mut(&ids::room_id(room.chat.id, server)) {
                entry["summary"]["heroes"] = Value::from(profiles);
            }
        }
        if shape.threads_apart {
            let threads: Map<String, Value> = room
                .threads
                .iter()
                .map(|t| {
                    let counts =
                        json!({"notification_count": t.unread, "highlight_count": t.highlights});
                    (ids::message_event(t.root), counts)
                })
                .collect();
            if let Some(entry) = joined.get_mut(&ids::room_id(room.chat.id, server)) {
                entry["unread_thread_notifications"] = Value::Object(threads);
            }
        }
    }
    let mut left = Map::new();
    for room in &read.left {
        let render = Render::new(server, &[]);
        left.insert(
            ids::room_id(room.chat_id, server),
            json!({
                "state": {"events": []},
                "timeline": {
                    "events": [render.membership(format!("$s{}", room.pos), &room.me, "leave")],
                    "limited": false,
                },
                "account_data": {"events": []},
            }),
        );
    }
    let mut account_data = stored(read, 0);
    if first || read.joined.iter().any(|r| r.whole) {
        let mut direct: Map<String, Value> = Map::new();
        for (other, chat) in &read.direct {
            let entry = direct
                .entry(ids::user_id(&other.username, other.id, server))
                .or_insert_with(|| json!([]));
            if let Some(list) = entry.as_array_mut() {
                list.push(Value::from(ids::room_id(*chat, server)));
            }
        }
        // What an app wrote as m.direct stays beside natter's own direct chats.
        if let Some(written) = account_data.iter().position(|e| e["type"] == "m.direct") {
            let written = account_data.remove(written);
            if let Some(map) = written["content"].as_object() {
                for (user, rooms) in map {
                    direct.entry(user.clone()).or_insert_with(|| rooms.clone());
                }
            }
        }
        account_data.push(json!({"type": "m.direct", "content": direct}));
    }
    json!({
        "next_batch": Value::Null,
        "account_data": {"events": account_data},
        "presence": {"events": []},
        "rooms": {"join": joined, "invite": {}, "leave": left, "knock": {}},
        "to_device": {"events": to_device_events(read)},
        "device_lists": {"changed": keys_changed(read, server), "left": []},
        "device_one_time_keys_count": key_counts(read),
        "device_unused_fallback_key_types": fallback_types(read),
    })
}

/// The messages sent to the syncing device, as their senders wrote them.
fn to_device_events(read: &SyncRead) -> Vec<Value> {
    read.device
        .iter()
        .flat_map(|d| d.to_device.iter())
        .map(|m| {
            let content: Value = serde_json::from_str(&m.content).unwrap_or_else(|_| json!({}));
            json!({"sender": m.sender, "type": m.kind, "content": content})
        })
        .collect()
}

/// Whose devices or keys changed, as Matrix ids.
fn keys_changed(read: &SyncRead, server: &str) -> Vec<String> {
    read.device
        .iter()
        .flat_map(|d| d.keys_changed.iter())
        .map(|(id, username)| ids::user_id(username, *id, server))
        .collect()
}

/// The syncing device's unclaimed one-time keys by algorithm.
fn key_counts(read: &SyncRead) -> Value {
    match &read.device {
        Some(d) => crate::surfaces::matrix::encryption::keys::counts_json(&d.counts),
        None => json!({}),
    }
}

/// The algorithms of the syncing device's fallback keys not yet handed out.
fn fallback_types(read: &SyncRead) -> Vec<String> {
    read.device
        .iter()
        .flat_map(|d| d.counts.unused_fallback.iter().cloned())
        .collect()
}
