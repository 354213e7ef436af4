//! Fixed-window rate limits per caller (DESIGN.md section 7, the rooms seed's table).
//!
//! Counted in this node's memory, except the login limit when several nodes serve one
//! deployment (issue 26 point 3, SCALE-OUT.md 5.4): it guards passwords against
//! guessing, so it is counted in PostgreSQL, once for all nodes. The other limits only
//! curb abuse and stay per node: N nodes allow N times their budget.

use crate::error::{ApiError, ApiResult};
use crate::metrics::RateLimitRefusals;
use crate::store::{cluster, Db, StoreError, Tx};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What is being limited; each has its own budget per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Login and registration: 5 a minute.
    Auth,
    /// Any other API request: 100 a minute.
    Api,
    /// File uploads: 10 a minute.
    Upload,
    /// Socket messages: 60 a minute.
    SocketMessage,
    /// Posts to one bot's hook (`/hooks/<token>`): 60 a minute, Slack's one a second.
    Hook,
}

impl Limit {
    fn per_minute(self) -> u32 {
        match self {
            Limit::Auth => 5,
            Limit::Api => 100,
            Limit::Upload => 10,
            Limit::SocketMessage => 60,
            Limit::Hook => 60,
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

    /// Counts one login, registration or token request by the client address `caller`
    /// against [`Limit::Auth`]: on this node, or on every node sharing the database.
    pub async fn check_login(&self, caller: &str) -> ApiResult<()> {
        let Some(db) = self.shared_logins.as_ref().filter(|_| self.enabled) else {
            return self.check(Limit::Auth, caller);
        };
        let key = format!("auth:{caller}");
        let window = WINDOW.as_secs() as i64;
        let prune = rand::random::<u32>().is_multiple_of(PRUNE_ONE_IN);
        let (count, wait) = db
            .write(move |t: &Tx| {
                if prune {
                    cluster::forget_old_windows(t, window)?;
                }
                cluster::count_attempt(t, &key, window)
            })
            .await
            .map_err(|e: StoreError| ApiError::from(e))?;
        if count > i64::from(Limit::Auth.per_minute()) {
            self.refused.auth.inc();
            return Err(ApiError::RateLimited(u64::try_from(wait).unwrap_or(1)));
        }
        Ok(())
    }

    /// Counts one request by the signed-in user `user_id` against `limit`; every
    /// per-user limit keys its callers this one way.
    pub fn check_user(&self, limit: Limit, user_id: i64) -> ApiResult<()> {
        self.check(limit, &format!("user:{user_id}"))
    }

    /// Counts one request by `caller` (a user key or an IP) against `limit`.
    pub fn check(&self, limit: Limit, caller: &str) -> ApiResult<()> {
        self.count(limit, caller).map_err(ApiError::RateLimited)
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
                Limit::Auth => &self.refused.auth,
                Limit::Api => &self.refused.api,
                Limit::Upload => &self.refused.upload,
                Limit::SocketMessage => &self.refused.socket_message,
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
mod tests {
    use super::*;
    use crate::hub::Hub;
    use crate::store::pg_cluster;
    use std::sync::Arc;

    fn limiter_on(url: &str) -> RateLimiter {
        let db = Db::for_tests(url, Arc::new(Hub::default()));
        RateLimiter::new(true, RateLimitRefusals::default()).with_shared_logins(db)
    }

    /// Two nodes' limiters on one database (issue 26 point 3): six logins from one
    /// address spread over both, and the sixth is refused; another address is not.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_login_window_counts_across_nodes() {
        let Some(_) = pg_cluster::cluster_or_skip("the_login_window_counts_across_nodes") else {
            return;
        };
        let url = pg_cluster::fresh_database();
        let nodes = [limiter_on(&url), limiter_on(&url)];
        for attempt in 0..5 {
            nodes[attempt % 2]
                .check_login("10.0.0.1")
                .await
                .unwrap_or_else(|e| panic!("attempt {} refused: {e}", attempt + 1));
        }
        match nodes[1].check_login("10.0.0.1").await {
            Err(ApiError::RateLimited(wait)) => assert!((1..=60).contains(&wait), "{wait}"),
            other => panic!("the sixth login was not refused: {other:?}"),
        }
        assert_eq!(nodes[1].refused.auth.get(), 1, "counted as a refusal");
        nodes[0]
            .check_login("10.0.0.2")
            .await
            .expect("another address has its own window");
    }
}
