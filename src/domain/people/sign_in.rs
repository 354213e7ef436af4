//! Sign-in through an OpenID Connect provider: who gets in. An account is bound to the
//! provider's (`iss`, `sub`), never to an email alone. A first sign-in makes an account
//! when `--registration` allows it (`invite`: with a join link's code, or a verified
//! email in `--oidc-allowed-domains`); it joins an existing account with the same
//! email only under `--oidc-link-verified-email`, only a verified one, and only when
//! natter confirmed it for that account (the join ends the account's other sessions and
//! keys). A provider's verified address confirms the same address of its account. A signed-in
//! person links a provider from their account page, after giving their password or a
//! two-factor code again (`domain::people::reauth`); the link is kept with the session that
//! made it, and binds only while that session lives. A reset link ends every link, a
//! password change those made by its other sign-ins (`own_account`). A deactivated person
//! stays out.
//! The protocol is `oidc`'s; the session is `auth::start_session`'s.

use crate::config::RegistrationMode;
use crate::domain::auth;
use crate::domain::error::{Conflict, Error, Missing, Result};
use crate::domain::people::accounts::{username_problem, valid_email};
use crate::kit::names;
use crate::oidc::{Flow, Identity, Listed};
use crate::state::App;
use crate::store::{self, people::confirmed_emails, people::identities, people::users::User, Tx};

/// Why the protocol failed, from the OpenID Connect client.
pub use crate::oidc::Failure;

/// How long a person has at the provider between the button and the callback.
const ATTEMPT_SECS: i64 = 10 * 60;

/// What a sign-in was started for, given back when it finishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Signing in (or up), with the join link's invitation code if the page had one.
    SignIn { invite: Option<String> },
    /// A signed-in person adding this provider to their account, from the browser session
    /// whose stored hash is `made_with`.
    Link { user_id: i64, made_with: Vec<u8> },
}

/// Why a sign-in through a provider ended without a session.
#[derive(Debug)]
pub enum Refused {
    /// The protocol failed (`oidc::Failure`).
    Provider(Failure),
    /// `--registration closed`, and this provider account is bound to no one.
    RegistrationClosed,
    /// `--registration invite`, with no join link and no allowed verified email.
    InvitationNeeded,
    /// The join link's code is unknown, used up, expired or revoked.
    InvitationInvalid,
    /// The account is deactivated.
    Deactivated,
    /// Linking: this provider account belongs to another natter account.
    LinkedElsewhere,
    /// Linking: the account has another account of this provider already.
    AlreadyLinked,
    /// Linking: the person who started it is gone or deactivated.
    LinkerGone,
    /// natter's own fault (logged, never shown).
    Internal(Error),
}

impl From<Error> for Refused {
    fn from(e: Error) -> Self {
        Refused::Internal(e)
    }
}

impl From<store::StoreError> for Refused {
    fn from(e: store::StoreError) -> Self {
        Refused::Internal(Error::from(e))
    }
}

impl Refused {
    /// The code the web client is sent back with (`/?sign_in_error=CODE`), which it says
    /// in its own sentence (`static/js/signinerrors.js`).
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Provider(f) => f.code(),
            Refused::RegistrationClosed => "registration_closed",
            Refused::InvitationNeeded => "invitation_needed",
            Refused::InvitationInvalid => "invitation_invalid",
            Refused::Deactivated => "deactivated",
            Refused::LinkedElsewhere => "linked_elsewhere",
            Refused::AlreadyLinked => "already_linked",
            Refused::LinkerGone => "sign_in_again",
            Refused::Internal(_) => "failed",
        }
    }
}

/// The configured providers, for the sign-in page.
pub fn providers(app: &App) -> Vec<Listed> {
    app.oidc.listed()
}

/// Whether a provider is configured under `name` (a path names any).
pub fn configured(app: &App, name: &str) -> bool {
    app.oidc.listed().iter().any(|p| p.name == name)
}

