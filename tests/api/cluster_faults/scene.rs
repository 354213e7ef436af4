//! A fault test's stage: the two-node cluster, its users and group chats, one
//! recording client per user (`clients.rs`), the senders (`senders.rs`), the faults
//! injected, and at the end the wait for the clients to settle and the verdict.

use super::clients::{self, Client, ClientLog};
use super::senders::{self, Ledger, Sent};
use super::verdict::{Facts, Fault};
use crate::chats::group;
use crate::cluster::Cluster;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A node of the cluster: 0 is a, 1 is b.
pub type NodeIx = usize;

/// Where each node listens now (a restarted node comes back on another port), and the
/// HTTP client every task shares.
pub struct Book {
    addrs: [Mutex<String>; 2],
    pub http: reqwest::Client,
}

impl Book {
    /// The book of two nodes listening at `a` and `b`.
    pub fn new(a: String, b: String) -> Book {
        Book {
            addrs: [Mutex::new(a), Mutex::new(b)],
            http: reqwest::Client::new(),
        }
    }

    /// `host:port` of `node` now.
    pub fn addr(&self, node: NodeIx) -> String {
        self.addrs[node].lock().unwrap().clone()
    }
}

/// Who is in which chat and where each user's socket connects first.
pub struct Layout {
    /// Each chat's members, by user number; the first one makes the group.
    pub chats: &'static [&'static [usize]],
    /// Each user's node.
    pub homes: &'static [NodeIx],
    /// Whether sockets send `typing` frames (which read the database) all along.
    pub typing: bool,
}

/// A registered user.
pub struct Member {
    pub token: String,
    pub chats: Vec<i64>,
}

/// The users' names, in user-number order.
const NAMES: [&str; 8] = [
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
];

/// The running stage.
pub struct Scene {
    pub c: Cluster,
    pub book: Arc<Book>,
    pub users: Vec<Member>,
    pub ledger: Ledger,
    faults: Vec<Fault>,
    logs: Vec<Arc<Mutex<ClientLog>>>,
    clients: Vec<JoinHandle<()>>,
    senders: Vec<JoinHandle<()>>,
    stop_clients: watch::Sender<bool>,
    stop_senders: watch::Sender<bool>,
    start: Instant,
    /// How long after its 201 a message may take to reach an open socket.
    pub bound: Duration,
}

/// Runs a blocking step (a process killed or started, a signal) without stalling the
/// clients: the test runtime has other threads.
pub fn blocking<R>(f: impl FnOnce() -> R) -> R {
    tokio::task::block_in_place(f)
}

impl Scene {
    /// Registers the layout's users, makes its chats, and starts every client; returns
    /// once each has its first socket open and caught up.
    pub async fn new(c: Cluster, layout: &Layout) -> Scene {
        let mut users = Vec::new();
        let mut ids = Vec::new();
        for name in &NAMES[..layout.homes.len()] {
            let (id, token) = c.a.register(name).await;
            ids.push(id);
            users.push(Member {
                token,
                chats: Vec::new(),
            });
        }
        for (k, members) in layout.chats.iter().enumerate() {
            let others: Vec<i64> = members[1..].iter().map(|&u| ids[u]).collect();
            let chat = group(&c.a, &users[members[0]].token, &format!("g{k}"), &others).await;
            for &u in members.iter() {
                users[u].chats.push(chat);
            }
        }
        let book = Arc::new(Book::new(c.a.addr.clone(), c.b.addr.clone()));
        let (stop_clients, stop) = watch::channel(false);
        let mut logs = Vec::new();
        let mut clients = Vec::new();
        for (u, user) in users.iter().enumerate() {
            let log = Arc::new(Mutex::new(ClientLog::new(NAMES[u], &user.chats)));
            let client = Client {
                home: layout.homes[u],
                token: user.token.clone(),
                typing: layout.typing.then(|| user.chats[0]),
            };
            let task = clients::run(book.clone(), client, log.clone(), stop.clone());
            clients.push(tokio::spawn(task));
            logs.push(log);
        }
        let scene = Scene {
            c,
            book,
            users,
            ledger: Ledger::default(),
            faults: Vec::new(),
            logs,
            clients,
            senders: Vec::new(),
            stop_clients,
            stop_senders: watch::channel(false).0,
            start: Instant::now(),
            bound: Duration::from_secs(5),
        };
        let ready = || scene.logs.iter().all(|l| l.lock().unwrap().ready);
        poll_until(Instant::now() + crate::helpers::WAIT, ready).await;
        assert!(ready(), "harness: the clients did not all connect");
        scene
    }

    /// Notes a fault; call it just before injecting it.
    pub fn fault(&mut self, what: &'static str, node: Option<NodeIx>) {
        self.faults.push(Fault {
            what,
            node,
            at: Instant::now(),
        });
    }

    /// Every user sends to its chats until [`Scene::finish`], `pace` apart.
    pub fn start_senders(&mut self, pace: Duration) {
        let stop = self.stop_senders.subscribe();
        for (u, user) in self.users.iter().enumerate() {
            let task = senders::keep_sending(
                self.book.clone(),
                self.ledger.clone(),
                (u, user.token.clone()),
                user.chats.clone(),
                pace,
                stop.clone(),
            );
            self.senders.push(tokio::spawn(task));
        }
    }

