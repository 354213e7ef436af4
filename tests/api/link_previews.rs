//! Link previews, through the binary, against websites this test runs on 127.0.0.x (which
//! natter may reach only because each test lists them in `--link-previews-private`): a
//! page's Open Graph tags and picture (served from natter's copy), oEmbed, refused
//! addresses (a redirect to an address not listed, the metadata address), a huge body, a
//! slow server, a file that is not a page, the cache shared by every chat, the sender's
//! removal, previews off and limited to listed sites, the live edit on a socket, ready
//! pages showing the cards, and owed previews surviving a kill.

use crate::chats::{group, send};
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Notify;

/// How one path of a [`Site`] answers.
#[derive(Clone)]
pub(crate) enum Answer {
    /// 200 with this media type and body.
    Body(&'static str, Vec<u8>),
    /// 302 to this URL.
    Redirect(String),
    /// Nothing for a minute (natter must give up first).
    Slow,
    /// Nothing the first time it is asked for (the test kills natter meanwhile); then
    /// this page.
    HangOnce(Vec<u8>),
    /// An HTML page that goes on for 64 MB, its title at the end.
    Huge,
}

/// A website natter fetches from: each request is noted (its path and User-Agent).
pub(crate) struct Site {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<(String, String)>>>,
    arrived: Arc<Notify>,
    /// Bytes of the huge page written before natter hung up.
    written: Arc<AtomicUsize>,
}

impl Site {
    pub(crate) async fn start(ip: &str, routes: Vec<(&str, Answer)>) -> Site {
        let routes: Arc<HashMap<String, Answer>> = Arc::new(
            routes
                .into_iter()
                .map(|(p, a)| (p.to_string(), a))
                .collect(),
        );
        let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind");
        let addr = listener.local_addr().unwrap();
        let seen: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let arrived = Arc::new(Notify::new());
        let written = Arc::new(AtomicUsize::new(0));
        let (log, notify, count) = (seen.clone(), arrived.clone(), written.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (routes, log, notify, count) =
                    (routes.clone(), log.clone(), notify.clone(), count.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, &routes, &log, &notify, &count).await;
                });
            }
        });
        Site {
            addr,
            seen,
            arrived,
            written,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many times `path` was asked for.
    fn asked(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .count()
    }

    /// Waits (at most 30 s) until `path` was asked for `n` times.
    async fn until_asked(&self, path: &str, n: usize) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let notified = self.arrived.notified();
            if self.asked(path) >= n {
                return;
            }
            assert!(
                tokio::time::timeout_at(deadline, notified).await.is_ok(),
                "{path} was not asked for {n} times"
            );
        }
    }
}

async fn serve(
    mut stream: tokio::net::TcpStream,
    routes: &HashMap<String, Answer>,
    log: &Mutex<Vec<(String, String)>>,
    arrived: &Notify,
    written: &AtomicUsize,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let path = head.split(' ').nth(1).unwrap_or("").to_string();
    let agent = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("user-agent")
                .then(|| value.trim().to_string())
        })
        .unwrap_or_default();
    let first_time = {
        let mut log = log.lock().unwrap();
        log.push((path.clone(), agent));
        log.iter().filter(|(p, _)| *p == path).count() == 1
    };
    arrived.notify_waiters();
    let answer = |status: &str, kind: &str, body: &[u8], extra: &str| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let bytes = match routes.get(&path) {
        None => answer("404 Not Found", "text/plain", b"no", ""),
        Some(Answer::Body(kind, body)) => answer("200 OK", kind, body, ""),
        Some(Answer::Redirect(to)) => answer(
            "302 Found",
            "text/plain",
            b"",
            &format!("Location: {to}\r\n"),
        ),
        Some(Answer::Slow) => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            return Ok(());
        }
        Some(Answer::HangOnce(page)) => {
            if first_time {
                tokio::time::sleep(Duration::from_secs(120)).await;
                return Ok(());
            }
            answer("200 OK", "text/html", page, "")
        }
        Some(Answer::Huge) => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")
                .await?;
            let filler = "<p>filler filler filler</p>".repeat(2048);
            while written.load(Ordering::SeqCst) < 64 << 20 {
                stream.write_all(filler.as_bytes()).await?;
                written.fetch_add(filler.len(), Ordering::SeqCst);
            }
            stream.write_all(b"<title>Too far</title>").await?;
            return Ok(());
        }
    };
    stream.write_all(&bytes).await?;
    stream.shutdown().await
}

