//! Sign-in through OpenID Connect against a real provider: panva's certified
//! `oidc-provider` run by node (`tests/oidc/provider.mjs`, installed with
//! `cd tests/oidc && npm ci`), its development login form filled in over plain HTTP
//! with redirects followed by hand, and the real natter binary. Without node or the
//! package each test prints why it was skipped and passes, unless
//! `NATTER_REQUIRE_OIDC=1` (CI).
//!
//! The checks a correct provider never fails (a wrong nonce, audience, authorized party
//! or issuer, an expired token or one issued in the future, a key nobody published) are
//! made by the provider script's tamper switch, which re-signs the ID token of its token
//! answer (`/test/tamper?mode=...`).
//!
//! natter sends a refused browser back to `/?sign_in_error=<code>&provider=<name>`: the
//! tests read the code, which the web client says in its own sentence.

use crate::helpers::{TestApp, WAIT};
use crate::team_server::{invitation, operator_admin};
use reqwest::{Client, StatusCode, Url};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

/// The provider's name in natter (`--oidc test=...`).
const NAME: &str = "test";

fn script_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
}

/// Why the provider cannot be run here, if it cannot.
fn missing() -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is not on PATH".into());
    }
    if !script_dir().join("node_modules/oidc-provider").is_dir() {
        return Some("tests/oidc/node_modules is missing (cd tests/oidc && npm ci)".into());
    }
    None
}

/// Whether `test` can run; prints why not, or panics under `NATTER_REQUIRE_OIDC=1`.
fn can_run(test: &str) -> bool {
    match missing() {
        None => true,
        Some(why) if std::env::var("NATTER_REQUIRE_OIDC").is_ok_and(|v| v == "1") => {
            panic!("{test} needs the OpenID provider (NATTER_REQUIRE_OIDC=1): {why}")
        }
        Some(why) => {
            eprintln!("{test} SKIPPED: {why} (set NATTER_REQUIRE_OIDC=1 to fail instead)");
            false
        }
    }
}

/// The loopback address the provider listens on. Not natter's 127.0.0.1: a port picked
/// free there could be taken by a natter of a test running beside this one (each binds
/// port 0) before the provider starts on it, which once made a provider answer 404.
const PROVIDER_HOST: &str = "127.0.0.2";

