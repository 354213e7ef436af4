//! The client processes that hold `reach`'s sockets (`natter-bench hold`, this same
//! binary): as many as one process's open-file limit requires, each given its share of
//! the sockets and of the loopback source addresses.

use crate::{fail, Result};
use serde_json::{json, Value};
use std::net::IpAddr;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// One holder process and its pipes.
struct Holder {
    _child: Child,
    stdin: ChildStdin,
    lines: Lines<BufReader<ChildStdout>>,
}

/// Every holder of a run.
pub struct Holders {
    holders: Vec<Holder>,
    /// Sockets each holder has been given so far.
    given: Vec<usize>,
    sources: Vec<IpAddr>,
}

/// The sum of each holder's answer to an `open`.
#[derive(Debug, Default, Clone)]
pub struct Opened {
    pub ok: usize,
    pub failed: usize,
    pub attempts: usize,
    /// The slowest holder's time from the command to its last socket opened.
    pub last_open_ms: u64,
    /// Failed attempts by kind.
    pub errors: Vec<(String, usize)>,
    pub first_error: Option<String>,
}

/// One holder's answer to `wait_reopen`, summed over holders.
#[derive(Debug, Default, Clone)]
pub struct Reopened {
    pub closes: Vec<(String, usize)>,
    pub close_first_ns: u64,
    pub close_last_ns: u64,
    pub reopened: usize,
    pub reopen_last_ns: u64,
    pub reopen_errors: Vec<(String, usize)>,
    pub catch_ups: Vec<(String, usize)>,
    pub catch_up_last_ns: u64,
}

/// Adds the counts of `v` (a JSON object of counts) into `into`.
fn add_counts(into: &mut Vec<(String, usize)>, v: &Value) {
    if let Some(map) = v.as_object() {
        for (k, n) in map {
            let n = n.as_u64().unwrap_or(0) as usize;
            match into.iter_mut().find(|(kind, _)| kind == k) {
                Some((_, total)) => *total += n,
                None => into.push((k.clone(), n)),
            }
        }
    }
}

fn num(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or(0)
}

