//! Thumbnails of uploaded images: each PNG, JPEG, GIF or WebP upload is read once within
//! the bounds of `kit::images` (a decompression bomb is refused from its header, not
//! decoded; of an animation only the first frame is drawn, once), turned upright by its EXIF orientation, and shrunk to [`SIDES`], re-encoded
//! without metadata. Chats show the thumbnails; the original stays as sent for those who
//! download it.
//!
//! The work runs on tokio's blocking threads, at most [`AT_ONCE`] images at a time on a
//! node, never on an async worker: a 12-megapixel photo takes a few hundred milliseconds
//! of one core, and requests go on meanwhile. The upload waits for it (up to [`WAIT`])
//! only so that a message sent right after already shows the thumbnails; when more than
//! [`MOST_WAITING`] images wait, or the node stops first, the sweep
//! (`thumbnails::sweep`) makes them later, on any node.

pub mod sweep;

use crate::domain::error::{Error, Result};
use crate::domain::uploads::files;
use crate::kit::images::{self, Bounds, Encoded};
use crate::model::{FileMeta, ImageInfo, Thumbnail};
use crate::state::App;
use crate::store::messaging::thumbnails::{self as rows, NewThumbnail};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The longest side of each thumbnail: 360 for a message's box (280 x 210) and lists,
/// 1280 for the same box on a screen of two pixels a point and for the viewer, which
/// loads the original only when asked.
pub const SIDES: [u32; 2] = [360, 1280];

/// Images decoded at once on one node: each may hold up to 512 MiB while decoding
/// (`Bounds::PHOTOS`), and the machine's other work goes on beside them.
pub const AT_ONCE: usize = 2;

/// Images waiting for a turn before new ones are left to the sweep.
pub const MOST_WAITING: usize = 32;

/// How long an upload waits for its thumbnails before answering without them.
pub const WAIT: Duration = Duration::from_secs(10);

static TURNS: Semaphore = Semaphore::const_new(AT_ONCE);
static WAITING: AtomicUsize = AtomicUsize::new(0);

/// Whether natter makes thumbnails of files of this type.
pub fn is_picture_type(content_type: &str) -> bool {
    matches!(
        content_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Starts making `file`'s thumbnails and waits up to [`WAIT`] for them; the work goes on
/// after the wait if it is not done. None for a file that is not a picture, or not done.
pub async fn make_soon(app: &App, file: &FileMeta) -> Option<ImageInfo> {
    if !is_picture_type(&file.content_type) {
        return None;
    }
    if WAITING.load(Ordering::Relaxed) >= MOST_WAITING {
        tracing::info!(
            "thumbnails of file {} left to the sweep: the worker is full",
            file.id
        );
        return None;
    }
    let job = tokio::spawn(make(app.clone(), file.clone()));
    match tokio::time::timeout(WAIT, job).await {
        Ok(Ok(Ok(info))) => info,
        Ok(Ok(Err(e))) => {
            tracing::warn!("thumbnails of file {}: {e}", file.id);
            None
        }
        Ok(Err(e)) => {
            tracing::warn!("thumbnails of file {}: {e}", file.id);
            None
        }
        Err(_) => None,
    }
}

/// Reads `file`'s picture on a blocking thread when its turn comes, and records its
/// size and thumbnails (0 x 0 and none when it cannot be read within the bounds or its
/// content is missing, so it is not tried again). None when another node or the sweep
/// recorded it first.
pub async fn make(app: App, file: FileMeta) -> Result<Option<ImageInfo>> {
    WAITING.fetch_add(1, Ordering::Relaxed);
    let turn = TURNS.acquire().await;
    WAITING.fetch_sub(1, Ordering::Relaxed);
    let _turn = turn.map_err(|e| Error::Internal(format!("thumbnail worker: {e}")))?;
    let path = files::path_of(&app.config.media_dir, &file.sha256)?;
    let file_id = file.id;
    let made = tokio::task::spawn_blocking(move || -> Result<Made> {
        match std::fs::read(&path) {
            Ok(bytes) => Ok(thumbnails_of(&bytes).map_err(|r| r.to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Err("its content is missing".into()))
            }
            Err(e) => Err(e.into()),
        }
    })
    .await
    .map_err(|e| Error::Internal(format!("thumbnail task: {e}")))??;
    let (width, height, copies) = match made {
        Ok(picture) => picture,
        Err(why) => {
            tracing::info!("no thumbnails for file {file_id}: {why}");
            (0, 0, Vec::new())
        }
    };
    let info = ImageInfo {
        width: i64::from(width),
        height: i64::from(height),
        thumbnails: copies
            .iter()
            .map(|(side, e)| Thumbnail {
                side: i64::from(*side),
                width: i64::from(e.width),
                height: i64::from(e.height),
            })
            .collect(),
    };
    let recorded = app
        .db
        .write(move |c| {
            let new: Vec<NewThumbnail<'_>> = copies
                .iter()
                .map(|(side, e)| NewThumbnail {
                    side: i64::from(*side),
                    width: i64::from(e.width),
                    height: i64::from(e.height),
                    content_type: e.content_type,
                    content: &e.bytes,
                })
                .collect();
            Ok::<_, Error>(rows::record(
                c,
                file_id,
                i64::from(width),
                i64::from(height),
                &new,
            )?)
        })
        .await?;
    Ok(recorded.then_some(info))
}

/// A picture's size upright and its thumbnails, each with the side it was made for.
pub type Picture = (u32, u32, Vec<(u32, Encoded)>);

/// A picture's size and thumbnails, or why it has none.
type Made = std::result::Result<Picture, String>;

/// The picture's size upright and its thumbnails, one per side of [`SIDES`] that is
/// smaller than the picture, and always the first: a picture smaller than every side is
/// still re-encoded once, so what is shown carries none of its metadata.
pub fn thumbnails_of(bytes: &[u8]) -> std::result::Result<Picture, images::Refusal> {
    let picture = images::decode(bytes, &Bounds::PHOTOS)?;
    let (width, height) = (picture.width(), picture.height());
    let longest = width.max(height);
    let mut copies = Vec::new();
    for (i, side) in SIDES.iter().enumerate() {
        if i > 0 && longest <= SIDES[i - 1] {
            break;
        }
        copies.push((*side, images::shrink(&picture, *side)?));
    }
    Ok((width, height, copies))
}

/// A thumbnail's type and bytes, for a reader of its file (`files::readable` said yes).
pub async fn content(app: &App, file: &FileMeta, side: i64) -> Result<(String, Vec<u8>)> {
    let file_id = file.id;
    app.db
        .read(move |c| Ok::<_, Error>(rows::content(c, file_id, side)?))
        .await?
        .ok_or(Error::NotFound(crate::domain::error::Missing::FileContent))
}