/// A port nothing listens on now at [`PROVIDER_HOST`].
fn free_port() -> u16 {
    std::net::TcpListener::bind((PROVIDER_HOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The provider process, stopped when dropped.
struct OidcProvider {
    child: Child,
    port: u16,
}

impl OidcProvider {
    /// Starts the provider on `port`, accepting natter's callback at `natter_base`.
    fn start(port: u16, natter_base: &str) -> OidcProvider {
        Self::start_with(port, natter_base, &[])
    }

    /// [`OidcProvider::start`] with the script's settings `env` besides.
    fn start_with(port: u16, natter_base: &str, env: &[(&str, &str)]) -> OidcProvider {
        let mut child = Command::new("node")
            .arg(script_dir().join("provider.mjs"))
            .env("PORT", port.to_string())
            .env("HOST", PROVIDER_HOST)
            .env(
                "REDIRECT_URIS",
                format!("{natter_base}/auth/oidc/{NAME}/callback"),
            )
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout);
        let mut line = String::new();
        lines
            .read_line(&mut line)
            .expect("the provider's first line");
        assert!(line.starts_with("listening on"), "provider said {line:?}");
        // The rest of what it writes is read and dropped: a closed pipe would stop it.
        std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        OidcProvider { child, port }
    }

    fn issuer(&self) -> String {
        format!("http://{PROVIDER_HOST}:{}", self.port)
    }

    /// Makes the next ID tokens wrong in one way (`""`: right again).
    async fn tamper(&self, mode: &str) {
        let url = format!("{}/test/tamper?mode={mode}", self.issuer());
        let resp = reqwest::get(url).await.expect("tamper switch");
        assert_eq!(resp.status(), 200);
    }

    /// How many times the discovery document was asked for.
    async fn discoveries(&self) -> u64 {
        let url = format!("{}/test/discoveries", self.issuer());
        let resp = reqwest::get(url).await.expect("discoveries");
        resp.text().await.expect("text").parse().expect("a count")
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}

/// natter with one provider at `issuer_port` (running or not), and `args` besides.
async fn natter_with_provider(dir: &tempfile::TempDir, issuer_port: u16, args: &[&str]) -> TestApp {
    let secret = dir.path().join("oidc-secret");
    std::fs::write(&secret, "natter-test-secret\n").expect("secret file");
    let oidc = format!("{NAME}=http://{PROVIDER_HOST}:{issuer_port},natter,Test ID");
    let secret_arg = format!("{NAME}={}", secret.display());
    let mut all = vec!["--oidc", &oidc, "--oidc-secret-file", &secret_arg];
    if !args.contains(&"--rate-limits") {
        all.extend(["--rate-limits", "off"]);
    }
    all.extend_from_slice(args);
    TestApp::spawn_with(&all).await
}

/// natter and a running provider that knows natter's callback.
async fn both(args: &[&str]) -> (TestApp, OidcProvider, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let app = natter_with_provider(&dir, port, args).await;
    let provider = OidcProvider::start(port, &app.base);
    wait_until_available(&app).await;
    (app, provider, dir)
}

/// Waits until natter says the provider is available (discovery retried).
async fn wait_until_available(app: &TestApp) {
    let deadline = std::time::Instant::now() + WAIT * 3;
    loop {
        let listed = providers(app).await;
        if listed[0]["available"] == json!(true) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the provider never became available: {listed}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn providers(app: &TestApp) -> Value {
    let resp = reqwest::get(format!("{}/api/auth/providers/", app.base))
        .await
        .expect("providers");
    assert_eq!(resp.status(), 200);
    resp.json().await.expect("json")
}

/// A browser: one cookie jar for natter and the provider, redirects followed by hand.
struct Browser {
    client: Client,
    jar: Arc<reqwest::cookie::Jar>,
}

impl Browser {
    fn new() -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Browser { client, jar }
    }

    /// The value of cookie `name` this browser sends to `base`.
    fn cookie(&self, base: &str, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = Url::parse(base).ok()?;
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }

    /// GET `url`: (status, absolute Location if any, body).
    async fn get(&self, url: &str) -> (StatusCode, Option<String>, String) {
        let resp = self.client.get(url).send().await.expect("GET");
        let status = resp.status();
        let location = resp
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| Url::parse(url).ok()?.join(l).ok())
            .map(|u| u.to_string());
        (status, location, resp.text().await.unwrap_or_default())
    }

    /// From natter's start URL through the provider's login (as `login`) and consent, to
    /// natter's callback URL, which is returned unrequested. `Err(location)` when natter
    /// sent the browser back to itself instead (a refusal at the start).
    async fn to_callback(&self, app: &TestApp, query: &str, login: &str) -> Result<String, String> {
        let url = format!("{}/auth/oidc/{NAME}/start{query}", app.base);
        self.follow_to_callback(app, url, login).await
    }

    /// [`Browser::to_callback`] from `url` (natter's start, or the provider's page a link
    /// from the account page answered with).
    async fn follow_to_callback(
        &self,
        app: &TestApp,
        mut url: String,
        login: &str,
    ) -> Result<String, String> {
        for _ in 0..20 {
            if url.starts_with(&app.base) && url.contains("/callback") {
                return Ok(url);
            }
            let (status, location, body) = self.get(&url).await;
            if status.is_redirection() {
                let next = location.expect("a redirect names where");
                if url.starts_with(&app.base) && next.starts_with(&app.base) {
                    return Err(next);
                }
                url = next;
                continue;
            }
            assert_eq!(status, 200, "{url}: {body}");
            let prompt = if body.contains(r#"value="login""#) {
                vec![
                    ("prompt", "login"),
                    ("login", login),
                    ("password", "anything"),
                ]
            } else if body.contains(r#"value="consent""#) {
                vec![("prompt", "consent")]
            } else {
                panic!("an unexpected page at {url}: {body}");
            };
            let resp = self
                .client
                .post(&url)
                .form(&prompt)
                .send()
                .await
                .expect("POST");
            assert!(resp.status().is_redirection(), "{}", resp.status());
            let loc = resp.headers()["location"].to_str().expect("location");
            url = Url::parse(&url).unwrap().join(loc).unwrap().to_string();
        }
        panic!("too many redirects");
    }

    /// Signs in with the password on `/accounts/login/`, as the web client does.
    async fn password_login(&self, app: &TestApp, username: &str, password: &str) {
        let resp = self
            .client
            .post(format!("{}/accounts/login/", app.base))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .expect("login");
        assert_eq!(
            resp.status(),
            200,
            "{}",
            resp.text().await.unwrap_or_default()
        );
    }

    /// `POST /api/account/identities/test/` with `body`, from this browser's session with
    /// its CSRF header: (status, body).
    async fn ask_to_link(&self, app: &TestApp, body: Value) -> (StatusCode, Value) {
        let mut request = self
            .client
            .post(format!("{}/api/account/identities/{NAME}/", app.base))
            .json(&body);
        if let Some(csrf) = self.cookie(&app.base, "csrftoken") {
            request = request.header("X-CSRFToken", csrf);
        }
        let resp = request.send().await.expect("POST");
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// Links the provider account `login` to this browser's account, confirming with
    /// `body`, up to natter's callback URL (not requested).
    async fn link_to_callback(&self, app: &TestApp, body: Value, login: &str) -> String {
        let (status, answer) = self.ask_to_link(app, body).await;
        assert_eq!(status, 200, "{answer}");
        let url = answer["url"].as_str().expect("url").to_string();
        self.follow_to_callback(app, url, login)
            .await
            .expect("on to the provider")
    }

    /// The whole link: where natter's callback sends the browser.
    async fn link(&self, app: &TestApp, body: Value, login: &str) -> String {
        let callback = self.link_to_callback(app, body, login).await;
        self.callback(&callback).await
    }

    /// Requests natter's callback: where it sends the browser.
    async fn callback(&self, url: &str) -> String {
        let (status, location, body) = self.get(url).await;
        assert_eq!(status, 303, "{body}");
        location.expect("the callback redirects")
    }

    /// The whole flow: where natter's callback sends the browser.
    async fn sign_in(&self, app: &TestApp, query: &str, login: &str) -> String {
        match self.to_callback(app, query, login).await {
            Ok(callback) => self.callback(&callback).await,
            Err(back) => back,
        }
    }

    /// `/api/auth/me/` with this browser's session: the user, or `None` (401/403).
    async fn me(&self, app: &TestApp) -> Option<Value> {
        let resp = self
            .client
            .get(format!("{}/api/auth/me/", app.base))
            .send()
            .await
            .expect("me");
        if resp.status() == 200 {
            Some(resp.json().await.expect("json"))
        } else {
            None
        }
    }
}

/// The error code natter sent the browser back with, if it did.
fn sign_in_error(location: &str) -> Option<String> {
    Url::parse(location)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == "sign_in_error")
        .map(|(_, v)| v.into_owned())
}

/// Query parameter `key` of `url`.
fn param(url: &str, key: &str) -> String {
    Url::parse(url)
        .expect("a URL")
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{url} has no {key}"))
}

/// `url` with query parameter `key` set to `value`.
fn with_param(url: &str, key: &str, value: &str) -> String {
    let mut parsed = Url::parse(url).expect("a URL");
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == key {
                value.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// Asserts natter refused: the browser is back with error `code`, and has no session.
async fn assert_refused(app: &TestApp, browser: &Browser, location: &str, code: &str) {
    let said = sign_in_error(location).unwrap_or_else(|| panic!("not refused: {location}"));
    assert_eq!(said, code, "{location}");
    assert!(browser.me(app).await.is_none(), "a session after: {said}");
}

/// Asserts natter signed the browser in: back at `/`, with a session.
async fn assert_signed_in(app: &TestApp, browser: &Browser, location: &str) -> Value {
    assert_eq!(
        location,
        format!("{}/", app.base),
        "sent back to the client"
    );
    browser.me(app).await.expect("a session")
}

#[tokio::test]
async fn the_code_flow_ends_in_a_session_that_the_apis_accept() {
    if !can_run("the_code_flow_ends_in_a_session_that_the_apis_accept") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let listed = providers(&app).await;
    assert_eq!(
        listed,
        json!([{"name": NAME, "label": "Test ID", "available": true, "start_url": "/auth/oidc/test/start"}])
    );
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "alice").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["username"], "alice", "{me}");
    // The chats list answers the session (seed 001 through the web client's session).
    let resp = browser
        .client
        .get(format!("{}/messages/api/chats/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // Signing in again finds the same account.
    let again = Browser::new();
    let back = again.sign_in(&app, "", "alice").await;
    let me2 = assert_signed_in(&app, &again, &back).await;
    assert_eq!(me2["id"], me["id"]);
    // The account page lists the provider; the account has no password.
    let resp = browser
        .client
        .get(format!("{}/api/account/identities/", app.base))
        .send()
        .await
        .unwrap();
    let linked: Value = resp.json().await.unwrap();
    assert_eq!(linked["has_password"], json!(false), "{linked}");
    assert_eq!(linked["identities"][0]["provider"], NAME, "{linked}");
    assert_eq!(
        linked["identities"][0]["email"], "alice@example.com",
        "{linked}"
    );
    // A password login of a provider-made account is refused with each surface's words.
    for (path, body, status) in [
        (
            "/api/auth/login/",
            json!({"username": "alice", "password": ""}),
            400,
        ),
        (
            "/api/auth/login/",
            json!({"username": "alice", "password": "anything-at-all"}),
            401,
        ),
        (
            "/accounts/api/token/",
            json!({"username": "alice", "password": "anything-at-all"}),
            401,
        ),
        (
            "/accounts/login/",
            json!({"username": "alice", "password": "anything-at-all"}),
            401,
        ),
    ] {
        let (got, answer) = app
            .call(reqwest::Method::POST, path, None, Some(body))
            .await;
        assert_eq!(got, status, "{path}: {answer}");
    }
    // The person sets a first password from the account page, without a current one.
    let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
    let resp = browser
        .client
        .post(format!("{}/api/account/password/", app.base))
        .header("X-CSRFToken", &csrf)
        .json(&json!({"new_password": "a-first-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let (got, answer) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "alice", "password": "a-first-password"})),
        )
        .await;
    assert_eq!(got, 200, "{answer}");
    // Now it has a password, the provider can be unlinked; before, it was the only way in.
    let resp = browser
        .client
        .delete(format!("{}/api/account/identities/{NAME}/", app.base))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    // Signing out ends a session made through a provider like any other.
    let resp = browser
        .client
        .post(format!("{}/accounts/logout/", app.base))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert!(browser.me(&app).await.is_none(), "signed out");
}

#[tokio::test]
async fn the_only_way_in_is_not_unlinked() {
    if !can_run("the_only_way_in_is_not_unlinked") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "solo").await;
    assert_signed_in(&app, &browser, &back).await;
    let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
    let resp = browser
        .client
        .delete(format!("{}/api/account/identities/{NAME}/", app.base))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert!(body.to_string().contains("only way"), "{body}");
    let resp = browser
        .client
        .delete(format!("{}/api/account/identities/nowhere/", app.base))
        .header("X-CSRFToken", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
}

#[tokio::test]
async fn seed_000_oauth_login_needs_the_provider_session() {
    if !can_run("seed_000_oauth_login_needs_the_provider_session") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "gina@example.com").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    let username = me["username"].as_str().unwrap().to_string();
    assert_eq!(username, "gina");
    let body = json!({"username": username, "password": "", "oauth": "true"});
    let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
    let resp = browser
        .client
        .post(format!("{}/api/auth/login/", app.base))
        .header("X-CSRFToken", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let answer: Value = resp.json().await.unwrap();
    let token = answer["token"].as_str().expect("a DRF token").to_string();
    let (status, _) = app.get("/api/auth/me/", &format!("Token {token}")).await;
    assert_eq!(status, 200);
    // Without that browser's session: the seed's 401.
    let (status, answer) = app
        .call(reqwest::Method::POST, "/api/auth/login/", None, Some(body))
        .await;
    assert_eq!(status, 401, "{answer}");
    assert_eq!(answer["error"], "User is not authenticated with Google");
}

#[tokio::test]
async fn a_tampered_state_and_a_replayed_code_are_refused() {
    if !can_run("a_tampered_state_and_a_replayed_code_are_refused") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let browser = Browser::new();
    // A state changed on the way back.
    let callback = browser.to_callback(&app, "", "mallory").await.unwrap();
    let state = param(&callback, "state");
    let tampered = with_param(&callback, "state", &format!("{state}x"));
    let back = browser.callback(&tampered).await;
    assert_refused(&app, &browser, &back, "expired").await;

    // A callback from another browser (the state's cookie is not there).
    let callback = browser.to_callback(&app, "", "mallory").await.unwrap();
    let stranger = Browser::new();
    let back = stranger.callback(&callback).await;
    assert!(sign_in_error(&back).is_some(), "{back}");
    assert!(stranger.me(&app).await.is_none());

    // A code used once, then again: the state is spent, and under a fresh state the
    // provider refuses the code (used, and its PKCE challenge was another's).
    let callback = browser.to_callback(&app, "", "mallory").await.unwrap();
    let back = browser.callback(&callback).await;
    assert_signed_in(&app, &browser, &back).await;
    let back = browser.callback(&callback).await;
    assert!(sign_in_error(&back).is_some(), "replayed: {back}");
    let fresh = Browser::new();
    let next = fresh.to_callback(&app, "", "mallory").await.unwrap();
    let replayed = with_param(&next, "code", &param(&callback, "code"));
    let back = fresh.callback(&replayed).await;
    assert_refused(&app, &fresh, &back, "code_refused").await;

    // Consent refused at the provider: a readable sentence, no session. (A new
    // browser: this one is signed in at the provider, which would not ask again.)
    let fresh = Browser::new();
    let start = format!("{}/auth/oidc/{NAME}/start", app.base);
    let (_, location, _) = fresh.get(&start).await;
    let mut url = location.unwrap();
    let mut aborted = None;
    for _ in 0..10 {
        let (status, location, _) = fresh.get(&url).await;
        if status == 200 && url.contains("/interaction/") {
            let (_, location, _) = fresh.get(&format!("{url}/abort")).await;
            aborted = location;
            break;
        }
        url = location.expect("redirect");
    }
    let mut url = aborted.expect("the provider's login form");
    while !url.starts_with(&app.base) || url.contains("/callback") {
        let (status, location, body) = fresh.get(&url).await;
        url = location.unwrap_or_else(|| panic!("{url}: {status} {body}"));
    }
    assert_refused(&app, &fresh, &url, "cancelled").await;
}

#[tokio::test]
async fn id_tokens_that_fail_a_check_are_refused() {
    if !can_run("id_tokens_that_fail_a_check_are_refused") {
        return;
    }
    let modes = ["nonce", "expired", "audience", "issuer", "unknown-key"];
    assert_each_tampered_token_refused(&modes, "trudy").await;
}

/// Signs `login` in once with the ID token wrong in each of `modes` (the provider's
/// tamper switch), each refused as unverified, then once with it right.
async fn assert_each_tampered_token_refused(modes: &[&str], login: &str) {
    let (app, provider, _dir) = both(&[]).await;
    for mode in modes {
        provider.tamper(mode).await;
        let browser = Browser::new();
        let back = browser.sign_in(&app, "", login).await;
        assert_refused(&app, &browser, &back, "unverified").await;
    }
    provider.tamper("").await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", login).await;
    assert_signed_in(&app, &browser, &back).await;
}

#[tokio::test]
async fn a_rotated_key_is_fetched_again() {
    if !can_run("a_rotated_key_is_fetched_again") {
        return;
    }
    let (app, mut provider, _dir) = both(&[]).await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "rita").await;
    let first = assert_signed_in(&app, &browser, &back).await;
    // A restart makes a new key under a new `kid`: natter holds only the old one.
    let port = provider.port;
    provider.stop();
    let provider = OidcProvider::start(port, &app.base);
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "rita").await;
    let again = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(first["id"], again["id"]);
    drop(provider);
}

#[tokio::test]
async fn an_email_alone_never_takes_over_an_account() {
    if !can_run("an_email_alone_never_takes_over_an_account") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let (ann, _) = app.register("ann").await; // ann@example.org, with a password
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "ann@example.org").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_ne!(
        me["id"].as_i64(),
        Some(ann),
        "a new account, not ann's: {me}"
    );
    assert_eq!(me["username"], "ann2", "{me}");
    // ann never confirmed the address; the provider verified it for this person, who
    // has it now (confirmed), and ann's account has none.
    assert_eq!(me["email"], "ann@example.org", "{me}");
    // ann's password still works, and her account has no provider.
    crate::helpers::another_key(&app, "ann", "correct-horse").await;

    // With --oidc-link-verified-email, a verified address joins the account whose
    // confirmed address it is; an unverified one never does, nor an address anyone
    // typed at sign-up and nobody confirmed.
    let (app, _provider, _dir) = both(&["--oidc-link-verified-email"]).await;
    let (ann, ann_key) = app.register("ann").await;
    let (bo, _) = app.register("bo").await;
    crate::team_cli::done(&app, &["users", "confirm-email", "bo"]);
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "unverified.bo@example.org").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_ne!(me["id"].as_i64(), Some(bo), "{me}");
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "ann@example.org").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_ne!(
        me["id"].as_i64(),
        Some(ann),
        "not the stranger's account: {me}"
    );
    assert_eq!(
        me["email"], "ann@example.org",
        "the proven owner has it: {me}"
    );
    let (_, stranger) = app.get("/api/account/", &ann_key).await;
    assert_eq!(stranger["email"], "", "{stranger}");
    // bo's address is confirmed: the provider joins bo's account, and every session
    // and key bo's account had before ends.
    let old_key = crate::helpers::another_key(&app, "bo", "correct-horse").await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "bo@example.org").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["id"].as_i64(), Some(bo), "{me}");
    let (status, _) = app.get("/api/auth/me/", &old_key).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "bo's old key ended");
}

