//! The bus between natter nodes over NATS core pub/sub (docs/scale-out.md): every node
//! publishes what its hub delivered to one subject, `<cluster>.events`, and delivers
//! what the others published. At most once: the database stays the truth. A chat's
//! numbered events that NATS loses or delays are read back from it (`hub::order`,
//! `domain::background::event_repair`); for the rest (receipts, removals, sign-outs), a socket that
//! may have missed something is closed with 1012 so its client catches up with `after=`.
//! That happens when the connection drops, when this node's outgoing queue overflows,
//! when the subscription is too slow, and when another node's sequence numbers skip (a
//! message NATS dropped on the way).
//!
//! Whether the connection carries both ways is asked through NATS every half second
//! (`beat`): a link that goes silent without breaking takes the bus down within 3.5 s.
//!
//! Order: one task publishes this node's messages in the order the hub carried them, so
//! a node's events reach the others in its publication order.

mod beat;
mod shared;

use super::bus::{Bus, BusMessage};
use super::Hub;
use async_nats::{Client, ConnectOptions, HeaderMap, Subscriber};
use bytes::Bytes;
use futures_util::StreamExt;
use shared::Shared;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Messages that may wait to be published. At ~700 B an event that is ~45 MB at worst;
/// a queue this deep that fills means NATS is gone or far too slow, not a burst.
pub const QUEUE: usize = 65_536;
/// Which node published a message: its own are skipped.
const NODE_HEADER: &str = "Natter-Node";
/// The publishing node's count of messages, so a receiver sees one that went missing.
const SEQ_HEADER: &str = "Natter-Seq";
/// Which of the publishing node's connections to NATS a message was handed to, counted
/// from 0. A connection the node replaced may still deliver what its kernel held after
/// the new one has started: receivers compare sequence numbers within one link only.
const LINK_HEADER: &str = "Natter-Link";
/// Longest wait between reconnect attempts: delivery resumes within about this long of
/// NATS coming back (async-nats' default grows to 4 s).
const MAX_RECONNECT_DELAY: Duration = Duration::from_secs(1);
/// How long the first connection may take before natter refuses to start.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How often the NATS client pings when the server has been silent; it drops the
/// connection after three unanswered, and reconnects (perhaps to another server of the
/// list). The client's default, a minute, kept a dead connection three minutes.
/// `beat` has already taken the bus down by then; this only replaces the connection.
const PING_INTERVAL: Duration = Duration::from_secs(10);

/// The hub's bus on a node of a cluster: queues each message for the publisher task.
pub struct NatsBus {
    queue: mpsc::Sender<Bytes>,
    shared: Arc<Shared>,
}

impl Bus for NatsBus {
    fn carry(&self, message: &BusMessage) {
        let json = match serde_json::to_vec(message) {
            Ok(json) => Bytes::from(json),
            Err(e) => {
                tracing::error!("cannot encode an event for the bus: {e}");
                return;
            }
        };
        if self.queue.try_send(json).is_err() {
            // Other nodes' sockets miss this one: they see the skipped sequence number.
            // This node's sockets are closed too, since what they miss cannot be told.
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
            if let Some(hub) = self.shared.hub() {
                if hub.bus_is_up() {
                    tracing::warn!("the bus's outgoing queue is full ({QUEUE}); closing sockets");
                }
                hub.bus_lost();
            }
        }
    }
}

/// A connection made before the hub exists (the hub owns the bus); `start` hands it the
/// hub and starts its two tasks.
pub struct Connection {
    client: Client,
    subscriber: Subscriber,
    queue: mpsc::Receiver<Bytes>,
    /// The sending end of `queue`, to see that it has drained.
    queue_sender: mpsc::WeakSender<Bytes>,
    beat: beat::Beat,
    shared: Arc<Shared>,
    subject: String,
    node: String,
}

/// Connects to `servers` (NATS URLs) and subscribes to `<cluster>.events`, as node
/// `node`. Fails with a sentence naming the servers when none answers: a node that
/// starts without its bus would serve sockets that never hear the other nodes.
pub async fn connect(
    servers: &[String],
    cluster: &str,
    node: &str,
) -> Result<(NatsBus, Connection), String> {
    // Every sentence names the servers without the user, password or token in them.
    let shown = crate::kit::printable::without_credentials(&servers.join(","));
    let shared = Arc::new(Shared::default());
    let events = shared.clone();
    let client = options()
        .name(format!("natter {cluster} {node}"))
        .no_echo()
        .event_callback(move |event| {
            let shared = events.clone();
            async move { on_client_event(&shared, event) }
        })
        .connect(servers.to_vec())
        .await
        .map_err(|e| {
            format!(
                "--hub {}: cannot reach NATS ({e}); start nats-server there, or use --hub local",
                shown
            )
        })?;
    let subject = format!("{cluster}.events");
    let subscriber = client
        .subscribe(subject.clone())
        .await
        .map_err(|e| format!("--hub {}: cannot subscribe to {subject} ({e})", shown))?;
    // Once the server has the subscription, before natter says it is listening: a
    // message another node publishes after that reaches this one.
    client
        .flush()
        .await
        .map_err(|e| format!("--hub {}: cannot subscribe to {subject} ({e})", shown))?;
    let beat = beat::Beat::connect(options(), servers, cluster, node)
        .await
        .map_err(|e| format!("--hub {}: {e}", shown))?;
    let (tx, rx) = mpsc::channel(QUEUE);
    let queue_sender = tx.downgrade();
    Ok((
        NatsBus {
            queue: tx,
            shared: shared.clone(),
        },
        Connection {
            client,
            subscriber,
            queue: rx,
            queue_sender,
            beat,
            shared,
            subject,
            node: node.to_string(),
        },
    ))
}

