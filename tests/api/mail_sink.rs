//! A real SMTP server for the mail tests: natter sends to it, and a test reads back each
//! mail as a mail client would see it.
//!
//! The server is `tests/mail/sink.py`, on Python's aiosmtpd; Python's own `email` package
//! parses every accepted mail (encoded words, transfer encodings, multipart parts), so a
//! test checks natter's MIME against a parser natter does not share, not against
//! lettre's view of what it wrote. It can offer and require STARTTLS (with a throwaway
//! certificate for `localhost` and `127.0.0.1`), require AUTH PLAIN/LOGIN, and answer the
//! first messages with a temporary (451) or permanent (550) refusal.
//!
//! ```ignore
//! let Some(sink) = MailSink::start_or_skip("reset_mail_arrives") else { return };
//! // start natter with `sink.url()` (and `--smtp-ca-file sink.ca_pem_path()` under TLS)
//! let mails = sink.until(1).await;
//! assert_eq!(mails[0]["subject"], "Reset your password");
//! ```
//!
//! Each mail is a JSON object: `mail_from`, `rcpt_tos`, `tls`, `auth_user` (or null),
//! `subject`, `from`, `to`, `headers` ([name, decoded value] pairs, in order),
//! `message_id`, `date`, `text` and `html` (the decoded parts, or null), `content_type`
//! and `raw`; a mail Python could not parse at all has `parse_error` and `raw` instead.
//!
//! Without python3 or aiosmtpd, `start_or_skip` says SKIPPED and gives `None`; with
//! `NATTER_REQUIRE_SMTP=1` (CI) that is a failure instead.

use serde_json::Value;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mail/sink.py");
/// How long `until` waits for mails before it fails.
const WAIT: Duration = Duration::from_secs(30);
/// How often the mail folder is looked at while waiting.
const POLL: Duration = Duration::from_millis(50);

/// What the sink asks of its client and how it answers the first messages.
#[derive(Clone, Debug, Default)]
pub struct SinkOptions {
    /// Offer STARTTLS and refuse MAIL before it (certificate: `MailSink::ca_pem_path`).
    pub starttls: bool,
    /// Require AUTH PLAIN or LOGIN with this user and password (after STARTTLS, when on).
    pub auth: Option<(String, String)>,
    /// Answer the first N messages' DATA with `451 4.3.0 try again later`.
    pub refuse_first: u32,
    /// Then answer the next N with `550 5.1.1 no such user`.
    pub reject_first: u32,
    /// The certificate and key (PEM files) STARTTLS presents, instead of a throwaway
    /// one made for `localhost` and `127.0.0.1`.
    pub certificate: Option<(PathBuf, PathBuf)>,
    /// With `starttls` and `certificate`: TLS from the first byte instead (smtps), no
    /// STARTTLS.
    pub implicit_tls: bool,
}

/// A running sink; the Python process ends when this is dropped.
pub struct MailSink {
    child: Child,
    // Held open: the sink runs with --exit-on-stdin-eof, so if this test process dies
    // without running Drop, the pipe closes and the sink stops rather than linger.
    _stdin: ChildStdin,
    port: u16,
    starttls: bool,
    implicit_tls: bool,
    mails: PathBuf,
    log: PathBuf,
    ca_pem: Option<PathBuf>,
    // Last: the folder goes after the process that writes into it.
    _dir: tempfile::TempDir,
}

/// Whether python3 can import aiosmtpd, asked once per test binary; `Err` says what is
/// missing.
fn available() -> &'static Result<(), String> {
    static CHECKED: OnceLock<Result<(), String>> = OnceLock::new();
    CHECKED.get_or_init(|| {
        match Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
        {
            Err(e) => Err(format!("python3 cannot be run ({e})")),
            Ok(s) if !s.success() => {
                Err("python3 has no aiosmtpd (python3 -m pip install aiosmtpd==1.4.6)".to_string())
            }
            Ok(_) => Ok(()),
        }
    })
}

fn required() -> bool {
    std::env::var("NATTER_REQUIRE_SMTP").is_ok_and(|v| v == "1")
}

