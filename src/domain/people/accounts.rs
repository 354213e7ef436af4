//! Accounts: registration rules shared by every surface, and password login.

use crate::config::{PasswordSignIn, RegistrationMode};
use crate::domain::auth::{self, account_key};
use crate::domain::error::{Error, Fields, Missing, Problem, Refusal, Result};
use crate::domain::people::first_day;
use crate::domain::people::two_factor::{self, SecondStep};
use crate::kit::at_most_every::AtMostEvery;
use crate::kit::names;
use crate::ratelimit::{login_budgets, Limit};
use crate::state::App;
use crate::store::{
    self,
    people::confirmed_emails::How,
    people::users::{Taken, User},
};

/// What a registration asks for.
pub struct Registration {
    pub username: String,
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub is_admin: bool,
    /// Who asks, which decides whether `--registration` applies.
    pub by: Registrar,
    /// The new person starts in the default rooms (`domain::people::first_day`) even when they
    /// sign up with no invitation: natter's web client asks for it; a seed app's client
    /// never does, and keeps the seed's behaviour.
    pub joins_default_rooms: bool,
    /// The address was proven before the account existed (a Matrix app's sign-up
    /// confirmed it by a mailed link): it starts confirmed, and no link is mailed.
    pub email_confirmed: bool,
}

/// Who creates an account.
pub enum Registrar {
    /// Someone signing up through a surface's register endpoint: `--registration`
    /// decides, with the invitation code they gave (`invite_code`), if any; `network`
    /// is the client network whose sign-up budget ([`Limit::SignUp`]) a sign-up
    /// without a usable invitation spends.
    SignUp {
        invite_code: Option<String>,
        network: String,
    },
    /// The operator (`create-user`): always allowed.
    Operator,
}

/// Whether `--registration` lets a sign-up through before its fields are looked at: the
/// invitation itself is used (or refused) inside the registration's write. The code to
/// use, if any.
fn admission(app: &App, by: &Registrar) -> Result<Option<String>> {
    let Registrar::SignUp { invite_code, .. } = by else {
        return Ok(None);
    };
    let code = invite_code
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty());
    match app.config.registration {
        // A join link is honoured on an open server too: its code is used (and a used
        // up, expired or revoked one refused) as under `invite`, so the newcomer lands
        // in the default rooms the link promises. A code natter never made (a seed
        // app's own sign-up form sends one of its own) is no join link: that sign-up is
        // an ordinary one ([`spend_sign_up_budget`]); without a code nothing changes.
        RegistrationMode::Open => Ok(code.map(str::to_string)),
        RegistrationMode::Closed => Err(Error::Forbidden(Refusal::RegistrationClosed)),
        RegistrationMode::Invite => match code {
            Some(code) => Ok(Some(code.to_string())),
            None => Err(Error::Forbidden(Refusal::InvitationNeeded)),
        },
    }
}

/// The longest display name, in characters (Django's `max_length` for the field).
pub const MAX_DISPLAY_NAME: usize = 150;

/// A display name as it is kept, however it is set (a sign-up, the account page, a bot,
/// a sign-in provider, a Matrix app): one line without control characters or direction
/// controls (`kit::printable::one_line`, as a status's words), trimmed, at most
/// [`MAX_DISPLAY_NAME`] characters. Everyone sees it beside its person's words, so it may
/// neither drive a terminal that prints it nor turn around the words beside it.
pub fn display_name_of(raw: &str) -> std::result::Result<String, Problem> {
    let name = crate::kit::printable::one_line(raw).trim().to_string();
    match name.chars().count() > MAX_DISPLAY_NAME {
        true => Err(Problem::TooLong {
            max: MAX_DISPLAY_NAME,
        }),
        false => Ok(name),
    }
}

