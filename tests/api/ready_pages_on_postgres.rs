//! Ready pages' remembered checks on PostgreSQL, whatever the suite's mode: a node that
//! serves alone hears every other process's commit (`NOTIFY natter_commits`), so a
//! `natter users` command or rows changed by hand and announced end a remembered check
//! once it has heard them; while it cannot hear, it remembers nothing and reads every
//! check live, so even an unannounced change shows on the next read.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::metrics::{free_port, wait_for_value, wait_for_value_within};
use crate::ready_pages::{history, keep, until_remembered};
use crate::team_cli::done;
use reqwest::StatusCode;
use std::time::Duration;

const HEARD: &str = "natter_pg_commits_heard";

/// Reads `page` until it is answered `want`: another process's commit reaches the node
/// as a notification on its listening connection, a moment after that process's
/// `COMMIT` returned (a fraction of a millisecond on an idle machine; a read sent at
/// once was answered from the remembered check once on a loaded one). Ten seconds is
/// the bound past which the commit counts as unheard.
async fn until_answered(app: &TestApp, page: &str, auth: &str, want: StatusCode) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (status, body) = app.get(page, auth).await;
        if status == want {
            return;
        }
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(
            tokio::time::Instant::now() < deadline,
            "{page} still answered {status} 10 s after another process's commit: {body}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn another_process_commit_ends_a_remembered_check_on_postgres() {
    let test = "another_process_commit_ends_a_remembered_check_on_postgres";
    let Some(pg) = crate::pg::cluster_or_skip(test) else {
        return;
    };
    let at = format!("127.0.0.1:{}", free_port());
    let metrics = format!("http://{at}/metrics");
    let dir = tempfile::tempdir().expect("tempdir");
    let media = dir.path().join("media");
    let app = TestApp::spawn_sharing(
        dir,
        crate::pg::fresh_database(),
        media,
        &["--rate-limits", "off", "--metrics-listen", &at],
    );
    wait_for_value(&app, &metrics, HEARD, 1.0).await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let (d, td) = app.register("dave").await;
    let g = group(&app, &ta, "g", &[b, c, d]).await;
    send(&app, &ta, g, "hello").await;
    let page = history(g);

    // A command in another process.
    keep(&app, &metrics, &page, &tc).await;
    until_remembered(&app, &metrics, &page, &tc).await;
    done(&app, &["users", "deactivate", "carol"]);
    until_answered(&app, &page, &tc, StatusCode::UNAUTHORIZED).await;

    // Rows changed by hand, then announced as docs/deploy.md asks.
    keep(&app, &metrics, &page, &tb).await;
    until_remembered(&app, &metrics, &page, &tb).await;
    pg.psql(
        &app.db,
        &format!(
            "DELETE FROM chat_members WHERE chat_id = {g} AND user_id = {b}; \
             NOTIFY natter_commits"
        ),
    );
    until_answered(&app, &page, &tb, StatusCode::NOT_FOUND).await;

    // The listening connection ended: nothing is remembered until it is back, so even
    // an unannounced change is read at once.
    keep(&app, &metrics, &page, &td).await;
    until_remembered(&app, &metrics, &page, &td).await;
    pg.psql(
        &app.db,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE application_name = 'natter commits' AND datname = current_database()",
    );
    wait_for_value(&app, &metrics, HEARD, 0.0).await;
    pg.psql(
        &app.db,
        &format!("DELETE FROM chat_members WHERE chat_id = {g} AND user_id = {d}"),
    );
    let (status, body) = app.get(&page, &td).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Back, and remembering again. Each attempt pauses a second, connects (2 s at most)
    // and waits up to 3 s for its own probe to come back, and natter logs why each one
    // failed. 10 s, then 30 s, each ran out once in CI's PostgreSQL pass (four tests at
    // once on two cores), though never here on an idle machine, beside six busy loops or
    // beside that pass: a minute lets a loaded host's attempts fail a dozen times.
    wait_for_value_within(&app, &metrics, HEARD, 1.0, Duration::from_secs(60)).await;
    keep(&app, &metrics, &page, &ta).await;
    until_remembered(&app, &metrics, &page, &ta).await;
}
