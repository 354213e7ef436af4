//! Start-up and the command line, through the real binary:
//! settings that cannot work are refused with what was expected and leave no file behind;
//! one server per database file; `backup` and `create-user` on existing databases only,
//! beside a running server or not, leaving no `-wal`/`-shm`; `create-user`'s own help and
//! its password from standard input; the access log, free of secrets and of colour codes.

use crate::helpers::{listening_address, TestApp, WAIT};
use reqwest::Method;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

fn natter() -> Command {
    let mut command = Command::new(crate::helpers::natter_bin());
    command.stdin(Stdio::null());
    command
}

/// Runs natter and returns its output, after checking it failed.
fn refused(command: &mut Command) -> Output {
    let out = command.output().expect("natter runs");
    assert!(
        !out.status.success(),
        "natter should have refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `natter ... create-user NAME --email ... --password-stdin` with `password` piped in.
fn create_user(before: &[&std::ffi::OsStr], name: &str, after: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(crate::helpers::natter_bin())
        .args(before)
        .args(["create-user", name, "--email"])
        .arg(format!("{name}@example.org"))
        .arg("--password-stdin")
        .args(after)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"piped-secret-1\n")
        .expect("password written");
    child.wait_with_output().expect("natter ends")
}

#[tokio::test]
async fn commands_on_a_database_that_does_not_exist_fail_and_make_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("typo.db");
    let copy = dir.path().join("copy.db");
    let out = refused(natter().arg("--db").arg(&missing).arg("backup").arg(&copy));
    let err = stderr(&out);
    assert!(
        err.starts_with("natter: no database at ") && err.contains("typo.db"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing claims a backup was made");

    let out = create_user(&[], "alice", &["--db".as_ref(), missing.as_os_str()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no database at "), "{}", stderr(&out));

    let out = refused(natter().args(["--db", ":memory:", "backup"]).arg(&copy));
    assert!(stderr(&out).contains(":memory:"), "{}", stderr(&out));

    assert_eq!(names_in(dir.path()), Vec::<String>::new(), "no file made");
}

#[tokio::test]
async fn create_user_and_backup_work_beside_a_running_server_and_leave_no_log_files() {
    if crate::pg::skip_on_postgres(
        "create_user_and_backup_work_beside_a_running_server_and_leave_no_log_files",
        "it checks the SQLite file's -wal and -shm (cli_create_user_and_backup runs create-user and backup on PostgreSQL)",
    ) {
        return;
    }
    let mut app = TestApp::spawn().await;
    let db = app.db_path();
    // `--db` after the command's name, the password from standard input.
    let out = create_user(&[], "carol", &["--db".as_ref(), db.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "carol", "password": "piped-secret-1"})),
        )
        .await;
    assert_eq!(status, 200, "the piped password is carol's: {body}");

    // The same name again is a sentence, not a JSON field map.
    let out = create_user(&["--db".as_ref(), db.as_os_str()], "carol", &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "natter: cannot create user carol: username: A user with that username already exists."
        ),
        "{err}"
    );
    assert!(!err.contains('{') && !err.contains('['), "{err}");

    let copy = app.dir.path().join("copy.db");
    let out = natter()
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .arg(&copy)
        .output()
        .expect("natter runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let users: i64 = rusqlite::Connection::open(&copy)
        .expect("copy opens")
        .query_row(
            "SELECT count(*) FROM users WHERE username = 'carol'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(users, 1);
    let out = refused(natter().arg("--db").arg(&db).arg("backup").arg(&copy));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));

    assert!(app.terminate(), "exit status 0");
    assert_eq!(
        names_in(app.dir.path()),
        ["copy.db", "natter.db"],
        "a clean stop leaves no -wal, -shm or lock file"
    );
    // And a command run with no server leaves none either.
    let out = create_user(&["--db".as_ref(), db.as_os_str()], "dave", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("created user dave"));
    assert_eq!(names_in(app.dir.path()), ["copy.db", "natter.db"]);
}

#[tokio::test]
async fn a_second_server_on_the_same_database_is_refused_and_names_the_file() {
    if crate::pg::skip_on_postgres(
        "a_second_server_on_the_same_database_is_refused_and_names_the_file",
        "the lock file is SQLite's; several nodes may share one PostgreSQL database",
    ) {
        return;
    }
    let app = TestApp::spawn().await;
    // Another spelling of the same file is the same database.
    let other_spelling = app.dir.path().join(".").join("natter.db");
    for db in [app.db_path(), other_spelling] {
        let out = refused(
            natter()
                .args(["--listen", "127.0.0.1:0", "--log", "warn", "--db"])
                .arg(&db)
                .arg("--media-dir")
                .arg(app.dir.path().join("media")),
        );
        let err = stderr(&out);
        assert!(
            err.contains("already serving") && err.contains(&db.display().to_string()),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "the second natter never listened");
    }
    // The first one still serves.
    let (status, _) = app
        .call(Method::GET, "/api/auth/me/", Some("Token nope"), None)
        .await;
    assert_eq!(status, 401);
    // `:memory:` databases are each their own: no lock.
    let media = app.dir.path().join("media").to_string_lossy().into_owned();
    let first = serve(&["--db", ":memory:", "--media-dir", &media]);
    let second = serve(&["--db", ":memory:", "--media-dir", &media]);
    drop((first, second));
}

/// A natter serving with `args` on port 0; killed when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_with(args: &[&str], stderr: Stdio) -> Served {
    let mut child = natter()
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("natter starts");
    let addr = listening_address(&mut child);
    Served { child, addr }
}