#[tokio::test]
async fn a_signed_in_person_links_a_provider_from_the_account_page() {
    if !can_run("a_signed_in_person_links_a_provider_from_the_account_page") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let (cy, _) = app.register("cy").await;
    let browser = Browser::new();
    let resp = browser
        .client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "cy", "password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
    // The old start with the CSRF token links nothing: a link starts after the password.
    let back = browser
        .sign_in(&app, &format!("?link={csrf}"), "cy-at-work")
        .await;
    assert_eq!(
        sign_in_error(&back).as_deref(),
        Some("sign_in_first"),
        "{back}"
    );
    assert!(back.ends_with("#account"), "{back}");
    let back = browser
        .link(
            &app,
            json!({"current_password": "correct-horse"}),
            "cy-at-work",
        )
        .await;
    assert_eq!(back, format!("{}/#account", app.base));
    // The provider account now signs in to cy's.
    let other = Browser::new();
    let back = other.sign_in(&app, "", "cy-at-work").await;
    let me = assert_signed_in(&app, &other, &back).await;
    assert_eq!(me["id"].as_i64(), Some(cy));
    // A provider account bound to cy cannot be linked to someone else.
    let (_, _) = app.register("dee").await;
    let dee = Browser::new();
    dee.client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "dee", "password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    let back = dee
        .link(
            &app,
            json!({"current_password": "correct-horse"}),
            "cy-at-work",
        )
        .await;
    assert!(
        sign_in_error(&back).is_some_and(|e| e == "linked_elsewhere"),
        "{back}"
    );
    assert!(
        back.ends_with("#account"),
        "back to the account page: {back}"
    );
}

