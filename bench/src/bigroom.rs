//! Scenario `bigroom`: with every socket of the `reach` town open, messages posted to the
//! 5,000-member room (one every `--big-every-ms`), then `--team-rate` sends a second
//! spread over the team rooms for `--team-secs`. Each delivery's latency runs from just
//! before the POST to the socket's frame (the holders stamp frames with the same clock);
//! the big room's is also given as the time to its last socket.

use crate::client::Api;
use crate::hold::unix_ns;
use crate::reach::{Crowd, ReachArgs};
use crate::report::{per_sec, percentile_ms, Report};
use crate::server::Server;
use crate::Result;
use clap::Args;
use std::collections::HashMap;
use std::time::Duration;

/// The big room's target: p99 of a message reaching each socket.
const BIG_P99_TARGET_MS: f64 = 1000.0;
/// The team rooms' target: p99 delivery under the steady send rate.
const TEAM_P99_TARGET_MS: f64 = 250.0;
/// How long frames may still arrive after the last send.
const DRAIN: Duration = Duration::from_secs(10);

/// Flags of `bigroom`.
#[derive(Args, Debug, Clone)]
pub struct BigroomArgs {
    /// Sockets to open first.
    #[arg(long, default_value_t = 19_900)]
    pub sockets: usize,
    /// Messages posted to the big room.
    #[arg(long, default_value_t = 20)]
    pub big_messages: usize,
    /// Milliseconds between two of them.
    #[arg(long, default_value_t = 1000)]
    pub big_every_ms: u64,
    /// Sends a second over the team rooms.
    #[arg(long, default_value_t = 100.0)]
    pub team_rate: f64,
    /// Seconds the team load lasts.
    #[arg(long, default_value_t = 20.0)]
    pub team_secs: f64,
    #[command(flatten)]
    pub reach: ReachArgs,
}

/// One message sent: its chat and when its POST started; `None` if the POST failed.
type Sent = Option<(i64, u64)>;