/// Starts a sign-in at provider `name` whose callback is `redirect`: where to send the
/// browser, and the `state` the browser must keep. The attempt is kept in the database
/// (by the state's hash) for ten minutes, so any node can finish it.
pub async fn begin(
    app: &App,
    name: &str,
    redirect: &str,
    purpose: Purpose,
) -> std::result::Result<(String, String), Refused> {
    let started = app
        .oidc
        .begin(name, redirect)
        .await
        .map_err(Refused::Provider)?;
    let (link_user, link_made_with, invite_code) = match purpose {
        Purpose::Link { user_id, made_with } => (Some(user_id), Some(made_with), None),
        Purpose::SignIn { invite } => (None, None, invite),
    };
    let attempt = identities::Attempt {
        provider: name.to_string(),
        verifier: started.flow.verifier,
        nonce: started.flow.nonce,
        redirect: started.flow.redirect,
        link_user,
        link_made_with,
        invite_code,
    };
    let hash = auth::digest(&started.state);
    app.db
        .write(move |c| -> Result<_> {
            let now = store::clock::now();
            let expires = store::clock::time_after(ATTEMPT_SECS);
            Ok(identities::insert_attempt(
                c, &hash, &attempt, &expires, &now,
            )?)
        })
        .await?;
    Ok((started.url, started.state))
}

/// The attempt of `state` at provider `name`, taken so it cannot be used again.
async fn take(
    app: &App,
    name: &str,
    state: &str,
) -> std::result::Result<identities::Attempt, Refused> {
    let hash = auth::digest(state);
    let attempt = app
        .db
        .write(move |c| -> Result<_> {
            Ok(identities::take_attempt(c, &hash, &store::clock::now())?)
        })
        .await?;
    attempt
        .filter(|a| a.provider == name)
        .ok_or(Refused::Provider(Failure::BadState))
}

/// Forgets the sign-in of `state` after the provider answered with an error.
pub async fn abandon(app: &App, name: &str, state: &str) -> Result<()> {
    match take(app, name, state).await {
        Ok(_) | Err(Refused::Provider(_)) => Ok(()),
        Err(Refused::Internal(e)) => Err(e),
        Err(_) => Ok(()),
    }
}

/// A sign-in that ended well.
pub struct Finished {
    /// The account signed in to, or the one the provider was linked to.
    pub user: User,
    /// Whether it was a link from the account page (the session there goes on; no new
    /// one is started).
    pub linked: bool,
    /// Whether the account's own two-factor code is still owed before a session starts
    /// ([`crate::domain::people::two_factor::owed_after_provider`]).
    pub code_owed: bool,
}

/// Ends a sign-in: checks the provider's answer, then finds, links or makes the
/// account.
pub async fn finish(
    app: &App,
    name: &str,
    state: &str,
    code: &str,
) -> std::result::Result<Finished, Refused> {
    let attempt = take(app, name, state).await?;
    let flow = Flow {
        verifier: attempt.verifier,
        nonce: attempt.nonce,
        redirect: attempt.redirect,
    };
    let identity = app
        .oidc
        .finish(name, &flow, code)
        .await
        .map_err(Refused::Provider)?;
    let purpose = match attempt.link_user {
        Some(user_id) => Purpose::Link {
            user_id,
            made_with: attempt.link_made_with.unwrap_or_default(),
        },
        None => Purpose::SignIn {
            invite: attempt.invite_code,
        },
    };
    let mode = app.config.registration;
    let allowed = domain_allowed(&app.config.oidc_allowed_domains, &identity);
    let link_by_email = app.config.oidc_link_verified_email;
    let linked = matches!(purpose, Purpose::Link { .. });
    let second_factor = identity.second_factor;
    let user = app
        .db
        .write(move |c| -> std::result::Result<User, Refused> {
            let now = store::clock::now();
            match purpose.clone() {
                Purpose::Link { user_id, made_with } => {
                    link(c, &identity, user_id, &made_with, &now)
                }
                Purpose::SignIn { invite } => sign_in(
                    c,
                    &identity,
                    Admission {
                        mode,
                        invite,
                        allowed,
                        link_by_email,
                    },
                    &now,
                ),
            }
        })
        .await?;
    let code_owed = !linked
        && crate::domain::people::two_factor::owed_after_provider(app, &user, second_factor)
            .await
            .map_err(Refused::Internal)?;
    if !code_owed {
        crate::domain::people::accounts::note_seen(app, user.id);
    }
    Ok(Finished {
        user,
        linked,
        code_owed,
    })
}

