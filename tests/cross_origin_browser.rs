//! A real cross-origin browser client.
//!
//! Starts two natters on free ports with fresh databases, both with `--rate-limits off`:
//! one with `--cors-origins http://127.0.0.1:<P2>`, one without. Then serves, from a
//! second origin (this test's own tiny HTTP server on `127.0.0.1:<P2>`: a different port
//! is a different origin), a single-page client: `GET /` is [`PAGE_HTML`], `GET
//! /client.js` is [`CLIENT_JS`]. The page takes natter's base URL from `?natter=` and,
//! with `fetch` and `WebSocket` only (token authentication, no cookie), registers (a JSON
//! POST, so the browser sends a real CORS preflight), logs in, creates and lists a room,
//! exchanges a `chat_message` over `/ws/room/{id}/` and reads it back from the room's
//! history, writing each step into its DOM (`<li data-step data-state>`, `<body
//! data-state>` and `<pre id="result">` holding JSON).
//!
//! `node tests/browser/cross-origin.mjs <page-origin> <natter-with-cors> <natter-without>`
//! drives the system Chromium through playwright-core to that page twice: against the
//! natter that lists the page's origin (every step passes) and against the one that does
//! not (the first `fetch` fails with a TypeError, Chromium reports a CORS failure, natter's
//! answer carries no `Access-Control-Allow-Origin` and the registration never reached it).
//!
//! Without Chromium, Node.js or `tests/browser/node_modules/playwright-core`
//! (`cd tests/browser && npm ci`), the test prints
//! `cross-origin browser test SKIPPED: <reason>` and passes.

mod browser_env;

use browser_env::drain;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const OVERALL_TIMEOUT: Duration = Duration::from_secs(60);
const START_TIMEOUT: Duration = Duration::from_secs(20);

use browser_env::Log;

/// A running natter on a free port with its own database; killed when dropped.
struct Natter {
    child: Child,
    base: String,
}

impl Natter {
    fn start(label: &'static str, dir: &Path, extra: &[&str], log: &Log) -> Natter {
        let mut child = Command::new(env!("CARGO_BIN_EXE_natter"))
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(dir.join("natter.db"))
            .arg("--media-dir")
            .arg(dir.join("media"))
            .args(["--rate-limits", "off", "--log", "warn"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot run natter");
        drain(label, child.stderr.take().unwrap(), log.clone());
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let log2 = log.clone();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next().and_then(Result::ok));
            for line in lines.map_while(Result::ok) {
                log2.lock()
                    .unwrap()
                    .push(format!("[{label} stdout] {line}"));
            }
        });
        let first = rx.recv_timeout(START_TIMEOUT).ok().flatten();
        match first
            .as_deref()
            .and_then(|l| l.strip_prefix("listening on http://"))
        {
            Some(addr) => Natter {
                child,
                base: format!("http://{}", addr.trim()),
            },
            None => {
                let _ = child.kill();
                let status = child.wait().ok();
                panic!(
                    "{label} did not start (first line {first:?}, exit {status:?})\n{}",
                    log.lock().unwrap().join("\n")
                );
            }
        }
    }
}

impl Drop for Natter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The single-page client. Its only script is `/client.js` (the policy allows no other).
const PAGE_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>natter cross-origin client</title>
<link rel="icon" href="data:,">
<script src="/client.js" defer></script>
</head>
<body data-state="loading">
<h1>A client on another origin</h1>
<p>natter at <code id="natter"></code>, this page at <code id="origin"></code></p>
<ol id="steps"></ol>
<pre id="result"></pre>
</body>
</html>
"#;

/// The client: token authentication with `fetch` and a `WebSocket`, no cookie.
const CLIENT_JS: &str = r#"'use strict';
// Served by tests/cross_origin_browser.rs from an origin that is not natter's.
// ?natter=<natter base URL>&user=<username to register>
const params = new URLSearchParams(location.search);
const NATTER = (params.get('natter') || '').replace(/\/+$/, '');
const USER = params.get('user') || `web_${Date.now().toString(36)}`;
const PASSWORD = 'correct horse battery';
const result = { natter: NATTER, origin: location.origin, user: USER, steps: {} };
document.getElementById('natter').textContent = NATTER;
document.getElementById('origin').textContent = location.origin;

function show(name, state, detail) {
  result.steps[name] = { state, ...detail };
  let li = document.querySelector(`li[data-step="${name}"]`);
  if (!li) {
    li = document.createElement('li');
    li.dataset.step = name;
    document.getElementById('steps').append(li);
  }
  li.dataset.state = state;
  li.textContent = `${name}: ${state} ${JSON.stringify(detail)}`;
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
}

async function step(name, fn) {
  show(name, 'running', {});
  try {
    const detail = await fn();
    show(name, 'ok', detail);
    return detail;
  } catch (err) {
    result.failedStep = name;
    show(name, 'failed', { error: { name: err.name, message: err.message } });
    throw err;
  }
}