impl Holders {
    /// Starts `count` holders (this binary's `hold`), sharing `sources` between them.
    pub async fn start(count: usize, sources: Vec<IpAddr>) -> Result<Holders> {
        let exe = holder_exe()?;
        let mut holders = Vec::with_capacity(count);
        for _ in 0..count.max(1) {
            let mut child = Command::new(&exe)
                .arg("hold")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .kill_on_drop(true)
                .spawn()
                .map_err(|e| format!("cannot start a holder ({}): {e}", exe.display()))?;
            let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
                return fail("a holder's pipes were not captured");
            };
            holders.push(Holder {
                _child: child,
                stdin,
                lines: BufReader::new(stdout).lines(),
            });
        }
        let given = vec![0; holders.len()];
        Ok(Holders {
            holders,
            given,
            sources,
        })
    }

    /// How many processes hold sockets.
    pub fn len(&self) -> usize {
        self.holders.len()
    }

    /// Whether there are no holders (never, once started).
    pub fn is_empty(&self) -> bool {
        self.holders.is_empty()
    }

    /// Sends every holder its command (made from its index), then reads every answer.
    async fn ask_all(
        &mut self,
        command: impl Fn(usize) -> Value,
        limit: Duration,
    ) -> Result<Vec<Value>> {
        for (i, h) in self.holders.iter_mut().enumerate() {
            let mut line = command(i).to_string();
            line.push('\n');
            h.stdin.write_all(line.as_bytes()).await?;
            h.stdin.flush().await?;
        }
        let mut answers = Vec::with_capacity(self.holders.len());
        for h in &mut self.holders {
            let line = tokio::time::timeout(limit, h.lines.next_line())
                .await
                .map_err(|_| format!("a holder did not answer within {limit:?}"))??;
            let Some(line) = line else {
                return fail("a holder ended (see its error above)");
            };
            answers.push(serde_json::from_str(&line)?);
        }
        Ok(answers)
    }

    /// Opens `sockets` (each a key and the chat it catches up on) on `base`, dealt round
    /// the holders; each holder's first attempts spread evenly over `spread`, retried
    /// with the back-off when `retry`, at most `concurrency` in flight over all holders
    /// (0: no bound, every socket at its moment).
    pub async fn open(
        &mut self,
        base: &str,
        sockets: &[(String, i64)],
        spread: Duration,
        retry: bool,
        concurrency: usize,
    ) -> Result<Opened> {
        let n = self.holders.len();
        let per_holder = if concurrency == 0 {
            0
        } else {
            concurrency.div_ceil(n).max(1)
        };
        let sources: Vec<String> = self.sources.iter().map(IpAddr::to_string).collect();
        for i in 0..n {
            self.given[i] += sockets.iter().skip(i).step_by(n).count();
        }
        let deadline_ms = 120_000u64;
        let answers = self
            .ask_all(
                |i| {
                    let share: Vec<Value> = sockets
                        .iter()
                        .skip(i)
                        .step_by(n)
                        .map(|(token, chat)| json!({"token": token, "chat": chat}))
                        .collect();
                    json!({
                        "cmd": "open", "base": base, "sources": sources, "sockets": share,
                        "spread_ms": spread.as_millis() as u64, "retry": retry,
                        "deadline_ms": deadline_ms, "concurrency": per_holder,
                    })
                },
                spread + Duration::from_millis(deadline_ms + 30_000),
            )
            .await?;
        let mut sum = Opened::default();
        for a in &answers {
            sum.ok += num(a, "ok") as usize;
            sum.failed += num(a, "failed") as usize;
            sum.attempts += num(a, "attempts") as usize;
            sum.last_open_ms = sum.last_open_ms.max(num(a, "last_open_ms"));
            add_counts(&mut sum.errors, &a["errors"]);
            if sum.first_error.is_none() {
                sum.first_error = a["first_error"].as_str().map(str::to_string);
            }
        }
        Ok(sum)
    }

    /// From now, sockets the server closes reconnect and catch up with `after=`.
    pub async fn reconnect(&mut self, after: i64) -> Result<()> {
        self.ask_all(
            |_| json!({"cmd": "reconnect", "after": after}),
            Duration::from_secs(30),
        )
        .await?;
        Ok(())
    }

    /// Waits until every socket is open again, or `limit`.
    pub async fn wait_reopen(&mut self, limit: Duration) -> Result<Reopened> {
        let answers = self
            .ask_all(
                |_| json!({"cmd": "wait_reopen", "deadline_ms": limit.as_millis() as u64}),
                limit + Duration::from_secs(30),
            )
            .await?;
        let mut sum = Reopened::default();
        for a in &answers {
            add_counts(&mut sum.closes, &a["closes"]);
            let first = num(a, "close_first_ns");
            if first > 0 && (sum.close_first_ns == 0 || first < sum.close_first_ns) {
                sum.close_first_ns = first;
            }
            sum.close_last_ns = sum.close_last_ns.max(num(a, "close_last_ns"));
            sum.reopened += num(a, "reopened") as usize;
            sum.reopen_last_ns = sum.reopen_last_ns.max(num(a, "reopen_last_ns"));
            add_counts(&mut sum.reopen_errors, &a["reopen_errors"]);
            add_counts(&mut sum.catch_ups, &a["catch_ups"]);
            sum.catch_up_last_ns = sum.catch_up_last_ns.max(num(a, "catch_up_last_ns"));
        }
        Ok(sum)
    }

    /// The marked messages every holder received since the last call: `(seq, unix ns)`.
    pub async fn marks(&mut self) -> Result<Vec<(u32, u64)>> {
        let answers = self
            .ask_all(|_| json!({"cmd": "marks"}), Duration::from_secs(60))
            .await?;
        let mut all = Vec::new();
        for a in &answers {
            if let Some(list) = a["marks"].as_array() {
                all.extend(
                    list.iter()
                        .filter_map(|m| Some((m.get(0)?.as_u64()? as u32, m.get(1)?.as_u64()?))),
                );
            }
        }
        Ok(all)
    }

    /// Closes every socket from the client side and ends the holders.
    pub async fn drop_all(&mut self) -> Result<()> {
        self.ask_all(|_| json!({"cmd": "drop"}), Duration::from_secs(60))
            .await?;
        Ok(())
    }
}

/// This binary, or (from a test binary under `deps/`) the `natter-bench` beside it.
fn holder_exe() -> Result<std::path::PathBuf> {
    let exe = std::env::current_exe()?;
    if exe.file_stem().is_some_and(|n| n == "natter-bench") {
        return Ok(exe);
    }
    let dir = exe
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    for candidate in [
        dir.join("natter-bench"),
        dir.join("..").join("natter-bench"),
    ] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    fail(format!(
        "no natter-bench binary near {} to hold sockets",
        exe.display()
    ))
}

/// The loopback source addresses 127.0.0.2 .. 127.0.0.(n+1).
pub fn sources(n: usize) -> Vec<IpAddr> {
    (0..n.clamp(1, 250))
        .map(|i| IpAddr::from([127, 0, 0, 2 + i as u8]))
        .collect()
}
