//! The Matrix surface's front door, through the real binary: discovery, password
//! sign-in as a device (never for an account with two-factor sign-in), whoami, devices
//! listed and ended from Matrix and from natter's account page, sign-out, errors in
//! Matrix's shape, CORS for any origin with no cookie read, and federation refused.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::matrix_http::*;

#[tokio::test]
async fn an_app_finds_the_server_and_what_it_speaks() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        "chat.example.org",
    ])
    .await;
    let known = mx(&app, Method::GET, "/.well-known/matrix/client", None, None).await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(known.body["m.homeserver"]["base_url"], app.base);
    // Encryption is the apps' own choice unless an administrator refuses it.
    assert!(
        known.body.get("io.element.e2ee").is_none(),
        "{}",
        known.body
    );
    let versions = mx(&app, Method::GET, "/_matrix/client/versions", None, None).await;
    assert_eq!(versions.status, StatusCode::OK);
    let list: Vec<&str> = versions.body["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        list.contains(&"v1.11") && list.contains(&"r0.6.1"),
        "{list:?}"
    );
    let flows = mx(&app, Method::GET, &format!("{V3}/login"), None, None).await;
    assert_eq!(flows.body["flows"][0]["type"], "m.login.password");
    // No federation, and nothing half-working in its place.
    assert_error(
        &mx(&app, Method::GET, "/.well-known/matrix/server", None, None).await,
        404,
        "M_NOT_FOUND",
    );
    for path in [
        "/_matrix/federation/v1/version",
        "/_matrix/key/v2/server",
        "/_matrix/client/v3/no/such/thing",
    ] {
        assert_error(
            &mx(&app, Method::GET, path, None, None).await,
            404,
            "M_UNRECOGNIZED",
        );
    }
    assert_error(
        &mx(&app, Method::DELETE, &format!("{V3}/login"), None, None).await,
        405,
        "M_UNRECOGNIZED",
    );
    // The server name is kept: a start naming another is refused.
    let mut app = app;
    app.kill();
    let refused = std::process::Command::new(crate::helpers::natter_bin())
        .args([
            "--listen",
            "127.0.0.1:0",
            "--db",
            &app.db,
            "--matrix-server-name",
            "other.example.org",
        ])
        .output()
        .expect("natter runs");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("chat.example.org"), "{said}");
}

#[tokio::test]
async fn a_password_sign_in_is_a_device_that_whoami_names_until_it_signs_out() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        "chat.example.org",
    ])
    .await;
    app.register("Zoë").await;
    // A bare name as typed, the full id, the mapped localpart: one person.
    let first = sign_in(&app, "Zoë", Some("PHONE")).await;
    let token = token_of(&first);
    assert_eq!(first.body["user_id"], "@zo=c3=ab:chat.example.org");
    assert_eq!(first.body["device_id"], "PHONE");
    assert_eq!(
        first.body["well_known"]["m.homeserver"]["base_url"],
        app.base
    );
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let by_id = sign_in(&app, "@zo=c3=ab:chat.example.org", None).await;
    let second = token_of(&by_id);
    assert_ne!(by_id.body["device_id"], "PHONE");
    token_of(&sign_in(&app, "zo=c3=ab", Some("LAPTOP")).await);

    let me = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(
        me.body,
        json!({"user_id": "@zo=c3=ab:chat.example.org", "device_id": "PHONE", "is_guest": false})
    );
    // The token in the query works too.
    let by_query = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami?access_token={second}"),
        None,
        None,
    )
    .await;
    assert_eq!(by_query.status, StatusCode::OK, "{}", by_query.body);

    // Wrong passwords, other servers' ids and unknown people are one answer.
    for user in ["Zoë", "@zo=c3=ab:elsewhere.org", "nobody"] {
        let wrong = mx(&app, Method::POST, &format!("{V3}/login"), None, Some(json!({
            "type": "m.login.password", "identifier": {"type": "m.id.user", "user": user}, "password": "wrong-horse"
        }))).await;
        assert_error(&wrong, 403, "M_FORBIDDEN");
    }
    let unknown_type = mx(
        &app,
        Method::POST,
        &format!("{V3}/login"),
        None,
        Some(json!({"type": "m.login.magic"})),
    )
    .await;
    assert_error(&unknown_type, 400, "M_UNKNOWN");
    let not_json = ask(
        &app,
        Method::POST,
        &format!("{V3}/login"),
        &[("Content-Type", "application/json")],
        None,
    )
    .await;
    assert_error(&not_json, 400, "M_BAD_JSON");

    // Signing in again as the same device replaces it: the old token is gone.
    let again = token_of(&sign_in(&app, "Zoë", Some("PHONE")).await);
    let old = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&token),
        None,
    )
    .await;
    assert_error(&old, 401, "M_UNKNOWN_TOKEN");
    assert_eq!(old.body["soft_logout"], false);

    let out = mx(
        &app,
        Method::POST,
        &format!("{V3}/logout"),
        Some(&again),
        Some(json!({})),
    )
    .await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.body);
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/account/whoami"),
            Some(&again),
            None,
        )
        .await,
        401,
        "M_UNKNOWN_TOKEN",
    );
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/account/whoami"),
            None,
            None,
        )
        .await,
        401,
        "M_MISSING_TOKEN",
    );
}

