//! The access log, off the request path. One line per request at
//! `info` (target `natter::access`) cost about a fifth of the inbox read rate when it
//! was formatted and written by the thread that answered the request. Now the request
//! only hands over what the line says (a timestamp, the method, the path, the status and
//! the time taken) through a bounded queue; one thread formats the lines, in the shape of
//! every other log line, and writes them to stderr in batches, 20 ms of lines in one
//! write. A full queue drops the line and counts it (`natter_log_lines_dropped_total`): a
//! log never slows or stops an answer. Moving the work to another thread alone did not
//! make it cheaper on a busy machine (it still ran on the same two cores, with a thread
//! wake-up per line); batching does (`docs/benchmarks.md`).

use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// Lines waiting to be formatted at most: a burst larger than this is dropped, not queued.
/// Counted beside an unbounded channel rather than set as a bounded channel's size: the
/// bounded one wrote all of its slots when it was made, 1.6 MB of every natter's memory
/// from the start (heaptrack), where the unbounded one holds only what waits.
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
    queue: Sender<Job>,
    /// Lines sent and not yet taken by the formatting thread.
    waiting: AtomicUsize,
    dropped: AtomicU64,
}

static LOG: OnceLock<AccessLog> = OnceLock::new();

/// Starts the thread that formats access lines and writes them to stderr in batches.
pub fn start() {
    let (queue, jobs) = mpsc::channel();
    let started = std::thread::Builder::new()
        .name("natter-access-log".into())
        .spawn(move || run(jobs));
    if started.is_ok() {
        let _ = LOG.set(AccessLog {
            queue,
            waiting: AtomicUsize::new(0),
            dropped: AtomicU64::new(0),
        });
    }
}

/// Whether access lines are written (`info` lines of `natter::access` are on): one check
/// of a cached flag, so a caller prepares a line only when it will be written.
pub fn enabled() -> bool {
    tracing::enabled!(target: "natter::access", tracing::Level::INFO)
}

/// Logs one answered request, when [`enabled`]. `path` is the path only (a query may
/// carry `?token=`), with its secrets already hidden (`api::log_path`).
pub fn record(method: &warp::http::Method, path: &str, status: u16, took: Duration) {
    if !enabled() {
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
    if log.waiting.fetch_add(1, Ordering::Relaxed) >= QUEUE
        || log.queue.send(Job::Line(entry)).is_err()
    {
        log.waiting.fetch_sub(1, Ordering::Relaxed);
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

fn run(jobs: Receiver<Job>) {
    let mut out = String::with_capacity(64 * 1024);
    let mut stamp = Stamp::default();
    let mut flushed = Vec::new();
    // Parked until a line comes (one wake-up), then a batch is let gather and written with
    // one write: no sender ever wakes this thread while it gathers.
    while let Ok(first) = jobs.recv() {
        std::thread::sleep(BATCH);
        out.clear();
        for job in std::iter::once(first).chain(std::iter::from_fn(|| jobs.try_recv().ok())) {
            match job {
                Job::Line(entry) => {
                    if let Some(log) = LOG.get() {
                        log.waiting.fetch_sub(1, Ordering::Relaxed);
                    }
                    format_line(&mut out, &mut stamp, &entry)
                }
                Job::Flush(done) => flushed.push(done),
            }
        }
        let _ = std::io::stderr().lock().write_all(out.as_bytes());
        for done in flushed.drain(..) {
            let _ = done.send(());
        }
        if out.capacity() > 1024 * 1024 {
            out = String::with_capacity(64 * 1024);
        }
    }
}

/// How long a batch of access lines gathers before it is written: lines reach the log
/// at most this late.
const BATCH: Duration = Duration::from_millis(20);

/// The date and time to the second, formatted once per second.
#[derive(Default)]
struct Stamp {
    second: u64,
    text: String,
}

impl Stamp {
    /// `at` as the log writes times: `2026-11-24T01:02:03.456789Z`.
    fn write(&mut self, out: &mut String, at: SystemTime) {
        use std::fmt::Write as _;
        let since = at
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        if self.text.is_empty() || since.as_secs() != self.second {
            let whole: chrono::DateTime<chrono::Utc> =
                (SystemTime::UNIX_EPOCH + Duration::from_secs(since.as_secs())).into();
            self.second = since.as_secs();
            self.text = whole.format("%Y-%m-%dT%H:%M:%S").to_string();
        }
        let _ = write!(out, "{}.{:06}Z", self.text, since.subsec_micros());
    }
}

/// The line as the rest of the log writes its lines (`tracing_subscriber::fmt`'s default
/// format without colour): `2026-11-24T01:02:03.456789Z  INFO natter::access: GET /x 200 0.3ms`.
fn format_line(out: &mut String, stamp: &mut Stamp, e: &Entry) {
    use std::fmt::Write as _;
    stamp.write(out, e.at);
    let _ = writeln!(
        out,
        "  INFO natter::access: {} {} {} {:.1}ms",
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
            &mut Stamp::default(),
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
