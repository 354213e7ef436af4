//! The socket loop every surface shares: pumps hub events out through the surface's
//! codec, feeds client frames to it, pings, enforces frame size and rate limits (a
//! client's pings and unasked pongs count as frames, and their pongs leave under the
//! same write timeout as events), and closes cleanly on kick (1008/1013), a client that
//! stopped reading (1013), shutdown (1001) or loss of the bus to other nodes (1012).

use super::gate::Gate;
use super::upgrade::Socket;
use crate::http::error::ApiError;
use crate::hub::{Inbox, Published};
use crate::kit::log_tally::LogTally;
use crate::metrics::SurfaceName;
use crate::ratelimit::Limit;
use crate::state::App;
use futures_util::{SinkExt, StreamExt};
use std::future::{poll_fn, Future};
use std::sync::{Mutex, PoisonError};
use std::task::Poll;
use std::time::Duration;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

/// Largest client frame a codec is shown (docs/security.md).
pub const MAX_FRAME: usize = 64 * 1024;
/// How often the server pings. Every ping wakes an idle phone's radio to answer it: 20 s
/// (a third more often than the 30 s it was) buys the [`SILENCE`] bound below.
pub const PING_EVERY: Duration = Duration::from_secs(20);
/// A socket heard nothing from (no frame, no pong) for this long is taken for a client
/// that vanished without a FIN (a machine gone, a phone out of Wi-Fi) and freed: its
/// subscriptions, its place under the caps, its call presence. Two pings unanswered, the
/// second with 20 s to come back; a client that only reads still answers pings. Before,
/// such a socket lived 90 to 120 s.
pub const SILENCE: Duration = Duration::from_secs(40);
/// A peer that cannot take a batch of frames within this long has stopped reading: it is
/// closed with 1013. Its close frame gets a wait of the same length of its own.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// The close of a socket as too slow, by the hub (its queue was full) or by its own loop
/// (a write waited `SEND_TIMEOUT`).
const TOO_SLOW: (u16, &str) = (1013, "too slow");
/// At most one log line per this long about sockets closed as too slow: under a flood of
/// stalled clients one line per socket would flood the log too.
const TOO_SLOW_LOG_EVERY: Duration = Duration::from_secs(60);
/// Most queued events written to a socket before one flush: under load, many frames
/// leave in one write instead of one system call each.
const BATCH: usize = 64;

/// A rendered frame: reference-counted UTF-8 that every socket of a surface sends
/// without copying.
pub type Rendered = tokio_tungstenite::tungstenite::Utf8Bytes;

/// The socket protocols; each renders an event into its own slot of the event's cache
/// (`hub::Published::rendered`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Inbox = 0,
    Chats = 1,
    Dm = 2,
    Rooms = 3,
    Messenger = 4,
}

/// An event's frame for every socket of `C`'s surface: rendered once, then shared.
pub fn shared_frame<C: Codec + ?Sized>(event: &Published) -> Option<Rendered> {
    event.rendered(C::SURFACE as usize, |p| {
        C::render_shared(p).map(Rendered::from)
    })
}

/// One surface's socket protocol.
pub trait Codec: Send + 'static {
    /// Which rendering cache slot this codec's shared frames use.
    const SURFACE: Surface;

    /// Renders an event the same way for every socket of this surface (cached per event).
    fn render_shared(event: &Published) -> Option<String>;

    /// Whether this socket should see an event at all (per-socket filtering).
    fn wants(&self, _event: &Published) -> bool {
        true
    }

    /// The frame for an event on this socket; defaults to the shared, cached rendering.
    fn frame_for(&self, event: &Published) -> Option<Rendered> {
        if !self.wants(event) {
            return None;
        }
        shared_frame::<Self>(event)
    }

    /// Frames sent right after the socket opens (history replay, for instance).
    fn on_open(&mut self, _app: &App) -> impl Future<Output = Vec<String>> + Send {
        async { Vec::new() }
    }

    /// Handles one client text frame; returns frames for this socket only.
    fn on_text(&mut self, app: &App, text: &str) -> impl Future<Output = Vec<String>> + Send;

    /// Runs once when the socket ends, however it ends.
    fn on_close(&mut self, _app: &App) -> impl Future<Output = ()> + Send {
        async {}
    }

    /// An error frame in this surface's shape.
    fn error_frame(&self, code: &str, message: &str) -> String;

    /// The rate limit a client text frame counts against.
    fn limit_for(_text: &str) -> Limit {
        Limit::SocketMessage
    }
}

