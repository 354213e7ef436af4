//! One person per name: look-alike spellings of a username or an email are
//! one account on both registration surfaces and every login; invisible letters and
//! disguised email local parts are refused; a database from before the name keys keeps
//! its colliding accounts apart through the upgrade.

use crate::helpers::{ask, TestApp, BEFORE_STEP_10};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

const PASSWORD: &str = "correct-horse";
const NAME_TAKEN: &str = "A user with that username already exists.";
const EMAIL_TAKEN: &str = "A user with this email already exists.";
const BAD_NAME: &str =
    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
const BAD_EMAIL: &str = "Enter a valid email address.";

/// The two registration endpoints and how each shapes a field error.
#[derive(Clone, Copy, Debug)]
enum Surface {
    /// `/api/auth/register/`: `{"error": "validation_error", "details": {field: [..]}}`.
    Auth,
    /// `/accounts/api/users/`: DRF's plain `{field: [..]}`.
    Accounts,
}

impl Surface {
    const BOTH: [Surface; 2] = [Surface::Auth, Surface::Accounts];

    /// Registers; the status and the body.
    async fn register(self, app: &TestApp, username: &str, email: &str) -> (StatusCode, Value) {
        let path = match self {
            Surface::Auth => "/api/auth/register/",
            Surface::Accounts => "/accounts/api/users/",
        };
        let body = json!({"username": username, "email": email, "password": PASSWORD});
        app.call(Method::POST, path, None, Some(body)).await
    }

    /// Registers and returns the new account's id and stored username (201 or panic).
    async fn created(self, app: &TestApp, username: &str, email: &str) -> (i64, String) {
        let (status, body) = self.register(app, username, email).await;
        assert_eq!(status, 201, "{self:?} register {username:?}: {body}");
        let user = match self {
            Surface::Auth => &body["user"],
            Surface::Accounts => &body,
        };
        let id = user["id"].as_i64().expect("an id");
        (id, user["username"].as_str().expect("a username").into())
    }

    /// The field errors of a refused registration (400 or panic).
    async fn refused(self, app: &TestApp, username: &str, email: &str) -> Value {
        let (status, body) = self.register(app, username, email).await;
        assert_eq!(
            status, 400,
            "{self:?} register {username:?} {email:?}: {body}"
        );
        match self {
            Surface::Auth => {
                assert_eq!(body["error"], "validation_error", "{body}");
                body["details"].clone()
            }
            Surface::Accounts => body,
        }
    }
}

/// The account id that each login path reaches with `login` (a username or an email) and
/// the password: `/api/auth/login/` under `username` and under `email`, the messenger's
/// `/accounts/api/token/` and the web client's `/accounts/login/`.
async fn logins(app: &TestApp, login: &str) -> Vec<Option<i64>> {
    let mut ids = Vec::new();
    for field in ["username", "email"] {
        let (status, body) = app
            .call(
                Method::POST,
                "/api/auth/login/",
                None,
                Some(json!({field: login, "password": PASSWORD})),
            )
            .await;
        ids.push(
            (status == 200)
                .then(|| body["user"]["id"].as_i64())
                .flatten(),
        );
    }
    let (status, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": login, "password": PASSWORD})),
        )
        .await;
    ids.push(if status == 200 {
        let access = format!("Bearer {}", pair["access"].as_str().expect("access"));
        me(app, &[("Authorization", access.as_str())]).await
    } else {
        None
    });
    let session = ask(
        app,
        Method::POST,
        "/accounts/login/",
        &[],
        Some(json!({"username": login, "password": PASSWORD})),
    )
    .await;
    let cookie = session
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sessionid="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string);
    ids.push(match cookie {
        Some(cookie) if session.status == 200 => me(app, &[("Cookie", cookie.as_str())]).await,
        _ => None,
    });
    ids
}

/// The id `/api/auth/me/` answers with these credentials.
async fn me(app: &TestApp, headers: &[(&str, &str)]) -> Option<i64> {
    let me = ask(app, Method::GET, "/api/auth/me/", headers, None).await;
    assert_eq!(me.status, 200, "{}", me.body);
    me.body["id"].as_i64()
}

