//! Scenario `history`: keyset pages (`?before=ID&page_size=50`) read at random depths
//! from a small chat and a huge one (both filled by natter's hidden `seed-messages`; on
//! PostgreSQL followed by `VACUUM (ANALYZE)`, see `Server::settle_after_seeding`),
//! by a few concurrent readers for a fixed time each. Reports pages/s for both and
//! how much slower the huge chat is. Each reader keeps one connection (`KeepAlive`),
//! so the generator takes as little of the shared CPU as it can.

use crate::client::{Api, User};
use crate::keepalive::KeepAlive;
use crate::report::{per_sec, Report};
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use std::time::{Duration, Instant};

/// Flags of `history`.
#[derive(Args, Debug, Clone)]
pub struct HistoryArgs {
    /// Messages in the small chat.
    #[arg(long, default_value_t = 1000)]
    pub small: u64,
    /// Messages in the huge chat.
    #[arg(long, default_value_t = 1_000_000)]
    pub big: u64,
    /// Seconds of reading per chat.
    #[arg(long, default_value_t = 10.0)]
    pub secs: f64,
    /// Concurrent readers.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Messages per page.
    #[arg(long, default_value_t = 50)]
    pub page_size: i64,
    /// Smoke-test size: 100 and 1,000 messages, 0.5 s each.
    #[arg(long)]
    pub tiny: bool,
    /// Ask for compressed pages (`Accept-Encoding: br` or `gzip`); the report then also
    /// gives the server's CPU and the bytes per page.
    #[arg(long, value_parser = ["br", "gzip", "identity"])]
    pub accept_encoding: Option<String>,
}

/// Runs `history` and reports pages/s and latency for both chats and their ratio.
pub async fn run(server: &Server, args: &HistoryArgs) -> Result<Report> {
    let (small, big, secs) = if args.tiny {
        (100, 1000, 0.5)
    } else {
        (args.small.max(1), args.big.max(1), args.secs)
    };
    let mut report = Report::new("history");
    let api = Api::new(&server.base)?;
    let users = api.register_many("hist", 2, 2).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    if small < args.page_size as u64 || big < args.page_size as u64 {
        return fail("--small and --big must hold at least one page of messages");
    }
    let mut rates = Vec::new();
    for (label, count) in [("small", small), ("big", big)] {
        let chat = api
            .create_group(&users[0], &format!("history {label}"), &ids)
            .await?;
        let took = server.seed_messages(chat, users[0].id, count, "").await?;
        report.add(&format!("{label}_seed_s"), took.as_secs_f64(), "s");
        if let Some(took) = server.settle_after_seeding().await? {
            report.add(&format!("{label}_vacuum_s"), took.as_secs_f64(), "s");
        }
        let (oldest, newest) = id_range(&api, &users[1], chat).await?;
        let cpu_before = server.cpu_time();
        let (pages, mut lat, elapsed, errors, bytes) = read_pages(
            &server.base,
            &users[1],
            chat,
            (oldest, newest),
            args,
            Duration::from_secs_f64(secs),
        )
        .await;
        let rate = per_sec(pages, elapsed);
        if let (Some(before), Some(after)) = (cpu_before, server.cpu_time()) {
            let per_page = (after - before).as_secs_f64() * 1e6 / pages.max(1) as f64;
            report.add(&format!("{label}_server_cpu_us_per_page"), per_page, "us");
        }
        report.add(
            &format!("{label}_bytes_per_page"),
            bytes as f64 / pages.max(1) as f64,
            "bytes",
        );
        report.add(&format!("{label}_messages"), count as f64, "msgs");
        report.add(&format!("{label}_pages_per_s"), rate, "pages/s");
        report.add_latency(&format!("{label}_page"), &mut lat);
        report.add(&format!("{label}_errors"), errors.len() as f64, "errors");
        if let Some(e) = errors.first() {
            report.note(format!("{label}: first error: {e}"));
        }
        rates.push(rate);
    }
    if rates[1] > 0.0 {
        report.add("small_over_big_ratio", rates[0] / rates[1], "x");
    }
    Ok(report)
}

/// Oldest and newest message id of `chat` (one page each way).
async fn id_range(api: &Api, user: &User, chat: i64) -> Result<(i64, i64)> {
    let path = |q: &str| format!("/messages/api/chats/{chat}/messages/?{q}&page_size=1");
    let (_, newest) = api.get(&user.token, &path("page=1")).await?;
    let (_, oldest) = api.get(&user.token, &path("after=0")).await?;
    match (
        oldest["results"][0]["id"].as_i64(),
        newest["results"][0]["id"].as_i64(),
    ) {
        (Some(o), Some(n)) => Ok((o, n)),
        _ => fail(format!("cannot read the id range of chat {chat}: {newest}")),
    }
}

