//! Fixed-window rate limits per caller (DESIGN.md section 7, the rooms seed's table).

use crate::error::{ApiError, ApiResult};
use crate::metrics::RateLimitRefusals;
use std::collections::HashMap;
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
}

impl Limit {
    fn per_minute(self) -> u32 {
        match self {
            Limit::Auth => 5,
            Limit::Api => 100,
            Limit::Upload => 10,
            Limit::SocketMessage => 60,
        }
    }
}

const WINDOW: Duration = Duration::from_secs(60);

/// Counts requests per (limit, caller) in one-minute windows.
pub struct RateLimiter {
    enabled: bool,
    windows: Mutex<HashMap<(Limit, String), (Instant, u32)>>,
    refused: RateLimitRefusals,
}

impl RateLimiter {
    /// A limiter; when `enabled` is false every check passes. Each refusal is counted
    /// in `refused`.
    pub fn new(enabled: bool, refused: RateLimitRefusals) -> Self {
        RateLimiter {
            enabled,
            windows: Mutex::new(HashMap::new()),
            refused,
        }
    }

    /// Counts one request by the signed-in user `user_id` against `limit`; every
    /// per-user limit keys its callers this one way.
    pub fn check_user(&self, limit: Limit, user_id: i64) -> ApiResult<()> {
        self.check(limit, &format!("user:{user_id}"))
    }

    /// Counts one request by `caller` (a user key or an IP) against `limit`.
    pub fn check(&self, limit: Limit, caller: &str) -> ApiResult<()> {
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
            }
            .inc();
            return Err(ApiError::RateLimited(wait));
        }
        entry.1 += 1;
        Ok(())
    }
}
