//! The first administrator of a server that admits people only by invitation.
//!
//! On an empty database the first account becomes the administrator. With
//! `--registration open` that is whoever registers first, which on a public server may be
//! a stranger; with `--registration invite` nobody could register at all. So a server
//! started with `invite` on a database without accounts makes one invitation, for one
//! registration within a day, and prints its link at start for the operator: its holder
//! is the first account, hence the administrator. A later start without accounts replaces
//! it; the first start with an account revokes it, however that account was made.

use crate::config::RegistrationMode;
use crate::domain::error::Result;
use crate::domain::people::actor::Actor;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store::{self, people::invitations::Invitation};
use serde_json::json;

/// How long the first administrator's link lasts.
pub const LINK_SECS: i64 = 24 * 3600;

/// Where the id of the outstanding first-administrator invitation is kept.
const SETTING: &str = "first_admin_invitation";

/// The invitation that makes its holder the first administrator, when the server admits
/// people by invitation and has no account yet; `None` otherwise (and then an earlier
/// such invitation is revoked).
pub async fn offer(app: &App) -> Result<Option<Invitation>> {
    let wanted = app.config.registration == RegistrationMode::Invite;
    let code = random_hex(12);
    let outcome = app
        .db
        .write(move |c| -> Result<Option<Invitation>> {
            let earlier: Option<i64> =
                store::schema::get_setting(c, SETTING)?.and_then(|id| id.parse().ok());
            let now = store::clock::now();
            if let Some(id) = earlier {
                store::people::invitations::revoke(c, id, &now)?;
                store::schema::delete_setting(c, SETTING)?;
            }
            if !wanted || store::people::users::count(c)? > 0 {
                return Ok(None);
            }
            let expires_at = store::clock::time_after(LINK_SECS);
            let invitation = store::people::invitations::insert(
                c,
                &code,
                None,
                Some(&expires_at),
                Some(1),
                &now,
            )?;
            store::schema::set_setting(c, SETTING, &invitation.id.to_string())?;
            Actor::Operator.record(
                c,
                "invitation.create",
                &format!("invitation:{}", invitation.id),
                json!({"max_uses": 1, "expires_at": expires_at, "first_administrator": true}),
            )?;
            Ok(Some(invitation))
        })
        .await?;
    Ok(outcome)
}

/// Whether the server admits people by invitation and has no account yet, so that its
/// first administrator's link (printed in the server's log at start) is still to be
/// used: the sign-in page says where to find it. Told to anyone, it reveals only that
/// nobody has set the server up, and only under `--registration invite`, where nobody
/// can sign up without that link; an open server never says it (its first sign-up
/// becomes the administrator).
pub async fn awaited(app: &App) -> Result<bool> {
    if app.config.registration != RegistrationMode::Invite {
        return Ok(false);
    }
    let any = app
        .db
        .read(|c| -> Result<bool> { Ok(store::people::users::any(c)?) })
        .await?;
    Ok(!any)
}