impl MailSink {
    /// A plain sink (no TLS, no AUTH, accepts everything); panics if it cannot start.
    // For a test that must not skip; the self-tests use `start_or_skip`, so no caller yet.
    #[allow(dead_code)]
    pub fn start() -> MailSink {
        MailSink::start_with(SinkOptions::default())
    }

    /// A plain sink, or `None` after a SKIPPED line when python3 or aiosmtpd is missing
    /// (a failure instead under `NATTER_REQUIRE_SMTP=1`).
    pub fn start_or_skip(test: &str) -> Option<MailSink> {
        MailSink::start_with_or_skip(test, SinkOptions::default())
    }

    /// `start_with`, or `None` after a SKIPPED line as in `start_or_skip`.
    pub fn start_with_or_skip(test: &str, opts: SinkOptions) -> Option<MailSink> {
        match available() {
            Ok(()) => Some(MailSink::start_with(opts)),
            Err(why) if required() => {
                panic!("{test} needs the SMTP sink (NATTER_REQUIRE_SMTP=1): {why}")
            }
            Err(why) => {
                crate::pg::skipped(test, why, "NATTER_REQUIRE_SMTP=1");
                None
            }
        }
    }

    /// A sink with `opts`; panics (saying why) if python3, aiosmtpd or the sink fails.
    pub fn start_with(opts: SinkOptions) -> MailSink {
        if let Err(why) = available() {
            panic!("the SMTP sink cannot start: {why}");
        }
        let dir = tempfile::tempdir().expect("tempdir for the mail sink");
        let mails = dir.path().join("mails");
        let log = dir.path().join("sink.log");
        let mut cmd = Command::new("python3");
        cmd.arg(SCRIPT)
            .args(["--host", "127.0.0.1", "--port", "0", "--exit-on-stdin-eof"])
            .arg("--dir")
            .arg(&mails);
        let mut ca_pem = None;
        if let (true, Some((cert, key))) = (opts.starttls, &opts.certificate) {
            cmd.arg("--starttls-cert")
                .arg(cert)
                .arg("--starttls-key")
                .arg(key);
            ca_pem = Some(cert.clone());
            if opts.implicit_tls {
                cmd.arg("--implicit-tls");
            }
        } else if opts.starttls {
            // natter checks the name it dialled against the certificate: `url()` names
            // `localhost`, and a test may dial 127.0.0.1, so the certificate has both.
            let made = rcgen::generate_simple_self_signed(vec![
                "localhost".to_string(),
                "127.0.0.1".to_string(),
            ])
            .expect("certificate for the mail sink");
            let cert = dir.path().join("sink-cert.pem");
            let key = dir.path().join("sink-key.pem");
            std::fs::write(&cert, made.cert.pem()).expect("write the sink's certificate");
            std::fs::write(&key, made.key_pair.serialize_pem()).expect("write the sink's key");
            cmd.arg("--starttls-cert")
                .arg(&cert)
                .arg("--starttls-key")
                .arg(&key);
            ca_pem = Some(cert);
        }
        if let Some((user, password)) = &opts.auth {
            cmd.arg("--auth").arg(format!("{user}:{password}"));
        }
        cmd.arg("--refuse-first")
            .arg(opts.refuse_first.to_string())
            .arg("--reject-first")
            .arg(opts.reject_first.to_string());
        let log_file = std::fs::File::create(&log).expect("sink log");
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("spawn python3 tests/mail/sink.py");
        let stdin = child.stdin.take().expect("sink stdin");
        let stdout = child.stdout.take().expect("sink stdout");

        // The first stdout line names the port once the socket accepts. A thread reads
        // it (std pipes have no read timeout) and then keeps draining, so a later print
        // in the sink can never block it on a full pipe.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = std::io::BufReader::new(stdout).lines();
            let _ = tx.send(lines.next());
            for _ in lines {}
        });
        let first = rx.recv_timeout(Duration::from_secs(20));
        let port = match &first {
            Ok(Some(Ok(line))) => line
                .strip_prefix("listening on 127.0.0.1:")
                .and_then(|p| p.trim().parse::<u16>().ok()),
            _ => None,
        };
        let Some(port) = port else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the SMTP sink did not start (first line {first:?}); its log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        };
        MailSink {
            child,
            _stdin: stdin,
            port,
            starttls: opts.starttls,
            implicit_tls: opts.starttls && opts.certificate.is_some() && opts.implicit_tls,
            mails,
            log,
            ca_pem,
            _dir: dir,
        }
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The port the sink listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// natter's SMTP URL for this sink: `smtp://127.0.0.1:PORT/?tls=none`, or with
    /// STARTTLS `smtp://localhost:PORT/?tls=required` (the certificate's name), or with
    /// implicit TLS `smtps://localhost:PORT/`.
    pub fn url(&self) -> String {
        if self.implicit_tls {
            format!("smtps://localhost:{}/", self.port)
        } else if self.starttls {
            format!("smtp://localhost:{}/?tls=required", self.port)
        } else {
            format!("smtp://127.0.0.1:{}/?tls=none", self.port)
        }
    }

    /// The sink's self-signed certificate (PEM), the CA for natter's `--smtp-ca-file`;
    /// panics on a sink started without `starttls`.
    pub fn ca_pem_path(&self) -> &Path {
        self.ca_pem
            .as_deref()
            .expect("ca_pem_path: this sink was started without starttls")
    }

    /// Every mail accepted so far, in arrival order.
    pub fn received(&self) -> Vec<Value> {
        let Ok(entries) = std::fs::read_dir(&self.mails) else {
            return Vec::new();
        };
        // Only whole files: the sink writes `.NNNNNN.json.tmp` and renames it.
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| {
                n.len() == 11 && n.ends_with(".json") && n[..6].bytes().all(|b| b.is_ascii_digit())
            })
            .collect();
        names.sort();
        names
            .iter()
            .map(|n| {
                let text = std::fs::read_to_string(self.mails.join(n)).expect("read a mail");
                serde_json::from_str(&text).expect("a mail's JSON")
            })
            .collect()
    }

    /// Waits until at least `n` mails have arrived (at most 30 s) and returns all of
    /// them; panics naming what did arrive, and with the sink's log, if they do not.
    pub async fn until(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited {WAIT:?} for {n} mail(s), {} arrived: {}\n{}",
                    got.len(),
                    summary(&got),
                    self.state()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Panics if any mail at all arrives by the end of `within` (or had already).
    pub async fn assert_none_within(&self, within: Duration) {
        self.assert_at_most_within(0, within).await
    }

    /// Panics if more than `n` mails in all have arrived by the end of `within`: for "this
    /// one mail and no second one" after `until(n)`.
    pub async fn assert_at_most_within(&self, n: usize, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            let got = self.received();
            if got.len() > n {
                panic!(
                    "expected at most {n} mail(s) within {within:?}, {} arrived: {}",
                    got.len(),
                    summary(&got)
                );
            }
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep(POLL.min(deadline - Instant::now())).await;
        }
    }

    /// How many messages were answered 451 (`refuse_first`) so far.
    pub fn refused(&self) -> u32 {
        self.count("refused.count")
    }

    /// How many messages were answered 550 (`reject_first`) so far.
    pub fn rejected(&self) -> u32 {
        self.count("rejected.count")
    }

    fn count(&self, name: &str) -> u32 {
        std::fs::read_to_string(self.mails.join(name))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }

    /// The sink's counts and log, for a failure message.
    fn state(&self) -> String {
        format!(
            "sink at {} (refused {}, rejected {}); its log:\n{}",
            self.addr(),
            self.refused(),
            self.rejected(),
            std::fs::read_to_string(&self.log).unwrap_or_default()
        )
    }
}

