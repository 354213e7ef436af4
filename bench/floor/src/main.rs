//! The history floor: the least work a chats history page can cost on natter's stack
//! (warp, rusqlite with the same SQLite build flags, mimalloc), to tell how far natter
//! is from what this machine allows and whether a target is reachable at all.
//!
//! It answers only `GET /messages/api/chats/{id}/messages/?before=N&page_size=N` on a
//! database natter wrote: the token's user by hash, the chat's members (the membership
//! check and `read_by`), the page query natter runs, and a JSON page of natter's shape
//! with a fixed sender. Everything else natter does is left out: the user and chat rows,
//! rate limits, reactions, attachments, real sender rendering and `next` links. It reads
//! on the async workers (which natter never does: docs/architecture.md) or, given a
//! third argument, hands each read to that many reader threads, as natter does, to show
//! what that costs. Run by `bench/scripts/history-floor.sh`; see docs/benchmarks.md.

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use warp::http::{Response, StatusCode};
use warp::Filter;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The page query natter's store runs (keyset form).
const PAGE: &str = "SELECT m.id, m.chat_id, m.sender_id, m.content, m.created_at, m.edited_at,
    m.file_count, m.reaction_count FROM messages m
    WHERE chat_id = ?1 AND id < ?2 AND id > ?3 AND deleted_at IS NULL
    ORDER BY id DESC LIMIT ?4";

/// natter's sender object for a user named `hist`, of the same length as the bench's.
const SENDER_TAIL: &[u8] = br#","username":"hist_18ea75f608ba11df0_0","display_name":"hist_18ea75f608ba11df0_0","avatar_url":"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='64' height='64'><rect width='64' height='64' fill='%2364b5f6'/><text x='50%' y='55%' font-size='32' text-anchor='middle' dominant-baseline='middle' fill='white' font-family='sans-serif'>H</text></svg>"}"#;

thread_local! {
    static CONN: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn open(db: &str) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(c)
}

fn num(out: &mut Vec<u8>, n: i64) {
    let _ = write!(out, "{n}");
}

