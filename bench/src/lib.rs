//! natter's load generator as a library, so `tests/smoke.rs` can run every scenario at
//! tiny size without a second build. `run` starts natter (or uses `--url`), runs one
//! scenario and returns its figures as a `Report`.

pub mod bigroom;
pub mod chatlist;
pub mod client;
pub mod fanout;
pub mod history;
pub mod hold;
pub mod idle;
pub mod keepalive;
pub mod matrix;
pub mod nats;
pub mod pg;
pub mod reach;
pub mod report;
pub mod restart;
pub mod search;
pub mod search_operators;
pub mod send;
pub mod server;
pub mod storm;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use report::Report;

/// Every failure of a benchmark run: setup, protocol or server errors, as text.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// Result of a benchmark step.
pub type Result<T> = std::result::Result<T, Error>;

/// Builds an `Error` from a message.
pub fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(msg.into().into())
}

/// `natter-bench [TARGET FLAGS] SCENARIO [SCENARIO FLAGS]`.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "natter-bench",
    about = "Load generator for natter (loopback only)"
)]
pub struct Cli {
    #[command(flatten)]
    pub target: Target,
    #[command(subcommand)]
    pub scenario: Scenario,
}

/// Which server to measure, and how to start it.
#[derive(Args, Debug, Clone)]
pub struct Target {
    /// Use an already running server instead of starting one (e.g. http://127.0.0.1:8000).
    #[arg(long, global = true, conflicts_with_all = ["postgres", "pg_url"])]
    pub url: Option<String>,
    /// natter binary to start; default: `natter` next to this executable.
    #[arg(long, global = true)]
    pub natter: Option<PathBuf>,
    /// Database of the `--url` server (for `history` seeding and `send` verification): its
    /// SQLite file, or the PostgreSQL `--db` it was started with (postgres://... or
    /// host=...).
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<String>,
    /// Run the started natter on PostgreSQL: a throwaway cluster for this run (initdb
    /// from /usr/lib/postgresql/*/bin into a temporary folder, Unix socket only,
    /// PostgreSQL's default settings but max_connections=200), stopped and removed at
    /// the end. As root the cluster runs as the `postgres` user.
    #[arg(long, global = true, conflicts_with = "pg_url")]
    pub postgres: bool,
    /// Run the started natter on PostgreSQL: a fresh database on this existing server
    /// (postgres://USER@HOST/... or "host=/run/postgresql user=USER"; the user must be
    /// allowed CREATE DATABASE), made through its `postgres` database and dropped at the
    /// end.
    #[arg(long, global = true, value_name = "URL")]
    pub pg_url: Option<String>,
    /// SQLite durability of the started server (not used on PostgreSQL, which runs with
    /// its own settings: synchronous_commit=on by default).
    #[arg(long, value_enum, default_value = "full", global = true)]
    pub sync: SyncMode,
    /// natter nodes to start (`fanout` and `send`): more than one share a PostgreSQL
    /// database (a throwaway cluster unless `--pg-url`) and a throwaway `nats-server` as
    /// their hub. `fanout` spreads its sockets over the nodes and posts to the
    /// first; `send` sends to the first only, so the others just receive over NATS: it
    /// measures what a node of several pays per send (the outbox).
    #[arg(long, global = true, default_value_t = 1, conflicts_with = "url")]
    pub nodes: usize,
    /// Log level of the started server (its stderr is passed through).
    #[arg(long, default_value = "warn", global = true)]
    pub log: String,
    /// `send`: subscribe every sender to a push service that takes connections and never
    /// answers (the bench runs it on 127.0.0.1), and start natter with
    /// `--push-private-endpoints`: sends measured while every push hangs.
    #[arg(long, global = true, conflicts_with = "url")]
    pub push_hanging: bool,
}

/// natter's `--sync` values.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Full,
    Normal,
}

/// The scenarios: send, fanout, history, idle, chatlist, search and matrix.
#[derive(Subcommand, Debug, Clone)]
pub enum Scenario {
    /// Concurrent senders over REST and sockets: acknowledged msg/s and latency.
    Send(send::SendArgs),
    /// One group with a live socket per member: deliveries/s and send-to-everyone latency.
    Fanout(fanout::FanoutArgs),
    /// History pages from a small and a huge chat: pages/s and their ratio.
    History(history::HistoryArgs),
    /// Idle sockets at several sizes over 10,000 people: private memory (and RSS) per
    /// socket and idle, start-to-healthy time, and which limit stopped the sockets.
    Idle(idle::IdleArgs),
    /// Every socket opened within 30 s with the web client's back-off: failed sockets
    /// and logins, a REST probe's latency, memory per socket.
    Storm(storm::StormArgs),
    /// The 5,000-member room's fan-out and 100 sends/s over team rooms, with every
    /// socket open: delivery p50/p99.
    Bigroom(bigroom::BigroomArgs),
    /// SIGTERM with every socket open, then natter started again: 1001 closes, the
    /// reconnect storm and its `after=` catch-ups.
    Restart(restart::RestartArgs),
    /// (Internal) a client process holding sockets for the scenarios above.
    #[command(hide = true)]
    Hold(hold::HoldArgs),
    /// Chat-list latency for a user in many chats with unread messages.
    Chatlist(chatlist::ChatlistArgs),
    /// Message search over many chats: first-page latency of a common word, a rare word
    /// and a prefix.
    Search(search::SearchArgs),
    /// natter's Matrix surface (or Synapse at `--url`): a waiting `/sync`'s wake-up
    /// p50/p99, a first sync in 100 rooms, private memory per idle long poll.
    Matrix(matrix::MatrixArgs),
}

/// Runs the scenario `cli` names against a started (or given) server.
pub async fn run(cli: Cli) -> Result<Report> {
    if cli.target.nodes > 1 && !matches!(cli.scenario, Scenario::Fanout(_) | Scenario::Send(_)) {
        return fail("--nodes applies to fanout and send only");
    }
    if let Scenario::Hold(a) = &cli.scenario {
        hold::run(a).await?;
        return Ok(Report::new("hold"));
    }
    let mut server = server::Server::start(&cli.target).await?;
    let report = match &cli.scenario {
        Scenario::Send(a) => send::run(&server, a).await,
        Scenario::Fanout(a) => fanout::run(&server, a).await,
        Scenario::History(a) => history::run(&server, a).await,
        Scenario::Idle(a) => idle::run(&server, a).await,
        Scenario::Chatlist(a) => chatlist::run(&server, a).await,
        Scenario::Search(a) => search::run(&server, a).await,
        Scenario::Storm(a) => storm::run(&server, a).await,
        Scenario::Bigroom(a) => bigroom::run(&server, a).await,
        Scenario::Restart(a) => restart::run(&mut server, a).await,
        Scenario::Matrix(a) => matrix::run(&server, a).await,
        Scenario::Hold(_) => fail("hold runs without a server"),
    };
    let mut report = report?;
    report.store = Some(server.store_label());
    if let Some(err) = server.exit_status() {
        report.note(format!("natter exited during the run: {err}"));
    }
    Ok(report)
}
