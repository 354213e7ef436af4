//! Outgoing mail through the operator's relay (`--smtp`), with lettre: SMTP submission
//! with STARTTLS, implicit TLS, or plain to a relay on the same machine; the password
//! from a file or the environment. A client of the outside world with no rule in it:
//! what is mailed, when, and to whom is `domain::mail`'s; the queue that makes a mail
//! survive a crash is `store::mail`'s.

pub mod letter;
mod relay;
mod trust;

use crate::config::Config;
use letter::Letter;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use relay::{Relay, Security, Trouble};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::sync::Arc;
use std::time::Duration;

/// How long one conversation with the relay may take before it counts as failed.
const RELAY_TIMEOUT: Duration = Duration::from_secs(20);

/// The relay natter sends through, and whom its mail is from.
pub struct Mailer {
    relay: Relay,
    from: Mailbox,
    /// What the start-up line says: the relay and how it is reached.
    described: String,
}

/// Why a mail was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Worth trying again later: the relay is down, busy, or answered 4xx.
    Retry(String),
    /// Never going to work: the relay refused it for good (5xx) or it cannot be written.
    Refused(String),
}

impl Mailer {
    /// The relay of `--smtp`, or `None` when mail is off. An error is a sentence for the
    /// operator, given before anything is bound or written: `--smtp` without
    /// `--mail-from`, an unreadable password or certificate file.
    pub fn from_config(config: &Config) -> Result<Option<Mailer>, String> {
        let Some(raw) = &config.smtp else {
            if config.mail_from.is_some() {
                return Err("--mail-from is set but no --smtp relay sends the mail".into());
            }
            return Ok(None);
        };
        let url = url::Url::parse(raw).map_err(|e| format!("--smtp: {e}"))?;
        let from: Mailbox = config
            .mail_from
            .as_deref()
            .ok_or("--smtp needs --mail-from (the address natter's mail comes from)")?
            .parse()
            .map_err(|e| format!("--mail-from is not an address: {e}"))?;
        // An IPv6 relay is written `[::1]` in the URL; it is dialled and named without
        // the brackets.
        let host = match url.host() {
            Some(url::Host::Ipv6(address)) => address.to_string(),
            Some(host) => host.to_string(),
            None => String::new(),
        };
        let implicit = url.scheme() == "smtps";
        let plain = url.query_pairs().any(|(k, v)| k == "tls" && v == "none");
        let port = url.port().unwrap_or(if implicit { 465 } else { 587 });
        let password = match &config.smtp_password_file {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|e| {
                format!(
                    "cannot read the relay's password from {}: {e}",
                    path.display()
                )
            })?),
            None => std::env::var("NATTER_SMTP_PASSWORD").ok(),
        }
        .map(|p| p.trim_end_matches(['\r', '\n']).to_string());
        let mut extra = Vec::new();
        if let Some(path) = &config.smtp_ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                format!(
                    "cannot read the relay's certificate from {}: {e}",
                    path.display()
                )
            })?;
            extra = CertificateDer::pem_slice_iter(&pem)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("{} holds no usable certificate: {e}", path.display()))?;
            if extra.is_empty() {
                return Err(format!(
                    "{} holds no certificate (PEM, -----BEGIN CERTIFICATE-----)",
                    path.display()
                ));
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let trust = trust::RelayTrust::new(extra, Arc::clone(&provider))?;
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("the relay's TLS settings: {e}"))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(trust))
            .with_no_client_auth();
        let (security, how) = match (implicit, plain) {
            (true, _) => (Security::Implicit, "TLS"),
            (false, false) => (Security::StartTls, "STARTTLS"),
            (false, true) => (Security::None, "no TLS"),
        };
        let mut credentials = None;
        let user = url.username();
        match (user.is_empty(), password) {
            (false, Some(password)) => {
                let user = percent_decoded(user);
                credentials = Some(Credentials::new(user, password));
            }
            (false, None) => {
                return Err(format!(
                    "--smtp names the user {user} but no password: set NATTER_SMTP_PASSWORD or give --smtp-password-file PATH"
                ))
            }
            (true, Some(_)) => {
                return Err("a relay password is set but --smtp names no user".into());
            }
            (true, None) => {}
        }
        Ok(Some(Mailer {
            described: format!("{}:{port} ({how}), from {}", host, from.email),
            relay: Relay {
                host,
                port,
                security,
                tls: Arc::new(tls),
                credentials,
            },
            from,
        }))
    }

    /// The relay and how it is reached, for the start-up line.
    pub fn describe(&self) -> &str {
        &self.described
    }

    /// A new `Message-ID` for a mail of `kind`: `kind.<random>@<the From address's
    /// domain>`, so the log names what a mail was and no two mails share an id.
    pub fn message_id(&self, kind: &str) -> String {
        format!(
            "{kind}.{}@{}",
            crate::kit::random::random_hex(16),
            self.from.email.domain()
        )
    }

    /// Sends one mail; whether to try again says the answer.
    pub async fn send(&self, letter: &Letter) -> Result<(), Failure> {
        let message = letter.to_message(&self.from).map_err(Failure::Refused)?;
        let formatted = message.formatted();
        let talk = self.relay.send(message.envelope(), &formatted);
        match tokio::time::timeout(RELAY_TIMEOUT, talk).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(Trouble::Smtp(e))) if e.is_permanent() => Err(Failure::Refused(e.to_string())),
            Ok(Err(Trouble::Smtp(e))) => Err(Failure::Retry(e.to_string())),
            Ok(Err(Trouble::Line(why))) => Err(Failure::Retry(why)),
            Err(_) => Err(Failure::Retry(format!(
                "the relay did not finish within {} s",
                RELAY_TIMEOUT.as_secs()
            ))),
        }
    }
}

/// A URL's percent-encoded user name as it is meant (`me%40example.org` is
/// `me@example.org`).
fn percent_decoded(s: &str) -> String {
    url::form_urlencoded::parse(format!("u={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}
