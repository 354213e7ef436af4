//! Simplified Sliding Sync (`POST /unstable/org.matrix.simplified_msc3575/sync`), the
//! only way Element X syncs: the app asks for windows (`ranges`) of its room lists, sorted
//! by latest activity, and for rooms it has open (`room_subscriptions`), each with the
//! state it needs and a timeline limit; `pos` is a `/sync` since token, so it survives
//! restarts and means the same on every node. The read and the long poll are `/sync`'s
//! (`sync::read_or_wait`), and so is each room's JSON, reshaped here: what a room of a
//! window changed after `pos` (all of it when the app has no `pos`), its counts, and the
//! account data, receipts and typing of the extensions, and for encryption the device's
//! key counts, whose keys changed, and the messages sent to the device. A room that
//! enters a window or a subscription with nothing new comes whole, as the `pos` says what
//! the app had (`Pos`).

use super::sync::{self as matrix_sync, Shape, Waited};
use crate::domain::matrix::ids::{self, millis, server_name};
use crate::domain::matrix::sign_in::devices;
use crate::domain::matrix::sync::{self as matrix_sync_domain, Position, SyncQuery};
use crate::domain::messaging::chats;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::model::rows::ChatKind;
use crate::state::App;
use crate::store::messaging::chats::Chat;
use crate::surfaces::matrix::errors::error;
use crate::surfaces::matrix::{body, sign_in::auth, since_token};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use warp::reply::Response;

/// The most timeline events per room a request may ask for.
const MAX_TIMELINE: i64 = 100;
/// The most lists, ranges or subscriptions one request may hold.
const MAX_ENTRIES: usize = 100;
/// The most `required_state` pairs all of one request's lists and subscriptions name
/// together (Element X names about ten per list or subscription).
const MAX_STATE_PAIRS: usize = 1_000;
/// The most work one request may ask for, in units: a range is one; each room a window
/// places costs one, one more per timeline event asked of it, and one per ten state
/// pairs its list names; a subscription the same for its room. Element X's room list
/// (a timeline of one, about ten pairs) costs 3 a room, so a window over 10,000 rooms
/// is answered. 100 lists of 100 ranges of 100 pairs cost 2.0 s of CPU and a 2.2 MB
/// answer before this bound; a request past it is refused before anything is read.
const MAX_WORK: usize = 30_000;

/// What a list's window or a subscription costs per room it names (see [`MAX_WORK`]).
fn work_per_room(ask: &Wanted) -> usize {
    1 + ask.timeline_limit as usize + ask.required_state.len().div_ceil(10)
}

/// The answer to a request that asks for more than [`MAX_WORK`] or [`MAX_STATE_PAIRS`].
fn too_much() -> crate::http::error::ApiError {
    error(
        400,
        "M_INVALID_PARAM",
        "This sync asks for too much at once: ask for fewer lists, ranges, rooms, timeline events or state pairs",
    )
}

/// What the app asks of one room: from a list it is in, or a subscription.
#[derive(Clone, Default)]
struct Wanted {
    timeline_limit: i64,
    /// `[type, state_key]` pairs; `*` is any, `$ME` the person, `$LAZY` the timeline's
    /// senders.
    required_state: Vec<(String, String)>,
    /// The same pairs, to merge another ask's in without a scan per pair.
    named: HashSet<(String, String)>,
}

impl Wanted {
    /// The request's `timeline_limit` and `required_state` of an entry.
    fn of(entry: &Value) -> ApiResult<Wanted> {
        let timeline_limit = match &entry["timeline_limit"] {
            Value::Null => 0,
            v => v
                .as_i64()
                .filter(|n| *n >= 0)
                .ok_or_else(|| error(400, "M_INVALID_PARAM", "timeline_limit must be a number"))?,
        };
        let mut required_state = Vec::new();
        let mut named = HashSet::new();
        if let Some(pairs) = entry["required_state"].as_array() {
            for pair in pairs.iter().take(MAX_ENTRIES) {
                match (pair[0].as_str(), pair[1].as_str()) {
                    (Some(kind), Some(key)) => {
                        let pair = (kind.to_string(), key.to_string());
                        if named.insert(pair.clone()) {
                            required_state.push(pair);
                        }
                    }
                    _ => {
                        return Err(error(
                            400,
                            "M_INVALID_PARAM",
                            "required_state holds [type, state_key] pairs",
                        ))
                    }
                }
            }
        }
        Ok(Wanted {
            timeline_limit: timeline_limit.min(MAX_TIMELINE),
            required_state,
            named,
        })
    }