#[tokio::test]
async fn invite_and_closed_registration_hold_for_providers() {
    if !can_run("invite_and_closed_registration_hold_for_providers") {
        return;
    }
    // closed: no account is made.
    let (app, _provider, _dir) = both(&["--registration", "closed"]).await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "nobody").await;
    assert_refused(&app, &browser, &back, "registration_closed").await;

    // invite: a join link's code, or a verified address in an allowed domain.
    let (app, _provider, _dir) = both(&[
        "--registration",
        "invite",
        "--oidc-allowed-domains",
        "team.org",
    ])
    .await;
    let admin = operator_admin(&app, "boss").await;
    for login in ["stranger", "unverified.eve@team.org", "carol@elsewhere.org"] {
        let browser = Browser::new();
        let back = browser.sign_in(&app, "", login).await;
        assert_refused(&app, &browser, &back, "invitation_needed").await;
    }
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "bob@team.org").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["email"], "bob@team.org", "{me}");
    let code = invitation(&app, &admin, json!({"max_uses": 1})).await["code"]
        .as_str()
        .unwrap()
        .to_string();
    let browser = Browser::new();
    let back = browser
        .sign_in(&app, &format!("?invite={code}"), "stranger")
        .await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["username"], "stranger");
    // The code is used up.
    let browser = Browser::new();
    let back = browser
        .sign_in(&app, &format!("?invite={code}"), "another")
        .await;
    assert!(
        sign_in_error(&back).is_some_and(|e| e == "invitation_invalid"),
        "{back}"
    );
    // A deactivated person stays out whatever the provider says.
    let id = me["id"].as_i64().unwrap();
    let (status, body) = app
        .post(
            &format!("/api/admin/users/{id}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "stranger").await;
    assert_refused(&app, &browser, &back, "deactivated").await;
}

#[tokio::test]
async fn a_provider_down_at_start_up_is_discovered_later() {
    if !can_run("a_provider_down_at_start_up_is_discovered_later") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let app = natter_with_provider(&dir, port, &[]).await;
    // natter serves, and says the provider cannot be used yet.
    let listed = providers(&app).await;
    assert_eq!(listed[0]["available"], json!(false), "{listed}");
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "late").await;
    assert!(
        sign_in_error(&back).is_some_and(|e| e == "unavailable"),
        "{back}"
    );
    let (status, _) = app
        .call(reqwest::Method::GET, "/healthz/", None, None)
        .await;
    assert_eq!(status, 200);
    // Once the provider starts, discovery is retried and sign-in works.
    let _provider = OidcProvider::start(port, &app.base);
    wait_until_available(&app).await;
    let back = browser.sign_in(&app, "", "late").await;
    assert_signed_in(&app, &browser, &back).await;
}

