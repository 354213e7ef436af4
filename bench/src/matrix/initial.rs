//! `--measure initial`: a first `/sync` (no `since`) of a person in `--rooms` rooms, each
//! shared with one other person and holding `--messages` messages, with the filter
//! `{"room":{"timeline":{"limit":10}}}`: the time from the request to its last byte, one
//! warm-up then `--runs` runs. Each run signs in a device of its own, as a new app does:
//! Synapse keeps a sync's answer for two minutes by its request (the device among its
//! parts), so asking again from one device would time its cache, not a sync.

use super::people::Homeserver;
use super::MatrixArgs;
use crate::report::Report;
use crate::{fail, Result};
use futures_util::{stream, StreamExt, TryStreamExt};
use serde_json::json;
use std::time::{Duration, Instant};

/// Runs the initial-sync measurement and adds its figures (`initial_*`) to `report`.
pub async fn run(hs: &Homeserver, args: &MatrixArgs, report: &mut Report) -> Result<()> {
    let (rooms, messages, runs) = if args.tiny {
        (3, 2, 2)
    } else {
        (args.rooms.max(1), args.messages, args.runs.max(1))
    };
    let setup = Instant::now();
    let people = hs.people("initial", 2, 1, 2).await?;
    let (person, other) = (&people[0], &people[1]);
    let made: Vec<String> = stream::iter(0..rooms)
        .map(|r| async move {
            hs.room(person, &format!("initial {r}"), &[person, other])
                .await
        })
        .buffered(args.concurrency.max(1))
        .try_collect()
        .await?;
    let sends = made.iter().flat_map(|room| {
        (0..messages).map(move |m| {
            let who = if m % 2 == 0 { person } else { other };
            (
                room.clone(),
                who.device().clone(),
                format!("message {m} of {room}"),
            )
        })
    });
    stream::iter(sends)
        .map(|(room, who, text)| async move { hs.matrix.send_text(&who, &room, &text).await })
        .buffer_unordered(args.concurrency.max(1))
        .try_collect::<Vec<_>>()
        .await?;
    let filter = hs
        .matrix
        .filter(
            person.device(),
            &json!({"room": {"timeline": {"limit": args.timeline_limit}}}),
        )
        .await?;
    let mut devices = Vec::with_capacity(runs + 1);
    for _ in 0..=runs {
        devices.push(hs.matrix.login(&person.username).await?);
    }
    report.add("initial_setup_s", setup.elapsed().as_secs_f64(), "s");
    report.add("initial_rooms", rooms as f64, "rooms");
    report.add("initial_messages_per_room", messages as f64, "messages");

    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut bytes = 0;
    for (run, device) in devices.iter().enumerate() {
        let started = Instant::now();
        let answer = hs.matrix.sync(device, &filter, None, 0).await?;
        let took = answer.arrived.saturating_duration_since(started);
        if answer.joined_rooms() < rooms {
            return fail(format!(
                "a first sync named {} of {rooms} rooms",
                answer.joined_rooms()
            ));
        }
        // The first is the warm-up.
        if run > 0 {
            times.push(took);
            bytes = answer.bytes;
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let in_order: Vec<String> = times.iter().map(|d| format!("{:.1}", ms(*d))).collect();
    times.sort_unstable();
    let median = if times.len() % 2 == 1 {
        ms(times[times.len() / 2])
    } else {
        (ms(times[times.len() / 2 - 1]) + ms(times[times.len() / 2])) / 2.0
    };
    report.add("initial_runs", times.len() as f64, "runs");
    report.add("initial_median_ms", median, "ms");
    report.add("initial_min_ms", ms(times[0]), "ms");
    report.add("initial_max_ms", ms(times[times.len() - 1]), "ms");
    report.add("initial_bytes", bytes as f64, "B");
    report.note(format!(
        "initial: runs in order, ms: {}",
        in_order.join(" ")
    ));
    Ok(())
}
