//! The access log, off the request path (issue 36 point 5). One line per request at
//! `info` (target `natter::access`) cost about a fifth of the inbox read rate when it
//! was formatted and written by the thread that answered the request. Now the request
//! only hands over what the line says (a timestamp, the method, the path, the status and
//! the time taken) through a bounded queue; one thread formats the lines, in the shape of
//! every other log line, and hands them to the log's non-blocking writer. A full queue
//! drops the line and counts it (`natter_log_lines_dropped_total`): a log never slows or
//! stops an answer.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};
use tracing_appender::non_blocking::NonBlocking;

/// Lines waiting to be formatted at most: a burst larger than this is dropped, not queued.
const QUEUE: usize = 16 * 1024;

/// What one access line says.
struct Entry {
    at: SystemTime,
    method: warp::http::Method,
    path: String,
    status: u16,
    took: Duration,
}

enum Job {
    Line(Entry),
    /// Answer once every line before it is handed to the writer.
    Flush(mpsc::Sender<()>),
}

struct AccessLog {
    queue: SyncSender<Job>,
    dropped: AtomicU64,
}

static LOG: OnceLock<AccessLog> = OnceLock::new();

/// Starts the thread that formats access lines into `writer` (the log's own writer).
pub fn start(writer: NonBlocking) {
    let (queue, jobs) = mpsc::sync_channel(QUEUE);
    let started = std::thread::Builder::new()
        .name("natter-access-log".into())
        .spawn(move || run(jobs, writer));
    if started.is_ok() {
        let _ = LOG.set(AccessLog {
            queue,
            dropped: AtomicU64::new(0),
        });
    }
}

/// Logs one answered request (its path only: a query may carry `?token=`), when `info`
/// lines of `natter::access` are on. Costs one check of a cached flag when they are not.
pub fn record(method: &warp::http::Method, path: &str, status: u16, took: Duration) {
    if !tracing::enabled!(target: "natter::access", tracing::Level::INFO) {
        return;
    }
    let Some(log) = LOG.get() else {
        // Before the thread runs (or in a test without one): the ordinary way.
        tracing::info!(target: "natter::access", "{method} {path} {status} {:.1}ms", took.as_secs_f64() * 1e3);
        return;
    };
    let entry = Entry {
        at: SystemTime::now(),
        method: method.clone(),
        path: path.to_string(),
        status,
        took,
    };
    if let Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) =
        log.queue.try_send(Job::Line(entry))
    {
        log.dropped.fetch_add(1, Ordering::Relaxed);
    }
}

/// Access lines dropped so far because the queue was full.
pub fn dropped() -> u64 {
    LOG.get()
        .map_or(0, |log| log.dropped.load(Ordering::Relaxed))
}

/// Waits (at most `wait`) until every access line recorded so far is handed to the writer.
pub fn flush(wait: Duration) {
    let Some(log) = LOG.get() else { return };
    let (done, finished) = mpsc::channel();
    if log.queue.send(Job::Flush(done)).is_ok() {
        let _ = finished.recv_timeout(wait);
    }
}

fn run(jobs: Receiver<Job>, mut writer: NonBlocking) {
    let mut line = String::with_capacity(256);
    while let Ok(job) = jobs.recv() {
        match job {
            Job::Line(entry) => {
                line.clear();
                format_line(&mut line, &entry);
                let _ = writer.write_all(line.as_bytes());
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}

/// The line as the rest of the log writes its lines (`tracing_subscriber::fmt`'s default
/// format without colour): `2026-11-24T01:02:03.456789Z  INFO natter::access: GET /x 200 0.3ms`.
fn format_line(out: &mut String, e: &Entry) {
    use std::fmt::Write as _;
    let at: chrono::DateTime<chrono::Utc> = e.at.into();
    let _ = writeln!(
        out,
        "{}  INFO natter::access: {} {} {} {:.1}ms",
        at.format("%Y-%m-%dT%H:%M:%S%.6fZ"),
        e.method,
        e.path,
        e.status,
        e.took.as_secs_f64() * 1e3
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_as_every_other_log_line() {
        let mut out = String::new();
        format_line(
            &mut out,
            &Entry {
                at: SystemTime::UNIX_EPOCH + Duration::from_micros(1_700_000_000_123_456),
                method: warp::http::Method::GET,
                path: "/api/messages/".into(),
                status: 200,
                took: Duration::from_micros(1_250),
            },
        );
        assert_eq!(
            out,
            "2023-11-14T22:13:20.123456Z  INFO natter::access: GET /api/messages/ 200 1.2ms\n"
        );
    }
}