#[tokio::test]
async fn a_missing_secret_stops_the_start_with_a_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("natter.db"))
        .args(["--oidc", "corp=https://id.example.org,natter"])
        .env_remove("NATTER_OIDC_CORP_SECRET")
        .output()
        .expect("natter runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("NATTER_OIDC_CORP_SECRET"), "{said}");
    assert!(
        !dir.path().join("natter.db").exists(),
        "refused before anything is written"
    );
}

#[tokio::test]
async fn password_sign_in_can_be_kept_for_administrators() {
    if !can_run("password_sign_in_can_be_kept_for_administrators") {
        return;
    }
    let (app, _provider, _dir) = both(&["--password-sign-in", "admins"]).await;
    app.register("boss").await; // the first account: an administrator
    crate::helpers::another_key(&app, "boss", "correct-horse").await;
    // Nobody else signs up with a password; the operator may still give one.
    let out = crate::team_cli::natter(
        &app,
        &[
            "create-user",
            "worker",
            "--email",
            "worker@example.org",
            "--password-stdin",
        ],
        "correct-horse\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for path in [
        "/api/auth/login/",
        "/accounts/api/token/",
        "/accounts/login/",
    ] {
        let (status, body) = app
            .call(
                reqwest::Method::POST,
                path,
                None,
                Some(json!({"username": "worker", "password": "correct-horse"})),
            )
            .await;
        assert_eq!(status, 401, "{path}: {body}");
        assert!(
            body.to_string().contains("for administrators"),
            "{path}: {body}"
        );
    }
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "worker2").await;
    assert_signed_in(&app, &browser, &back).await;
}

#[tokio::test]
async fn password_sign_in_for_administrators_needs_a_provider() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("natter.db"))
        .args(["--password-sign-in", "admins"])
        .output()
        .expect("natter runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--oidc"), "{said}");
}

#[tokio::test]
async fn a_sign_in_started_before_a_restart_finishes_after_it() {
    if !can_run("a_sign_in_started_before_a_restart_finishes_after_it") {
        return;
    }
    let (mut app, _provider, _dir) = both(&[]).await;
    let browser = Browser::new();
    let callback = browser.to_callback(&app, "", "patient").await.unwrap();
    // The attempt is in the database, not in the process that started it (another node,
    // or this one restarted, takes the provider's answer).
    let old_base = app.base.clone();
    app.kill_and_restart();
    wait_until_available(&app).await;
    let moved = callback.replacen(&old_base, &app.base, 1);
    let back = browser.callback(&moved).await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["username"], "patient");
}