    /// Both asks together: the longer timeline, every state either names.
    fn merge(&mut self, other: &Wanted) {
        self.timeline_limit = self.timeline_limit.max(other.timeline_limit);
        for pair in &other.required_state {
            if self.named.insert(pair.clone()) {
                self.required_state.push(pair.clone());
            }
        }
    }

    /// Whether a state event is asked for.
    fn keeps(&self, event: &Value, me: &str, senders: &[&str]) -> bool {
        let (kind, key) = (
            event["type"].as_str().unwrap_or(""),
            event["state_key"].as_str().unwrap_or(""),
        );
        self.required_state.iter().any(|(k, s)| {
            (k == "*" || k == kind)
                && (s == "*"
                    || s == key
                    || (s == "$ME" && key == me)
                    || (s == "$LAZY" && senders.contains(&key)))
        })
    }
}

/// The request's ranges of one list, each `[first, last]` inclusive.
fn ranges(list: &Value) -> ApiResult<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for range in list["ranges"]
        .as_array()
        .into_iter()
        .flatten()
        .take(MAX_ENTRIES)
    {
        match (range[0].as_u64(), range[1].as_u64()) {
            (Some(a), Some(b)) if a <= b => out.push((a as usize, b as usize)),
            _ => {
                return Err(error(
                    400,
                    "M_INVALID_PARAM",
                    "ranges holds [first, last] pairs of indexes",
                ))
            }
        }
    }
    Ok(out)
}

/// How many `required_state` pairs an entry names, all of them (an entry's own are read
/// up to [`MAX_ENTRIES`]).
fn asked_pairs(entry: &Value) -> usize {
    entry["required_state"].as_array().map_or(0, Vec::len)
}

/// Refuses a request whose lists and subscriptions, over a person in `rooms` rooms, ask
/// for more than one request may ([`MAX_WORK`], [`MAX_STATE_PAIRS`]); it costs a pass
/// over the request and nothing else.
fn check_work(asked: &Map<String, Value>, rooms: usize) -> ApiResult<()> {
    let mut work = 0usize;
    let mut pairs = 0usize;
    let lists = asked.get("lists").and_then(Value::as_object);
    for list in lists.into_iter().flat_map(|l| l.values()).take(MAX_ENTRIES) {
        let ask = Wanted::of(list)?;
        pairs += asked_pairs(list);
        for (first, last) in ranges(list)? {
            let placed = last.min(rooms.saturating_sub(1)).saturating_sub(first) + 1;
            let placed = if first < rooms { placed } else { 0 };
            work = work.saturating_add(1 + placed.saturating_mul(work_per_room(&ask)));
        }
    }
    let subscriptions = asked.get("room_subscriptions").and_then(Value::as_object);
    for entry in subscriptions
        .into_iter()
        .flat_map(|s| s.values())
        .take(MAX_ENTRIES)
    {
        let ask = Wanted::of(entry)?;
        pairs += asked_pairs(entry);
        work = work.saturating_add(work_per_room(&ask));
    }
    match work > MAX_WORK || pairs > MAX_STATE_PAIRS {
        true => Err(too_much()),
        false => Ok(()),
    }
}

/// The most subscribed rooms a `pos` remembers (Element X subscribes to the few on
/// screen); past them, a room subscribed again is sent whole again.
const MAX_REMEMBERED: usize = 50;

/// A sliding sync's `pos`: a `/sync` since token, how far the windows reached, and
/// which rooms were subscribed, so that a room entering a window or a subscription with
/// nothing new since comes whole all the same (Synapse remembers this per connection;
/// here the token carries it, so it still needs nothing kept on any node).
struct Pos {
    at: Position,
    typing: Option<u64>,
    /// How many rooms, from the most recently active, the windows covered.
    covered: usize,
    subscribed: Vec<i64>,
}

