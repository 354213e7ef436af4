//! natter's resident memory once it is steady: after start, sign-ups or a burst of
//! sockets the allocator gives memory back over seconds (argon2's 19 MiB a hash, buffers
//! of a burst), so a reading taken too early holds work that is over, and the difference
//! between two such readings can come out at zero or below.

use crate::server::Server;
use crate::{fail, Result};
use std::time::{Duration, Instant};

/// How often RSS is read while waiting.
const EVERY: Duration = Duration::from_millis(250);

/// RSS in KiB once it has moved by no more than 0.2 % (at least 128 KiB) for `window`,
/// or after `limit` (then the last reading, and `false`).
pub async fn steady_rss(server: &Server, window: Duration, limit: Duration) -> Result<(u64, bool)> {
    let started = Instant::now();
    let mut readings: Vec<(Instant, u64)> = Vec::new();
    loop {
        let Some(rss) = server.rss_kib() else {
            return fail("cannot read natter's VmRSS");
        };
        let now = Instant::now();
        readings.push((now, rss));
        readings.retain(|(t, _)| now.duration_since(*t) <= window);
        let span = now.duration_since(readings[0].0);
        if span + EVERY >= window {
            let (lo, hi) = readings
                .iter()
                .fold((u64::MAX, 0), |(lo, hi), (_, r)| (lo.min(*r), hi.max(*r)));
            if hi - lo <= (hi / 500).max(128) {
                return Ok((rss, true));
            }
        }
        if started.elapsed() >= limit {
            return Ok((rss, false));
        }
        tokio::time::sleep(EVERY).await;
    }
}
