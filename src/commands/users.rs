//! The operator's care of people: `natter users list | deactivate |
//! reactivate | set-password | confirm-email | promote | demote` and `natter invite`, through the same
//! domain functions administrators reach over `/api/admin/` (`domain::administration::admin`, acting as
//! `Actor::Operator`), so the audit list records them too. A deactivation or a new
//! password leaves a row in `lockouts`, which every running server reads twice a second
//! (`domain::background::lockouts`): the person's sockets close at once, on every node.

use super::password::read_password;
use crate::config::{Config, Expiry, UsersCommand};
use crate::domain::administration::admin::{self, Person};
use crate::domain::administration::site;
use crate::domain::error::{Conflict, Missing};
use crate::domain::people::actor::Actor;
use crate::domain::people::two_factor;
use crate::domain::Error;
use crate::http::error::ApiError;
use crate::kit::printable::escaped;
use crate::startup::close;
use crate::startup::{self, StartError};
use crate::state::App;
use crate::store::people::users::User;

/// Runs one `natter users ACTION`.
pub async fn run(config: Config, action: UsersCommand) -> Result<(), StartError> {
    // Asked before the database is opened: nothing waits on a person typing.
    let password = match &action {
        UsersCommand::SetPassword {
            name,
            password_stdin,
            ..
        } => Some(read_password(
            None,
            *password_stdin,
            name,
            "users set-password",
        )?),
        _ => None,
    };
    let app = App::build_existing(config).await?;
    let done = act(&app, action, password).await;
    close(&app).await;
    println!("{}", done?);
    Ok(())
}

/// Does `action` and says what was done, in one or more lines.
async fn act(
    app: &App,
    action: UsersCommand,
    password: Option<String>,
) -> Result<String, StartError> {
    match action {
        UsersCommand::List { .. } => list(app).await,
        UsersCommand::Deactivate { name, .. } => switch(app, &name, Setting::Active, false).await,
        UsersCommand::Reactivate { name, .. } => switch(app, &name, Setting::Active, true).await,
        UsersCommand::Promote { name, .. } => switch(app, &name, Setting::Admin, true).await,
        UsersCommand::Demote { name, .. } => switch(app, &name, Setting::Admin, false).await,
        UsersCommand::ResetTwoFactor { name, .. } => {
            let user = named(app, &name).await?;
            let was_on = two_factor::reset(app, user.id)
                .await
                .map_err(|e| refused(e, "reset two-factor sign-in of", &user))?;
            Ok(match was_on {
                true => format!(
                    "turned off two-factor sign-in of {}: their password alone signs in",
                    who(&user)
                ),
                false => format!("{} had no two-factor sign-in", who(&user)),
            })
        }
        UsersCommand::ConfirmEmail { name, .. } => {
            let user = named(app, &name).await?;
            admin::confirm_email(app, Actor::Operator, user.id)
                .await
                .map_err(|e| refused(e, "confirm the address of", &user))?;
            Ok(format!(
                "confirmed {} as the address of {}",
                escaped(&user.email),
                who(&user)
            ))
        }
        UsersCommand::SetPassword { name, .. } => {
            let user = named(app, &name).await?;
            let password = password.unwrap_or_default();
            admin::set_password(app, Actor::Operator, user.id, password)
                .await
                .map_err(|e| refused(e, "set the password of", &user))?;
            Ok(format!(
                "set the password of {}: their sessions, keys, tokens and sockets have ended",
                who(&user)
            ))
        }
    }
}

/// The two switches of an account the operator turns.
#[derive(Clone, Copy)]
enum Setting {
    /// Whether the person may sign in (off: every credential and socket ends).
    Active,
    /// Whether the person is an administrator.
    Admin,
}

/// Turns `setting` of the account named `name` to `on`; says so, or that it already was.
async fn switch(app: &App, name: &str, setting: Setting, on: bool) -> Result<String, StartError> {
    let user = named(app, name).await?;
    let who = who(&user);
    let (now, verb, already, done) = match (setting, on) {
        (Setting::Active, false) => (
            user.is_active,
            "deactivate",
            format!("{who} is already deactivated"),
            format!("deactivated {who}: their sessions, keys, tokens and sockets have ended"),
        ),
        (Setting::Active, true) => (
            user.is_active,
            "reactivate",
            format!("{who} is already active"),
            format!("reactivated {who}: they can sign in again"),
        ),
        (Setting::Admin, true) => (
            user.is_admin,
            "promote",
            format!("{who} is already an administrator"),
            format!("{who} is now an administrator"),
        ),
        (Setting::Admin, false) => (
            user.is_admin,
            "demote",
            format!("{who} is not an administrator"),
            format!("{who} is no longer an administrator"),
        ),
    };
    if now == on {
        return Ok(already);
    }
    let changed = match setting {
        Setting::Active => admin::set_active(app, Actor::Operator, user.id, on).await,
        Setting::Admin => admin::set_admin(app, Actor::Operator, user.id, on).await,
    };
    changed.map_err(|e| refused(e, verb, &user))?;
    Ok(done)
}

/// `natter invite`: a new invitation, its join link printed alone on standard output (so
/// a script can take it) and what it admits on standard error.
pub async fn invite(
    config: Config,
    uses: i64,
    expires: Expiry,
    url: Option<String>,
) -> Result<(), StartError> {
    let given = url.or_else(|| config.public_url.clone());
    let app = App::build_existing(config).await?;
    let made = async {
        let site = match given {
            Some(url) => url,
            None => recalled_site(&app).await?,
        };
        let invitation = admin::invite(&app, Actor::Operator, Some(uses), expires.0)
            .await
            .map_err(|e| StartError::from(ApiError::from(e)))?;
        Ok::<_, StartError>((site, invitation))
    }
    .await;
    close(&app).await;
    let (site, invitation) = made?;
    println!("{}/join/{}", escaped(&site), invitation.code);
    let registrations = if uses == 1 {
        "one registration".to_string()
    } else {
        format!("{uses} registrations")
    };
    match &invitation.expires_at {
        Some(at) => eprintln!(
            "an invitation for {registrations}, until {} UTC",
            minute(at)
        ),
        None => eprintln!("an invitation for {registrations}, with no expiry"),
    }
    Ok(())
}

