//! Who acts on the administrators' rules (people, bots, moderation): an administrator
//! through the API, or the operator at the command line. Its own file because bots and
//! moderation take it as admin does, and admin's actions call the message rules that
//! in turn reach the bots.

use crate::domain::error::{Error, Refusal, Result};
use crate::store::{self, audit, people::users::User, Tx};
use serde_json::Value;

/// Who acts: an administrator (checked against the database on every request), or the
/// operator at the command line, who may do anything.
#[derive(Clone)]
pub enum Actor {
    /// An administrator, by id and username (as the audit list names them).
    Admin {
        id: i64,
        username: String,
    },
    Operator,
}

impl Actor {
    /// The administrator `me`, or `Refusal::NotServerAdmin`.
    pub fn admin(me: User) -> Result<Actor> {
        if me.is_admin && me.is_active {
            Ok(Actor::Admin {
                id: me.id,
                username: me.username,
            })
        } else {
            Err(Error::Forbidden(Refusal::NotServerAdmin))
        }
    }

    pub(crate) fn id(&self) -> Option<i64> {
        match self {
            Actor::Admin { id, .. } => Some(*id),
            Actor::Operator => None,
        }
    }

    /// Writes `action` on `target` to the audit list.
    pub(crate) fn record(&self, c: &Tx, action: &str, target: &str, detail: Value) -> Result<()> {
        let actor = match self {
            Actor::Admin { id, username } => Some((*id, username.as_str())),
            Actor::Operator => None,
        };
        audit::record(
            c,
            actor,
            action,
            target,
            &detail.to_string(),
            &store::clock::now(),
        )?;
        Ok(())
    }
}
