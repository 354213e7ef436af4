//! Whether this node's NATS connection carries both ways now. The NATS client notices a
//! connection that breaks (a reset, a refused reconnect) at once, but not one that goes
//! silent: a vanished link, or one that loses one direction only, looks connected until
//! TCP gives up, minutes later; and its own pings stop while the server sends anything,
//! so a link that lost only its upward direction never looks dead to it.
//!
//! So every [`EVERY`] the node sends a request on its bus connection to
//! `<cluster>.beat.<node>`, which a second, small connection of the same node answers.
//! The request goes up on the bus connection, the answer comes down on it, each behind
//! whatever that connection already carries: an answer proves both directions. "No
//! responders" from the server (the answering connection is down itself) proves them
//! too. A subscriber to every subject (`nats sub '>'`, to debug) gets the request as well
//! but changes nothing: the node's own answer still comes. No answer within
//! [`DEAD_AFTER`] takes the bus down (sockets close with 1012, upgrades are refused); the
//! first answer once the node's outgoing queue has drained (below 1,024 events) brings
//! it back. This is the
//! one place that says the bus is back.
//!
//! While the bus is down, each question left unanswered replaces both connections (when
//! they are not already connecting again). A link that vanished keeps the old connection
//! silent long after the link is back: the server's TCP probes a closed window at
//! growing intervals (3.5 s apart after six seconds of silence, seen here; ten or more
//! on a real network's retransmissions), and with it everything waits, while a new
//! connection carries at once.
//!
//! Bound: a node knows it lost NATS within EVERY + DEAD_AFTER (3.5 s) of the loss, and
//! accepts sockets again within EVERY (plus the reconnect, at most a second apart) of
//! NATS carrying both ways again on a new connection.

use super::shared::Shared;
use async_nats::client::RequestErrorKind;
use async_nats::connection::State;
use async_nats::{Client, ConnectOptions, Subscriber};
use bytes::Bytes;
use futures_util::StreamExt;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// How often the question is asked.
pub const EVERY: Duration = Duration::from_millis(500);
/// How long an answer may take before the bus counts as down. It takes well under a
/// millisecond on a LAN; three seconds leave room for a busy machine behind a slow link
/// (the fault tests run two nodes, PostgreSQL and NATS on two cores; with two seconds, a
/// link 20-80 ms late a chunk with 400 ms stalls took the bus down in one run of two,
/// its answer queued behind the events the bus carried).
pub const DEAD_AFTER: Duration = Duration::from_secs(3);

/// Fewer events than this waiting to be published is a queue that has drained: under
/// load it is seldom empty at the instant it is looked at.
const DRAINED: usize = 1024;

/// The answering side, connected, and the subject it answers.
pub(super) struct Beat {
    answerer: Client,
    questions: Subscriber,
    subject: String,
}

impl Beat {
    /// Connects the answering connection with `options` and subscribes it.
    pub(super) async fn connect(
        options: ConnectOptions,
        servers: &[String],
        cluster: &str,
        node: &str,
    ) -> Result<Beat, String> {
        let subject = format!("{cluster}.beat.{node}");
        let answerer = options
            .name(format!("natter {cluster} {node} beat"))
            .connect(servers.to_vec())
            .await
            .map_err(|e| format!("cannot reach NATS ({e})"))?;
        let questions = answerer
            .subscribe(subject.clone())
            .await
            .map_err(|e| format!("cannot subscribe to {subject} ({e})"))?;
        answerer
            .flush()
            .await
            .map_err(|e| format!("cannot subscribe to {subject} ({e})"))?;
        Ok(Beat {
            answerer,
            questions,
            subject,
        })
    }

    /// Starts answering, and asking on `client` (the bus connection) until the hub is
    /// gone; `queue` is the node's outgoing queue, which must be empty before the bus
    /// counts as back.
    pub(super) fn start(self, client: Client, shared: Arc<Shared>, queue: mpsc::WeakSender<Bytes>) {
        let Beat {
            answerer,
            questions,
            subject,
        } = self;
        let answering = tokio::spawn(answer(answerer.clone(), questions));
        tokio::spawn(async move {
            ask(client, answerer, shared, subject, queue).await;
            answering.abort();
        });
    }
}

/// Answers every question with an empty message.
async fn answer(answerer: Client, mut questions: Subscriber) {
    while let Some(question) = questions.next().await {
        if let Some(reply) = question.reply {
            // A lost answer is a question unanswered: the asker counts it as such.
            let _ = answerer.publish(reply, Bytes::new()).await;
        }
    }
}

async fn ask(
    client: Client,
    answerer: Client,
    shared: Arc<Shared>,
    subject: String,
    queue: mpsc::WeakSender<Bytes>,
) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let answered = answers(&client, &subject).await;
        let Some(hub) = shared.hub() else { return };
        let drained = queue
            .upgrade()
            .is_some_and(|q| q.max_capacity() - q.capacity() < DRAINED);
        match (answered, hub.bus_is_up()) {
            (true, false) if drained => {
                tracing::info!("NATS carries both ways again: accepting sockets again");
                hub.bus_back();
            }
            (false, true) => {
                tracing::warn!(
                    "NATS did not answer within {} s: closing sockets until it does",
                    DEAD_AFTER.as_secs()
                );
                hub.bus_lost();
            }
            _ => {}
        }
        if !answered && connected(&client) && connected(&answerer) {
            relink(&shared, &answerer).await;
        }
    }
}

/// Replaces both connections, and waits (at most [`DEAD_AFTER`]) until each carries:
/// a question asked before the bus connection is replaced is lost with it, and asking
/// before both are back would lose every question to the next replacement.
async fn relink(shared: &Shared, answerer: &Client) {
    // A replacement that outlasted the last round's wait left its notice stored; taken
    // now, it cannot pass for this round's.
    let _ = futures_util::FutureExt::now_or_never(shared.relinked.notified());
    shared.relink.notify_one();
    let answerer_back = async {
        if let Err(e) = answerer.force_reconnect().await {
            tracing::warn!("cannot connect to NATS again: {e}");
        }
        // Handled after the reconnect, on the new connection, behind its subscription.
        let _ = answerer.flush().await;
    };
    let both = async { tokio::join!(shared.relinked.notified(), answerer_back) };
    let _ = tokio::time::timeout(DEAD_AFTER, both).await;
}

/// Whether `client` is connected now, not connecting again.
fn connected(client: &Client) -> bool {
    client.connection_state() == State::Connected
}

/// Whether one question was answered within [`DEAD_AFTER`].
async fn answers(client: &Client, subject: &str) -> bool {
    let asked = client.request(subject.to_string(), Bytes::new());
    match tokio::time::timeout(DEAD_AFTER, asked).await {
        Ok(Ok(_)) => true,
        Ok(Err(e)) => e.kind() == RequestErrorKind::NoResponders,
        Err(_) => false,
    }
}
