//! Matrix pushers: a Matrix app on a phone asks (`/pushers/set`) to have its person's
//! notifications sent to its push gateway. natter keeps a pusher as a push
//! subscription beside browsers' ones, so the same planning decides who hears of what
//! (natter's notification levels, mentions, thread follows, quiet hours and pauses, a
//! chat open in natter's own client), the same durable queue holds each push until the
//! gateway took it, and a pusher ends with the device that set it.

use super::ids;
use crate::domain::error::{Error, Missing, Problem, Result};
use crate::domain::messaging::messages::owed_pushes;
use crate::state::App;
use crate::store::{self, push::Queued};
use serde_json::{json, Value};

/// The longest `app_id` (the specification's limit).
pub const MAX_APP_ID: usize = 64;
/// The longest `pushkey` (the specification's limit).
pub const MAX_PUSHKEY: usize = 512;
/// At most this many pushers per person (phones, tablets); the oldest goes, as for
/// browsers.
const MAX_PUSHERS: usize = 20;

/// A pusher as an app sets it: the keys it is found by and its push gateway, with the
/// whole object kept as given (what `GET /pushers` answers).
pub struct NewPusher {
    pub app_id: String,
    pub pushkey: String,
    /// `data.url`: the gateway's notify address.
    pub url: String,
    /// The pusher's JSON as given, `url` and all.
    pub given: Value,
}

/// The subscription endpoint standing for a pusher: its two keys, unambiguously
/// (the app id's length first), unique as a browser's endpoint is.
fn endpoint(app_id: &str, pushkey: &str) -> String {
    format!("matrix:{}:{app_id}{pushkey}", app_id.len())
}

/// Keeps `me`'s pusher, made with the device whose token hashes to `made_with`. The
/// same keys set again, by anyone, replace the pusher (an app reinstalled signs in as
/// someone else with the same key).
pub async fn set(app: &App, me: i64, made_with: Vec<u8>, pusher: NewPusher) -> Result<()> {
    // The gateway is reached through the outbound guard: an address natter may push to.
    app.push
        .check_gateway(&pusher.url)
        .map_err(|why| Error::field("data.url", Problem::Worded(why)))?;
    let endpoint = endpoint(&pusher.app_id, &pusher.pushkey);
    let given = pusher.given.to_string();
    owed_pushes::subscribing();
    let stored = app
        .db
        .write(move |c| -> Result<()> {
            store::push::subscribe(
                c,
                &store::push::NewSubscription {
                    user_id: me,
                    endpoint: &endpoint,
                    p256dh: "",
                    auth: "",
                    made_with: Some(made_with.clone()),
                    matrix_pusher: Some(&given),
                },
                &store::clock::now(),
            )?;
            let mine: Vec<_> = store::push::of_user(c, me)?
                .into_iter()
                .filter(|s| s.matrix_pusher.is_some())
                .collect();
            for old in mine.iter().take(mine.len().saturating_sub(MAX_PUSHERS)) {
                store::push::unsubscribe(c, me, old.id)?;
            }
            Ok(())
        })
        .await;
    // After the commit, as for a browser's subscription.
    owed_pushes::subscribed();
    stored
}

/// Removes `me`'s pusher of these keys; removing one that does not exist succeeds, as
/// the specification asks.
pub async fn remove(app: &App, me: i64, app_id: &str, pushkey: &str) -> Result<()> {
    let endpoint = endpoint(app_id, pushkey);
    app.db
        .write(move |c| -> Result<()> {
            store::push::drop_endpoint(c, me, &endpoint)?;
            Ok(())
        })
        .await
}

/// `me`'s pushers as their apps gave them, oldest first.
pub async fn list(app: &App, me: i64) -> Result<Vec<Value>> {
    let rows = app.db.read(move |c| store::push::of_user(c, me)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|s| s.matrix_pusher)
        .filter_map(|p| serde_json::from_str(&p).ok())
        .collect())
}

/// What a queued push is to a pusher: the gateway's address, the device's key, and the
/// Push Gateway API's body for it. A pusher whose `data.format` is `event_id_only`
/// gets the ids and counts alone (the app fetches the event itself), and so does every
/// pusher for an encrypted message: its app decrypts it, natter cannot.
pub async fn notification(
    app: &App,
    push: &Queued,
    pusher: &str,
) -> Result<(String, String, Value)> {
    let given: Value =
        serde_json::from_str(pusher).map_err(|_| Error::NotFound(Missing::PushSubscription))?;
    let (Some(url), Some(app_id), Some(pushkey)) = (
        given["data"]["url"].as_str(),
        given["app_id"].as_str(),
        given["pushkey"].as_str(),
    ) else {
        return Err(Error::NotFound(Missing::PushSubscription));
    };
    let server = ids::server_name(app);
    let mut data = given["data"].clone();
    if let Some(data) = data.as_object_mut() {
        data.remove("url");
    }
    let device = json!({
        "app_id": app_id,
        "pushkey": pushkey,
        "pushkey_ts": given["pushkey_ts"].as_i64().unwrap_or(0),
        "data": data,
        "tweaks": {"sound": "default"},
    });
    let mut note = json!({
        "event_id": ids::message_event(push.message_id),
        "room_id": ids::room_id(push.chat_id, server),
        "prio": "high",
        "counts": {"unread": push.count},
        "devices": [device],
    });
    let message_id = push.message_id;
    let sealed = app
        .db
        .read(move |c| Ok::<_, Error>(store::messaging::messages::is_sealed(c, message_id)?))
        .await?;
    if given["data"]["format"] != "event_id_only" && !sealed {
        let chat_id = push.chat_id;
        let (sender, chat) = app
            .db
            .read(move |c| -> Result<_> {
                Ok((
                    store::push::sender_of(c, message_id)?,
                    store::messaging::chats::by_id(c, chat_id)?,
                ))
            })
            .await?;
        note["type"] = json!("m.room.message");
        note["content"] = json!({"msgtype": "m.text", "body": push.body});
        if let Some((id, username)) = sender {
            note["sender"] = json!(ids::user_id(&username, id, server));
        }
        // The push's title names the sender (and the chat, outside direct chats).
        note["sender_display_name"] = json!(push.title.split(" in ").next().unwrap_or_default());
        if let Some(name) = chat.and_then(|c| c.name).filter(|n| !n.is_empty()) {
            note["room_name"] = json!(name);
        }
    }
    Ok((
        url.to_string(),
        pushkey.to_string(),
        json!({"notification": note}),
    ))
}
