//! Scenario `matrix`: natter's Matrix surface beside another homeserver (Synapse), over
//! HTTP alone, so the same run can be pointed at either (`--url` and `--server`). Three
//! measurements, each in a file of its own: how soon a waiting `/sync` hears a message
//! (`wake`), a first `/sync` of a person in 100 rooms (`initial`), and the memory each
//! idle long poll holds (`polls`). `bench/scripts/matrix-vs-synapse.sh` starts both
//! servers and prints them side by side.

mod api;
mod conns;
mod initial;
mod people;
mod polls;
mod wake;

use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use clap::{Args, ValueEnum};
use people::Homeserver;

/// Which homeserver answers at the base URL: how people and rooms are made, and
/// whether natter's own chats surface is there to send through, differ.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerKind {
    /// natter: its own registration, and its chats surface beside Matrix.
    Natter,
    /// Synapse (or another homeserver with open registration): Matrix only.
    Synapse,
}

/// What `wake` sends through.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendVia {
    /// natter's chats surface: `POST /messages/api/chats/{id}/messages/`.
    Natter,
    /// Matrix: `PUT /rooms/{roomId}/send/m.room.message/{txnId}`.
    Matrix,
}

/// The measurements of `matrix`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// A waiting `/sync`'s wake-up on a message (`wake.rs`).
    Wake,
    /// A first `/sync` in 100 rooms (`initial.rs`).
    Initial,
    /// Memory per idle long poll, and per idle connection (`polls.rs`).
    Polls,
}

/// Flags of `matrix`.
#[derive(Args, Debug, Clone)]
pub struct MatrixArgs {
    /// The homeserver at `--url` (natter when natter-bench starts it).
    #[arg(long, value_enum, default_value = "natter")]
    pub server: ServerKind,
    /// Measurements to run, in order.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "wake,initial,polls"
    )]
    pub measure: Vec<Measure>,
    /// Process id of the `--url` server, whose `/proc/PID/status` `polls` reads.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// People (and, for `polls`, their devices) made at a time; rooms made at a time.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// `wake`: what the message is sent through (default: natter's chats surface on
    /// natter, Matrix on Synapse).
    #[arg(long, value_enum)]
    pub send: Option<SendVia>,
    /// `wake`: messages timed, one at a time.
    #[arg(long, default_value_t = 200)]
    pub samples: usize,
    /// `wake`: how long the poll waits before the message is sent.
    #[arg(long, default_value_t = 50)]
    pub settle_ms: u64,
    /// `wake`: the poll's `timeout`.
    #[arg(long, default_value_t = 30_000)]
    pub poll_timeout_ms: u64,
    /// `initial`: rooms of the person.
    #[arg(long, default_value_t = 100)]
    pub rooms: usize,
    /// `initial`: messages in each room.
    #[arg(long, default_value_t = 5)]
    pub messages: usize,
    /// `initial`: timed first syncs, after one warm-up.
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
    /// `initial`: the filter's `room.timeline.limit`.
    #[arg(long, default_value_t = 10)]
    pub timeline_limit: u64,
    /// `polls`: people.
    #[arg(long, default_value_t = 100)]
    pub users: usize,
    /// `polls`: devices of each person, each holding one poll.
    #[arg(long, default_value_t = 10)]
    pub devices: usize,
    /// `polls`: people per room.
    #[arg(long, default_value_t = 10)]
    pub room_size: usize,
    /// `polls`: idle connections opened (each answered once) and read before the polls,
    /// and kept open beside them, to tell a poll's own cost from its connection's (0:
    /// none).
    #[arg(long, default_value_t = 1000)]
    pub idle_connections: usize,
    /// `polls`: each poll's `timeout` (natter waits 60 s at most).
    #[arg(long, default_value_t = 60_000)]
    pub hold_timeout_ms: u64,
    /// `polls`: seconds every poll must wait unanswered before memory is read.
    #[arg(long, default_value_t = 5.0)]
    pub quiet_secs: f64,
    /// `polls`: seconds the server's memory must hold still before it is read. More
    /// than 10: natter hashes passwords on tokio's blocking threads, which keep the
    /// hashes' memory until they exit after 10 s idle, so the sign-ups' memory goes
    /// back only then.
    #[arg(long, default_value_t = 12.0)]
    pub steady_secs: f64,
    /// Smoke-test size: 5 wake samples; 3 rooms of 2 messages, 2 runs; 4 people with 2
    /// devices each and 8 idle connections.
    #[arg(long)]
    pub tiny: bool,
}

/// Runs the measurements `args.measure` names against `server` and reports them.
pub async fn run(server: &Server, args: &MatrixArgs) -> Result<Report> {
    if server.owned() && args.server != ServerKind::Natter {
        return fail("natter-bench starts natter only: pass --url for another homeserver");
    }
    let hs = Homeserver::new(args.server, &server.base)?;
    let pid = args.server_pid.or(server.pid());
    let mut report = Report::new("matrix");
    report.note(format!("server: {:?}", args.server).to_lowercase());
    for measure in &args.measure {
        match measure {
            Measure::Wake => wake::run(&hs, args, &mut report).await?,
            Measure::Initial => initial::run(&hs, args, &mut report).await?,
            Measure::Polls => polls::run(&hs, args, pid, &mut report).await?,
        }
    }
    Ok(report)
}
