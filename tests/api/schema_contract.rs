//! The OpenAPI document at `/api/schema/` is valid (checked by
//! `openapi-spec-validator` from PyPI), its YAML and JSON are one document, and it and
//! the AsyncAPI document beside it cover every kind of route in the table; schemathesis
//! (PyPI), run against a live natter with real credentials, finds no 5xx, no answer that
//! does not match the document and no undocumented status on any operation; and a
//! client generated from the document by `openapi-python-client` registers, logs in and
//! sends a message. Each tool test skips loudly when its tool is missing;
//! `NATTER_REQUIRE_SCHEMA_TOOLS=1` (CI) makes that a failure.

use crate::helpers::*;
use natter::schema::describe::describe;
use natter::schema::doc::Doc;
use natter::schema::kinds::RouteKind;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

const REQUIRE: &str = "NATTER_REQUIRE_SCHEMA_TOOLS=1";

/// How long a tool may run: schemathesis over every operation takes about a minute.
const TOOL_WAIT: Duration = Duration::from_secs(600);

/// Says that `test` did not run because `why`; a failure with `NATTER_REQUIRE_SCHEMA_TOOLS=1`.
fn unavailable(test: &str, why: &str) {
    if std::env::var("NATTER_REQUIRE_SCHEMA_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{test} needs its tool ({REQUIRE}): {why}");
    }
    crate::pg::skipped(test, why, REQUIRE);
}

/// Runs `program args` in `dir`; `Err` with why when it cannot be run at all.
async fn run(program: &str, args: &[&str], dir: &Path) -> Result<std::process::Output, String> {
    let child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    match tokio::time::timeout(TOOL_WAIT, child).await {
        Ok(Ok(out)) => Ok(out),
        Ok(Err(e)) => Err(format!("`{program}` cannot be run: {e}")),
        Err(_) => panic!("`{program} {}` did not finish", args.join(" ")),
    }
}

/// Whether the Python module `module` can be imported.
async fn has_module(module: &str, dir: &Path) -> bool {
    run("python3", &["-c", &format!("import {module}")], dir)
        .await
        .is_ok_and(|out| out.status.success())
}

fn output(out: &std::process::Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The document as JSON, and its YAML text.
async fn documents(app: &TestApp) -> (Value, String) {
    let client = reqwest::Client::new();
    let json: Value = client
        .get(format!("http://{}/api/schema/?format=json", app.addr))
        .send()
        .await
        .expect("schema")
        .json()
        .await
        .expect("schema json");
    let yaml = client
        .get(format!("http://{}/api/schema/", app.addr))
        .send()
        .await
        .expect("schema yaml");
    assert_eq!(
        yaml.headers()["content-type"],
        "application/vnd.oai.openapi; charset=utf-8"
    );
    (json, yaml.text().await.expect("yaml text"))
}

#[tokio::test]
async fn the_documents_cover_every_kind_of_route_in_the_table() {
    let app = TestApp::spawn().await;
    let (doc, _) = documents(&app).await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let asyncapi: Value = reqwest::get(format!(
        "http://{}/api/schema/asyncapi/?format=json",
        app.addr
    ))
    .await
    .expect("asyncapi")
    .json()
    .await
    .expect("asyncapi json");
    assert_eq!(asyncapi["asyncapi"], "3.0.0");
    let addresses: BTreeSet<String> = asyncapi["channels"]
        .as_object()
        .expect("channels")
        .values()
        .map(|c| c["address"].as_str().expect("address").to_string())
        .collect();
    for kind in RouteKind::ALL {
        let template = kind.template().to_string();
        match describe(*kind) {
            Doc::Http { .. } => assert!(paths.contains(&template), "{template} not in paths"),
            Doc::Socket(_) => assert!(
                addresses.contains(&template),
                "{template} not in the AsyncAPI channels"
            ),
        }
    }
    assert_eq!(
        paths.len() + addresses.len(),
        RouteKind::ALL.len(),
        "a path of neither document's kinds"
    );
    // Every signed-in operation takes the three credentials.
    let schemes = &doc["components"]["securitySchemes"];
    for name in ["tokenAuth", "jwtAuth", "sessionAuth"] {
        assert!(schemes[name].is_object(), "{name}: {schemes}");
    }
    let me = &doc["paths"]["/api/auth/me/"]["get"];
    assert_eq!(
        me["security"],
        json!([{ "tokenAuth": [] }, { "jwtAuth": [] }, { "sessionAuth": [] }])
    );
    assert!(me["responses"]["401"].is_object(), "{me}");
    // An unknown format is DRF's 404; Accept naming JSON first gets JSON.
    let unknown = reqwest::get(format!("http://{}/api/schema/?format=xml", app.addr))
        .await
        .expect("xml");
    assert_eq!(unknown.status(), 404);
    let by_accept = reqwest::Client::new()
        .get(format!("http://{}/api/schema/", app.addr))
        .header("accept", "application/json")
        .send()
        .await
        .expect("by accept");
    assert_eq!(
        by_accept.headers()["content-type"],
        "application/vnd.oai.openapi+json; charset=utf-8"
    );
}

#[tokio::test]
async fn the_document_is_valid_openapi_and_its_yaml_is_its_json() {
    let test = "the_document_is_valid_openapi_and_its_yaml_is_its_json";
    let dir = tempfile::tempdir().expect("tempdir");
    if !has_module("openapi_spec_validator", dir.path()).await
        || !has_module("yaml", dir.path()).await
    {
        return unavailable(
            test,
            "openapi-spec-validator (pip install openapi-spec-validator)",
        );
    }
    let app = TestApp::spawn().await;
    let (json, yaml) = documents(&app).await;
    std::fs::write(dir.path().join("schema.json"), json.to_string()).expect("write json");
    std::fs::write(dir.path().join("schema.yaml"), yaml).expect("write yaml");
    let check = "import json, yaml\n\
        from openapi_spec_validator import validate\n\
        from openapi_spec_validator.validation import OpenAPIV31SpecValidator\n\
        doc = json.load(open('schema.json'))\n\
        validate(doc, cls=OpenAPIV31SpecValidator)\n\
        assert yaml.safe_load(open('schema.yaml')) == doc, 'the YAML is another document'\n\
        print('valid', len(doc['paths']))\n";
    let out = run("python3", &["-c", check], dir.path())
        .await
        .expect("python3");
    assert!(out.status.success(), "{}", output(&out));
}

/// Operations that end the caller's credential: run in a pass of their own, after the
/// rest, so the rest are fuzzed signed in.
const ENDING: &str = r"^/(api/auth/logout/|accounts/logout/|api/account/password/|api/account/sessions/\{session_id\}/|api/admin/users/\{user_id\}/\{action\}/)$";

/// The checks asked of schemathesis: no 5xx, only documented statuses and content types,
/// every answer matching its schema.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";

#[tokio::test]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_document() {
    let test = "schemathesis_finds_no_server_error_and_no_answer_outside_the_document";
    let dir = tempfile::tempdir().expect("tempdir");
    if run("schemathesis", &["--version"], dir.path())
        .await
        .is_err()
    {
        return unavailable(test, "schemathesis (pip install schemathesis)");
    }
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, token) = app.register("fuzzer").await;
    app.register("friend").await;
    let url = format!("http://{}/api/schema/?format=json", app.addr);
    let auth = format!("Authorization: Token {token}");
    for filter in ["--exclude-path-regex", "--include-path-regex"] {
        let out = run(
            "schemathesis",
            &[
                "run",
                &url,
                "-H",
                &auth,
                "-c",
                CHECKS,
                filter,
                ENDING,
                "--max-examples",
                "8",
                "--seed",
                "40",
                "--suppress-health-check",
                "all",
                "--output-truncate",
                "false",
            ],
            dir.path(),
        )
        .await
        .expect("schemathesis");
        assert!(
            out.status.success(),
            "schemathesis ({filter}) found failures:\n{}",
            output(&out)
        );
    }
}

