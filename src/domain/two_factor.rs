//! Two-factor sign-in: after the password, a six-digit code from an authenticator app
//! (RFC 6238: HMAC-SHA1, 30-second steps, as Google Authenticator, Authy, 1Password and
//! FreeOTP read an `otpauth://` QR code), or one of ten one-time recovery codes. The codes
//! are computed by `totp-rs`; natter keeps the secret, the last step taken (a code is
//! never taken twice) and the recovery codes' hashes (`store::two_factor`).

use crate::domain::auth;
use crate::domain::error::{Error, Problem, Result};
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::{self, users::User};
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
async fn check_password(app: &App, me: &User, password: String) -> Result<()> {
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
            let enabled = store::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled);
            let left = match enabled {
                true => store::two_factor::recovery_codes_left(c, user_id)?,
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
            Ok(store::two_factor::start(
                c,
                user_id,
                &stored,
                &store::now(),
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
        .read(move |c| -> Result<_> { Ok(store::two_factor::get(c, user_id)?) })
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
            if !store::two_factor::enable(c, user_id, step, &store::now())? {
                return Ok(false);
            }
            store::two_factor::replace_recovery_codes(c, user_id, &hashes)?;
            Ok(true)
        })
        .await?;
    if !enabled {
        return Err(Error::field("otp", Problem::TwoFactorOn));
    }
    Ok(codes)
}

/// Turns two-factor sign-in off, after the password and a code (or a recovery code).
pub async fn turn_off(app: &App, me: &User, password: String, code: &str) -> Result<()> {
    check_password(app, me, password).await?;
    match second_step(app, me, Some(code)).await? {
        SecondStep::Passed => {}
        SecondStep::NotAsked => return Err(Error::field("otp", Problem::TwoFactorOff)),
        SecondStep::Missing | SecondStep::Wrong => {
            return Err(Error::field("otp", Problem::WrongCode))
        }
    }
    let user_id = me.id;
    app.db
        .write(move |c| -> Result<_> { Ok(store::two_factor::remove(c, user_id)?) })
        .await
}

/// Turns a person's two-factor sign-in off without a code (the operator's
/// `natter users reset-two-factor`, for someone who lost their phone and their recovery
/// codes); whether it was on.
pub async fn reset(app: &App, user_id: i64) -> Result<bool> {
    app.db
        .write(move |c| -> Result<_> {
            let was_on = store::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled);
            store::two_factor::remove(c, user_id)?;
            Ok(was_on)
        })
        .await
}

/// The second step of a sign-in whose password was right: what `code` (the request's
/// `otp` field) comes to for this account. A code's time step is taken, so the same
/// code does not sign in twice; a recovery code is used up.
pub async fn second_step(app: &App, user: &User, code: Option<&str>) -> Result<SecondStep> {
    let user_id = user.id;
    let Some(secret) = app
        .db
        .read(move |c| -> Result<_> { Ok(store::two_factor::get(c, user_id)?) })
        .await?
        .filter(|s| s.enabled)
    else {
        return Ok(SecondStep::NotAsked);
    };
    let Some(code) = code.map(normalized).filter(|c| !c.is_empty()) else {
        return Ok(SecondStep::Missing);
    };
    if code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        let t = totp(&secret.secret, &user.username)?;
        let Some(step) = matching_step(&t, &code).filter(|s| *s > secret.last_step) else {
            return Ok(SecondStep::Wrong);
        };
        let taken = app
            .db
            .write(move |c| -> Result<_> { Ok(store::two_factor::take_step(c, user_id, step)?) })
            .await?;
        return Ok(if taken {
            SecondStep::Passed
        } else {
            SecondStep::Wrong
        });
    }
    let hash = recovery_hash(&code);
    let used = app
        .db
        .write(move |c| -> Result<_> {
            Ok(store::two_factor::use_recovery_code(
                c,
                user_id,
                &hash,
                &store::now(),
            )?)
        })
        .await?;
    Ok(if used {
        SecondStep::Passed
    } else {
        SecondStep::Wrong
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
            Ok(store::two_factor::get(c, user_id)?.is_some_and(|s| s.enabled))
        })
        .await?;
    Ok(!enabled)
}
