//! Real senders that nobody here wrote post to a bot's hook URL and their
//! message arrives in the room as the bot: Prometheus Alertmanager (a `slack_configs`
//! receiver), Python's `slack_sdk` `WebhookClient`, and apprise (its Mattermost scheme,
//! `mmost://host:port/token`, posts to `http://host:port/hooks/token`). Each test skips
//! loudly when its tool cannot be run; `NATTER_REQUIRE_SENDERS=1` (CI) makes that a
//! failure.

use crate::helpers::*;
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;
use tokio::time::{sleep, Instant};

const REQUIRE: &str = "NATTER_REQUIRE_SENDERS=1";

/// How long a sender may take to run, and its message to arrive.
const SENDER_WAIT: Duration = Duration::from_secs(30);

/// Why `program args` cannot be run (not found, or it failed), if it cannot.
async fn cannot_run(program: &str, args: &[&str]) -> Option<String> {
    let run = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    match tokio::time::timeout(SENDER_WAIT, run).await {
        Ok(Ok(out)) if out.status.success() => None,
        Ok(Ok(out)) => Some(format!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        )),
        Ok(Err(e)) => Some(format!("`{program}` cannot be run: {e}")),
        Err(_) => Some(format!("`{program} {}` did not finish", args.join(" "))),
    }
}

/// Says that `test` did not run because `why`; a failure with `NATTER_REQUIRE_SENDERS=1`.
fn unavailable(test: &str, why: &str) {
    if std::env::var("NATTER_REQUIRE_SENDERS").is_ok_and(|v| v == "1") {
        panic!("{test} needs its sender ({REQUIRE}): {why}");
    }
    crate::pg::skipped(test, why, REQUIRE);
}

/// natter with an administrator, a room and a bot in it.
struct RoomWithBot {
    app: TestApp,
    admin: String,
    room: i64,
    bot_id: i64,
    bot_username: String,
    /// The room's hook URL for the bot, `http://127.0.0.1:PORT/hooks/<token>`.
    hook_url: String,
}

/// Starts natter; its first account (an administrator) makes the room `room_name` and
/// the bot `bot_name` and adds the bot to the room.
async fn room_with_bot(room_name: &str, bot_name: &str) -> RoomWithBot {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("boss").await;
    let (status, room) = app
        .post("/api/rooms/", &admin, json!({"name": room_name}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, bot) = app
        .post("/api/bots/", &admin, json!({"username": bot_name}))
        .await;
    assert_eq!(status, 201, "{bot}");
    assert_eq!(bot["is_bot"], true, "{bot}");
    let bot_id = bot["id"].as_i64().expect("bot id");
    let (status, chat) = app
        .post(
            &format!("/api/bots/{bot_id}/chats/"),
            &admin,
            json!({ "chat_id": room }),
        )
        .await;
    assert_eq!(status, 201, "{chat}");
    assert_eq!(
        (&chat["id"], &chat["kind"]),
        (&json!(room), &json!("room")),
        "{chat}"
    );
    let hook_url = chat["hook_url"].as_str().expect("hook_url").to_string();
    assert!(
        hook_url.starts_with(&format!("{}/hooks/{bot_id}-{room}-", app.base)),
        "a chat's hook is <bot>-<chat>-<hex> on natter's address: {hook_url}"
    );
    RoomWithBot {
        app,
        admin,
        room,
        bot_id,
        bot_username: bot_name.to_string(),
        hook_url,
    }
}

impl RoomWithBot {
    /// The bot's first message in the room's history, waited for (polling) up to
    /// [`SENDER_WAIT`]; `what` names the sender for the failure.
    async fn bot_message(&self, what: &str) -> Value {
        let path = format!("/api/rooms/{}/messages/", self.room);
        let deadline = Instant::now() + SENDER_WAIT;
        loop {
            let (status, page) = self.app.get(&path, &self.admin).await;
            assert_eq!(status, 200, "{page}");
            let from_bot = page["results"].as_array().and_then(|all| {
                all.iter()
                    .find(|m| m["author"]["username"] == self.bot_username.as_str())
            });
            if let Some(message) = from_bot {
                assert_eq!(message["author"]["id"], self.bot_id, "{message}");
                return message.clone();
            }
            assert!(
                Instant::now() < deadline,
                "{what}'s message did not arrive within {SENDER_WAIT:?}; the room holds {page}"
            );
            sleep(Duration::from_millis(100)).await;
        }
    }

    /// The hook URL with a token of the same shape that natter never gave: the hex
    /// after the last `-` all zeros.
    fn unknown_hook_url(&self) -> String {
        let (base, hex) = self.hook_url.rsplit_once('-').expect("<bot>-<chat>-<hex>");
        format!("{base}-{}", "0".repeat(hex.len()))
    }
}

/// The Debian binary, else upstream's name, whichever runs.
async fn alertmanager_or_why() -> Result<&'static str, String> {
    let mut why = Vec::new();
    for bin in ["prometheus-alertmanager", "alertmanager"] {
        match cannot_run(bin, &["--version"]).await {
            None => return Ok(bin),
            Some(w) => why.push(w),
        }
    }
    Err(format!(
        "{} (Debian: apt-get install prometheus-alertmanager)",
        why.join("; ")
    ))
}

