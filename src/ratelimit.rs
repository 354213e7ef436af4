//! Fixed-window rate limits per caller (docs/security.md, the rooms seed's table).
//!
//! Counted in this node's memory, except the login limits when several nodes serve one
//! deployment (docs/scale-out.md): they guard passwords against guessing, so they are
//! counted in PostgreSQL, once for all nodes. The other limits only curb abuse and stay
//! per node: N nodes allow N times their budget.
//!
//! The login limits count failures, as django-axes and Mattermost do: an attempt spends
//! its address's and its account's budget before the password is checked (so a burst
//! of guesses at once is held like a slow one), and a right password gives both back
//! ([`RateLimiter::give_back`]). A team signing in behind one address spends nothing.

use crate::metrics::RateLimitRefusals;
use crate::store::{cluster, Db, StoreError, Tx};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What is being limited; each has its own budget per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Failed logins (and failed password reset links) per client address: 5 a minute.
    Auth,
    /// Failed logins per account, from any address: 10 a minute.
    AuthAccount,
    /// Sign-ups without an invitation per client address: 5 a minute.
    SignUp,
    /// Any other API request: 100 a minute.
    Api,
    /// File uploads: 10 a minute.
    Upload,
    /// Socket messages: 60 a minute.
    SocketMessage,
    /// WebRTC signals on a socket (`offer`, `answer`, `ice_candidate`): 600 a minute.
    CallSignal,
    /// Posts to one bot's hook (`/hooks/<token>`): 60 a minute, Slack's one a second.
    Hook,
    /// "Forgot password?" requests per client address: 5 a minute (an account also gets
    /// at most one link a minute, whoever asks).
    ForgotPassword,
    /// Sign-ins through a provider per client network that did not end in a session or a
    /// link: 100 a minute. Each start keeps an attempt in the database for ten minutes;
    /// one that ends well gives its start back, so an office behind one address is not
    /// held back by its own sign-ins.
    ProviderSignIn,
}

impl Limit {
    fn per_minute(self) -> u32 {
        match self {
            Limit::Auth => 5,
            Limit::AuthAccount => 10,
            Limit::SignUp => 5,
            Limit::Api => 100,
            Limit::Upload => 10,
            Limit::SocketMessage => 60,
            Limit::CallSignal => 600,
            Limit::Hook => 60,
            Limit::ForgotPassword => 5,
            Limit::ProviderSignIn => 100,
        }
    }
}

const WINDOW: Duration = Duration::from_secs(60);

/// The network a client address counts for: an IPv4 address itself (an IPv4-mapped
/// IPv6 address as its IPv4), an IPv6 address as its /64. One IPv6 host is usually given
/// a whole /64 and may pick any address in it, so a limit per address would be a limit
/// per attempt; django-ratelimit groups IPv6 by /64 by default for the same reason.
pub fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}

/// The key a client's rate limits are counted under: its [`network_of`], written with
/// the prefix length for IPv6 (`2001:db8:1:2::/64`).
pub fn network_key(ip: IpAddr) -> String {
    match network_of(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("{v6}/64"),
    }
}

/// One shared login check in this many also deletes ended windows (a few a minute on a
/// busy site): enough to keep `rate_windows` at about one row per address trying now.
const PRUNE_ONE_IN: u32 = 64;

/// Budgets spent by a login attempt, to give back if it proves right.
#[derive(Debug)]
#[must_use = "a right attempt gives its budgets back"]
pub struct Spent(Vec<(Limit, String)>);

/// Why a login attempt was not let through.
#[derive(Debug)]
pub enum LoginRefusal {
    /// A budget is spent: this many seconds until its window ends.
    Wait(u64),
    /// The shared count could not be read.
    Store(StoreError),
}

/// A request over its limit: this many seconds until its window ends. The HTTP edge
/// turns it into a 429 (`ApiError::RateLimited`), a socket into an error frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited(pub u64);

/// The budgets a login attempt from the client address `address` (`Auth`), on the
/// account keyed `account` (`AuthAccount`), spends.
pub fn login_budgets(address: &str, account: Option<&str>) -> Vec<(Limit, String)> {
    let mut budgets = vec![(Limit::Auth, address.to_string())];
    budgets.extend(account.map(|a| (Limit::AuthAccount, a.to_string())));
    budgets
}

/// The row of `rate_windows` a login budget is counted in.
fn shared_key(limit: Limit, key: &str) -> String {
    match limit {
        Limit::AuthAccount => format!("account:{key}"),
        Limit::SignUp => format!("signup:{key}"),
        Limit::ProviderSignIn => format!("provider:{key}"),
        _ => format!("auth:{key}"),
    }
}

