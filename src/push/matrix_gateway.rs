//! Talking to a Matrix push gateway (the Push Gateway API's
//! `POST /_matrix/push/v1/notify`): a Matrix app's pusher names the gateway, which
//! forwards to the phone's platform (Apple's, Google's, UnifiedPush). The request is
//! JSON the domain built (`domain::matrix::pushers`), sent through the same guarded
//! client, timeouts and address rules as Web Push.

use super::guarded::Blocked;
use super::{Outcome, PushClient};
use serde_json::Value;

/// The path every push gateway answers on, which a pusher's `url` must have.
pub const NOTIFY_PATH: &str = "/_matrix/push/v1/notify";

impl PushClient {
    /// Whether natter may send to the gateway at `url`: an address a browser's push
    /// endpoint could be ([`PushClient::check_endpoint`]) whose path is [`NOTIFY_PATH`].
    /// A sentence saying why not otherwise.
    pub fn check_gateway(&self, url: &str) -> Result<reqwest::Url, &'static str> {
        let url = self.check_endpoint(url)?;
        match url.path() == NOTIFY_PATH {
            true => Ok(url),
            false => Err("A push gateway's address ends in /_matrix/push/v1/notify."),
        }
    }

    /// POSTs `notification` to the gateway at `url` for the device `pushkey`: delivered,
    /// or gone when the gateway names the key among those it `rejected` (the app was
    /// removed from the phone), or to be tried again on 429, 5xx and network failures.
    pub async fn notify_gateway(&self, url: &str, notification: &Value, pushkey: &str) -> Outcome {
        let url = match self.check_gateway(url) {
            Ok(url) => url,
            Err(why) => return Outcome::Refused { why: why.into() },
        };
        let request = match self.http.post(url).await {
            Ok(request) => request,
            Err(Blocked::Unresolved(why)) => return Outcome::Retry { after: None, why },
            Err(Blocked::Forbidden(why)) => return Outcome::Refused { why },
        };
        let sent = request
            .header("Content-Type", "application/json")
            .body(notification.to_string())
            .send()
            .await;
        let response = match super::answered(sent, "push gateway") {
            Ok(r) => r,
            Err(outcome) => return outcome,
        };
        let status = response.status();
        let retry_after = super::retry_after(&response);
        match status.as_u16() {
            200..=299 => {
                // A gateway's answer is small; one that is not JSON still took the push.
                let answer: Value = match response.bytes().await {
                    Ok(body) => serde_json::from_slice(&body).unwrap_or_default(),
                    Err(_) => Value::Null,
                };
                let rejected = answer["rejected"]
                    .as_array()
                    .is_some_and(|keys| keys.iter().any(|k| k.as_str() == Some(pushkey)));
                match rejected {
                    true => Outcome::Gone,
                    false => Outcome::Delivered,
                }
            }
            other => super::not_taken(other, retry_after, "push gateway"),
        }
    }
}
