//! The Matrix surface as a real, unmodified third-party client library sees it: Python
//! scripts in tests/matrix/ drive the running binary with matrix-nio, so natter's answers
//! are parsed by someone else's idea of the specification rather than by our own tests.
//!
//! Needs python3 with matrix-nio (.ci/run installs it pinned, without its e2e extra);
//! without it the tests say `*** matrix_clients SKIPPED` unless
//! NATTER_REQUIRE_MATRIX_CLIENTS=1, when they fail.

use crate::helpers::*;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one script may run (each script also bounds itself, more tightly).
const SCRIPT_WAIT: Duration = Duration::from_secs(120);

/// The folder of the nio scripts.
fn scripts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/matrix")
}

/// Whether python3 can import nio; else says so loudly (or fails when
/// NATTER_REQUIRE_MATRIX_CLIENTS=1).
fn nio_here() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import nio"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("NATTER_REQUIRE_MATRIX_CLIENTS").as_deref() != Ok("1"),
            "NATTER_REQUIRE_MATRIX_CLIENTS=1 but python3 cannot import nio (matrix-nio)"
        );
        eprintln!("*** matrix_clients SKIPPED: python3 with matrix-nio is missing");
    }
    ok
}

/// Runs `python3 tests/matrix/SCRIPT app.base ARGS...` and returns what it did, once it
/// has exited; one that outlives `SCRIPT_WAIT` is killed and the test fails with what it
/// had printed. The wait runs on a blocking thread, so the server's runtime goes on.
async fn run_nio_script(app: &TestApp, script: &str, args: &[&str]) -> Output {
    let path = scripts().join(script);
    let child = Command::new("python3")
        .arg(&path)
        .arg(&app.base)
        .args(args)
        // The scripts' checks are `assert`s, which -O would strip.
        .env_remove("PYTHONOPTIMIZE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("python3 {} starts: {e}", path.display()));
    let finished = tokio::task::spawn_blocking(move || finish_within(child, SCRIPT_WAIT))
        .await
        .expect("the task waiting for the script");
    finished.unwrap_or_else(|out| {
        panic!(
            "{script} still running after {SCRIPT_WAIT:?}, killed\n{}",
            printed(&out)
        )
    })
}

/// Waits until `child` has closed its stdout and stderr (it has exited) or `limit` has
/// passed, when it is killed: Ok with its output, or Err with what it printed till then.
fn finish_within(mut child: Child, limit: Duration) -> Result<Output, Output> {
    let (read, pipes) = mpsc::channel();
    drain(0, child.stdout.take().expect("piped stdout"), read.clone());
    drain(1, child.stderr.take().expect("piped stderr"), read);
    let mut outputs: [Option<Vec<u8>>; 2] = [None, None];
    let mut collect = |until: Instant| {
        while outputs.iter().any(Option::is_none) {
            match pipes.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok((pipe, bytes)) => outputs[pipe] = Some(bytes),
                Err(_) => break,
            }
        }
        outputs.iter().all(Option::is_some)
    };
    let in_time = collect(Instant::now() + limit);
    if !in_time {
        // Already gone is fine: the wait below says how it ended.
        let _ = child.kill();
        // A pipe a descendant still holds open is left to its reader, unread.
        collect(Instant::now() + WAIT);
    }
    let status = child.wait().expect("the script's exit status");
    let [stdout, stderr] = outputs.map(Option::unwrap_or_default);
    let output = Output {
        status,
        stdout,
        stderr,
    };
    if in_time {
        Ok(output)
    } else {
        Err(output)
    }
}

/// Reads `pipe` to its end on a thread of its own, then sends it on `read` as `which`.
fn drain(which: usize, mut pipe: impl Read + Send + 'static, read: mpsc::Sender<(usize, Vec<u8>)>) {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error ends the output early; the test then fails on what is missing.
        let _ = pipe.read_to_end(&mut bytes);
        // The waiter may have given up on this pipe already.
        let _ = read.send((which, bytes));
    });
}

/// A script's exit status, stdout and stderr, for a failure message.
fn printed(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// nio signs in as a named device, reads whoami, finds, renames and deletes devices,
/// and sees deleted and signed-out tokens refused (tests/matrix/nio_sign_in.py).
#[tokio::test]
async fn nio_signs_in_and_manages_its_devices() {
    if !nio_here() {
        return;
    }
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let out = run_nio_script(&app, "nio_sign_in.py", &["alice", "correct-horse"]).await;
    assert!(
        out.status.success(),
        "nio_sign_in.py failed\n{}",
        printed(&out)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "ok",
        "nio_sign_in.py did not finish\n{}",
        printed(&out)
    );
}

/// Two nio clients make a room, talk in it (long poll, reply, reaction, paging back) and
/// share a file through natter.
#[tokio::test]
async fn nio_clients_talk_in_a_room_and_share_a_file() {
    if !nio_here() {
        return;
    }
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let out = run_nio_script(&app, "nio_rooms.py", &["alice", "bob", "correct-horse"]).await;
    assert!(
        out.status.success(),
        "nio_rooms.py failed\n{}",
        printed(&out)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "ok",
        "nio_rooms.py did not finish\n{}",
        printed(&out)
    );
}
