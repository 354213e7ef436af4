//! The SMTP sink of the API tests (`tests/mail/sink.py`, on Python's aiosmtpd) for a
//! browser test: started before natter, which needs its address at start, it writes each
//! mail it accepts as `DIR/000001.json`, ... for the browser script to read.

use super::{drain, Log};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long the sink may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether python3 can import aiosmtpd; `Err` says what is missing, for a SKIPPED line.
pub fn missing() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (!ok).then_some("python3 with aiosmtpd is missing (python3 -m pip install aiosmtpd==1.4.6)")
}

/// A running sink on 127.0.0.1; the process ends when this is dropped.
pub struct MailSink {
    child: Child,
    // Held open: with --exit-on-stdin-eof the sink stops if this test dies without Drop.
    _stdin: ChildStdin,
    /// Where it listens.
    pub port: u16,
    /// Where it writes the mails.
    pub dir: PathBuf,
}

impl MailSink {
    /// Starts it writing into `dir` (made by the sink); panics if it says no port in time.
    pub fn start(dir: &Path, log: &Log) -> MailSink {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mail/sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args(["--host", "127.0.0.1", "--port", "0", "--exit-on-stdin-eof"])
            .arg("--dir")
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot run python3 tests/mail/sink.py");
        drain("sink stderr", child.stderr.take().unwrap(), log.clone());
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let log2 = log.clone();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next().and_then(|l| l.ok()));
            for line in lines.map_while(Result::ok) {
                log2.lock().unwrap().push(format!("[sink stdout] {line}"));
            }
        });
        let first = rx.recv_timeout(START_TIMEOUT).ok().flatten();
        let port = first
            .as_deref()
            .and_then(|l| l.trim().strip_prefix("listening on 127.0.0.1:"))
            .and_then(|p| p.parse::<u16>().ok());
        match port {
            Some(port) => MailSink {
                child,
                _stdin: stdin,
                port,
                dir: dir.to_path_buf(),
            },
            None => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "the SMTP sink did not start (first line {first:?})\n{}",
                    log.lock().unwrap().join("\n")
                );
            }
        }
    }

    /// natter's `--smtp` for it: plain SMTP, no TLS (a loopback test server).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}/?tls=none", self.port)
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
