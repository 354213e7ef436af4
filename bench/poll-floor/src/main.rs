//! The long-poll floor: the least memory an idle HTTP/1.1 long poll can cost on natter's
//! stack (tokio, hyper 1.x serving HTTP/1.1 with a header timeout, mimalloc), to tell
//! whether a per-poll memory target is reachable at all on these crates.
//!
//! Each connection is served as natter serves one, on a task of its own. A request for
//! `/memory` is answered at once with this process's private memory and RSS (kB, from
//! `/proc/self/status`); `/now` is answered at once with `{}`; any other request is
//! dropped as soon as it arrives and its answer waits an hour on a timer, as a `/sync`
//! waits for news holding nothing but its timer. Everything natter keeps for a waiting
//! sync (its caller, its hub inbox, its route's state) is left out. Run by
//! `bench/scripts/poll-floor.sh`; see docs/benchmarks.md.

use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::time::Duration;
use tokio::net::TcpListener;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `RssAnon` and `VmRSS` of this process, in kB.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("0")
            .to_string()
    };
    format!("{} {}\n", field("RssAnon:"), field("VmRSS:"))
}

async fn answer(request: Request<Incoming>) -> Result<Response<String>, Infallible> {
    let body = match request.uri().path() {
        "/memory" => memory(),
        "/now" => "{}".to_string(),
        _ => {
            drop(request);
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "{}".to_string()
        }
    };
    Ok(Response::new(body))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    println!("listening on {}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            // POLL_FLOOR_BARE: hyper with no timer and no header timeout, to see what
            // natter's time limits cost.
            if std::env::var_os("POLL_FLOOR_BARE").is_none() {
                builder
                    .timer(TokioTimer::new())
                    .header_read_timeout(Duration::from_secs(30));
            }
            let _ = builder
                .serve_connection(TokioIo::new(stream), hyper::service::service_fn(answer))
                .await;
        });
    }
}
