//! Link previews on `/metrics`: links fetched and shown from the shared cache, requests
//! that brought nothing by why (a 404, a redirect the guard refuses, a picture too large,
//! a site too slow), pictures kept and the queue, read after fetches from the test's own
//! website on 127.0.0.1.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::link_previews::{cards_on, natter, og_page, png, titles, Answer, Site};
use crate::metrics::{free_port, scrape, value};

/// Scrapes until every `(series, want)` reads so, or fails with the last exposition.
async fn until_values(app: &TestApp, url: &str, want: &[(&str, f64)]) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let text = scrape(app, url).await;
        if want.iter().all(|(series, v)| value(&text, series) == *v) {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not {want:?} in time:\n{text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn fetches_failures_by_reason_the_cache_pictures_and_the_queue_are_counted() {
    let wide_page = Answer::Body(
        "text/html",
        br#"<html><head><meta property="og:title" content="Wide">
        <meta property="og:image" content="/wide.png"></head></html>"#
            .to_vec(),
    );
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/ok", og_page("A page")),
            ("/card.png", Answer::Body("image/png", png(40, 30))),
            (
                "/away",
                Answer::Redirect("http://169.254.169.254/latest/".into()),
            ),
            ("/wide", wide_page),
            // More pixels a side than a preview's picture may have: refused unread.
            ("/wide.png", Answer::Body("image/png", png(9000, 1))),
            ("/slow", Answer::Slow),
        ],
    )
    .await;
    let at = format!("127.0.0.1:{}", free_port());
    let app = natter(
        &[&site],
        &["--metrics-listen", &at, "--link-preview-timeout", "1s"],
    )
    .await;
    let url = format!("http://{at}/metrics");
    let before = scrape(&app, &url).await;
    for series in [
        "natter_link_previews_fetched_total",
        "natter_link_previews_cached_total",
        "natter_link_preview_images_total",
        "natter_link_preview_queue",
        "natter_link_preview_failures_total{reason=\"refused\"}",
        "natter_link_preview_failures_total{reason=\"timeout\"}",
        "natter_link_preview_failures_total{reason=\"too_large\"}",
        "natter_link_preview_failures_total{reason=\"bad_status\"}",
        "natter_link_preview_failures_total{reason=\"other\"}",
    ] {
        assert_eq!(value(&before, series), 0.0, "{series}");
    }

    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let other = group(&app, &ann, "more links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;

    // A page with its picture, a 404, and a redirect to the metadata address.
    let text = format!(
        "{} {} {}",
        site.url("/ok"),
        site.url("/missing"),
        site.url("/away")
    );
    let id = send(&app, &ann, chat, &text).await["id"]
        .as_i64()
        .expect("id");
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["A page"]);
    until_values(
        &app,
        &url,
        &[
            ("natter_link_previews_fetched_total", 3.0),
            ("natter_link_preview_images_total", 1.0),
            (
                "natter_link_preview_failures_total{reason=\"bad_status\"}",
                1.0,
            ),
            (
                "natter_link_preview_failures_total{reason=\"refused\"}",
                1.0,
            ),
            ("natter_link_previews_cached_total", 0.0),
        ],
    )
    .await;

    // The same page in another chat: from the cache, no request.
    let id = send(&app, &ann, other, &site.url("/ok")).await["id"]
        .as_i64()
        .expect("id");
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["A page"]);
    until_values(
        &app,
        &url,
        &[
            ("natter_link_previews_cached_total", 1.0),
            ("natter_link_previews_fetched_total", 3.0),
        ],
    )
    .await;

    // A page whose picture is too large, and a site too slow to answer.
    let text = format!("{} {}", site.url("/wide"), site.url("/slow"));
    let id = send(&app, &ann, chat, &text).await["id"]
        .as_i64()
        .expect("id");
    let cards = cards_on(&mut ws, id).await;
    assert_eq!(titles(&cards), ["Wide"]);
    let text = until_values(
        &app,
        &url,
        &[
            ("natter_link_previews_fetched_total", 5.0),
            (
                "natter_link_preview_failures_total{reason=\"too_large\"}",
                1.0,
            ),
            (
                "natter_link_preview_failures_total{reason=\"timeout\"}",
                1.0,
            ),
            ("natter_link_preview_images_total", 1.0),
            // Every message made: nothing waits.
            ("natter_link_preview_queue", 0.0),
        ],
    )
    .await;
    assert_eq!(
        value(
            &text,
            "natter_link_preview_failures_total{reason=\"other\"}"
        ),
        0.0
    );
}

/// A link whose name resolves only to a private address is refused by the outbound
/// guard's resolver: it counts as `refused`, as a private address written in the link
/// does, not as `other` (a site that cannot be reached); written with the root's
/// trailing dot the name is judged as without it.
#[tokio::test]
async fn a_name_that_resolves_to_a_private_address_counts_as_refused() {
    let site = Site::start("127.0.0.1", vec![("/ok", og_page("A page"))]).await;
    let at = format!("127.0.0.1:{}", free_port());
    let app = natter(&[&site], &["--metrics-listen", &at]).await;
    let url = format!("http://{at}/metrics");
    let (_, ann) = app.register("ann").await;
    let chat = group(&app, &ann, "links", &[]).await;
    let mut ws = app.socket("/messages/ws/", &ann).await;

    // `localhost` resolves to 127.0.0.1, which is listed only as an address; `localhost.`
    // (the name with the root's dot) is the same name, judged as it is, though no
    // resolver here knows it with its dot.
    let named = site.url("/ok").replace("127.0.0.1", "localhost");
    let dotted = site.url("/ok").replace("127.0.0.1", "localhost.");
    let text = format!("{named} {dotted} {}", site.url("/ok"));
    let id = send(&app, &ann, chat, &text).await["id"]
        .as_i64()
        .expect("id");
    assert_eq!(titles(&cards_on(&mut ws, id).await), ["A page"]);
    let text = until_values(
        &app,
        &url,
        &[(
            "natter_link_preview_failures_total{reason=\"refused\"}",
            2.0,
        )],
    )
    .await;
    assert_eq!(
        value(
            &text,
            "natter_link_preview_failures_total{reason=\"other\"}"
        ),
        0.0,
        "{text}"
    );
}
