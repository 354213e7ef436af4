//! A language natter has catalogs for, and the best of them for an `Accept-Language`
//! header: its own file because both the catalogs (`catalogs.rs`) and the room's callers
//! name it.

use std::str::FromStr;
use unic_langid::LanguageIdentifier;

/// A language natter has complete catalogs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    De,
    Es,
    PtBr,
    Ja,
    Ar,
}

impl Lang {
    /// Every language, English (the fallback) first.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::De, Lang::Es, Lang::PtBr, Lang::Ja, Lang::Ar];

    /// Its BCP 47 tag, as stored on an account and as the web client names its catalog.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
        }
    }

    /// The language stored as `code` (exactly one of [`Lang::code`]'s tags, any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The language that serves a reader of `tag` (`de-AT` is German, any `pt` the
    /// Brazilian catalog): its primary language subtag decides, as no two of the six
    /// share one.
    pub fn serving(tag: &str) -> Option<Lang> {
        let id = LanguageIdentifier::from_str(tag.trim()).ok()?;
        Lang::ALL.into_iter().find(|l| {
            LanguageIdentifier::from_str(l.code()).is_ok_and(|own| own.language == id.language)
        })
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }
}

/// The best of the six for an `Accept-Language` header (`de-DE,de;q=0.9,en;q=0.8`): the
/// highest-weighted range one of them serves; `None` when none does (the caller then
/// keeps English). A weight of 0 means "not this one"; `*` names nothing.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let weight = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (weight > 0.0 && !tag.is_empty() && tag != "*").then_some((weight, tag))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.into_iter().find_map(|(_, tag)| Lang::serving(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_served_range_wins() {
        assert_eq!(
            from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Some(Lang::De)
        );
        assert_eq!(
            from_accept_language("fr-FR, ja;q=0.5, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("fr, pt-PT;q=0.3"), Some(Lang::PtBr));
        assert_eq!(from_accept_language("ar-EG"), Some(Lang::Ar));
        assert_eq!(from_accept_language("es;q=0, fr"), None);
        assert_eq!(from_accept_language("*"), None);
        assert_eq!(from_accept_language(""), None);
        assert_eq!(from_accept_language("\u{0}garbage;;;q=x"), None);
    }

    #[test]
    fn stored_codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("pt-br"), Some(Lang::PtBr));
        assert_eq!(Lang::from_code("pt"), None);
        assert_eq!(Lang::from_code("xx"), None);
    }
}