/// What decides whether a first sign-in may make (or take over) an account.
struct Admission {
    mode: RegistrationMode,
    invite: Option<String>,
    /// The provider's verified email is in `--oidc-allowed-domains`.
    allowed: bool,
    link_by_email: bool,
}

/// Whether `identity` belongs to one of `domains`: its Google Workspace domain (`hd`),
/// or the domain of an email the provider verified.
fn domain_allowed(domains: &[String], identity: &Identity) -> bool {
    let listed = |domain: &str| {
        domains
            .iter()
            .map(|d| d.trim().trim_start_matches('@'))
            .any(|d| !d.is_empty() && d.eq_ignore_ascii_case(domain))
    };
    if identity.hosted_domain.as_deref().is_some_and(listed) {
        return true;
    }
    if !identity.email_verified {
        return false;
    }
    identity
        .email
        .as_deref()
        .and_then(|e| e.rsplit_once('@'))
        .is_some_and(|(_, domain)| listed(domain))
}

fn sign_in(
    c: &Tx,
    identity: &Identity,
    admission: Admission,
    now: &str,
) -> std::result::Result<User, Refused> {
    let email = identity.email.clone().unwrap_or_default();
    if let Some(id) = identities::user_for(c, &identity.issuer, &identity.subject)? {
        let user = store::people::users::by_id(c, id)?.ok_or(Error::NotFound(Missing::Caller))?;
        if !user.is_active {
            return Err(Refused::Deactivated);
        }
        identities::touch(c, &identity.issuer, &identity.subject, &email, now)?;
        confirm_if_verified(c, identity, &user, now)?;
        return Ok(user);
    }
    // An existing account with this email is taken over only when the operator allowed
    // it, the provider verified the address and natter confirmed it for that account: an
    // address anyone may have typed at sign-up is nobody's. The join ends every session
    // and key the account had, so whoever held them before is out.
    let verified = verified_email(identity);
    if admission.link_by_email {
        if let Some(address) = &verified {
            if let Some(user) = confirmed_emails::confirmed_holder(c, address)? {
                if !user.is_active {
                    return Err(Refused::Deactivated);
                }
                crate::domain::people::own_account::end_credentials(c, user.id, None)?;
                bind(c, identity, user.id, None, now)?;
                return Ok(user);
            }
        }
    }
    match admission.mode {
        RegistrationMode::Open => {}
        RegistrationMode::Closed => return Err(Refused::RegistrationClosed),
        RegistrationMode::Invite => match admission.invite.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => {
                if store::people::invitations::use_code(c, code, now)?.is_none() {
                    return Err(Refused::InvitationInvalid);
                }
            }
            _ if admission.allowed => {}
            _ => return Err(Refused::InvitationNeeded),
        },
    }
    // A verified address nobody holds confirmed becomes the account's, taken from an
    // account that holds it unconfirmed; otherwise it has none (an unverified address
    // must not hold a place another person may need).
    let address = match verified {
        Some(a) => {
            confirmed_emails::release_unconfirmed(c, &a)?;
            match store::people::users::email_taken(c, &a)? {
                true => String::new(),
                false => a,
            }
        }
        None => String::new(),
    };
    let username = free_username(c, &username_wishes(identity))?;
    // The provider's name kept as any display name is, cut to the longest one.
    let display_name: String =
        crate::kit::printable::one_line(identity.name.as_deref().unwrap_or(""))
            .trim()
            .chars()
            .take(crate::domain::people::accounts::MAX_DISPLAY_NAME)
            .collect::<String>()
            .trim_end()
            .to_string();
    let is_admin = store::people::users::count(c)? == 0;
    let user = store::people::users::insert(
        c,
        &store::people::users::NewUser {
            username: &username,
            email: &address,
            password_hash: "",
            display_name: &display_name,
            is_admin,
        },
        now,
    )?;
    bind(c, identity, user.id, None, now)?;
    confirm_if_verified(c, identity, &user, now)?;
    // Someone who arrives through the team's provider starts in the default rooms.
    crate::domain::people::first_day::welcome(
        c,
        &user,
        crate::domain::people::first_day::Arrival::Themself,
    )?;
    Ok(user)
}