/// Posts `reach#SEQ#` to `chat` as `user`, returning when it started.
async fn post(
    api: Api,
    user: crate::client::User,
    chat: i64,
    seq: usize,
) -> (Sent, Option<String>) {
    let at = unix_ns();
    match api
        .send_message(&user, chat, &format!("reach#{seq}# hello"))
        .await
    {
        Ok(_) => (Some((chat, at)), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// Delivery latencies of the messages `seqs` (sent as `sent`), from the marks.
fn latencies(
    marks: &[(u32, u64)],
    sent: &[Sent],
    seqs: std::ops::Range<usize>,
) -> (Vec<Duration>, HashMap<usize, (usize, u64)>) {
    let mut each = Vec::new();
    // Per message: deliveries counted and the last one's time.
    let mut per: HashMap<usize, (usize, u64)> = HashMap::new();
    for &(seq, at) in marks {
        let seq = seq as usize;
        if !seqs.contains(&seq) {
            continue;
        }
        let Some(Some((_, sent_at))) = sent.get(seq) else {
            continue;
        };
        each.push(Duration::from_nanos(at.saturating_sub(*sent_at)));
        let e = per.entry(seq).or_default();
        e.0 += 1;
        e.1 = e.1.max(at);
    }
    (each, per)
}

/// Runs `bigroom`.
pub async fn run(server: &Server, args: &BigroomArgs) -> Result<Report> {
    let (sockets, big_messages, team_secs) = if args.reach.tiny {
        (60, 3, 1.0)
    } else {
        (
            args.sockets,
            args.big_messages.max(1),
            args.team_secs.max(0.1),
        )
    };
    let mut report = Report::new("bigroom");
    let mut crowd = Crowd::new(server, &args.reach, sockets).await?;
    crowd
        .open_to(&server.base, sockets, Duration::ZERO, false, 64)
        .await?;
    report.add("sockets_open", crowd.open as f64, "sockets");
    let big_sockets = crowd.sockets_of(|p| crowd.town.in_big[p]);
    report.add(
        "big_room_members",
        crowd.town.big_members.len() as f64,
        "members",
    );
    report.add("big_room_sockets", big_sockets as f64, "sockets");
    let mut sent: Vec<Sent> = Vec::new();
    let mut errors: Vec<String> = Vec::new();

    // The big room: one message at a time, a pause between them.
    let poster = crowd.town.people[crowd.town.big_members[0]].clone();
    for seq in 0..big_messages {
        let (s, e) = post(crowd.api.clone(), poster.clone(), crowd.town.big_room, seq).await;
        sent.push(s);
        errors.extend(e);
        tokio::time::sleep(Duration::from_millis(args.big_every_ms)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let marks = crowd.holders.marks().await?;
    let (mut each, per) = latencies(&marks, &sent, 0..big_messages);
    let expected = big_sockets * sent.iter().flatten().count();
    report.check(
        "big_deliveries_missing",
        expected.saturating_sub(each.len()) as f64,
        "deliveries",
        "0",
        each.len() >= expected,
    );
    report.add("big_delivery_p50_ms", percentile_ms(&mut each, 50.0), "ms");
    let p99 = percentile_ms(&mut each, 99.0);
    report.check(
        "big_delivery_p99_ms",
        p99,
        "ms",
        &format!("<= {BIG_P99_TARGET_MS} ms"),
        p99 <= BIG_P99_TARGET_MS && !each.is_empty(),
    );
    let mut everyone: Vec<Duration> = per
        .iter()
        .filter(|(_, (n, _))| *n >= big_sockets)
        .filter_map(|(seq, (_, last))| {
            let (_, at) = sent.get(*seq)?.as_ref()?;
            Some(Duration::from_nanos(last.saturating_sub(*at)))
        })
        .collect();
    report.add(
        "big_everyone_p50_ms",
        percentile_ms(&mut everyone, 50.0),
        "ms",
    );
    report.add(
        "big_everyone_max_ms",
        percentile_ms(&mut everyone, 100.0),
        "ms",
    );

    // The team rooms: a steady rate, each send from a member of a room taken in turn.
    let teams = crowd.town.teams.len().max(1);
    let total = (args.team_rate * team_secs).round().max(1.0) as usize;
    let every = Duration::from_secs_f64(1.0 / args.team_rate.max(0.1));
    let first = sent.len();
    sent.resize(first + total, None);
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut posts = tokio::task::JoinSet::new();
    let started = std::time::Instant::now();
    let mut expected = 0usize;
    let per_person = crowd.sockets_per_person();
    for k in 0..total {
        tick.tick().await;
        let (chat, members) = &crowd.town.teams[(k * 7919) % teams];
        let sender = crowd.town.people[members[k % members.len()]].clone();
        let seq = first + k;
        expected += members.iter().map(|&m| per_person[m]).sum::<usize>();
        let (api, chat) = (crowd.api.clone(), *chat);
        posts.spawn(async move {
            let (s, e) = post(api, sender, chat, seq).await;
            (seq, s, e)
        });
    }
    let send_time = started.elapsed();
    while let Some(done) = posts.join_next().await {
        match done {
            Ok((seq, s, e)) => {
                if let Some(slot) = sent.get_mut(seq) {
                    *slot = s;
                }
                errors.extend(e);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    report.check(
        "team_sends_per_s",
        per_sec(total, send_time),
        "msg/s",
        &format!(">= {} msg/s", args.team_rate * 0.95),
        per_sec(total, send_time) >= args.team_rate * 0.95,
    );
    tokio::time::sleep(DRAIN.min(Duration::from_secs(2))).await;
    let marks = crowd.holders.marks().await?;
    let (mut each, _) = latencies(&marks, &sent, first..first + total);
    report.check(
        "team_deliveries_missing",
        expected.saturating_sub(each.len()) as f64,
        "deliveries",
        "0",
        each.len() >= expected,
    );
    report.add("team_deliveries", each.len() as f64, "deliveries");
    report.add("team_delivery_p50_ms", percentile_ms(&mut each, 50.0), "ms");
    let p99 = percentile_ms(&mut each, 99.0);
    report.check(
        "team_delivery_p99_ms",
        p99,
        "ms",
        &format!("<= {TEAM_P99_TARGET_MS} ms"),
        p99 <= TEAM_P99_TARGET_MS && !each.is_empty(),
    );
    report.add(
        "team_delivery_max_ms",
        percentile_ms(&mut each, 100.0),
        "ms",
    );
    report.check(
        "send_errors",
        errors.len() as f64,
        "errors",
        "0",
        errors.is_empty(),
    );
    if let Some(e) = errors.first() {
        report.note(format!("first send error: {e}"));
    }
    crowd.holders.drop_all().await?;
    Ok(report)
}
