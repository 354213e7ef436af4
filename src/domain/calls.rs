//! Calls: who is in a chat's call, the WebRTC signals between them, and the record a call
//! leaves. Any chat can hold one call (a room of the rooms surface through its socket;
//! every chat through natter's own socket, `/messages/ws/`). A user is in a chat's call
//! from `join_call` until `leave_call` or until every socket through which they joined
//! has closed. Who is in a call is kept by `App`'s registry (`state::calls`): in memory
//! on a single node, in PostgreSQL when nodes share it. Call events go out through the
//! hub as `Event::Call` to the chat's sockets and to its members' own sockets; sockets
//! filter them by `only_to` / `except`.
//!
//! A signal (`offer`, `answer`, `ice_candidate`) goes only between members of the chat,
//! and only to the addressed one: nobody else, member or not, ever sees an SDP or a
//! candidate. On natter's own socket both must be in the call ([`Rule::InCall`]); the
//! rooms surface's socket keeps seed 003's rule ([`Rule::Participants`]): any room
//! participant may signal any other, in the call or not, which its clients use to ring.
//!
//! Someone who loses the chat leaves its call at once (`domain::leaving_calls`).

mod record;

pub use record::{history, in_progress, CallView, Joined, RING_TEXT};

use crate::domain::error::{Error, Missing};
use crate::domain::leaving_calls;
use crate::domain::messaging::chats::require_member;
use crate::model::events::{CallEvent, CallParticipant, CallState, MediaState, SignalKind};
use crate::ratelimit::Limit;
use crate::state::calls::announce::{publish, publish_state};
use crate::state::calls::Registry;
use crate::state::App;
use crate::store::{self, people::users::User};

/// Why a call frame was refused.
#[derive(Debug)]
pub enum Refused {
    /// The call already has as many people as `--call-max-participants` allows.
    Full { max: u64 },
    /// A signal from someone who has not joined the call.
    NotInCall,
    /// A signal to someone who is not in the call.
    TargetNotInCall,
    /// A `media_state` that names someone else: only a person says whether their own
    /// microphone or camera is on.
    NotYours,
    /// Anything else (not a member: not found; the store).
    Failed(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Failed(e)
    }
}

impl From<store::StoreError> for Refused {
    fn from(e: store::StoreError) -> Self {
        Refused::Failed(e.into())
    }
}

/// The call registry of this server.
pub fn registry(app: &App) -> &Registry {
    &app.calls
}

/// Who is in a chat's call now (on every node, when they share the registry).
pub async fn state(app: &App, room_id: i64) -> Result<CallState, Error> {
    let participants = registry(app).participants(room_id).await?;
    Ok(CallState { participants })
}

/// The chat's members, when `user_id` is one of them (else not found).
async fn members_if_member(app: &App, chat_id: i64, user_id: i64) -> Result<Vec<i64>, Error> {
    app.db
        .read(move |c| {
            require_member(c, chat_id, user_id)?;
            Ok(store::messaging::chats::member_ids(c, chat_id)?)
        })
        .await
}

/// How a call started from a socket announces itself in the chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    /// With a message from the caller that rings the chat (natter's own socket).
    Chat,
    /// With the call frames only: the rooms surface's socket, whose clients expect
    /// nothing else after `join_call` (the call's record is kept all the same).
    Quietly,
}

/// How a joiner sends and receives media, as `join_call`'s `data` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// A connection to each other person on the mesh (seed 003's clients; every client
    /// without `--sfu`).
    Mesh,
    /// One connection to the SFU, and one to each person on the mesh.
    Sfu,
}

impl Media {
    /// `{"sfu": true}` in `join_call`'s data asks for the SFU; anything else, and any
    /// ask on a server without `--sfu`, is the mesh.
    pub fn asked(app: &App, data: &serde_json::Value) -> Media {
        let asks = data.get("sfu").and_then(serde_json::Value::as_bool) == Some(true);
        if asks && app.sfu.is_some() {
            Media::Sfu
        } else {
            Media::Mesh
        }
    }
}

