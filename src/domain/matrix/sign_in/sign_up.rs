//! Signing up from a Matrix app, by natter's rules: `--registration` decides (closed:
//! no sign-up; invite: an invitation code, which Matrix calls a registration token;
//! open: anyone), and every account has an email address. A Matrix app cannot send an
//! unconfirmed address, so the address is proven before the account exists: natter
//! mails it a link carrying a code, and the app's sign-up names the check it passed. The
//! account then starts with its address confirmed, and in the default rooms as a
//! sign-up in natter's web client does.

use crate::config::RegistrationMode;
use crate::domain::auth;
use crate::domain::error::{Error, Problem, Refusal, Result};
use crate::domain::people::accounts::{self, Registrar, Registration};
use crate::i18n::Lang;
use crate::kit::clock::now_ms;
use crate::kit::random::random_hex;
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store;
use crate::store::people::users::User;

/// How long a mailed link works, and a sign-up waits between an app's requests.
const CHECK_HOURS: i64 = 24;
const CHECK_MS: i64 = CHECK_HOURS * 3600 * 1000;

/// The stages (Matrix's "flow") a sign-up must pass here; refused when `--registration`
/// is closed or the server sends no mail (no address could be proven).
pub fn stages(app: &App) -> Result<Vec<&'static str>> {
    if app.mail.is_none() {
        return Err(Error::Forbidden(Refusal::RegistrationClosed));
    }
    match app.config.registration {
        RegistrationMode::Closed => Err(Error::Forbidden(Refusal::RegistrationClosed)),
        RegistrationMode::Invite => {
            Ok(vec!["m.login.registration_token", "m.login.email.identity"])
        }
        RegistrationMode::Open => Ok(vec!["m.login.email.identity"]),
    }
}

/// Whether `username` could be taken now: natter's rules for names, and free.
pub async fn name_free(app: &App, username: &str) -> Result<()> {
    let username = crate::kit::names::normalize_username(username.trim());
    if let Some(problem) = accounts::username_problem(&username) {
        return Err(Error::field("username", problem));
    }
    let taken = app
        .db
        .read(move |c| store::people::users::username_taken(c, &username))
        .await?;
    match taken {
        true => Err(Error::field("username", Problem::Taken)),
        false => Ok(()),
    }
}

/// Mails `email` a link proving it, for a sign-up from `network`; the check's id. An
/// address an account has already is refused (it signs in instead).
pub async fn mail_check(
    app: &App,
    network: &str,
    client_secret: &str,
    email: &str,
) -> Result<String> {
    if app.mail.is_none() {
        return Err(Error::Forbidden(Refusal::RegistrationClosed));
    }
    let email =
        accounts::valid_email(email.trim()).ok_or(Error::field("email", Problem::BadEmail))?;
    // Each link is a mail to any address: held as sign-ups without an invitation are.
    let _spent = app
        .limits
        .spend(vec![(Limit::SignUp, network.to_string())])
        .await?;
    let sid = random_hex(16);
    let token = random_hex(16);
    let link = format!(
        "{}/_matrix/client/v3/register/email/submitToken?{}",
        crate::domain::mail::site(app),
        form_urlencoded::Serializer::new(String::new())
            .append_pair("sid", &sid)
            .append_pair("client_secret", client_secret)
            .append_pair("token", &token)
            .finish()
    );
    let (app2, sid2, secret) = (app.clone(), sid.clone(), client_secret.to_string());
    let now = now_ms();
    app.db
        .write(move |c| -> Result<()> {
            if store::people::users::email_taken(c, &email)? {
                return Err(Error::field("email", Problem::Taken));
            }
            store::matrix::sign_ups::insert_check(
                c,
                &sid2,
                &secret,
                &email,
                &auth::digest(&token),
                now + CHECK_MS,
                now,
            )?;
            let site = crate::domain::mail::site(&app2);
            let written = crate::domain::mail::texts::confirm_address(
                Lang::En,
                &site,
                &link,
                CHECK_HOURS as u64,
            );
            crate::domain::mail::queue(c, &app2, "matrix_sign_up", &email, &written)
        })
        .await?;
    Ok(sid)
}

/// The mailed code given back (the link opened, or the code typed into the app):
/// whether it confirmed the check.
pub async fn confirm(app: &App, sid: &str, client_secret: &str, token: &str) -> Result<bool> {
    let (sid, secret, hash) = (
        sid.to_string(),
        client_secret.to_string(),
        auth::digest(token),
    );
    let now = now_ms();
    Ok(app
        .db
        .write(move |c| store::matrix::sign_ups::confirm_check(c, &sid, &secret, &hash, now))
        .await?)
}

/// The address a confirmed check proved, if it did.
pub async fn proven(app: &App, sid: &str, client_secret: &str) -> Result<Option<String>> {
    let (sid, secret) = (sid.to_string(), client_secret.to_string());
    let now = now_ms();
    Ok(app
        .db
        .read(move |c| store::matrix::sign_ups::confirmed_email(c, &sid, &secret, now))
        .await?)
}

/// Whether invitation `code` could be used now.
pub async fn code_usable(app: &App, code: &str) -> Result<bool> {
    let code = code.trim().to_string();
    Ok(app
        .db
        .read(move |c| store::people::invitations::usable(c, &code, &store::clock::now()))
        .await?)
}

/// Keeps the invitation code a sign-up under way gave.
pub async fn keep_code(app: &App, session: &str, code: &str) -> Result<()> {
    let (session, code) = (session.to_string(), code.trim().to_string());
    let now = now_ms();
    Ok(app
        .db
        .write(move |c| store::matrix::sign_ups::keep_code(c, &session, &code, now + CHECK_MS, now))
        .await?)
}

/// The invitation code a sign-up under way gave, if any.
pub async fn code_of(app: &App, session: &str) -> Result<Option<String>> {
    let session = session.to_string();
    let now = now_ms();
    Ok(app
        .db
        .read(move |c| store::matrix::sign_ups::code_of(c, &session, now))
        .await?)
}

/// What a finished sign-up makes the account of.
pub struct SignUp {
    pub username: String,
    pub password: String,
    /// The address the check proved, and the check.
    pub email: String,
    pub sid: String,
    /// The sign-up's session and the invitation code it gave.
    pub session: String,
    pub invite_code: Option<String>,
    pub network: String,
}

/// Makes the account, by natter's own registration (its rules, its budget, the
/// invitation used), with the proven address confirmed.
pub async fn finish(app: &App, s: SignUp) -> Result<User> {
    let user = accounts::register(
        app,
        Registration {
            username: s.username,
            email: s.email,
            password: s.password,
            display_name: String::new(),
            is_admin: false,
            by: Registrar::SignUp {
                invite_code: s.invite_code,
                network: s.network,
            },
            joins_default_rooms: true,
            email_confirmed: true,
        },
    )
    .await?;
    let (sid, session) = (s.sid, s.session);
    app.db
        .write(move |c| -> Result<()> {
            store::matrix::sign_ups::delete_check(c, &sid)?;
            store::matrix::sign_ups::delete_session(c, &session)?;
            Ok(())
        })
        .await?;
    Ok(user)
}
