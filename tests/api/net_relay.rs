//! A userspace TCP relay for the network-fault tests: it listens on a port of
//! 127.0.0.1, forwards every connection to a target, and can be switched at run time
//! between the faults a real network has. The test kernel has no `netem`, and loopback
//! cannot lose a packet, so the relay stands in for the network: a process talks to the
//! relay's port instead of the target's.
//!
//! What each mode does on TCP, where a lost packet is retransmitted until it arrives or
//! the connection dies:
//! - [`Mode::Pass`]: forwards both ways.
//! - [`Mode::BlackHole`]: a machine that vanished, or a phone that walked out of Wi-Fi.
//!   Nothing is forwarded either way and nothing is read, so the kernel buffers fill and
//!   the sender's writes stall; no FIN, no RST, the connections stay open. Switching back
//!   to `Pass` delivers what was held, as retransmission would.
//! - [`Mode::Cut`]: every connection is reset (RST), and new ones are reset as they come.
//! - [`Mode::OneWay`]: one direction stalls as in a black hole while the other flows
//!   (one-way loss: on TCP the lost direction is retransmitted forever, never skipped).
//! - [`Mode::Bad`]: every chunk waits a delay with jitter, and every so often a stall.
//!   Bytes cannot be reordered inside one TCP stream, so loss and reordering show as
//!   these delays and stalls; resets come from [`Mode::Flap`].
//! - [`Mode::Flap`]: passes, but resets every connection once per period.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A direction of the relayed connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// From the side that connected to the relay towards the target.
    Up,
    /// From the target back to the side that connected.
    Down,
}

/// What the relay does to its connections now (see the module's note).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    Pass,
    BlackHole,
    Cut,
    /// The given direction stalls; the other flows.
    OneWay(Dir),
    /// Each chunk is held `delay` plus up to `jitter`; one chunk in `stall_every` (per
    /// direction) is held `stall` more.
    Bad {
        delay: Duration,
        jitter: Duration,
        stall_every: u64,
        stall: Duration,
    },
    /// Passes, and resets every connection each `every`.
    Flap {
        every: Duration,
    },
}

impl Mode {
    /// Whether bytes may move in `dir` now (a stalled direction waits for a change).
    fn flows(&self, dir: Dir) -> bool {
        match self {
            Mode::BlackHole | Mode::Cut => false,
            Mode::OneWay(stalled) => *stalled != dir,
            _ => true,
        }
    }
}

/// What every connection's tasks share with the relay.
struct Shared {
    mode: watch::Sender<Mode>,
    /// Moves on each time every connection must be reset (a cut, a flap).
    resets: watch::Sender<u64>,
    /// Bytes forwarded each way: up, down.
    bytes: [AtomicU64; 2],
    /// Connections accepted, and reset by the relay.
    accepted: AtomicU64,
    reset: AtomicU64,
}

/// A running relay; every task it started ends when it is dropped.
pub struct Relay {
    /// Where the relay listens: give this to the client instead of the target.
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.shared.resets.send_modify(|r| *r += 1);
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Relay {
    /// Listens on a free port of 127.0.0.1 and forwards to `target`, in [`Mode::Pass`].
    pub async fn start(target: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("harness: the relay cannot listen on 127.0.0.1");
        let addr = listener.local_addr().expect("harness: the relay's address");
        let shared = Arc::new(Shared {
            mode: watch::channel(Mode::Pass).0,
            resets: watch::channel(0).0,
            bytes: [AtomicU64::new(0), AtomicU64::new(0)],
            accepted: AtomicU64::new(0),
            reset: AtomicU64::new(0),
        });
        let accept = tokio::spawn(accept_loop(listener, target, shared.clone()));
        let flap = tokio::spawn(flapper(shared.clone()));
        Relay {
            addr,
            shared,
            tasks: vec![accept, flap],
        }
    }

    /// Switches the relay to `mode`; a cut resets every connection at once.
    pub fn set(&self, mode: Mode) {
        self.shared.mode.send_replace(mode);
        if mode == Mode::Cut {
            self.shared.resets.send_modify(|r| *r += 1);
        }
    }

    /// Bytes forwarded in `dir` so far.
    pub fn bytes(&self, dir: Dir) -> u64 {
        self.shared.bytes[dir as usize].load(Ordering::Relaxed)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> u64 {
        self.shared.accepted.load(Ordering::Relaxed)
    }

    /// Connections the relay reset so far (cuts and flaps).
    pub fn resets(&self) -> u64 {
        self.shared.reset.load(Ordering::Relaxed)
    }
}

async fn accept_loop(listener: TcpListener, target: SocketAddr, shared: Arc<Shared>) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            continue;
        };
        shared.accepted.fetch_add(1, Ordering::Relaxed);
        if *shared.mode.borrow() == Mode::Cut {
            reset(client, &shared);
            continue;
        }
        tokio::spawn(relay_one(client, target, shared.clone()));
    }
}