/// Runs a socket until either side ends it. `app` is boxed: every idle socket's task holds
/// it, and `App` by value grows with each shared setting (see `ws::accept`). `held` (its subscriptions, its place under
/// the user's socket cap) is dropped before the close frame goes out, so a client that
/// reconnects the moment it sees the close finds its place free.
pub async fn run<C: Codec>(
    app: Box<App>,
    mut ws: Socket,
    inbox: Inbox,
    held: impl Send,
    mut codec: C,
) {
    let Inbox {
        mut events,
        handle,
        closing: mut told,
        bus_epoch,
        live: _live,
    } = inbox;
    let user_id = handle.user_id;
    let mut last_heard = tokio::time::Instant::now();
    let mut next_ping = last_heard + PING_EVERY;
    // One timer for the pings and the silence rule, set to whichever is due first, and
    // moved on only when it fires (not at every frame heard): a socket is freed exactly
    // `SILENCE` after its last frame. In place of a ping interval plus a timer of its
    // own, which cost an idle socket 112 bytes more and a poll per event.
    let timer = tokio::time::sleep_until(next_ping);
    tokio::pin!(timer);
    let mut close: Option<(u16, &str)> = None;
    let mut pong_queued = false;
    let mut pong_owed = false;

    // The codec's futures are boxed, each only while it runs: held in place, the largest
    // of them (a client frame's, which may send a message) sized every idle socket's task
    // (`natter-bench idle`: about 12 KB a socket with them in place; docs/benchmarks.md).
    let opening: Vec<Message> = Box::pin(codec.on_open(&app))
        .await
        .into_iter()
        .map(Message::text)
        .collect();
    // Made once, not per loop turn: it resolves at most once, and the loop ends then.
    let closing = async {
        tokio::select! {
            code = handle.kicked() => if code == 1013 { TOO_SLOW } else { (code, "access revoked") },
            why = told.wait_for(|c| c.close_for(bus_epoch).is_some()) => match why {
                Ok(why) => why.close_for(bus_epoch).unwrap_or((1001, "server shutting down")),
                Err(_) => (1001, "server shutting down"),
            },
        }
    };
    tokio::pin!(closing);
    // Every wake polls each branch; the gates keep that to branches that woke the task.
    let (incoming_gate, closing_gate, timer_gate) =
        (Gate::default(), Gate::default(), Gate::default());
    let mut sent = send_all(&mut ws, opening, false).await;
    while sent == Sent::All {
        let outgoing: Vec<Message> = tokio::select! {
            incoming = poll_fn(|cx| incoming_gate.poll(cx, |cx| ws.poll_next_unpin(cx))) => match incoming {
                Some(Ok(msg)) => {
                    last_heard = tokio::time::Instant::now();
                    match msg {
                        Message::Close(_) => break,
                        Message::Text(_) | Message::Binary(_) => {
                            Box::pin(handle_frame(&app, &mut codec, user_id, msg)).await
                        }
                        // tungstenite queued a ping's pong as it read the ping: it is
                        // flushed under the write timeout, so a client that never reads
                        // its pongs is closed as too slow instead of growing its buffer.
                        Message::Ping(_) => {
                            pong_queued = true;
                            control_frame(&app, &codec, user_id)
                        }
                        // The answer to natter's own ping is not the client's doing.
                        Message::Pong(_) if std::mem::take(&mut pong_owed) => continue,
                        Message::Pong(_) => control_frame(&app, &codec, user_id),
                        Message::Frame(_) => continue,
                    }
                }
                _ => break,
            },
            event = events.recv() => {
                let mut frames: Vec<Message> =
                    codec.frame_for(&event).map(Message::Text).into_iter().collect();
                while frames.len() < BATCH {
                    let Ok(event) = events.try_recv() else { break };
                    frames.extend(codec.frame_for(&event).map(Message::Text));
                }
                frames
            }
            code_and_reason = poll_fn(|cx| closing_gate.poll(cx, |cx| closing.as_mut().poll(cx))) => {
                close = Some(code_and_reason);
                break;
            }
            _ = poll_fn(|cx| timer_gate.poll(cx, |cx| timer.as_mut().poll(cx))) => {
                let (now, silent_at) = (tokio::time::Instant::now(), last_heard + SILENCE);
                if now >= silent_at {
                    note_silent();
                    break;
                }
                let mut ping = Vec::new();
                if now >= next_ping {
                    pong_owed = true;
                    ping.push(Message::Ping(Default::default()));
                    next_ping = now + PING_EVERY;
                }
                timer.as_mut().reset(next_ping.min(silent_at));
                ping
            }
        };
        sent = send_all(&mut ws, outgoing, std::mem::take(&mut pong_queued)).await;
    }
    let (code, reason) = match sent {
        Sent::All => close.unwrap_or((1000, "")),
        // Nothing more can reach the peer, a close frame included.
        Sent::Gone => {
            Box::pin(codec.on_close(&app)).await;
            return;
        }
        // `closing` has not resolved (the loop leaves as soon as it does), so it may be
        // polled. If it is ready, the hub or the server already decided this close: keep
        // its code; a hub's 1013 was counted by the hub.
        Sent::TooSlow => {
            futures_util::FutureExt::now_or_never(closing.as_mut()).unwrap_or_else(|| {
                app.metrics.hub.kicked.inc();
                TOO_SLOW
            })
        }
    };
    if (code, reason) == TOO_SLOW {
        note_too_slow();
    }
    drop(held);
    Box::pin(codec.on_close(&app)).await;
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    };
    // A wait of its own, also after a write that timed out: the frames already buffered go
    // first, so a client that reads again within it gets them and then this close frame.
    // A client that is still not reading is not waited for twice. (After the client's own
    // close the send fails, and `close` flushes tungstenite's reply to it.)
    let sent = tokio::time::timeout(SEND_TIMEOUT, ws.send(Message::Close(Some(frame)))).await;
    if sent.is_ok() {
        let _ = tokio::time::timeout(SEND_TIMEOUT, ws.close(None)).await;
    }
}