    /// The process of node `node`.
    fn node(&mut self, node: NodeIx) -> &mut crate::helpers::TestApp {
        match node {
            0 => &mut self.c.a,
            _ => &mut self.c.b,
        }
    }

    /// SIGKILLs node `node`.
    pub fn kill(&mut self, node: NodeIx) {
        self.fault(["node a killed", "node b killed"][node], Some(node));
        let app = self.node(node);
        blocking(|| app.kill());
    }

    /// Starts killed node `node` again on the same database (on a new port).
    pub fn restart(&mut self, node: NodeIx) {
        let app = self.node(node);
        blocking(|| app.start_again());
        let addr = app.addr.clone();
        *self.book.addrs[node].lock().unwrap() = addr;
        self.fault(["node a back", "node b back"][node], None);
    }

    /// Whether every client has every acknowledged message of its chats, and every open
    /// socket every one sent since it opened.
    fn settled(&self) -> bool {
        let sent = self.ledger.lock().unwrap();
        self.logs.iter().all(|log| {
            let log = log.lock().unwrap();
            let open: Vec<(Instant, HashSet<i64>)> = log
                .conns
                .iter()
                .filter(|c| c.end.is_none())
                .map(|c| (c.opened, c.frames.iter().map(|f| f.1).collect()))
                .collect();
            sent.iter().all(|s| match s.acked {
                Some((id, _)) if log.chats.contains(&s.chat) => {
                    log.view[&s.chat].contains(&id)
                        && open
                            .iter()
                            .all(|(opened, got)| s.started < *opened || got.contains(&id))
                }
                _ => true,
            })
        })
    }

    /// Stops the senders, waits until the clients have settled (or the bound has passed
    /// since the last 201, and a second more), stops them and hands back the record.
    pub async fn finish(mut self, test: &'static str) -> Run {
        self.stop_senders.send_replace(true);
        for task in self.senders.drain(..) {
            let _ = tokio::time::timeout(crate::helpers::WAIT, task).await;
        }
        let last = self
            .ledger
            .lock()
            .unwrap()
            .iter()
            .filter_map(|s| s.acked)
            .map(|a| a.1)
            .max();
        let deadline = last.unwrap_or_else(Instant::now) + self.bound + Duration::from_secs(1);
        poll_until(deadline.max(Instant::now()), || self.settled()).await;
        let stopped = Instant::now();
        self.stop_clients.send_replace(true);
        for task in self.clients.drain(..) {
            let ended = tokio::time::timeout(crate::helpers::WAIT, task).await;
            assert!(ended.is_ok(), "harness: a client did not stop");
        }
        let logs = self
            .logs
            .iter()
            .map(|l| std::mem::replace(&mut *l.lock().unwrap(), ClientLog::new("", &[])))
            .collect();
        let sent = std::mem::take(&mut *self.ledger.lock().unwrap());
        Run {
            test,
            logs,
            sent,
            faults: std::mem::take(&mut self.faults),
            start: self.start,
            stopped,
            bound: self.bound,
        }
    }
}

/// Checks `done` every 50 ms until it holds or `deadline` passes.
async fn poll_until(deadline: Instant, done: impl Fn() -> bool) {
    while !done() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What a finished scene recorded.
pub struct Run {
    test: &'static str,
    pub logs: Vec<ClientLog>,
    pub sent: Vec<Sent>,
    pub faults: Vec<Fault>,
    start: Instant,
    stopped: Instant,
    bound: Duration,
}

impl Run {
    /// The record as the verdict reads it.
    fn facts(&self) -> Facts<'_> {
        Facts {
            logs: &self.logs,
            sent: &self.sent,
            faults: &self.faults,
            bound: self.bound,
            start: self.start,
            stopped: self.stopped,
        }
    }

    /// Acknowledged sends through `node` that started in `[from, to)`.
    pub fn acked_between(&self, node: NodeIx, from: Instant, to: Instant) -> usize {
        self.sent
            .iter()
            .filter(|s| s.node == node && s.acked.is_some() && s.started >= from && s.started < to)
            .count()
    }

    /// Panics, saying so, when the fault did not happen as the test needs it to: then
    /// the verdict would mean nothing.
    pub fn require(&self, holds: bool, what: &str) {
        assert!(holds, "harness: {what}\n{}", self.facts().summary());
    }

    /// Prints what happened; panics listing every broken guarantee.
    pub fn verdict(&self) {
        let facts = self.facts();
        let took = self.stopped.duration_since(self.start).as_secs_f64();
        eprintln!("{} ({took:.1}s): {}", self.test, facts.summary());
        let problems = facts.problems();
        assert!(
            problems.is_empty(),
            "{}: {} broken guarantee(s) of several nodes:\n- {}",
            self.test,
            problems.len(),
            problems.join("\n- ")
        );
    }
}
