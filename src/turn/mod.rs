//! The ICE servers a call's peer connections use, and short-lived TURN credentials in
//! the shared-secret scheme TURN servers such as coturn check (`use-auth-secret`, the
//! "REST API for access to TURN services" draft): the username is `EXPIRY:USER` (EXPIRY
//! in Unix seconds), the password base64(HMAC-SHA1(secret, username)). The TURN server
//! holds the same secret and checks both itself: natter never talks to it, and a
//! credential stops working at its expiry without anything being revoked.

use crate::config::Config;
use base64::Engine;
use std::time::Duration;

/// The STUN and TURN servers of `--stun`/`--turn`, and the secret shared with the TURN
/// servers.
pub struct IceServers {
    stun: Vec<String>,
    turn: Vec<String>,
    /// `Some` exactly when `turn` is not empty (checked at start).
    secret: Option<ring::hmac::Key>,
    ttl: Duration,
}

/// What one caller is given: the servers, and credentials for the TURN ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceGrant {
    /// STUN URLs (no credentials).
    pub stun: Vec<String>,
    /// TURN URLs with this caller's credentials, when TURN is configured.
    pub turn: Option<TurnCredential>,
    /// How long the credentials are valid, in seconds.
    pub ttl_secs: u64,
    /// When they stop working, in Unix seconds.
    pub expires_at: i64,
}

/// Credentials for the TURN URLs, valid until the expiry in their username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnCredential {
    /// The TURN URLs of `--turn`.
    pub urls: Vec<String>,
    /// `EXPIRY:USER_ID`.
    pub username: String,
    /// base64(HMAC-SHA1(secret, username)).
    pub credential: String,
}

impl IceServers {
    /// From the settings, reading the TURN secret from `--turn-secret-file` or
    /// `NATTER_TURN_SECRET`. An error is a sentence for the operator: TURN URLs without
    /// a secret, or a secret without TURN URLs, would fail every relayed call later.
    pub fn from_config(config: &Config) -> Result<IceServers, String> {
        let secret = match &config.turn_secret_file {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|e| {
                format!("cannot read the TURN secret from {}: {e}", path.display())
            })?),
            None => std::env::var("NATTER_TURN_SECRET").ok(),
        }
        .map(|s| s.trim().to_string());
        let secret = match (config.turn.is_empty(), secret) {
            (true, None) => None,
            (true, Some(_)) => {
                return Err("a TURN secret is set but no --turn server uses it".into());
            }
            (false, None) => {
                return Err(
                    "--turn needs the secret shared with the TURN server: set NATTER_TURN_SECRET or give --turn-secret-file PATH"
                        .into(),
                );
            }
            (false, Some(s)) if s.is_empty() => return Err("the TURN secret is empty".into()),
            (false, Some(s)) => Some(ring::hmac::Key::new(
                ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                s.as_bytes(),
            )),
        };
        Ok(IceServers {
            stun: config.stun.clone(),
            turn: config.turn.clone(),
            secret,
            ttl: config.turn_credential_ttl,
        })
    }

    /// No servers: what commands and tests without settings use.
    pub fn none() -> IceServers {
        IceServers {
            stun: Vec::new(),
            turn: Vec::new(),
            secret: None,
            ttl: Duration::from_secs(3600),
        }
    }

    /// Whether calls can be relayed through TURN.
    pub fn has_turn(&self) -> bool {
        self.secret.is_some()
    }

    /// The servers for user `user_id`, with TURN credentials valid from `now_secs` (Unix
    /// seconds) for the configured time.
    pub fn grant(&self, user_id: i64, now_secs: i64) -> IceGrant {
        let ttl_secs = self.ttl.as_secs();
        let expires_at = now_secs.saturating_add(i64::try_from(ttl_secs).unwrap_or(i64::MAX));
        let turn = self.secret.as_ref().map(|key| {
            let username = format!("{expires_at}:{user_id}");
            let tag = ring::hmac::sign(key, username.as_bytes());
            TurnCredential {
                urls: self.turn.clone(),
                credential: base64::engine::general_purpose::STANDARD.encode(tag.as_ref()),
                username,
            }
        });
        IceGrant {
            stun: self.stun.clone(),
            turn,
            ttl_secs,
            expires_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_the_drafts_hmac_of_the_username() {
        let servers = IceServers {
            stun: vec!["stun:stun.example.org".into()],
            turn: vec!["turn:turn.example.org:3478".into()],
            secret: Some(ring::hmac::Key::new(
                ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
                b"north",
            )),
            ttl: Duration::from_secs(86_400),
        };
        let grant = servers.grant(42, 1_000_000_000);
        let turn = grant.turn.expect("turn credentials");
        assert_eq!(turn.username, "1000086400:42");
        // `printf '1000086400:42' | openssl dgst -sha1 -hmac north -binary | base64`
        assert_eq!(turn.credential, "5kZh549myy4F9vnDmdEQ5YyiQ/g=");
        assert_eq!(grant.expires_at, 1_000_086_400);
    }
}
