//! Idle HTTP/1.1 connections for `polls` to weigh a poll against: each asks one cheap
//! question (`GET /_matrix/client/versions`, which both homeservers answer), reads the
//! whole answer and then stays open, asking nothing, as an app's pooled connection
//! does between requests. What these cost the server is what any connection costs;
//! what a waiting poll costs beyond it is the poll's own.

use crate::{fail, Result};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Connections opened every 100 ms (a small listen backlog overflows on a burst).
const OPEN_PER_TICK: usize = 50;
/// The longest a connection may take to open and be answered.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// `n` connections to `base` (`http://host:port`), each answered once and left idle.
pub async fn open_idle(base: &str, n: usize) -> Result<Vec<TcpStream>> {
    let Some(addr) = base.strip_prefix("http://") else {
        return fail(format!("{base}: only http:// is spoken here"));
    };
    let addr = addr.trim_end_matches('/').to_string();
    let mut held = Vec::with_capacity(n);
    let mut left = n;
    while left > 0 {
        let batch = left.min(OPEN_PER_TICK);
        let opened = futures_util::future::join_all(
            (0..batch).map(|_| tokio::time::timeout(ANSWER_TIMEOUT, answered_once(&addr))),
        )
        .await;
        for o in opened {
            match o {
                Ok(stream) => held.push(stream?),
                Err(_) => return fail("an idle connection was not answered within 30 s"),
            }
        }
        left -= batch;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(held)
}

/// One connection to `addr` that asked `/versions` and read the whole answer.
async fn answered_once(addr: &str) -> Result<TcpStream> {
    let mut stream = TcpStream::connect(addr).await?;
    let ask = format!("GET /_matrix/client/versions HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.write_all(ask.as_bytes()).await?;
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return fail("the server closed an idle connection before answering");
        }
        buf.extend_from_slice(&chunk[..n]);
        if complete(&buf)? {
            return Ok(stream);
        }
    }
}

/// Whether `buf` holds a whole answer: its head and a body of its `Content-Length`, or
/// a chunked body's last chunk.
fn complete(buf: &[u8]) -> Result<bool> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut resp = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(head) = resp.parse(buf)? else {
        return Ok(false);
    };
    if resp.code != Some(200) {
        return fail(format!("/versions answered {:?}", resp.code));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    if let Some(length) = header("content-length") {
        let length: usize = length.trim().parse()?;
        return Ok(buf.len() >= head + length);
    }
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        return Ok(buf.ends_with(b"0\r\n\r\n"));
    }
    fail("/versions answered with neither a length nor chunks")
}
