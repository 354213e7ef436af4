//! Scenario `search`: `/messages/api/search/` over many chats. One
//! owner makes `--chats` groups of `--per-chat` messages each (filled by natter's hidden
//! `seed-messages`, whose text is `seed message N`, with the rare word `quokka` in one
//! message of each thousand); a reader is a member of `--member-of` of them, and a loner
//! of one quiet group of ten messages of their own, older than every seeded one. One request at a time over one
//! connection, the reader asks for the first page of a common word (`message`: every
//! message matches, typed as users type it, so also a prefix), a rare word (`quokka`) and
//! a prefix (`quok`); the loner for the common word, which only others wrote
//! (`loner_others`), and for a word nobody wrote (`loner_nobody`): the two must take the
//! same time, or the time tells a stranger what other chats hold. With `--common-words`
//! every message also ends with fourteen more common words, and the reader asks for all
//! sixteen at once (`sixteen`). Reports p50/p99 of each, then `searches_per_s`: the
//! reader's common word from `--clients` connections at once. With `--operators`, each
//! search operator alone and with the common word too (`search_operators`).

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
    /// Seed every message with fourteen more common words, and measure a query of all
    /// sixteen (needs a natter that knows `seed-messages --words`).
    #[arg(long)]
    pub common_words: bool,
    /// Connections asking at once for `searches_per_s`.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Seconds `searches_per_s` is measured over.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
    /// Also measure each search operator alone and with the common word
    /// (`crate::search_operators`).
    #[arg(long)]
    pub operators: bool,
}

/// The words `--common-words` adds to every message.
const COMMON_WORDS: &str =
    "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november";

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
    let users = api.register_many("srch", 3, 3).await?;
    let (owner, reader, loner) = (&users[0], &users[1], &users[2]);

    let setup = Instant::now();
    // The loner's chat is older than every seeded message: the index's lists are walked
    // newest first, so this is the far end of every other chat's matches.
    let quiet = api.create_group(loner, "quiet", &[loner.id]).await?;
    for i in 0..10 {
        api.send_message(loner, quiet, &format!("quiet note {i}"))
            .await?;
    }

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
    let words = if args.common_words { COMMON_WORDS } else { "" };
    let seeded: Vec<Result<Duration>> = stream::iter(ids.iter().copied())
        .map(|chat| server.seed_messages(chat, owner.id, per_chat, words))
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

    let sixteen = format!("seed message {COMMON_WORDS}");
    let mut queries = vec![
        ("common", reader, "message"),
        ("rare", reader, "quokka"),
        ("prefix", reader, "quok"),
        ("loner_others", loner, "message"),
        ("loner_nobody", loner, "zyzzyva"),
    ];
    if args.common_words {
        queries.push(("sixteen", reader, &sixteen));
    }
    for (label, user, q) in queries {
        let mut conn = KeepAlive::connect(&server.base, &user.token).await?;
        let path = format!("/messages/api/search/?q={}", q.replace(' ', "+"));
        timed(&mut conn, &mut report, label, (&path, q), requests).await?;
    }

    if args.operators {
        let first = *ids.first().ok_or("no chat made")?;
        crate::search_operators::run(server, &mut report, (owner, reader), first, requests).await?;
    }
    let searches = searches_per_second(server, reader, args).await?;
    report.add("searches_per_s", searches, "req/s");
    Ok(report)
}

/// Asks the search `path` (`q` as typed, for an error) `requests` times, one at a time
/// over `conn`; reports `<label>_results` (how many the last answer held) and `label`'s
/// p50/p99. Every scenario of searches times its requests here, so each measures the
/// same way.
pub async fn timed(
    conn: &mut KeepAlive,
    report: &mut Report,
    label: &str,
    (path, q): (&str, &str),
    requests: usize,
) -> Result<()> {
    let mut latencies = Vec::with_capacity(requests);
    let mut results = 0usize;
    for _ in 0..requests {
        let started = Instant::now();
        let (status, body) = conn.get(path).await?;
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
    Ok(())
}

/// The reader's common word asked from `--clients` connections at once, each one request
/// at a time, for `--seconds`: answers per second, all of them.
async fn searches_per_second(
    server: &Server,
    reader: &crate::client::User,
    args: &SearchArgs,
) -> Result<f64> {
    let clients = if args.tiny { 2 } else { args.clients.max(1) };
    let span = Duration::from_secs_f64(if args.tiny {
        0.2
    } else {
        args.seconds.max(0.1)
    });
    let started = Instant::now();
    let answered: Vec<Result<u64>> = stream::iter(0..clients)
        .map(|_| async {
            let mut conn = KeepAlive::connect(&server.base, &reader.token).await?;
            let mut answered = 0u64;
            while started.elapsed() < span {
                let (status, body) = conn.get("/messages/api/search/?q=message").await?;
                if status != 200 {
                    return fail(format!(
                        "search answered {status}: {}",
                        String::from_utf8_lossy(body)
                    ));
                }
                answered += 1;
            }
            Ok(answered)
        })
        .buffer_unordered(clients)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let mut total = 0u64;
    for a in answered {
        total += a?;
    }
    Ok(total as f64 / elapsed)
}