fn serve(args: &[&str]) -> Served {
    serve_with(args, Stdio::null())
}

#[tokio::test]
async fn settings_that_cannot_work_are_refused_saying_what_is_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let base = dir.path();
    let file = base.join("a-file");
    std::fs::write(&file, "x").expect("file");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let taken = taken.local_addr().expect("addr").to_string();
    let p = |path: &Path| path.to_string_lossy().into_owned();
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            vec!["--db".into(), String::new()],
            vec!["--db is empty", "natter.db"],
        ),
        (
            vec!["--db".into(), p(base)],
            vec!["is a folder", "expected the path of a database file"],
        ),
        (
            vec![
                "--db".into(),
                p(&base.join("no-such-folder").join("natter.db")),
            ],
            vec!["no-such-folder does not exist"],
        ),
        (
            vec!["--db".into(), "/proc/natter-test.db".into()],
            vec!["cannot create the lock file", "/proc"],
        ),
        (
            vec!["--media-dir".into(), p(&file)],
            vec!["--media-dir", "is a file", "folder"],
        ),
        (
            vec!["--media-dir".into(), p(&file.join("media"))],
            vec!["--media-dir", "cannot be created", "a-file is a file"],
        ),
        (
            vec!["--media-dir".into(), "/proc/natter-test-media".into()],
            vec![
                "--media-dir /proc/natter-test-media",
                "expected a folder natter may write in",
            ],
        ),
        (
            vec!["--listen".into(), "8000".into()],
            vec!["expected HOST:PORT, e.g. 127.0.0.1:8000"],
        ),
        (
            vec!["--hub".into(), "nats://127.0.0.1:4222".into()],
            vec!["--hub nats://127.0.0.1:4222", "SQLite", "--db postgres://"],
        ),
        (
            vec!["--hub".into(), "redis://127.0.0.1:6379".into()],
            vec!["is not a NATS URL"],
        ),
        (
            vec!["--node-id".into(), "a.b".into()],
            vec!["--node-id", "letters, digits"],
        ),
        (
            vec!["--listen".into(), ":8000".into()],
            vec!["expected HOST:PORT, e.g. 127.0.0.1:8000"],
        ),
        (
            vec!["--listen".into(), taken.clone()],
            vec![
                taken.as_str(),
                "already in use",
                "--listen",
                "NATTER_LISTEN",
            ],
        ),
        (
            vec!["--access-ttl-secs".into(), "0".into()],
            vec!["--access-ttl-secs", "expected a number of seconds"],
        ),
        (
            vec!["--refresh-ttl-secs".into(), "-60".into()],
            vec!["--refresh-ttl-secs", "expected a number of seconds"],
        ),
        (
            vec!["--max-upload-mb".into(), "0".into()],
            vec!["--max-upload-mb", "expected a whole number of MiB"],
        ),
        (
            vec!["--log".into(), "verbose".into()],
            vec!["--log \"verbose\" is not a log filter", "info"],
        ),
    ];
    for (args, expected) in cases {
        let defaults = [
            ("--listen", "127.0.0.1:0".to_string()),
            ("--db", p(&base.join("natter.db"))),
            ("--media-dir", p(&base.join("media"))),
        ];
        let mut command = natter();
        for (flag, value) in defaults {
            if !args.iter().any(|a| a == flag) {
                command.args([flag, &value]);
            }
        }
        let out = refused(command.args(&args));
        let err = stderr(&out);
        for words in expected {
            assert!(err.contains(words), "{args:?}: {words:?} not in {err}");
        }
        assert!(!err.contains("internal error"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing listened");
        assert_eq!(names_in(base), ["a-file"], "{args:?} left files behind");
    }
    // The environment is checked as the flags are.
    let out = refused(
        natter()
            .env("NATTER_LISTEN", "8000")
            .args(["--db", ":memory:"]),
    );
    assert!(
        stderr(&out).contains("expected HOST:PORT"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn create_user_help_lists_its_own_arguments_and_needs_a_password() {
    let out = natter()
        .args(["create-user", "--help"])
        .output()
        .expect("natter runs");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for own in [
        "--email <EMAIL> <USERNAME>",
        "--password-stdin",
        "--admin",
        "--db <PATH>",
    ] {
        assert!(help.contains(own), "{own} missing from:\n{help}");
    }
    for server_flag in [
        "--listen",
        "--rate-limits",
        "--max-upload-mb",
        "--cors-origins",
    ] {
        assert!(!help.contains(server_flag), "{server_flag} in:\n{help}");
    }
    // Neither a password flag nor a terminal: say how to give one.
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("natter.db");
    // An existing file is enough: the password is asked for before the database is opened.
    std::fs::write(&db, "").expect("db file");
    let out = refused(natter().arg("--db").arg(&db).args([
        "create-user",
        "erin",
        "--email",
        "erin@example.org",
    ]));
    assert!(
        stderr(&out).contains("--password-stdin"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test]
async fn each_request_is_one_access_line_without_secrets_or_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("stderr.log");
    let served = serve_with(
        &[
            "--db",
            ":memory:",
            "--log",
            "info",
            "--media-dir",
            &dir.path().join("media").to_string_lossy(),
        ],
        Stdio::from(std::fs::File::create(&log).expect("log file")),
    );
    let client = reqwest::Client::new();
    let base = format!("http://{}", served.addr);
    let answer = client
        .get(format!("{base}/api/auth/me/?token=query-secret-1&page=2"))
        .header("Authorization", "Token header-secret-2")
        .header("Cookie", "sessionid=cookie-secret-3")
        .send()
        .await
        .expect("request");
    assert_eq!(answer.status(), 401);
    let answer = client
        .post(format!("{base}/api/auth/login/"))
        .json(&json!({"username": "nobody", "password": "body-secret-4"}))
        .send()
        .await
        .expect("request");
    assert_eq!(answer.status(), 401);
    // The line is written before the answer leaves; give the pipe a moment anyway.
    let deadline = std::time::Instant::now() + WAIT;
    let text = loop {
        let text = std::fs::read_to_string(&log).expect("log");
        if text.matches("natter::access").count() >= 2 || std::time::Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    drop(served);
    let access: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("natter::access"))
        .collect();
    assert_eq!(access.len(), 2, "one line per request:\n{text}");
    assert!(access[0].contains("GET /api/auth/me/ 401 "), "{text}");
    assert!(access[0].ends_with("ms"), "{text}");
    assert!(access[1].contains("POST /api/auth/login/ 401 "), "{text}");
    for secret in [
        "query-secret-1",
        "header-secret-2",
        "cookie-secret-3",
        "body-secret-4",
        "page=2",
    ] {
        assert!(!text.contains(secret), "{secret} logged:\n{text}");
    }
    assert!(
        !text.contains('\u{1b}'),
        "colour codes in a piped log:\n{text}"
    );
}

/// The log written so far to `log`, once it holds `until` (or the wait is over): the
/// log is written by a thread of its own, a moment after the server says it.
fn log_until(log: &Path, until: &str) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if text.contains(until) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn the_first_lines_name_the_database_uploads_registration_and_optional_parts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("team.db");
    let media = dir.path().join("uploads");
    let start = |name: &str, extra: &[&str]| {
        let log = dir.path().join(name);
        let mut args = vec![
            "--db",
            db.to_str().unwrap(),
            "--media-dir",
            media.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let served = serve_with(
            &args,
            Stdio::from(std::fs::File::create(&log).expect("log")),
        );
        let text = log_until(&log, "natter listening on");
        drop(served);
        text
    };
    let first = start("first.log", &[]);
    let lines: Vec<&str> = first.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}:\n{first}"))
    };
    let version = format!("schema version {}", natter::store::schema::LATEST);
    assert!(
        lines[at("database: created SQLite")].contains(&version),
        "{first}"
    );
    assert!(
        lines[at("database: created SQLite")].contains("team.db"),
        "{first}"
    );
    assert!(lines[at("uploads: ")].contains("uploads"), "{first}");
    assert!(
        lines[at("registration: open")].contains("--registration invite"),
        "{first}"
    );
    assert!(lines[at("tls: off; metrics: off; hub: local")].contains("INFO"));
    assert!(
        at("database: created") < at("natter listening on"),
        "{first}"
    );

    let second = start(
        "second.log",
        &[
            "--registration",
            "closed",
            "--metrics-listen",
            "127.0.0.1:0",
        ],
    );
    assert!(second.contains("database: opened SQLite"), "{second}");
    assert!(second.contains("registration: closed"), "{second}");
    assert!(second.contains("metrics: 127.0.0.1:0"), "{second}");
}

#[test]
fn help_names_only_files_that_exist() {
    let out = natter().arg("--help").output().expect("natter --help");
    let help = String::from_utf8_lossy(&out.stdout);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for word in help.split(|c: char| c.is_whitespace() || "(),;".contains(c)) {
        let word = word.trim_end_matches('.');
        if word.ends_with(".md") {
            assert!(
                root.join(word).is_file(),
                "--help names {word}, which is not in the repository"
            );
        }
    }
    assert!(!help.contains("DESIGN.md"), "{help}");
}
