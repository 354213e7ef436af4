//! The natter under test: either a child process started on a temporary database and
//! port (the default: a SQLite file; with `--postgres` or `--pg-url` a fresh PostgreSQL
//! database), or a running server named by `--url`. Also runs natter's hidden
//! `seed-messages` command against the same database and reads the child's RSS.

use crate::nats::NatsServer;
use crate::pg::PgDatabase;
use crate::{fail, Result, SyncMode, Target};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// How long natter may take to print its address and answer `/healthz`.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The database natter serves, as its `--db` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Db {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database: a `postgres://` URL or a `host=...` string.
    Postgres(String),
}

impl Db {
    /// `--db` of the `--url` server, told apart as natter does (`store::is_postgres`).
    pub fn parse(db: &str) -> Db {
        if db.starts_with("postgres://")
            || db.starts_with("postgresql://")
            || db.starts_with("host=")
        {
            Db::Postgres(db.to_string())
        } else {
            Db::Sqlite(PathBuf::from(db))
        }
    }

    /// The value natter's `--db` takes.
    pub fn arg(&self) -> OsString {
        match self {
            Db::Sqlite(path) => path.clone().into_os_string(),
            Db::Postgres(url) => url.into(),
        }
    }
}

/// A server to measure; the child (if any) is killed when this is dropped, then the
/// PostgreSQL database made for it (if any) is dropped or its cluster stopped.
pub struct Server {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`: the first node.
    pub base: String,
    /// Every node's base URL, the first node's first (one with `--nodes 1`).
    pub bases: Vec<String>,
    /// The database, when known (own server, or `--db`).
    pub db: Option<Db>,
    /// natter binary, when known (needed for `seed-messages`).
    pub natter: Option<PathBuf>,
    /// Time from spawning natter to its first `200` on `/healthz` (own server only).
    pub start_to_healthy: Option<Duration>,
    /// Whether `send` subscribes its senders to a hanging push service
    /// (`--push-hanging`; natter was started with `--push-private-endpoints`).
    pub push_hanging: bool,
    /// What the report says about the store.
    store: String,
    media: PathBuf,
    child: Option<std::sync::Mutex<Child>>,
    pid: Option<u32>,
    /// natter's flags for one node, to start it again on the same port (`restart`).
    flags: Vec<OsString>,
    /// The other nodes of `--nodes N` (killed on drop, like `child`).
    others: Vec<std::sync::Mutex<Child>>,
    _dir: Option<tempfile::TempDir>,
    /// Declared after the children, so natter is killed before its database goes.
    _pg: Option<PgDatabase>,
    /// The bus of `--nodes N`; stopped after the nodes.
    _nats: Option<NatsServer>,
}

/// One natter started and healthy.
struct Started {
    child: Child,
    base: String,
    pid: Option<u32>,
    healthy: Duration,
}

/// Starts `command` (natter with its flags), reads its address and waits for `/healthz`.
async fn spawn_node(mut command: Command, natter: &Path) -> Result<Started> {
    let spawned = Instant::now();
    let mut child = command
        // The load comes from one address and up to 10,000 sockets over 100 users:
        // natter's resource caps (256 connections per address, 32 sockets per user)
        // are raised. Through the environment, so builds older than the caps still run.
        .env("NATTER_MAX_CONNECTIONS_PER_IP", "1000000")
        .env("NATTER_MAX_SOCKETS_PER_USER", "1000000")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", natter.display()))?;
    let pid = child.id();
    let Some(stdout) = child.stdout.take() else {
        return fail("natter's stdout was not captured");
    };
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(START_TIMEOUT, lines.next_line())
        .await
        .map_err(|_| "natter printed no address within 30 s")??;
    let Some(addr) = first
        .as_deref()
        .and_then(|l| l.strip_prefix("listening on "))
    else {
        return fail(format!(
            "natter's first stdout line was {first:?}, expected `listening on http://ADDR`"
        ));
    };
    let base = addr.trim().trim_end_matches('/').to_string();
    // Keep draining stdout so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let healthy = wait_healthy(&base, spawned).await?;
    Ok(Started {
        child,
        base,
        pid,
        healthy,
    })
}

