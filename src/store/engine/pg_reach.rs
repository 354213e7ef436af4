//! How natter reaches PostgreSQL when the network between them fails (docs/scale-out.md,
//! "When the network fails"): bounded waits on both ends of every connection, and a
//! shared verdict that the server cannot be reached, so requests are answered 503 at
//! once instead of each waiting out its own connect.
//!
//! Without these, a link cut without a FIN held every request until the link came back
//! (the operating system retransmits for about 15 minutes), and a node whose machine
//! vanished mid-transaction kept its row locks, and so every other node's sends into
//! those chats, until the server's TCP keepalive noticed: two hours by default.

use super::error::{StoreError, StoreResult};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A connection attempt that has not finished by then fails.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Data sent and not acknowledged for this long fails the connection (`TCP_USER_TIMEOUT`,
/// both ends); it also bounds keepalive probes on Linux.
const USER_TIMEOUT: Duration = Duration::from_secs(4);
/// A silent connection is probed after this long, then every [`KEEPALIVE_INTERVAL`], and
/// dropped after [`KEEPALIVE_RETRIES`] unanswered probes: a statement whose answer never
/// comes fails within about 2 + 3 × 1 s.
const KEEPALIVE_IDLE: Duration = Duration::from_secs(2);
const KEEPALIVE_INTERVAL: Duration = Duration::from_secs(1);
const KEEPALIVE_RETRIES: u32 = 3;
/// After a connection attempt failed, further attempts wait this long, and jobs meanwhile
/// fail at once with [`StoreError::Unreachable`].
const RETRY_AFTER: Duration = Duration::from_millis(500);

/// What every natter session asks of the server, sent once per connection. The server
/// ends a session left inside a transaction for 5 s (a node that vanished mid-transaction
/// releases its locks then; natter's own transactions never idle), and probes and times
/// out its side of the connection as the client does. Operators who pool connections in
/// transaction mode set these on natter's role instead (`ALTER ROLE ... SET`).
pub const SESSION_SETTINGS: &str = "SET idle_in_transaction_session_timeout = 5000; \
     SET tcp_keepalives_idle = 2; SET tcp_keepalives_interval = 1; \
     SET tcp_keepalives_count = 3; SET tcp_user_timeout = 4000";

/// The connection settings of `url`, with the waits above wherever the URL sets none.
pub fn config(url: &str) -> Result<tokio_postgres::Config, StoreError> {
    let mut config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| StoreError::Internal(format!("cannot read the database URL: {e}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_tcp_user_timeout().is_none() {
        config.tcp_user_timeout(USER_TIMEOUT);
    }
    // tokio-postgres turns keepalives on by default with a 2-hour idle time: shorten it
    // unless the URL chose its own.
    if config.get_keepalives() && config.get_keepalives_idle() == Duration::from_secs(7200) {
        config.keepalives_idle(KEEPALIVE_IDLE);
    }
    if config.get_keepalives_interval().is_none() {
        config.keepalives_interval(KEEPALIVE_INTERVAL);
    }
    if config.get_keepalives_retries().is_none() {
        config.keepalives_retries(KEEPALIVE_RETRIES);
    }
    Ok(config)
}

/// One node's verdict on whether PostgreSQL can be reached, shared by its readers and
/// writers. A connection lost or an attempt failed marks it down: jobs then fail at once,
/// and one thread at a time tries to connect again, every [`RETRY_AFTER`], so a queue of
/// requests is answered in milliseconds rather than each waiting out a dead connection or
/// a connect of its own.
#[derive(Default)]
pub struct Reach {
    /// Whether `state` has the server down: every job asks, twice, so while it can be
    /// reached the answer costs an atomic load, not the lock.
    down: AtomicBool,
    state: Mutex<Down>,
}

/// What [`Reach`] knows.
#[derive(Default)]
struct Down {
    /// While the server cannot be reached: when a connection may be tried again.
    until: Option<Instant>,
    /// A thread is trying to connect now: the others do not try too.
    probing: bool,
}

impl Reach {
    /// Whether jobs should fail at once: the server was found unreachable, and the next
    /// attempt is not due or is under way.
    pub fn refuses_now(&self) -> bool {
        if !self.down.load(Ordering::Acquire) {
            return false;
        }
        let down = self.lock();
        down.until
            .is_some_and(|until| down.probing || Instant::now() < until)
    }

    /// `Err(Unreachable)` when jobs should fail at once ([`Reach::refuses_now`]): the
    /// check every job passes when it is queued and when a thread takes it.
    pub fn check(&self) -> StoreResult<()> {
        if self.refuses_now() {
            return Err(unreachable_a_moment_ago());
        }
        Ok(())
    }

    /// A connection was lost (the server restarted, the link broke): jobs fail at once
    /// until a connection succeeds again.
    pub fn lost(&self, why: &str) {
        let mut down = self.lock();
        if down.until.is_none() {
            tracing::warn!(
                "PostgreSQL cannot be reached ({why}): requests that need it are answered \
                 503 until it can"
            );
            down.until = Some(Instant::now() + RETRY_AFTER);
            self.down.store(true, Ordering::Release);
        }
    }

    /// Connects with `connect`, unless the server was found unreachable a moment ago or
    /// another thread is trying; a failure holds off the next attempt for [`RETRY_AFTER`].
    pub fn connect<T>(
        &self,
        connect: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        {
            let mut down = self.lock();
            if down.until.is_some() {
                if down.probing || down.until.is_some_and(|until| Instant::now() < until) {
                    return Err(unreachable_a_moment_ago());
                }
                down.probing = true;
            }
        }
        let result = connect();
        let mut down = self.lock();
        down.probing = false;
        match &result {
            Ok(_) => {
                if down.until.take().is_some() {
                    self.down.store(false, Ordering::Release);
                    tracing::info!("PostgreSQL can be reached again");
                }
            }
            Err(StoreError::Unreachable(why)) => {
                if down.until.is_none() {
                    tracing::warn!(
                        "PostgreSQL cannot be reached ({why}): requests that need it are \
                         answered 503 until it can"
                    );
                }
                down.until = Some(Instant::now() + RETRY_AFTER);
                self.down.store(true, Ordering::Release);
            }
            Err(_) => {}
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Down> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The error of a job refused because the server was found unreachable a moment ago.
fn unreachable_a_moment_ago() -> StoreError {
    StoreError::Unreachable("PostgreSQL was found unreachable a moment ago".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A URL's own waits are kept; where it sets none, natter's bounds apply.
    #[test]
    fn the_urls_own_waits_are_kept_and_the_rest_are_bounded() {
        let plain = config("host=/tmp dbname=x").expect("a config");
        assert_eq!(plain.get_connect_timeout(), Some(&CONNECT_TIMEOUT));
        assert_eq!(plain.get_tcp_user_timeout(), Some(&USER_TIMEOUT));
        assert_eq!(plain.get_keepalives_idle(), KEEPALIVE_IDLE);
        let own =
            config("postgres://u@h/x?connect_timeout=9&keepalives_idle=30").expect("a config");
        assert_eq!(own.get_connect_timeout(), Some(&Duration::from_secs(9)));
        assert_eq!(own.get_keepalives_idle(), Duration::from_secs(30));
        assert!(matches!(
            config("postgres://h:notaport/x"),
            Err(StoreError::Internal(_))
        ));
    }

    /// A failed attempt refuses jobs at once until the next is due; a success clears it.
    #[test]
    fn a_failed_connect_refuses_at_once_until_the_next_attempt_is_due() {
        let reach = Reach::default();
        let tries = std::cell::Cell::new(0);
        let failing = || -> Result<(), StoreError> {
            tries.set(tries.get() + 1);
            Err(StoreError::Unreachable("refused".into()))
        };
        assert!(matches!(
            reach.connect(failing),
            Err(StoreError::Unreachable(_))
        ));
        assert!(matches!(
            reach.connect(failing),
            Err(StoreError::Unreachable(_))
        ));
        assert_eq!(tries.get(), 1, "the second job did not try");
        assert!(reach.refuses_now());
        assert!(reach.check().is_err());
        reach.lock().until = Some(Instant::now());
        assert!(reach.connect(|| Ok(())).is_ok());
        assert!(!reach.refuses_now());
        assert!(reach.check().is_ok());
        reach.lost("connection closed");
        assert!(reach.refuses_now(), "a lost connection refuses at once too");
    }
}
