//! natter's memory once it is steady: after start, sign-ups or a burst of sockets the
//! allocator gives memory back over seconds (argon2's 19 MiB a hash, buffers of a
//! burst), so a reading taken too early holds work that is over, and the difference
//! between two such readings can come out at zero or below.

use crate::server::{Memory, Server};
use crate::{fail, Result};
use std::time::{Duration, Instant};

/// How often memory is read while waiting.
const EVERY: Duration = Duration::from_millis(250);

/// Whether readings that spread from `lo` to `hi` KiB count as still: 0.2 % of the
/// highest, at least 128 KiB.
fn still(lo: u64, hi: u64) -> bool {
    hi - lo <= (hi / 500).max(128)
}

/// Private memory and RSS in KiB once both have held still (see `still`) for `window`,
/// or after `limit` (then the last reading, and `false`).
pub async fn steady_memory(
    server: &Server,
    window: Duration,
    limit: Duration,
) -> Result<(Memory, bool)> {
    steady_memory_of(|| server.memory_kib(), window, limit).await
}

/// `steady_memory` of whatever process `read` reads (`None`: it cannot be read).
pub async fn steady_memory_of(
    read: impl Fn() -> Option<Memory>,
    window: Duration,
    limit: Duration,
) -> Result<(Memory, bool)> {
    let started = Instant::now();
    let mut readings: Vec<(Instant, Memory)> = Vec::new();
    loop {
        let Some(memory) = read() else {
            return fail("cannot read the server's RssAnon and VmRSS");
        };
        let now = Instant::now();
        readings.push((now, memory));
        readings.retain(|(t, _)| now.duration_since(*t) <= window);
        let span = now.duration_since(readings[0].0);
        if span + EVERY >= window {
            let spread = |pick: fn(&Memory) -> u64| {
                readings.iter().fold((u64::MAX, 0), |(lo, hi), (_, m)| {
                    (lo.min(pick(m)), hi.max(pick(m)))
                })
            };
            let (plo, phi) = spread(|m| m.private);
            let (rlo, rhi) = spread(|m| m.rss);
            if still(plo, phi) && still(rlo, rhi) {
                return Ok((memory, true));
            }
        }
        if started.elapsed() >= limit {
            return Ok((memory, false));
        }
        tokio::time::sleep(EVERY).await;
    }
}
