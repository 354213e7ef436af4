//! One link's preview: from the cache shared by every chat while it is fresh, else
//! fetched through `unfurl` (the page; its oEmbed document, which wins where it speaks;
//! its picture, made small) and kept, found or not, so a link pasted again is not fetched
//! again before its entry expires. Each link and each request is counted on `/metrics`
//! (`metrics::link_previews`): fetched or from the cache, what brought nothing and why,
//! the pictures kept.

use crate::domain::error::Result;
use crate::domain::messaging::messages::owed_previews::previewed_links;
use crate::state::App;
use crate::store::{self, link_previews::Cached, StoreResult, Tx};
use crate::unfurl::{page, picture, Failed, Fetched, Reason, MAX_OEMBED, MAX_PAGE, MAX_PICTURE};
use std::time::Duration;

/// How long a found preview is shown again without fetching the page.
pub const KEEP_FOUND: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a link that showed nothing (an error, a page with no title) is not fetched
/// again.
pub const KEEP_MISSED: Duration = Duration::from_secs(60 * 60);

/// What a page is asked for with.
const ACCEPT_PAGE: &str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";

/// A link's preview as the worker holds it until its message's one write: kept already
/// (fresh in the shared cache), or fetched now and still to be kept.
pub enum Preview {
    Kept(Cached),
    Fetched(Fresh),
}

/// What a fetch found (or that it found nothing), owned until the write keeps it.
pub struct Fresh {
    link: String,
    found: bool,
    facts: page::Facts,
    picture: Option<picture::Picture>,
    image_key: String,
    expires_at: i64,
}

impl Preview {
    /// The preview as kept, keeping a fresh fetch in `c` first (in the write that also
    /// shows the message's cards: one write per message, not one per link, because
    /// every write waits its turn with the sends).
    pub fn keep(&self, c: &Tx, now: i64) -> StoreResult<Cached> {
        let f = match self {
            Preview::Kept(kept) => return Ok(kept.clone()),
            Preview::Fetched(f) => f,
        };
        let fetched = store::link_previews::Fetched {
            url: &f.link,
            found: f.found,
            title: &f.facts.title,
            description: &f.facts.description,
            site_name: &f.facts.site_name,
            image_key: &f.image_key,
            image: f.picture.as_ref().filter(|_| f.found).map(|p| {
                (
                    p.content_type,
                    i64::from(p.width),
                    i64::from(p.height),
                    p.bytes.as_slice(),
                )
            }),
        };
        store::link_previews::keep(c, &fetched, now, f.expires_at)
    }
}

/// `link`'s preview for someone who asks for it outside a message (a Matrix app's
/// `/preview_url`), kept in the cache every chat shares: `None` when `--link-previews`
/// does not allow its site or it is no link natter previews.
pub async fn asked(app: &App, link: &str) -> Result<Option<Cached>> {
    let allowed = previewed_links(&app.config.link_previews, link);
    if allowed.first().map(String::as_str) != Some(link) {
        return Ok(None);
    }
    let preview = preview(app, link).await?;
    let now = crate::kit::clock::now_ms();
    let kept = app
        .db
        .write(move |c| -> Result<_> { Ok(preview.keep(c, now)?) })
        .await?;
    Ok(Some(kept))
}

/// `link`'s preview: from the cache when fresh, else fetched now (kept by
/// [`Preview::keep`]).
pub async fn preview(app: &App, link: &str) -> Result<Preview> {
    let now = crate::kit::clock::now_ms();
    let url = link.to_string();
    if let Some(kept) = app
        .db
        .read(move |c| store::link_previews::fresh(c, &url, now))
        .await?
    {
        app.metrics.link_previews.cached.inc();
        return Ok(Preview::Kept(kept));
    }
    app.metrics.link_previews.fetched.inc();
    // Each request is bounded by the timeout; the three of a link (page, oEmbed,
    // picture) together by three times it.
    let whole = app.config.link_preview_timeout * 3;
    let (facts, picture) = match tokio::time::timeout(whole, fetch(app, link)).await {
        Ok(Ok(found)) => found,
        Ok(Err(why)) => {
            tracing::debug!("no preview for {link}: {why}");
            failed(app, &why);
            Default::default()
        }
        Err(_) => {
            tracing::debug!("no preview for {link}: the site did not answer in time");
            count(app, Reason::Timeout);
            Default::default()
        }
    };
    if picture.is_some() {
        app.metrics.link_previews.images.inc();
    }
    let found = !facts.title.is_empty() || !facts.description.is_empty();
    let keep_for = if found { KEEP_FOUND } else { KEEP_MISSED };
    Ok(Preview::Fetched(Fresh {
        link: link.to_string(),
        found,
        facts,
        picture,
        image_key: crate::kit::random::random_hex(16),
        expires_at: crate::kit::clock::now_ms() + keep_for.as_millis() as i64,
    }))
}