/// Seconds to wait when `key`'s window of `limit` has no attempt left; `None` if it has.
fn spent_up(
    windows: &HashMap<(Limit, String), (Instant, u32)>,
    limit: Limit,
    key: &str,
    now: Instant,
) -> Option<u64> {
    let (start, count) = windows.get(&(limit, key.to_string()))?;
    let open = now.duration_since(*start) < WINDOW;
    (open && *count >= limit.per_minute()).then(|| {
        WINDOW
            .saturating_sub(now.duration_since(*start))
            .as_secs()
            .max(1)
    })
}

/// Counts requests per (limit, caller) in one-minute windows.
pub struct RateLimiter {
    enabled: bool,
    windows: Mutex<HashMap<(Limit, String), (Instant, u32)>>,
    refused: RateLimitRefusals,
    /// Where the login limit is counted when nodes share it; `None`: in memory.
    shared_logins: Option<Db>,
}

impl RateLimiter {
    /// A limiter; when `enabled` is false every check passes. Each refusal is counted
    /// in `refused`.
    pub fn new(enabled: bool, refused: RateLimitRefusals) -> Self {
        RateLimiter {
            enabled,
            windows: Mutex::new(HashMap::new()),
            refused,
            shared_logins: None,
        }
    }

    /// The same limiter, counting the login limit in `db` (PostgreSQL) for every node
    /// that shares it, instead of in memory.
    pub fn with_shared_logins(self, db: Db) -> Self {
        RateLimiter {
            shared_logins: Some(db),
            ..self
        }
    }

    /// Spends one attempt of each budget in `budgets` (a login limit and its key: an
    /// address, an account), on this node or on every node sharing the database; a
    /// refused attempt spends none. Give it back ([`RateLimiter::give_back`]) once the
    /// attempt proved right.
    pub async fn spend(&self, budgets: Vec<(Limit, String)>) -> Result<Spent, LoginRefusal> {
        if !self.enabled {
            return Ok(Spent(Vec::new()));
        }
        let Some(db) = self.shared_logins.as_ref() else {
            let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            for (limit, key) in &budgets {
                if let Some(wait) = spent_up(&windows, *limit, key, now) {
                    self.refused.auth.inc();
                    return Err(LoginRefusal::Wait(wait));
                }
            }
            for (limit, key) in &budgets {
                let entry = windows.entry((*limit, key.clone())).or_insert((now, 0));
                if now.duration_since(entry.0) >= WINDOW {
                    *entry = (now, 0);
                }
                entry.1 += 1;
            }
            return Ok(Spent(budgets));
        };
        let window = WINDOW.as_secs() as i64;
        let prune = rand::random::<u32>().is_multiple_of(PRUNE_ONE_IN);
        let keys: Vec<(Limit, String)> = budgets.clone();
        let refused = db
            .write(move |t: &Tx| {
                if prune {
                    cluster::forget_old_windows(t, window)?;
                }
                let mut wait = None;
                for (limit, key) in &keys {
                    let (count, left) =
                        cluster::count_attempt(t, &shared_key(*limit, key), window)?;
                    if count > i64::from(limit.per_minute()) {
                        wait = Some(wait.unwrap_or(0).max(left));
                    }
                }
                if wait.is_some() {
                    for (limit, key) in &keys {
                        cluster::refund_attempt(t, &shared_key(*limit, key), window)?;
                    }
                }
                Ok::<_, StoreError>(wait)
            })
            .await
            .map_err(LoginRefusal::Store)?;
        if let Some(wait) = refused {
            self.refused.auth.inc();
            return Err(LoginRefusal::Wait(u64::try_from(wait).unwrap_or(1).max(1)));
        }
        Ok(Spent(budgets))
    }

    /// Gives back what [`RateLimiter::spend`] took: the attempt was right. A failure to
    /// reach the shared count is logged; the attempt then stays counted.
    pub async fn give_back(&self, spent: Spent) {
        if spent.0.is_empty() {
            return;
        }
        let Some(db) = self.shared_logins.as_ref() else {
            let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            for budget in spent.0 {
                if let Some(entry) = windows.get_mut(&budget) {
                    if now.duration_since(entry.0) < WINDOW {
                        entry.1 = entry.1.saturating_sub(1);
                    }
                }
            }
            return;
        };
        let window = WINDOW.as_secs() as i64;
        let given = db
            .write(move |t: &Tx| {
                for (limit, key) in &spent.0 {
                    cluster::refund_attempt(t, &shared_key(*limit, key), window)?;
                }
                Ok::<_, StoreError>(())
            })
            .await;
        if let Err(e) = given {
            tracing::warn!("cannot give a right login's attempt back: {e}");
        }
    }

    /// Gives back one attempt of each of `budgets`, spent by an earlier request
    /// ([`RateLimiter::spend`]) whose outcome a later one learned: a provider sign-in's
    /// start, given back by its callback once it ended well.
    pub async fn give_back_budgets(&self, budgets: Vec<(Limit, String)>) {
        self.give_back(Spent(budgets)).await;
    }