impl Pos {
    /// `<since token>.w<covered>.s<id>-<id>...`; a bare since token covered everything
    /// (a `pos` from before windows were remembered).
    fn parse(text: &str) -> Option<Pos> {
        let mut parts = text.split('.');
        let (at, typing) = since_token::position(parts.next()?)?;
        let mut pos = Pos {
            at,
            typing,
            covered: usize::MAX,
            subscribed: Vec::new(),
        };
        for part in parts {
            if let Some(n) = part.strip_prefix('w') {
                pos.covered = n.parse().ok()?;
            } else if let Some(list) = part.strip_prefix('s') {
                pos.subscribed = list
                    .split('-')
                    .filter(|id| !id.is_empty())
                    .map(|id| id.parse().ok())
                    .collect::<Option<_>>()?;
            } else {
                return None;
            }
        }
        Some(pos)
    }

    fn token(&self) -> String {
        let subscribed: Vec<String> = self
            .subscribed
            .iter()
            .take(MAX_REMEMBERED)
            .map(i64::to_string)
            .collect();
        format!(
            "{}.w{}.s{}",
            since_token::token(self.at, self.typing.unwrap_or(0)),
            self.covered,
            subscribed.join("-")
        )
    }
}

/// What each room is asked for, by the lists' windows and the subscriptions.
struct Windows {
    wanted: HashMap<i64, Wanted>,
    /// Each list's count and `ops`.
    lists: Map<String, Value>,
    /// Rooms the app has not had whole on this `pos`: in a window past what the windows
    /// covered before, or newly subscribed.
    entering: Vec<i64>,
    covered: usize,
    subscribed: Vec<i64>,
    /// Rooms whose timeline a new subscription made longer than a list had (Synapse's
    /// `unstable_expanded_timeline`: the app replaces what it had of them).
    expanded: Vec<i64>,
    /// Rooms in a window that may have moved in from past it since `pos` (the windows
    /// did not cover every room): a room active since is sent whole, as the app may not
    /// have it (a room is known by the room, not by its place in the list).
    maybe_new: Vec<i64>,
}

/// The windows and subscriptions of a request over the person's `rooms`, most recently
/// active first.
fn windows(
    asked: &Map<String, Value>,
    rooms: &[Chat],
    given: Option<&Pos>,
    server: &str,
) -> ApiResult<Windows> {
    let mut wanted: HashMap<i64, Wanted> = HashMap::new();
    let mut lists = Map::new();
    let mut entering: Vec<i64> = Vec::new();
    let mut covered = 0usize;
    let mut subscribed: Vec<i64> = Vec::new();
    let mut expanded: Vec<i64> = Vec::new();
    let mut maybe_new: Vec<i64> = Vec::new();
    if let Some(asked_lists) = asked.get("lists").and_then(Value::as_object) {
        for (name, list) in asked_lists.iter().take(MAX_ENTRIES) {
            let ask = Wanted::of(list)?;
            // Each window's rooms in order, as Synapse also says them (`ops`, from the
            // sliding sync before it was simplified; apps sort by `bump_stamp`).
            let mut ops = Vec::new();
            for (first, last) in ranges(list)? {
                let mut in_range = Vec::new();
                for (index, chat) in rooms
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(last.saturating_sub(first).saturating_add(1))
                {
                    wanted.entry(chat.id).or_default().merge(&ask);
                    in_range.push(ids::room_id(chat.id, server));
                    match given {
                        Some(p) if index >= p.covered => entering.push(chat.id),
                        Some(p) if p.covered < rooms.len() && !p.subscribed.contains(&chat.id) => {
                            maybe_new.push(chat.id)
                        }
                        _ => {}
                    }
                }
                covered = covered.max(last.saturating_add(1).min(rooms.len()));
                ops.push(json!({"op": "SYNC", "range": [first, last], "room_ids": in_range}));
            }
            lists.insert(name.clone(), json!({"count": rooms.len(), "ops": ops}));
        }
    }
    if let Some(subscriptions) = asked.get("room_subscriptions").and_then(Value::as_object) {
        for (room, entry) in subscriptions.iter().take(MAX_ENTRIES) {
            let ask = Wanted::of(entry)?;
            let chat = ids::chat_of_room(room, server);
            if let Some(chat) = chat.filter(|id| rooms.iter().any(|r| r.id == *id)) {
                wanted.entry(chat).or_default().merge(&ask);
                if given.is_some_and(|p| !p.subscribed.contains(&chat)) {
                    entering.push(chat);
                    expanded.push(chat);
                }
                subscribed.push(chat);
            }
        }
    }
    Ok(Windows {
        wanted,
        lists,
        entering,
        covered,
        subscribed,
        expanded,
        maybe_new,
    })
}

