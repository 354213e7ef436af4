//! The shared call registry on a real PostgreSQL (the throwaway cluster of the tests;
//! skipped, saying so, where PostgreSQL is absent): two nodes on one database see each
//! other's joiners, a node whose heartbeat stops is cleaned up by another's janitor
//! with `user_left`, and a node restarted under the same id sweeps its ghosts. Short
//! heartbeats, and every wait is for a condition with a deadline.

use super::{Heartbeat, SharedCalls};
use crate::hub::{Hub, Inbox, Subscription};
use crate::model::events::{CallEvent, Event};
use crate::store::people::users::User;
use crate::store::{pg_cluster, Db};
use std::sync::Arc;
use std::time::Duration;

/// Beats every 50 ms; dead after 300 ms unseen.
const FAST: Heartbeat = Heartbeat {
    beat: Duration::from_millis(50),
    bound: Duration::from_millis(300),
};

/// How long a test waits for what must happen within the bound.
const DEADLINE: Duration = Duration::from_secs(10);

const ROOM: i64 = 7;

/// One node: its own hub and connections on the shared database.
struct Node {
    hub: Arc<Hub>,
    db: Db,
}

fn node(url: &str) -> Node {
    let hub = Arc::new(Hub::default());
    let db = Db::for_tests(url, hub.clone());
    Node { hub, db }
}

impl Node {
    async fn calls(&self, id: &str, timing: Heartbeat) -> Arc<SharedCalls> {
        SharedCalls::start(self.db.clone(), self.hub.clone(), id, timing)
            .await
            .expect("start the shared registry")
    }

    /// A socket listening to the room's events on this node.
    fn listen(&self) -> (Inbox, Subscription) {
        let inbox = self.hub.open_inbox(999);
        let sub = self.hub.subscribe_chat(ROOM, &inbox.handle());
        (inbox, sub)
    }
}

fn user(id: i64, name: &str) -> User {
    User {
        id,
        username: name.into(),
        email: String::new(),
        password_hash: String::new(),
        display_name: name.into(),
        bio: String::new(),
        image: String::new(),
        is_active: true,
        is_admin: false,
        created_at: String::new(),
        last_seen_at: None,
        credentials_epoch: 0,
    }
}

async fn ids(calls: &SharedCalls) -> Vec<i64> {
    let participants = calls.participants(ROOM).await.expect("participants");
    participants.iter().map(|p| p.user_id).collect()
}

/// Waits for `user_left` of `user_id` on `inbox`; fails after [`DEADLINE`].
async fn user_left(inbox: &mut Inbox, user_id: i64) {
    let wait = async {
        loop {
            let event = inbox.events.recv().await;
            if let Event::Call {
                call: CallEvent::UserLeft { user_id: left },
                ..
            } = &event.event
            {
                if *left == user_id {
                    return;
                }
            }
        }
    };
    tokio::time::timeout(DEADLINE, wait)
        .await
        .unwrap_or_else(|_| panic!("no user_left for {user_id} within {DEADLINE:?}"));
}

fn shared_database(test: &str) -> Option<String> {
    pg_cluster::cluster_or_skip(test)?;
    Some(pg_cluster::fresh_database())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_database_list_each_others_joiners() {
    let Some(url) = shared_database("two_nodes_on_one_database_list_each_others_joiners") else {
        return;
    };
    let (a, b) = (node(&url), node(&url));
    let (on_a, on_b) = (
        a.calls("a", Heartbeat::DEFAULT).await,
        b.calls("b", Heartbeat::DEFAULT).await,
    );
    let (alice, bob) = (user(1, "alice"), user(2, "bob"));
    // Socket ids are per node: both nodes' first socket is 1, and they do not collide.
    // Alice calls over the mesh, bob through the SFU: each node sees which.
    assert!(
        on_a.join(ROOM, &alice, 1, false)
            .await
            .expect("join on a")
            .0
    );
    let (new, participants) = on_b.join(ROOM, &bob, 1, true).await.expect("join on b");
    assert!(new, "bob was not in the call");
    assert_eq!(participants.len(), 2, "{participants:?}");
    let through_sfu: Vec<bool> = on_a
        .participants(ROOM)
        .await
        .expect("read")
        .iter()
        .map(|p| p.sfu)
        .collect();
    assert_eq!(
        through_sfu,
        [false, true],
        "node a sees who sends through the SFU"
    );
    assert_eq!(ids(&on_a).await, [1, 2], "node a lists both");
    assert_eq!(ids(&on_b).await, [1, 2], "node b lists both");

    // Alice on node b too: not a new joiner; leaving on a keeps her in through b.
    assert!(
        !on_b
            .join(ROOM, &alice, 2, false)
            .await
            .expect("second socket")
            .0
    );
    assert_eq!(on_a.leave(ROOM, 1, 1).await.expect("leave on a"), None);
    assert_eq!(ids(&on_b).await, [1, 2]);
    let after = on_b.leave(ROOM, 1, 2).await.expect("leave on b");
    assert_eq!(after.map(|p| p.len()), Some(1), "her last socket: she left");
    // A socket that never joined leaves nothing.
    assert_eq!(on_a.leave(ROOM, 2, 1).await.expect("not joined here"), None);
    assert_eq!(ids(&on_a).await, [2]);

    on_a.close().await;
    on_b.close().await;
    assert!(
        ids(&on_a).await.is_empty(),
        "a clean stop removes the node's rows"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_whose_heartbeat_stops_is_cleaned_up_with_user_left() {
    let Some(url) = shared_database("a_node_whose_heartbeat_stops_is_cleaned_up_with_user_left")
    else {
        return;
    };
    let (a, b) = (node(&url), node(&url));
    let (on_a, on_b) = (a.calls("a", FAST).await, b.calls("b", FAST).await);
    let (mut listener, _sub) = b.listen();
    on_a.join(ROOM, &user(1, "alice"), 1, false)
        .await
        .expect("join on a");
    on_b.join(ROOM, &user(2, "bob"), 1, false)
        .await
        .expect("join on b");

    // While a beats, b's janitor leaves its rows alone, for several bounds.
    tokio::time::sleep(FAST.bound * 4).await;
    assert_eq!(ids(&on_b).await, [1, 2], "a live node keeps its joiners");

    // a dies as with kill -9: no clean-up of its own.
    on_a.halt();
    let started = std::time::Instant::now();
    user_left(&mut listener, 1).await;
    // Its last beat may have been up to one beat before the halt.
    assert!(
        started.elapsed() >= FAST.bound - FAST.beat,
        "not declared dead before the bound: {:?}",
        started.elapsed()
    );
    assert_eq!(ids(&on_b).await, [2], "only b's joiner is left");
    on_b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_restarted_under_its_id_sweeps_its_ghosts() {
    let Some(url) = shared_database("a_node_restarted_under_its_id_sweeps_its_ghosts") else {
        return;
    };
    let a = node(&url);
    let first = a.calls("a", Heartbeat::DEFAULT).await;
    first
        .join(ROOM, &user(1, "alice"), 1, false)
        .await
        .expect("join");
    first.halt();
    drop(first);
    // Within the bound, so only the restart itself can remove the row.
    let (mut listener, _sub) = a.listen();
    let again = a.calls("a", Heartbeat::DEFAULT).await;
    assert!(ids(&again).await.is_empty(), "the ghost is gone at start");
    user_left(&mut listener, 1).await;
    again.close().await;
}
