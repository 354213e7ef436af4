//! The clients of the fault tests, each as docs/api.md ("Live events on several nodes")
//! describes a careful client: one `/messages/ws/` socket; per chat, the last id it saw
//! (from frames or catch-ups); on every close it reconnects (retrying 503 and unreachable
//! nodes) and then catches up each chat with `after=<that last id>`, following `next` to
//! the end. Every frame, close and catch-up is written down for the verdict (`verdict.rs`).

use super::{Book, NodeIx};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::{self, Message};

/// A client socket, as the suite's helpers open them.
type Socket = crate::helpers::Socket;

/// How a socket connection ended, as its client saw it.
#[derive(Clone, Debug, PartialEq)]
pub enum End {
    /// A close frame, with its code (`None`: a close frame without one).
    Code(Option<u16>),
    /// No close frame: the connection broke (its node was killed, say).
    Broken(String),
    /// Still open when the test stopped its clients.
    Stopped,
}

/// One socket connection of a client.
pub struct ConnLog {
    pub node: NodeIx,
    /// When the handshake was answered: the server subscribed it before that.
    pub opened: Instant,
    /// Its `new_message` frames in arrival order: chat, message id, arrival.
    pub frames: Vec<(i64, i64, Instant)>,
    /// Its `error` frames, as sent.
    pub errors: Vec<String>,
    /// When and how it ended; `None` while it is open.
    pub end: Option<(Instant, End)>,
}

/// Everything one client did and saw.
pub struct ClientLog {
    pub name: String,
    pub chats: Vec<i64>,
    pub conns: Vec<ConnLog>,
    /// The client's view: per chat, the ids it has, from frames and catch-ups.
    pub view: BTreeMap<i64, BTreeSet<i64>>,
    /// Catch-ups run and the messages they brought.
    pub catch_ups: usize,
    pub caught_up: usize,
    /// Each chat's catch-up: when it started, the chat, and its `after`.
    pub catch_up_log: Vec<(Instant, i64, i64)>,
    /// Why connection attempts failed, counted ("503", "unreachable", ...).
    pub refusals: BTreeMap<String, usize>,
    /// What the contract does not allow a client to meet (a catch-up refused, a page out
    /// of order); each is a problem of the verdict.
    pub failures: Vec<String>,
    /// Set once its first socket is open and caught up.
    pub ready: bool,
}

impl ClientLog {
    /// An empty log for the user `name` in `chats`: nothing seen yet.
    pub fn new(name: &str, chats: &[i64]) -> ClientLog {
        ClientLog {
            name: name.to_string(),
            chats: chats.to_vec(),
            conns: Vec::new(),
            view: chats.iter().map(|&c| (c, BTreeSet::new())).collect(),
            catch_ups: 0,
            caught_up: 0,
            catch_up_log: Vec::new(),
            refusals: BTreeMap::new(),
            failures: Vec::new(),
            ready: false,
        }
    }

    /// Per chat, the last id seen (0 before any): where the next catch-up starts.
    fn positions(&self) -> Vec<(i64, i64)> {
        self.chats
            .iter()
            .map(|c| (*c, self.view[c].last().copied().unwrap_or(0)))
            .collect()
    }
}

/// What a client needs to know about itself.
pub struct Client {
    pub home: NodeIx,
    pub token: String,
    /// A chat to send a `typing` frame to every 40 ms (each one reads the database).
    pub typing: Option<i64>,
}

/// Runs `client` until `stop`: connect, catch up, read until the close, again.
pub async fn run(
    book: Arc<Book>,
    client: Client,
    log: Arc<Mutex<ClientLog>>,
    stop: watch::Receiver<bool>,
) {
    loop {
        // A catch-up always runs to its end before this, so the positions cover every
        // message up to them (ids are in commit order within a chat).
        let positions = log.lock().unwrap().positions();
        let Some((ws, node)) = open(&book, &client, &log, &stop).await else {
            return;
        };
        let conn = {
            let mut log = log.lock().unwrap();
            log.conns.push(ConnLog {
                node,
                opened: Instant::now(),
                frames: Vec::new(),
                errors: Vec::new(),
                end: None,
            });
            log.conns.len() - 1
        };
        let reader = tokio::spawn(read(ws, log.clone(), conn, stop.clone(), client.typing));
        if catch_up(&book, node, &client.token, &positions, &log, &stop).await {
            log.lock().unwrap().ready = true;
        }
        let end = reader
            .await
            .unwrap_or(End::Broken("the reader panicked".into()));
        if end == End::Stopped || *stop.borrow() {
            return;
        }
    }
}