/// The query of `location` (natter's redirect back to the web client), as pairs.
fn query_pairs(location: &str) -> Vec<(String, String)> {
    Url::parse(location)
        .expect("a URL")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn the_sign_in_page_is_sent_codes_never_sentences() {
    // No provider needs to answer: every answer here comes before natter asks one.
    let dir = tempfile::tempdir().expect("tempdir");
    let app = natter_with_provider(&dir, free_port(), &[]).await;
    let browser = Browser::new();
    let lure = "Confirm your password at https://evil.example/natter";
    let encoded: String = form_urlencoded::byte_serialize(lure.as_bytes()).collect();
    for (path, code, provider) in [
        (
            format!("/auth/oidc/{NAME}/callback?error=access_denied&error_description={encoded}"),
            "cancelled",
            Some(NAME),
        ),
        (
            format!("/auth/oidc/{NAME}/callback?error={encoded}&error_description={encoded}"),
            "denied",
            Some(NAME),
        ),
        // A name no provider has: the page gets no name to show either.
        (
            "/auth/oidc/elsewhere/callback?error=access_denied".to_string(),
            "cancelled",
            None,
        ),
        (
            format!("/auth/oidc/{NAME}/callback?state=forged&code=forged"),
            "expired",
            Some(NAME),
        ),
        (
            "/auth/oidc/elsewhere/start".to_string(),
            "unknown_provider",
            None,
        ),
        (
            format!("/auth/oidc/{NAME}/start"),
            "unavailable",
            Some(NAME),
        ),
    ] {
        let (status, location, body) = browser.get(&format!("{}{path}", app.base)).await;
        assert_eq!(status, 303, "{path}: {body}");
        let location = location.expect("a redirect");
        assert!(
            location.starts_with(&format!("{}/?", app.base)),
            "{location}"
        );
        let mut expected = vec![("sign_in_error".to_string(), code.to_string())];
        expected.extend(provider.map(|p| ("provider".to_string(), p.to_string())));
        assert_eq!(query_pairs(&location), expected, "{path}");
        assert!(!location.contains("evil"), "{location}");
    }
}

#[tokio::test]
async fn id_tokens_for_another_client_or_from_the_future_are_refused() {
    if !can_run("id_tokens_for_another_client_or_from_the_future_are_refused") {
        return;
    }
    assert_each_tampered_token_refused(&["azp", "future"], "tess").await;
}

#[tokio::test]
async fn a_sign_in_waits_for_a_slow_first_discovery() {
    if !can_run("a_sign_in_waits_for_a_slow_first_discovery") {
        return;
    }
    // natter starts while the provider is down; its next try reaches a provider that
    // takes three seconds to answer, and a sign-in made meanwhile waits for that answer.
    let dir = tempfile::tempdir().expect("tempdir");
    let port = free_port();
    let app = natter_with_provider(&dir, port, &[]).await;
    let provider = OidcProvider::start_with(port, &app.base, &[("DISCOVERY_DELAY_MS", "3000")]);
    let deadline = std::time::Instant::now() + WAIT * 3;
    while provider.discoveries().await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "natter never asked for the discovery document"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let listed = providers(&app).await;
    assert_eq!(
        listed[0]["available"],
        json!(false),
        "still under way: {listed}"
    );
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "slowpoke").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["username"], "slowpoke");
}

#[tokio::test]
async fn sign_ins_that_end_well_give_their_start_back() {
    if !can_run("sign_ins_that_end_well_give_their_start_back") {
        return;
    }
    let (app, _provider, _dir) = both(&["--rate-limits", "on"]).await;
    let start = format!("{}/auth/oidc/{NAME}/start", app.base);
    let to_provider = |location: &Option<String>| {
        location
            .as_deref()
            .is_some_and(|l| l.starts_with(&format!("http://{PROVIDER_HOST}")))
    };
    // 99 sign-ins started and left at the provider: each is counted.
    let idle = Browser::new();
    for n in 1..100 {
        let (_, location, _) = idle.get(&start).await;
        assert!(to_provider(&location), "start {n}: {location:?}");
    }
    // People behind the same address who sign in spend nothing.
    for n in 0..10 {
        let clerk = Browser::new();
        let back = clerk.sign_in(&app, "", &format!("clerk{n}")).await;
        assert_signed_in(&app, &clerk, &back).await;
    }
    // The hundredth unfinished start is let through, the one after it is not.
    let (_, location, _) = idle.get(&start).await;
    assert!(to_provider(&location), "the 100th: {location:?}");
    let (_, location, _) = idle.get(&start).await;
    let location = location.expect("a redirect");
    assert_eq!(
        sign_in_error(&location).as_deref(),
        Some("too_many_attempts"),
        "{location}"
    );
}

#[tokio::test]
async fn a_provider_name_only_postgresql_lower_case_joins_gets_its_own_account() {
    if !can_run("a_provider_name_only_postgresql_lower_case_joins_gets_its_own_account") {
        return;
    }
    // `İ` (U+0130) folds to `i̇` under Unicode's caseless matching, which natter's keys
    // use, while PostgreSQL's `lower()` makes it `i`: "İlker" and "ilker" are two names.
    let (app, _provider, _dir) = both(&[]).await;
    let (ilker, _) = app.register("ilker").await;
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "mail-holder", "email": "ilker@example.com", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let holder = body["user"]["id"].as_i64().expect("an id");
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "İlker").await;
    let me = assert_signed_in(&app, &browser, &back).await;
    assert_eq!(me["username"], "İlker", "{me}");
    assert_eq!(me["email"], "İlker@example.com", "{me}");
    assert!(
        ![Some(ilker), Some(holder)].contains(&me["id"].as_i64()),
        "{me}"
    );
    // Password sign-up follows the same rule on either store.
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "İlkay", "email": "İlkay@example.org", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "ilkay", "email": "ilkay@example.org", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