/// One reading of natter's memory, in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// Anonymous resident pages (`RssAnon`): heaps, stacks, relocated data.
    pub private: u64,
    /// The whole resident set (`VmRSS`).
    pub rss: u64,
}

impl Server {
    /// Starts natter on a temporary database and port 0, or wraps `--url`.
    pub async fn start(target: &Target) -> Result<Server> {
        if let Some(url) = &target.url {
            let db = target.db.as_deref().map(Db::parse);
            let store = match &db {
                Some(Db::Sqlite(_)) => "sqlite (--url server)".to_string(),
                Some(Db::Postgres(_)) => "postgresql (--url server)".to_string(),
                None => "unknown (--url server without --db)".to_string(),
            };
            let base = url.trim_end_matches('/').to_string();
            return Ok(Server {
                bases: vec![base.clone()],
                base,
                db,
                natter: locate_natter(target).ok(),
                start_to_healthy: None,
                push_hanging: false,
                store,
                media: PathBuf::from("media"),
                child: None,
                pid: None,
                flags: Vec::new(),
                others: Vec::new(),
                _dir: None,
                _pg: None,
                _nats: None,
            });
        }
        let natter = locate_natter(target)?;
        let nodes = target.nodes.max(1);
        // Several nodes share one PostgreSQL database: a throwaway cluster unless a
        // server is named.
        let pg = if target.postgres || (nodes > 1 && target.pg_url.is_none()) {
            Some(tokio::task::spawn_blocking(PgDatabase::throwaway).await??)
        } else if let Some(url) = target.pg_url.clone() {
            Some(tokio::task::spawn_blocking(move || PgDatabase::on_server(&url)).await??)
        } else {
            None
        };
        let nats = if nodes > 1 {
            Some(tokio::task::spawn_blocking(NatsServer::start).await??)
        } else {
            None
        };
        let dir = tempfile::tempdir()?;
        let media = dir.path().join("media");
        let sync = match target.sync {
            SyncMode::Full => "full",
            SyncMode::Normal => "normal",
        };
        let (db, mut store) = match &pg {
            Some(pg) => (Db::Postgres(pg.url.clone()), pg.label.clone()),
            None => (
                Db::Sqlite(dir.path().join("bench.db")),
                format!("sqlite (--sync {sync})"),
            ),
        };
        if let Some(nats) = &nats {
            store = format!("{nodes} natter nodes over {} on {store}", nats.label);
        }
        let mut started = Vec::with_capacity(nodes);
        let mut flags: Vec<OsString> = vec!["--db".into(), db.arg(), "--media-dir".into()];
        flags.push(media.clone().into_os_string());
        flags.extend(["--rate-limits", "off", "--log", &target.log].map(OsString::from));
        if target.push_hanging {
            flags.push("--push-private-endpoints".into());
        }
        if pg.is_none() {
            flags.extend(["--sync", sync].map(OsString::from));
        }
        for node in 0..nodes {
            let mut command = Command::new(&natter);
            command.args(["--listen", "127.0.0.1:0"]).args(&flags);
            if let Some(nats) = &nats {
                command
                    .args(["--hub", &nats.url])
                    .args(["--node-id", &format!("bench-{node}")]);
            }
            started.push(spawn_node(command, &natter).await?);
        }
        let bases = started.iter().map(|n| n.base.clone()).collect();
        let mut started = started.into_iter();
        let Some(first) = started.next() else {
            return fail("no node was started");
        };
        Ok(Server {
            bases,
            base: first.base,
            db: Some(db),
            natter: Some(natter),
            start_to_healthy: Some(first.healthy),
            push_hanging: target.push_hanging,
            store,
            media,
            child: Some(std::sync::Mutex::new(first.child)),
            pid: first.pid,
            flags,
            others: started.map(|n| std::sync::Mutex::new(n.child)).collect(),
            _dir: Some(dir),
            _pg: pg,
            _nats: nats,
        })
    }