/// Opens a socket on the client's node, retrying refusals (503 while the bus is down)
/// every 25 ms; a node that cannot be reached for a second (killed, and not restarted
/// yet) sends it to the other node. `None` once stopped.
async fn open(
    book: &Book,
    client: &Client,
    log: &Mutex<ClientLog>,
    stop: &watch::Receiver<bool>,
) -> Option<(Socket, NodeIx)> {
    let key = client.token.rsplit(' ').next().unwrap_or("");
    let (mut node, mut unreachable) = (client.home, 0);
    loop {
        if *stop.borrow() {
            return None;
        }
        let url = format!("ws://{}/messages/ws/?token={key}", book.addr(node));
        let attempt = tokio::time::timeout(
            Duration::from_secs(5),
            tokio_tungstenite::connect_async(url),
        );
        let why = match attempt.await {
            Ok(Ok((ws, _))) => return Some((ws, node)),
            Ok(Err(tungstenite::Error::Http(resp))) => resp.status().as_u16().to_string(),
            Ok(Err(tungstenite::Error::Io(_))) => {
                unreachable += 1;
                if unreachable % 40 == 0 {
                    node = 1 - node;
                }
                "unreachable".to_string()
            }
            Ok(Err(e)) => format!("handshake failed: {e}"),
            Err(_) => "no answer in 5 s".to_string(),
        };
        *log.lock().unwrap().refusals.entry(why).or_default() += 1;
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Reads the socket until it ends (or the test stops), writing down every frame and
/// how it ended; sends `typing` frames meanwhile when asked to.
async fn read(
    mut ws: Socket,
    log: Arc<Mutex<ClientLog>>,
    conn: usize,
    mut stop: watch::Receiver<bool>,
    typing: Option<i64>,
) -> End {
    let mut tick = tokio::time::interval(Duration::from_millis(40));
    let end = loop {
        tokio::select! {
            _ = stopped(&mut stop) => break End::Stopped,
            message = ws.next() => match message {
                Some(Ok(Message::Text(text))) => note_frame(&log, conn, text.as_str()),
                Some(Ok(Message::Close(frame))) => break End::Code(frame.map(|f| u16::from(f.code))),
                Some(Ok(_)) => {}
                Some(Err(e)) => break End::Broken(e.to_string()),
                None => break End::Broken("the stream ended".into()),
            },
            _ = tick.tick(), if typing.is_some() => {
                let frame = json!({"type": "typing", "chat_id": typing, "is_typing": true});
                // A failed send is the socket closing: the next read says how.
                let _ = ws.send(Message::Text(frame.to_string().into())).await;
            }
        }
    };
    log.lock().unwrap().conns[conn].end = Some((Instant::now(), end.clone()));
    end
}

/// Resolves once the test stops the clients (or drops the sender).
pub async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}

/// Writes down one text frame: a `new_message` joins the view, an `error` is kept.
fn note_frame(log: &Mutex<ClientLog>, conn: usize, text: &str) {
    let frame: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let mut log = log.lock().unwrap();
    match frame["type"].as_str() {
        Some("new_message") => {
            let (Some(chat), Some(id)) =
                (frame["chat_id"].as_i64(), frame["message"]["id"].as_i64())
            else {
                log.failures
                    .push(format!("a new_message frame without ids: {text:.200}"));
                return;
            };
            log.conns[conn].frames.push((chat, id, Instant::now()));
            log.view.entry(chat).or_default().insert(id);
        }
        Some("error") => log.conns[conn].errors.push(text.to_string()),
        Some(_) => {}
        None => log
            .failures
            .push(format!("a frame that is not a JSON object: {text:.200}")),
    }
}

/// Catches up each chat from its position on `node`: `after=<last id>&page_size=200`,
/// then `next` until it is null. Errors and 5xx are retried (the node may be restarting);
/// a refusal is a failure. False if stopped first.
async fn catch_up(
    book: &Book,
    node: NodeIx,
    token: &str,
    positions: &[(i64, i64)],
    log: &Mutex<ClientLog>,
    stop: &watch::Receiver<bool>,
) -> bool {
    log.lock().unwrap().catch_ups += 1;
    for &(chat, after) in positions {
        log.lock()
            .unwrap()
            .catch_up_log
            .push((Instant::now(), chat, after));
        let mut path = format!("/messages/api/chats/{chat}/messages/?after={after}&page_size=200");
        let mut last = after;
        loop {
            if *stop.borrow() {
                return false;
            }
            let page = match get(book, node, &path, token).await {
                Ok(page) => page,
                Err(Some(refused)) => {
                    log.lock().unwrap().failures.push(format!(
                        "catch-up of chat {chat} after {after} refused: {refused:.200}"
                    ));
                    break;
                }
                Err(None) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let ids = crate::helpers::result_ids(&page);
            let mut log = log.lock().unwrap();
            for id in ids {
                if id <= last {
                    log.failures.push(format!(
                        "catch-up of chat {chat} after {after}: id {id} after {last}"
                    ));
                }
                last = last.max(id);
                log.view.entry(chat).or_default().insert(id);
                log.caught_up += 1;
            }
            match page["next"].as_str() {
                // `next` names the node's address when it answered: keep its path only.
                Some(next) => path = next.splitn(4, '/').nth(3).map_or(path, |p| format!("/{p}")),
                None => break,
            }
        }
    }
    true
}

/// GETs `path` on `node`: the page, `Err(None)` to retry (unreachable, 5xx), or
/// `Err(Some(what))` for a refusal.
async fn get(book: &Book, node: NodeIx, path: &str, token: &str) -> Result<Value, Option<String>> {
    let url = format!("http://{}{path}", book.addr(node));
    let answer = book
        .http
        .get(url)
        .header("Authorization", token)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .map_err(|_| None)?;
    let status = answer.status();
    let body = answer.text().await.map_err(|_| None)?;
    match status.as_u16() {
        200 => serde_json::from_str(&body).map_err(|_| Some(format!("200 {body}"))),
        500.. => Err(None),
        _ => Err(Some(format!("{status} {body}"))),
    }
}
