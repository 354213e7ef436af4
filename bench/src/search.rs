//! Scenario `search` (issue 24): `/messages/api/search/` over many chats. One owner makes
//! `--chats` groups of `--per-chat` messages each (filled by natter's hidden
//! `seed-messages`, whose text is `seed message N`, with the rare word `quokka` in one
//! message of each thousand); a reader is a member of `--member-of` of them. The reader
//! then asks for the first page of three queries, one request at a time over one
//! connection: a common word (`message`: every message matches), a rare word
//! (`quokka`) and a prefix (`quok`). Reports p50/p99 for each.

use crate::client::Api;
use crate::history::results_len;
use crate::keepalive::KeepAlive;
use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use futures_util::{stream, StreamExt};
use std::time::{Duration, Instant};

/// Flags of `search`.
#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    /// Group chats made.
    #[arg(long, default_value_t = 1000)]
    pub chats: usize,
    /// Of those, how many the reader is a member of.
    #[arg(long, default_value_t = 100)]
    pub member_of: usize,
    /// Messages seeded into each chat.
    #[arg(long, default_value_t = 1000)]
    pub per_chat: u64,
    /// Requests per query.
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
    /// Seeding processes run at once.
    #[arg(long, default_value_t = 4)]
    pub seed_concurrency: usize,
    /// Smoke-test size: 10 chats (5 the reader's) of 1,000 messages, 20 requests.
    #[arg(long)]
    pub tiny: bool,
}

/// Runs `search` and reports the latency of each query's first page.
pub async fn run(server: &Server, args: &SearchArgs) -> Result<Report> {
    let (chats, member_of, per_chat, requests) = if args.tiny {
        (10, 5, 1000, 20)
    } else {
        (
            args.chats.max(1),
            args.member_of.min(args.chats),
            args.per_chat.max(1),
            args.requests.max(1),
        )
    };
    let mut report = Report::new("search");
    let api = Api::new(&server.base)?;
    let users = api.register_many("srch", 2, 2).await?;
    let (owner, reader) = (&users[0], &users[1]);

    let setup = Instant::now();
    let mut ids = Vec::with_capacity(chats);
    for i in 0..chats {
        let members: Vec<i64> = if i < member_of {
            vec![owner.id, reader.id]
        } else {
            vec![owner.id]
        };
        ids.push(
            api.create_group(owner, &format!("search {i}"), &members)
                .await?,
        );
    }
    let seeded: Vec<Result<Duration>> = stream::iter(ids.iter().copied())
        .map(|chat| server.seed_messages(chat, owner.id, per_chat))
        .buffer_unordered(args.seed_concurrency.max(1))
        .collect()
        .await;
    for s in seeded {
        s?;
    }
    if let Some(took) = server.settle_after_seeding().await? {
        report.add("vacuum_s", took.as_secs_f64(), "s");
    }
    report.add("chats", chats as f64, "chats");
    report.add("member_of", member_of as f64, "chats");
    report.add("messages", (chats as u64 * per_chat) as f64, "msgs");
    report.add("seed_s", setup.elapsed().as_secs_f64(), "s");

    let mut conn = KeepAlive::connect(&server.base, &reader.token).await?;
    for (label, q) in [
        ("common", "message"),
        ("rare", "quokka"),
        ("prefix", "quok"),
    ] {
        let path = format!("/messages/api/search/?q={q}");
        let mut latencies = Vec::with_capacity(requests);
        let mut results = 0usize;
        for _ in 0..requests {
            let started = Instant::now();
            let (status, body) = conn.get(&path).await?;
            latencies.push(started.elapsed());
            if status != 200 {
                return fail(format!(
                    "search {q:?} answered {status}: {}",
                    String::from_utf8_lossy(body)
                ));
            }
            results = results_len(body).unwrap_or(0);
        }
        report.add(&format!("{label}_results"), results as f64, "results");
        report.add_latency(label, &mut latencies);
    }
    Ok(report)
}
