//! Images never looked at get their thumbnails here: those uploaded before natter made
//! thumbnails, while the worker was full, or on a node that stopped before it was done.
//! Runs when natter starts and then every ten minutes, on every serving node; two nodes
//! doing the same image record it once (`store::messaging::thumbnails::record`).

use crate::domain::background::outbox;
use crate::domain::error::{Error, Result};
use crate::domain::uploads::thumbnails;
use crate::state::App;
use crate::store;
use std::time::Duration;

/// Between two sweeps.
const EVERY: Duration = Duration::from_secs(10 * 60);

/// Files read per read job.
const BATCH: i64 = 50;

/// Starts the sweep: now, then every ten minutes, until the server shuts down.
pub fn start(app: &App) {
    outbox::run_every(
        app,
        EVERY,
        1,
        "thumbnails of older images",
        |app, _| async move { sweep(&app).await.map(|_| ()) },
    );
}

/// Makes the thumbnails of every image file not looked at yet, one at a time (uploads
/// keep their turns); returns how many it recorded.
pub async fn sweep(app: &App) -> Result<usize> {
    let mut after = 0;
    let mut made = 0;
    loop {
        let files = app
            .db
            .read(move |c| {
                let ids = store::messaging::thumbnails::not_looked_at(c, after, BATCH)?;
                let mut files = Vec::with_capacity(ids.len());
                for id in ids {
                    files.extend(store::messaging::files::by_id(c, id)?);
                }
                Ok::<_, Error>(files)
            })
            .await?;
        let Some(last) = files.last() else {
            break;
        };
        after = last.id;
        for file in files {
            if app.hub.shutting_down() {
                return Ok(made);
            }
            if thumbnails::make(app.clone(), file).await?.is_some() {
                made += 1;
            }
        }
    }
    if made > 0 {
        tracing::info!("made the thumbnails of {made} older images");
    }
    Ok(made)
}