/// One line per mail: sender, recipients and subject.
fn summary(mails: &[Value]) -> String {
    if mails.is_empty() {
        return "none".to_string();
    }
    mails
        .iter()
        .map(|m| {
            format!(
                "\n  {} -> {} {:?}",
                m["mail_from"], m["rcpt_tos"], m["subject"]
            )
        })
        .collect()
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

mod self_test {
    //! The sink itself, driven by a tiny SMTP client over plain TCP (and lettre for
    //! STARTTLS with AUTH), so a mail test that fails points at natter, not the harness.
    use super::*;
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpStream;

    /// Reads one reply, multi-line or not; gives its code and last line.
    async fn reply(r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> (u16, String) {
        loop {
            let mut line = String::new();
            let n = r.read_line(&mut line).await.expect("read a reply");
            assert!(n > 0, "the sink closed the connection");
            // "250-..." goes on, "250 ..." is the last line.
            if line.as_bytes().get(3) != Some(&b'-') {
                let code = line[..3].parse().expect("a reply code");
                return (code, line.trim_end().to_string());
            }
        }
    }

    /// One SMTP session sending `message` (CRLF lines, no line starting with '.');
    /// gives the reply to the end of DATA.
    async fn send(addr: &str, from: &str, to: &str, message: &str) -> (u16, String) {
        let (rd, mut wr) = TcpStream::connect(addr)
            .await
            .expect("connect")
            .into_split();
        let mut rd = BufReader::new(rd);
        assert_eq!(reply(&mut rd).await.0, 220);
        for (line, want) in [
            ("EHLO self-test".to_string(), 250),
            (format!("MAIL FROM:<{from}>"), 250),
            (format!("RCPT TO:<{to}>"), 250),
            ("DATA".to_string(), 354),
        ] {
            wr.write_all(format!("{line}\r\n").as_bytes())
                .await
                .unwrap();
            let got = reply(&mut rd).await;
            assert_eq!(got.0, want, "{line}: {got:?}");
        }
        wr.write_all(format!("{message}\r\n.\r\n").as_bytes())
            .await
            .unwrap();
        let end = reply(&mut rd).await;
        wr.write_all(b"QUIT\r\n").await.unwrap();
        assert_eq!(reply(&mut rd).await.0, 221);
        end
    }

    /// A multipart/alternative mail with a Cyrillic subject as an RFC 2047 encoded word
    /// and both parts base64-encoded UTF-8, as natter's mails will be shaped.
    fn cyrillic_mail() -> String {
        [
            "From: Natter <natter@example.test>".to_string(),
            "To: Boris <boris@example.test>".to_string(),
            format!("Subject: =?utf-8?b?{}?=", B64.encode("Новое сообщение")),
            "Message-ID: <self-test.1@example.test>".to_string(),
            "Date: Tue, 25 Nov 2025 10:00:00 +0000".to_string(),
            "MIME-Version: 1.0".to_string(),
            "Content-Type: multipart/alternative; boundary=\"b1\"".to_string(),
            String::new(),
            "--b1".to_string(),
            "Content-Type: text/plain; charset=utf-8".to_string(),
            "Content-Transfer-Encoding: base64".to_string(),
            String::new(),
            B64.encode("Привет, Борис!"),
            "--b1".to_string(),
            "Content-Type: text/html; charset=utf-8".to_string(),
            "Content-Transfer-Encoding: base64".to_string(),
            String::new(),
            B64.encode("<p>Привет, <b>Борис</b>!</p>"),
            "--b1--".to_string(),
        ]
        .join("\r\n")
    }

    #[tokio::test]
    async fn mail_sink_parses_a_cyrillic_multipart_mail() {
        let Some(sink) = MailSink::start_or_skip("mail_sink_parses_a_cyrillic_multipart_mail")
        else {
            return;
        };
        assert!(
            sink.url().starts_with("smtp://127.0.0.1:"),
            "{}",
            sink.url()
        );
        let (code, _) = send(
            &sink.addr(),
            "natter@example.test",
            "boris@example.test",
            &cyrillic_mail(),
        )
        .await;
        assert_eq!(code, 250);
        let mails = sink.until(1).await;
        let m = &mails[0];
        assert_eq!(m["mail_from"], "natter@example.test");
        assert_eq!(m["rcpt_tos"], serde_json::json!(["boris@example.test"]));
        assert_eq!(m["tls"], false);
        assert_eq!(m["auth_user"], Value::Null);
        assert_eq!(m["subject"], "Новое сообщение");
        assert_eq!(m["to"], "Boris <boris@example.test>");
        assert_eq!(m["message_id"], "<self-test.1@example.test>");
        assert_eq!(m["content_type"], "multipart/alternative");
        assert_eq!(m["text"], "Привет, Борис!");
        assert_eq!(m["html"], "<p>Привет, <b>Борис</b>!</p>");
        let headers = m["headers"].as_array().unwrap();
        assert_eq!(
            headers[2],
            serde_json::json!(["Subject", "Новое сообщение"])
        );
        assert!(m["raw"].as_str().unwrap().contains("=?utf-8?b?"));
        sink.assert_at_most_within(1, Duration::from_millis(200))
            .await;
    }

    #[tokio::test]
    async fn mail_sink_refuses_then_rejects_then_accepts() {
        let opts = SinkOptions {
            refuse_first: 1,
            reject_first: 1,
            ..SinkOptions::default()
        };
        let Some(sink) =
            MailSink::start_with_or_skip("mail_sink_refuses_then_rejects_then_accepts", opts)
        else {
            return;
        };
        let mail = cyrillic_mail();
        let to = "boris@example.test";
        let first = send(&sink.addr(), "n@example.test", to, &mail).await;
        assert_eq!(first, (451, "451 4.3.0 try again later".to_string()));
        assert_eq!((sink.refused(), sink.rejected()), (1, 0));
        let second = send(&sink.addr(), "n@example.test", to, &mail).await;
        assert_eq!(second, (550, "550 5.1.1 no such user".to_string()));
        sink.assert_none_within(Duration::from_millis(100)).await;
        assert_eq!(send(&sink.addr(), "n@example.test", to, &mail).await.0, 250);
        assert_eq!(sink.until(1).await.len(), 1);
        assert_eq!((sink.refused(), sink.rejected()), (1, 1));
    }

    #[tokio::test]
    async fn mail_sink_requires_starttls_and_auth_from_lettre() {
        use lettre::message::header::ContentType;
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

        let opts = SinkOptions {
            starttls: true,
            auth: Some(("natter".into(), "s3cret".into())),
            ..SinkOptions::default()
        };
        let Some(sink) =
            MailSink::start_with_or_skip("mail_sink_requires_starttls_and_auth_from_lettre", opts)
        else {
            return;
        };
        assert!(
            sink.url().starts_with("smtp://localhost:"),
            "{}",
            sink.url()
        );
        let pem = std::fs::read(sink.ca_pem_path()).unwrap();
        let tls = TlsParameters::builder("localhost".into())
            .add_root_certificate(Certificate::from_pem(&pem).unwrap())
            .build_rustls()
            .unwrap();
        let transport = |password: &str| {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("localhost")
                .port(sink.port())
                .tls(Tls::Required(tls.clone()))
                .credentials(Credentials::new("natter".into(), password.into()))
                .build()
        };
        let mail = || {
            Message::builder()
                .from("natter@example.test".parse().unwrap())
                .to("boris@example.test".parse().unwrap())
                .subject("Сброс пароля")
                // Without it lettre writes no Content-Type, and a reader takes the UTF-8
                // body for US-ASCII (this sink showed U+FFFD for every letter).
                .header(ContentType::TEXT_PLAIN)
                .body("Ссылка".to_string())
                .unwrap()
        };
        let wrong = transport("wrong").send(mail()).await;
        assert!(wrong.is_err(), "a wrong password was taken");
        transport("s3cret").send(mail()).await.expect("send");
        let m = &sink.until(1).await[0];
        assert_eq!(
            (m["tls"].clone(), m["auth_user"].clone()),
            (true.into(), "natter".into())
        );
        assert_eq!(m["subject"], "Сброс пароля");
        assert_eq!(m["text"].as_str().unwrap().trim_end(), "Ссылка");
        assert_eq!(m["html"], Value::Null);
    }
}