/// The options every connection of this node shares.
fn options() -> ConnectOptions {
    ConnectOptions::new()
        .connection_timeout(CONNECT_TIMEOUT)
        .ping_interval(PING_INTERVAL)
        .max_reconnects(None)
        .reconnect_delay_callback(|attempts| {
            MAX_RECONNECT_DELAY.min(Duration::from_millis(10 * attempts as u64))
        })
}

/// What the NATS client reports about its connection, turned into the hub's bus state.
fn on_client_event(shared: &Shared, event: async_nats::Event) {
    let Some(hub) = shared.hub() else { return };
    match event {
        async_nats::Event::Disconnected | async_nats::Event::Closed => {
            tracing::warn!("NATS {event}: closing sockets until it is back");
            hub.bus_lost();
        }
        // The bus is back once NATS answers `beat`'s question, within half a second.
        async_nats::Event::Connected => tracing::info!("NATS connected"),
        async_nats::Event::SlowConsumer(_) => {
            tracing::warn!("NATS: this node read too slowly and lost events; closing sockets");
            hub.bus_gap();
        }
        other => tracing::info!("NATS: {other}"),
    }
}

impl Connection {
    /// Starts publishing what `hub` carries and delivering what other nodes publish.
    pub fn start(self, hub: &Arc<Hub>) {
        let Connection {
            client,
            subscriber,
            queue,
            queue_sender,
            beat,
            shared,
            subject,
            node,
        } = self;
        let _ = shared.hub.set(Arc::downgrade(hub));
        beat.start(client.clone(), shared.clone(), queue_sender);
        tokio::spawn(publish(
            client,
            queue,
            shared.clone(),
            subject,
            node.clone(),
        ));
        tokio::spawn(receive(subscriber, shared, node));
    }
}

/// Publishes queued messages one at a time, in queue order. A queue that overflowed is
/// back to empty when `beat` sees it so, and the bus comes back then. Replaces the
/// connection when `beat` asks, between two messages: those handed over before go out
/// on the old connection or are lost with it, those after go out on the new one.
async fn publish(
    client: Client,
    mut queue: mpsc::Receiver<Bytes>,
    shared: Arc<Shared>,
    subject: String,
    node: String,
) {
    let mut seq = 0u64;
    let mut link = 0u64;
    loop {
        let payload = tokio::select! {
            biased;
            () = shared.relink.notified() => {
                link += 1;
                tracing::warn!("NATS has not answered since the bus went down: connecting again");
                if let Err(e) = client.force_reconnect().await {
                    tracing::warn!("cannot connect to NATS again: {e}");
                }
                // Handled after the reconnect: once flushed, the new connection carries.
                let _ = tokio::time::timeout(beat::DEAD_AFTER, client.flush()).await;
                shared.relinked.notify_one();
                continue;
            }
            payload = queue.recv() => match payload {
                Some(payload) => payload,
                None => return,
            },
        };
        seq += 1 + shared.dropped.swap(0, Ordering::Relaxed);
        let mut headers = HeaderMap::new();
        headers.insert(NODE_HEADER, node.as_str());
        headers.insert(SEQ_HEADER, seq.to_string().as_str());
        headers.insert(LINK_HEADER, link.to_string().as_str());
        // While NATS is away the client holds what it can and reports the disconnect
        // (which closes sockets); an error here is a message lost, which the receivers
        // see as a gap.
        if let Err(e) = client
            .publish_with_headers(subject.clone(), headers, payload)
            .await
        {
            tracing::warn!("cannot publish an event on {subject}: {e}");
        }
    }
}

/// Delivers other nodes' messages to the local hub; skips its own and bad ones.
async fn receive(mut subscriber: Subscriber, shared: Arc<Shared>, node: String) {
    // Per node: the link and sequence number of its last message, and the hub's bus
    // epoch when it came. Sockets opened before an epoch moved on are closed already, so
    // a skip across epochs (a reconnect, say) concerns none of them; nor does one across
    // links, whose messages may interleave while the old one empties.
    let mut last_seen: HashMap<String, (u64, u64, u64)> = HashMap::new();
    while let Some(message) = subscriber.next().await {
        let Some(hub) = shared.hub() else { return };
        let header = |name: &str| {
            message
                .headers
                .as_ref()
                .and_then(|h| h.get(name))
                .map(|v| v.as_str().to_string())
        };
        let Some(from) = header(NODE_HEADER) else {
            tracing::warn!("skipped a bus message without a {NODE_HEADER} header");
            continue;
        };
        if from == node {
            continue;
        }
        if let Some(seq) = header(SEQ_HEADER).and_then(|s| s.parse::<u64>().ok()) {
            let epoch = hub.bus_epoch();
            let link = header(LINK_HEADER)
                .and_then(|l| l.parse::<u64>().ok())
                .unwrap_or(0);
            if let Some((last_link, last, then)) =
                last_seen.insert(from.clone(), (link, seq, epoch))
            {
                // A smaller number is the node restarted; a skip is a message lost.
                if then == epoch && last_link == link && seq > last + 1 {
                    tracing::warn!(
                        "lost {} bus message(s) from node {from}; closing sockets",
                        seq - last - 1
                    );
                    hub.bus_gap();
                }
            }
        }
        match serde_json::from_slice::<BusMessage>(&message.payload) {
            Ok(decoded) => hub.receive(decoded),
            Err(e) => tracing::warn!("skipped a malformed bus message from node {from}: {e}"),
        }
    }
    tracing::error!("the NATS subscription ended; events from other nodes stop");
    if let Some(hub) = shared.hub() {
        hub.bus_lost();
    }
}
