//! A keep-alive HTTP/1.1 connection that sends bare GETs and reads whole answers, for
//! the `history` readers. It costs the generator a few microseconds a request where the
//! pooled `reqwest` client cost tens, and the generator shares the server's two cores:
//! what it saves goes to the server, as with `wrk`. Answers must carry
//! `Content-Length` (natter's JSON answers do); anything else is an error.

use crate::{fail, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Most response headers parsed.
const MAX_HEADERS: usize = 32;
/// Read chunk; a 50-message page is about 28 KiB.
const READ_CHUNK: usize = 64 * 1024;

/// One connection to the server, reused for every request.
pub struct KeepAlive {
    stream: TcpStream,
    /// The request's fixed headers, after the request line.
    headers: Vec<u8>,
    request: Vec<u8>,
    buf: Vec<u8>,
}

impl KeepAlive {
    /// Connects to `base` (`http://host:port`), sending `Authorization: Token TOKEN` on
    /// every request.
    pub async fn connect(base: &str, token: &str) -> Result<KeepAlive> {
        Self::connect_with(base, token, "").await
    }

    /// The same, also sending `extra` (whole header lines, each ending in CRLF).
    pub async fn connect_with(base: &str, token: &str, extra: &str) -> Result<KeepAlive> {
        let Some(host) = base.strip_prefix("http://") else {
            return fail(format!("{base}: only http:// URLs are supported"));
        };
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        let headers =
            format!(" HTTP/1.1\r\nHost: {host}\r\nAuthorization: Token {token}\r\n{extra}\r\n")
                .into_bytes();
        Ok(KeepAlive {
            stream,
            headers,
            request: Vec::new(),
            buf: Vec::with_capacity(READ_CHUNK),
        })
    }

    /// GETs `path`; returns the status and the body (valid until the next call).
    pub async fn get(&mut self, path: &str) -> Result<(u16, &[u8])> {
        self.request.clear();
        self.request.extend_from_slice(b"GET ");
        self.request.extend_from_slice(path.as_bytes());
        self.request.extend_from_slice(&self.headers);
        self.stream.write_all(&self.request).await?;

        self.buf.clear();
        let (status, head_len, body_len) = loop {
            self.read_more().await?;
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut response = httparse::Response::new(&mut headers);
            if let httparse::Status::Complete(head_len) = response.parse(&self.buf)? {
                let status = response.code.unwrap_or(0);
                let Some(body_len) = content_length(response.headers) else {
                    return fail(format!("GET {path}: HTTP {status} without Content-Length"));
                };
                break (status, head_len, body_len);
            }
        };
        while self.buf.len() < head_len + body_len {
            self.read_more().await?;
        }
        if self.buf.len() > head_len + body_len {
            return fail(format!("GET {path}: more bytes than Content-Length"));
        }
        Ok((status, &self.buf[head_len..]))
    }

    /// Appends what the socket has to `buf`, into its spare capacity (not zero-filled).
    async fn read_more(&mut self) -> Result<()> {
        self.buf.reserve(READ_CHUNK);
        match self.stream.read_buf(&mut self.buf).await? {
            0 => fail("the server closed the connection"),
            _ => Ok(()),
        }
    }
}

fn content_length(headers: &[httparse::Header]) -> Option<usize> {
    let header = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))?;
    std::str::from_utf8(header.value).ok()?.trim().parse().ok()
}
