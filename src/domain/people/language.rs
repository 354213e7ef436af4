//! The language a person chose for natter on their account page: one of the six the
//! catalogs hold, or none to follow their browser. Stored on the account so that mail
//! (`domain::mail::language_of`) and their other devices use it too.

use crate::domain::error::{Error, Problem, Result};
use crate::i18n::Lang;
use crate::state::App;
use crate::store;

/// The language `code` names (`pt-br` is `pt-BR`), or the field error listing the six.
pub fn check(code: &str) -> Result<Lang> {
    Lang::from_code(code.trim()).ok_or_else(|| {
        Error::field(
            "language",
            Problem::Worded(
                "Choose one of: en, de, es, pt-BR, ja, ar (or null to follow the browser).",
            ),
        )
    })
}

/// The person's chosen language; `None` while their browser decides. A stored tag no
/// longer among the six (a language removed) reads as none.
pub async fn of(app: &App, user_id: i64) -> Result<Option<Lang>> {
    let code = app
        .db
        .read(move |c| store::people::language::of(c, user_id))
        .await?;
    Ok(code.and_then(|c| Lang::from_code(&c)))
}

/// Sets the person's language, or with `None` lets their browser decide again.
pub async fn set(app: &App, user_id: i64, language: Option<Lang>) -> Result<Option<Lang>> {
    app.db
        .write(move |c| store::people::language::set(c, user_id, language.map(Lang::code)))
        .await?;
    Ok(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_pass_in_any_case_and_others_are_refused() {
        assert_eq!(check("pt-br").ok(), Some(Lang::PtBr));
        assert_eq!(check(" ar ").ok(), Some(Lang::Ar));
        for bad in ["", "fr", "pt", "de-DE", "../en"] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
