//! The Matrix surface as real, unmodified third-party clients see it: Python scripts in
//! tests/matrix/ drive the running binary with the matrix-nio library, and
//! tests/matrix/commander.sh uses matrix-commander, a command-line Matrix client built on
//! matrix-nio, from a shell as a person would; natter's answers are parsed by someone
//! else's idea of the specification rather than by our own tests.
//!
//! tests/matrix/beside_synapse.py takes the same steps on Synapse, the reference
//! homeserver (from PyPI, in the virtualenv `$SYNAPSE_VENV` that .ci/run makes), as on
//! natter: a step Synapse answers and natter does not is natter's defect.
//!
//! Needs python3 with matrix-nio and the `matrix-commander` command, which .ci/run installs
//! pinned (matrix-commander requires matrix-nio's e2e extra, whose crypto is vodozemac's
//! wheel: no libolm); without one of them its tests say `*** matrix_clients SKIPPED`
//! unless NATTER_REQUIRE_MATRIX_CLIENTS=1, when they fail.

use crate::helpers::*;
use crate::matrix_http::{room, spawn, SERVER};
use serde_json::{json, Value};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one nio script may run (each script also bounds itself, more tightly).
const SCRIPT_WAIT: Duration = Duration::from_secs(120);

/// How long commander.sh may run: a dozen runs of matrix-commander, each a Python start
/// of a second or two (more while the machine builds), each bounded by 60 s.
const COMMANDER_WAIT: Duration = Duration::from_secs(300);

/// How long beside_synapse.py may run: Synapse's start (a few seconds, more while the
/// machine builds; the script waits 120 s for it) and some sixty requests on each server.
const SYNAPSE_WAIT: Duration = Duration::from_secs(240);

/// The folder of the client scripts.
fn scripts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/matrix")
}

/// Whether `check` runs and exits 0; else says that `missing` is missing, loudly (or
/// fails when NATTER_REQUIRE_MATRIX_CLIENTS=1).
fn client_here(check: &mut Command, missing: &str) -> bool {
    let ok = check
        .stdin(Stdio::null())
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("NATTER_REQUIRE_MATRIX_CLIENTS").as_deref() != Ok("1"),
            "NATTER_REQUIRE_MATRIX_CLIENTS=1 but {missing} is missing"
        );
        eprintln!("*** matrix_clients SKIPPED: {missing} is missing");
    }
    ok
}

/// Whether python3 can import nio (matrix-nio).
fn nio_here() -> bool {
    client_here(
        Command::new("python3").args(["-c", "import nio"]),
        "python3 with matrix-nio",
    )
}

/// Whether the `matrix-commander` command runs (`--version` prints and exits).
fn commander_here() -> bool {
    client_here(
        Command::new("matrix-commander").arg("--version"),
        "the matrix-commander command",
    )
}

/// Runs `python3 tests/matrix/SCRIPT app.base ARGS...` and returns what it did, once it
/// has exited (see [`run_script`]).
async fn run_nio_script(app: &TestApp, script: &str, args: &[&str]) -> Output {
    let mut command = Command::new("python3");
    command
        .arg(scripts().join(script))
        .arg(&app.base)
        .args(args)
        // The scripts' checks are `assert`s, which -O would strip.
        .env_remove("PYTHONOPTIMIZE");
    run_script(command, script, SCRIPT_WAIT).await
}

