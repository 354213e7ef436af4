//! The SFU a call's media goes through with `--sfu`: Janus's VideoRoom plugin, where each
//! person sends one audio and one video stream and receives the others', instead of
//! sending theirs to every other person (the mesh natter calls in without it).
//!
//! natter decides who is in a room of the SFU; the SFU only checks what natter gave.
//! One room per chat's call, made when the call starts and destroyed when it ends, its
//! id the chat's: private (not listed), made with the VideoRoom's `admin_key`, closed
//! to anyone not on its `allowed` list, and subscriptions tied to their publisher
//! (`require_pvtid`) so that kicking a person also ends what they watch. A person in the
//! call is given ([`Sfu::admit`]) a signed token that opens a session on the SFU and
//! reaches the VideoRoom plugin only (Janus's `token_auth_secret`), their room token,
//! put on the room's `allowed` list, and their id in the room, their user id. When they
//! leave or lose the chat ([`Sfu::dismiss`]) their room token comes off the list and they
//! are kicked. natter's own requests carry Janus's `api_secret`. One secret, held by
//! natter and Janus only, is all three (`--sfu-secret-file`): docs/deploy.md.

mod janus;
mod tokens;

pub use janus::JanusError;

use janus::{codes, Session};
use serde_json::json;
use std::time::Duration;

/// The SFU of `--sfu`, and the secret shared with it.
pub struct Sfu {
    /// Janus's HTTP API as natter reaches it.
    api: String,
    /// Janus's API as browsers reach it (`--sfu-public-url`, else `api`).
    public: String,
    secret: String,
    http: reqwest::Client,
    /// How long a session token stays valid.
    ttl: Duration,
    /// The most publishers a room holds: the call's cap.
    publishers: u64,
}

/// What one person in a call is given to join its room on the SFU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SfuGrant {
    /// The SFU's API for the browser (janus.js's `server`).
    pub server: String,
    /// The session token: opens a session and reaches the VideoRoom plugin, until
    /// `expires_at` (Unix seconds).
    pub token: String,
    /// The room: the chat's id.
    pub room: u64,
    /// The token the room's `allowed` list holds for this person while they are in the
    /// call (the `token` of the VideoRoom's `join`).
    pub room_token: String,
    /// Their id in the room (the `id` of the VideoRoom's `join`): their user id.
    pub id: u64,
    pub expires_at: i64,
}

impl Sfu {
    /// From the settings, reading the secret from `--sfu-secret-file` or
    /// `NATTER_SFU_SECRET`; `None` without `--sfu`. An error is a sentence for the
    /// operator.
    pub fn from_config(config: &crate::config::Config) -> Result<Option<Sfu>, String> {
        let Some(api) = &config.sfu else {
            return Ok(None);
        };
        let secret = match &config.sfu_secret_file {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                format!("cannot read the SFU secret from {}: {e}", path.display())
            })?,
            None => std::env::var("NATTER_SFU_SECRET").map_err(|_| {
                "--sfu needs the secret shared with the SFU: set NATTER_SFU_SECRET or give --sfu-secret-file PATH".to_string()
            })?,
        };
        let secret = secret.trim().to_string();
        if secret.is_empty() {
            return Err("the SFU secret is empty".into());
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("the SFU's client: {e}"))?;
        Ok(Some(Sfu {
            api: api.trim_end_matches('/').to_string(),
            public: config
                .sfu_public_url
                .clone()
                .unwrap_or_else(|| api.clone())
                .trim_end_matches('/')
                .to_string(),
            secret,
            http,
            ttl: config.turn_credential_ttl,
            publishers: config.call_max(),
        }))
    }

    /// Puts `user_id` on the room of chat `chat_id`'s call, making the room when the call
    /// has none yet, and returns what their browser joins it with, valid from `now_secs`.
    pub async fn admit(
        &self,
        chat_id: i64,
        user_id: i64,
        now_secs: i64,
    ) -> Result<SfuGrant, JanusError> {
        let room = room_of(chat_id)?;
        let room_token = tokens::room_token(&self.secret, chat_id, user_id);
        let session = Session::open(&self.http, &self.api, &self.secret).await?;
        let admitted = async {
            let made = session
                .ask(json!({
                    "request": "create",
                    "room": room,
                    "admin_key": self.secret,
                    "secret": tokens::room_secret(&self.secret, chat_id),
                    "is_private": true,
                    "permanent": false,
                    "require_pvtid": true,
                    "publishers": self.publishers,
                    "allowed": [],
                    "notify_joining": true,
                }))
                .await;
            match made {
                Ok(_) => {}
                Err(JanusError::Refused { code, .. }) if code == codes::ROOM_EXISTS => {}
                Err(e) => return Err(e),
            }
            session
                .ask(json!({
                    "request": "allowed",
                    "room": room,
                    "secret": tokens::room_secret(&self.secret, chat_id),
                    "action": "add",
                    "allowed": [room_token],
                }))
                .await
        }
        .await;
        session.end().await;
        admitted?;
        let expires_at =
            now_secs.saturating_add(i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX));
        Ok(SfuGrant {
            server: self.public.clone(),
            token: tokens::session_token(&self.secret, expires_at),
            room,
            room_token,
            id: room_of(user_id)?,
            expires_at,
        })
    }

    /// `user_id` is no longer in chat `chat_id`'s call: their room token comes off the
    /// room's list, so that it joins nothing more, and they are kicked, which also ends
    /// their subscriptions. When the call has ended (`ended`), the room is destroyed.
    pub async fn dismiss(&self, chat_id: i64, user_id: i64, ended: bool) -> Result<(), JanusError> {
        let room = room_of(chat_id)?;
        let secret = tokens::room_secret(&self.secret, chat_id);
        let session = Session::open(&self.http, &self.api, &self.secret).await?;
        let done = async {
            if ended {
                return forgiving(session.ask(json!({"request": "destroy", "room": room, "secret": secret})).await);
            }
            forgiving(
                session
                    .ask(json!({
                        "request": "allowed",
                        "room": room,
                        "secret": secret,
                        "action": "remove",
                        "allowed": [tokens::room_token(&self.secret, chat_id, user_id)],
                    }))
                    .await,
            )?;
            forgiving(
                session
                    .ask(json!({"request": "kick", "room": room, "secret": secret, "id": room_of(user_id)?}))
                    .await,
            )
        }
        .await;
        session.end().await;
        done
    }
}

/// A room's (or a person's) id on the SFU: the chat's (or user's) id, never negative.
fn room_of(id: i64) -> Result<u64, JanusError> {
    u64::try_from(id).map_err(|_| JanusError::Refused {
        code: 0,
        reason: format!("no SFU id for {id}"),
    })
}

/// A room or person already gone is what a dismissal wanted.
fn forgiving(answer: Result<serde_json::Value, JanusError>) -> Result<(), JanusError> {
    match answer {
        Ok(_) => Ok(()),
        Err(JanusError::Refused { code, .. })
            if code == codes::NO_SUCH_ROOM || code == codes::NO_SUCH_FEED =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}