    /// Which store the server runs on, for the report.
    pub fn store_label(&self) -> String {
        self.store.clone()
    }

    /// The natter child's memory in KiB, when we started it: private (`RssAnon`, what
    /// the machine pays for) and resident (`VmRSS`, which adds the executable's and the
    /// libraries' pages, shared with the file cache).
    pub fn memory_kib(&self) -> Option<Memory> {
        memory_of(self.pid?)
    }

    /// The first node's process id, when this run started it.
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Sends SIGTERM to the first node and waits up to `limit` for it to exit; returns
    /// how long it took and its exit status.
    pub async fn terminate(&self, limit: Duration) -> Result<(Duration, String)> {
        let (Some(pid), Some(child)) = (self.pid, &self.child) else {
            return fail("only a natter this run started can be stopped");
        };
        let started = Instant::now();
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await?;
        if !sent.success() {
            return fail(format!("kill -TERM {pid} failed: {sent}"));
        }
        loop {
            let exited = match child.lock() {
                Ok(mut c) => c.try_wait()?,
                Err(_) => return fail("natter's handle is poisoned"),
            };
            if let Some(status) = exited {
                return Ok((started.elapsed(), status.to_string()));
            }
            if started.elapsed() > limit {
                return fail(format!("natter did not exit within {limit:?} of SIGTERM"));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Starts the first node again on the same port and database (after `terminate`);
    /// returns the time from spawn to its first healthy answer.
    pub async fn start_again(&mut self) -> Result<Duration> {
        let Some(natter) = self.natter.clone() else {
            return fail("no natter binary to start again");
        };
        let Some(addr) = self.base.strip_prefix("http://") else {
            return fail(format!("{}: cannot start again on it", self.base));
        };
        let mut command = Command::new(&natter);
        command.args(["--listen", addr]).args(&self.flags);
        let node = spawn_node(command, &natter).await?;
        if node.base != self.base {
            return fail(format!(
                "natter came back on {}, not {}",
                node.base, self.base
            ));
        }
        self.pid = node.pid;
        self.child = Some(std::sync::Mutex::new(node.child));
        Ok(node.healthy)
    }

    /// The first node's open file descriptors and its soft open-file limit, from /proc.
    pub fn open_files(&self) -> Option<(u64, u64)> {
        let pid = self.pid?;
        let open = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count() as u64;
        let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
        let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
        let soft = line
            .trim_start_matches("Max open files")
            .split_whitespace()
            .next()?
            .parse()
            .ok()?;
        Some((open, soft))
    }

    /// Makes `count` people with natter's hidden `seed-people` on the same database (one
    /// password hash for all, so 10,000 take seconds, not minutes of argon2).
    pub async fn seed_people(
        &self,
        prefix: &str,
        count: usize,
    ) -> Result<Vec<crate::client::User>> {
        let (Some(natter), Some(db)) = (&self.natter, &self.db) else {
            return fail("seeding people needs the natter binary and the database (use --natter and --db with --url)");
        };
        let out = Command::new(natter)
            .arg("--db")
            .arg(db.arg())
            .arg("--media-dir")
            .arg(&self.media)
            .args(["--log", "warn", "seed-people", "--prefix", prefix])
            .args(["--count", &count.to_string()])
            .stdin(Stdio::null())
            .output()
            .await?;
        if !out.status.success() {
            return fail(format!(
                "seed-people failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .map(|line| {
                let mut f = line.split('\t');
                match (f.next().and_then(|id| id.parse().ok()), f.next(), f.next()) {
                    (Some(id), Some(username), Some(token)) => Ok(crate::client::User {
                        id,
                        username: username.to_string(),
                        token: token.to_string(),
                    }),
                    _ => fail(format!("seed-people printed {line:?}")),
                }
            })
            .collect()
    }

    /// CPU time (user and system) the first node has used so far, from
    /// `/proc/PID/stat`; `None` for a server this run did not start.
    pub fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid?)).ok()?;
        // Fields after the command name (which may hold spaces), from field 3 on.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // Linux's USER_HZ is 100 on every architecture natter runs on.
        Some(Duration::from_millis(ticks * 10))
    }

    /// Whether this run owns the server process (RSS and start time are known).
    pub fn owned(&self) -> bool {
        self.child.is_some()
    }

    /// The exit status of a node that died, as text.
    pub fn exit_status(&self) -> Option<String> {
        self.child
            .iter()
            .chain(self.others.iter())
            .enumerate()
            .find_map(|(node, child)| {
                let mut child = child.lock().ok()?;
                match child.try_wait() {
                    Ok(Some(status)) => Some(format!("node {node}: {status}")),
                    _ => None,
                }
            })
    }

    /// Inserts `count` messages from `user` into `chat` with natter's hidden
    /// `seed-messages` command on the same database, each ending with `words`; returns how
    /// long it took.
    pub async fn seed_messages(
        &self,
        chat: i64,
        user: i64,
        count: u64,
        words: &str,
    ) -> Result<Duration> {
        let (Some(natter), Some(db)) = (&self.natter, &self.db) else {
            return fail("seeding needs the natter binary and the database path (use --natter and --db with --url)");
        };
        let started = Instant::now();
        let out = Command::new(natter)
            .arg("--db")
            .arg(db.arg())
            .arg("--media-dir")
            .arg(&self.media)
            .args(["--log", "warn", "seed-messages"])
            .args(["--chat", &chat.to_string(), "--user", &user.to_string()])
            .args(["--count", &count.to_string()])
            // Only when asked: an older natter knows no `--words`.
            .args(
                if words.is_empty() {
                    None
                } else {
                    Some(["--words", words])
                }
                .into_iter()
                .flatten(),
            )
            .stdin(Stdio::null())
            .output()
            .await?;
        if !out.status.success() {
            return fail(format!(
                "seed-messages failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(started.elapsed())
    }

    /// After seeding, on PostgreSQL: `VACUUM (ANALYZE)` the seeded tables, so reads do
    /// not walk the dead row versions the seed's big transactions left (see
    /// [`crate::pg::vacuum_after_seeding`]); returns how long it took. Nothing on SQLite.
    pub async fn settle_after_seeding(&self) -> Result<Option<Duration>> {
        let Some(Db::Postgres(url)) = self.db.clone() else {
            return Ok(None);
        };
        let started = Instant::now();
        tokio::task::spawn_blocking(move || crate::pg::vacuum_after_seeding(&url)).await??;
        Ok(Some(started.elapsed()))
    }
}

/// Private memory (`RssAnon`) and RSS (`VmRSS`) in KiB of any process on this machine,
/// from `/proc/PID/status`: natter's child, or a server this run did not start (the
/// `matrix` scenario reads Synapse's Python process the same way).
pub fn memory_of(pid: u32) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some(Memory {
        private: kib("RssAnon:")?,
        rss: kib("VmRSS:")?,
    })
}

/// `--natter`, else `natter` in this executable's directory or its parent
/// (`target/release/natter` for the bench binary, `target/debug/natter` from `deps/`).
pub fn locate_natter(target: &Target) -> Result<PathBuf> {
    if let Some(p) = &target.natter {
        return if p.is_file() {
            Ok(p.clone())
        } else {
            fail(format!("--natter {} does not exist", p.display()))
        };
    }
    let exe = std::env::current_exe()?;
    let dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    for candidate in [dir.join("natter"), dir.join("..").join("natter")] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    fail(format!(
        "no natter binary next to {} (build it with `cargo build --release -p natter`, or pass --natter PATH or --url URL)",
        exe.display()
    ))
}

async fn wait_healthy(base: &str, spawned: Instant) -> Result<Duration> {
    let http = reqwest::Client::new();
    let url = format!("{base}/healthz");
    loop {
        if let Ok(r) = http.get(&url).send().await {
            if r.status().is_success() {
                return Ok(spawned.elapsed());
            }
        }
        if spawned.elapsed() > START_TIMEOUT {
            return fail(format!("{url} did not answer 200 within 30 s"));
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}
