//! Background work that must not take the processor from requests: a thread of its own
//! at the lowest scheduling priority (nice 19 on Linux, where a thread's nice value is
//! its own) running a small runtime, so that when the cores are busy with requests the
//! kernel runs the requests first and this work waits, and when they are idle it runs at
//! full speed. Link previews run here: fetching and reading three pages for each message
//! with links took a tenth of the send rate on two saturated cores when it ran on the
//! request runtime (`bench/scripts/link-previews.sh`).

use crate::state::App;

/// Runs `start` (which spawns the work's tasks) on a new low-priority thread and keeps
/// them running until the server stops. Answers once `start` has run.
pub fn spawn<F>(app: &App, name: &str, start: F) -> std::io::Result<()>
where
    F: FnOnce() + Send + 'static,
{
    let stopping = app.hub.stopping();
    let (started, ready) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            lower_priority();
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = started.send(Err(e));
                    return;
                }
            };
            runtime.block_on(async move {
                start();
                let _ = started.send(Ok(()));
                stopping.await;
            });
        })?;
    ready
        .recv()
        .map_err(|_| std::io::Error::other("the background thread ended before it started"))?
}

/// Lowers the calling thread's priority as far as it goes; where that is refused, the
/// work runs at the usual priority.
fn lower_priority() {
    #[cfg(unix)]
    if let Err(e) = rustix::process::nice(19) {
        tracing::debug!("background thread keeps its priority: {e}");
    }
}
