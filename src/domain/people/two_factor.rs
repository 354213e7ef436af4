//! Two-factor sign-in: after the password, a six-digit code from an authenticator app
//! (RFC 6238: HMAC-SHA1, 30-second steps, as Google Authenticator, Authy, 1Password and
//! FreeOTP read an `otpauth://` QR code), or one of ten one-time recovery codes. The codes
//! are computed by `totp-rs`; natter keeps the secret, the last step taken (a code is
//! never taken twice), the count of wrong codes in a row that holds code checks
//! ([`holds`]) and the recovery codes' hashes (`store::people::two_factor`). The same second
//! step follows a password login on every surface, turning it off, and a provider
//! sign-in whose provider does not vouch for a second factor.

pub mod holds;
pub mod notice;

use crate::domain::auth;
use crate::domain::error::{Error, Problem, Result};
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::{self, people::users::User};
use holds::Held;
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

/// Digits of a code.
const DIGITS: usize = 6;
/// Seconds a code lasts.
const STEP_SECS: u64 = 30;
/// Steps either side of now that are accepted: a phone's clock a little off, a code typed
/// as it turned over.
const SKEW_STEPS: u64 = 1;
/// Recovery codes made at a time.
const RECOVERY_CODES: usize = 10;
/// The letters of a recovery code: lower case and digits that are not read for each other.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// The issuer authenticator apps show beside the account name.
const ISSUER: &str = "natter";

/// What setting up shows once: the secret (to type in), the `otpauth://` URL and its QR
/// code as an SVG image.
pub struct Setup {
    pub secret: String,
    pub otpauth_url: String,
    pub qr_svg: String,
}

/// Whether a person's sign-in asks for a code, and how many recovery codes are left.
pub struct Status {
    pub enabled: bool,
    pub recovery_codes_left: i64,
}

/// What the second step of a sign-in came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondStep {
    /// The account has no second factor: the password was enough.
    NotAsked,
    /// A right code, or an unused recovery code (now used).
    Passed,
    /// The account asks for a code and none came.
    Missing,
    /// A wrong, expired or reused code.
    Wrong,
    /// Too many wrong codes in a row: a six-digit code is not checked now (a recovery
    /// code still is), or this wrong one started the hold.
    Held(Held),
}

fn totp(secret: &str, account: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| Error::Internal(format!("two-factor secret: {e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECS,
        bytes,
        Some(ISSUER.to_string()),
        account.to_string(),
    )
    .map_err(|e| Error::Internal(format!("two-factor secret: {e:?}")))
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The time step whose code `code` is, among now and `SKEW_STEPS` either side.
fn matching_step(t: &TOTP, code: &str) -> Option<i64> {
    let now = now_secs() / STEP_SECS;
    (now.saturating_sub(SKEW_STEPS)..=now + SKEW_STEPS).find_map(|step| {
        let expected = t.generate(step * STEP_SECS);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
            .then(|| i64::try_from(step).ok())
            .flatten()
    })
}

/// A code as typed, without spaces or dashes, lower case.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn recovery_hash(code: &str) -> Vec<u8> {
    Sha256::digest(normalized(code).as_bytes()).to_vec()
}

/// Ten new recovery codes (`xxxxx-xxxxx`) and their hashes.
fn new_recovery_codes() -> (Vec<String>, Vec<Vec<u8>>) {
    let mut rng = rand::rngs::OsRng;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let letters: String = (0..10)
                .map(|_| char::from(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &letters[..5], &letters[5..])
        })
        .collect();
    let hashes = codes.iter().map(|c| recovery_hash(c)).collect();
    (codes, hashes)
}

/// Checks `password` as the account's own, counted as a failed login of the account
/// when wrong (as a wrong current password is).
pub async fn check_password(app: &App, me: &User, password: String) -> Result<()> {
    let account = auth::account_key(Some(me), &me.username);
    let spent = app
        .limits
        .spend(vec![(Limit::AuthAccount, account)])
        .await?;
    if auth::verify_password_async(app, password, Some(me.password_hash.clone())).await {
        app.limits.give_back(spent).await;
        Ok(())
    } else {
        Err(Error::field("current_password", Problem::WrongPassword))
    }
}

