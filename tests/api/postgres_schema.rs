//! natter's schema on PostgreSQL: made on the first start, left alone on the next, and a
//! database from a newer natter refused with a sentence.

use crate::pg;
use std::process::Command;

/// natter on `db` until it prints its address, or its exit status and standard error.
fn start(db: &str) -> Result<std::process::Child, String> {
    let mut child = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--log", "warn", "--db", db])
        .args([
            "--media-dir",
            &std::env::temp_dir()
                .join("natter-pg-media")
                .to_string_lossy(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("natter starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
        .expect("a line or the end");
    if line.starts_with("listening on") {
        return Ok(child);
    }
    let out = child.wait_with_output().expect("exit");
    Err(String::from_utf8_lossy(&out.stderr).into_owned())
}

#[tokio::test]
async fn a_newer_schema_is_refused_and_a_known_one_is_left_alone() {
    let Some(cluster) =
        pg::cluster_or_skip("a_newer_schema_is_refused_and_a_known_one_is_left_alone")
    else {
        return;
    };
    let db = pg::fresh_database();
    for _ in 0..2 {
        let mut node = start(&db).expect("natter serves on a fresh or known schema");
        node.kill().expect("kill");
        node.wait().expect("wait");
    }
    cluster.psql(&db, "UPDATE natter_schema SET version = 99");
    let refused = start(&db).expect_err("a newer schema is refused");
    assert!(
        refused.contains("version 99, newer than this natter knows"),
        "{refused}"
    );
}