/// Gives the account `browser` is signed in to the password `correct-horse` (it has
/// none: a provider made it) and turns on its two-factor sign-in: the secret.
async fn with_two_factor(app: &TestApp, browser: &Browser, username: &str) -> String {
    let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
    let resp = browser
        .client
        .post(format!("{}/api/account/password/", app.base))
        .header("X-CSRFToken", &csrf)
        .json(&json!({"new_password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": username, "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let auth = format!("Token {}", body["token"].as_str().expect("token"));
    crate::two_factor::turn_on(app, &auth).await.0
}

/// Sends `otp` to finish the provider sign-in `browser` is in the middle of (with the
/// CSRF header a browser with a session sends).
async fn give_code(app: &TestApp, browser: &Browser, otp: &str) -> (StatusCode, Value) {
    let mut request = browser
        .client
        .post(format!("{}/api/auth/two-factor/", app.base))
        .json(&json!({"otp": otp}));
    if let Some(csrf) = browser.cookie(&app.base, "csrftoken") {
        request = request.header("X-CSRFToken", csrf);
    }
    let resp = request.send().await.expect("POST");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_provider_sign_in_asks_the_accounts_own_code_unless_the_provider_asked_a_second_factor() {
    if !can_run(
        "a_provider_sign_in_asks_the_accounts_own_code_unless_the_provider_asked_a_second_factor",
    ) {
        return;
    }
    let (app, provider, _dir) = both(&[]).await;
    app.register("root").await; // the first account, so alice is no administrator
    let first = Browser::new();
    let back = first.sign_in(&app, "", "alice").await;
    assert_signed_in(&app, &first, &back).await;
    let secret = with_two_factor(&app, &first, "alice").await;

    // The provider's token says one factor (no `amr`): natter asks the account's code
    // before any session.
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "alice").await;
    assert_eq!(back, format!("{}/?two_factor=provider", app.base));
    assert!(
        browser.me(&app).await.is_none(),
        "no session before the code"
    );
    let (status, body) = give_code(&app, &browser, "000000").await;
    assert_eq!(status, 400, "{body}");
    assert!(body["otp"].is_array(), "{body}");
    assert!(browser.me(&app).await.is_none());
    // Another browser (no cookie) cannot finish it.
    let (status, body) =
        give_code(&app, &Browser::new(), &crate::two_factor::code(&secret, 1)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["non_field_errors"].is_array(), "{body}");
    let (status, body) = give_code(&app, &browser, &crate::two_factor::code(&secret, 1)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["username"], "alice", "{body}");
    let me = browser.me(&app).await.expect("a session after the code");
    assert_eq!(me["username"], "alice");
    // The waiting sign-in is finished: its cookie is gone, and finishes no other.
    let cookie_path = format!("{}/api/auth/two-factor/", app.base);
    assert!(browser.cookie(&cookie_path, "natter_two_factor").is_none());
    let (status, body) = give_code(&app, &browser, &crate::two_factor::code(&secret, 2)).await;
    assert_eq!(status, 400, "{body}");

    // A token whose `amr` shows a second factor signs in straight away.
    provider.tamper("mfa").await;
    let vouched = Browser::new();
    let back = vouched.sign_in(&app, "", "alice").await;
    assert_signed_in(&app, &vouched, &back).await;
}

#[tokio::test]
async fn administrators_give_natters_code_after_a_provider_whatever_it_says() {
    if !can_run("administrators_give_natters_code_after_a_provider_whatever_it_says") {
        return;
    }
    let (app, provider, _dir) = both(&["--two-factor-for-admins"]).await;
    let first = Browser::new();
    let back = first.sign_in(&app, "", "boss").await; // the first account: an administrator
    let me = assert_signed_in(&app, &first, &back).await;
    assert_eq!(me["username"], "boss");
    let secret = with_two_factor(&app, &first, "boss").await;
    provider.tamper("mfa").await;
    let browser = Browser::new();
    let back = browser.sign_in(&app, "", "boss").await;
    assert_eq!(back, format!("{}/?two_factor=provider", app.base));
    assert!(
        browser.me(&app).await.is_none(),
        "no session before the code"
    );
    let (status, body) = give_code(&app, &browser, &crate::two_factor::code(&secret, 1)).await;
    assert_eq!(status, 200, "{body}");
    assert!(browser.me(&app).await.is_some());
}

#[tokio::test]
async fn linking_a_provider_asks_for_the_password_or_a_code() {
    if !can_run("linking_a_provider_asks_for_the_password_or_a_code") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let (_, cy_key) = app.register("cy").await;
    let browser = Browser::new();
    browser.password_login(&app, "cy", "correct-horse").await;
    // Nothing, or a wrong password: refused on the field, nothing started.
    let (status, body) = browser.ask_to_link(&app, json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["current_password"].is_array(), "{body}");
    let (status, body) = browser
        .ask_to_link(&app, json!({"current_password": "wrong-horse"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["current_password"].is_array(), "{body}");
    // A key (or a page of another site, without the CSRF header) links nothing.
    let (status, body) = app
        .post(
            &format!("/api/account/identities/{NAME}/"),
            &cy_key,
            json!({"current_password": "correct-horse"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["non_field_errors"].is_array(), "{body}");
    let resp = browser
        .client
        .post(format!("{}/api/account/identities/{NAME}/", app.base))
        .json(&json!({"current_password": "correct-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN, "no CSRF header");
    let (_, listed) = app.get("/api/account/identities/", &cy_key).await;
    assert_eq!(listed["identities"], json!([]), "{listed}");
    assert_eq!(listed["two_factor"], json!(false), "{listed}");

    // With two-factor sign-in on, a code alone will do, as the password would.
    let (secret, _) = crate::two_factor::turn_on(&app, &cy_key).await;
    let (status, body) = browser.ask_to_link(&app, json!({"otp": "000000"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["otp"].is_array(), "{body}");
    let code = crate::two_factor::code(&secret, 1);
    let back = browser.link(&app, json!({"otp": code}), "cy-at-work").await;
    assert_eq!(back, format!("{}/#account", app.base));
    let (_, listed) = app.get("/api/account/identities/", &cy_key).await;
    assert_eq!(listed["identities"][0]["provider"], NAME, "{listed}");

    // An account a provider made, with no password and no code, links from a fresh
    // sign-in of its own.
    let fresh = Browser::new();
    let back = fresh.sign_in(&app, "", "dee-at-home").await;
    assert_signed_in(&app, &fresh, &back).await;
    let (status, body) = fresh.ask_to_link(&app, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Asks for a reset link for `login` and sets `password` with the one mailed (the
/// `n`-th mail to arrive): the account's answer.
async fn reset_by_mail(
    app: &TestApp,
    sink: &crate::mail_sink::MailSink,
    login: &str,
    n: usize,
    password: &str,
) -> Value {
    let (status, _) = app
        .call(
            reqwest::Method::POST,
            "/api/account/forgot/",
            None,
            Some(json!({"login": login})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mails = sink.until(n).await;
    let (_, token) = crate::mail::link_in(&mails[n - 1], "/reset/");
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/account/reset/",
            None,
            Some(json!({"token": token, "new_password": password})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn a_reset_that_proves_the_address_ends_every_way_back_in() {
    if !can_run("a_reset_that_proves_the_address_ends_every_way_back_in") {
        return;
    }
    let Some(sink) = crate::mail_sink::MailSink::start_or_skip("reset_ends_links") else {
        return;
    };
    let smtp = sink.url();
    let (app, _provider, _dir) = both(&["--smtp", &smtp, "--mail-from", "chat@example.org"]).await;
    // mallory signs up with vera's address, which vera never confirmed, and links her
    // own provider account to it; she queues a message to send later.
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "mallory", "email": "vera@example.org",
                        "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let account = body["user"]["id"].as_i64().expect("id");
    let key = format!("Token {}", body["token"].as_str().expect("token"));
    sink.until(1).await; // the confirmation link, to vera
    let browser = Browser::new();
    browser
        .password_login(&app, "mallory", "correct-horse")
        .await;
    let back = browser
        .link(
            &app,
            json!({"current_password": "correct-horse"}),
            "mallory-id",
        )
        .await;
    assert_eq!(back, format!("{}/#account", app.base));
    let chat = crate::chats::group(&app, &key, "notes", &[]).await;
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let (status, queued) = app
        .post(
            "/messages/api/scheduled/",
            &key,
            json!({"chat_id": chat, "content": "in vera's name", "send_at": later}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{queued}");
    // A second link is under way in another browser of mallory's when vera resets.
    let second = Browser::new();
    second
        .password_login(&app, "mallory", "correct-horse")
        .await;
    let (status, body) = second
        .ask_to_link(&app, json!({"current_password": "correct-horse"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let under_way = second
        .follow_to_callback(&app, body["url"].as_str().expect("url").into(), "mallory-2")
        .await
        .expect("to the callback");
    let again = Browser::new();
    let back = again.sign_in(&app, "", "mallory-id").await;
    let me = assert_signed_in(&app, &again, &back).await;
    assert_eq!(me["id"].as_i64(), Some(account), "linked before the reset");

    // vera resets the password with the link mailed to her address.
    let answer = reset_by_mail(&app, &sink, "vera@example.org", 2, "vera-owns-it").await;
    assert_eq!(answer["username"], "mallory", "{answer}");
    // mallory's provider account no longer signs in to it (a new account is made).
    let after = Browser::new();
    let back = after.sign_in(&app, "", "mallory-id").await;
    let me = assert_signed_in(&app, &after, &back).await;
    assert_ne!(me["id"].as_i64(), Some(account), "{me}");
    // The link under way ends with the session that started it.
    let back = second.callback(&under_way).await;
    assert_eq!(
        sign_in_error(&back).as_deref(),
        Some("sign_in_again"),
        "{back}"
    );
    // The sessions that were mallory's are over.
    assert!(browser.me(&app).await.is_none());
    assert!(again.me(&app).await.is_none());
    let vera = crate::helpers::another_key(&app, "mallory", "vera-owns-it").await;
    let (_, listed) = app.get("/api/account/identities/", &vera).await;
    assert_eq!(listed["identities"], json!([]), "{listed}");
    let (_, account_page) = app.get("/api/account/", &vera).await;
    assert_eq!(account_page["email_confirmed"], true, "{account_page}");
    // What mallory queued is not sent in vera's name.
    let (_, list) = app.get("/messages/api/scheduled/", &vera).await;
    let states: Vec<Value> = list["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|s| s["state"].clone())
        .collect();
    assert_eq!(states, vec![json!("cancelled")], "{list}");
}

#[tokio::test]
async fn a_password_change_ends_the_links_other_sign_ins_made() {
    if !can_run("a_password_change_ends_the_links_other_sign_ins_made") {
        return;
    }
    let (app, _provider, _dir) = both(&[]).await;
    let (cy, _) = app.register("cy").await;
    let change = |browser: &Browser, current: &'static str, new: &'static str| {
        let csrf = browser.cookie(&app.base, "csrftoken").expect("csrftoken");
        let request = browser
            .client
            .post(format!("{}/api/account/password/", app.base))
            .header("X-CSRFToken", csrf)
            .json(&json!({"current_password": current, "new_password": new}));
        async move {
            let resp = request.send().await.expect("POST");
            assert_eq!(
                resp.status(),
                200,
                "{}",
                resp.text().await.unwrap_or_default()
            );
        }
    };
    let signs_in_to = |login: &'static str| {
        let app = &app;
        async move {
            let b = Browser::new();
            let back = b.sign_in(app, "", login).await;
            assert_signed_in(app, &b, &back).await["id"].as_i64()
        }
    };
    // One browser links; a password change from that same browser keeps its link.
    let linker = Browser::new();
    linker.password_login(&app, "cy", "correct-horse").await;
    linker
        .link(
            &app,
            json!({"current_password": "correct-horse"}),
            "cy-work",
        )
        .await;
    change(&linker, "correct-horse", "second-horse").await;
    assert_eq!(
        signs_in_to("cy-work").await,
        Some(cy),
        "kept by its own sign-in"
    );
    // A change from another sign-in ends that browser and the link it made.
    let owner = Browser::new();
    owner.password_login(&app, "cy", "second-horse").await;
    change(&owner, "second-horse", "third-horse").await;
    assert!(linker.me(&app).await.is_none());
    assert_ne!(
        signs_in_to("cy-work").await,
        Some(cy),
        "ended with its sign-in"
    );

    // The provider account that made an account stays through its password changes.
    let made = Browser::new();
    let back = made.sign_in(&app, "", "dee-home").await;
    let dee = assert_signed_in(&app, &made, &back).await["id"].as_i64();
    let csrf = made.cookie(&app.base, "csrftoken").expect("csrftoken");
    let resp = made
        .client
        .post(format!("{}/api/account/password/", app.base))
        .header("X-CSRFToken", csrf)
        .json(&json!({"new_password": "dee-first-horse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let other = Browser::new();
    other
        .password_login(&app, "dee-home", "dee-first-horse")
        .await;
    change(&other, "dee-first-horse", "dee-second-horse").await;
    assert_eq!(signs_in_to("dee-home").await, dee);
}