    /// Counts one request by the signed-in user `user_id` against `limit`; every
    /// per-user limit keys its callers this one way.
    pub fn check_user(&self, limit: Limit, user_id: i64) -> Result<(), Limited> {
        self.check(limit, &format!("user:{user_id}"))
    }

    /// Counts one request by `caller` (a user key or an IP) against `limit`.
    pub fn check(&self, limit: Limit, caller: &str) -> Result<(), Limited> {
        self.count(limit, caller).map_err(Limited)
    }

    /// The same for callers below the HTTP edge (the domain): `Err(seconds to wait)`.
    pub fn count(&self, limit: Limit, caller: &str) -> Result<(), u64> {
        if !self.enabled {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows
            .entry((limit, caller.to_string()))
            .or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= limit.per_minute() {
            let wait = WINDOW
                .saturating_sub(now.duration_since(entry.0))
                .as_secs()
                .max(1);
            match limit {
                Limit::Auth
                | Limit::AuthAccount
                | Limit::SignUp
                | Limit::ForgotPassword
                | Limit::ProviderSignIn => &self.refused.auth,
                Limit::Api => &self.refused.api,
                Limit::Upload => &self.refused.upload,
                Limit::SocketMessage => &self.refused.socket_message,
                Limit::CallSignal => &self.refused.call_signal,
                Limit::Hook => &self.refused.hook,
            }
            .inc();
            return Err(wait);
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod network_tests {
    use super::*;

    #[test]
    fn ipv6_counts_per_64_and_ipv4_per_address() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:fffe".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(network_key(a), "2001:db8:1:2::/64");
        assert_eq!(network_key(a), network_key(b));
        assert_ne!(network_key(a), network_key(c));
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(network_key(v4), "192.0.2.7");
        assert_eq!(network_key(mapped), "192.0.2.7");
        assert_ne!(network_key("192.0.2.8".parse().unwrap()), network_key(v4));
    }
}

#[cfg(test)]
mod memory_tests {
    use super::*;

    #[tokio::test]
    async fn right_logins_spend_nothing_and_failures_are_held_per_address_and_account() {
        let limiter = RateLimiter::new(true, RateLimitRefusals::default());
        for _ in 0..20 {
            let right = limiter
                .spend(login_budgets("10.0.0.1", Some("user:1")))
                .await
                .expect("a right login is let through");
            limiter.give_back(right).await;
        }
        for n in 0..5 {
            let _wrong = limiter
                .spend(login_budgets("10.0.0.1", Some(&format!("user:{n}"))))
                .await
                .expect("the first five failures");
        }
        let sixth = limiter
            .spend(login_budgets("10.0.0.1", Some("user:9")))
            .await;
        assert!(
            matches!(sixth, Err(LoginRefusal::Wait(1..=60))),
            "{sixth:?}"
        );
        for n in 0..10 {
            let _wrong = limiter
                .spend(login_budgets(&format!("10.1.0.{n}"), Some("user:7")))
                .await
                .expect("ten failures on one account");
        }
        let eleventh = limiter
            .spend(login_budgets("10.2.0.1", Some("user:7")))
            .await;
        assert!(
            matches!(eleventh, Err(LoginRefusal::Wait(_))),
            "{eleventh:?}"
        );
        assert_eq!(limiter.refused.auth.get(), 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hub::Hub;
    use crate::store::pg_cluster;
    use std::sync::Arc;

    fn limiter_on(url: &str) -> RateLimiter {
        let db = Db::for_tests(url, Arc::new(Hub::default()));
        RateLimiter::new(true, RateLimitRefusals::default()).with_shared_logins(db)
    }

    /// Two nodes' limiters on one database: six failed logins from one address spread
    /// over both, and the sixth is refused; another address is not, and a right login
    /// gives its attempt back.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_login_window_counts_across_nodes() {
        let Some(_) = pg_cluster::cluster_or_skip("the_login_window_counts_across_nodes") else {
            return;
        };
        let url = pg_cluster::fresh_database();
        let nodes = [limiter_on(&url), limiter_on(&url)];
        let attempt = |n: usize, address: &str| nodes[n % 2].spend(login_budgets(address, None));
        for n in 0..20 {
            let right = attempt(n, "10.0.0.1")
                .await
                .unwrap_or_else(|e| panic!("right login {} refused: {e:?}", n + 1));
            nodes[(n + 1) % 2].give_back(right).await;
        }
        for n in 0..5 {
            let _wrong = attempt(n, "10.0.0.1")
                .await
                .unwrap_or_else(|e| panic!("attempt {} refused: {e:?}", n + 1));
        }
        match attempt(1, "10.0.0.1").await {
            Err(LoginRefusal::Wait(wait)) => assert!((1..=60).contains(&wait), "{wait}"),
            other => panic!("the sixth failure was not refused: {other:?}"),
        }
        assert_eq!(nodes[1].refused.auth.get(), 1, "counted as a refusal");
        let _other = attempt(0, "10.0.0.2")
            .await
            .expect("another address has its own window");
    }
}
