//! `--metrics-listen`: a second, separate HTTP listener that answers `GET /metrics` with
//! the registry's exposition and 404 to anything else. It is kept off the API's address
//! so a deployment can expose the API and keep the metrics private (bind them to
//! loopback or an internal address). Small on purpose: HTTP/1.1 through hyper, a few
//! connections at once, a short header timeout, no keep-alive.

use super::Metrics;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use warp::http::{header, StatusCode};
use warp::reply::{Reply, Response};
use warp::Filter;

/// Scrapes served at once; further connections wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 16;
/// Longest wait for a request head (and the whole exchange: one request a connection).
const TIMEOUT: Duration = Duration::from_secs(10);
/// OpenMetrics text, which Prometheus asks for first and parses natively.
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Binds `address` and serves the metrics there in the background; returns the bound
/// address. A bad or busy address is an error here, at start.
pub async fn start(address: &str, metrics: Arc<Metrics>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind(address).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(serve(listener, metrics));
    Ok(bound)
}

async fn serve(listener: TcpListener, metrics: Arc<Metrics>) {
    let routes = {
        let scrape = warp::path!("metrics")
            .and(warp::get().or(warp::head()).unify())
            .map(move || {
                let mut response = Response::new(metrics.encode().into());
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    header::HeaderValue::from_static(CONTENT_TYPE),
                );
                response
            });
        let elsewhere = warp::any().map(|| StatusCode::NOT_FOUND.into_response());
        scrape.or(elsewhere).unify()
    };
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, most likely: let some close before retrying.
                tracing::warn!("metrics listener cannot accept: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(warp::service(routes.clone()));
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(TIMEOUT)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(TIMEOUT, connection).await;
            drop(slot);
        });
    }
}
