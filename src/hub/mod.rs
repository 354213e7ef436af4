//! In-process pub/sub. The writer hands the hub each event once, after its commit; the
//! hub delivers it to every live subscriber of the chat, and of each member user, through
//! a bounded queue, and hands it to the `Bus` for other nodes. A subscriber whose queue is
//! full is kicked, never waited for.
//!
//! The interface is deliberately narrow (`publish`, `subscribe_chat`, `subscribe_user`,
//! `revoke`, `shutdown`), and the hub knows nothing of sockets' protocols: it caches
//! whatever the socket layer renders in numbered slots.
//!
//! The hub also keeps who types where now (`typing`), from the typing events it
//! delivers, for Matrix apps that ask between their long polls.
//!
//! The hub also keeps whether the bus to other nodes is up (`bus_lost`, `bus_back`,
//! `bus_gap`): a socket that may have missed events from another node is closed with
//! 1012 so that its client reconnects and catches up with `after=`, and no socket opens
//! while the bus is down. On one node (`LocalBus`) the bus never goes down.
//!
//! On a node of several, each chat's numbered events (`Published::seq`) are delivered in
//! their chat's order, whichever node committed them (`order`); what is missing is read
//! back from the database by `domain::background::event_repair` and handed to `Hub::repaired`.
//!
//! Longer than most files: subscribing, delivering and closing share the subscriber
//! table and its one lock, and are read together; the bus and the order live apart.

pub mod bus;
pub mod nats;
pub mod order;
pub mod published;
pub mod queue;
pub mod typing;

pub use published::{Emit, Published, SignIn, RENDER_SLOTS};

use crate::metrics::HubMetrics;
use bus::{Bus, BusMessage, LocalBus};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{watch, Notify};

/// The receiving end a socket holds. It exists from before the handshake is answered,
/// so events and shutdown that happen before the socket loop starts still reach it.
pub struct Inbox {
    /// Events, in publication order.
    pub events: queue::Receiver,
    pub handle: Arc<SocketHandle>,
    /// Changes when the server shuts down or the bus to other nodes is lost.
    pub closing: watch::Receiver<Closing>,
    /// The bus epoch when this socket opened: once it moves on, the socket may have
    /// missed events from other nodes.
    pub bus_epoch: u64,
    /// Counts this socket as live (shutdown waits for its close frame) until dropped.
    pub live: LiveSocket,
}

impl Inbox {
    /// This socket's id, for `subscribe_*`.
    pub fn handle(&self) -> Arc<SocketHandle> {
        self.handle.clone()
    }
}

/// One live socket as the hub knows it.
pub struct SocketHandle {
    id: u64,
    /// The signed-in user of the socket.
    pub user_id: i64,
    queue: queue::Queue,
    kicked: Notify,
    close_code: AtomicU16,
    /// Whether it shows its person the chats (a socket of a client); a Matrix app's
    /// long poll only waits for news, and a phone is still pushed while one waits.
    shows: bool,
}

impl SocketHandle {
    /// The socket's number, unique on this node.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Resolves, with the close code to use, when the hub drops this socket: 1013 when it
    /// was too slow, 1008 when its user lost access to a chat it was subscribed to.
    pub async fn kicked(&self) -> u16 {
        self.kicked.notified().await;
        self.close_code.load(Ordering::Relaxed)
    }

    fn kick(&self, code: u16) {
        self.close_code.store(code, Ordering::Relaxed);
        self.kicked.notify_one();
    }
}

/// Why live sockets must close, shared with every socket loop through one watch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closing {
    /// The server is stopping: close with 1001.
    pub shutting_down: bool,
    /// Whether events from other nodes arrive now; while not, upgrades are refused.
    pub bus_up: bool,
    /// Moves on each time events from other nodes may have been lost: every socket
    /// opened before then closes with 1012.
    pub bus_epoch: u64,
}

impl Closing {
    /// The close code and reason for a socket opened at `epoch`, or `None` to carry on.
    pub fn close_for(&self, epoch: u64) -> Option<(u16, &'static str)> {
        if self.shutting_down {
            Some((1001, "server shutting down"))
        } else if self.bus_epoch != epoch {
            Some((1012, "events between servers were interrupted; reconnect"))
        } else {
            None
        }
    }
}

