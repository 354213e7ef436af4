//! Files at rest, through the real binary: what natter creates (the
//! database, its `-wal` and `-shm`, the lock, the media folder and uploads, backups) is
//! readable by natter's user only, even under the usual 022 umask; an existing database
//! keeps its mode, and a too-open one is warned about once.

use crate::helpers::{listening_address, upload, TestApp};
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn beside(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[tokio::test]
async fn what_natter_creates_is_its_users_alone() {
    if crate::pg::skip_on_postgres(
        "what_natter_creates_is_its_users_alone",
        "it looks at the SQLite file, its -wal, -shm and lock",
    ) {
        return;
    }
    let mut app = TestApp::spawn().await;
    let db = app.db_path();
    let (_, token) = app.register("alice").await;
    for file in [
        db.clone(),
        beside(&db, "-wal"),
        beside(&db, "-shm"),
        beside(&db, ".lock"),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    let (status, body) = upload(&app, &token, "a.txt", "text/plain", b"private".to_vec()).await;
    assert_eq!(status, 201, "{body}");
    let media = app.dir.path().join("media");
    assert_eq!(mode(&media), 0o700, "the media folder");
    let uploads: Vec<_> = std::fs::read_dir(&media)
        .expect("media")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(uploads.len(), 1, "{uploads:?}");
    assert_eq!(mode(&uploads[0]), 0o600, "the upload");

    let copy = app.dir.path().join("copy.db");
    let out = Command::new(crate::helpers::natter_bin())
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .arg(&copy)
        .output()
        .expect("natter runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&copy), 0o600, "the backup");
    assert!(app.terminate());
}

#[tokio::test]
async fn an_existing_open_database_keeps_its_mode_and_is_warned_about_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("natter.db");
    rusqlite::Connection::open(&db).expect("a new database");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut child =
        crate::helpers::spawn_logging(&db, &dir.path().join("media"), &["--log", "info"]);
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let addr = listening_address(&mut child);
    // One answer: serving (so the warning is out, and SIGTERM is handled, not fatal).
    let health = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .expect("natter answers");
    assert_eq!(health.status(), 200);
    // The -wal SQLite made follows the database's mode.
    assert_eq!(mode(&db), 0o644, "the administrator's mode stays");
    assert_eq!(mode(&beside(&db, "-wal")), 0o644);
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(sent.expect("kill runs").success());
    let status = child.wait().expect("natter exits");
    let text = reader.join().expect("stderr reader");
    assert!(status.success(), "{status}:\n{text}");
    let shown = db.display().to_string();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("mode 0644"))
        .collect();
    assert_eq!(warnings.len(), 1, "one warning:\n{text}");
    assert!(warnings[0].contains(&shown), "{text}");
    assert!(
        warnings[0].contains(&format!("chmod 600 {shown}")),
        "{text}"
    );
    assert_eq!(mode(&db), 0o644);
}