/// A PNG of `width` × `height`.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([20, 120, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A page with Open Graph tags, its picture at `/card.png`.
pub(crate) fn og_page(title: &str) -> Answer {
    Answer::Body(
        "text/html; charset=utf-8",
        format!(
            r#"<!doctype html><html><head><title>Plain title</title>
            <meta property="og:title" content="{title}">
            <meta property="og:description" content="What the &lt;page&gt; is about">
            <meta property="og:site_name" content="Example Docs">
            <meta property="og:image" content="/card.png">
            </head><body><script>alert(1)</script></body></html>"#
        )
        .into_bytes(),
    )
}

/// natter that may fetch from `sites` (their addresses with ports) and `args` besides.
pub(crate) async fn natter(sites: &[&Site], args: &[&str]) -> TestApp {
    let private: Vec<String> = sites.iter().map(|s| s.addr.to_string()).collect();
    let private = private.join(",");
    let mut all = vec!["--rate-limits", "off", "--link-previews-private", &private];
    all.extend_from_slice(args);
    TestApp::spawn_with(&all).await
}

/// Waits for the chats socket's `message_updated` of `id` that carries previews, and
/// answers them.
pub(crate) async fn cards_on(ws: &mut Socket, id: i64) -> Vec<Value> {
    let frame = wait_for(ws, |f| {
        f["type"] == "message_updated"
            && f["message"]["id"] == id
            && f["message"].get("previews").is_some()
    })
    .await;
    frame["message"]["previews"]
        .as_array()
        .expect("a list")
        .clone()
}

/// The titles of `cards`.
pub(crate) fn titles(cards: &[Value]) -> Vec<&str> {
    cards.iter().map(|c| c["title"].as_str().unwrap()).collect()
}

/// How many messages are owed previews now, read from the database.
fn owed(app: &TestApp) -> i64 {
    let sql = "SELECT count(*) FROM link_previews_owed";
    if crate::pg::suite_on_postgres() {
        // The synchronous client runs its own runtime: on a thread of its own.
        let url = app.db.clone();
        std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
            c.query_one(sql, &[]).expect(sql).get(0)
        })
        .join()
        .expect("the count")
    } else {
        rusqlite::Connection::open(app.db_path())
            .expect("open")
            .query_row(sql, [], |r| r.get(0))
            .expect(sql)
    }
}

