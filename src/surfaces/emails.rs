//! Whose email addresses people see (`--show-emails`). With `all` (the
//! default, the seeds' behaviour) everyone's; with `admins`, another person's email is
//! an empty string except to administrators. The user-shaped answers of every surface
//! (user lists, people search, profiles, participants, owners) ask [`shown`] with the
//! viewer. A message's author is rendered once for every socket of a surface, so there
//! the address is shown only under `all` ([`in_messages`]): administrators find it on
//! the people pages.

use crate::config::ShowEmails;
use crate::state::App;
use crate::store::people::users::User;
use std::sync::OnceLock;

/// The policy of this process, for renderings that have no viewer (message authors).
static POLICY: OnceLock<ShowEmails> = OnceLock::new();

/// Notes the server's `--show-emails` for [`in_messages`]; the first call wins (one
/// server per process).
pub fn set_policy(policy: ShowEmails) {
    let _ = POLICY.set(policy);
}

/// `subject`'s email (`email`) as `viewer` may see it.
pub fn shown<'a>(app: &App, viewer: &User, subject: i64, email: &'a str) -> &'a str {
    match app.config.show_emails {
        ShowEmails::All => email,
        ShowEmails::Admins if viewer.is_admin || viewer.id == subject => email,
        ShowEmails::Admins => "",
    }
}

/// A message author's email as every socket and history page shows it.
pub fn in_messages(email: &str) -> &str {
    match POLICY.get() {
        Some(ShowEmails::Admins) => "",
        _ => email,
    }
}