/// `POST /unstable/org.matrix.simplified_msc3575/sync`.
pub async fn sync(app: &App, req: &Request) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let sign_in = caller.credential().sign_in();
    let device = auth::device_of(&caller);
    let device_id = devices::current(app, caller.credential()).await?;
    let me = caller.user(app).await?;
    let asked = body::object(req)?;
    let given = match req.query_param("pos") {
        Some(t) => Some(Pos::parse(&t).ok_or_else(|| error(400, "M_UNKNOWN_POS", "Unknown pos"))?),
        None => None,
    };
    let (since, typing_after) = match &given {
        Some(p) => (Some(p.at), p.typing),
        None => (None, None),
    };
    let wait = req
        .query_param("timeout")
        .and_then(|t| t.parse::<u64>().ok())
        .map_or(Duration::ZERO, Duration::from_millis)
        .min(matrix_sync::MAX_WAIT);
    let server = server_name(app);

    // What each room is asked for, by the lists' windows and the subscriptions.
    let me_id = me.id;
    let mut rooms: Vec<Chat> = app
        .db
        .read(move |c| chats::list_for_user(c, me_id, &[], None))
        .await?;
    check_work(&asked, rooms.len())?;
    let Windows {
        mut wanted,
        mut lists,
        mut entering,
        mut covered,
        mut subscribed,
        mut expanded,
        mut maybe_new,
    } = windows(&asked, &rooms, given.as_ref(), server)?;
    // Each room is read with its own timeline (a room no window or subscription names,
    // which the answer leaves out, with one event), so the work is what the request
    // asked for, not its longest timeline in every room.
    let limits: HashMap<i64, i64> = wanted
        .iter()
        .map(|(id, w)| (*id, w.timeline_limit.max(1)))
        .collect();
    let limits = std::sync::Arc::new(limits);
    let extensions = &asked.get("extensions").cloned().unwrap_or(Value::Null);
    let on = |name: &str| extensions[name]["enabled"] == true;
    let q = SyncQuery {
        since,
        limit: 1,
        room_limits: Some(limits.clone()),
        threads_apart: false,
        device: device_id,
        to_device: on("to_device"),
    };
    // Messages to the device are received by the extension's own token, which the app
    // keeps when its `pos` is forgotten.
    let to_device_since = extensions["to_device"]["since"]
        .as_str()
        .and_then(|s| s.parse::<i64>().ok());
    matrix_sync::received(app, &me, &q, to_device_since).await?;
    // Rooms the app has not had yet are news already: the answer goes at once, as
    // Synapse's does when a window grows or a room is subscribed.
    let wait = match entering.is_empty() {
        true => wait,
        false => Duration::ZERO,
    };
    let Waited { read, typing, .. } =
        matrix_sync::read_or_wait(app, &me, sign_in, &q, typing_after, wait).await?;
    let first = since.is_none();
    let shape = Shape {
        first,
        lazy_members: false,
        threads_apart: false,
        hero_profiles: true,
    };
    let mut body = matrix_sync::answer(app, &me, &read, shape);
    // Rooms the person entered while the request waited: the windows are placed again
    // over the rooms as they are now, and those rooms come whole with their own
    // timelines (else a new direct message was listed in `ops` and never sent).
    let had: HashSet<String> = rooms.iter().map(|r| ids::room_id(r.id, server)).collect();
    let arrived: Vec<String> = body["rooms"]["join"]
        .as_object()
        .into_iter()
        .flat_map(|joined| joined.keys())
        .filter(|room| !had.contains(*room))
        .cloned()
        .collect();
    if !arrived.is_empty() {
        rooms = app
            .db
            .read(move |c| chats::list_for_user(c, me_id, &[], None))
            .await?;
        Windows {
            wanted,
            lists,
            entering,
            covered,
            subscribed,
            expanded,
            maybe_new,
        } = windows(&asked, &rooms, given.as_ref(), server)?;
        for room in &arrived {
            if let Some(joined) = body["rooms"]["join"].as_object_mut() {
                joined.remove(room);
            }
            entering.extend(ids::chat_of_room(room, server));
        }
    }
    // Rooms active since `pos` that may have come into a window from past it: whole.
    for chat in &maybe_new {
        let room = ids::room_id(*chat, server);
        let Some(v3) = body["rooms"]["join"].get(&room) else {
            continue;
        };
        let active = v3.get("summary").is_some();
        if active && !came_whole(v3) {
            if let Some(joined) = body["rooms"]["join"].as_object_mut() {
                joined.remove(&room);
            }
            entering.push(*chat);
        }
    }
    // Rooms that entered a window or a subscription with nothing new come whole too.
    entering.retain(|id| {
        body["rooms"]["join"]
            .get(ids::room_id(*id, server))
            .is_none()
    });
    entering.sort_unstable();
    entering.dedup();
    if !entering.is_empty() {
        let limits: HashMap<i64, i64> = entering
            .iter()
            .map(|id| (*id, wanted.get(id).map_or(1, |w| w.timeline_limit.max(1))))
            .collect();
        let whole = app
            .db
            .read(move |c| {
                let limit = |id: i64| limits.get(&id).copied().unwrap_or(1);
                matrix_sync_domain::whole_rooms(c, me_id, &entering, limit)
            })
            .await?;
        let fresh = matrix_sync_domain::SyncRead {
            head: read.head,
            joined: whole,
            left: Vec::new(),
            direct: Vec::new(),
            account_data: Vec::new(),
            device: None,
        };
        let first_shape = Shape {
            first: true,
            ..shape
        };
        let fresh = matrix_sync::answer(app, &me, &fresh, first_shape);
        for (room, entry) in fresh["rooms"]["join"].as_object().into_iter().flatten() {
            body["rooms"]["join"][room] = entry.clone();
        }
    }
    matrix_sync::add_typing(&typing, &mut body, server);
    matrix_sync::echo_timelines(app, &device, &mut body).await?;
    let me_mx = ids::user_id(&me.username, me.id, server);
    let mut out_rooms = Map::new();
    let mut receipts = Map::new();
    let mut typing_rooms = Map::new();
    let mut room_data = Map::new();
    for chat in &rooms {
        let Some(ask) = wanted.get(&chat.id) else {
            continue;
        };
        let room_id = ids::room_id(chat.id, server);
        let Some(v3) = body["rooms"]["join"].get(&room_id) else {
            continue;
        };
        for event in v3["ephemeral"]["events"].as_array().into_iter().flatten() {
            match event["type"].as_str() {
                Some("m.receipt") => receipts.insert(room_id.clone(), event.clone()),
                Some("m.typing") => typing_rooms.insert(room_id.clone(), event.clone()),
                _ => None,
            };
        }
        if let Some(data) = v3["account_data"]["events"]
            .as_array()
            .filter(|d| !d.is_empty())
        {
            room_data.insert(room_id.clone(), Value::from(data.clone()));
        }
        if v3.get("summary").is_none() {
            // Only typing changed (every room read has its summary): told in the extension.
            continue;
        }
        let mut room = room_json(chat, v3, ask, first, &me_mx);
        if expanded.contains(&chat.id) {
            room["unstable_expanded_timeline"] = Value::Bool(true);
        }
        out_rooms.insert(room_id, room);
    }
    subscribed.sort_unstable();
    subscribed.dedup();
    let pos = Pos {
        at: read.head,
        typing: Some(typing.stamp),
        covered,
        subscribed,
    };
    let mut answer = json!({
        "pos": pos.token(),
        "lists": lists,
        "rooms": out_rooms,
        "extensions": {},
    });
    if on("account_data") {
        answer["extensions"]["account_data"] =
            json!({"global": body["account_data"]["events"], "rooms": room_data});
    }
    if on("receipts") {
        answer["extensions"]["receipts"] = json!({ "rooms": receipts });
    }
    if on("typing") {
        answer["extensions"]["typing"] = json!({ "rooms": typing_rooms });
    }
    if on("to_device") {
        answer["extensions"]["to_device"] = json!({
            "next_batch": read.head.log.to_string(),
            "events": body["to_device"]["events"],
        });
    }
    if on("e2ee") {
        answer["extensions"]["e2ee"] = json!({
            "device_lists": body["device_lists"],
            "device_one_time_keys_count": body["device_one_time_keys_count"],
            "device_unused_fallback_key_types": body["device_unused_fallback_key_types"],
        });
    }
    Ok(reply::json(200, &answer))
}

