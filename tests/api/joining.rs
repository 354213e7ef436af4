//! Joining a team: a usable invitation or join link is never held by the anonymous
//! sign-up budget, in every registration mode (a whole office behind one address joins
//! by one link in the same minute), while sign-ups without one and guessed codes still
//! are; a join link's uses are counted and its limit held on an open server too; and an
//! invitation-only server tells its sign-in page while its first administrator's link
//! is still to be used.

use crate::helpers::*;
use crate::team_server::{invitation, operator_admin};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The two register endpoints.
const REGISTER: [&str; 2] = ["/api/auth/register/", "/accounts/api/users/"];

/// A sign-up of `name` on `path`, with `code` as `invite_code` if given: every one from
/// 127.0.0.1, one office's address.
async fn sign_up(app: &TestApp, path: &str, name: &str, code: Option<&str>) -> (StatusCode, Value) {
    let mut body = json!({"username": name, "email": format!("{name}@example.org"),
                          "password": "correct-horse"});
    if let Some(code) = code {
        body["invite_code"] = Value::from(code);
    }
    app.call(Method::POST, path, None, Some(body)).await
}

/// The sentence of a refusal in either shape (DRF's `detail`, the rooms' `message`).
fn sentence(body: &Value) -> String {
    body["detail"]
        .as_str()
        .or(body["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// A join link's code for `max_uses` people, made by a new administrator of `app`.
async fn join_code(app: &TestApp, max_uses: i64) -> (String, String) {
    let admin = operator_admin(app, "boss").await;
    let made = invitation(app, &admin, json!({"max_uses": max_uses})).await;
    let code = made["code"].as_str().expect("a code").to_string();
    (admin, code)
}

/// The invitation with `code`, as the Admin page lists it.
async fn listed(app: &TestApp, admin: &str, code: &str) -> Value {
    let (status, all) = app.get("/api/admin/invitations/", admin).await;
    assert_eq!(status, 200, "{all}");
    all.as_array()
        .and_then(|all| all.iter().find(|i| i["code"] == code).cloned())
        .unwrap_or_else(|| panic!("invitation {code} is listed: {all}"))
}

#[tokio::test]
async fn the_sixth_colleague_behind_one_address_joins_by_the_link_at_once_on_an_open_server() {
    let app = TestApp::spawn_with(&[]).await;
    let (_, code) = join_code(&app, 20).await;
    // Five strangers sign up without a link: the address's sign-up budget is spent.
    for n in 0..5 {
        let (status, body) = sign_up(&app, REGISTER[n % 2], &format!("walkin{n}"), None).await;
        assert_eq!(status, 201, "sign-up {} without a link: {body}", n + 1);
    }
    let (status, body) = sign_up(&app, REGISTER[0], "walkin5", None).await;
    assert_eq!(status, 429, "the sixth without a link is held: {body}");
    // The office follows the administrator's link in the same minute: none is held.
    for n in 0..8 {
        let name = format!("colleague{n}");
        let (status, body) = sign_up(&app, REGISTER[n % 2], &name, Some(&code)).await;
        assert_eq!(status, 201, "colleague {} by the link: {body}", n + 1);
    }
    // The budget was not given back by them either: a stranger is still held.
    let (status, _) = sign_up(&app, REGISTER[1], "walkin6", None).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn a_usable_invitation_is_never_held_on_an_invite_only_server() {
    let app = TestApp::spawn_with(&["--registration", "invite"]).await;
    let (_, code) = join_code(&app, 20).await;
    // Five guessed codes spend the address's budget and are each refused in words.
    for n in 0..5 {
        let (status, body) = sign_up(
            &app,
            REGISTER[n % 2],
            &format!("guess{n}"),
            Some("deadbeef"),
        )
        .await;
        assert_eq!(status, 403, "guess {}: {body}", n + 1);
        assert!(
            sentence(&body).contains("invitation cannot be used"),
            "a guessed code is told it cannot be used: {body}"
        );
    }
    let (status, body) = sign_up(&app, REGISTER[0], "guess5", Some("deadbeef")).await;
    assert_eq!(status, 429, "the sixth guess is held: {body}");
    // The real link still works, for everyone behind that address.
    for n in 0..6 {
        let (status, body) =
            sign_up(&app, REGISTER[n % 2], &format!("member{n}"), Some(&code)).await;
        assert_eq!(status, 201, "member {} by the link: {body}", n + 1);
    }
}

#[tokio::test]
async fn a_one_use_link_counts_and_refuses_the_second_person_on_an_open_server() {
    let app = TestApp::spawn_with(&[]).await;
    let (admin, code) = join_code(&app, 1).await;
    let fresh = listed(&app, &admin, &code).await;
    assert_eq!(
        (fresh["uses"].clone(), fresh["valid"].clone()),
        (json!(0), json!(true))
    );

    let (status, body) = sign_up(&app, REGISTER[0], "ana", Some(&code)).await;
    assert_eq!(status, 201, "{body}");
    let used = listed(&app, &admin, &code).await;
    assert_eq!(
        (
            used["uses"].clone(),
            used["max_uses"].clone(),
            used["valid"].clone()
        ),
        (json!(1), json!(1), json!(false)),
        "used 1 of 1, no longer valid: {used}"
    );
    for (i, path) in REGISTER.iter().enumerate() {
        let (status, body) = sign_up(&app, path, &format!("ben{i}"), Some(&code)).await;
        assert_eq!(status, 403, "{path}: {body}");
        // natter made this link: the sentence says what became of it, never "unknown"
        // (a code natter never made is no link at all on an open server).
        assert_eq!(
            sentence(&body),
            "This invitation cannot be used: it has been used up.",
            "{path} says why the link does not work: {body}"
        );
    }
    let after = listed(&app, &admin, &code).await;
    assert_eq!(after["uses"], 1, "a refused sign-up uses nothing: {after}");

    // A revoked link says so.
    let revoked = invitation(&app, &admin, json!({})).await;
    let id = revoked["id"].as_i64().expect("an id");
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/invitations/{id}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) = sign_up(&app, REGISTER[1], "cleo", revoked["code"].as_str()).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        sentence(&body),
        "This invitation cannot be used: it was revoked.",
        "{body}"
    );
    // natter's web client reads each in its person's language.
    let mut german = json!({"username": "dora", "email": "dora@example.org",
                            "password": "correct-horse", "invite_code": code});
    german["join_default_rooms"] = json!(true);
    let answer = ask(
        &app,
        Method::POST,
        REGISTER[1],
        &[("Accept-Language", "de"), ("X-Natter-Client", "web")],
        Some(german),
    )
    .await;
    assert_eq!(answer.status, 403, "{}", answer.body);
    assert_eq!(
        sentence(&answer.body),
        "Diese Einladung kann nicht verwendet werden: Sie ist aufgebraucht.",
        "{}",
        answer.body
    );
}

/// What `/api/registration/` answers.
async fn registration(app: &TestApp) -> Value {
    let (status, body) = app
        .call(Method::GET, "/api/registration/", None, None)
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn an_invite_only_server_tells_its_sign_in_page_while_the_first_administrator_is_awaited() {
    let invite = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    assert_eq!(
        registration(&invite).await,
        json!({"mode": "invite", "mail": false, "first_admin_pending": true})
    );
    let page = reqwest::get(format!("{}/", invite.base))
        .await
        .expect("the page")
        .text()
        .await
        .expect("its text");
    assert!(
        page.contains("\"first_admin_pending\":true"),
        "the page carries it as the route says it"
    );
    operator_admin(&invite, "boss").await;
    assert_eq!(registration(&invite).await["first_admin_pending"], false);

    // An open server never says it: its first sign-up becomes the administrator.
    let open = TestApp::spawn().await;
    assert_eq!(
        registration(&open).await,
        json!({"mode": "open", "mail": false, "first_admin_pending": false})
    );
}

#[tokio::test]
async fn an_open_server_takes_a_code_it_never_made_as_an_ordinary_sign_up() {
    // The rooms app's own sign-up form sends an invite code of its own: on an open
    // server that is an ordinary sign-up, which spends the address's budget as one
    // without a code does; a code natter made keeps its meaning.
    let app = TestApp::spawn_with(&[]).await;
    let (admin, code) = join_code(&app, 1).await;
    // natter's own code is used (spending nothing), and a used-up one refused (spending
    // one sign-up of the budget, as a guessed code does).
    let (status, body) = sign_up(&app, REGISTER[0], "linked", Some(&code)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(listed(&app, &admin, &code).await["uses"], 1);
    let (status, body) = sign_up(&app, REGISTER[1], "late", Some(&code)).await;
    assert_eq!(status, 403, "{body}");
    // Four sign-ups with a code of their own are ordinary ones: the budget's other four.
    for n in 0..4 {
        let name = format!("seedclient{n}");
        let (status, body) =
            sign_up(&app, REGISTER[n % 2], &name, Some("ROOMS-APP-OWN-CODE")).await;
        assert_eq!(
            status,
            201,
            "sign-up {} with a code of its own: {body}",
            n + 1
        );
    }
    let (status, body) = sign_up(&app, REGISTER[1], "seedclient5", Some("another")).await;
    assert_eq!(status, 429, "the budget was spent by them: {body}");

    // An invitation-only server still refuses a code it never made.
    let invite = TestApp::spawn_with(&["--registration", "invite"]).await;
    for path in REGISTER {
        let (status, body) = sign_up(&invite, path, "guest", Some("ROOMS-APP-OWN-CODE")).await;
        assert_eq!(status, 403, "{path}: {body}");
    }
}