/// Whether the person's sign-in asks for a code.
pub async fn status(app: &App, user_id: i64) -> Result<Status> {
    app.db
        .read(move |c| -> Result<_> {
            let enabled = store::people::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled);
            let left = match enabled {
                true => store::people::two_factor::recovery_codes_left(c, user_id)?,
                false => 0,
            };
            Ok(Status {
                enabled,
                recovery_codes_left: left,
            })
        })
        .await
}

/// Starts setting up (after the password): a new secret, not asked at sign-in until a
/// code confirms it ([`confirm`]). Refused while two-factor sign-in is on.
pub async fn start(app: &App, me: &User, password: String) -> Result<Setup> {
    check_password(app, me, password).await?;
    let mut raw = [0u8; 20];
    rand::rngs::OsRng.fill(&mut raw);
    let secret = Secret::Raw(raw.to_vec()).to_encoded().to_string();
    let t = totp(&secret, &me.username)?;
    let otpauth_url = t.get_url();
    let qr_svg = qrcode::QrCode::new(otpauth_url.as_bytes())
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let (user_id, stored) = (me.id, secret.clone());
    let started = app
        .db
        .write(move |c| -> Result<_> {
            Ok(store::people::two_factor::start(
                c,
                user_id,
                &stored,
                &store::clock::now(),
            )?)
        })
        .await?;
    if !started {
        return Err(Error::field("password", Problem::TwoFactorOn));
    }
    Ok(Setup {
        secret,
        otpauth_url,
        qr_svg,
    })
}

/// Confirms the setup with a code from the app: two-factor sign-in is on from now, and
/// the answer is the recovery codes, shown this once.
pub async fn confirm(app: &App, me: &User, code: &str) -> Result<Vec<String>> {
    let user_id = me.id;
    let pending = app
        .db
        .read(move |c| -> Result<_> { Ok(store::people::two_factor::get(c, user_id)?) })
        .await?
        .filter(|s| !s.enabled)
        .ok_or_else(|| Error::field("otp", Problem::TwoFactorOff))?;
    let t = totp(&pending.secret, &me.username)?;
    let step = matching_step(&t, &normalized(code))
        .ok_or_else(|| Error::field("otp", Problem::WrongCode))?;
    let (codes, hashes) = new_recovery_codes();
    let enabled = app
        .db
        .write(move |c| -> Result<_> {
            if !store::people::two_factor::enable(c, user_id, step, &store::clock::now())? {
                return Ok(false);
            }
            store::people::two_factor::replace_recovery_codes(c, user_id, &hashes)?;
            Ok(true)
        })
        .await?;
    if !enabled {
        return Err(Error::field("otp", Problem::TwoFactorOn));
    }
    Ok(codes)
}

/// Turns two-factor sign-in off, after the password and a code (or a recovery code).
/// Both are counted as a login of the account is: a wrong password or a wrong code keeps
/// the account's login budget spent, and a wrong code counts toward its hold as one at
/// sign-in does, so this endpoint is no way round either.
pub async fn turn_off(app: &App, me: &User, password: String, code: &str) -> Result<()> {
    let account = auth::account_key(Some(me), &me.username);
    let spent = app
        .limits
        .spend(vec![(Limit::AuthAccount, account)])
        .await?;
    if !auth::verify_password_async(app, password, Some(me.password_hash.clone())).await {
        return Err(Error::field("current_password", Problem::WrongPassword));
    }
    match second_step(app, me, Some(code)).await? {
        SecondStep::Passed => app.limits.give_back(spent).await,
        SecondStep::NotAsked => {
            app.limits.give_back(spent).await;
            return Err(Error::field("otp", Problem::TwoFactorOff));
        }
        SecondStep::Missing | SecondStep::Wrong => {
            return Err(Error::field("otp", Problem::WrongCode))
        }
        SecondStep::Held(held) => return Err(Error::field("otp", held_problem(held))),
    }
    let user_id = me.id;
    app.db
        .write(move |c| -> Result<_> { Ok(store::people::two_factor::remove(c, user_id)?) })
        .await
}

