//! Janus's HTTP API as natter speaks it to run a call's room: a session of its own for
//! each piece of work, a handle on the VideoRoom plugin, one or more of the plugin's
//! synchronous requests, and the session destroyed. natter's requests carry Janus's
//! `api_secret`; a browser's carry the signed token natter gave it (`super::tokens`).

use serde_json::{json, Value};

/// Why Janus did not do what natter asked.
#[derive(Debug, thiserror::Error)]
pub enum JanusError {
    /// Janus could not be reached, or answered something that is not its API.
    #[error("the SFU cannot be reached: {0}")]
    Unreachable(String),
    /// Janus or its VideoRoom plugin refused, with its code and reason.
    #[error("the SFU refused ({code}): {reason}")]
    Refused { code: i64, reason: String },
}

/// The VideoRoom plugin's codes natter expects in its answers.
pub mod codes {
    /// No such room (destroyed already, or never made).
    pub const NO_SUCH_ROOM: i64 = 426;
    /// The room exists already.
    pub const ROOM_EXISTS: i64 = 427;
    /// No such participant in the room.
    pub const NO_SUCH_FEED: i64 = 428;
}

/// One session on Janus with a handle on the VideoRoom plugin, destroyed by [`Session::end`].
pub struct Session<'a> {
    http: &'a reqwest::Client,
    api: &'a str,
    secret: &'a str,
    session: u64,
    handle: u64,
}

impl<'a> Session<'a> {
    /// Opens a session at `api` (Janus's HTTP API, e.g. `http://127.0.0.1:8088/janus`)
    /// with the VideoRoom plugin attached.
    pub async fn open(
        http: &'a reqwest::Client,
        api: &'a str,
        secret: &'a str,
    ) -> Result<Session<'a>, JanusError> {
        let session = id_of(&post(http, api, secret, json!({"janus": "create"})).await?)?;
        let attach = json!({"janus": "attach", "plugin": "janus.plugin.videoroom"});
        let handle = match post(http, &format!("{api}/{session}"), secret, attach).await {
            Ok(answer) => id_of(&answer)?,
            Err(e) => {
                let _ = post(
                    http,
                    &format!("{api}/{session}"),
                    secret,
                    json!({"janus": "destroy"}),
                )
                .await;
                return Err(e);
            }
        };
        Ok(Session {
            http,
            api,
            secret,
            session,
            handle,
        })
    }

    /// Sends the VideoRoom plugin a synchronous request and returns its answer's data.
    pub async fn ask(&self, body: Value) -> Result<Value, JanusError> {
        let url = format!("{}/{}/{}", self.api, self.session, self.handle);
        let answer = post(
            self.http,
            &url,
            self.secret,
            json!({"janus": "message", "body": body}),
        )
        .await?;
        let data = answer.pointer("/plugindata/data").cloned().ok_or_else(|| {
            JanusError::Unreachable(format!("an answer without the plugin's data: {answer}"))
        })?;
        if let Some(code) = data.get("error_code").and_then(Value::as_i64) {
            let reason = data
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            return Err(JanusError::Refused { code, reason });
        }
        Ok(data)
    }

    /// Destroys the session (and with it the handle). A failure is left to Janus's own
    /// session timeout, which ends an idle session.
    pub async fn end(self) {
        let url = format!("{}/{}", self.api, self.session);
        if let Err(e) = post(self.http, &url, self.secret, json!({"janus": "destroy"})).await {
            tracing::debug!("SFU session {} not destroyed: {e}", self.session);
        }
    }
}

/// POSTs one request of Janus's API to `url`, with a transaction id and the API secret,
/// and returns the answer when Janus says it succeeded.
async fn post(
    http: &reqwest::Client,
    url: &str,
    secret: &str,
    mut request: Value,
) -> Result<Value, JanusError> {
    request["transaction"] = json!(crate::kit::random::random_hex(8));
    request["apisecret"] = json!(secret);
    let answer = http
        .post(url)
        .header("content-type", "application/json")
        .body(request.to_string())
        .send()
        .await
        .map_err(|e| JanusError::Unreachable(e.to_string()))?;
    let status = answer.status();
    let text = answer
        .text()
        .await
        .map_err(|e| JanusError::Unreachable(e.to_string()))?;
    let answer: Value = serde_json::from_str(&text)
        .map_err(|_| JanusError::Unreachable(format!("HTTP {status}: not Janus's API")))?;
    match answer.get("janus").and_then(Value::as_str) {
        Some("success") | Some("ack") => Ok(answer),
        Some("error") => Err(JanusError::Refused {
            code: answer
                .pointer("/error/code")
                .and_then(Value::as_i64)
                .unwrap_or(0),
            reason: answer
                .pointer("/error/reason")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        }),
        _ => Err(JanusError::Unreachable(format!(
            "HTTP {status}: not Janus's API"
        ))),
    }
}

/// The id a `create` or `attach` answered.
fn id_of(answer: &Value) -> Result<u64, JanusError> {
    answer
        .pointer("/data/id")
        .and_then(Value::as_u64)
        .ok_or_else(|| JanusError::Unreachable(format!("an answer without an id: {answer}")))
}
