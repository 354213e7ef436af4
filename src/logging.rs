//! natter's log: one subscriber writing to stderr, filtered by `--log`, with every
//! library capped at `info` whatever `--log` asks, because below `info` libraries print
//! what must never reach a log (see `library_cap`).

use crate::startup::{self, StartError};
use tracing::Level;
use tracing_subscriber::filter::{filter_fn, FilterExt};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// Starts logging at `level` (a tracing filter) to stderr, in colour only on a terminal
/// (a log file or journald would otherwise get escape codes).
pub fn init(level: &str) -> Result<(), StartError> {
    use std::io::IsTerminal;
    let filter = startup::log_filter(level)?;
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .with_filter(filter.and(library_cap()));
    let _ = tracing_subscriber::registry().with(layer).try_init();
    Ok(())
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
fn library_cap() -> tracing_subscriber::filter::FilterFn<impl Fn(&tracing::Metadata<'_>) -> bool> {
    filter_fn(|meta| is_natters(meta.target()) || *meta.level() <= Level::INFO)
}

/// natter's own targets: its module paths (`natter::...`) and `natter::access`.
fn is_natters(target: &str) -> bool {
    target == "natter" || target.starts_with("natter::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_natters_targets_pass_below_info() {
        assert!(is_natters("natter"));
        assert!(is_natters("natter::access"));
        assert!(is_natters("natter::store::pg"));
        assert!(!is_natters("natterx"));
        assert!(!is_natters("tokio_postgres::query"));
        assert!(!is_natters("async_nats"));
    }
}