/// A hold as a field's problem (the own API's answer to turning it off).
fn held_problem(held: Held) -> Problem {
    match held {
        Held::For(secs) => Problem::CodesHeld { secs: Some(secs) },
        Held::UntilReset => Problem::CodesHeld { secs: None },
    }
}

/// Turns a person's two-factor sign-in off without a code (the operator's
/// `natter users reset-two-factor`, for someone who lost their phone and their recovery
/// codes); whether it was on.
pub async fn reset(app: &App, user_id: i64) -> Result<bool> {
    app.db
        .write(move |c| -> Result<_> {
            let was_on = store::people::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled);
            store::people::two_factor::remove(c, user_id)?;
            Ok(was_on)
        })
        .await
}

/// The second step of a sign-in whose password was right: what `code` (the request's
/// `otp` field) comes to for this account. A code's time step is taken, so the same
/// code does not sign in twice; a recovery code is used up. A wrong code counts toward
/// the account's hold ([`holds`]); during a hold a six-digit code is not checked, and a
/// recovery code, which cannot be guessed, still is and ends the hold.
pub async fn second_step(app: &App, user: &User, code: Option<&str>) -> Result<SecondStep> {
    let user_id = user.id;
    let Some(secret) = app
        .db
        .read(move |c| -> Result<_> { Ok(store::people::two_factor::get(c, user_id)?) })
        .await?
        .filter(|s| s.enabled)
    else {
        return Ok(SecondStep::NotAsked);
    };
    let Some(code) = code.map(normalized).filter(|c| !c.is_empty()) else {
        return Ok(SecondStep::Missing);
    };
    let now_ms = crate::kit::clock::now_ms();
    if code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(held) = holds::at(secret.failed_codes, secret.last_failed_at, now_ms) {
            return Ok(SecondStep::Held(held));
        }
        let t = totp(&secret.secret, &user.username)?;
        let taken = match matching_step(&t, &code).filter(|s| *s > secret.last_step) {
            Some(step) => {
                app.db
                    .write(move |c| -> Result<_> {
                        Ok(store::people::two_factor::take_step(c, user_id, step)?)
                    })
                    .await?
            }
            None => false,
        };
        return match taken {
            true => Ok(SecondStep::Passed),
            false => count_wrong(app, user, now_ms).await,
        };
    }
    let hash = recovery_hash(&code);
    let used = app
        .db
        .write(move |c| -> Result<_> {
            let used = store::people::two_factor::use_recovery_code(
                c,
                user_id,
                &hash,
                &store::clock::now(),
            )?;
            if used {
                store::people::two_factor::clear_wrong(c, user_id)?;
            }
            Ok(used)
        })
        .await?;
    match used {
        true => Ok(SecondStep::Passed),
        false => count_wrong(app, user, now_ms).await,
    }
}

/// Counts a wrong code of `user`'s, mails them when it starts their first hold or the
/// one no time ends (mail on), and says whether codes are held now.
async fn count_wrong(app: &App, user: &User, now_ms: i64) -> Result<SecondStep> {
    let (user_id, email) = (user.id, user.email.clone());
    let app2 = app.clone();
    let failed = app
        .db
        .write(move |c| -> Result<_> {
            let failed = store::people::two_factor::count_wrong(c, user_id, now_ms)?;
            if holds::worth_a_mail(failed) && !email.is_empty() {
                notice::queue(c, &app2, user_id, &email, failed >= holds::FOR_GOOD)?;
            }
            Ok(failed)
        })
        .await?;
    if holds::worth_a_mail(failed) {
        tracing::info!(
            user = user_id,
            "two-factor codes held after {failed} wrong codes in a row"
        );
    }
    Ok(match holds::at(failed, Some(now_ms), now_ms) {
        Some(held) => SecondStep::Held(held),
        None => SecondStep::Wrong,
    })
}

/// Whether `user` must set up two-factor sign-in before administering
/// (`--require-two-factor admins`) and has not.
pub async fn missing_for_admin(app: &App, user: &User) -> Result<bool> {
    if !(user.is_admin && app.config.two_factor_for_admins) {
        return Ok(false);
    }
    let user_id = user.id;
    let enabled = app
        .db
        .read(move |c| -> Result<_> {
            Ok(store::people::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled))
        })
        .await?;
    Ok(!enabled)
}

