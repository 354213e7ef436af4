//! What the browser tests need from the machine (Chromium, Node.js and playwright-core),
//! found once for both of them, and the copying of a child's output into a shared log.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

/// Lines of output from natter, node and the test itself, shown when a test fails.
pub type Log = Arc<Mutex<Vec<String>>>;

/// The Chromium to drive, or why the browser test is skipped (printed as
/// `<test> SKIPPED: <reason>` by the caller, which then passes).
pub fn chromium_or_skip_reason() -> Result<PathBuf, &'static str> {
    let chromium = find_chromium().ok_or(
        "no Chromium (/usr/bin/chromium or `chromium` on PATH); install it with `apt-get install chromium`",
    )?;
    if !node_works() {
        return Err("`node` (Node.js) is not installed");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Err(
            "tests/browser/node_modules/playwright-core is missing; run `cd tests/browser && npm ci`",
        );
    }
    Ok(chromium)
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NATTER_CHROMIUM") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Some(p);
        }
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

fn node_works() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Skips a browser test whose prerequisites are missing: a loud line on the real stderr
/// (a test's own prints are hidden when it passes), or a failure where the browser must
/// run: under `NATTER_REQUIRE_BROWSER=1` (`.ci/run` sets it) or `CI=true`, so a green CI
/// always means the browser ran.
pub fn skip(test: &str, reason: &str) {
    let required =
        |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    if required("NATTER_REQUIRE_BROWSER") || required("CI") {
        panic!("{test} cannot run and the browser is required here: {reason}");
    }
    let line = format!(
        "\n*** {test} SKIPPED: {reason}\n*** (NATTER_REQUIRE_BROWSER=1 or CI=true makes this a failure)\n"
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    println!("{test} SKIPPED: {reason}");
}

/// Copies a child's output into `log`, line by line, on its own thread.
pub fn drain(label: &'static str, out: impl Read + Send + 'static, log: Log) {
    thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            log.lock().unwrap().push(format!("[{label}] {line}"));
        }
    });
}

/// How a browser script's run ended: what it printed, and why it stopped.
pub struct NodeRun {
    /// Its stdout, line by line (each also printed as it came).
    pub output: Vec<String>,
    /// It was killed for running longer than allowed.
    pub timed_out: bool,
    /// Its exit status, if it could be read.
    pub status: Option<std::process::ExitStatus>,
}

impl NodeRun {
    /// Whether the script ran to its end and succeeded.
    pub fn passed(&self) -> bool {
        !self.timed_out && self.status.is_some_and(|s| s.success())
    }

    /// Why it failed, for a panic message.
    pub fn why(&self, timeout: std::time::Duration) -> String {
        match self.status {
            _ if self.timed_out => format!("timed out after {timeout:?}"),
            Some(status) => format!("node exited with {status}"),
            None => "node could not be waited for".into(),
        }
    }
}

/// Runs `node <script> <args>` against `chromium`, its stderr into `log`, until it ends or
/// `timeout` passes (then it is killed). Each stdout line is printed and handed to
/// `on_line` with the script's stdin, for a script that asks the test to act (the
/// end-to-end test's `STOP` and `START`).
pub fn run_node(
    script: &Path,
    args: &[&std::ffi::OsStr],
    chromium: &Path,
    log: &Log,
    timeout: std::time::Duration,
    mut on_line: impl FnMut(&str, &mut std::process::ChildStdin),
) -> NodeRun {
    use std::sync::mpsc::{self, RecvTimeoutError};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut node = Command::new("node")
        .arg(script)
        .args(args)
        .env("NATTER_CHROMIUM", chromium)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run node");
    let mut stdin = node.stdin.take().expect("node's stdin");
    drain(
        "node stderr",
        node.stderr.take().expect("node's stderr"),
        log.clone(),
    );
    let (tx, rx) = mpsc::channel::<String>();
    let out = node.stdout.take().expect("node's stdout");
    thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = std::time::Instant::now() + timeout;
    let mut output = Vec::new();
    let mut timed_out = false;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())) {
            Ok(line) => {
                println!("{line}");
                on_line(line.trim(), &mut stdin);
                output.push(line);
            }
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                timed_out = true;
                let _ = node.kill();
                break;
            }
        }
    }
    drop(stdin);
    NodeRun {
        output,
        timed_out,
        status: node.wait().ok(),
    }
}

/// A place among the browser tests running at once, held for a whole test; see [`slot`].
pub struct Slot;

static SLOTS: Mutex<usize> = Mutex::new(0);
static FREED: std::sync::Condvar = std::sync::Condvar::new();

/// Waits until fewer browser tests run than the machine has cores, then takes a place
/// until the returned [`Slot`] is dropped. A Chromium with its page, node and natter keep
/// a core busy (the suite had no idle CPU at two at once on two cores), so more test
/// threads than cores (`RUST_TEST_THREADS`), which help the suites whose tests mostly
/// wait, would only make every browser test slower and some run out of time.
pub fn slot() -> Slot {
    let cores = thread::available_parallelism().map_or(2, |n| n.get());
    let mut running = SLOTS.lock().unwrap_or_else(|e| e.into_inner());
    while *running >= cores {
        running = FREED.wait(running).unwrap_or_else(|e| e.into_inner());
    }
    *running += 1;
    Slot
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut running = SLOTS.lock().unwrap_or_else(|e| e.into_inner());
        *running -= 1;
        FREED.notify_one();
    }
}