/// `join_call`: a member joins the chat's call (starting it, and ringing the chat as
/// `ring` says, when nobody is in it), sending media as `media` says. The call state goes
/// to every member, then `UserJoined` to the others, unless the user was in the call
/// already through another socket.
pub async fn join(
    app: &App,
    me: &User,
    room_id: i64,
    socket: u64,
    ring: Ring,
    media: Media,
) -> Result<(), Refused> {
    let members = members_if_member(app, room_id, me.id).await?;
    let before = registry(app).participants(room_id).await?;
    let already = before.iter().any(|p| p.user_id == me.id);
    let max = app.config.call_max();
    if !already && before.len() as u64 >= max {
        return Err(Refused::Full { max });
    }
    if !already {
        record::joined(app, me, room_id, before.is_empty(), ring == Ring::Chat).await?;
    }
    let (new, participants) = registry(app)
        .join(room_id, me, socket, media == Media::Sfu)
        .await?;
    // Removed from the chat between the check above and the join: the removal's own
    // clean-up ran before this join and missed it, so this one undoes itself. (Removed
    // after this read: that clean-up runs after the join and takes them out.)
    if let Err(e) = members_if_member(app, room_id, me.id).await {
        leave(app, me.id, room_id, socket).await?;
        return Err(e.into());
    }
    publish_state(&app.hub, room_id, members.clone(), participants);
    if new {
        let joined = CallEvent::UserJoined {
            user_id: me.id,
            username: me.username.clone(),
        };
        publish(&app.hub, room_id, members, joined, None, Some(me.id));
        // Their status shows "in a call" beside whatever they set themselves.
        crate::domain::status::retell(app, me.id).await?;
    }
    Ok(())
}

/// A way into the SFU room of chat `chat_id`'s call for `me`, who must be in the call
/// (joined through a socket): their room token goes on the room's list, the room made if
/// the call has none yet (`sfu::Sfu::admit`). Not found without `--sfu`, for someone not
/// in the chat and for someone not in its call, alike; the SFU unreachable or refusing
/// natter is `Unreachable` (a 503), logged.
pub async fn sfu_grant(app: &App, me: &User, chat_id: i64) -> Result<crate::sfu::SfuGrant, Error> {
    let Some(sfu) = &app.sfu else {
        return Err(Error::NotFound(Missing::Chat));
    };
    let in_call = || async {
        if members_if_member(app, chat_id, me.id).await.is_err() {
            return Ok::<_, Error>(false);
        }
        let participants = registry(app).participants(chat_id).await?;
        Ok(participants.iter().any(|p| p.user_id == me.id))
    };
    if !in_call().await? {
        return Err(Error::NotFound(Missing::Chat));
    }
    let now = crate::kit::clock::now_ms() / 1000;
    let grant = sfu.admit(chat_id, me.id, now).await.map_err(|e| {
        tracing::warn!("chat {chat_id}: the SFU did not admit user {}: {e}", me.id);
        Error::Unreachable(e.to_string())
    })?;
    // Left, or lost the chat, while the room was opened to them: closed again, as the
    // leave's own dismissal may have come first.
    if !in_call().await? {
        let ended = registry(app).participants(chat_id).await?.is_empty();
        leaving_calls::dismiss_from_sfu(app, chat_id, me.id, ended).await;
        return Err(Error::NotFound(Missing::Chat));
    }
    Ok(grant)
}

/// `leave_call`, or a socket that had joined closing: when it was the user's last socket
/// in the call, the call state and `UserLeft` to every member, and the call's record
/// ends with its last person. Returns whether the user left.
pub async fn leave(app: &App, user_id: i64, room_id: i64, socket: u64) -> Result<bool, Error> {
    let Some(participants) = registry(app).leave(room_id, user_id, socket).await? else {
        return Ok(false);
    };
    leaving_calls::announce(app, room_id, user_id, participants, &[]).await?;
    Ok(true)
}

/// `decline_call`: a member who was rung says no. Noted in the call's record and told
/// to the chat's members (the caller's client shows it). Without a call in progress
/// there is nothing to decline, and nothing happens.
pub async fn decline(app: &App, me: &User, room_id: i64) -> Result<(), Refused> {
    let members = members_if_member(app, room_id, me.id).await?;
    if record::declined(app, me.id, room_id).await? {
        let declined = CallEvent::Declined {
            user_id: me.id,
            username: me.username.clone(),
            display_name: me.shown_name().to_owned(),
        };
        publish(&app.hub, room_id, members, declined, None, None);
    }
    Ok(())
}

/// `media_state`: someone in the call turned their microphone or camera on or off. Held
/// for them in the call registry (the call state lists it, so whoever joins later sees
/// it) and told to every member with a fresh call state. `named` is the `user_id` the
/// frame names, if any: anyone but the sender is refused, whatever the sender may do
/// in the chat.
pub async fn set_media(
    app: &App,
    me: &User,
    room_id: i64,
    named: Option<i64>,
    media: MediaState,
) -> Result<(), Refused> {
    if named.is_some_and(|id| id != me.id) {
        return Err(Refused::NotYours);
    }
    let members = members_if_member(app, room_id, me.id).await?;
    let Some(participants) = registry(app).set_media(room_id, me.id, media).await? else {
        return Err(Refused::NotInCall);
    };
    publish_state(&app.hub, room_id, members, participants);
    Ok(())
}