/// A cheap per-reader random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// How many entries a page's `results` holds, checked without building a JSON tree.
pub(crate) fn results_len(body: &[u8]) -> Option<usize> {
    #[derive(serde::Deserialize)]
    struct Page {
        results: Vec<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Page>(body)
        .ok()
        .map(|p| p.results.len())
}

/// Every page is checked by counting a key each message has once (`"is_deleted":`
/// can't occur inside a JSON string, where quotes are escaped); one page in this many
/// is also parsed whole.
const PARSE_EVERY: usize = 64;

/// Whether `body` is a page of `page_size` messages (parsed whole when `parse`); a
/// compressed page not parsed (`packed`) only has to have a body.
fn is_full_page(
    body: &[u8],
    page_size: usize,
    key: &memchr::memmem::Finder,
    parse: bool,
    packed: bool,
) -> bool {
    if packed {
        return !body.is_empty();
    }
    key.find_iter(body).count() == page_size && (!parse || results_len(body) == Some(page_size))
}

async fn read_pages(
    base: &str,
    user: &User,
    chat: i64,
    (oldest, newest): (i64, i64),
    args: &HistoryArgs,
    phase: Duration,
) -> (usize, Vec<Duration>, Duration, Vec<String>, usize) {
    let started = Instant::now();
    let deadline = started + phase;
    let page_size = args.page_size.max(1);
    let tasks: Vec<_> = (0..args.concurrency.max(1))
        .map(|r| {
            let (base, token) = (base.to_string(), user.token.clone());
            let encoding = args.accept_encoding.clone();
            tokio::spawn(async move {
                let mut bytes = 0usize;
                let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((r as u64 + 1) * 0x1000_0001));
                let key = memchr::memmem::Finder::new(b"\"is_deleted\":");
                let mut lat = Vec::new();
                let mut errors = Vec::new();
                let mut conn = None;
                let span = (newest + 1 - oldest - page_size).max(1) as u64;
                while Instant::now() < deadline && errors.len() < 10 {
                    let before = oldest + page_size + rng.below(span) as i64;
                    let path = format!(
                        "/messages/api/chats/{chat}/messages/?before={before}&page_size={page_size}"
                    );
                    let t = Instant::now();
                    if conn.is_none() {
                        let extra = encoding
                            .as_deref()
                            .map(|e| format!("Accept-Encoding: {e}\r\n"))
                            .unwrap_or_default();
                        match KeepAlive::connect_with(&base, &token, &extra).await {
                            Ok(c) => conn = Some(c),
                            Err(e) => {
                                errors.push(e.to_string());
                                continue;
                            }
                        }
                    }
                    let Some(c) = conn.as_mut() else { continue };
                    let parse = lat.len() % PARSE_EVERY == 0;
                    match c.get(&path).await {
                        Ok((200, body))
                            if is_full_page(
                                &unpacked(encoding.as_deref(), body, parse),
                                page_size as usize,
                                &key,
                                parse,
                                matches!(encoding.as_deref(), Some("br" | "gzip")) && !parse,
                            ) =>
                        {
                            bytes += body.len();
                            lat.push(t.elapsed())
                        }
                        Ok((status, body)) => {
                            let body: String =
                                String::from_utf8_lossy(body).chars().take(200).collect();
                            errors.push(format!("GET {path}: HTTP {status} {body}"))
                        }
                        Err(e) => {
                            errors.push(e.to_string());
                            conn = None;
                        }
                    }
                }
                (lat, errors, bytes)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut errors = Vec::new();
    let mut tasks_bytes = Vec::new();
    for t in futures_util::future::join_all(tasks).await {
        match t {
            Ok((l, e, b)) => {
                lat.extend(l);
                errors.extend(e);
                tasks_bytes.push(b);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    let bytes = tasks_bytes.iter().sum();
    (lat.len(), lat, started.elapsed(), errors, bytes)
}

/// A page as JSON: decompressed when it was asked for compressed and is to be parsed
/// (one in [`PARSE_EVERY`]; the others are counted by size only, as decompressing every
/// page would take the generator's share of the two cores).
fn unpacked<'b>(encoding: Option<&str>, body: &'b [u8], parse: bool) -> std::borrow::Cow<'b, [u8]> {
    use std::io::Read;
    let mut out = Vec::new();
    let done = match (encoding, parse) {
        (Some("br"), true) => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut out)
            .is_ok(),
        (Some("gzip"), true) => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .is_ok(),
        _ => return std::borrow::Cow::Borrowed(body),
    };
    if done {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_counts_its_messages_not_keys_quoted_in_their_text() {
        let key = memchr::memmem::Finder::new(b"\"is_deleted\":");
        let page = br#"{"count":2,"results":[{"id":1,"content":"say \"is_deleted\": true","is_deleted":false},{"id":2,"content":"","is_deleted":false}]}"#;
        assert!(is_full_page(page, 2, &key, true, false));
        assert!(!is_full_page(page, 3, &key, false, false));
        let truncated = &page[..page.len() - 3];
        assert!(is_full_page(truncated, 2, &key, false, false));
        assert!(!is_full_page(truncated, 2, &key, true, false));
    }
}