#[tokio::test]
async fn a_page_with_open_graph_tags_gets_a_card_with_natters_copy_of_its_picture() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            (
                "/doc",
                og_page("Design &quot;doc&quot; &lt;b&gt;v2&lt;/b&gt;"),
            ),
            ("/card.png", Answer::Body("image/png", png(1200, 600))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;
    let chat = group(&app, &ann, "design", &[bob_id]).await;
    let mut ws = app.socket("/messages/ws/", &bob).await;
    let history = format!("/messages/api/chats/{chat}/messages/");
    let (_, before) = app.get(&history, &bob).await;

    let sent = send(
        &app,
        &ann,
        chat,
        &format!("Have a look: {}.", site.url("/doc")),
    )
    .await;
    assert!(
        sent.get("previews").is_none(),
        "the send answers first: {sent}"
    );
    let id = sent["id"].as_i64().unwrap();
    let cards = cards_on(&mut ws, id).await;
    assert_eq!(cards.len(), 1, "{cards:?}");
    let card = &cards[0];
    assert_eq!(card["url"], site.url("/doc"));
    assert_eq!(
        card["title"], "Design \"doc\" <b>v2</b>",
        "plain text, as written"
    );
    assert_eq!(card["description"], "What the <page> is about");
    assert_eq!(card["site_name"], "Example Docs");
    assert_eq!(card["image"]["width"], 480);
    assert_eq!(card["image"]["height"], 240);
    let image = card["image"]["url"].as_str().unwrap();
    assert!(image.starts_with("/messages/api/link-previews/"), "{image}");
    assert_eq!(site.asked("/card.png"), 1);
    assert!(
        site.seen
            .lock()
            .unwrap()
            .iter()
            .all(|(_, agent)| agent.starts_with("natter/")),
        "natter names itself"
    );

    // The picture comes from natter, small, to people signed in.
    let response = app
        .client
        .get(format!("{}{image}", app.base))
        .header("Authorization", &bob)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    let bytes = response.bytes().await.unwrap();
    let copy = image::load_from_memory(&bytes).expect("a picture");
    assert_eq!((copy.width(), copy.height()), (480, 240));
    let anonymous = app
        .client
        .get(format!("{}{image}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .get("/messages/api/link-previews/00ff/image/", &bob)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(site.asked("/card.png"), 1, "readers never reach the site");

    // The message's detail and its history page (kept before, as a ready page) show it.
    let (_, detail) = app
        .get(&format!("/messages/api/messages/{id}/"), &bob)
        .await;
    assert_eq!(detail["previews"], json!(cards));
    let (_, after) = app.get(&history, &bob).await;
    let listed = after["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .expect("the message is listed")
        .clone();
    assert_eq!(listed["previews"], json!(cards));
    assert_ne!(before, after);
}

#[tokio::test]
async fn oembed_names_the_title_and_its_markup_is_never_read() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            (
                "/watch",
                Answer::Body(
                    "text/html",
                    br#"<html><head><title>Tube - watch</title>
                    <link rel="alternate" type="application/json+oembed" href="/oembed.json">
                    </head></html>"#
                        .to_vec(),
                ),
            ),
            (
                "/oembed.json",
                Answer::Body(
                    "application/json",
                    json!({"type": "video", "title": "A video about natter",
                           "author_name": "Ann", "provider_name": "Tube",
                           "html": "<iframe src=\"https://evil.example/\"></iframe>",
                           "thumbnail_url": "/thumb.png"})
                    .to_string()
                    .into_bytes(),
                ),
            ),
            ("/thumb.png", Answer::Body("image/png", png(320, 180))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "videos", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;
    let id = send(&app, &ann, chat, &site.url("/watch")).await["id"]
        .as_i64()
        .unwrap();
    let cards = cards_on(&mut ws, id).await;
    assert_eq!(titles(&cards), ["A video about natter"]);
    assert_eq!(cards[0]["site_name"], "Tube");
    assert_eq!(cards[0]["description"], "by Ann");
    assert_eq!(cards[0]["image"]["width"], 320);
    assert!(!json!(cards).to_string().contains("iframe"));
    assert_eq!(site.asked("/oembed.json"), 1);
    assert_eq!(site.asked("/thumb.png"), 1);
}

#[tokio::test]
async fn refused_addresses_are_never_fetched_after_a_redirect_or_directly() {
    // `inside` stands for a machine on natter's network that no one listed.
    let inside = Site::start(
        "127.0.0.1",
        vec![("/secret", og_page("The router's admin page"))],
    )
    .await;
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/go", Answer::Redirect(inside.url("/secret"))),
            ("/ok", og_page("A page")),
            ("/ok2", og_page("Another page")),
            ("/card.png", Answer::Body("image/png", png(10, 10))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;

    let text = format!(
        "{} {} {}",
        site.url("/go"),
        inside.url("/secret"),
        site.url("/ok")
    );
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["A page"]);
    assert_eq!(site.asked("/go"), 1, "the redirect was read");
    assert_eq!(inside.asked("/secret"), 0, "and not followed");

    let text = format!(
        "http://169.254.169.254/latest/meta-data/ http://[::1]:{}/secret {}",
        inside.addr.port(),
        site.url("/ok2")
    );
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["Another page"]);
    assert_eq!(inside.asked("/secret"), 0);
}

#[tokio::test]
async fn a_huge_page_a_slow_site_and_a_file_that_is_not_a_page_give_no_card() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/huge", Answer::Huge),
            ("/slow", Answer::Slow),
            (
                "/report.pdf",
                Answer::Body("application/pdf", b"%PDF-1.4 <title>x</title>".to_vec()),
            ),
            ("/ok", og_page("A page")),
            ("/ok2", og_page("Another page")),
            ("/card.png", Answer::Body("image/png", png(10, 10))),
        ],
    )
    .await;
    let app = natter(&[&site], &["--link-preview-timeout", "1s"]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;

    let text = format!(
        "{} {} {}",
        site.url("/huge"),
        site.url("/report.pdf"),
        site.url("/ok")
    );
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["A page"]);
    let written = site.written.load(Ordering::SeqCst);
    assert!(
        written < 16 << 20,
        "natter read on: {written} bytes written"
    );
    assert_eq!(site.asked("/report.pdf"), 1);

    let started = std::time::Instant::now();
    let text = format!("{} {}", site.url("/slow"), site.url("/ok2"));
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["Another page"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the slow site was given up on"
    );
    // Sending never waited for any of it.
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &ann,
            json!({"content": site.url("/slow")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_link_pasted_again_in_another_chat_is_not_fetched_again() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/doc", og_page("Shared doc")),
            ("/card.png", Answer::Body("image/png", png(600, 600))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;
    let first = group(&app, &ann, "one", &[]).await;
    let second = group(&app, &bob, "two", &[]).await;
    let _ = bob_id;
    let mut ann_ws = app.socket("/messages/ws/", &ann).await;
    let mut bob_ws = app.socket("/messages/ws/", &bob).await;

    let id = send(&app, &ann, first, &site.url("/doc")).await["id"]
        .as_i64()
        .unwrap();
    let once = cards_on(&mut ann_ws, id).await;
    let id = send(&app, &bob, second, &format!("also {}", site.url("/doc"))).await["id"]
        .as_i64()
        .unwrap();
    let again = cards_on(&mut bob_ws, id).await;
    assert_eq!(once, again, "the same card");
    assert_eq!(site.asked("/doc"), 1, "the page was fetched once");
    assert_eq!(site.asked("/card.png"), 1, "and its picture once");
}

#[tokio::test]
async fn the_sender_takes_a_card_off_and_only_the_sender_may() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/a", og_page("Card A")),
            ("/b", og_page("Card B")),
            ("/card.png", Answer::Body("image/png", png(10, 10))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;
    let (_, eve) = app.register("eve").await;
    let chat = group(&app, &ann, "links", &[bob_id]).await;
    let mut ws = app.socket("/messages/ws/", &bob).await;
    let text = format!("{} and {}", site.url("/a"), site.url("/b"));
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    let cards = cards_on(&mut ws, id).await;
    assert_eq!(titles(&cards), ["Card A", "Card B"]);
    let path = |card: &Value| format!("/messages/api/messages/{id}/previews/{}/", card["id"]);

    let (status, _) = app
        .call(Method::DELETE, &path(&cards[0]), Some(&bob), None)
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a member who did not send it"
    );
    let (status, _) = app
        .call(Method::DELETE, &path(&cards[0]), Some(&eve), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "someone not in the chat");
    let (status, _) = app.call(Method::DELETE, &path(&cards[0]), None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (status, _) = app
        .call(Method::DELETE, &path(&cards[0]), Some(&ann), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["Card B"]);
    let (status, _) = app
        .call(Method::DELETE, &path(&cards[0]), Some(&ann), None)
        .await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "already off: nothing changes"
    );

    let (status, _) = app
        .call(Method::DELETE, &path(&cards[1]), Some(&ann), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let frame = wait_for(&mut ws, |f| {
        f["type"] == "message_updated" && f["message"]["id"] == id
    })
    .await;
    assert!(frame["message"].get("previews").is_none(), "{frame}");
    let (_, detail) = app
        .get(&format!("/messages/api/messages/{id}/"), &ann)
        .await;
    assert!(detail.get("previews").is_none(), "{detail}");
    assert_eq!(detail["content"], text);
}

#[tokio::test]
async fn previews_off_or_limited_to_listed_sites() {
    let other = Site::start("127.0.0.2", vec![("/page", og_page("Not listed"))]).await;
    let listed = Site::start(
        "127.0.0.1",
        vec![
            ("/page", og_page("Listed")),
            ("/away", Answer::Redirect(other.url("/page"))),
        ],
    )
    .await;

    let app = natter(&[&listed, &other], &["--link-previews", "off"]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let sent = send(&app, &ann, chat, &listed.url("/page")).await;
    assert_eq!(owed(&app), 0, "previews off: a send owes none");
    assert!(sent.get("previews").is_none());
    drop(app);

    let app = natter(&[&listed, &other], &["--link-previews", "127.0.0.1"]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;
    send(&app, &ann, chat, &other.url("/page")).await;
    assert_eq!(owed(&app), 0, "a site not listed: the send owes nothing");
    let text = format!(
        "{} {} {}",
        other.url("/page"),
        listed.url("/away"),
        listed.url("/page")
    );
    let id = send(&app, &ann, chat, &text).await["id"].as_i64().unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["Listed"]);
    assert_eq!(listed.asked("/away"), 1, "a listed page's redirect is read");
    assert_eq!(other.asked("/page"), 0, "and not followed off the list");
}

#[tokio::test]
async fn owed_previews_survive_a_kill() {
    let page = br#"<html><head><title>Worth the wait</title></head></html>"#.to_vec();
    let site = Site::start("127.0.0.1", vec![("/late", Answer::HangOnce(page))]).await;
    let mut app = natter(&[&site], &["--link-preview-timeout", "60s"]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let id = send(&app, &ann, chat, &site.url("/late")).await["id"]
        .as_i64()
        .unwrap();
    site.until_asked("/late", 1).await;
    app.kill_and_restart();
    // The restarted server fetches the page again and shows the card.
    site.until_asked("/late", 2).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (_, detail) = app
            .get(&format!("/messages/api/messages/{id}/"), &ann)
            .await;
        if let Some(cards) = detail.get("previews") {
            assert_eq!(titles(cards.as_array().unwrap()), ["Worth the wait"]);
            assert_eq!(cards[0]["image"], Value::Null);
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no card after the restart"
        );
        // The card is written a moment after the site answers: ask again shortly.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(owed(&app), 0);
}

#[tokio::test]
async fn an_edit_makes_the_cards_again_from_the_new_text() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/old", og_page("Old page")),
            ("/new", og_page("New page")),
            ("/card.png", Answer::Body("image/png", png(10, 10))),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;
    let id = send(&app, &ann, chat, &site.url("/old")).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["Old page"]);

    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{id}/"),
            Some(&ann),
            Some(json!({"content": format!("Moved to {}", site.url("/new"))})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let cards = wait_for(&mut ws, |f| {
        f["type"] == "message_updated"
            && f["message"]["id"] == id
            && f["message"]["previews"][0]["title"] == "New page"
    })
    .await;
    assert_eq!(cards["message"]["is_edited"], true);

    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{id}/"),
            Some(&ann),
            Some(json!({"content": "No links now"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    wait_for(&mut ws, |f| {
        f["type"] == "message_updated"
            && f["message"]["id"] == id
            && f["message"]["content"] == "No links now"
            && f["message"].get("previews").is_none()
    })
    .await;
    // The worker's own edit, after the sender's, also carries none.
    let (_, detail) = app
        .get(&format!("/messages/api/messages/{id}/"), &ann)
        .await;
    assert_eq!(detail["content"], "No links now");
    assert!(detail.get("previews").is_none(), "{detail}");
}

#[tokio::test]
async fn on_two_nodes_one_makes_the_cards_and_the_other_shows_them_live() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/doc", og_page("Shared on two nodes")),
            ("/card.png", Answer::Body("image/png", png(40, 20))),
        ],
    )
    .await;
    let private = site.addr.to_string();
    let flags = ["--rate-limits", "off", "--link-previews-private", &private];
    let Some(c) = crate::cluster::cluster_with_or_skip("link previews on two nodes", &flags) else {
        return;
    };
    let (_, ann) = c.a.register("ann").await;
    let (bob_id, bob) = c.a.register("bob").await;
    let chat = group(&c.a, &ann, "nodes", &[bob_id]).await;
    let mut on_b = c.b.socket("/messages/ws/", &bob).await;
    let id = send(&c.a, &ann, chat, &site.url("/doc")).await["id"]
        .as_i64()
        .unwrap();
    let cards = cards_on(&mut on_b, id).await;
    assert_eq!(titles(&cards), ["Shared on two nodes"]);
    let image = cards[0]["image"]["url"].as_str().unwrap();
    let (status, _) = c.b.get(image, &bob).await;
    assert_eq!(status, StatusCode::OK, "either node serves the picture");

    // The same link sent through the other node: the card comes from the shared cache.
    let id = send(&c.b, &bob, chat, &format!("again {}", site.url("/doc"))).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(cards_on(&mut on_b, id).await, cards);
    assert_eq!(site.asked("/doc"), 1);
}

/// A PNG whose header claims 100,000 × 100,000 pixels (40 GB decoded) over a few bytes.
fn png_bomb() -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    };
    let mut header = 100_000u32.to_be_bytes().to_vec();
    header.extend_from_slice(&100_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &header));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", b""));
    png
}