/// A `media_state` frame's `data`: `microphone_on` and `camera_on`, booleans, either
/// left out to keep it as it was (not both), and optionally `user_id`, which must be the
/// sender's own. The error is the sentence for the surface's validation error.
pub fn media_state_of(data: &serde_json::Value) -> Result<(Option<i64>, MediaState), &'static str> {
    let serde_json::Value::Object(data) = data else {
        return Err("data must be an object.");
    };
    let flag = |key: &str| match data.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Bool(on)) => Ok(Some(*on)),
        Some(_) => Err("microphone_on and camera_on must be true or false."),
    };
    let media = MediaState {
        microphone_on: flag("microphone_on")?,
        camera_on: flag("camera_on")?,
    };
    if media == MediaState::default() {
        return Err("Say microphone_on or camera_on (true or false).");
    }
    let named = match data.get("user_id") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(v.as_i64().ok_or("user_id: A valid integer is required.")?),
    };
    Ok((named, media))
}

/// Who may signal whom, by the socket the signal comes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// natter's own socket: both in the call.
    InCall,
    /// The rooms surface's socket, as seed 003's server relays: both participants of the
    /// room, in the call or not. A signal with either outside the call reaches only the
    /// target's sockets of that surface, never natter's own, which keeps [`Rule::InCall`].
    Participants,
}

/// Relays an `offer` / `answer` / `ice_candidate` from the caller to `target` only, both
/// members of the chat now and as `rule` says. `payload` is the client's, passed on as
/// sent (any `from_user_id` in it is replaced).
pub async fn relay(
    app: &App,
    me: &User,
    room_id: i64,
    kind: SignalKind,
    target: i64,
    mut payload: serde_json::Map<String, serde_json::Value>,
    rule: Rule,
) -> Result<(), Refused> {
    // Read at every signal, not trusted from the call registry: someone taken out of the
    // chat is refused from the commit on, before the registry has let them go.
    let me_id = me.id;
    let target_is_member = app
        .db
        .read(move |c| {
            require_member(c, room_id, me_id)?;
            Ok::<_, Error>(store::messaging::chats::member(c, room_id, target)?.is_some())
        })
        .await?;
    if !target_is_member {
        return Err(Refused::TargetNotInCall);
    }
    let participants = registry(app).participants(room_id).await?;
    let in_call = |id: i64| {
        participants
            .iter()
            .any(|p: &CallParticipant| p.user_id == id)
    };
    let both_in_call = in_call(me.id) && in_call(target);
    if rule == Rule::InCall && !both_in_call {
        return Err(if in_call(me.id) {
            Refused::TargetNotInCall
        } else {
            Refused::NotInCall
        });
    }
    payload.remove("from_user_id");
    let signal = CallEvent::Signal {
        kind,
        from_user_id: me.id,
        payload,
        outside_call: !both_in_call,
    };
    // Outside the call, the target's user-wide sockets (natter's own) would drop it: only
    // the room's own sockets are handed it.
    let audience = if both_in_call {
        vec![target]
    } else {
        Vec::new()
    };
    publish(&app.hub, room_id, audience, signal, Some(target), None);
    Ok(())
}

/// A refusal's code and sentence for a socket's error frame; anything else stays an
/// error for the surface to word.
pub fn refusal_words(refused: Refused) -> Result<(&'static str, String), Error> {
    match refused {
        Refused::Full { max } => Ok((
            "call_full",
            format!("This call is full: {max} people at most."),
        )),
        Refused::NotInCall => Ok(("not_in_call", "Join the call first.".into())),
        Refused::TargetNotInCall => Ok((
            "target_not_in_call",
            "That person is not in this call.".into(),
        )),
        Refused::NotYours => Ok((
            "permission_denied",
            "Only they can turn their own microphone or camera on or off.".into(),
        )),
        Refused::Failed(e) => Err(e),
    }
}

/// The call frames a client sends (the same on every socket that carries calls).
pub const CALL_FRAMES: [&str; 7] = [
    "join_call",
    "leave_call",
    "decline_call",
    "media_state",
    "offer",
    "answer",
    "ice_candidate",
];

/// The WebRTC signals among them.
const SIGNALS: [&str; 3] = ["offer", "answer", "ice_candidate"];

/// The rate limit a client frame counts against: signals have their own, larger one,
/// since joining a call of six sends five offers and dozens of ICE candidates within a
/// second, which the limit on messages, typing and joining (60 a minute) would cut off.
pub fn frame_limit(text: &str) -> Limit {
    #[derive(serde::Deserialize)]
    struct Kind<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<std::borrow::Cow<'a, str>>,
    }
    match serde_json::from_str::<Kind<'_>>(text) {
        Ok(Kind { kind: Some(kind) }) if SIGNALS.contains(&kind.as_ref()) => Limit::CallSignal,
        _ => Limit::SocketMessage,
    }
}