/// Username rules (docs/api.md): 1-150 of letters, digits and `@.+-_`, with a
/// non-digit, and nothing invisible (a Hangul filler is a letter to Unicode,
/// yet shows nothing, so `admin\u{3164}` would pass for `admin`). `username` is the
/// NFKC form ([`names::normalize_username`]); invisible characters are refused as the
/// format characters are, with the same words.
pub fn username_problem(username: &str) -> Option<Problem> {
    if username.chars().count() > 150 {
        return Some(Problem::TooLong { max: 150 });
    }
    if names::has_invisible(username)
        || !username
            .chars()
            .all(|c| c.is_alphanumeric() || "@.+-_".contains(c))
    {
        return Some(Problem::BadUsername);
    }
    if username.chars().all(|c| c.is_ascii_digit()) {
        return Some(Problem::NumericUsername);
    }
    None
}

/// What is wrong with a new password, if anything: 8 characters at least, 1,024 bytes at
/// most (argon2 hashes all of it).
pub fn password_problem(password: &str) -> Option<Problem> {
    if password.chars().count() < 8 {
        Some(Problem::TooShort { min: 8 })
    } else if password.len() > 1024 {
        Some(Problem::TooLong { max: 1024 })
    } else {
        None
    }
}

/// An email address as natter accepts it ([`names::parse_email`]: a dot-atom local part
/// of ASCII `atext` or non-ASCII letters, nothing invisible or fullwidth, and a domain
/// that maps under IDNA), in the form it is stored: `None` when it is not one.
pub fn valid_email(email: &str) -> Option<String> {
    names::parse_email(email).map(|e| e.address)
}

/// Holds a flood of anonymous sign-ups: a sign-up without an invitation spends its
/// client network's sign-up budget, as does one whose code cannot be used (so codes
/// cannot be guessed at speed), which is then refused. A usable invitation spends
/// nothing, in every registration mode: a whole office behind one address joins by one
/// link in the same minute. On an open server a code natter never made is no
/// invitation: the sign-up spends the budget and goes on without it. The code is only
/// looked at here; the registration's write uses it. The code to use, if any.
async fn spend_sign_up_budget(
    app: &App,
    by: &Registrar,
    code: Option<String>,
) -> Result<Option<String>> {
    let Registrar::SignUp { network, .. } = by else {
        return Ok(code);
    };
    // `None`: usable, or no code; else why the code cannot be used.
    let unusable_because = match code.clone() {
        Some(code) => {
            app.db
                .read(move |c| -> Result<Option<Refusal>> {
                    let now = store::clock::now();
                    match store::people::invitations::usable(c, &code, &now)? {
                        true => Ok(None),
                        false => Ok(Some(unusable(c, &code, &now)?)),
                    }
                })
                .await?
        }
        None => None,
    };
    if code.is_some() && unusable_because.is_none() {
        return Ok(code);
    }
    // Kept, not given back: each sign-up without an invitation counts.
    let _spent = app
        .limits
        .spend(vec![(Limit::SignUp, network.clone())])
        .await?;
    let open = app.config.registration == RegistrationMode::Open;
    match unusable_because {
        // A code natter never made, on an open server: no join link at all.
        Some(Refusal::InvitationInvalid) if open => Ok(None),
        Some(refusal) => Err(Error::Forbidden(refusal)),
        None => Ok(None),
    }
}

/// Why the invitation with `code` cannot be used at `now`, in words its person can act
/// on: one natter made was revoked, has expired or has been used up; of a code natter
/// never made nothing more is said than that it cannot be used.
fn unusable(c: &store::Conn, code: &str, now: &str) -> Result<Refusal> {
    Ok(match store::people::invitations::by_code(c, code)? {
        None => Refusal::InvitationInvalid,
        Some(i) if i.revoked_at.is_some() => Refusal::InvitationRevoked,
        Some(i) if i.expires_at.as_deref().is_some_and(|end| end <= now) => {
            Refusal::InvitationExpired
        }
        Some(_) => Refusal::InvitationUsedUp,
    })
}

