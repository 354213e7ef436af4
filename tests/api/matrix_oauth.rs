//! Matrix's OAuth 2.0 API through the real binary, natter as the authorization server:
//! the metadata, an app registering itself (its redirect addresses checked), a sign-in
//! sent to natter's page and allowed there by a browser session, the code traded once
//! with its PKCE verifier for a device, refresh tokens rotated, revocation, and the
//! requests that must never reach the app or must come back to it as OAuth errors.
//! (tests/browser/matrix-oauth.mjs walks the same flow in Chromium with a two-factor
//! code.)

use crate::helpers::*;
use crate::matrix_http::*;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const VERIFIER: &str = "a-long-random-verifier-of-at-least-forty-three-characters-0123";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A form POST to `path`; the answer's status and JSON.
async fn form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let answer = app
        .client
        .post(format!("{}{path}", app.base))
        .form(fields)
        .send()
        .await
        .expect("sent");
    let status = answer.status();
    (status, answer.json().await.unwrap_or(Value::Null))
}

/// Where a GET of `path` sends the browser (no redirect followed): status, Location.
async fn redirect(app: &TestApp, path: &str) -> (u16, String) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let answer = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("sent");
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (answer.status().as_u16(), location)
}

fn query_of(address: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(address).expect("an address");
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The authorize path for `client` with `redirect_uri`, the test's challenge, a device.
fn authorize_path(client: &str, redirect_uri: &str, state: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair(
            "scope",
            "urn:matrix:client:api:* urn:matrix:client:device:PHONE1",
        )
        .append_pair("state", state)
        .append_pair("code_challenge", &challenge(VERIFIER))
        .append_pair("code_challenge_method", "S256")
        .finish();
    format!("/_matrix/client/v1/oauth/authorize?{query}")
}

/// The waiting sign-in's id in the page address `authorize` sent the browser to.
fn grant_of(app: &TestApp, location: &str) -> String {
    let page = url::Url::parse(&format!("{}{location}", app.base)).expect("page");
    page.query_pairs()
        .find(|(k, _)| k == "matrix_oauth")
        .map(|(_, v)| v.into_owned())
        .expect("matrix_oauth")
}

/// `method path` from the browser signed in as `session`, with its CSRF token.
async fn in_browser(
    app: &TestApp,
    session: &Session,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Answer {
    let cookie = session.cookie();
    let headers = [
        ("Cookie", cookie.as_str()),
        ("X-CSRFToken", session.csrf.as_str()),
    ];
    ask(app, method, path, &headers, body).await
}

/// A browser signed in as `session` allows the waiting sign-in the page was sent with,
/// as natter's page does: by its id alone.
async fn allow(app: &TestApp, session: &Session, location: &str) -> Answer {
    let grant = grant_of(app, location);
    in_browser(
        app,
        session,
        Method::POST,
        "/api/auth/matrix/login-token/",
        Some(json!({"oauth": grant})),
    )
    .await
}

/// What natter's page is told of the waiting sign-in `grant`, asked by `session`.
async fn consent(app: &TestApp, session: &Session, grant: &str) -> Answer {
    let path = format!("/api/auth/matrix/oauth/{grant}/");
    in_browser(app, session, Method::GET, &path, None).await
}

/// An app registered from `metadata`: its client id.
async fn registered(app: &TestApp, metadata: Value) -> String {
    let answer = mx(
        app,
        Method::POST,
        "/_matrix/client/v1/oauth/register",
        None,
        Some(metadata),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.body["client_id"]
        .as_str()
        .expect("client_id")
        .to_string()
}

/// A device for alice through `client`'s OAuth sign-in: the token endpoint's answer.
async fn oauth_device(app: &TestApp, session: &Session, client: &str, redirect_uri: &str) -> Value {
    let (_, location) = redirect(app, &authorize_path(client, redirect_uri, "s")).await;
    let allowed = allow(app, session, &location).await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    let back = allowed.body["redirect_to"].as_str().expect("redirect_to");
    let code = query_of(back, "code").expect("code");
    let (status, tokens) = form(
        app,
        "/_matrix/client/v1/oauth/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri),
            ("client_id", client),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    tokens
}

/// The token endpoint's answer to `refresh` from `client`.
async fn refreshed(app: &TestApp, client: &str, refresh: &str) -> (StatusCode, Value) {
    form(
        app,
        "/_matrix/client/v1/oauth/token",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", client),
        ],
    )
    .await
}

/// `whoami` with `token`.
async fn whoami(app: &TestApp, token: &str) -> Answer {
    mx(
        app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(token),
        None,
    )
    .await
}

/// A string of an answer's JSON.
fn text(value: &Value, name: &str) -> String {
    value[name].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn an_app_signs_in_through_oauth_and_keeps_its_device_with_refresh_tokens() {
    let app = spawn().await;
    app.register("alice").await;
    let meta = mx(
        &app,
        Method::GET,
        "/_matrix/client/v1/auth_metadata",
        None,
        None,
    )
    .await;
    assert_eq!(meta.status, StatusCode::OK, "{}", meta.body);
    assert_eq!(
        meta.body["code_challenge_methods_supported"],
        json!(["S256"])
    );
    assert_eq!(
        meta.body["token_endpoint"],
        format!("{}/_matrix/client/v1/oauth/token", app.base)
    );
    let unstable = mx(
        &app,
        Method::GET,
        "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
        None,
        None,
    )
    .await;
    assert_eq!(unstable.body, meta.body);

    // Registration: redirect addresses must be the app's own.
    let register = |body: Value| {
        let app = &app;
        async move {
            mx(
                app,
                Method::POST,
                "/_matrix/client/v1/oauth/register",
                None,
                Some(body),
            )
            .await
        }
    };
    let stranger = register(json!({"client_uri": "https://app.example.com/", "redirect_uris": ["https://evil.example.net/cb"],
        "application_type": "web", "token_endpoint_auth_method": "none"})).await;
    assert_eq!(stranger.status, StatusCode::BAD_REQUEST);
    assert_eq!(stranger.body["error"], "invalid_redirect_uri");
    let secret = register(json!({"client_uri": "https://app.example.com/", "redirect_uris": ["https://app.example.com/cb"],
        "token_endpoint_auth_method": "client_secret_basic"})).await;
    assert_eq!(secret.body["error"], "invalid_client_metadata");
    let native = register(json!({"client_name": "Element X", "client_uri": "https://element.io/",
        "redirect_uris": ["io.element:/callback", "http://127.0.0.1/callback"], "application_type": "native",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
        "token_endpoint_auth_method": "none"})).await;
    assert_eq!(native.status, StatusCode::CREATED, "{}", native.body);
    let redirect_uri = "io.element:/callback";
    let client = native.body["client_id"]
        .as_str()
        .expect("client_id")
        .to_string();

    // Requests that must never go back to the app: an unknown app or address.
    let (status, location) =
        redirect(&app, &authorize_path("nmc_unknown", redirect_uri, "s")).await;
    assert_eq!((status, location.as_str()), (400, ""));
    let (status, _) = redirect(&app, &authorize_path(&client, "io.element:/other", "s")).await;
    assert_eq!(status, 400);
    // One that goes back with OAuth's error: no PKCE.
    let no_pkce = authorize_path(&client, redirect_uri, "s1")
        .replace("code_challenge_method=S256", "code_challenge_method=plain");
    let (status, location) = redirect(&app, &no_pkce).await;
    assert_eq!(status, 303);
    assert_eq!(
        query_of(&location, "error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(query_of(&location, "state").as_deref(), Some("s1"));

    // The sign-in goes to natter's page; alice, signed in there, allows it.
    let (status, location) = redirect(&app, &authorize_path(&client, redirect_uri, "xyz")).await;
    assert_eq!(status, 303, "{location}");
    // Only the sign-in's id: what the page shows of it, it asks the server.
    assert!(location.starts_with("/?matrix_oauth=nmg_"), "{location}");
    assert!(!location.contains("matrix_sso"), "{location}");
    let session = login(&app, "alice").await;
    let allowed = allow(&app, &session, &location).await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    let back = allowed.body["redirect_to"]
        .as_str()
        .expect("redirect_to")
        .to_string();
    assert!(back.starts_with("io.element:/callback?"), "{back}");
    assert_eq!(query_of(&back, "state").as_deref(), Some("xyz"));
    let code = query_of(&back, "code").expect("code");
    // It is allowed once.
    let again = allow(&app, &session, &location).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);

    let token_endpoint = "/_matrix/client/v1/oauth/token";
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect_uri),
        ("client_id", client.as_str()),
        ("code_verifier", VERIFIER),
    ];
    let (status, tokens) = form(&app, token_endpoint, &exchange).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    // An access token lives five minutes; the refresh token keeps the device.
    assert_eq!(tokens["expires_in"], 300, "{tokens}");
    assert!(tokens["scope"]
        .as_str()
        .expect("scope")
        .contains("urn:matrix:client:device:PHONE1"));
    let access = tokens["access_token"].as_str().expect("access").to_string();
    let refresh = tokens["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    let who = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&access),
        None,
    )
    .await;
    assert_eq!(who.body["device_id"], "PHONE1", "{}", who.body);
    assert_eq!(who.body["user_id"], format!("@alice:{SERVER}"));
    // The device is named after the app, as the account page lists it.
    let devices = mx(
        &app,
        Method::GET,
        &format!("{V3}/devices"),
        Some(&access),
        None,
    )
    .await;
    let listed = devices.body["devices"].as_array().expect("devices").clone();
    assert!(
        listed
            .iter()
            .any(|d| d["device_id"] == "PHONE1" && d["display_name"] == "Element X"),
        "{}",
        devices.body
    );
    // Refresh: new tokens, the old refresh token and access token end.
    let (status, renewed) = form(
        &app,
        token_endpoint,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", &client),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    let access2 = renewed["access_token"]
        .as_str()
        .expect("access")
        .to_string();
    let old = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&access),
        None,
    )
    .await;
    assert_error(&old, 401, "M_UNKNOWN_TOKEN");
    let who = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&access2),
        None,
    )
    .await;
    assert_eq!(who.body["device_id"], "PHONE1", "{}", who.body);

    // Revocation ends the device.
    let (status, _) = form(
        &app,
        "/_matrix/client/v1/oauth/revoke",
        &[("token", &access2), ("client_id", &client)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let gone = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&access2),
        None,
    )
    .await;
    assert_error(&gone, 401, "M_UNKNOWN_TOKEN");
    // Its refresh tokens, the used one and the newest, end with it.
    for token in [refresh.as_str(), text(&renewed, "refresh_token").as_str()] {
        let (status, stale) = refreshed(&app, &client, token).await;
        assert_eq!(
            (status, &stale["error"]),
            (StatusCode::BAD_REQUEST, &json!("invalid_grant"))
        );
    }
    let (status, _) = form(
        &app,
        "/_matrix/client/v1/oauth/revoke",
        &[("token", "nothing-of-ours")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "an unknown token is no error");
}

#[tokio::test]
async fn a_code_needs_its_verifier_and_its_app() {
    let app = spawn().await;
    app.register("alice").await;
    let registered = mx(&app, Method::POST, "/_matrix/client/v1/oauth/register", None, Some(json!({
        "client_name": "Web app", "client_uri": "https://web.example.org/", "redirect_uris": ["https://web.example.org/cb"],
        "token_endpoint_auth_method": "none"}))).await;
    assert_eq!(
        registered.status,
        StatusCode::CREATED,
        "{}",
        registered.body
    );
    let client = registered.body["client_id"]
        .as_str()
        .expect("client")
        .to_string();
    let redirect_uri = "https://web.example.org/cb";
    let session = login(&app, "alice").await;
    let token_endpoint = "/_matrix/client/v1/oauth/token";
    for (verifier, client_id, uri) in [
        (
            "a-wrong-verifier-that-is-long-enough-to-be-one-0123456789",
            client.as_str(),
            redirect_uri,
        ),
        (VERIFIER, "nmc_another", redirect_uri),
        (
            VERIFIER,
            client.as_str(),
            "https://web.example.org/elsewhere",
        ),
    ] {
        let (_, location) = redirect(&app, &authorize_path(&client, redirect_uri, "st")).await;
        let allowed = allow(&app, &session, &location).await;
        let back = allowed.body["redirect_to"]
            .as_str()
            .expect("redirect_to")
            .to_string();
        let code = query_of(&back, "code").expect("code");
        let (status, refused) = form(
            &app,
            token_endpoint,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", uri),
                ("client_id", client_id),
                ("code_verifier", verifier),
            ],
        )
        .await;
        assert_eq!(
            (status, &refused["error"]),
            (StatusCode::BAD_REQUEST, &json!("invalid_grant")),
            "{verifier} {client_id} {uri}"
        );
    }
    let (status, unsupported) = form(
        &app,
        token_endpoint,
        &[("grant_type", "password"), ("client_id", &client)],
    )
    .await;
    assert_eq!(
        (status, &unsupported["error"]),
        (StatusCode::BAD_REQUEST, &json!("unsupported_grant_type"))
    );
    let (status, missing) = form(
        &app,
        token_endpoint,
        &[("grant_type", "authorization_code")],
    )
    .await;
    assert_eq!(
        (status, &missing["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_request"))
    );
}

