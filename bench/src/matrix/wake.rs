//! `--measure wake`: how soon a waiting `/sync` long poll hears a message. A listener
//! holds `/sync?since=...&timeout=30000`; once it has waited `--settle-ms`, a second
//! person sends, and the sample is the time from just before the send to the last byte
//! of the sync answer that carries the message, one sample outstanding at a time. The
//! send goes through natter's own chats surface (`--send natter`, natter's default) or
//! Matrix's `PUT /send` (`--send matrix`, the only way on Synapse). An answer that
//! comes before the send (someone's presence, a read mark) or without the message is
//! counted and polled again from its `next_batch`, as an app would. Beside it: the
//! send's own answer time, and the time from that answer to the sync's.

use super::api::Synced;
use super::people::{Homeserver, Person};
use super::{MatrixArgs, SendVia, ServerKind};
use crate::report::{percentile_ms, Report};
use crate::{fail, Result};
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// How long one message may take to reach the listener before the run gives up.
const MISSING_AFTER: Duration = Duration::from_secs(30);

/// Runs the wake measurement and adds its figures (`wake_*`) to `report`.
pub async fn run(hs: &Homeserver, args: &MatrixArgs, report: &mut Report) -> Result<()> {
    let via = args.send.unwrap_or(match hs.kind {
        ServerKind::Natter => SendVia::Natter,
        ServerKind::Synapse => SendVia::Matrix,
    });
    if via == SendVia::Natter && hs.kind != ServerKind::Natter {
        return fail("--send natter needs natter: Synapse has only the Matrix send");
    }
    let samples = if args.tiny { 5 } else { args.samples.max(1) };
    let setup = Instant::now();
    let people = hs.people("wake", 2, 1, 2).await?;
    let (listener, sender) = (&people[0], &people[1]);
    let room = hs.room(sender, "wake", &[listener, sender]).await?;
    let filter = hs
        .matrix
        .filter(
            listener.device(),
            &json!({"room": {"timeline": {"limit": 10}}}),
        )
        .await?;
    let mut since = hs
        .matrix
        .sync(listener.device(), &filter, None, 0)
        .await?
        .next_batch()?;
    report.add("wake_setup_s", setup.elapsed().as_secs_f64(), "s");

    let settle = Duration::from_millis(args.settle_ms);
    let mut lat = Vec::with_capacity(samples);
    let mut acks = Vec::with_capacity(samples);
    let mut after_ack = Vec::with_capacity(samples);
    let (mut early, mut without) = (0usize, 0usize);
    for i in 0..samples {
        let text = format!("wake {i} {}", std::process::id());
        // A poll that has waited `settle` without an answer; earlier answers are
        // followed from their next_batch.
        let mut poll = loop {
            let mut poll = spawn_poll(hs, listener, &filter, &since, args.poll_timeout_ms);
            match tokio::time::timeout(settle, &mut poll).await {
                Err(_) => break poll,
                Ok(answered) => {
                    since = answered??.next_batch()?;
                    early += 1;
                }
            }
        };
        let sent_at = Instant::now();
        match via {
            SendVia::Natter => hs.send_natter(sender, &room, &text).await?,
            SendVia::Matrix => {
                hs.matrix.send_text(sender.device(), &room, &text).await?;
            }
        }
        let acked_at = Instant::now();
        acks.push(acked_at.duration_since(sent_at));
        loop {
            let answer = poll.await??;
            since = answer.next_batch()?;
            if answer.has_message(&room, &text) {
                lat.push(answer.arrived.saturating_duration_since(sent_at));
                after_ack.push(answer.arrived.saturating_duration_since(acked_at));
                break;
            }
            without += 1;
            if sent_at.elapsed() > MISSING_AFTER {
                return fail(format!("message {i} did not reach the listener's sync"));
            }
            poll = spawn_poll(hs, listener, &filter, &since, args.poll_timeout_ms);
        }
    }
    let via_label = match via {
        SendVia::Natter => "natter's chats surface",
        SendVia::Matrix => "Matrix PUT /send",
    };
    report.note(format!(
        "wake: sent through {via_label}; {samples} samples, one at a time"
    ));
    report.add("wake_samples", lat.len() as f64, "samples");
    let p50 = percentile_ms(&mut lat, 50.0);
    let p99 = percentile_ms(&mut lat, 99.0);
    if hs.kind == ServerKind::Natter {
        report.check("wake_p50_ms", p50, "ms", "<= 5 ms", p50 <= 5.0);
        report.check("wake_p99_ms", p99, "ms", "<= 20 ms", p99 <= 20.0);
    } else {
        report.add("wake_p50_ms", p50, "ms");
        report.add("wake_p99_ms", p99, "ms");
    }
    report.add("wake_max_ms", percentile_ms(&mut lat, 100.0), "ms");
    report.add_latency("wake_send_ack", &mut acks);
    // What the wake adds to the send's own answer (0 when the sync answered first): a
    // durable send's commit is most of a wake-up.
    report.add_latency("wake_after_ack", &mut after_ack);
    report.add("wake_answers_before_send", early as f64, "answers");
    report.add("wake_answers_without_message", without as f64, "answers");
    Ok(())
}

/// A `/sync` long poll of `who`'s first device from `since`, running on its own task so
/// its answer's arrival is stamped when it comes, not when it is awaited.
fn spawn_poll(
    hs: &Homeserver,
    who: &Person,
    filter: &str,
    since: &str,
    timeout_ms: u64,
) -> JoinHandle<Result<Synced>> {
    let (matrix, device) = (hs.matrix.clone(), who.device().clone());
    let (filter, since) = (filter.to_string(), since.to_string());
    tokio::spawn(async move {
        matrix
            .sync(&device, &filter, Some(&since), timeout_ms)
            .await
    })
}