/// Links `identity` to `user_id`'s account for the session whose stored hash is
/// `made_with`, while that session still lives: a reset or a password change that ended
/// it between the start and the provider's answer ends the link under way too.
fn link(
    c: &Tx,
    identity: &Identity,
    user_id: i64,
    made_with: &[u8],
    now: &str,
) -> std::result::Result<User, Refused> {
    let user = store::people::users::by_id(c, user_id)?
        .filter(|u| u.is_active)
        .ok_or(Refused::LinkerGone)?;
    let session_lives = !made_with.is_empty()
        && store::people::sessions::lookup(c, made_with, now)?.is_some_and(|(id, _)| id == user_id);
    if !session_lives {
        return Err(Refused::LinkerGone);
    }
    match identities::user_for(c, &identity.issuer, &identity.subject)? {
        Some(id) if id == user_id => {
            confirm_if_verified(c, identity, &user, now)?;
            Ok(user)
        }
        Some(_) => Err(Refused::LinkedElsewhere),
        None => {
            let has_one = identities::for_user(c, user_id)?
                .iter()
                .any(|i| i.provider == identity.provider);
            if has_one {
                return Err(Refused::AlreadyLinked);
            }
            bind(c, identity, user_id, Some(made_with), now)?;
            confirm_if_verified(c, identity, &user, now)?;
            Ok(user)
        }
    }
}

/// The address the provider says it verified, as natter stores addresses.
fn verified_email(identity: &Identity) -> Option<String> {
    identity
        .email
        .as_deref()
        .filter(|_| identity.email_verified)
        .and_then(valid_email)
}

/// Confirms `user`'s address when the provider verified that same address for this
/// account (the person signed in through it is the account's).
fn confirm_if_verified(c: &Tx, identity: &Identity, user: &User, now: &str) -> Result<()> {
    let same = verified_email(identity).is_some_and(|v| {
        !user.email.is_empty() && names::email_key(&v) == names::email_key(&user.email)
    });
    if same {
        confirmed_emails::confirm(c, user.id, confirmed_emails::How::Provider, now)?;
    }
    Ok(())
}

/// Binds `identity` to `user_id`; `made_with`: the session that linked it from the
/// account page (`None` when a provider sign-in made or joined the account).
fn bind(
    c: &Tx,
    identity: &Identity,
    user_id: i64,
    made_with: Option<&[u8]>,
    now: &str,
) -> Result<()> {
    identities::insert(
        c,
        &identities::NewBinding {
            issuer: &identity.issuer,
            subject: &identity.subject,
            user_id,
            provider: &identity.provider,
            email: identity.email.as_deref().unwrap_or(""),
            made_with,
        },
        now,
    )?;
    Ok(())
}

/// Usernames to try, best first: the provider's preferred username, the email's local
/// part, the name; each reduced to seed 000's characters.
fn username_wishes(identity: &Identity) -> Vec<String> {
    let local = identity
        .email
        .as_deref()
        .and_then(|e| e.rsplit_once('@'))
        .map(|(l, _)| l.to_string());
    [
        identity.preferred_username.clone(),
        local,
        identity.name.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|w| usable_username(&w))
    .filter(|w| !w.is_empty())
    .chain(std::iter::once("user".to_string()))
    .collect()
}

/// `wish` as a username: NFKC, spaces as `_`, other characters seed 000 refuses left
/// out, at most 140 characters (room for a number), and a non-digit.
pub fn usable_username(wish: &str) -> String {
    let normalized = names::normalize_username(wish.trim());
    let mut name: String = normalized
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .filter(|c| c.is_alphanumeric() || "@.+-_".contains(*c))
        .filter(|c| !names::has_invisible(&c.to_string()))
        .take(140)
        .collect();
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
        name.insert_str(0, "user");
    }
    if username_problem(&name).is_some() {
        return String::new();
    }
    name
}