/// The site the serving process noted (`domain::administration::site`), or why a link cannot be made.
/// A loopback site is used with a word on standard error: its link opens on this machine
/// only.
async fn recalled_site(app: &App) -> Result<String, StartError> {
    let recalled = site::recalled(app)
        .await
        .map_err(|e| StartError::from(ApiError::from(e)))?;
    let Some(site) = recalled else {
        return Err(StartError(
            "natter invite cannot tell the address people reach natter at: give it with \
             --public-url (or NATTER_PUBLIC_URL), e.g. --public-url https://chat.example.org \
             (a server that has started once with a --public-url, or listening on one \
             address rather than all of them, notes it for this command)"
                .into(),
        ));
    };
    if site::is_loopback(&site) {
        eprintln!(
            "natter invite: {} is this machine's own address, so the link opens here only; \
             give --public-url for people elsewhere",
            escaped(&site)
        );
    }
    Ok(site)
}

/// Every account, oldest first, as a table with a header line.
async fn list(app: &App) -> Result<String, StartError> {
    // Pages of the administrators' list; a team's server has a few of them at most.
    const PAGE: i64 = 1000;
    let mut people: Vec<Person> = Vec::new();
    loop {
        let (total, page) = admin::people(app, String::new(), PAGE, people.len() as i64)
            .await
            .map_err(|e| StartError::from(ApiError::from(e)))?;
        let last = page.len() < PAGE as usize;
        people.extend(page);
        if last || people.len() as i64 >= total {
            break;
        }
    }
    let header = [
        "id",
        "username",
        "email",
        "active",
        "admin",
        "last seen (UTC)",
        "joined (UTC)",
    ];
    let rows: Vec<[String; 7]> = people
        .iter()
        .map(|p| {
            let u = &p.user;
            [
                u.id.to_string(),
                escaped(&u.username).into_owned(),
                escaped(&u.email).into_owned(),
                yes_no(u.is_active).into(),
                yes_no(u.is_admin).into(),
                u.last_seen_at
                    .as_deref()
                    .map_or_else(|| "never".into(), minute),
                minute(&u.created_at),
            ]
        })
        .collect();
    Ok(table(&header, &rows))
}

/// Columns padded to their widest cell, two spaces apart; the id column right-aligned.
fn table(header: &[&str; 7], rows: &[[String; 7]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 7]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i == 0 {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            } else {
                out.push_str("  ");
                out.push_str(cell);
                out.push_str(&" ".repeat(pad));
            }
        }
        out.trim_end().to_string()
    };
    let mut lines = vec![line(*header)];
    lines.extend(rows.iter().map(|r| line(r.each_ref().map(String::as_str))));
    lines.join("\n")
}

fn yes_no(flag: bool) -> &'static str {
    if flag {
        "yes"
    } else {
        "no"
    }
}

/// A stored time (`2025-01-02T13:04:05.123456Z`) to the minute: `2025-01-02 13:04`.
fn minute(at: &str) -> String {
    at.get(..16).unwrap_or(at).replacen('T', " ", 1)
}

/// `alice (id 3)`.
fn who(user: &User) -> String {
    format!("{} (id {})", escaped(&user.username), user.id)
}

/// The account named `name`, or the sentence "no account named NAME".
async fn named(app: &App, name: &str) -> Result<User, StartError> {
    admin::named(app, name.to_string())
        .await
        .map_err(|e| match e {
            Error::NotFound(Missing::User) => {
                StartError(format!("no account named {}", escaped(name)))
            }
            other => StartError::from(ApiError::from(other)),
        })
}

/// A refusal of `verb` on `user` as a sentence for the operator.
fn refused(e: Error, verb: &str, user: &User) -> StartError {
    let name = escaped(&user.username);
    match e {
        Error::Conflict(Conflict::LastAdmin) => StartError(format!(
            "cannot {verb} {name}: they are the last active administrator; promote someone \
             else first (natter users promote NAME)"
        )),
        Error::NotFound(Missing::User) => {
            StartError(format!("no account named {name} (it was just removed)"))
        }
        other => match ApiError::from(other) {
            ApiError::Validation(fields) => StartError(format!(
                "cannot {verb} {name}: {}",
                startup::field_sentence(&fields)
            )),
            other => other.into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{minute, table};

    #[test]
    fn times_read_to_the_minute() {
        assert_eq!(minute("2025-01-02T13:04:05.123456Z"), "2025-01-02 13:04");
        assert_eq!(minute("short"), "short");
    }

    #[test]
    fn the_table_pads_columns_to_their_widest_cell() {
        let header = [
            "id", "username", "email", "active", "admin", "seen", "joined",
        ];
        let row = |id: &str, name: &str| {
            [id, name, "e", "yes", "no", "never", "2025-01-02 13:04"].map(String::from)
        };
        let text = table(&header, &[row("7", "alice"), row("12", "bo")]);
        let expected = [
            "id  username  email  active  admin  seen   joined",
            " 7  alice     e      yes     no     never  2025-01-02 13:04",
            "12  bo        e      yes     no     never  2025-01-02 13:04",
        ];
        assert_eq!(text, expected.join("\n"));
    }
}
