//! One conversation with the relay: connect, secure the line (implicit TLS, STARTTLS or
//! none), then lettre's SMTP client signs in and hands over the mail.
//!
//! natter makes the TLS connection itself, with its own certificate check
//! ([`super::trust::RelayTrust`]), because lettre builds its rustls configuration
//! inside and takes no verifier: the relay's own self-signed certificate could not be
//! trusted through it. For STARTTLS this means natter says EHLO and STARTTLS itself on
//! the plain line; lettre then starts on the encrypted line as on a fresh connection
//! (it reads a greeting, which [`Secured`] gives it, and says EHLO again, as RFC 3207
//! requires after STARTTLS).

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream};
use lettre::transport::smtp::commands::{Ehlo, Starttls};
use lettre::transport::smtp::extension::{ClientId, Extension, ServerInfo};
use lettre::transport::smtp::response::Response;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, ReadBuf,
};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::pki_types::ServerName;
use tokio_rustls::rustls::ClientConfig;
use tokio_rustls::TlsConnector;

/// How the line to the relay is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (`smtps://`, port 465).
    Implicit,
    /// Plain until STARTTLS, which the relay must offer.
    StartTls,
    /// No TLS at all (`?tls=none`, a relay on this machine).
    None,
}

/// The longest reply line natter reads from the relay before STARTTLS (RFC 5321 allows
/// 512 octets; a relay talking far longer is not a relay).
const MAX_LINE: usize = 4096;
/// The most lines of one reply before STARTTLS (an EHLO reply lists a dozen).
const MAX_LINES: usize = 100;

/// Where and how natter reaches its relay.
pub struct Relay {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub tls: Arc<ClientConfig>,
    pub credentials: Option<Credentials>,
}

/// Why a conversation ended early: lettre's own error (which knows a 5xx from a 4xx),
/// or a sentence about the line before lettre took over.
pub enum Trouble {
    Smtp(lettre::transport::smtp::Error),
    Line(String),
}

impl From<lettre::transport::smtp::Error> for Trouble {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        Trouble::Smtp(e)
    }
}

impl Relay {
    /// Sends one mail, start to finish, on a connection of its own (the relay is reached
    /// a few times a minute at most: no pool).
    pub async fn send(&self, envelope: &Envelope, email: &[u8]) -> Result<Response, Trouble> {
        let hello = ClientId::default();
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| Trouble::Line(format!("cannot reach the relay: {e}")))?;
        let stream: Box<dyn AsyncTokioStream> = match self.security {
            Security::None => Box::new(tcp),
            Security::Implicit => Box::new(Secured {
                greeting: b"",
                tls: self.secure(tcp).await?,
            }),
            Security::StartTls => {
                let tcp = start_tls(tcp, &hello).await?;
                Box::new(Secured {
                    greeting: AFTER_STARTTLS,
                    tls: self.secure(tcp).await?,
                })
            }
        };
        let mut conn = AsyncSmtpConnection::connect_with_transport(stream, &hello).await?;
        if let Some(credentials) = &self.credentials {
            conn.auth(DEFAULT_MECHANISMS, credentials).await?;
        }
        let sent = conn.send(envelope, email).await?;
        conn.quit().await.ok();
        Ok(sent)
    }

    async fn secure(&self, tcp: TcpStream) -> Result<TlsStream<TcpStream>, Trouble> {
        let name = ServerName::try_from(self.host.clone())
            .map_err(|e| Trouble::Line(format!("the relay's name {}: {e}", self.host)))?;
        TlsConnector::from(Arc::clone(&self.tls))
            .connect(name, tcp)
            .await
            .map_err(|e| Trouble::Line(format!("TLS with the relay failed: {e}")))
    }
}

/// The plain part of STARTTLS: the greeting, EHLO, STARTTLS and its 220. Gives back the
/// connection, ready for the TLS handshake.
async fn start_tls(tcp: TcpStream, hello: &ClientId) -> Result<TcpStream, Trouble> {
    let mut line = BufReader::new(tcp);
    expect(reply(&mut line).await?, 220, "greeting")?;
    let ehlo = reply_to(&mut line, &Ehlo::new(hello.clone()).to_string()).await?;
    let offers = ServerInfo::from_response(&expect(ehlo, 250, "EHLO")?)?;
    if !offers.supports_feature(Extension::StartTls) {
        return Err(Trouble::Line("the relay does not offer STARTTLS".into()));
    }
    expect(
        reply_to(&mut line, &Starttls.to_string()).await?,
        220,
        "STARTTLS",
    )?;
    // Anything the relay sent after its 220 came before the encryption, so anyone on
    // the way could have written it (the STARTTLS injection of CVE-2011-0411's kind).
    if !line.buffer().is_empty() {
        return Err(Trouble::Line(
            "the relay sent more after agreeing to STARTTLS".into(),
        ));
    }
    Ok(line.into_inner())
}

async fn reply_to(line: &mut BufReader<TcpStream>, command: &str) -> Result<Response, Trouble> {
    line.get_mut()
        .write_all(command.as_bytes())
        .await
        .map_err(|e| Trouble::Line(format!("writing to the relay: {e}")))?;
    reply(line).await
}

/// One reply, all its lines (`250-...` continues, `250 ...` ends it).
async fn reply(line: &mut BufReader<TcpStream>) -> Result<Response, Trouble> {
    let mut text = String::new();
    for _ in 0..MAX_LINES {
        let mut one = Vec::new();
        let read = (&mut *line)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut one)
            .await
            .map_err(|e| Trouble::Line(format!("reading from the relay: {e}")))?;
        if read == 0 || !one.ends_with(b"\n") {
            return Err(Trouble::Line(
                "the relay closed the line or sent a line too long".into(),
            ));
        }
        let one = String::from_utf8_lossy(&one);
        text.push_str(&one);
        if one.as_bytes().get(3) != Some(&b'-') {
            return text
                .parse()
                .map_err(|e| Trouble::Line(format!("the relay's reply {text:?}: {e}")));
        }
    }
    Err(Trouble::Line("the relay's reply has too many lines".into()))
}

fn expect(reply: Response, code: u16, what: &str) -> Result<Response, Trouble> {
    if reply.has_code(code) {
        return Ok(reply);
    }
    Err(Trouble::Line(format!(
        "the relay answered {what} with {} {}",
        reply.code(),
        reply.message().collect::<Vec<_>>().join(" ")
    )))
}

/// What lettre reads first on the line after STARTTLS: the relay's real greeting came
/// before the encryption, so none of it is passed on.
const AFTER_STARTTLS: &[u8] = b"220 relay ready after STARTTLS\r\n";

/// The encrypted line, with a greeting in front for lettre after STARTTLS (lettre reads
/// one on every connection it starts; empty for implicit TLS, where the relay's own
/// greeting comes through the encryption).
#[derive(Debug)]
struct Secured {
    greeting: &'static [u8],
    tls: TlsStream<TcpStream>,
}

impl AsyncTokioStream for Secured {
    fn peer_addr(&self) -> std::io::Result<SocketAddr> {
        self.tls.get_ref().0.peer_addr()
    }
}

impl AsyncRead for Secured {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if !self.greeting.is_empty() {
            let n = self.greeting.len().min(buf.remaining());
            let (now, later) = self.greeting.split_at(n);
            buf.put_slice(now);
            self.greeting = later;
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.tls).poll_read(cx, buf)
    }
}

impl AsyncWrite for Secured {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.tls).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tls).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tls).poll_shutdown(cx)
    }
}