/// The look-alike table: each group is one name. The first spelling registers (stored in
/// NFKC, its case kept); every other spelling is "already exists" on both surfaces, and
/// logs in to the same account on every login path.
#[tokio::test]
async fn look_alike_usernames_are_one_name_on_both_surfaces_and_every_login() {
    let groups: &[(&str, &str, &[&str])] = &[
        (
            "admin",
            "admin",
            &["ａｄｍｉｎ", "𝐚𝐝𝐦𝐢𝐧", "ⓐⓓⓜⓘⓝ", "ADMIN", "Ａｄｍｉｎ"],
        ),
        ("ﬁona", "fiona", &["fiona", "FIONA", "ＦＩＯＮＡ"]),
        (
            "zo\u{e9}",
            "zo\u{e9}",
            &["zoe\u{301}", "ZO\u{c9}", "ZOE\u{301}"],
        ),
        ("ÉMILE", "ÉMILE", &["émile", "e\u{301}mile", "Émile"]),
        ("ДИМА", "ДИМА", &["дима", "Дима", "ДИМА"]),
    ];
    for surface in Surface::BOTH {
        let app = TestApp::spawn().await;
        for (n, (first, stored, others)) in groups.iter().enumerate() {
            let (id, username) = surface
                .created(&app, first, &format!("first{n}@example.org"))
                .await;
            assert_eq!(
                &username, stored,
                "{surface:?}: {first:?} is stored as NFKC"
            );
            for (m, other) in others.iter().enumerate() {
                for again in Surface::BOTH {
                    let errors = again
                        .refused(&app, other, &format!("other{n}x{m}@example.org"))
                        .await;
                    assert_eq!(
                        errors,
                        json!({"username": [NAME_TAKEN]}),
                        "{surface:?} then {again:?}: {first:?} / {other:?}"
                    );
                }
                assert_eq!(
                    logins(&app, other).await,
                    [Some(id); 4],
                    "{surface:?}: {other:?} logs in to {first:?}"
                );
            }
        }
    }
}

/// Invisible letters (the Hangul fillers, which Unicode counts as letters) and other
/// default-ignorable characters are refused with the words the format characters get.
#[tokio::test]
async fn invisible_letters_are_refused_like_format_characters() {
    let app = TestApp::spawn().await;
    let names = [
        "admin\u{115f}",
        "\u{1160}admin",
        "ad\u{3164}min",
        "admin\u{ffa0}",
        "\u{3164}",
        "ad\u{200b}min",
        "ad\u{200d}min",
        "admin\u{ad}",
        "admin\u{202e}",
        "admin\u{2066}",
        "admin\u{fe0f}",
        "admin\u{180e}",
        "admin\u{34f}",
        "\u{feff}admin",
    ];
    for surface in Surface::BOTH {
        for (n, name) in names.iter().enumerate() {
            let errors = surface
                .refused(&app, name, &format!("u{n}@example.org"))
                .await;
            assert_eq!(
                errors,
                json!({"username": [BAD_NAME]}),
                "{surface:?}: {name:?}"
            );
        }
    }
    // Nothing was made: the plain name is free.
    Surface::Auth
        .created(&app, "admin", "admin@example.org")
        .await;
}

/// The local part of an email refuses invisible, bidi, soft-hyphen and fullwidth (or
/// other compatibility) characters; ASCII `atext` and non-ASCII letters are accepted.
#[tokio::test]
async fn email_local_parts_refuse_disguises() {
    let app = TestApp::spawn().await;
    let refused = [
        "u\u{200b}@example.org",
        "u\u{202e}x@example.org",
        "u\u{2067}x@example.org",
        "u\u{ad}x@example.org",
        "u\u{3164}@example.org",
        "ｕ@example.org",
        "ﬁ@example.org",
        "\"quoted\"@example.org",
        "u..v@example.org",
        "u@example",
    ];
    for surface in Surface::BOTH {
        for (n, email) in refused.iter().enumerate() {
            let errors = surface.refused(&app, &format!("user{n}"), email).await;
            assert_eq!(
                errors,
                json!({"email": [BAD_EMAIL]}),
                "{surface:?}: {email:?}"
            );
        }
    }
    let (a, _) = Surface::Auth
        .created(&app, "oneil", "o'neil+tag@example.org")
        .await;
    let (b, _) = Surface::Accounts
        .created(&app, "dima", "дима.k@example.org")
        .await;
    assert_eq!(logins(&app, "O'Neil+tag@EXAMPLE.org").await, [Some(a); 4]);
    assert_eq!(logins(&app, "ДИМА.K@example.org").await, [Some(b); 4]);
}

/// The domain compares in Unicode case through IDNA: `u@ÉXAMPLE.org`, `u@éxample.org`
/// and its ASCII form are one address, on both surfaces and every login.
#[tokio::test]
async fn email_domains_compare_case_insensitively_through_idna() {
    for surface in Surface::BOTH {
        let app = TestApp::spawn().await;
        let (id, _) = surface.created(&app, "first", "u@ÉXAMPLE.org").await;
        for (n, same) in [
            "u@éxample.org",
            "U@e\u{301}xample.ORG",
            "u@xn--xample-9ua.org",
            "u@ÉＸＡＭＰＬＥ.org",
        ]
        .iter()
        .enumerate()
        {
            for again in Surface::BOTH {
                let errors = again.refused(&app, &format!("other{n}"), same).await;
                assert_eq!(
                    errors,
                    json!({"email": [EMAIL_TAKEN]}),
                    "{surface:?} then {again:?}: {same:?}"
                );
            }
            assert_eq!(logins(&app, same).await, [Some(id); 4], "{same:?}");
        }
        // Another local part, or another domain, is another address.
        surface.created(&app, "second", "v@éxample.org").await;
        surface.created(&app, "third", "u@example.org").await;
    }
}

