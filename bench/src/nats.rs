//! A throwaway `nats-server` for `--nodes 2` and more: the bus natter's nodes share live
//! events over. Started on a free loopback port (`-p -1`, the port read back
//! from its log), killed when dropped.

use crate::{fail, Result};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long nats-server may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// A running nats-server; killed (and its log folder removed) on drop.
pub struct NatsServer {
    /// `nats://127.0.0.1:PORT`, natter's `--hub`.
    pub url: String,
    /// What the report says ran, e.g. `nats-server 2.9.10`.
    pub label: String,
    child: Child,
    _dir: tempfile::TempDir,
}

impl NatsServer {
    /// Starts `nats-server` from the PATH on a free loopback port.
    pub fn start() -> Result<NatsServer> {
        let dir = tempfile::tempdir()?;
        let log = dir.path().join("nats.log");
        let child = Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", "-1", "-l"])
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start nats-server (apt-get install nats-server): {e}"))?;
        let mut server = NatsServer {
            url: String::new(),
            label: version(),
            child,
            _dir: dir,
        };
        let started = Instant::now();
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(port) = listening_port(&text) {
                server.url = format!("nats://127.0.0.1:{port}");
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return fail(format!("nats-server exited at start ({status}): {text}"));
            }
            if started.elapsed() > START_TIMEOUT {
                return fail(format!(
                    "nats-server did not say where it listens within {START_TIMEOUT:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port in nats-server's "Listening for client connections on 127.0.0.1:PORT".
fn listening_port(log: &str) -> Option<u16> {
    let line = log
        .lines()
        .find(|l| l.contains("Listening for client connections on"))?;
    line.rsplit(':').next()?.trim().parse().ok()
}

/// `nats-server --version`'s answer, or `nats-server` when it gives none.
fn version() -> String {
    Command::new("nats-server")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|v| v.trim().replace(": v", " "))
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "nats-server".into())
}

#[cfg(test)]
mod tests {
    use super::listening_port;

    #[test]
    fn the_port_is_read_from_the_log_line() {
        let log = "[1] 2026/11/23 12:00:00.000000 [INF] Starting nats-server\n\
                   [1] 2026/11/23 12:00:00.000000 [INF] Listening for client connections on 127.0.0.1:41523\n";
        assert_eq!(listening_port(log), Some(41523));
        assert_eq!(listening_port("[INF] Starting nats-server\n"), None);
    }
}