#[tokio::test]
async fn a_picture_bomb_is_refused_and_the_card_has_no_picture() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/doc", og_page("A page with a bomb")),
            ("/card.png", Answer::Body("image/png", png_bomb())),
        ],
    )
    .await;
    let app = natter(&[&site], &[]).await;
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;
    let id = send(&app, &ann, chat, &site.url("/doc")).await["id"]
        .as_i64()
        .unwrap();
    let cards = cards_on(&mut ws, id).await;
    assert_eq!(titles(&cards), ["A page with a bomb"]);
    assert_eq!(cards[0]["image"], Value::Null);
    assert_eq!(site.asked("/card.png"), 1);
    let (status, _) = app.get("/healthz", &ann).await;
    assert_eq!(status, StatusCode::OK, "natter is still serving");
}

/// Previews are fair between senders: while one person's four links to a site that
/// never answers hang (each message in its turn), another person's link gets its card
/// at once, without waiting for theirs to time out.
#[tokio::test]
async fn one_senders_slow_links_do_not_hold_up_anyone_elses_previews() {
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/slow1", Answer::Slow),
            ("/slow2", Answer::Slow),
            ("/slow3", Answer::Slow),
            ("/slow4", Answer::Slow),
            ("/ok", og_page("Bob's page")),
        ],
    )
    .await;
    let app = natter(&[&site], &["--link-preview-timeout", "30s"]).await;
    let (_, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;
    let chat = group(&app, &ann, "links", &[bob_id]).await;
    let mut ws = app.socket("/messages/ws/", &bob).await;

    for n in 1..=4 {
        send(&app, &ann, chat, &site.url(&format!("/slow{n}"))).await;
    }
    site.until_asked("/slow1", 1).await;
    let started = std::time::Instant::now();
    let id = send(&app, &bob, chat, &site.url("/ok")).await["id"]
        .as_i64()
        .unwrap();
    let cards = tokio::time::timeout(Duration::from_secs(8), cards_on(&mut ws, id))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "bob's card waited for ann's slow links ({:?} so far)",
                started.elapsed()
            )
        });
    assert_eq!(titles(&cards), ["Bob's page"]);
    // Ann's other links wait for her first one: one of her messages at a time.
    let asked: usize = (1..=4).map(|n| site.asked(&format!("/slow{n}"))).sum();
    assert_eq!(asked, 1, "ann's messages are made one at a time");
}