/// Alertmanager's receiver as a self-hoster writes it (docs/integrations.md): Slack's
/// notifier with `api_url` at the room's hook and `channel` naming the room.
fn alertmanager_config(hook_url: &str, room_name: &str) -> String {
    format!(
        "route:
  receiver: natter
  group_by: ['alertname']
  group_wait: 200ms
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: natter
    slack_configs:
      - api_url: '{hook_url}'
        channel: '#{room_name}'
        send_resolved: true
        text: |-
          {{{{ range .Alerts }}}}*{{{{ .Labels.severity }}}}* {{{{ .Annotations.summary }}}}
          {{{{ end }}}}
"
    )
}

#[tokio::test]
async fn prometheus_alertmanager_fires_an_alert_into_the_room() {
    const TEST: &str = "prometheus_alertmanager_fires_an_alert_into_the_room";
    let bin = match alertmanager_or_why().await {
        Ok(bin) => bin,
        Err(why) => return unavailable(TEST, &why),
    };
    let r = room_with_bot("ops", "alerts").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("alertmanager.yml");
    std::fs::write(&config, alertmanager_config(&r.hook_url, "ops")).expect("config written");
    let log_path = dir.path().join("alertmanager.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let am = format!("127.0.0.1:{}", crate::metrics::free_port());
    let mut child = Command::new(bin)
        .arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.path={}",
            dir.path().join("data").display()
        ))
        .arg(format!("--web.listen-address={am}"))
        .arg(format!("--web.external-url=http://{am}"))
        .arg("--cluster.listen-address=")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .expect("alertmanager starts");
    let am_log = || std::fs::read_to_string(&log_path).unwrap_or_default();

    let deadline = Instant::now() + SENDER_WAIT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("alertmanager exited ({status}):\n{}", am_log());
        }
        let ready = r
            .app
            .client
            .get(format!("http://{am}/-/ready"))
            .send()
            .await;
        if ready.is_ok_and(|resp| resp.status() == 200) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "alertmanager not ready:\n{}",
            am_log()
        );
        sleep(Duration::from_millis(100)).await;
    }

    let fired = r
        .app
        .client
        .post(format!("http://{am}/api/v2/alerts"))
        .json(&json!([{
            "labels": {"alertname": "DiskFull", "instance": "db-1", "severity": "page"},
            "annotations": {"summary": "Disk on db-1 is 97% full"}
        }]))
        .send()
        .await
        .expect("alert posted");
    assert_eq!(fired.status(), 200, "alertmanager took the alert");

    let message = r.bot_message("alertmanager").await;
    // Alertmanager sends `channel`, `username` and one attachment: `title` (its default
    // "[FIRING:n] group (labels)"), `title_link`, our `text` (mrkdwn, it lists `text`
    // in `mrkdwn_in`), `fallback`, `color`, an empty `footer` and `callback_id`.
    assert_eq!(
        message["content"],
        format!(
            "**[FIRING:1] DiskFull (db-1 page) <http://{am}/#/alerts?receiver=natter>**\n\
             **page** Disk on db-1 is 97% full"
        ),
        "{message}\nalertmanager's log:\n{}",
        am_log()
    );
    eprintln!("alertmanager's message as natter keeps it: {message}");
}