/// The page's JSON, or `None` for an unknown token or a chat the caller is not in.
fn page(
    c: &Connection,
    auth: &str,
    chat: i64,
    q: &HashMap<String, String>,
) -> rusqlite::Result<Option<Vec<u8>>> {
    let Some(key) = auth.strip_prefix("Token ") else {
        return Ok(None);
    };
    let hash = Sha256::digest(key.as_bytes());
    let mut me = c.prepare_cached("SELECT user_id FROM api_tokens WHERE key_hash = ?1")?;
    let Some(me) = me.query_row([&hash[..]], |r| r.get::<_, i64>(0)).ok() else {
        return Ok(None);
    };
    let mut members = Vec::new();
    let mut stmt = c.prepare_cached(
        "SELECT user_id, last_read_message_id FROM chat_members WHERE chat_id = ?1",
    )?;
    let mut rows = stmt.query([chat])?;
    while let Some(r) = rows.next()? {
        members.push((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?));
    }
    if !members.iter().any(|m| m.0 == me) {
        return Ok(None);
    }
    let before: i64 = q
        .get("before")
        .and_then(|b| b.parse().ok())
        .unwrap_or(i64::MAX);
    let size: i64 = q
        .get("page_size")
        .and_then(|b| b.parse().ok())
        .unwrap_or(50);
    let mut out = Vec::with_capacity(32 * 1024);
    out.extend_from_slice(br#"{"count":"#);
    num(&mut out, size);
    out.extend_from_slice(br#","next":null,"previous":null,"results":["#);
    let mut stmt = c.prepare_cached(PAGE)?;
    let mut rows = stmt.query(rusqlite::params![chat, before, 0, size + 1])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        if n == size {
            break;
        }
        if n > 0 {
            out.push(b',');
        }
        n += 1;
        let id: i64 = r.get(0)?;
        let created = r.get_ref(4)?.as_str()?;
        out.extend_from_slice(br#"{"id":"#);
        num(&mut out, id);
        out.extend_from_slice(br#","chat":"#);
        num(&mut out, r.get(1)?);
        out.extend_from_slice(br#","content":""#);
        out.extend_from_slice(r.get_ref(3)?.as_str()?.as_bytes());
        out.extend_from_slice(br#"","created_at":""#);
        out.extend_from_slice(created.as_bytes());
        out.extend_from_slice(br#"","updated_at":""#);
        out.extend_from_slice(created.as_bytes());
        out.extend_from_slice(br#"","is_edited":false,"is_deleted":false,"sender":{"id":"#);
        num(&mut out, r.get::<_, Option<i64>>(2)?.unwrap_or(0));
        out.extend_from_slice(SENDER_TAIL);
        out.extend_from_slice(br#","reactions":[],"read_by":["#);
        let mut first = true;
        for (user, last_read) in &members {
            if *last_read >= id {
                if !first {
                    out.push(b',');
                }
                first = false;
                num(&mut out, *user);
            }
        }
        out.extend_from_slice(br#"],"attachments":[]}"#);
    }
    out.extend_from_slice(b"]}");
    Ok(Some(out))
}

fn answer(db: &str, auth: &str, chat: i64, q: &HashMap<String, String>) -> Response<Vec<u8>> {
    let result = CONN.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(open(db)?);
        }
        match cell.as_ref() {
            Some(c) => page(c, auth, chat, q),
            None => Ok(None),
        }
    });
    let (status, body) = match result {
        Ok(Some(body)) => (StatusCode::OK, body),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            b"{\"detail\":\"Not found.\"}".to_vec(),
        ),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string().into_bytes(),
        ),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        "content-type",
        "application/json".parse().expect("constant"),
    );
    response
}

/// A page read handed to one of a few threads that own their connections, as natter's
/// readers do (natter keeps SQLite off the async workers, docs/architecture.md): what
/// that hand-off costs.
type Job = Box<dyn FnOnce() + Send>;

fn start_readers(threads: usize) -> std::sync::mpsc::Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    for _ in 0..threads {
        let rx = rx.clone();
        std::thread::spawn(move || loop {
            let job = match rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            match job {
                Ok(job) => job(),
                Err(_) => return,
            }
        });
    }
    tx
}

/// `history-floor DB PORT [READERS]`: serves pages of DB on 127.0.0.1:PORT with two
/// async workers, reading on them, or on READERS reader threads when given.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(Ok(port))) = (args.get(1), args.get(2).map(|p| p.parse::<u16>())) else {
        eprintln!("usage: history-floor DB PORT");
        std::process::exit(2);
    };
    let db: &'static str = Box::leak(db.clone().into_boxed_str());
    let readers = args
        .get(3)
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| std::sync::Mutex::new(start_readers(n)));
    let readers: &'static Option<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> =
        Box::leak(Box::new(readers));
    let route = warp::path!("messages" / "api" / "chats" / i64 / "messages")
        .and(warp::header::<String>("authorization"))
        .and(warp::query::<HashMap<String, String>>())
        .and_then(
            move |chat: i64, auth: String, q: HashMap<String, String>| async move {
                let Some(readers) = readers else {
                    return Ok::<_, std::convert::Infallible>(answer(db, &auth, chat, &q));
                };
                let (tx, rx) = tokio::sync::oneshot::channel();
                let job: Job = Box::new(move || {
                    let _ = tx.send(answer(db, &auth, chat, &q));
                });
                let sent = readers.lock().map(|r| r.send(job).is_ok()).unwrap_or(false);
                Ok(match (sent, rx.await) {
                    (true, Ok(response)) => response,
                    _ => Response::new(b"reader gone".to_vec()),
                })
            },
        );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(warp::serve(route).run(([127, 0, 0, 1], port)));
}
