//! Keeping `matrix_log` small: a since token further behind than `sync::MAX_GAP` is
//! answered as a first sync anyway, so rows older than that serve no app. Every node
//! removes them a batch at a time (a batch is one short write job, so sends never wait
//! long behind it).

use super::sync::MAX_GAP;
use crate::state::App;
use crate::store;
use std::time::Duration;

/// How often the loop looks.
const TICK: Duration = Duration::from_secs(60);

/// Rows kept behind the newest: twice what a since token may be behind, so a token
/// just inside the gap always finds its rows.
const KEEP: i64 = 2 * MAX_GAP;

/// Rows removed by one write job.
const BATCH: i64 = 5_000;

/// Starts the loop; it ends when the server shuts down.
pub fn start(app: &App) {
    crate::domain::background::outbox::run_every(app, TICK, 1, "matrix log", |app, _| async move {
        // Batches until none is left, each its own job.
        while app
            .db
            .write(|c| store::matrix_log::prune(c, KEEP, BATCH))
            .await?
            >= BATCH as usize
        {}
        Ok(())
    });
}