/// Sockets freed as silent since the last log line about them.
static SILENT_CLOSES: Mutex<LogTally> = Mutex::new(LogTally::new());

/// Logs that a socket was freed because its client went silent, at most once per
/// `TOO_SLOW_LOG_EVERY` with how many were since the last line.
fn note_silent() {
    let due = SILENT_CLOSES
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .add(1, TOO_SLOW_LOG_EVERY);
    if let Some(closed) = due {
        tracing::info!(
            "freed {closed} socket(s) whose client was silent for {} s (gone without a \
             close) since the last such line",
            SILENCE.as_secs()
        );
    }
}

/// Sockets closed as too slow since the last log line about them.
static TOO_SLOW_CLOSES: Mutex<LogTally> = Mutex::new(LogTally::new());

/// Logs that a socket was closed as too slow, at most once per `TOO_SLOW_LOG_EVERY` with
/// how many were since the last line (`natter_sockets_kicked_total` counts every one).
fn note_too_slow() {
    let due = TOO_SLOW_CLOSES
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .add(1, TOO_SLOW_LOG_EVERY);
    if let Some(closed) = due {
        tracing::warn!(
            "closed {closed} socket(s) with 1013 (too slow) since the last such line: their \
             clients did not read their events in time"
        );
    }
}

/// The `surface` label of a codec's sockets.
pub fn surface_name(surface: Surface) -> SurfaceName {
    match surface {
        Surface::Inbox => SurfaceName::Inbox,
        Surface::Chats => SurfaceName::Chats,
        Surface::Dm => SurfaceName::Dm,
        Surface::Rooms => SurfaceName::Rooms,
        Surface::Messenger => SurfaceName::Messenger,
    }
}