#[tokio::test]
async fn a_refusal_and_a_code_used_twice_are_told_to_the_app() {
    let app = spawn().await;
    app.register("alice").await;
    let registered = mx(&app, Method::POST, "/_matrix/client/v1/oauth/register", None, Some(json!({
        "client_name": "Web app", "client_uri": "https://web.example.org/", "redirect_uris": ["https://web.example.org/cb"],
        "token_endpoint_auth_method": "none"}))).await;
    let client = registered.body["client_id"]
        .as_str()
        .expect("client")
        .to_string();
    let redirect_uri = "https://web.example.org/cb";
    let session = login(&app, "alice").await;

    // The person says no: the app hears access_denied with its state.
    let (_, location) = redirect(&app, &authorize_path(&client, redirect_uri, "no-thanks")).await;
    let page = url::Url::parse(&format!("{}{location}", app.base)).expect("page");
    let grant = page
        .query_pairs()
        .find(|(k, _)| k == "matrix_oauth")
        .map(|(_, v)| v.into_owned())
        .expect("grant");
    let cookie = session.cookie();
    let browser = [
        ("Cookie", cookie.as_str()),
        ("X-CSRFToken", session.csrf.as_str()),
    ];
    let refused = ask(
        &app,
        Method::POST,
        "/api/auth/matrix/login-token/",
        &browser,
        Some(json!({"redirect_url": redirect_uri, "oauth": grant, "refuse": true})),
    )
    .await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
    let back = refused.body["redirect_to"].as_str().expect("redirect_to");
    assert_eq!(
        query_of(back, "error").as_deref(),
        Some("access_denied"),
        "{back}"
    );
    assert_eq!(query_of(back, "state").as_deref(), Some("no-thanks"));
    assert_eq!(query_of(back, "code"), None);

    // An error for an app that asked for the fragment goes in the fragment.
    let fragment = authorize_path(&client, redirect_uri, "f1")
        .replace("response_type=code", "response_type=token")
        + "&response_mode=fragment";
    let (status, location) = redirect(&app, &fragment).await;
    assert_eq!(status, 303);
    let fragment = url::Url::parse(&location)
        .expect("address")
        .fragment()
        .unwrap_or_default()
        .to_string();
    assert!(
        fragment.contains("error=unsupported_response_type") && fragment.contains("state=f1"),
        "{location}"
    );

    // A code traded twice ends the device the first trade made.
    let (_, location) = redirect(&app, &authorize_path(&client, redirect_uri, "s")).await;
    let allowed = allow(&app, &session, &location).await;
    let code = query_of(
        allowed.body["redirect_to"].as_str().expect("redirect_to"),
        "code",
    )
    .expect("code");
    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect_uri),
        ("client_id", client.as_str()),
        ("code_verifier", VERIFIER),
    ];
    let (status, tokens) = form(&app, "/_matrix/client/v1/oauth/token", &exchange).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let access = tokens["access_token"].as_str().expect("access").to_string();
    let (status, _) = form(&app, "/_matrix/client/v1/oauth/token", &exchange).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let ended = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&access),
        None,
    )
    .await;
    assert_error(&ended, 401, "M_UNKNOWN_TOKEN");
}