/// Posts with `slack_sdk`'s `WebhookClient` to argv[1] (text and blocks), then to argv[2]
/// (an unknown token); prints each answer's status and body as a JSON line.
const SLACK_SDK_SCRIPT: &str = r#"
import json, sys
from slack_sdk.webhook import WebhookClient
blocks = [
    {"type": "header", "text": {"type": "plain_text", "text": "Deploy v1.2.3"}},
    {"type": "section",
     "text": {"type": "mrkdwn", "text": "*Service:* api\n<https://ci.example.com/runs/7|Logs>"}},
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "took `3m12s`"}]},
]
for url in sys.argv[1:]:
    r = WebhookClient(url).send(text="Deploy v1.2.3 finished", blocks=blocks)
    print(json.dumps({"status": r.status_code, "body": r.body}))
"#;

#[tokio::test]
async fn python_slack_sdk_webhook_client_posts_blocks() {
    const TEST: &str = "python_slack_sdk_webhook_client_posts_blocks";
    if let Some(why) = cannot_run("python3", &["-c", "import slack_sdk.webhook"]).await {
        return unavailable(TEST, &format!("{why} (pip install slack_sdk)"));
    }
    let r = room_with_bot("deploys", "deploybot").await;
    let run = Command::new("python3")
        .args(["-c", SLACK_SDK_SCRIPT, &r.hook_url, &r.unknown_hook_url()])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(SENDER_WAIT, run)
        .await
        .expect("the script finished")
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(
        answers,
        [
            json!({"status": 200, "body": "ok"}),
            json!({"status": 404, "body": "no_service"})
        ],
        "Slack's answers, as slack_sdk reads them"
    );

    let message = r.bot_message("slack_sdk").await;
    // Blocks render; `text` is Slack's notification fallback, unused when blocks show.
    assert_eq!(
        message["content"],
        "**Deploy v1.2.3**\n**Service:** api\n[Logs](https://ci.example.com/runs/7)\ntook `3m12s`",
        "{message}"
    );
    eprintln!("slack_sdk's message as natter keeps it: {message}");
}

#[tokio::test]
async fn apprise_posts_through_its_mattermost_scheme() {
    const TEST: &str = "apprise_posts_through_its_mattermost_scheme";
    if let Some(why) = cannot_run("apprise", &["--version"]).await {
        return unavailable(TEST, &format!("{why} (Debian: apt-get install apprise)"));
    }
    let r = room_with_bot("backups", "nightly").await;
    // http://HOST:PORT/hooks/TOKEN is mmost://HOST:PORT/TOKEN to apprise.
    let mmost = |hook: &str| {
        let rest = hook.strip_prefix("http://").expect("an http:// hook");
        let (host, token) = rest.split_once("/hooks/").expect("a /hooks/ path");
        format!("mmost://{host}/{token}")
    };
    let apprise = |url: String| {
        Command::new("apprise")
            .args(["-vv", "-t", "Backup", "-b", "nightly backup of *db-1* done"])
            .arg(url)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output()
    };
    let out = tokio::time::timeout(SENDER_WAIT, apprise(mmost(&r.hook_url)))
        .await
        .expect("apprise finished")
        .expect("apprise runs");
    let said = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    assert!(out.status.success(), "apprise failed: {}", said(&out));

    let message = r.bot_message("apprise").await;
    // apprise sends {"text": "Backup\r\nnightly backup of *db-1* done", "icon_url": null,
    // "username": "Apprise"}: Mattermost has no title, so apprise puts it on the first line.
    // natter keeps line ends as `\n`.
    assert_eq!(
        message["content"], "Backup\nnightly backup of **db-1** done",
        "{message}"
    );
    eprintln!("apprise's message as natter keeps it: {message}");

    // natter's 404 no_service is a failure to apprise, as Slack's or Mattermost's is.
    let out = tokio::time::timeout(SENDER_WAIT, apprise(mmost(&r.unknown_hook_url())))
        .await
        .expect("apprise finished")
        .expect("apprise runs");
    assert!(
        !out.status.success(),
        "apprise took an unknown hook: {}",
        said(&out)
    );
}
