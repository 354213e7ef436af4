//! Scenario `chatlist`: one user in N group chats, each with an unread message from
//! another member; the latency of that user's first chat-list page
//! (`GET /messages/api/chats/?page=1`).

use crate::client::Api;
use crate::report::{per_sec, Report};
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::time::{Duration, Instant};

/// Flags of `chatlist`.
#[derive(Args, Debug, Clone)]
pub struct ChatlistArgs {
    /// Chats the reader is in (each with one unread message).
    #[arg(long, default_value_t = 1000)]
    pub chats: usize,
    /// Chat-list requests measured.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Requests in flight.
    #[arg(long, default_value_t = 1)]
    pub concurrency: usize,
    /// Requests in flight while creating chats and messages.
    #[arg(long, default_value_t = 8)]
    pub setup_concurrency: usize,
    /// Smoke-test size: 10 chats, 20 requests.
    #[arg(long)]
    pub tiny: bool,
}

/// Runs `chatlist` and reports p50/p99 chat-list latency.
pub async fn run(server: &Server, args: &ChatlistArgs) -> Result<Report> {
    let (chats, requests) = if args.tiny {
        (10, 20)
    } else {
        (args.chats.max(1), args.requests.max(1))
    };
    let mut report = Report::new("chatlist");
    report.add("chats", chats as f64, "chats");
    let api = Api::new(&server.base)?;
    let users = api.register_many("list", 2, 2).await?;
    let (writer, reader) = (&users[0], &users[1]);
    let setup = Instant::now();
    let ids = [writer.id, reader.id];
    stream::iter(0..chats)
        .map(|i| {
            let api = &api;
            async move {
                let chat = api.create_group(writer, &format!("list {i}"), &ids).await?;
                api.send_message(writer, chat, &format!("unread {i}")).await
            }
        })
        .buffer_unordered(args.setup_concurrency.max(1))
        .try_collect::<Vec<_>>()
        .await?;
    report.add("setup_s", setup.elapsed().as_secs_f64(), "s");

    let path = "/messages/api/chats/?page=1";
    let (status, first) = api.get(&reader.token, path).await?;
    let count = first["count"].as_u64().unwrap_or(0);
    let unread = first["results"][0]["unread_count"].as_i64().unwrap_or(0);
    if status != 200 || count < chats as u64 || unread < 1 {
        return fail(format!(
            "chat list is not as set up (HTTP {status}, count {count}, first unread {unread})"
        ));
    }
    let started = Instant::now();
    let results: Vec<Result<Duration>> = stream::iter(0..requests)
        .map(|_| async {
            let t = Instant::now();
            match api.get(&reader.token, path).await? {
                (200, _) => Ok(t.elapsed()),
                (status, v) => fail(format!("GET {path}: HTTP {status} {v}")),
            }
        })
        .buffer_unordered(args.concurrency.max(1))
        .collect()
        .await;
    let elapsed = started.elapsed();
    let mut lat = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(d) => lat.push(d),
            Err(e) => errors.push(e.to_string()),
        }
    }
    report.add("requests_per_s", per_sec(lat.len(), elapsed), "req/s");
    report.add_latency("list", &mut lat);
    report.add("errors", errors.len() as f64, "errors");
    if let Some(e) = errors.first() {
        report.note(format!("first error: {e}"));
    }
    Ok(report)
}
