//! One person's exports cannot stall the server: while four `GET /api/account/export/`
//! of a person with 40 MiB of uploads are asked at once, another person's requests are
//! answered; only one of the four runs (the others, and anyone past
//! `--exports-at-once`, get 429 with `Retry-After`); the server's peak memory does not
//! grow by the zip; and a stop does not wait for a download under way.

use crate::helpers::*;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

/// Uploads `count` files of `mib` MiB each, as `auth`, of bytes that do not compress
/// (each file its own, so none is stored once for two).
async fn upload_incompressible(app: &TestApp, auth: &str, count: u64, mib: usize) {
    for n in 0..count {
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ (n + 1);
        let bytes: Vec<u8> = (0..mib * 1024 * 1024)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let (status, body) = upload(
            app,
            auth,
            &format!("part-{n}.bin"),
            "application/octet-stream",
            bytes,
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
}

/// The peak resident memory of process `pid` so far, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmHWM:")?
                    .trim()
                    .strip_suffix(" kB")?
                    .parse()
                    .ok()
            })
        })
        .expect("VmHWM")
}

async fn ask_export(app: &TestApp, auth: &str) -> reqwest::Response {
    app.client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("an answer")
}

/// A 429 that says when to come back.
fn assert_refused_for_now(answer: &reqwest::Response) {
    assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
}

#[tokio::test]
async fn four_exports_of_one_person_leave_everyone_else_answered() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--exports-at-once", "1"]).await;
    let (_, ann) = app.register("ann").await;
    let (_, bob) = app.register("bob").await;
    upload_incompressible(&app, &ann, 4, 10).await;
    let peak_before = peak_kib(app.pid());

    let exports: Vec<_> = (0..4)
        .map(|_| {
            let (client, url, ann) = (
                app.client.clone(),
                format!("{}/api/account/export/", app.base),
                ann.clone(),
            );
            tokio::spawn(async move {
                client
                    .get(url)
                    .header("Authorization", ann)
                    .send()
                    .await
                    .expect("an answer")
            })
        })
        .collect();
    // Meanwhile bob uses natter: each of his requests is answered within a bound far
    // above its usual few milliseconds (before, they waited 5-13 s for a reader).
    for _ in 0..20 {
        let started = Instant::now();
        let (status, body) = tokio::time::timeout(
            Duration::from_secs(3),
            app.get("/messages/api/chats/", &bob),
        )
        .await
        .unwrap_or_else(|_| panic!("bob waited over 3 s while ann's exports ran"));
        assert_eq!(status, 200, "{body}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
    let mut answers = Vec::new();
    for export in exports {
        answers.push(export.await.expect("the request task"));
    }
    let (made, refused): (Vec<_>, Vec<_>) = answers
        .into_iter()
        .partition(|a| a.status() == StatusCode::OK);
    assert_eq!((made.len(), refused.len()), (1, 3), "one export per person");
    for answer in &refused {
        assert_refused_for_now(answer);
    }

    // Her zip not yet taken, a fifth of hers, and anyone else's past the server's one at
    // a time, are refused too.
    assert_refused_for_now(&ask_export(&app, &ann).await);
    assert_refused_for_now(&ask_export(&app, &bob).await);

    let mut made = made.into_iter();
    let zip = made.next().expect("the export");
    let len: usize = zip.headers()["content-length"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("a length");
    let bytes = zip.bytes().await.expect("the zip");
    assert_eq!(bytes.len(), len);
    let grown = peak_kib(app.pid()).saturating_sub(peak_before);
    assert!(
        grown < 64 * 1024,
        "the server's peak memory grew by {grown} KiB for a {len}-byte zip"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let stored: Vec<u64> = (0..zip.len())
        .filter_map(|i| {
            let entry = zip.by_index(i).ok()?;
            entry.name().starts_with("files/").then(|| entry.size())
        })
        .collect();
    assert_eq!(stored, vec![10 * 1024 * 1024; 4]);

    // Once her download is done, bob's turn comes.
    let deadline = Instant::now() + WAIT;
    loop {
        let answer = ask_export(&app, &bob).await;
        if answer.status() == StatusCode::OK {
            break;
        }
        assert_refused_for_now(&answer);
        assert!(
            Instant::now() < deadline,
            "ann's place was never given back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// Two threads: `terminate` blocks the one it runs on while it waits for natter to exit,
// and the slow client must go on reading meanwhile (on one thread it stopped, natter's
// socket filled, and the download was never asked for its next piece, where the stop
// is seen).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_does_not_wait_for_an_export_being_downloaded() {
    let mut app = TestApp::spawn().await;
    let (_, ann) = app.register("ann").await;
    upload_incompressible(&app, &ann, 4, 10).await;
    let mut answer = ask_export(&app, &ann).await;
    assert_eq!(answer.status(), 200);
    let len: usize = answer.headers()["content-length"]
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .expect("a length");
    // A slow client: a piece every 20 ms, the download under way when natter is told
    // to stop.
    let download = tokio::spawn(async move {
        let mut got = 0;
        while let Ok(Some(piece)) = answer.chunk().await {
            got += piece.len();
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        got
    });
    let started = Instant::now();
    assert!(app.terminate(), "natter exits 0");
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "the stop waited {took:?} (it waits up to 10 s for requests under way)"
    );
    let got = download.await.expect("the download task");
    assert!(
        got < len,
        "the download is cut, not passed off as whole: {got} of {len}"
    );
}