/// Drives the client `openapi-python-client` generated in `natter_client/`: registers
/// ann, logs in with her password (not the registration's token), makes a chat with
/// bob and sends him a message, each through the generated function of its operation.
/// The bodies are built with each operation's own generated model (`from_dict`).
const CLIENT_SCRIPT: &str = r#"
import importlib, inspect, json, sys
from natter_client import Client, AuthenticatedClient

base, bob_id = sys.argv[1], int(sys.argv[2])

def call(client, tag, operation, body=None, **params):
    module = importlib.import_module(f"natter_client.api.{tag}.{operation}")
    if body is not None:
        model = inspect.signature(module.sync_detailed).parameters["body"].annotation
        params["body"] = model.from_dict(body)
    answer = module.sync_detailed(client=client, **params)
    parsed = answer.parsed
    return answer.status_code, (parsed.to_dict() if hasattr(parsed, "to_dict") else parsed)

anon = Client(base_url=base, raise_on_unexpected_status=True)
status, ann = call(anon, "accounts", "register_post",
                   {"username": "ann", "password": "generated-client-pw", "email": "ann@example.com"})
assert status == 201, (status, ann)
status, login = call(anon, "accounts", "login_post", {"username": "ann", "password": "generated-client-pw"})
assert status == 200, (status, login)
me = AuthenticatedClient(base_url=base, token=login["token"], prefix="Token", raise_on_unexpected_status=True)
status, chat = call(me, "chats", "chats_post", {"chat_type": "dm", "member_ids": [bob_id]})
assert status == 201, (status, chat)
status, sent = call(me, "chats", "chat_messages_post", {"content": "hello from a generated client"},
                    chat_id=chat["id"])
assert status == 201, (status, sent)
print(json.dumps({"chat": chat["id"], "message": sent["id"]}))
"#;

#[tokio::test]
async fn a_client_generated_from_the_document_registers_logs_in_and_sends() {
    let test = "a_client_generated_from_the_document_registers_logs_in_and_sends";
    let dir = tempfile::tempdir().expect("tempdir");
    if run("openapi-python-client", &["--version"], dir.path())
        .await
        .is_err()
    {
        return unavailable(
            test,
            "openapi-python-client (pip install openapi-python-client)",
        );
    }
    let app = TestApp::spawn().await;
    let (bob_id, bob) = app.register("bob").await;
    let (doc, _) = documents(&app).await;
    std::fs::write(dir.path().join("schema.json"), doc.to_string()).expect("write schema");
    let out = run(
        "openapi-python-client",
        &[
            "generate",
            "--path",
            "schema.json",
            "--meta",
            "none",
            "--output-path",
            "natter_client",
        ],
        dir.path(),
    )
    .await
    .expect("openapi-python-client");
    assert!(out.status.success(), "generate: {}", output(&out));
    let base = format!("http://{}", app.addr);
    let out = run(
        "python3",
        &["-c", CLIENT_SCRIPT, &base, &bob_id.to_string()],
        dir.path(),
    )
    .await
    .expect("python3");
    assert!(
        out.status.success(),
        "the generated client: {}",
        output(&out)
    );
    let sent: Value = serde_json::from_slice(&out.stdout).expect("ids");
    // Bob reads it through the API itself.
    let chat = sent["chat"].as_i64().expect("chat id");
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &bob)
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        page["results"][0]["content"], "hello from a generated client",
        "{page}"
    );
    assert_eq!(page["results"][0]["id"], sent["message"], "{page}");
}
