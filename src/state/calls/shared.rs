//! The call registry of a cluster (`--hub nats://...`,
//! docs/scale-out.md): who is in which call lives in PostgreSQL's `call_sockets`, so a `call_state`
//! on any node lists the joiners of every node. Each node beats in `nodes` every
//! [`Heartbeat::BEAT`]; every node's janitor removes the call rows of nodes unseen for
//! [`Heartbeat::BOUND`] and announces the users who thereby left, so a node that dies
//! leaves no ghost. A node also sweeps its own rows when it starts (a node restarted
//! under the same id left them behind) and when it stops cleanly.

use crate::hub::Hub;
use crate::model::events::{CallParticipant, MediaState};
use crate::store::cluster::InCallRow;
use crate::store::people::users::User;
use crate::store::{cluster, Db, StoreError, StoreResult, Tx};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often a node beats and how long another waits before it counts the node dead.
#[derive(Debug, Clone, Copy)]
pub struct Heartbeat {
    /// Between two beats of this node, and between two rounds of its janitor.
    pub beat: Duration,
    /// A node unseen for longer is dead: its call rows go, its users are announced gone.
    pub bound: Duration,
}

impl Heartbeat {
    /// 2 s: a beat is one tiny write to an UNLOGGED table (nothing goes to the
    /// write-ahead log), so even ten nodes cost five writes a second.
    pub const BEAT: Duration = Duration::from_secs(2);
    /// 10 s, five beats: a node is not declared dead for one slow commit or a short
    /// stall of the database, yet a crashed node's users are announced gone within
    /// BOUND + BEAT = 12 s (the janitor runs once per beat), well inside the time
    /// users wait before they give up on a call.
    pub const BOUND: Duration = Duration::from_secs(10);
    /// The production timing.
    pub const DEFAULT: Heartbeat = Heartbeat {
        beat: Self::BEAT,
        bound: Self::BOUND,
    };

    fn bound_ms(self) -> i64 {
        i64::try_from(self.bound.as_millis()).unwrap_or(i64::MAX)
    }
}

/// This node's view of the shared call registry, and its heartbeat and janitor.
pub struct SharedCalls {
    db: Db,
    hub: Arc<Hub>,
    node: Arc<str>,
    timing: Heartbeat,
    /// The heartbeat and janitor loop, until `close`.
    task: Mutex<Option<JoinHandle<()>>>,
}

impl SharedCalls {
    /// Sweeps the rows this node id left behind in an earlier life (announcing their
    /// users gone), beats once, then starts the heartbeat and janitor loop. In that
    /// order: the sweep also removes the node's old heartbeat, and a join made before
    /// the first beat would look like a dead node's row to the other janitors.
    pub async fn start(
        db: Db,
        hub: Arc<Hub>,
        node: &str,
        timing: Heartbeat,
    ) -> StoreResult<Arc<SharedCalls>> {
        let calls = Arc::new(SharedCalls {
            db,
            hub,
            node: Arc::from(node),
            timing,
            task: Mutex::new(None),
        });
        calls.sweep(true).await?;
        calls.beat().await?;
        let weak = Arc::downgrade(&calls);
        let task = tokio::spawn(run(weak, timing.beat));
        *calls.lock_task() = Some(task);
        Ok(calls)
    }

    fn lock_task(&self) -> std::sync::MutexGuard<'_, Option<JoinHandle<()>>> {
        self.task.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The users in a room's call on every node, by id.
    pub async fn participants(&self, room_id: i64) -> StoreResult<Vec<CallParticipant>> {
        self.db
            .read(move |c| cluster::participants(c, room_id))
            .await
            .map(into_participants)
    }

    /// Adds a socket of this node to the call: whether its user was not in it before,
    /// and the call's participants after.
    pub async fn join(
        &self,
        room_id: i64,
        user: &User,
        socket: u64,
        sfu: bool,
    ) -> StoreResult<(bool, Vec<CallParticipant>)> {
        let socket = socket_key(socket)?;
        let (user_id, username, node) = (user.id, user.username.clone(), self.node.clone());
        self.db
            .write(move |t: &Tx| {
                let new = cluster::join(t, room_id, user_id, &username, &node, socket, sfu)?;
                Ok((new, into_participants(cluster::participants(t, room_id)?)))
            })
            .await
    }

    /// Removes a socket of this node from the call: the call's participants after, when
    /// that was its user's last socket in the call (the user left), else `None`.
    pub async fn leave(
        &self,
        room_id: i64,
        user_id: i64,
        socket: u64,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        let socket = socket_key(socket)?;
        let node = self.node.clone();
        self.db
            .write(move |t: &Tx| {
                if !cluster::leave(t, room_id, user_id, &node, socket)? {
                    return Ok(None);
                }
                Ok(Some(into_participants(cluster::participants(t, room_id)?)))
            })
            .await
    }

    /// Notes what a user in the call says of their microphone and camera, on every row
    /// of theirs: the call's participants after, or `None` when they are not in it.
    pub async fn set_media(
        &self,
        room_id: i64,
        user_id: i64,
        media: MediaState,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        self.db
            .write(move |t: &Tx| {
                if !cluster::set_media(t, room_id, user_id, media.microphone_on, media.camera_on)? {
                    return Ok(None);
                }
                Ok(Some(into_participants(cluster::participants(t, room_id)?)))
            })
            .await
    }