async function api(method, path, { token, json, want } = {}) {
  const headers = { Accept: 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Token ${token}`;
  const res = await fetch(NATTER + path, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  if (want !== undefined && res.status !== want) {
    throw new Error(`${method} ${path} -> HTTP ${res.status} (wanted ${want}): ${text.slice(0, 300)}`);
  }
  return body;
}

function exchange(roomId, token, content) {
  return new Promise((resolve, reject) => {
    const url = `${NATTER.replace(/^http/, 'ws')}/ws/room/${roomId}/?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    const timer = setTimeout(() => { ws.close(); reject(new Error('no chat_message back within 10 s')); }, 10000);
    const fail = (err) => { clearTimeout(timer); reject(err); };
    ws.onopen = () => ws.send(JSON.stringify({ type: 'chat_message', data: { content } }));
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'error') fail(new Error(`error frame ${event.data}`));
      if (frame.type === 'chat_message' && frame.data && frame.data.content === content) {
        clearTimeout(timer);
        ws.close(1000);
        resolve({ frame });
      }
    };
    ws.onerror = () => fail(new Error('socket error'));
    ws.onclose = (event) => fail(new Error(`socket closed (code ${event.code}) before the message came back`));
  });
}

async function main() {
  const reg = await step('register', async () => {
    const body = await api('POST', '/api/auth/register/', {
      json: { username: USER, email: `${USER}@example.com`, password: PASSWORD },
      want: 201,
    });
    return { user: body.user, hasToken: typeof body.token === 'string' && body.token.length > 0 };
  });
  const { token } = await step('login', async () => {
    const body = await api('POST', '/api/auth/login/', {
      json: { username: USER, password: PASSWORD },
      want: 200,
    });
    if (!body.token) throw new Error(`no token in ${JSON.stringify(body)}`);
    return { token: body.token, user: body.user };
  });
  const room = await step('create-room', async () => {
    const body = await api('POST', '/api/rooms/', {
      token,
      json: { name: `cross-origin ${USER}` },
      want: 201,
    });
    return { id: body.id, name: body.name };
  });
  await step('list-rooms', async () => {
    const body = await api('GET', '/api/rooms/', { token, want: 200 });
    const ids = (body.results || []).map((r) => r.id);
    if (!ids.includes(room.id)) throw new Error(`room ${room.id} not in ${JSON.stringify(ids)}`);
    return { count: body.count, ids };
  });
  const content = `hello from ${location.origin} (${USER})`;
  const { frame } = await step('socket', () => exchange(room.id, token, content));
  await step('history', async () => {
    const body = await api('GET', `/api/rooms/${room.id}/messages/`, { token, want: 200 });
    const got = (body.results || []).map((m) => ({ id: m.id, content: m.content }));
    if (!got.some((m) => m.id === frame.data.id && m.content === content)) {
      throw new Error(`message ${frame.data.id} not in ${JSON.stringify(got)}`);
    }
    return { messages: got };
  });
  result.registered = reg.user;
}

main().then(
  () => { document.body.dataset.state = 'done'; },
  () => { document.body.dataset.state = 'failed'; },
).finally(() => {
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
});
"#;

/// The second origin: answers `GET /` and `GET /client.js` (anything else is 404), one
/// request per connection, on its own threads; stops accepting when dropped.
struct PageServer {
    origin: String,
    stop: Arc<AtomicBool>,
}

impl PageServer {
    fn start(log: &Log) -> PageServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the page server");
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let (stop2, log) = (stop.clone(), log.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let log = log.clone();
                thread::spawn(move || serve_page(conn, &log));
            }
        });
        PageServer { origin, stop }
    }
}

impl Drop for PageServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.origin.trim_start_matches("http://"));
    }
}

fn serve_page(mut conn: TcpStream, log: &Log) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut first = head.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (first.next().unwrap_or(""), first.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let (status, kind, body) = match (method, path) {
        ("GET", "/") => ("200 OK", "text/html; charset=utf-8", PAGE_HTML),
        ("GET", "/client.js") => ("200 OK", "text/javascript; charset=utf-8", CLIENT_JS),
        _ => ("404 Not Found", "text/plain; charset=utf-8", "not found\n"),
    };
    log.lock()
        .unwrap()
        .push(format!("[page server] {method} {target} -> {status}"));
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: script-src 'self'\r\nCache-Control: no-store\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = conn.write_all(answer.as_bytes());
    let _ = conn.flush();
}

#[test]
fn a_page_on_another_origin_uses_natter_only_when_cors_allows_it() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/cross-origin.mjs");
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("cross-origin browser test", reason);
            return;
        }
    };

    let started = Instant::now();
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let pages = PageServer::start(&log);
    let (dir_on, dir_off) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let with_cors = Natter::start(
        "natter --cors-origins",
        dir_on.path(),
        &["--cors-origins", &pages.origin],
        &log,
    );
    let without = Natter::start("natter without CORS", dir_off.path(), &[], &log);
    println!(
        "page origin {}; natter with --cors-origins at {}; natter without at {}",
        pages.origin, with_cors.base, without.base
    );

    let run = browser_env::run_node(
        &script,
        &[
            pages.origin.as_ref(),
            with_cors.base.as_ref(),
            without.base.as_ref(),
        ],
        &chromium,
        &log,
        OVERALL_TIMEOUT.saturating_sub(started.elapsed()),
        |_, _| {},
    );
    drop((with_cors, without, pages));

    if !run.passed() {
        let log = log.lock().unwrap();
        panic!(
            "cross-origin browser test failed ({}).\n--- script output ---\n{}\n--- servers and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.join("\n"),
        );
    }
    println!(
        "cross-origin browser test passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
