//! A person as the accounts endpoints and the rooms API show them: keys in the order of
//! the rooms app's login example (`id, email, username`), then `display_name`. Both
//! answer with this one shape, so it lives beside them rather than in either.

use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::emails;
use serde_json::{json, Value};

/// A user in the rooms / auth shape, keys in the order of the rooms app's login example
/// (`id, email, username`), then `display_name`.
pub fn user_json(u: &User) -> Value {
    let brief = crate::model::UserBrief::from(u);
    json!({"id": u.id, "email": u.email, "username": u.username, "display_name": brief.display_name})
}

/// [`user_json`] of `u` as `viewer` sees it (`--show-emails`).
pub fn user_json_for(app: &App, viewer: &User, u: &User) -> Value {
    let mut value = user_json(u);
    value["email"] = Value::from(emails::shown(app, viewer, u.id, &u.email));
    value
}
