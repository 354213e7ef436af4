//! `users.language`: the language a person chose for natter (a BCP 47 tag the domain
//! checked), or none while their browser decides. Mail and every device read it here.

use crate::store::{Conn, StoreResult};

/// The person's chosen language; `None` when they never chose (or have no account).
pub fn of(c: &Conn, user_id: i64) -> StoreResult<Option<String>> {
    Ok(c.opt(
        "SELECT language FROM users WHERE id = ?1",
        &[&user_id],
        |r| r.get::<Option<String>>(0),
    )?
    .flatten())
}

/// Sets (or, with `None`, clears) the person's language.
pub fn set(c: &Conn, user_id: i64, language: Option<&str>) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET language = ?2 WHERE id = ?1",
        &[&user_id, &language],
    )?;
    Ok(())
}