#[tokio::test]
async fn an_account_with_two_factor_is_never_signed_in_by_its_password_alone() {
    let app = TestApp::spawn().await;
    let (_, key) = app.register("carol").await;
    crate::two_factor::turn_on(&app, &key).await;
    let refused = sign_in(&app, "carol", None).await;
    assert_error(&refused, 403, "M_FORBIDDEN");
    assert!(
        refused.body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("two-factor"),
        "{}",
        refused.body
    );
    assert!(refused.body.get("access_token").is_none());
    // No device was made.
    let (_, listed) = app.get("/api/account/sessions/", &key).await;
    let kinds: Vec<&str> = listed
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(!kinds.contains(&"device"), "{listed}");
}

#[tokio::test]
async fn devices_are_natter_sign_ins_listed_named_and_ended_from_both_sides() {
    let app = TestApp::spawn().await;
    let (_, key) = app.register("dave").await;
    let phone = token_of(&sign_in(&app, "dave", Some("PHONE")).await);
    let laptop = token_of(&sign_in(&app, "dave", Some("LAPTOP")).await);
    let tablet = token_of(&sign_in(&app, "dave", Some("TABLET")).await);

    let listed = mx(
        &app,
        Method::GET,
        &format!("{V3}/devices"),
        Some(&phone),
        None,
    )
    .await;
    let ids: Vec<&str> = listed.body["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .filter_map(|d| d["device_id"].as_str())
        .collect();
    assert_eq!(ids, ["PHONE", "LAPTOP", "TABLET"], "{}", listed.body);
    assert_eq!(
        listed.body["devices"][0]["display_name"],
        "Element on the phone"
    );

    let renamed = mx(
        &app,
        Method::PUT,
        &format!("{V3}/devices/LAPTOP"),
        Some(&phone),
        Some(json!({"display_name": "Work laptop"})),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let one = mx(
        &app,
        Method::GET,
        &format!("{V3}/devices/LAPTOP"),
        Some(&phone),
        None,
    )
    .await;
    assert_eq!(one.body["display_name"], "Work laptop");
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/devices/NOPE"),
            Some(&phone),
            None,
        )
        .await,
        404,
        "M_NOT_FOUND",
    );

    // natter's account page lists them by name and ends one: its token stops at once.
    let (_, sessions) = app.get("/api/account/sessions/", &key).await;
    let laptop_row = sessions
        .as_array()
        .expect("list")
        .iter()
        .find(|s| s["name"] == "Work laptop")
        .cloned()
        .unwrap_or_else(|| panic!("{sessions}"));
    assert_eq!(laptop_row["kind"], "device");
    let path = format!(
        "/api/account/sessions/{}/",
        laptop_row["id"].as_str().expect("id")
    );
    let (ended, _) = app.call(Method::DELETE, &path, Some(&key), None).await;
    assert_eq!(ended, StatusCode::NO_CONTENT);
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/account/whoami"),
            Some(&laptop),
            None,
        )
        .await,
        401,
        "M_UNKNOWN_TOKEN",
    );

    // One device ends another; someone else's device is out of reach.
    let (_, other_key) = app.register("erin").await;
    let erins = token_of(&sign_in(&app, "erin", Some("TABLET")).await);
    let gone = mx(
        &app,
        Method::POST,
        &format!("{V3}/delete_devices"),
        Some(&phone),
        Some(json!({"devices": ["TABLET"]})),
    )
    .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/account/whoami"),
            Some(&tablet),
            None,
        )
        .await,
        401,
        "M_UNKNOWN_TOKEN",
    );
    let erin_still = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&erins),
        None,
    )
    .await;
    assert_eq!(erin_still.status, StatusCode::OK, "{}", erin_still.body);

    // Signing out everywhere ends browser sessions and devices, not keys.
    let browser = login(&app, "dave").await;
    let all = mx(
        &app,
        Method::POST,
        &format!("{V3}/logout/all"),
        Some(&phone),
        None,
    )
    .await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/account/whoami"),
            Some(&phone),
            None,
        )
        .await,
        401,
        "M_UNKNOWN_TOKEN",
    );
    let cookie = browser.cookie();
    let by_cookie = ask(
        &app,
        Method::GET,
        "/api/account/sessions/",
        &[("Cookie", cookie.as_str())],
        None,
    )
    .await;
    assert_eq!(
        by_cookie.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        by_cookie.body
    );
    let (still, _) = app.get("/api/account/sessions/", &key).await;
    assert_eq!(still, StatusCode::OK);
    let (erin_ok, _) = app.get("/api/account/sessions/", &other_key).await;
    assert_eq!(erin_ok, StatusCode::OK);
}