/// Validates and creates an account. Errors are per field, DRF style.
pub async fn register(app: &App, r: Registration) -> Result<User> {
    let asked = admission(app, &r.by)?;
    let invitation = spend_sign_up_budget(app, &r.by, asked).await?;
    let provider_only = matches!(r.by, Registrar::SignUp { .. })
        && app.config.password_sign_in == PasswordSignIn::Admins;
    // Refused before the fields are looked at, as `--registration closed` is; checked
    // again in the write, where the first account of a database may still be made.
    if provider_only
        && app
            .db
            .read(|c| -> Result<i64> { Ok(store::people::users::count(c)?) })
            .await?
            > 0
    {
        return Err(Error::Forbidden(Refusal::PasswordSignUpOff));
    }
    let mut errors: Fields = Vec::new();
    // Django normalises the name (NFKC) before validating and storing it; an invisible
    // character in what was typed is refused even where NFKC would keep it hidden.
    let typed = r.username.trim();
    let username = names::normalize_username(typed);
    let mut email = r.email.trim().to_string();
    if username.is_empty() {
        errors.push(("username", vec![Problem::Blank]));
    } else if names::has_invisible(typed) {
        errors.push(("username", vec![Problem::BadUsername]));
    } else if let Some(problem) = username_problem(&username) {
        errors.push(("username", vec![problem]));
    }
    if email.is_empty() {
        errors.push(("email", vec![Problem::Blank]));
    } else if let Some(stored) = valid_email(&email) {
        email = stored;
    } else {
        errors.push(("email", vec![Problem::BadEmail]));
    }
    if let Some(problem) = password_problem(&r.password) {
        errors.push(("password", vec![problem]));
    }
    let display_name = match display_name_of(&r.display_name) {
        Ok(name) => name,
        Err(problem) => {
            errors.push(("display_name", vec![problem]));
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let hash = auth::hash_password_async(app, r.password).await?;
    let wants_admin = r.is_admin;
    let email_confirmed = r.email_confirmed;
    // Everyone who arrives through natter's own ways starts in the default rooms.
    let by_operator = matches!(r.by, Registrar::Operator);
    let welcomed = invitation.is_some() || by_operator || r.joins_default_rooms;
    let arrival = if by_operator {
        first_day::Arrival::ByOperator
    } else {
        first_day::Arrival::Themself
    };
    let app2 = app.clone();
    app.db
        .write(move |c| {
            let now = store::clock::now();
            if let Some(code) = &invitation {
                if store::people::invitations::use_code(c, code, &now)?.is_none() {
                    // Another sign-up took its last use, or it ended, meanwhile.
                    return Err(Error::Forbidden(unusable(c, code, &now)?));
                }
            }
            // The first account of a new database looks after it.
            let is_admin = wants_admin || store::people::users::count(c)? == 0;
            // Under `--password-sign-in admins` a password signs in administrators only:
            // anyone else signing up with one would get an account that no password
            // login lets in (they sign up through a provider instead).
            if provider_only && !is_admin {
                return Err(Error::Forbidden(Refusal::PasswordSignUpOff));
            }
            let mut errors: Fields = Vec::new();
            if let Some(problem) = crate::domain::people::user_groups::handle_problem(c, &username)?
            {
                errors.push(("username", vec![problem]));
            } else if store::people::users::username_taken(c, &username)? {
                errors.push(("username", vec![Problem::Taken]));
            }
            if store::people::users::email_taken(c, &email)? {
                errors.push(("email", vec![Problem::Taken]));
            }
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
            // Both checks compare keys (`names::name_key`, `names::email_key`), so every
            // look-alike spelling of a taken name or address is taken. Another node may
            // register the same one between the check and the insert (PostgreSQL); its
            // unique violation on the key is the check's field error.
            let user = store::people::users::insert(
                c,
                &store::people::users::NewUser {
                    username: &username,
                    email: &email,
                    password_hash: &hash,
                    display_name: &display_name,
                    is_admin,
                },
                &now,
            )
            .map_err(|e| match Taken::of(&e) {
                Some(Taken::Username) => Error::field("username", Problem::Taken),
                Some(Taken::Email) => Error::field("email", Problem::Taken),
                None => Error::from(e),
            })?;
            if welcomed {
                first_day::welcome(c, &user, arrival)?;
            }
            // The operator vouches for the address they typed; anyone else's is mailed a
            // link and unconfirmed until it is used.
            if by_operator {
                store::people::confirmed_emails::confirm(c, user.id, How::Operator, &now)?;
            } else if email_confirmed {
                store::people::confirmed_emails::confirm(c, user.id, How::Link, &now)?;
            } else {
                crate::domain::mail::confirm::queue_link(c, &app2, user.id)?;
            }
            Ok(user)
        })
        .await
}

/// What a password login found.
pub enum Checked {
    /// The password is right and the account active.
    SignedIn(Box<User>),
    /// The password is right but the account deactivated: said only to someone who
    /// knows the password, so it reveals nothing to a guesser.
    Deactivated,
    /// No such account, or the wrong password.
    Wrong,
    /// The password is right and the account asks for a two-factor code, which did not
    /// come: ask for it (the attempt costs nothing).
    CodeNeeded,
    /// The password is right but the two-factor code is wrong, expired or used: counted
    /// as a failed login.
    WrongCode,
    /// The password is right but too many wrong codes came in a row: codes are held
    /// (`domain::people::two_factor::holds`).
    CodeHeld(two_factor::holds::Held),
    /// The password is right, but `--password-sign-in admins` keeps it for
    /// administrators: this person signs in through a provider.
    ProviderOnly,
}

/// Finds the account named by `login` (a username, or an email when it holds `@`, falling
/// back to the other) and checks the password, then, for an account with two-factor
/// sign-in, `code` (a code from the authenticator app or a recovery code). The attempt
/// spends the login budgets of the client address `from` and of the account
/// (`Error::Throttled` when one is spent up); a right password gives them back unless
/// the code that came with it is wrong.
pub async fn authenticate(
    app: &App,
    login: &str,
    password: &str,
    code: Option<&str>,
    from: &str,
) -> Result<Checked> {
    let login = login.trim().to_string();
    let named = login.clone();
    let user = app
        .db
        .read(move |c| -> Result<_> {
            let first = if named.contains('@') {
                store::people::users::by_email(c, &named)?
            } else {
                store::people::users::by_username(c, &named)?
            };
            match first {
                Some(u) => Ok(Some(u)),
                None if named.contains('@') => Ok(store::people::users::by_username(c, &named)?),
                None => Ok(store::people::users::by_email(c, &named)?),
            }
        })
        .await?;
    let account = account_key(user.as_ref(), &login);
    let spent = app
        .limits
        .spend(login_budgets(from, Some(&account)))
        .await?;
    let ok = auth::verify_password_async(
        app,
        password.to_string(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let Some(u) = user.filter(|_| ok) else {
        return Ok(Checked::Wrong);
    };
    if auth::django::is_django(&u.password_hash) {
        replace_django_hash(app, u.id, password).await;
    }
    if !u.is_active {
        app.limits.give_back(spent).await;
        return Ok(Checked::Deactivated);
    }
    if app.config.password_sign_in == PasswordSignIn::Admins && !u.is_admin {
        app.limits.give_back(spent).await;
        return Ok(Checked::ProviderOnly);
    }
    Ok(match two_factor::second_step(app, &u, code).await? {
        SecondStep::NotAsked | SecondStep::Passed => {
            app.limits.give_back(spent).await;
            note_seen(app, u.id);
            Checked::SignedIn(Box::new(u))
        }
        SecondStep::Missing => {
            app.limits.give_back(spent).await;
            Checked::CodeNeeded
        }
        SecondStep::Wrong => Checked::WrongCode,
        SecondStep::Held(held) => Checked::CodeHeld(held),
    })
}

/// Replaces an imported Django hash the password just matched with natter's own
/// (`natter import django`); a failure leaves the Django hash, which still signs in.
async fn replace_django_hash(app: &App, user_id: i64, password: &str) {
    let hashed = match auth::hash_password_async(app, password.to_string()).await {
        Ok(h) => h,
        Err(e) => {
            tracing::warn!("could not rehash the imported password of user {user_id}: {e}");
            return;
        }
    };
    let stored = app
        .db
        .write(move |c| -> Result<_> {
            Ok(store::people::users::set_password(c, user_id, &hashed)?)
        })
        .await;
    if let Err(e) = stored {
        tracing::warn!("could not store the new hash of user {user_id}: {e}");
    }
}

/// Looks a user up by id.
pub async fn user_by_id(app: &App, id: i64) -> Result<Option<User>> {
    app.db
        .read(move |c| Ok(store::people::users::by_id(c, id)?))
        .await
}

/// The account whose username, else whose email, is `login` (the inbox surface's
/// session re-confirmation names the user either way).
pub async fn by_login(app: &App, login: String) -> Result<Option<User>> {
    app.db
        .read(move |c| -> Result<_> {
            Ok(match store::people::users::by_username(c, &login)? {
                Some(u) => Some(u),
                None => store::people::users::by_email(c, &login)?,
            })
        })
        .await
}

/// The account named `username`, if any.
pub async fn by_username(app: &App, username: String) -> Result<Option<User>> {
    app.db
        .read(move |c| Ok(store::people::users::by_username(c, &username)?))
        .await
}

/// Every account but `except`, as the user lists show them.
pub async fn everyone_but(app: &App, except: Option<i64>) -> Result<Vec<User>> {
    app.db
        .read(move |c| Ok(store::people::users::all_except(c, except)?))
        .await
}

/// One page of the accounts other than `me`, with how many there are in all.
pub async fn page_of_others(
    app: &App,
    me: i64,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<User>)> {
    app.db
        .read(move |c| Ok(store::people::users::page_except(c, me, size, offset)?))
        .await
}

/// Accounts other than `me` whose name matches `query`, at most `limit`.
pub async fn search(app: &App, query: String, me: i64, limit: i64) -> Result<Vec<User>> {
    app.db
        .read(move |c| Ok(store::people::users::search(c, &query, me, limit)?))
        .await
}

/// Sets the caller's display name (`None` leaves it), kept as [`display_name_of`] keeps
/// it; returns the account as it now is.
pub async fn set_display_name(app: &App, me: i64, display_name: Option<String>) -> Result<User> {
    let name = display_name
        .as_deref()
        .map(display_name_of)
        .transpose()
        .map_err(|problem| Error::field("display_name", problem))?;
    app.db
        .write(move |c| {
            store::people::users::update_profile(c, me, name.as_deref(), None, None)?;
            // Matrix apps show names from memberships: each chat tells it again.
            store::matrix_log::note_profile(c, me)?;
            store::people::users::by_id(c, me)?.ok_or(Error::NotFound(Missing::Caller))
        })
        .await
}

/// How often one person's "last seen" is written at most, per server: a socket opened
/// or a sign-in within this of the last write is not written again.
const SEEN_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Notes, in the background, that `user_id` was just seen (signed in, or opened a
/// socket), for the administrators' people list. At most one write per person a minute
/// per server; a failure only costs the note.
pub fn note_seen(app: &App, user_id: i64) {
    static WRITTEN: AtMostEvery = AtMostEvery::new(SEEN_EVERY);
    if !WRITTEN.due(user_id) {
        return;
    }
    let db = app.db.clone();
    tokio::spawn(async move {
        let written = db
            .write(move |c| store::people::users::touch_last_seen(c, user_id, &store::clock::now()))
            .await;
        if let Err(e) = written {
            tracing::debug!("could not note that user {user_id} was seen: {e}");
        }
    });
}
