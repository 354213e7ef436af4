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

/// A browser signed in as alice allows the waiting sign-in the page was sent with.
async fn allow(app: &TestApp, session: &Session, location: &str) -> Answer {
    let page = url::Url::parse(&format!("{}{location}", app.base)).expect("page");
    let pair = |name: &str| {
        page.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .expect(name)
    };
    let cookie = session.cookie();
    ask(
        app,
        Method::POST,
        "/api/auth/matrix/login-token/",
        &[
            ("Cookie", cookie.as_str()),
            ("X-CSRFToken", session.csrf.as_str()),
        ],
        Some(json!({"redirect_url": pair("matrix_sso"), "oauth": pair("matrix_oauth")})),
    )
    .await
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
    assert!(location.starts_with("/?matrix_sso="), "{location}");
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
    let (status, stale) = form(
        &app,
        token_endpoint,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", &client),
        ],
    )
    .await;
    assert_eq!(
        (status, &stale["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_grant"))
    );
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
