//! The loop that clears statuses at their end and tells who went away, on every serving
//! node. One write job claims what is due (`store::people::status::clear_ended` and
//! `claim_gone_away` change only rows not yet changed) and queues the live frames in the
//! same transaction, so with several nodes each change is told once.

use crate::domain::error::Result;
use crate::state::App;
use crate::store::people::status as stored;
use std::time::Duration;

/// How often the loop looks: two indexed reads when nothing is due. A status clears
/// within this of its end.
pub const TICK: Duration = Duration::from_secs(1);

/// Starts the loop; it ends when the server shuts down.
pub fn start(app: &App) {
    super::outbox::run_every(app, TICK, 1, "statuses", |app, _| async move {
        round(&app).await.map(|_| ())
    });
}

/// One round; how many people were told of a change.
pub async fn round(app: &App) -> Result<usize> {
    let now = crate::kit::clock::now_ms();
    let before = now - app.config.away_after.as_millis() as i64;
    if !app
        .db
        .read(move |c| stored::sweep_due(c, now, before))
        .await?
    {
        return Ok(0);
    }
    let app2 = app.clone();
    app.db
        .write(move |c| {
            let mut told = stored::clear_ended(c, now)?;
            told.extend(stored::claim_gone_away(c, before)?);
            told.sort_unstable();
            told.dedup();
            for user_id in &told {
                crate::domain::status::tell(c, &app2, *user_id)?;
            }
            Ok(told.len())
        })
        .await
}