/// Runs `command` (the script `script`) and returns what it did, once it has exited; one
/// that outlives `limit` is killed and the test fails with what it had printed. The wait
/// runs on a blocking thread, so the server's runtime goes on.
async fn run_script(mut command: Command, script: &str, limit: Duration) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{script} starts: {e}"));
    let finished = tokio::task::spawn_blocking(move || finish_within(child, limit))
        .await
        .expect("the task waiting for the script");
    finished.unwrap_or_else(|out| {
        panic!(
            "{script} still running after {limit:?}, killed\n{}",
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

/// Whether python3 can import nio's encryption (its e2e extra: vodozemac).
fn nio_encryption_here() -> bool {
    client_here(
        Command::new("python3").args(["-c", "import nio.crypto, vodozemac"]),
        "python3 with matrix-nio's e2e extra",
    )
}

/// Whether python3 can import mautrix's encryption (mautrix, python-olm, base58).
fn mautrix_here() -> bool {
    client_here(
        Command::new("python3").args(["-c", "import mautrix.crypto, olm, base58"]),
        "python3 with mautrix[encryption] and python-olm",
    )
}

/// Runs `script` (tests/matrix) against a fresh natter where alice and bob exist, and
/// fails with what it printed unless it exits 0 having printed only `ok - ` lines.
async fn run_encryption_script(script: &str) {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let out = run_nio_script(&app, script, &["correct-horse"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let steps: Vec<&str> = stdout.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        out.status.success() && !steps.is_empty() && steps.iter().all(|l| l.starts_with("ok - ")),
        "{script} failed\n{}",
        printed(&out)
    );
}

/// Two matrix-nio clients with encryption exchange an encrypted direct message through
/// natter and read it: keys uploaded, queried and claimed, the room key sent to the
/// other device, the messages kept as ciphertext.
#[tokio::test]
async fn nio_clients_exchange_encrypted_messages() {
    if !nio_encryption_here() {
        return;
    }
    run_encryption_script("nio_encrypted.py").await;
}

/// mautrix sets up cross-signing (a reset asks for the password) and a key backup; a new
/// device verifies itself by cross-signing and reads the history from the backup.
#[tokio::test]
async fn a_new_device_is_cross_signed_and_reads_history_from_key_backup() {
    if !mautrix_here() {
        return;
    }
    run_encryption_script("mautrix_backup.py").await;
}

/// The python of a virtualenv with matrix-synapse: `$SYNAPSE_VENV`, else where .ci/run
/// and bench/scripts/matrix-vs-synapse.sh put it; `None` (said loudly, or a failure
/// under NATTER_REQUIRE_MATRIX_CLIENTS=1) when Synapse is not there.
fn synapse_python() -> Option<PathBuf> {
    let venv = match std::env::var_os("SYNAPSE_VENV") {
        Some(venv) => PathBuf::from(venv),
        None => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
            cache.join("natter-bench/synapse-1.163.2")
        }
    };
    let python = venv.join("bin/python");
    client_here(
        Command::new(&python).args(["-c", "import synapse"]),
        "matrix-synapse (SYNAPSE_VENV)",
    )
    .then_some(python)
}

/// Synapse, the reference homeserver, started by the script, and natter take the same
/// steps (tests/matrix/beside_synapse.py): each that succeeds on Synapse succeeds on
/// natter, with the keys Synapse's answer has.
#[tokio::test]
async fn the_steps_synapse_takes_natter_takes_too() {
    let Some(python) = synapse_python() else {
        return;
    };
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let mut command = Command::new("python3");
    command
        .arg(scripts().join("beside_synapse.py"))
        .arg(&app.base)
        .arg("correct-horse")
        .arg(&python)
        .env_remove("PYTHONOPTIMIZE");
    let out = run_script(command, "beside_synapse.py", SYNAPSE_WAIT).await;
    let printed = printed(&out);
    assert!(out.status.success(), "beside_synapse.py failed\n{printed}");
    assert!(
        printed.contains("\nok\n"),
        "beside_synapse.py did not finish\n{printed}"
    );
}

/// A team's first day through matrix-nio, on Synapse and on natter
/// (tests/matrix/first_day_beside_synapse.py): a new direct message wakes the other
/// person's waiting sync at once, a new room begins with its making, an empty pagination
/// token and a typing-only sync are taken, `/event` of a redacted message is its redacted
/// event, and paging back from a sliding sync misses nothing. Each fact Synapse holds,
/// natter holds.
#[tokio::test]
async fn a_first_day_in_matrix_nio_goes_as_on_synapse() {
    let Some(python) = synapse_python() else {
        return;
    };
    if !nio_here() {
        return;
    }
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    app.register("alice").await;
    app.register("bob").await;
    let mut command = Command::new("python3");
    command
        .arg(scripts().join("first_day_beside_synapse.py"))
        .arg(&app.base)
        .arg("correct-horse")
        .arg(&python)
        .env_remove("PYTHONOPTIMIZE");
    let out = run_script(command, "first_day_beside_synapse.py", SYNAPSE_WAIT).await;
    let printed = printed(&out);
    assert!(
        out.status.success(),
        "first_day_beside_synapse.py failed\n{printed}"
    );
    assert!(
        printed.contains("\nok\n"),
        "first_day_beside_synapse.py did not finish\n{printed}"
    );
}

/// What an attack round found, checked on Synapse and on natter alike
/// (tests/matrix/attacks_beside_synapse.py, run with Synapse's own python, whose
/// signedjson signs the keys): at most 100 messages to a device in one sync and the rest
/// in the next, made-up signatures on a device key answered as failures and never handed
/// out, and a private read receipt told to its sender's syncs alone. Each check Synapse
/// holds, natter holds.
#[tokio::test]
async fn what_synapse_holds_against_the_attacks_natter_holds_too() {
    let Some(python) = synapse_python() else {
        return;
    };
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let mut command = Command::new(&python);
    command
        .arg(scripts().join("attacks_beside_synapse.py"))
        .arg(&app.base)
        .arg("correct-horse")
        .arg(&python)
        .env_remove("PYTHONOPTIMIZE");
    let out = run_script(command, "attacks_beside_synapse.py", SYNAPSE_WAIT).await;
    let printed = printed(&out);
    assert!(
        out.status.success(),
        "attacks_beside_synapse.py failed\n{printed}"
    );
    assert!(
        printed.contains("\nok\n"),
        "attacks_beside_synapse.py did not finish\n{printed}"
    );
}

/// What tests/matrix/commander.sh sends as alice (keep the two alike).
const COMMANDER_TEXT: &str = "hello from matrix-commander";
const COMMANDER_MARKDOWN: &str = "**Markdown** from *matrix-commander* with `code`";
/// The bytes of the file it sends, plan.txt: its PLAN and a newline.
const COMMANDER_PLAN: &[u8] = b"the plan, sent by matrix-commander\n";
const COMMANDER_NAME: &str = "Alice via Commander";

/// What bob says through natter's own API before matrix-commander starts.
const EARLIER: &str = "hello from natter's own API";
const NOTES: &[u8] = b"notes that bob attached in natter\n";

/// The natter message id of a `$m<id>` event (`$m<id>.<n>` for a message's nth file).
fn message_of(event: &str) -> i64 {
    event
        .strip_prefix("$m")
        .and_then(|rest| rest.split('.').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{event:?} is no message event"))
}

/// `GET /messages/api/messages/{id}/` as `auth`: the message as natter keeps it.
async fn message(app: &TestApp, auth: &str, id: i64) -> Value {
    let (status, message) = app
        .get(&format!("/messages/api/messages/{id}/"), auth)
        .await;
    assert!(status.is_success(), "message {id}: {status} {message}");
    message
}

/// matrix-commander used as a person would from a shell (tests/matrix/commander.sh):
/// alice signs in with it, lists her devices and rooms, sends text, Markdown and a file
/// into a group made through the chats surface, reads the room back (with bob's message
/// and file sent through natter's own API before), reads bob's profile, changes her
/// display name and signs out. natter's own API then shows what it did.
#[tokio::test]
async fn matrix_commander_talks_in_a_group_made_through_natter() {
    if !commander_here() {
        return;
    }
    let app = spawn().await;
    let (alice_id, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "title": "Plans", "member_ids": [bob_id]}),
        )
        .await;
    assert!(status.is_success(), "{status} {group}");
    let chat = group["id"].as_i64().expect("chat id");
    let say = |body: Value| {
        let app = &app;
        let bob = &bob;
        async move {
            let (status, sent) = app
                .post(&format!("/messages/api/chats/{chat}/messages/"), bob, body)
                .await;
            assert!(status.is_success(), "{status} {sent}");
            sent["id"].as_i64().expect("message id")
        }
    };
    let earlier = say(json!({"content": EARLIER})).await;
    let (status, file) = upload(&app, &bob, "notes.txt", "text/plain", NOTES.to_vec()).await;
    assert_eq!(status, 201, "{file}");
    say(json!({"content": "the notes", "attachment_ids": [file["id"]]})).await;
    // The script compares what matrix-commander downloads with this copy.
    let notes = app.dir.path().join("notes.txt");
    std::fs::write(&notes, NOTES).expect("notes.txt written");

    let mut command = Command::new("bash");
    command
        .arg(scripts().join("commander.sh"))
        .arg(&app.base)
        .args([
            SERVER,
            &room(chat),
            "alice",
            "correct-horse",
            "bob",
            EARLIER,
        ])
        .arg(&notes);
    let started = Instant::now();
    let out = run_script(command, "commander.sh", COMMANDER_WAIT).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.lines().last() == Some("ok"),
        "commander.sh failed\n{}",
        printed(&out)
    );
    eprintln!("commander.sh took {:?}:\n{stdout}", started.elapsed());
    // The first word after `STEP: ok` on the script's line for that step.
    let step = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ok ")))
            .and_then(|rest| rest.split(' ').next())
    };

    // matrix-commander listed bob's message by the event id natter gives it.
    assert_eq!(
        step("tail"),
        Some(format!("$m{earlier}").as_str()),
        "{stdout}"
    );
    // Its text and its Markdown arrived in the group, from alice, as typed.
    for (what, sent) in [("text", COMMANDER_TEXT), ("markdown", COMMANDER_MARKDOWN)] {
        let event = step(what).unwrap_or_else(|| panic!("no `{what}: ok` line\n{stdout}"));
        let got = message(&app, &bob, message_of(event)).await;
        assert_eq!(got["content"], sent, "{what}: {got}");
        assert_eq!(got["chat"], chat, "{what}: {got}");
        assert_eq!(got["sender"]["username"], "alice", "{what}: {got}");
    }
    // Its file, uploaded encrypted, is an attachment in the group with the bytes alice had.
    let event = step("file").unwrap_or_else(|| panic!("no `file: ok` line\n{stdout}"));
    let got = message(&app, &bob, message_of(event)).await;
    assert_eq!(got["chat"], chat, "{got}");
    let attachments = got["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1, "{got}");
    assert_eq!(attachments[0]["name"], "plan.txt", "{got}");
    let url = attachments[0]["url"].as_str().expect("an attachment url");
    let download = app
        .client
        .get(format!("{}{url}", app.base))
        .header("Authorization", &bob)
        .send()
        .await
        .expect("download sent");
    assert_eq!(download.status(), 200, "{url}");
    let bytes = download.bytes().await.expect("the file's bytes");
    assert_eq!(
        bytes.as_ref(),
        COMMANDER_PLAN,
        "plan.txt as bob downloads it"
    );
    // Its new display name is alice's name in natter.
    let (status, user) = app.get(&format!("/api/users/{alice_id}/"), &bob).await;
    assert!(status.is_success(), "{status} {user}");
    assert_eq!(user["display_name"], COMMANDER_NAME, "{user}");
    // Signed out, it left no Matrix device on alice's account.
    let (status, sessions) = app.get("/api/account/sessions/", &alice).await;
    assert!(status.is_success(), "{status} {sessions}");
    let devices: Vec<&Value> = sessions
        .as_array()
        .expect("a list of sessions")
        .iter()
        .filter(|s| s["kind"] == "device")
        .collect();
    assert!(
        devices.is_empty(),
        "devices left after --logout me: {sessions}"
    );
}