/// Unsubscribes on drop.
pub struct Subscription {
    hub: Arc<Hub>,
    key: Key,
    socket_id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub.remove(self.key, self.socket_id);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Key {
    Chat(i64),
    User(i64),
    /// Sockets opened with one key or session; nothing is delivered through it.
    SignIn(SignIn),
}

/// The hub itself; share it as `Arc<Hub>`.
pub struct Hub {
    subs: Mutex<HashMap<Key, Vec<Arc<SocketHandle>>>>,
    next_id: AtomicU64,
    closing: watch::Sender<Closing>,
    live_sockets: Arc<AtomicUsize>,
    metrics: HubMetrics,
    /// Where every event also goes, for the sockets of other nodes.
    bus: Box<dyn Bus>,
    /// Each chat's numbered events in commit order (several nodes). Delivery happens
    /// under this lock, so two threads cannot swap two events of one chat.
    order: Mutex<order::ChatOrder>,
    /// Who types where now, for Matrix apps' syncs (natter's sockets are told live).
    pub typing: typing::TypingNow,
}

/// Counts a socket loop as running until dropped (so shutdown can wait for close frames).
pub struct LiveSocket(Arc<AtomicUsize>);

impl Drop for LiveSocket {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new(HubMetrics::default())
    }
}

impl Hub {
    /// A hub that counts its deliveries and kicks in `metrics`, alone on its node.
    pub fn new(metrics: HubMetrics) -> Self {
        Self::with_bus(metrics, Box::new(LocalBus))
    }

    /// A hub that also hands every event to `bus`.
    pub fn with_bus(metrics: HubMetrics, bus: Box<dyn Bus>) -> Self {
        Hub {
            bus,
            subs: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            closing: watch::channel(Closing {
                shutting_down: false,
                bus_up: true,
                bus_epoch: 0,
            })
            .0,
            live_sockets: Arc::new(AtomicUsize::new(0)),
            metrics,
            order: Mutex::new(order::ChatOrder::default()),
            typing: typing::TypingNow::default(),
        }
    }

    /// A fresh queue for one socket of `user_id`.
    pub fn open_inbox(&self, user_id: i64) -> Inbox {
        self.inbox(user_id, true)
    }

    /// A fresh queue for a Matrix app's long poll of `user_id`: it hears what a socket
    /// hears, but does not count as its person watching ([`Hub::watching`]): a desktop
    /// app left open long-polls all day, and the phone must still be pushed.
    pub fn open_waiting_inbox(&self, user_id: i64) -> Inbox {
        self.inbox(user_id, false)
    }

    fn inbox(&self, user_id: i64, shows: bool) -> Inbox {
        let (queue, rx) = queue::Queue::new();
        let handle = Arc::new(SocketHandle {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            user_id,
            queue,
            kicked: Notify::new(),
            close_code: AtomicU16::new(1013),
            shows,
        });
        Inbox {
            events: rx,
            handle,
            bus_epoch: self.closing.borrow().bus_epoch,
            closing: self.closing.subscribe(),
            live: self.live_socket(),
        }
    }

    /// Delivers events of one chat to this socket until the subscription is dropped.
    pub fn subscribe_chat(
        self: &Arc<Self>,
        chat_id: i64,
        socket: &Arc<SocketHandle>,
    ) -> Subscription {
        self.add(Key::Chat(chat_id), socket)
    }

    /// Delivers events of every chat the socket's user is in.
    pub fn subscribe_user(self: &Arc<Self>, socket: &Arc<SocketHandle>) -> Subscription {
        self.add(Key::User(socket.user_id), socket)
    }

    /// Notes that the socket was opened with `sign_in`, until the subscription is
    /// dropped; [`Hub::sign_out`] closes it. No event is delivered through it.
    pub fn subscribe_sign_in(
        self: &Arc<Self>,
        sign_in: SignIn,
        socket: &Arc<SocketHandle>,
    ) -> Subscription {
        self.add(Key::SignIn(sign_in), socket)
    }