/// How a write of frames to the peer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    /// Every frame was written and flushed.
    All,
    /// The connection failed: the peer is gone.
    Gone,
    /// The peer took nothing more for `SEND_TIMEOUT`: it stopped reading. What was already
    /// handed to the connection stays buffered, ahead of a close frame.
    TooSlow,
}

/// Writes frames and flushes once; with `pong_queued`, flushes even without frames, so
/// the pong tungstenite queued leaves under the same timeout.
///
/// Polled by hand rather than through `feed`, `flush` and `timeout`: those futures sat in
/// every idle socket's task (416 bytes of it, the largest await of the loop), and the
/// timer is only made for a write that has to wait, which most never do.
async fn send_all(ws: &mut Socket, frames: Vec<Message>, pong_queued: bool) -> Sent {
    if frames.is_empty() && !pong_queued {
        return Sent::All;
    }
    let mut frames = frames.into_iter();
    let mut next: Option<Message> = None;
    let mut deadline: Option<std::pin::Pin<Box<tokio::time::Sleep>>> = None;
    poll_fn(|cx| {
        let written = loop {
            let Some(frame) = next.take().or_else(|| frames.next()) else {
                break ws.poll_flush_unpin(cx);
            };
            match ws.poll_ready_unpin(cx) {
                Poll::Ready(Ok(())) => {
                    if let Err(e) = ws.start_send_unpin(frame) {
                        break Poll::Ready(Err(e));
                    }
                }
                Poll::Ready(Err(e)) => break Poll::Ready(Err(e)),
                Poll::Pending => {
                    next = Some(frame);
                    break Poll::Pending;
                }
            }
        };
        match written {
            Poll::Ready(Ok(())) => Poll::Ready(Sent::All),
            // The write buffer is at its bound (`upgrade::MAX_WRITE_BUFFER`): the peer has
            // stopped taking what it is sent.
            Poll::Ready(Err(tokio_tungstenite::tungstenite::Error::WriteBufferFull(_))) => {
                Poll::Ready(Sent::TooSlow)
            }
            Poll::Ready(Err(_)) => Poll::Ready(Sent::Gone),
            Poll::Pending => deadline
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(SEND_TIMEOUT)))
                .as_mut()
                .poll(cx)
                .map(|()| Sent::TooSlow),
        }
    })
    .await
}

/// Counts a client's ping or pong against the per-user frame limit, as a text frame is
/// counted: past the limit the client gets the same error frame, so a flood of control
/// frames spends the budget its text frames would.
fn control_frame<C: Codec>(app: &App, codec: &C, user_id: i64) -> Vec<Message> {
    match app.limits.check_user(Limit::SocketMessage, user_id) {
        Ok(()) => Vec::new(),
        Err(e) => vec![Message::text(
            codec.error_frame("rate_limited", &ApiError::from(e).client_text()),
        )],
    }
}

async fn handle_frame<C: Codec>(
    app: &App,
    codec: &mut C,
    user_id: i64,
    msg: Message,
) -> Vec<Message> {
    if msg.len() > MAX_FRAME {
        return vec![Message::text(
            codec.error_frame("frame_too_large", "Frame exceeds 64 KiB."),
        )];
    }
    let Message::Text(text) = &msg else {
        return vec![Message::text(
            codec.error_frame("invalid_frame", "Frames must be UTF-8 JSON text."),
        )];
    };
    if let Err(e) = app.limits.check_user(C::limit_for(text), user_id) {
        return vec![Message::text(
            codec.error_frame("rate_limited", &ApiError::from(e).client_text()),
        )];
    }
    if crate::http::null_chars::in_frame(text) {
        return vec![Message::text(
            codec.error_frame("validation_error", crate::http::null_chars::MESSAGE),
        )];
    }
    codec
        .on_text(app, text)
        .await
        .into_iter()
        .map(Message::text)
        .collect()
}