/// The first of `wishes` (the best one), else it with the smallest free number after it.
fn free_username(c: &Tx, wishes: &[String]) -> Result<String> {
    let base = wishes.first().cloned().unwrap_or_else(|| "user".into());
    if !store::people::users::username_taken(c, &base)? {
        return Ok(base);
    }
    for n in 2..1000 {
        let candidate = format!("{base}{n}");
        if !store::people::users::username_taken(c, &candidate)? {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}_{}", crate::kit::random::random_hex(4)))
}

/// A provider account on someone's account page.
#[derive(Debug, Clone)]
pub struct Linked {
    /// The provider's name and button label.
    pub provider: String,
    pub label: String,
    /// What the provider said at the last sign-in.
    pub email: String,
    /// When it was linked, and last signed in with.
    pub linked_at: String,
    pub last_used_at: Option<String>,
}

/// The provider accounts linked to `me`.
pub async fn linked(app: &App, me: i64) -> Result<Vec<Linked>> {
    let rows = app
        .db
        .read(move |c| -> Result<_> { Ok(identities::for_user(c, me)?) })
        .await?;
    Ok(rows
        .into_iter()
        .map(|i| Linked {
            label: app.oidc.label(&i.provider),
            provider: i.provider,
            email: i.email,
            linked_at: i.created_at,
            last_used_at: i.last_used_at,
        })
        .collect())
}

/// Unlinks `me`'s account at `provider`, while another way in remains (a password or
/// another provider). `NotFound` when none is linked.
pub async fn unlink(app: &App, me: i64, provider: String) -> Result<()> {
    app.db
        .write(move |c| {
            let user =
                store::people::users::by_id(c, me)?.ok_or(Error::NotFound(Missing::Caller))?;
            let linked = identities::for_user(c, me)?;
            if !linked.iter().any(|i| i.provider == provider) {
                return Err(Error::NotFound(Missing::Identity));
            }
            if user.password_hash.is_empty() && linked.len() < 2 {
                return Err(Error::Conflict(Conflict::LastWayIn));
            }
            identities::delete(c, me, &provider)?;
            Ok(())
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::{domain_allowed, usable_username};
    use crate::oidc::Identity;

    fn person(email: &str, verified: bool) -> Identity {
        Identity {
            provider: "corp".into(),
            issuer: "https://id.example.org".into(),
            subject: "s".into(),
            email: Some(email.into()),
            email_verified: verified,
            preferred_username: None,
            name: None,
            hosted_domain: None,
            second_factor: false,
        }
    }

    #[test]
    fn only_a_verified_email_in_a_listed_domain_is_allowed() {
        let listed = vec!["team.org".to_string(), "@Other.org".to_string()];
        assert!(domain_allowed(&listed, &person("ann@team.org", true)));
        assert!(domain_allowed(&listed, &person("ann@OTHER.org", true)));
        assert!(!domain_allowed(&listed, &person("ann@team.org", false)));
        assert!(!domain_allowed(&listed, &person("ann@sub.team.org", true)));
        assert!(!domain_allowed(&listed, &person("ann@team.org.evil", true)));
        assert!(!domain_allowed(&[], &person("ann@team.org", true)));
        // Google's `hd` vouches for the Workspace domain whatever the address says.
        let workspace = super::Identity {
            hosted_domain: Some("team.org".into()),
            ..person("ann@alias.example", false)
        };
        assert!(domain_allowed(&listed, &workspace));
    }

    #[test]
    fn a_provider_name_becomes_a_seed_username() {
        assert_eq!(usable_username("Ann Smith"), "Ann_Smith");
        assert_eq!(usable_username("ann.smith+chat"), "ann.smith+chat");
        assert_eq!(usable_username("12345"), "user12345");
        assert_eq!(usable_username("a/b:c"), "abc");
        assert_eq!(usable_username("!!!"), "");
        assert_eq!(usable_username(&"x".repeat(300)).len(), 140);
    }
}