    fn add(self: &Arc<Self>, key: Key, socket: &Arc<SocketHandle>) -> Subscription {
        self.lock().entry(key).or_default().push(socket.clone());
        Subscription {
            hub: self.clone(),
            key,
            socket_id: socket.id,
        }
    }

    fn remove(&self, key: Key, socket_id: u64) {
        let mut subs = self.lock();
        if let Some(list) = subs.get_mut(&key) {
            list.retain(|s| s.id != socket_id);
            if list.is_empty() {
                subs.remove(&key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Vec<Arc<SocketHandle>>>> {
        self.subs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `user_id` has a socket on this node that is shown `chat_id`'s events (one
    /// on every chat of theirs, or one on that chat): nobody is pushed what is on screen.
    pub fn watching(&self, user_id: i64, chat_id: i64) -> bool {
        let subs = self.lock();
        subs.get(&Key::User(user_id))
            .is_some_and(|l| l.iter().any(|s| s.shows))
            || subs
                .get(&Key::Chat(chat_id))
                .is_some_and(|l| l.iter().any(|s| s.user_id == user_id && s.shows))
    }

    /// Hands an event to every local subscriber of its chat and of its audience's users;
    /// `late` when it comes in a catch-up lump (`queue`'s note).
    fn deliver(&self, event: &Arc<Published>, late: bool) {
        self.typing.note(event);
        let mut subs = self.lock();
        let mut kicked: Vec<(Key, u64)> = Vec::new();
        // Counted here and added to the metrics once per event, not once per socket.
        let mut delivered = 0u64;
        let mut deliver = |key: Key, list: &Vec<Arc<SocketHandle>>| {
            for socket in list {
                match socket.queue.push(event, late) {
                    queue::Pushed::Queued => delivered += 1,
                    queue::Pushed::Full => {
                        socket.kick(1013);
                        kicked.push((key, socket.id));
                    }
                    queue::Pushed::Shed | queue::Pushed::Closed => {}
                }
            }
        };
        if let Some(list) = subs.get(&Key::Chat(event.chat_id)) {
            deliver(Key::Chat(event.chat_id), list);
        }
        for user in event.audience.iter() {
            if let Some(list) = subs.get(&Key::User(*user)) {
                deliver(Key::User(*user), list);
            }
        }
        if delivered > 0 {
            self.metrics.deliveries.inc_by(delivered);
        }
        if !kicked.is_empty() {
            self.metrics.kicked.inc_by(kicked.len() as u64);
        }
        for (key, id) in kicked {
            if let Some(list) = subs.get_mut(&key) {
                list.retain(|s| s.id != id);
            }
        }
    }

    /// Carries out what a committed write job queued.
    pub fn emit(&self, emit: Emit) {
        match emit {
            Emit::Event(event) => self.publish(event),
            Emit::Revoke { chat_id, user_id } => self.revoke(chat_id, user_id),
            Emit::SignOut(sign_in) => self.sign_out(sign_in),
            Emit::LockOut { user_id, keep } => self.lock_out(user_id, keep),
        }
    }

    /// Hands an unnumbered event to this node's subscribers only: what every node learns
    /// for itself (from a table another process writes) and must not hear twice.
    pub fn publish_here(&self, event: Arc<Published>) {
        self.deliver(&event, false);
    }

    /// Hands an event to the local subscribers, then to the bus.
    pub fn publish(&self, event: Arc<Published>) {
        self.deliver_in_order(event.clone());
        self.bus.carry(&BusMessage::Event(event));
    }

    /// Delivers an unnumbered event at once; a numbered one after the one before it in its
    /// chat (holding it until then), and never twice.
    fn deliver_in_order(&self, event: Arc<Published>) {
        if event.seq() == 0 {
            return self.deliver(&event, false);
        }
        let mut order = self.order_lock();
        // More than one: the gap they were held behind closed, and they are late.
        let ready = order.accept(event, std::time::Instant::now());
        let late = ready.len() > 1;
        for ready in ready {
            self.deliver(&ready, late);
        }
    }

    fn order_lock(&self) -> std::sync::MutexGuard<'_, order::ChatOrder> {
        self.order
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts delivering each chat's numbered events in order, counting from the
    /// database's `positions` (each chat's last number): a node of several, before it
    /// serves sockets.
    pub fn start_chat_order(&self, positions: &[(i64, u64)]) {
        self.order_lock().start(positions);
    }

    /// Notes each chat's last number in the database (see [`order::ChatOrder::note_heads`]).
    pub fn note_chat_heads(&self, heads: &[(i64, u64)]) {
        self.order_lock()
            .note_heads(heads, std::time::Instant::now());
    }

    /// The numbers that have been missing for at least `grace`, to read from the outbox.
    pub fn repairs_due(&self, grace: std::time::Duration) -> Vec<order::Repair> {
        self.order_lock().repairs(grace, std::time::Instant::now())
    }

    /// Delivers the events read back for `repair`, in order, and says how many of its
    /// numbers were among them. If some were not (pruned, or unreadable), they are given
    /// up: see [`Hub::give_up`].
    pub fn repaired(&self, repair: order::Repair, events: Vec<Arc<Published>>) -> u64 {
        let mut order = self.order_lock();
        let now = std::time::Instant::now();
        let mut got = 0u64;
        for event in events {
            if (repair.from..=repair.to).contains(&event.seq()) {
                got += 1;
            }
            for ready in order.accept(event, now) {
                self.deliver(&ready, true);
            }
        }
        self.metrics.events_repaired.inc_by(got);
        if got < repair.to + 1 - repair.from {
            drop(order);
            self.give_up(repair.chat_id, repair.to);
        }
        got
    }

    /// Stops waiting for `chat_id`'s numbers up to `to`, which cannot be had: every
    /// socket closes with 1012 (its client catches up with `after=`), and what was held
    /// behind them is delivered to the sockets that open from now.
    pub fn give_up(&self, chat_id: i64, to: u64) {
        let mut order = self.order_lock();
        self.bus_gap();
        self.metrics.gaps_given_up.inc();
        tracing::warn!(
            "chat {chat_id}: events up to number {to} could not be delivered in order; closing sockets"
        );
        for ready in order.skip(chat_id, to, std::time::Instant::now()) {
            self.deliver(&ready, true);
        }
    }

    /// Stops chat-level delivery of `chat_id` to `user_id`'s sockets (after removal from
    /// it) on this node, then on the others through the bus.
    pub fn revoke(&self, chat_id: i64, user_id: i64) {
        self.revoke_here(chat_id, user_id);
        self.bus.carry(&BusMessage::Revoke { chat_id, user_id });
    }

    /// Closes, with 1008, every socket opened with `sign_in` on this node, then on the
    /// others through the bus: signing out in one tab ends the others' sockets too.
    pub fn sign_out(&self, sign_in: SignIn) {
        self.sign_out_here(sign_in);
        self.bus.carry(&BusMessage::SignOut(sign_in));
    }

    fn sign_out_here(&self, sign_in: SignIn) {
        let gone = self
            .lock()
            .remove(&Key::SignIn(sign_in))
            .unwrap_or_default();
        for socket in gone {
            socket.kick(1008);
        }
    }

    /// Closes, with 1008, every socket of `user_id` but those opened with `keep`, on this
    /// node, then on the others through the bus.
    pub fn lock_out(&self, user_id: i64, keep: Option<SignIn>) {
        self.lock_out_here(user_id, keep);
        self.bus.carry(&BusMessage::LockOut { user_id, keep });
    }

    /// [`Hub::lock_out`] on this node only (also what the `lockouts` table's watcher
    /// calls for changes the command line made). A rare, whole-map walk: an
    /// administrator's action, not a message.
    pub fn lock_out_here(&self, user_id: i64, keep: Option<SignIn>) {
        let mut subs = self.lock();
        let kept: Vec<u64> = keep
            .and_then(|k| subs.get(&Key::SignIn(k)))
            .map(|list| list.iter().map(|s| s.id).collect())
            .unwrap_or_default();
        let mut gone: Vec<Arc<SocketHandle>> = Vec::new();
        for list in subs.values_mut() {
            list.retain(|s| {
                let go = s.user_id == user_id && !kept.contains(&s.id);
                if go && !gone.iter().any(|g| g.id == s.id) {
                    gone.push(s.clone());
                }
                !go
            });
        }
        subs.retain(|_, list| !list.is_empty());
        drop(subs);
        for socket in gone {
            socket.kick(1008);
        }
    }

    /// Carries out a message that came over the bus from another node, on this node only.
    pub fn receive(&self, message: BusMessage) {
        self.metrics.bus_received.inc();
        match message {
            BusMessage::Event(event) => self.deliver_in_order(event),
            BusMessage::Revoke { chat_id, user_id } => self.revoke_here(chat_id, user_id),
            BusMessage::SignOut(sign_in) => self.sign_out_here(sign_in),
            BusMessage::LockOut { user_id, keep } => self.lock_out_here(user_id, keep),
        }
    }

    /// Closes `user_id`'s sockets on `chat_id` here, with 1008.
    fn revoke_here(&self, chat_id: i64, user_id: i64) {
        let mut subs = self.lock();
        let mut gone = Vec::new();
        if let Some(list) = subs.get_mut(&Key::Chat(chat_id)) {
            list.retain(|s| {
                let keep = s.user_id != user_id;
                if !keep {
                    gone.push(s.clone());
                }
                keep
            });
        }
        drop(subs);
        for socket in gone {
            socket.kick(1008);
        }
    }

    /// Number of live subscriptions (for diagnostics and tests).
    pub fn subscription_count(&self) -> usize {
        self.lock().values().map(Vec::len).sum()
    }

    /// Whether the server is shutting down (background loops end).
    pub fn shutting_down(&self) -> bool {
        self.closing.borrow().shutting_down
    }

    /// Resolves once the server begins to stop: what a long download waits on beside
    /// its data, so that a stop does not wait for it.
    pub fn stopping(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut closing = self.closing.subscribe();
        async move {
            // An error is the hub gone, which is a stop too.
            let _ = closing.wait_for(|c| c.shutting_down).await;
        }
    }

    /// Tells every socket to close with 1001 (server going away).
    pub fn shutdown(&self) {
        self.closing.send_modify(|c| c.shutting_down = true);
    }

    /// Whether a socket may open: false while the bus to other nodes is down, since it
    /// would miss their events without knowing. Ask after `open_inbox`, so a loss in
    /// between either refuses the socket or closes it.
    pub fn bus_is_up(&self) -> bool {
        self.closing.borrow().bus_up
    }

    /// Moves on each time sockets were closed because events from other nodes may have
    /// been lost.
    pub fn bus_epoch(&self) -> u64 {
        self.closing.borrow().bus_epoch
    }

    /// The bus to other nodes is down: every socket closes with 1012 and none opens
    /// until `bus_back`. Nothing happens if it was down already.
    pub fn bus_lost(&self) {
        let lost = self.closing.send_if_modified(|c| {
            let was_up = c.bus_up;
            if was_up {
                c.bus_up = false;
                c.bus_epoch += 1;
            }
            was_up
        });
        if lost {
            self.metrics.bus_up.set(0);
            self.metrics.bus_interruptions.inc();
        }
    }

    /// The bus to other nodes is back: sockets may open again.
    pub fn bus_back(&self) {
        self.closing.send_if_modified(|c| {
            let was_down = !c.bus_up;
            c.bus_up = true;
            was_down
        });
        self.metrics.bus_up.set(1);
    }

    /// Events from another node were lost while the bus stayed up (a gap in its
    /// sequence): every socket closes with 1012, and new ones may open at once.
    pub fn bus_gap(&self) {
        self.closing.send_modify(|c| c.bus_epoch += 1);
        self.metrics.bus_interruptions.inc();
    }

    /// This node cannot read the database: every socket closes with 1012 so that its
    /// client reconnects (through a balancer, to a node that can). Upgrades need the
    /// database themselves, so none opens here until it is back.
    pub fn store_lost(&self) {
        self.bus_gap();
    }

    fn live_socket(&self) -> LiveSocket {
        self.live_sockets.fetch_add(1, Ordering::SeqCst);
        LiveSocket(self.live_sockets.clone())
    }

    /// After `shutdown`, waits (up to `limit`) for every socket loop to send its close frame.
    pub async fn wait_for_sockets(&self, limit: std::time::Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while self.live_sockets.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline
        {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
}