#[tokio::test]
async fn the_consent_page_is_told_where_the_code_goes_never_what_a_link_says() {
    let app = spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    // Mallory registers an app that calls itself "Element", sending codes to her host.
    let client = registered(
        &app,
        json!({
        "client_name": "Element", "client_uri": "https://mallory.example.net/",
        "redirect_uris": ["https://mallory.example.net/cb"], "token_endpoint_auth_method": "none"}),
    )
    .await;
    let (status, location) = redirect(
        &app,
        &authorize_path(&client, "https://mallory.example.net/cb", "m1"),
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let grant = grant_of(&app, &location);
    // She sends alice a link to natter's own page naming Element's real address.
    let lure = format!("/?matrix_sso=https%3A%2F%2Fapp.element.io%2F&matrix_oauth={grant}");
    let page = app
        .client
        .get(format!("{}{lure}", app.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);

    // What alice's page is told comes from the sign-in: Mallory's host, the name marked
    // as the app's own, how new the registration is; nothing of app.element.io, no mark
    // of trust.
    let alice = login(&app, "alice").await;
    let told = consent(&app, &alice, &grant).await;
    assert_eq!(told.status, StatusCode::OK, "{}", told.body);
    assert_eq!(told.body["redirect_scheme"], "https");
    assert_eq!(told.body["redirect_host"], "mallory.example.net");
    assert_eq!(told.body["client_name"], "Element");
    assert_eq!(told.body["client_uri_host"], "mallory.example.net");
    assert_eq!(told.body["recently_registered"], true);
    let ago = told.body["registered_secs_ago"].as_i64().expect("secs ago");
    assert!((0..600).contains(&ago), "{}", told.body);
    let said = told.body.to_string().to_lowercase();
    for never in ["app.element.io", "verified", "trusted"] {
        assert!(!said.contains(never), "{never} in {said}");
    }

    // Allowed with the lure's address beside the id: the code goes to Mallory's
    // registered address only, never to the address the page was given.
    let allowed = in_browser(
        &app,
        &alice,
        Method::POST,
        "/api/auth/matrix/login-token/",
        Some(json!({"redirect_url": "https://app.element.io/", "oauth": grant})),
    )
    .await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    let back = text(&allowed.body, "redirect_to");
    assert!(
        back.starts_with("https://mallory.example.net/cb?"),
        "{back}"
    );
    assert!(!back.contains("element.io"), "{back}");
    assert!(query_of(&back, "code").is_some(), "{back}");

    // Allowed once, it is no longer shown to anyone: a clear 404, as an unknown id.
    let bob = login(&app, "bob").await;
    for (who, id) in [
        (&alice, grant.as_str()),
        (&bob, grant.as_str()),
        (&alice, "nmg_00000000000000000000000000000000"),
        (&alice, "not-a-grant"),
    ] {
        let gone = consent(&app, who, id).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND, "{id}: {}", gone.body);
        assert!(
            gone.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("sign-in")),
            "{}",
            gone.body
        );
    }
    // Nor allowed again by another person.
    let again = in_browser(
        &app,
        &bob,
        Method::POST,
        "/api/auth/matrix/login-token/",
        Some(json!({"oauth": grant})),
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert!(again.body["oauth"].is_array(), "{}", again.body);

    // Another waiting sign-in: only a browser session is told of it.
    let (_, location) = redirect(
        &app,
        &authorize_path(&client, "https://mallory.example.net/cb", "m2"),
    )
    .await;
    let waiting = grant_of(&app, &location);
    let path = format!("/api/auth/matrix/oauth/{waiting}/");
    let (_, key) = app.register("carol").await;
    let (status, body) = app.get(&path, &key).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let anonymous = ask(&app, Method::GET, &path, &[], None).await;
    assert!(
        matches!(anonymous.status.as_u16(), 401 | 403),
        "{}",
        anonymous.body
    );
    // A native app's address is its own scheme, shown with no host.
    let native = registered(&app, json!({
        "client_name": "Element X", "client_uri": "https://element.io/", "application_type": "native",
        "redirect_uris": ["io.element:/callback"], "token_endpoint_auth_method": "none"})).await;
    let (_, location) = redirect(&app, &authorize_path(&native, "io.element:/callback", "n")).await;
    let told = consent(&app, &alice, &grant_of(&app, &location)).await;
    assert_eq!(told.status, StatusCode::OK, "{}", told.body);
    assert_eq!(told.body["redirect_scheme"], "io.element");
    assert_eq!(told.body["redirect_host"], Value::Null);
    assert_eq!(told.body["client_uri_host"], "element.io");
}

#[tokio::test]
async fn single_sign_on_sends_no_token_over_plain_http_to_another_machine() {
    let app = spawn().await;
    app.register("alice").await;
    let alice = login(&app, "alice").await;
    let token_for = |address: Option<&str>| {
        let app = &app;
        let alice = &alice;
        let body = match address {
            Some(a) => json!({"redirect_url": a}),
            None => json!({}),
        };
        async move {
            in_browser(
                app,
                alice,
                Method::POST,
                "/api/auth/matrix/login-token/",
                Some(body),
            )
            .await
        }
    };
    for plain in ["http://app.example.com/cb", "http://10.1.2.3:8080/cb"] {
        let refused = token_for(Some(plain)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{plain}");
        let why = refused.body["redirect_url"][0].as_str().unwrap_or_default();
        assert!(why.contains("http://"), "{plain}: {}", refused.body);
    }
    for fine in [
        "https://app.example.com/cb",
        "io.element.desktop:/sso",
        "http://localhost:29316/cb",
        "http://127.0.0.1:29316/cb",
        "http://[::1]:29316/cb",
    ] {
        let allowed = token_for(Some(fine)).await;
        assert_eq!(allowed.status, StatusCode::OK, "{fine}: {}", allowed.body);
        let to = text(&allowed.body, "redirect_to");
        assert!(query_of(&to, "loginToken").is_some(), "{to}");
    }
    let missing = token_for(None).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body["redirect_url"].is_array(), "{}", missing.body);
    // The app's own redirect to natter's page refuses it too, in Matrix's shape.
    let sso = mx(
        &app,
        Method::GET,
        &format!("{V3}/login/sso/redirect?redirectUrl=http%3A%2F%2Fapp.example.com%2Fcb"),
        None,
        None,
    )
    .await;
    assert_error(&sso, 400, "M_INVALID_PARAM");
}

#[tokio::test]
async fn a_refresh_token_replayed_after_rotation_ends_the_device() {
    let app = spawn().await;
    app.register("alice").await;
    let alice = login(&app, "alice").await;
    let redirect_uri = "https://web.example.org/cb";
    let client = registered(&app, json!({
        "client_name": "Web app", "client_uri": "https://web.example.org/", "redirect_uris": [redirect_uri],
        "token_endpoint_auth_method": "none"})).await;
    let first = oauth_device(&app, &alice, &client, redirect_uri).await;
    let (access1, refresh1) = (text(&first, "access_token"), text(&first, "refresh_token"));
    // A pusher the device set stays through a refresh: the device keeps what it made.
    let pusher = json!({
        "kind": "http", "app_id": "org.example.web", "pushkey": "KEY1", "app_display_name": "Web app",
        "device_display_name": "Laptop", "lang": "en",
        "data": {"url": "https://push.example.net/_matrix/push/v1/notify"}});
    let set = mx(
        &app,
        Method::POST,
        &format!("{V3}/pushers/set"),
        Some(&access1),
        Some(pusher),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    // So does a send's transaction id: retried across a refresh, it is sent once.
    let made = post(&app, &access1, "/createRoom", json!({"name": "notes"})).await;
    let room_id = text(&made.body, "room_id");
    let send = format!("/rooms/{room_id}/send/m.room.message/txn-1");
    let sent = put(
        &app,
        &access1,
        &send,
        json!({"msgtype": "m.text", "body": "hi"}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    let (status, second) = refreshed(&app, &client, &refresh1).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let (access2, refresh2) = (
        text(&second, "access_token"),
        text(&second, "refresh_token"),
    );
    assert_ne!(access2, access1);
    assert_eq!(whoami(&app, &access2).await.body["device_id"], "PHONE1");
    assert_error(&whoami(&app, &access1).await, 401, "M_UNKNOWN_TOKEN");
    let pushers = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushers"),
        Some(&access2),
        None,
    )
    .await;
    assert_eq!(
        pushers.body["pushers"][0]["pushkey"], "KEY1",
        "{}",
        pushers.body
    );
    let again = put(
        &app,
        &access2,
        &send,
        json!({"msgtype": "m.text", "body": "hi"}),
    )
    .await;
    assert_eq!(
        again.body["event_id"], sent.body["event_id"],
        "{}",
        again.body
    );

    // Someone kept the first refresh token and tries it: refused, and the device ends
    // with every token it holds, the newest included.
    let (status, replay) = refreshed(&app, &client, &refresh1).await;
    assert_eq!(
        (status, &replay["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_grant")),
        "{replay}"
    );
    let ended = whoami(&app, &access2).await;
    assert_error(&ended, 401, "M_UNKNOWN_TOKEN");
    assert_eq!(ended.body["soft_logout"], false, "{}", ended.body);
    let (status, newest) = refreshed(&app, &client, &refresh2).await;
    assert_eq!(
        (status, &newest["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_grant")),
        "{newest}"
    );
    // The account page no longer lists it.
    let listed = in_browser(&app, &alice, Method::GET, "/api/account/sessions/", None).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let rows = listed
        .body
        .as_array()
        .cloned()
        .or_else(|| listed.body["results"].as_array().cloned());
    assert!(
        rows.unwrap_or_default()
            .iter()
            .all(|s| s["kind"] != "device"),
        "{}",
        listed.body
    );
    // A refresh token of another app's id is refused and stays its own.
    let other = oauth_device(&app, &alice, &client, redirect_uri).await;
    let (status, _) = refreshed(&app, "nmc_another", &text(&other, "refresh_token")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, fine) = refreshed(&app, &client, &text(&other, "refresh_token")).await;
    assert_eq!(status, StatusCode::OK, "{fine}");
}

#[tokio::test]
async fn an_access_token_past_its_life_asks_for_a_refresh_which_brings_a_working_one() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--matrix-oauth-access-secs",
        "2",
    ])
    .await;
    app.register("alice").await;
    let alice = login(&app, "alice").await;
    let redirect_uri = "https://web.example.org/cb";
    let client = registered(&app, json!({
        "client_name": "Web app", "client_uri": "https://web.example.org/", "redirect_uris": [redirect_uri],
        "token_endpoint_auth_method": "none"})).await;
    let tokens = oauth_device(&app, &alice, &client, redirect_uri).await;
    assert_eq!(tokens["expires_in"], 2, "{tokens}");
    let access = text(&tokens, "access_token");
    // A password sign-in's device is not touched by the OAuth life.
    let phone = token_of(&sign_in(&app, "alice", Some("PASSWORD1")).await);

    // Its life runs out on the server's clock: the token is then refused as Matrix
    // says an expired one is, with soft_logout, while the device stays listed.
    let deadline = std::time::Instant::now() + WAIT;
    let expired = loop {
        let answer = whoami(&app, &access).await;
        if answer.status == StatusCode::UNAUTHORIZED {
            break answer;
        }
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert!(
            std::time::Instant::now() < deadline,
            "the access token still works"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_error(&expired, 401, "M_UNKNOWN_TOKEN");
    assert_eq!(expired.body["soft_logout"], true, "{}", expired.body);
    let devices = mx(
        &app,
        Method::GET,
        &format!("{V3}/devices"),
        Some(&phone),
        None,
    )
    .await;
    let ids: Vec<&str> = devices.body["devices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["device_id"].as_str())
        .collect();
    assert!(
        ids.contains(&"PHONE1") && ids.contains(&"PASSWORD1"),
        "{}",
        devices.body
    );
    assert_eq!(whoami(&app, &phone).await.status, StatusCode::OK);

    // A refresh brings a working one for the same device; the old one is then unknown.
    let (status, renewed) = refreshed(&app, &client, &text(&tokens, "refresh_token")).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    let who = whoami(&app, &text(&renewed, "access_token")).await;
    assert_eq!(who.status, StatusCode::OK, "{}", who.body);
    assert_eq!(who.body["device_id"], "PHONE1");
    let old = whoami(&app, &access).await;
    assert_error(&old, 401, "M_UNKNOWN_TOKEN");
    assert_eq!(old.body["soft_logout"], false, "{}", old.body);
}