#[tokio::test]
async fn no_cookie_and_no_natter_key_is_a_matrix_credential_and_any_origin_may_call() {
    let app = TestApp::spawn().await;
    let (_, key) = app.register("fay").await;
    let browser = login(&app, "fay").await;
    let cookie = browser.cookie();
    let whoami = format!("{V3}/account/whoami");
    let by_cookie = ask(
        &app,
        Method::GET,
        &whoami,
        &[("Cookie", cookie.as_str())],
        None,
    )
    .await;
    assert_error(&by_cookie, 401, "M_MISSING_TOKEN");
    let drf = key.trim_start_matches("Token ").to_string();
    assert_error(
        &mx(&app, Method::GET, &whoami, Some(&drf), None).await,
        401,
        "M_UNKNOWN_TOKEN",
    );
    let as_token = ask(
        &app,
        Method::GET,
        &whoami,
        &[("Authorization", key.as_str())],
        None,
    )
    .await;
    assert_error(&as_token, 401, "M_UNKNOWN_TOKEN");
    // And a device's token is no session cookie.
    let token = token_of(&sign_in(&app, "fay", None).await);
    let as_cookie = format!("sessionid={token}");
    let riding = ask(
        &app,
        Method::GET,
        "/api/account/sessions/",
        &[("Cookie", as_cookie.as_str())],
        None,
    )
    .await;
    assert_eq!(riding.status, StatusCode::UNAUTHORIZED, "{}", riding.body);
    // Two different tokens are refused, not one picked.
    let both = mx(
        &app,
        Method::GET,
        &format!("{whoami}?access_token=other"),
        Some(&token),
        None,
    )
    .await;
    assert_error(&both, 400, "M_INVALID_PARAM");

    let preflight = ask(
        &app,
        Method::OPTIONS,
        &whoami,
        &[
            ("Origin", "https://app.element.io"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
        None,
    )
    .await;
    assert_eq!(preflight.status, StatusCode::OK);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert!(preflight
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .contains("Authorization"));
    assert!(preflight
        .header("access-control-allow-credentials")
        .is_none());
    let error = ask(
        &app,
        Method::GET,
        &whoami,
        &[("Origin", "https://app.element.io")],
        None,
    )
    .await;
    assert_eq!(error.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn filters_and_rules_an_app_reads_at_start() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        "example.org",
    ])
    .await;
    app.register("gus").await;
    app.register("hal").await;
    let token = token_of(&sign_in(&app, "gus", None).await);
    let filter = json!({"room": {"timeline": {"limit": 20}, "state": {"lazy_load_members": true}}});
    let made = mx(
        &app,
        Method::POST,
        &format!("{V3}/user/@gus:example.org/filter"),
        Some(&token),
        Some(filter.clone()),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let id = made.body["filter_id"]
        .as_str()
        .expect("filter_id")
        .to_string();
    assert!(!id.starts_with('{'));
    let back = mx(
        &app,
        Method::GET,
        &format!("{V3}/user/@gus:example.org/filter/{id}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(back.body, filter);
    let others = mx(
        &app,
        Method::POST,
        &format!("{V3}/user/@hal:example.org/filter"),
        Some(&token),
        Some(filter),
    )
    .await;
    assert_error(&others, 403, "M_FORBIDDEN");
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/user/@gus:example.org/filter/nope"),
            Some(&token),
            None,
        )
        .await,
        404,
        "M_NOT_FOUND",
    );
    let huge = json!({"room": {"not_rooms": vec!["!x:example.org"; 1000]}});
    assert_error(
        &mx(
            &app,
            Method::POST,
            &format!("{V3}/user/@gus:example.org/filter"),
            Some(&token),
            Some(huge),
        )
        .await,
        413,
        "M_TOO_LARGE",
    );
    // A known field of the wrong type is refused, as Synapse refuses it; unknown ones stay.
    for wrong in [
        json!({"room": {"timeline": {"limit": "20"}}}),
        json!({"room": {"rooms": [true]}}),
        json!({"room": {"state": {"lazy_load_members": 1}}}),
        json!({"presence": {"senders": ["gus"]}}),
        json!({"event_format": "raw"}),
    ] {
        assert_error(
            &mx(
                &app,
                Method::POST,
                &format!("{V3}/user/@gus:example.org/filter"),
                Some(&token),
                Some(wrong),
            )
            .await,
            400,
            "M_BAD_JSON",
        );
    }
    let extended = json!({"room": {"timeline": {"limit": 5, "org.example.new": [1]}}});
    let kept = mx(
        &app,
        Method::POST,
        &format!("{V3}/user/@gus:example.org/filter"),
        Some(&token),
        Some(extended),
    )
    .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);

    let rules = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushrules/"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(rules.status, StatusCode::OK, "{}", rules.body);
    let ids: Vec<&str> = rules.body["global"]["underride"]
        .as_array()
        .expect("underride")
        .iter()
        .filter_map(|r| r["rule_id"].as_str())
        .collect();
    assert!(ids.contains(&".m.rule.message"), "{ids:?}");
    assert_eq!(rules.body["global"]["content"][0]["pattern"], "gus");
    let caps = mx(
        &app,
        Method::GET,
        &format!("{V3}/capabilities"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        caps.body["capabilities"]["m.room_versions"]["default"],
        "10"
    );
    let media = mx(
        &app,
        Method::GET,
        "/_matrix/client/v1/media/config",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(media.body["m.upload.size"], 25 * 1024 * 1024);
}

/// Where `GET path` sends the browser: the status and `Location`, not followed.
async fn redirect_of(app: &TestApp, path: &str) -> (u16, String, Value) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let resp = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("sent");
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = resp.json().await.unwrap_or(Value::Null);
    (status, location, body)
}

#[tokio::test]
async fn single_sign_on_trades_a_one_use_token_from_natters_sign_in_page_for_a_device() {
    let app = spawn().await;
    let (_, key) = app.register("carol").await;
    let (secret, _) = crate::two_factor::turn_on(&app, &key).await;
    let flows = mx(&app, Method::GET, &format!("{V3}/login"), None, None).await;
    let types: Vec<&str> = flows.body["flows"]
        .as_array()
        .expect("flows")
        .iter()
        .filter_map(|f| f["type"].as_str())
        .collect();
    assert_eq!(
        types,
        ["m.login.password", "m.login.sso", "m.login.token"],
        "{}",
        flows.body
    );

    // The app's redirect goes to natter's sign-in page, carrying the app's address.
    let app_address = "https://app.example.org/welcome?x=1#/login";
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("redirectUrl", app_address)
        .finish();
    let (status, location, _) =
        redirect_of(&app, &format!("{V3}/login/sso/redirect?{query}")).await;
    assert!(matches!(status, 302 | 303), "{status}");
    let kept = location
        .strip_prefix("/?")
        .map(|q| form_urlencoded::parse(q.as_bytes()).collect::<Vec<_>>())
        .unwrap_or_default();
    assert_eq!(
        kept,
        [("matrix_sso".into(), app_address.into())],
        "{location}"
    );
    let (status, _, _) =
        redirect_of(&app, &format!("{V3}/login/sso/redirect/natter?{query}")).await;
    assert!(
        matches!(status, 302 | 303),
        "an identity provider's id is taken too"
    );
    let (status, _, missing) = redirect_of(&app, &format!("{V3}/login/sso/redirect")).await;
    assert_eq!(
        (status, &missing["errcode"]),
        (400, &json!("M_MISSING_PARAM"))
    );
    let (status, _, bad) = redirect_of(
        &app,
        &format!("{V3}/login/sso/redirect?redirectUrl=javascript:alert(1)"),
    )
    .await;
    assert_eq!((status, &bad["errcode"]), (400, &json!("M_INVALID_PARAM")));

    // Signed in in the browser with the password and a code, the page asks for a token.
    let signed = ask(
        &app,
        Method::POST,
        "/accounts/login/",
        &[],
        Some(json!({"username": "carol", "password": "correct-horse", "otp": crate::two_factor::code(&secret, 1)})),
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let cookie_value = |name: &str| {
        signed
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix(&format!("{name}=")))
            .and_then(|c| c.split(';').next())
            .expect("a cookie")
            .to_string()
    };
    let session = Session {
        id: cookie_value("sessionid"),
        csrf: cookie_value("csrftoken"),
    };
    let cookie = session.cookie();
    let browser = [
        ("Cookie", cookie.as_str()),
        ("X-CSRFToken", session.csrf.as_str()),
    ];
    let path = "/api/auth/matrix/login-token/";
    let no_csrf = ask(
        &app,
        Method::POST,
        path,
        &browser[..1],
        Some(json!({"redirect_url": app_address})),
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN, "{}", no_csrf.body);
    for bad in ["javascript:alert(1)", "/relative", "", "data:text/html,hi"] {
        let refused = ask(
            &app,
            Method::POST,
            path,
            &browser,
            Some(json!({"redirect_url": bad})),
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            refused.body
        );
        assert!(refused.body["redirect_url"].is_array(), "{}", refused.body);
    }
    // A key is not a browser: it never becomes a device this way.
    let by_key = ask(
        &app,
        Method::POST,
        path,
        &[("Authorization", key.as_str())],
        Some(json!({"redirect_url": app_address})),
    )
    .await;
    assert_eq!(by_key.status, StatusCode::BAD_REQUEST, "{}", by_key.body);
    assert!(
        by_key.body["non_field_errors"].is_array(),
        "{}",
        by_key.body
    );

    let given = ask(
        &app,
        Method::POST,
        path,
        &browser,
        Some(json!({"redirect_url": app_address})),
    )
    .await;
    assert_eq!(given.status, StatusCode::OK, "{}", given.body);
    let redirect_to = given.body["redirect_to"].as_str().expect("redirect_to");
    let parsed = url::Url::parse(redirect_to).expect("an address");
    assert_eq!(parsed.fragment(), Some("/login"), "{redirect_to}");
    assert_eq!(parsed.path(), "/welcome");
    let login_token = parsed
        .query_pairs()
        .find(|(k, _)| k == "loginToken")
        .map(|(_, v)| v.into_owned())
        .expect("a loginToken");
    assert!(
        parsed.query_pairs().any(|(k, v)| k == "x" && v == "1"),
        "{redirect_to}"
    );

    // The app trades it once for a device of the account, two-factor and all.
    let trade = json!({"type": "m.login.token", "token": login_token, "initial_device_display_name": "Element"});
    let device = mx(
        &app,
        Method::POST,
        &format!("{V3}/login"),
        None,
        Some(trade.clone()),
    )
    .await;
    let token = token_of(&device);
    assert_eq!(device.body["user_id"], format!("@carol:{SERVER}"));
    let me = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(
        me.body["user_id"],
        format!("@carol:{SERVER}"),
        "{}",
        me.body
    );
    assert_error(
        &mx(
            &app,
            Method::POST,
            &format!("{V3}/login"),
            None,
            Some(trade),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    let made_up = json!({"type": "m.login.token", "token": "nlt_0000"});
    assert_error(
        &mx(
            &app,
            Method::POST,
            &format!("{V3}/login"),
            None,
            Some(made_up),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    // The device is a natter sign-in of the account, named as the app asked.
    let (_, listed) = app.get("/api/account/sessions/", &key).await;
    assert!(
        listed
            .as_array()
            .expect("list")
            .iter()
            .any(|s| s["kind"] == "device" && s["name"] == "Element"),
        "{listed}"
    );
}

#[tokio::test]
async fn a_rooms_notification_setting_in_a_matrix_app_is_natters_level() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let group = room(chats.group);
    let level = |chat: i64| {
        let (app, alice) = (&app, &alice);
        async move {
            let (_, body) = app.get(&format!("/api/notifications/{chat}/"), alice).await;
            body["level"].as_str().unwrap_or_default().to_string()
        }
    };
    let rules = format!("{V3}/pushrules/global");
    // "Mentions and keywords": a room rule that does not notify.
    let put = mx(
        &app,
        Method::PUT,
        &format!("{rules}/room/{group}"),
        Some(&token),
        Some(json!({"actions": []})),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(level(chats.group).await, "mentions");
    // "All messages": one that notifies.
    let put = mx(
        &app,
        Method::PUT,
        &format!("{rules}/room/{group}"),
        Some(&token),
        Some(json!({"actions": ["notify", {"set_tweak": "sound", "value": "default"}]})),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(level(chats.group).await, "all");
    // "Mute": an override for the room.
    let mute = json!({"actions": [], "conditions": [{"kind": "event_match", "key": "room_id", "pattern": group}]});
    let put = mx(
        &app,
        Method::PUT,
        &format!("{rules}/override/{group}"),
        Some(&token),
        Some(mute),
    )
    .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(level(chats.group).await, "off");
    // natter's own level reads back as that rule, in the rules and in a first sync.
    let shown = mx(
        &app,
        Method::GET,
        &format!("{rules}/override/{group}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(shown.body["actions"], json!([]), "{}", shown.body);
    let (status, _) = app
        .call(
            Method::PUT,
            &format!("/api/notifications/{}/", chats.direct),
            Some(&alice),
            Some(json!({"level": "mentions"})),
        )
        .await;
    assert!(status.is_success());
    let synced = mx(&app, Method::GET, &format!("{V3}/sync"), Some(&token), None).await;
    let push_rules = synced.body["account_data"]["events"]
        .as_array()
        .expect("account data")
        .iter()
        .find(|e| e["type"] == "m.push_rules")
        .cloned()
        .expect("m.push_rules");
    let room_rules = push_rules["content"]["global"]["room"]
        .as_array()
        .expect("room rules");
    assert!(
        room_rules
            .iter()
            .any(|r| r["rule_id"] == room(chats.direct) && r["actions"] == json!([])),
        "{push_rules}"
    );
    // Deleting the rule puts the room back on its default.
    let gone = mx(
        &app,
        Method::DELETE,
        &format!("{rules}/override/{group}"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    let (_, body) = app
        .get(&format!("/api/notifications/{}/", chats.group), &alice)
        .await;
    assert_eq!(body["chosen"], false, "{body}");
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{rules}/override/{group}"),
            Some(&token),
            None,
        )
        .await,
        404,
        "M_NOT_FOUND",
    );
    // Keywords, default rules' switches and rooms of others are not natter's to keep.
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &format!("{rules}/content/lunch"),
            Some(&token),
            Some(json!({"actions": ["notify"], "pattern": "lunch"})),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &format!("{rules}/override/.m.rule.master/enabled"),
            Some(&token),
            Some(json!({"enabled": true})),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &format!("{rules}/room/{}", room(999_999)),
            Some(&token),
            Some(json!({"actions": []})),
        )
        .await,
        404,
        "M_NOT_FOUND",
    );
}