/// In [`Mode::Flap`], resets every connection once per period.
async fn flapper(shared: Arc<Shared>) {
    let mut mode = shared.mode.subscribe();
    loop {
        let every = match *mode.borrow_and_update() {
            Mode::Flap { every } => Some(every),
            _ => None,
        };
        match every {
            Some(every) => {
                tokio::select! {
                    _ = tokio::time::sleep(every) => shared.resets.send_modify(|r| *r += 1),
                    _ = mode.changed() => {}
                }
            }
            None => {
                if mode.changed().await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Closes `stream` with an RST rather than a FIN.
fn reset(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_zero_linger();
    shared.reset.fetch_add(1, Ordering::Relaxed);
    drop(stream);
}

/// Relays one connection until both sides have closed it or the relay resets it.
async fn relay_one(client: TcpStream, target: SocketAddr, shared: Arc<Shared>) {
    let Ok(server) = TcpStream::connect(target).await else {
        reset(client, &shared);
        return;
    };
    let _ = (client.set_nodelay(true), server.set_nodelay(true));
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let up = pump(client_read, server_write, Dir::Up, shared.clone());
    let down = pump(server_read, client_write, Dir::Down, shared.clone());
    // One side's close ends one direction (a half-close); the other runs on until it
    // closes too.
    let (up_reset, down_reset) = tokio::join!(up, down);
    if up_reset || down_reset {
        shared.reset.fetch_add(1, Ordering::Relaxed);
    }
}

/// Copies `from` into `to` chunk by chunk, as the mode allows: a stalled direction
/// neither reads nor writes, so the sender's kernel buffers fill as on a dead link. True
/// when the relay reset the connection (both sockets then close with an RST).
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    dir: Dir,
    shared: Arc<Shared>,
) -> bool {
    let mut resets = shared.resets.subscribe();
    resets.borrow_and_update();
    tokio::select! {
        _ = resets.changed() => {
            let _ = from.as_ref().set_zero_linger();
            let _ = to.as_ref().set_zero_linger();
            true
        }
        _ = copy(&mut from, &mut to, dir, &shared) => false,
    }
}

/// The copy of [`pump`], until `from` ends or `to` fails.
async fn copy(
    from: &mut tokio::net::tcp::OwnedReadHalf,
    to: &mut tokio::net::tcp::OwnedWriteHalf,
    dir: Dir,
    shared: &Shared,
) {
    let mut mode = shared.mode.subscribe();
    // A chunk is what arrived while the one before was held: a link that is late, not
    // one that is narrow. With 16 KiB chunks held 20-80 ms each, `Mode::Bad` also capped
    // a direction near 300 KB/s, below what two loaded nodes' bus carries, so the beat's
    // answer queued behind a growing backlog: a narrow link, which is another fault.
    let mut buf = vec![0u8; 1024 * 1024];
    let mut chunks = 0u64;
    let mut rng = Lcg(0x9e37_79b9_7f4a_7c15 ^ dir as u64);
    loop {
        if mode.wait_for(|m| m.flows(dir)).await.is_err() {
            return;
        }
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => {
                let _ = to.shutdown().await;
                return;
            }
            Ok(n) => n,
        };
        chunks += 1;
        // The chunk read is held while its direction is stalled, then forwarded.
        loop {
            let now = *mode.borrow_and_update();
            if !now.flows(dir) {
                if mode.changed().await.is_err() {
                    return;
                }
                continue;
            }
            if let Mode::Bad {
                delay,
                jitter,
                stall_every,
                stall,
            } = now
            {
                let mut wait = delay + jitter.mul_f64(rng.unit());
                if stall_every > 0 && chunks.is_multiple_of(stall_every) {
                    wait += stall;
                }
                tokio::time::sleep(wait).await;
            }
            break;
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
        shared.bytes[dir as usize].fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// A tiny deterministic generator for the jitter: reproducible runs, no dependency.
struct Lcg(u64);

impl Lcg {
    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// An echo server on a free port: writes back every byte it reads.
    async fn echo() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("listen");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let (mut r, mut w) = s.split();
                    let _ = tokio::io::copy(&mut r, &mut w).await;
                });
            }
        });
        addr
    }

    /// Writes `text` and reads as many bytes back, or says what happened instead within
    /// `within`: "silent" (nothing, connection open), "closed", "reset".
    async fn round_trip(s: &mut TcpStream, text: &[u8], within: Duration) -> Result<(), String> {
        s.write_all(text).await.map_err(|e| format!("write: {e}"))?;
        read_back(s, text.len(), within).await
    }

    async fn read_back(s: &mut TcpStream, len: usize, within: Duration) -> Result<(), String> {
        let mut got = vec![0u8; len];
        match tokio::time::timeout(within, s.read_exact(&mut got)).await {
            Err(_) => Err("silent".into()),
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err("closed".into()),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionReset => Err("reset".into()),
            Ok(Err(e)) => Err(format!("error: {e}")),
        }
    }

    const QUICK: Duration = Duration::from_millis(300);

    #[tokio::test]
    async fn the_relay_passes_holds_stalls_one_way_delays_cuts_and_flaps() {
        let relay = Relay::start(echo().await).await;
        let mut s = TcpStream::connect(relay.addr).await.expect("connect");
        assert_eq!(round_trip(&mut s, b"pass", QUICK).await, Ok(()));

        // A black hole: silence, no close; what was held arrives once it passes again.
        relay.set(Mode::BlackHole);
        assert_eq!(
            round_trip(&mut s, b"held", QUICK).await,
            Err("silent".into())
        );
        relay.set(Mode::Pass);
        assert_eq!(read_back(&mut s, 4, QUICK).await, Ok(()));

        // One way down stalled: the bytes reach the echo server (up flows) but the echo
        // does not come back until it flows again.
        let up = relay.bytes(Dir::Up);
        relay.set(Mode::OneWay(Dir::Down));
        assert_eq!(
            round_trip(&mut s, b"one-way", QUICK).await,
            Err("silent".into())
        );
        assert_eq!(relay.bytes(Dir::Up), up + 7, "the up direction stalled too");
        relay.set(Mode::OneWay(Dir::Up));
        assert_eq!(
            read_back(&mut s, 7, QUICK).await,
            Ok(()),
            "down did not flow"
        );
        relay.set(Mode::Pass);

        // A bad link: every chunk waits at least its delay, and a stall comes.
        relay.set(Mode::Bad {
            delay: Duration::from_millis(40),
            jitter: Duration::from_millis(20),
            stall_every: 2,
            stall: Duration::from_millis(100),
        });
        let started = Instant::now();
        assert_eq!(
            round_trip(&mut s, b"slow", Duration::from_secs(2)).await,
            Ok(())
        );
        assert!(
            started.elapsed() >= Duration::from_millis(80),
            "the delay was not applied: {:?}",
            started.elapsed()
        );
        relay.set(Mode::Pass);

        // A cut: the connection is reset, and so is a new one while it lasts.
        relay.set(Mode::Cut);
        let cut = round_trip(&mut s, b"cut", QUICK).await;
        assert!(
            cut.is_err() && cut != Err("silent".into()),
            "a cut connection said {cut:?}"
        );
        let mut again = TcpStream::connect(relay.addr).await.expect("connect");
        assert!(round_trip(&mut again, b"x", QUICK).await.is_err());
        relay.set(Mode::Pass);

        // Flapping: a connection that passes is reset within the period.
        relay.set(Mode::Flap {
            every: Duration::from_millis(200),
        });
        let mut s = TcpStream::connect(relay.addr).await.expect("connect");
        assert_eq!(round_trip(&mut s, b"flap", QUICK).await, Ok(()));
        let flapped = read_back(&mut s, 1, Duration::from_secs(1)).await;
        assert!(
            matches!(
                flapped.as_ref().err().map(String::as_str),
                Some("reset" | "closed")
            ),
            "a flapping link's connection said {flapped:?}"
        );
        assert!(relay.resets() >= 3, "resets counted: {}", relay.resets());
        assert_eq!(relay.accepted(), 3, "connections accepted");
    }
}