    /// Takes a user out of the call on every node: the call's participants after, when
    /// they were in it, else `None`.
    pub async fn remove_user(
        &self,
        room_id: i64,
        user_id: i64,
    ) -> StoreResult<Option<Vec<CallParticipant>>> {
        self.db
            .write(move |t: &Tx| {
                if !cluster::remove_user(t, room_id, user_id)? {
                    return Ok(None);
                }
                Ok(Some(into_participants(cluster::participants(t, room_id)?)))
            })
            .await
    }

    /// Records that this node is alive.
    async fn beat(&self) -> StoreResult<()> {
        let node = self.node.clone();
        self.db.write(move |t: &Tx| cluster::beat(t, &node)).await
    }

    /// Removes the call rows nobody keeps (of dead nodes, and this node's own when
    /// `mine`) room by room, and announces each user who thereby left: the call state,
    /// then `user_left`, as a leave does. Where two janitors race, a row is deleted by
    /// one, so each departure is announced once.
    async fn sweep(&self, mine: bool) -> StoreResult<()> {
        let bound = self.timing.bound_ms();
        let node = mine.then(|| self.node.to_string());
        let lost = node.clone();
        let rooms = self
            .db
            .read(move |c| cluster::lost_rooms(c, lost.as_deref(), bound))
            .await?;
        for room_id in rooms {
            let node = node.clone();
            let (gone, participants, members) = self
                .db
                .write(move |t: &Tx| {
                    let gone = cluster::reap_room(t, room_id, node.as_deref(), bound)?;
                    if gone.is_empty() {
                        return Ok::<_, StoreError>((gone, Vec::new(), Vec::new()));
                    }
                    let participants = cluster::participants(t, room_id)?;
                    let now = crate::store::clock::now();
                    for user_id in &gone {
                        crate::store::calls::left(t, room_id, *user_id, &now)?;
                    }
                    // The last people went with their node: the call's record ends.
                    if participants.is_empty() {
                        crate::store::calls::end(t, room_id, &now)?;
                    }
                    let members = crate::store::messaging::chats::member_ids(t, room_id)?;
                    Ok((gone, participants, members))
                })
                .await?;
            if gone.is_empty() {
                continue;
            }
            let state = into_participants(participants);
            super::announce::publish_state(&self.hub, room_id, members.clone(), state);
            for user_id in gone {
                super::announce::publish_left(&self.hub, room_id, members.clone(), user_id);
            }
        }
        let node = mine.then(|| self.node.to_string());
        self.db
            .write(move |t: &Tx| cluster::forget_nodes(t, node.as_deref(), bound))
            .await
    }

    /// One round of the loop: beat, then clean up after dead nodes.
    async fn tick(&self) {
        if let Err(e) = self.beat().await {
            tracing::warn!("call registry: heartbeat of node {} failed: {e}", self.node);
        }
        if let Err(e) = self.sweep(false).await {
            tracing::warn!("call registry: cleaning up after dead nodes failed: {e}");
        }
    }

    /// A clean stop, once this node's sockets have closed: the loop ends, any row this
    /// node still holds goes (announced), and so does its heartbeat, so the others need
    /// not wait for the bound.
    pub async fn close(&self) {
        let task = self.lock_task().take();
        if let Some(task) = task {
            task.abort();
        }
        if let Err(e) = self.sweep(true).await {
            tracing::warn!(
                "call registry: removing node {}'s calls failed: {e}",
                self.node
            );
        }
    }

    /// Stops beating without cleaning up, as a node killed with `kill -9` does.
    #[cfg(test)]
    pub fn halt(&self) {
        if let Some(task) = self.lock_task().take() {
            task.abort();
        }
    }
}

/// For a node with `--hub local` on PostgreSQL, once at start (docs/scale-out.md): other
/// nodes beating in `nodes` share live events over NATS, which this node neither sends
/// nor receives, so its users and theirs would miss each other's events. An error in
/// the log, not a refusal: a node being replaced may still be beating.
pub async fn complain_if_not_alone(db: &Db) {
    let bound = Heartbeat::DEFAULT.bound_ms();
    match db.read(move |c| cluster::live_nodes(c, bound)).await {
        Ok(nodes) if nodes.is_empty() => {}
        Ok(nodes) => tracing::error!(
            "--hub local, but node(s) {} beat in this database within the last {} s: they \
             share live events over NATS, and this node would neither send them its events \
             nor see theirs; run every node with the same --hub nats://...",
            nodes.join(", "),
            Heartbeat::DEFAULT.bound.as_secs()
        ),
        Err(e) => tracing::warn!("cannot check for other nodes in the nodes table: {e}"),
    }
}

/// The heartbeat and janitor loop; ends when the registry is dropped or closed.
async fn run(calls: Weak<SharedCalls>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is at once; `start` has just beaten.
    ticks.tick().await;
    loop {
        ticks.tick().await;
        let Some(calls) = calls.upgrade() else {
            return;
        };
        calls.tick().await;
    }
}

/// A socket's id as stored: unique within this node (the row also holds the node id).
fn socket_key(socket: u64) -> StoreResult<i64> {
    i64::try_from(socket).map_err(|_| StoreError::Internal("socket id out of range".into()))
}

fn into_participants(rows: Vec<InCallRow>) -> Vec<CallParticipant> {
    rows.into_iter()
        .map(|r| CallParticipant {
            user_id: r.user_id,
            username: r.username,
            display_name: r.display_name,
            microphone_on: r.microphone_on,
            camera_on: r.camera_on,
            sfu: r.sfu,
        })
        .collect()
}
