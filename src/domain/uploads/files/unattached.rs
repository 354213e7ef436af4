//! Uploads that no message holds are removed once they are older than
//! `--unattached-uploads-kept`, so uploading without sending cannot fill the disk: files
//! never attached, and files whose messages were deleted. A file its uploader shows as
//! their profile image stays, and so does one its uploader may have sent encrypted (an
//! encrypted message of theirs came after it: natter cannot read which files it holds). The sweep runs when natter starts and then every
//! `--unattached-uploads-kept`, at most five minutes apart, on every serving node.
//!
//! Content is stored once per sha256, so the bytes go only when no row names them any
//! more. An upload of the same content may be recording its row meanwhile: the bytes are
//! first moved aside, then the rows asked again, and put back if one appeared; an upload
//! also writes its bytes again if they are missing once its row is recorded
//! (`files::save`), so neither order loses them.

use crate::domain::error::{Error, Result};
use crate::domain::{background::outbox, uploads::files};
use crate::state::App;
use crate::store;
use std::path::Path;
use std::time::Duration;

/// The longest wait between two sweeps.
const MOST_APART: Duration = Duration::from_secs(5 * 60);

/// Files removed per write job, so a large sweep never holds the writer for long.
const BATCH: i64 = 500;

/// Starts the sweep: now, then every `--unattached-uploads-kept` (at most five minutes
/// apart), until the server shuts down.
pub fn start(app: &App) {
    let every = app.config.unattached_uploads_kept.min(MOST_APART);
    outbox::run_every(
        app,
        every,
        1,
        "removals of unattached uploads",
        |app, _| async move { sweep(&app).await.map(|_| ()) },
    );
}

/// Removes the files older than `--unattached-uploads-kept` that no message holds and
/// that are not a profile image, and their content when no other row names it; returns
/// how many rows went.
pub async fn sweep(app: &App) -> Result<usize> {
    let kept = app.config.unattached_uploads_kept;
    let kept_secs = i64::try_from(kept.as_secs()).unwrap_or(i64::MAX);
    let before = store::clock::time_after(kept_secs.saturating_neg());
    let mut removed = 0;
    loop {
        let cutoff = before.clone();
        let ids = app
            .db
            .read(move |c| store::messaging::files::unattached_before(c, &cutoff, BATCH))
            .await?;
        if ids.is_empty() {
            break;
        }
        let found = ids.len();
        let cutoff = before.clone();
        let mut contents = app
            .db
            .write(move |c| {
                Ok::<_, Error>(store::messaging::files::delete_unattached(
                    c, &ids, &cutoff,
                )?)
            })
            .await?;
        removed += contents.len();
        let whole_batch = found as i64 == BATCH && contents.len() == found;
        contents.sort();
        contents.dedup();
        for sha in contents {
            remove_content_if_unused(app, &sha).await?;
        }
        if !whole_batch {
            break;
        }
    }
    if removed > 0 {
        tracing::info!(
            "removed {removed} uploads that no message held for {}s (--unattached-uploads-kept)",
            kept.as_secs()
        );
    }
    Ok(removed)
}

/// Deletes the stored content `sha` unless a file row names it; says whether it did.
pub async fn remove_content_if_unused(app: &App, sha: &str) -> Result<bool> {
    let in_use = |sha: String| async move {
        app.db
            .read(move |c| store::messaging::files::content_in_use(c, &sha))
            .await
            .map_err(Error::from)
    };
    if in_use(sha.to_string()).await? {
        return Ok(false);
    }
    let dir = &app.config.media_dir;
    let path = files::path_of(dir, sha)?;
    let aside = dir.join(format!(
        ".removing-{sha}-{}",
        crate::kit::random::random_hex(8)
    ));
    match tokio::fs::rename(&path, &aside).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io_error(dir, &e)),
    }
    if in_use(sha.to_string()).await? {
        // Same content as any copy an upload wrote meanwhile: replacing it is harmless.
        tokio::fs::rename(&aside, &path)
            .await
            .map_err(|e| io_error(dir, &e))?;
        return Ok(false);
    }
    tokio::fs::remove_file(&aside)
        .await
        .map_err(|e| io_error(dir, &e))?;
    Ok(true)
}

fn io_error(dir: &Path, e: &std::io::Error) -> Error {
    Error::Internal(format!(
        "cannot remove an unattached upload in --media-dir {}: {e}",
        dir.display()
    ))
}
