//! What says, on PostgreSQL, that nothing was committed since a moment: the counterpart
//! of SQLite's commit mark (`commit_mark.rs`) for a node that serves alone. The mark
//! moves when one of this node's write groups has committed (before its jobs are
//! answered), and when another process's commit is heard: every process on the
//! database but the nodes of a cluster sends `NOTIFY natter_commits` inside each group's
//! transaction (`natter users`, `natter import`, a second node started with
//! `--hub local` by mistake), and a serving node alone listens for it on a connection
//! of its own. PostgreSQL delivers a notification only once its transaction committed,
//! and to every listener connected then. Every second the listener notifies itself and
//! waits to hear it back; until the first comes back, and once one does not, there is
//! no mark and every request reads its check live (a pooler in transaction mode, which
//! takes `LISTEN` and delivers nothing, is found so).
//!
//! The nodes of a cluster have none: another node's commit would reach them through
//! NATS or a notification only after that node answered its client, so a read on this
//! node in between could be answered from a check the commit had ended. They read the
//! check with every request, as before.

use super::commit_mark::Mark;
use super::error::error_text;
use super::pg_reach;
use futures_util::StreamExt;
use prometheus_client::metrics::gauge::Gauge;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::AsyncMessage;

/// The channel every writing process notifies and a serving node listens on.
const CHANNEL: &str = "natter_commits";
/// How long the listening connection waits before connecting again after a loss.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);
/// How often the listening connection notifies itself and waits to hear it back: one
/// that went silent without closing, or sits behind a pooler that does not pass
/// notifications on, would hear nothing. Between two probes `pg_reach`'s keepalives and
/// TCP user timeout stand guard.
const PROBE_EVERY: Duration = Duration::from_secs(1);
/// How long a probe may take to come back before the connection counts as lost: a busy
/// server's answer may be late, and each loss forgets every remembered check.
const PROBE_LIMIT: Duration = Duration::from_secs(3);

/// The commit marks of one process on PostgreSQL.
pub struct PgMarks {
    /// Moves on each commit this process made or heard of.
    commits: AtomicU64,
    /// Whether the listening connection is up: without it, other processes' commits
    /// go unheard and there is no mark.
    listening: AtomicBool,
    /// Whether this process keeps marks: a serving node alone.
    kept: bool,
    /// `NOTIFY natter_commits, '<id>'`, sent inside each group's transaction; `None` on
    /// a node of a cluster. The payload names this process, whose own notifications
    /// its listener skips (its writer has moved the mark already).
    notify: Option<&'static str>,
    /// The payload this process notifies with.
    own: String,
    /// Set to whether `listening`, for `/metrics`.
    heard: Gauge,
}

impl PgMarks {
    /// The marks of a process that serves (`serving`) and is or is not a node of a
    /// cluster (`clustered`).
    pub fn new(serving: bool, clustered: bool, heard: Gauge) -> Arc<PgMarks> {
        let own = crate::kit::random::random_hex(8);
        let notify = (!clustered).then(|| {
            let sql: &'static str =
                Box::leak(format!("NOTIFY {CHANNEL}, '{own}'").into_boxed_str());
            sql
        });
        Arc::new(PgMarks {
            commits: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            kept: serving && !clustered,
            notify,
            own,
            heard,
        })
    }

    /// The statement a write group sends before its `COMMIT`, if any.
    pub fn notify_statement(&self) -> Option<&'static str> {
        self.notify
    }

    /// A write group of this process committed, or may have (its `COMMIT` failed with
    /// the connection): called before its jobs are answered.
    pub fn committed(&self) {
        self.commits.fetch_add(1, Ordering::SeqCst);
    }

    /// The mark now; `None` when marks are not kept or another process could commit
    /// unheard. Read it before the reads it vouches for.
    pub fn read(&self) -> Option<Mark> {
        if !self.kept || !self.listening.load(Ordering::SeqCst) {
            return None;
        }
        let mut mark = [0u8; 48];
        mark[..8].copy_from_slice(&self.commits.load(Ordering::SeqCst).to_le_bytes());
        Some(mark)
    }

    /// Starts listening for other processes' commits on the running Tokio runtime,
    /// when marks are kept; the task connects again after every loss until the process
    /// ends.
    pub fn listen(self: &Arc<PgMarks>, url: &str) {
        if !self.kept {
            return;
        }
        let (marks, url) = (self.clone(), url.to_string());
        tokio::spawn(async move {
            loop {
                if let Err(e) = marks.listen_once(&url).await {
                    tracing::warn!("not hearing other processes' commits on PostgreSQL: {e}");
                }
                tokio::time::sleep(RECONNECT_PAUSE).await;
            }
        });
    }

    /// One listening connection, from its start to its loss.
    async fn listen_once(&self, url: &str) -> Result<(), String> {
        let mut config = pg_reach::config(url).map_err(|e| e.to_string())?;
        config.application_name("natter commits");
        let (client, mut connection) = config
            .connect(tokio_postgres::NoTls)
            .await
            .map_err(|e| error_text(&e))?;
        let marks = self;
        // The probes this connection sent and heard back: a notification of its own
        // coming back proves that notifications reach it (a pooler in transaction mode,
        // say, would take LISTEN and deliver nothing).
        let probe = format!("probe {}", marks.own);
        let heard_probes = AtomicU64::new(0);
        let probe_back = tokio::sync::Notify::new();
        // The connection's messages: each notification from another process moves the
        // mark; the stream ends when the connection is lost.
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        let heard = async {
            while let Some(message) = messages.next().await {
                match message {
                    Ok(AsyncMessage::Notification(n)) if n.payload() == probe => {
                        heard_probes.fetch_add(1, Ordering::SeqCst);
                        probe_back.notify_one();
                    }
                    Ok(AsyncMessage::Notification(n)) if n.payload() != marks.own => {
                        marks.committed();
                    }
                    Ok(_) => {}
                    Err(e) => return error_text(&e),
                }
            }
            "the connection closed".to_string()
        };
        let watch = async {
            client
                .batch_execute(&format!("LISTEN {CHANNEL}"))
                .await
                .map_err(|e| error_text(&e))?;
            let notify_probe = format!("NOTIFY {CHANNEL}, '{probe}'");
            let mut sent = 0u64;
            loop {
                sent += 1;
                let answered = tokio::time::timeout(PROBE_LIMIT, async {
                    client
                        .batch_execute(&notify_probe)
                        .await
                        .map_err(|e| error_text(&e))?;
                    while heard_probes.load(Ordering::SeqCst) < sent {
                        probe_back.notified().await;
                    }
                    Ok::<(), String>(())
                })
                .await;
                match answered {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => return Err::<(), String>(e),
                    Err(_) => return Err("its own notification did not come back".to_string()),
                }
                if sent == 1 {
                    // Commits made before LISTEN took effect were not heard: the mark
                    // moves, and from now on every commit is heard.
                    marks.committed();
                    marks.listening.store(true, Ordering::SeqCst);
                    marks.heard.set(1);
                }
                tokio::time::sleep(PROBE_EVERY).await;
            }
        };
        let ended = tokio::select! {
            why = heard => Err(why),
            why = watch => why,
        };
        self.listening.store(false, Ordering::SeqCst);
        self.heard.set(0);
        self.committed();
        ended
    }
}