/// Counts a request that brought nothing, by its reason.
fn count(app: &App, reason: Reason) {
    let at = Reason::ALL.iter().position(|r| *r == reason).unwrap_or(0);
    if let Some(counter) = app.metrics.link_previews.failed.get(at) {
        counter.inc();
    }
}

/// Counts `why`.
fn failed(app: &App, why: &Failed) {
    count(app, why.reason);
}

/// The page's facts and its picture made small; why not otherwise.
async fn fetch(
    app: &App,
    link: &str,
) -> std::result::Result<(page::Facts, Option<picture::Picture>), Failed> {
    let url = app.unfurl.check_url(link)?;
    // A page's redirects stay on the sites the operator listed (any site when on).
    let listed = |u: &reqwest::Url| {
        u.host_str()
            .is_some_and(|h| app.config.link_previews.allows(h.trim_matches(['[', ']'])))
    };
    let fetched = app.unfurl.get(url, ACCEPT_PAGE, MAX_PAGE, &listed).await?;
    if !matches!(
        fetched.media_type.as_str(),
        "text/html" | "application/xhtml+xml"
    ) {
        return Err(Failed::new(
            Reason::Other,
            format!("not a page ({})", fetched.media_type),
        ));
    }
    let mut facts = page::read_page(&fetched.body, &fetched.url);
    if let Some(oembed) = facts.oembed.take() {
        if let Some(said) = oembed_facts(app, oembed.as_str()).await {
            facts = merged(facts, said);
        }
    }
    if facts.site_name.is_empty() {
        facts.site_name = site_of(&fetched);
    }
    let picture = match facts.image.take() {
        Some(image) => picture_of(app, image.as_str()).await,
        None => None,
    };
    Ok((facts, picture))
}

/// What the oEmbed document at `url` says, when it can be read.
async fn oembed_facts(app: &App, url: &str) -> Option<page::Facts> {
    let fetched = match app.unfurl.check_url(url) {
        Ok(url) => {
            app.unfurl
                .get(url, "application/json", MAX_OEMBED, &|_| true)
                .await
        }
        Err(why) => Err(why),
    };
    let doc = fetched.map_err(|why| failed(app, &why)).ok()?;
    page::read_oembed(&doc.body, &doc.url)
}

/// The page's facts with the oEmbed document's title, site and picture where it gives
/// them (it names a video's title where a page's title is often the site's).
fn merged(page: page::Facts, said: page::Facts) -> page::Facts {
    let pick = |a: String, b: String| if a.is_empty() { b } else { a };
    page::Facts {
        title: pick(said.title, page.title),
        description: pick(page.description, said.description),
        site_name: pick(said.site_name, page.site_name),
        image: said.image.or(page.image),
        oembed: None,
    }
}

/// The page's host, without a leading `www.`, as its site's name.
fn site_of(fetched: &Fetched) -> String {
    let host = fetched.url.host_str().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// The picture at `url`, fetched through the guard and made small; None when it cannot be.
async fn picture_of(app: &App, url: &str) -> Option<picture::Picture> {
    let fetched = match app.unfurl.check_url(url) {
        Ok(url) => {
            app.unfurl
                .get(
                    url,
                    "image/avif,image/webp,image/png,image/jpeg,image/gif",
                    MAX_PICTURE,
                    &|_| true,
                )
                .await
        }
        Err(why) => Err(why),
    };
    let fetched = fetched.map_err(|why| failed(app, &why)).ok()?;
    if !fetched.media_type.starts_with("image/") {
        count(app, Reason::Other);
        return None;
    }
    if fetched.body.len() >= MAX_PICTURE {
        count(app, Reason::TooLarge);
        return None;
    }
    let shrunk = tokio::task::spawn_blocking(move || picture::shrink(&fetched.body))
        .await
        .ok()?;
    match shrunk {
        Ok(picture) => Some(picture),
        Err(why) => {
            // Refused before decoding (too many pixels) or not a picture it reads.
            tracing::debug!("no preview picture: {why}");
            failed(app, &why);
            None
        }
    }
}