/// `user` as the server treats them now: an administrator who must set up two-factor
/// sign-in (`--two-factor-for-admins`) and has not acts as any other person until they
/// do, so no administrators' power (bots' keys and hook URLs, others' addresses, bots
/// added to chats) is reached around the administrators' own routes.
pub async fn acting(app: &App, mut user: User) -> Result<User> {
    if missing_for_admin(app, &user).await? {
        user.is_admin = false;
    }
    Ok(user)
}

/// How long a provider sign-in waits for natter's code, in milliseconds: as long as a
/// sign-in waits for the provider.
const PENDING_MS: i64 = 10 * 60 * 1000;

/// Whether a provider sign-in to `user` still owes natter's own code: the account has
/// two-factor sign-in on and the provider's token does not show a second factor
/// (`second_factor`, from its `amr`), or the person is an administrator and the
/// operator asks two-factor sign-in of administrators (`--two-factor-for-admins`),
/// whose code natter always asks itself, whatever the provider says.
pub async fn owed_after_provider(app: &App, user: &User, second_factor: bool) -> Result<bool> {
    let strict = user.is_admin && app.config.two_factor_for_admins;
    if second_factor && !strict {
        return Ok(false);
    }
    let user_id = user.id;
    app.db
        .read(move |c| -> Result<_> {
            Ok(store::people::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled))
        })
        .await
}

/// Keeps a provider sign-in of `user_id` that owes natter's code: the token its browser
/// keeps (in an HttpOnly cookie) to finish it with a code ([`finish_after_provider`]).
pub async fn owe_after_provider(app: &App, user_id: i64) -> Result<String> {
    let token = crate::kit::random::random_hex(32);
    let hash = auth::digest(&token);
    let now_ms = crate::kit::clock::now_ms();
    app.db
        .write(move |c| -> Result<_> {
            Ok(store::people::two_factor::add_pending(
                c,
                &hash,
                user_id,
                now_ms + PENDING_MS,
                now_ms,
            )?)
        })
        .await?;
    Ok(token)
}

/// What a code given to finish a provider sign-in came to.
pub enum AfterProvider {
    /// The right code: the account to start a session for.
    SignedIn(Box<User>),
    /// No sign-in waits under that token (none, expired, finished, or the account gone
    /// or deactivated since).
    NotWaiting,
    /// A wrong, expired or used code (counted toward the hold).
    Wrong,
    /// Codes are held.
    Held(Held),
}

/// Finishes the provider sign-in kept under `token` with `code`, counted as a login of
/// the account from `from` (the client's network) is: a wrong code keeps both budgets
/// spent and counts toward the account's hold. The token finishes one sign-in, once.
pub async fn finish_after_provider(
    app: &App,
    token: &str,
    code: &str,
    from: &str,
) -> Result<AfterProvider> {
    let hash = auth::digest(token.trim());
    let now_ms = crate::kit::clock::now_ms();
    let looked = hash.clone();
    let user = app
        .db
        .read(move |c| -> Result<_> {
            match store::people::two_factor::pending_user(c, &looked, now_ms)? {
                Some(id) => Ok(store::people::users::by_id(c, id)?),
                None => Ok(None),
            }
        })
        .await?;
    let Some(user) = user.filter(|u| u.is_active) else {
        return Ok(AfterProvider::NotWaiting);
    };
    let account = auth::account_key(Some(&user), &user.username);
    let spent = app
        .limits
        .spend(crate::ratelimit::login_budgets(from, Some(&account)))
        .await?;
    match second_step(app, &user, Some(code)).await? {
        SecondStep::Passed | SecondStep::NotAsked => {
            app.limits.give_back(spent).await;
        }
        SecondStep::Missing | SecondStep::Wrong => return Ok(AfterProvider::Wrong),
        SecondStep::Held(held) => return Ok(AfterProvider::Held(held)),
    }
    let taken = app
        .db
        .write(move |c| -> Result<_> { Ok(store::people::two_factor::take_pending(c, &hash)?) })
        .await?;
    if !taken {
        return Ok(AfterProvider::NotWaiting);
    }
    Ok(AfterProvider::SignedIn(Box::new(user)))
}