/// The token that pages back from just before the first event shown: the `/sync` one when
/// nothing was cut, else before the first message shown, or just after the last message
/// cut (paging from the `/sync` token would skip the messages the cut left out).
fn prev_batch(v3: &Value, cut: &[Value], shown: &[Value]) -> Value {
    let message = |e: &Value| {
        let id = e["event_id"].as_str()?;
        Some((ids::message_of_event(id)?, id.contains('.')))
    };
    if cut.is_empty() {
        return v3["timeline"]["prev_batch"].clone();
    }
    match (
        shown.iter().find_map(message),
        cut.iter().rev().find_map(message),
    ) {
        // `$m<id>.<k>` is a file of a message whose first events were cut: page from after
        // it, so the message comes back whole (apps drop the event they have twice).
        (Some((first, false)), _) => Value::from(format!("m{first}")),
        (Some((first, true)), _) => Value::from(format!("m{}", first + 1)),
        (None, Some((last_cut, _))) => Value::from(format!("m{}", last_cut + 1)),
        (None, None) => v3["timeline"]["prev_batch"].clone(),
    }
}

/// Whether a room's `/sync` JSON gives it whole: with its state, or, with no message
/// yet, with its making in the timeline.
fn came_whole(v3: &Value) -> bool {
    let has = |key: &str, pick: fn(&Value) -> bool| {
        v3[key]["events"]
            .as_array()
            .is_some_and(|events| events.iter().any(pick))
    };
    has("state", |_| true) || has("timeline", |e| e["type"] == "m.room.create")
}