/// Lookups by username take any spelling: the inbox socket by name, the inbox list's
/// `?user=` and the chats surface's user search.
#[tokio::test]
async fn lookups_by_username_take_any_spelling() {
    let app = TestApp::spawn().await;
    let (dima, _) = Surface::Auth.created(&app, "ДИМА", "d@example.org").await;
    let (_, ta) = app.register("alice").await;
    // /ws/chat/дима/ and /ws/chat/ｄｉｍａ/ (percent-encoded) reach one direct chat.
    for path in [
        "/ws/chat/%D0%B4%D0%B8%D0%BC%D0%B0/",
        "/ws/chat/%D0%94%D0%B8%D0%BC%D0%B0/",
    ] {
        assert!(app.try_socket(path, &ta).await.is_ok(), "{path}");
    }
    assert_eq!(
        app.try_socket("/ws/chat/%D0%B4%D0%B8%D0%BC/", &ta)
            .await
            .err(),
        Some(404)
    );
    crate::helpers::inbox_send(&app, &ta, dima, "привет").await;
    let (status, page) = app
        .get("/api/messages/?user=%D0%B4%D0%B8%D0%BC%D0%B0", &ta)
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["count"], 1, "{page}");
    let (status, found) = app
        .get("/messages/api/users/search/?q=%D0%B4%D0%B8%D0%BC", &ta)
        .await;
    assert_eq!(status, 200, "{found}");
    assert!(found.to_string().contains(&dima.to_string()), "{found}");
}

/// A database from before the name keys (schema 6), holding `admin` and an older
/// natter's `ａｄｍｉｎ` (stored as typed), and two spellings of one email: the upgrade
/// keeps all four accounts usable, says what it did, and the names are one from then on.
#[tokio::test]
async fn an_old_database_keeps_colliding_accounts_apart_and_says_so() {
    if crate::pg::skip_on_postgres(
        "an_old_database_keeps_colliding_accounts_apart_and_says_so",
        "it rewrites a SQLite file to the schema before the name keys",
    ) {
        return;
    }
    let mut app = TestApp::spawn_on_sqlite().await;
    let (admin, _) = Surface::Auth.created(&app, "admin", "a@éxample.org").await;
    let (bob, _) = Surface::Auth.created(&app, "bob", "b@example.org").await;
    assert!(app.terminate());
    let db = app.db_path();
    let old = rusqlite::Connection::open(&db).expect("open");
    old.execute_batch(BEFORE_STEP_10).expect("step 10 undone");
    old.execute_batch(&format!(
        "DROP INDEX users_name_key; DROP INDEX users_email_key;
             ALTER TABLE users DROP COLUMN name_key; ALTER TABLE users DROP COLUMN email_key;
             UPDATE users SET username = 'ａｄｍｉｎ', email = 'A@ÉXAMPLE.org' WHERE id = {bob};
             PRAGMA user_version = 6;"
    ))
    .expect("the database as schema 6 left it");

    // A command upgrades it first, warns naming both accounts, then applies the rules.
    let mut child = Command::new(crate::helpers::natter_bin())
        .args(["create-user", "ＡＤＭＩＮ", "--email", "c@example.org"])
        .arg("--password-stdin")
        .arg("--db")
        .arg(&db)
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
    let out = child.wait_with_output().expect("natter ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("username: A user with that username already exists."),
        "{err}"
    );
    for named in [
        format!("accounts {admin} (username \"admin\") and {bob} (username \"ａｄｍｉｎ\")"),
        format!("accounts {admin} (email \"a@éxample.org\") and {bob} (email \"A@ÉXAMPLE.org\")"),
    ] {
        assert!(err.contains(&named), "{named} not in:\n{err}");
    }

    app.start_again();
    // Each account keeps its own exact spelling; other spellings reach the older one.
    assert_eq!(logins(&app, "admin").await, [Some(admin); 4]);
    assert_eq!(logins(&app, "ADMIN").await, [Some(admin); 4]);
    assert_eq!(logins(&app, "a@éxample.org").await, [Some(admin); 4]);
    let as_bob = |login: &'static str| {
        let app = &app;
        async move {
            let (status, body) = app
                .call(
                    Method::POST,
                    "/api/auth/login/",
                    None,
                    Some(json!({"username": login, "password": PASSWORD})),
                )
                .await;
            (status, body["user"]["id"].as_i64())
        }
    };
    assert_eq!(as_bob("A@ÉXAMPLE.org").await, (StatusCode::OK, Some(bob)));
    assert_eq!(as_bob("ａｄｍｉｎ").await, (StatusCode::OK, Some(bob)));
    for surface in Surface::BOTH {
        let errors = surface.refused(&app, "Admin", "new@example.org").await;
        assert_eq!(errors, json!({"username": [NAME_TAKEN]}));
        let errors = surface.refused(&app, "new", "a@ÉxAmple.org").await;
        assert_eq!(errors, json!({"email": [EMAIL_TAKEN]}));
    }
}
