//! natter's log: one subscriber writing to stderr, filtered by `--log`, with every
//! library capped at `info` whatever `--log` asks, because below `info` libraries print
//! what must never reach a log (see `library_cap`).

use std::sync::{Mutex, OnceLock};
use tracing::Level;
use tracing_appender::non_blocking::{ErrorCounter, NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::filter::{filter_fn, FilterExt};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

pub mod access;
mod filter;

pub use filter::log_filter;

/// Lines the log's writer holds at most before it drops (and counts) new ones. Its queue
/// is made whole at start (every slot written, so resident): 65,536 lines held 2.1 MB of
/// an idle natter's memory (heaptrack). Access lines, the bulk of a busy log, have their
/// own queue (`access`), so this one carries the rest.
const WRITER_QUEUE: usize = 8 * 1024;

/// Keeps the log's writer thread; dropping it writes out what is queued ([`flush`]).
static WRITER: Mutex<Option<WorkerGuard>> = Mutex::new(None);

/// Starts logging at `level` (a tracing filter) to stderr, in colour only on a terminal
/// (a log file or journald would otherwise get escape codes). Lines are written by a
/// thread of their own through a bounded queue that drops rather than blocks, so no
/// request waits on stderr ([`access`] for the access lines).
pub fn init(level: &str) -> Result<(), String> {
    use std::io::IsTerminal;
    let filter = log_filter(level)?;
    let (writer, guard) = NonBlockingBuilder::default()
        .lossy(true)
        .buffered_lines_limit(WRITER_QUEUE)
        .thread_name("natter-log")
        .finish(std::io::stderr());
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(writer.clone())
        .with_filter(filter.and(library_cap()));
    if tracing_subscriber::registry()
        .with(layer)
        .try_init()
        .is_ok()
    {
        *WRITER.lock().unwrap_or_else(|p| p.into_inner()) = Some(guard);
        DROPPED.get_or_init(|| writer.error_counter());
        access::start();
    }
    Ok(())
}

/// The writer's count of lines it dropped because its queue was full.
static DROPPED: OnceLock<ErrorCounter> = OnceLock::new();

/// Log lines dropped so far because a queue was full (the writer's and the access log's).
pub fn dropped_lines() -> u64 {
    let writer = DROPPED.get().map_or(0, |c| c.dropped_lines() as u64);
    writer + access::dropped()
}

/// Writes out every line logged so far (at most a second's wait); call before exiting.
pub fn flush() {
    access::flush(std::time::Duration::from_secs(1));
    drop(WRITER.lock().unwrap_or_else(|p| p.into_inner()).take());
}

/// Lets natter's own events through at any level, and other crates' (including what
/// the `log` crate carries, e.g. the PostgreSQL driver's) only at `info` and above.
///
/// Why: at `debug` tokio-postgres writes every statement's parameters (the JWT signing
/// key, argon2 hashes, token and session hashes), async-nats writes the server's URL with
/// its user, password or token, and at `trace` tungstenite writes socket frames, warp
/// header and query values, multer form fields. An allow-list rather than a list of
/// those crates, so a new dependency cannot start leaking. It is ANDed with `--log`, so
/// no directive (`--log trace`, `--log tokio_postgres=trace`) re-enables them: `--log`
/// may lower what is shown, never raise a library past `info`.
///
/// Its level hint is `trace` (natter's own events may be any level). Without one, the
/// `and` with `--log` had no hint either, so tracing took every level as wanted: each
/// `log::trace!` of tungstenite on every socket frame was built and passed through the
/// filters only to be dropped, 4.5 % of the server's CPU under socket sends (`perf`
/// under `natter-bench send --transport socket`). With it, `--log warn` makes the
/// libraries' `trace` and `debug` calls free again.
fn library_cap() -> tracing_subscriber::filter::FilterFn<impl Fn(&tracing::Metadata<'_>) -> bool> {
    filter_fn(|meta| is_natters(meta.target()) || *meta.level() <= Level::INFO)
        .with_max_level_hint(tracing_subscriber::filter::LevelFilter::TRACE)
}

/// natter's own targets: its module paths (`natter::...`) and `natter::access`.
fn is_natters(target: &str) -> bool {
    target == "natter" || target.starts_with("natter::")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--log warn` with the cap lets tracing (and, through it, the `log` crate) know
    /// that nothing below `warn` is wanted, so libraries skip building such records.
    #[test]
    fn the_filters_tell_tracing_the_most_they_let_through() {
        use tracing_subscriber::filter::LevelFilter;
        use tracing_subscriber::layer::Filter;
        for (level, most) in [("warn", LevelFilter::WARN), ("debug", LevelFilter::DEBUG)] {
            let filter = log_filter(level).expect("a filter").and(library_cap());
            let hint = Filter::<tracing_subscriber::Registry>::max_level_hint(&filter);
            assert_eq!(hint, Some(most), "--log {level}");
        }
    }

    #[test]
    fn only_natters_targets_pass_below_info() {
        assert!(is_natters("natter"));
        assert!(is_natters("natter::access"));
        assert!(is_natters("natter::store::engine::pg"));
        assert!(!is_natters("natterx"));
        assert!(!is_natters("tokio_postgres::query"));
        assert!(!is_natters("async_nats"));
    }
}