/// One room of the answer, from its `/sync` JSON: the state asked for, the newest
/// `timeline_limit` events, and its counts.
fn room_json(chat: &Chat, v3: &Value, ask: &Wanted, first: bool, me: &str) -> Value {
    let timeline: Vec<Value> = v3["timeline"]["events"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let keep = ask.timeline_limit as usize;
    let cut = timeline.len().saturating_sub(keep);
    let shown = timeline[cut..].to_vec();
    let senders: Vec<&str> = shown.iter().filter_map(|e| e["sender"].as_str()).collect();
    let whole = came_whole(v3);
    let state_events = v3["state"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(
            timeline[..cut]
                .iter()
                .filter(|e| e.get("state_key").is_some()),
        );
    let required_state: Vec<Value> = state_events
        .filter(|e| ask.keeps(e, me, &senders))
        .cloned()
        .collect();
    let counts = &v3["unread_notifications"];
    let summary = &v3["summary"];
    let mut room = json!({
        "initial": first || whole,
        "required_state": required_state,
        "timeline": shown,
        "prev_batch": prev_batch(v3, &timeline[..cut], &shown),
        "limited": v3["timeline"]["limited"] == true || cut > 0,
        "num_live": 0,
        "joined_count": summary["m.joined_member_count"],
        "invited_count": 0,
        "notification_count": counts["notification_count"],
        "highlight_count": counts["highlight_count"],
        "bump_stamp": millis(&chat.updated_at),
    });
    if chat.kind == ChatKind::Direct {
        room["is_dm"] = Value::Bool(true);
    } else {
        room["name"] = Value::from(chat.shown_name());
    }
    // Each hero with the name and picture apps name a room without a name after.
    if let Some(heroes) = summary["heroes"].as_array() {
        let heroes: Vec<Value> = heroes
            .iter()
            .map(|h| {
                let mut hero = json!({"user_id": h["user_id"], "displayname": h["displayname"]});
                if let Some(avatar) = h.get("avatar_url") {
                    hero["avatar_url"] = avatar.clone();
                }
                hero
            })
            .collect();
        room["heroes"] = Value::from(heroes);
    }
    room
}
