//! The server's Fluent catalogs (`locales/<lang>/*.ftl`, built into the binary) and a
//! sentence of them in one language. Each language's bundle is made once, on first use;
//! an id missing in a language falls back to English, so a catalog that lags shows
//! English rather than an id (the unit tests below fail on any gap first).

use super::lang::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// Each language's catalog files, in [`Lang::ALL`]'s order.
const SOURCES: [(Lang, [&str; 3]); 6] = [
    (
        Lang::En,
        [
            include_str!("../../locales/en/mail.ftl"),
            include_str!("../../locales/en/errors.ftl"),
            include_str!("../../locales/en/pages.ftl"),
        ],
    ),
    (
        Lang::De,
        [
            include_str!("../../locales/de/mail.ftl"),
            include_str!("../../locales/de/errors.ftl"),
            include_str!("../../locales/de/pages.ftl"),
        ],
    ),
    (
        Lang::Es,
        [
            include_str!("../../locales/es/mail.ftl"),
            include_str!("../../locales/es/errors.ftl"),
            include_str!("../../locales/es/pages.ftl"),
        ],
    ),
    (
        Lang::PtBr,
        [
            include_str!("../../locales/pt-BR/mail.ftl"),
            include_str!("../../locales/pt-BR/errors.ftl"),
            include_str!("../../locales/pt-BR/pages.ftl"),
        ],
    ),
    (
        Lang::Ja,
        [
            include_str!("../../locales/ja/mail.ftl"),
            include_str!("../../locales/ja/errors.ftl"),
            include_str!("../../locales/ja/pages.ftl"),
        ],
    ),
    (
        Lang::Ar,
        [
            include_str!("../../locales/ar/mail.ftl"),
            include_str!("../../locales/ar/errors.ftl"),
            include_str!("../../locales/ar/pages.ftl"),
        ],
    ),
];

/// A value given to a sentence's placeholder.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

type Bundle = FluentBundle<FluentResource>;

/// Every language's bundle, in [`Lang::ALL`]'s order.
fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, files)| bundle(*lang, files))
            .collect()
    })
}

/// One language's bundle. A file that does not parse keeps what did (the tests fail on
/// it before a build ships).
fn bundle(lang: Lang, files: &[&str]) -> Bundle {
    let id = LanguageIdentifier::from_str(lang.code()).unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Mail is plain text and a JSON string: no invisible isolation marks around values.
    bundle.set_use_isolating(false);
    for file in files {
        let resource = FluentResource::try_new((*file).to_string()).unwrap_or_else(|(r, _)| r);
        // A repeated id keeps its first text; the tests fail on one.
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn bundle_of(lang: Lang) -> Option<&'static Bundle> {
    let at = Lang::ALL.iter().position(|l| *l == lang)?;
    bundles().get(at)
}

/// The sentence `id` in `lang` with `args` in its placeholders; English when `lang`'s
/// catalog lacks it, and the id itself when English does too.
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(*s)),
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for candidate in [lang, Lang::En] {
        let Some(bundle) = bundle_of(candidate) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}

/// The ids of the messages a catalog file defines, in order.
fn ids_of(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once(" =")?;
        let plain = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        plain.then_some(id)
    })
}

/// The English `detail` of natter's own API errors, by their text: every `error-*`
/// message of the English catalog without placeholders.
fn errors_by_english() -> &'static HashMap<String, &'static str> {
    static MAP: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let english = SOURCES[0].1[1];
        ids_of(english)
            .filter(|id| id.starts_with("error-"))
            .map(|id| (text(Lang::En, id, &[]), id))
            .collect()
    })
}

/// `english`, an error's `detail` as natter writes it, in `lang`; `None` when the
/// catalogs do not hold that sentence (it then stays English).
pub fn error_detail(lang: Lang, english: &str) -> Option<String> {
    let id = errors_by_english().get(english)?;
    Some(text(lang, id, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Each message of a file with the placeholders (`$name`) its text uses.
    fn messages(source: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut out: Vec<(String, BTreeSet<String>)> = Vec::new();
        for line in source.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let body = match line.split_once(" =") {
                Some((id, rest)) if ids_of(line).next() == Some(id) => {
                    out.push((id.to_string(), BTreeSet::new()));
                    rest
                }
                _ => line,
            };
            if let Some((_, vars)) = out.last_mut() {
                for piece in body.split('$').skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    vars.insert(name);
                }
            }
        }
        out
    }

    #[test]
    fn every_catalog_parses_and_has_every_english_message_with_its_placeholders() {
        for (lang, files) in SOURCES {
            for (at, file) in files.iter().enumerate() {
                if let Err((_, errors)) = FluentResource::try_new((*file).to_string()) {
                    panic!("{} file {at}: {errors:?}", lang.code());
                }
                let english = messages(SOURCES[0].1[at]);
                let here = messages(file);
                let ids: Vec<&String> = here.iter().map(|(id, _)| id).collect();
                let unique: BTreeSet<&String> = ids.iter().copied().collect();
                assert_eq!(ids.len(), unique.len(), "{}: an id twice", lang.code());
                for (id, vars) in &english {
                    let found = here.iter().find(|(i, _)| i == id);
                    let Some((_, theirs)) = found else {
                        panic!("{} lacks {id}", lang.code());
                    };
                    assert_eq!(vars, theirs, "{} {id}: other placeholders", lang.code());
                }
                assert_eq!(
                    english.len(),
                    here.len(),
                    "{}: ids English lacks",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn every_id_the_code_names_is_in_the_english_catalog() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let known: BTreeSet<String> = SOURCES[0]
            .1
            .iter()
            .flat_map(|f| ids_of(f).map(str::to_string))
            .collect();
        let mut stack = vec![root];
        let mut named = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                // This file names the marker itself.
                if path.ends_with("i18n/catalogs.rs") {
                    continue;
                }
                let Ok(code) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for after in code.split("i18n::text(").skip(1) {
                    let mut parts = after.split('"');
                    // An id passed as a variable: its literals are checked where written.
                    if parts.next().is_some_and(|head| head.contains([')', ';'])) {
                        continue;
                    }
                    let Some(id) = parts.next() else {
                        continue;
                    };
                    named += 1;
                    assert!(known.contains(id), "{} names {id}", path.display());
                }
            }
        }
        assert!(named > 10, "the scan found the calls ({named})");
    }

    #[test]
    fn placeholders_are_filled_and_plurals_chosen() {
        let one = text(Lang::En, "mail-missed-subject", &[("count", Arg::Num(1))]);
        assert_eq!(one, "You missed 1 message at natter");
        let two = text(Lang::De, "mail-missed-subject", &[("count", Arg::Num(2))]);
        assert!(two.contains('2') && !two.contains("missed"), "{two}");
        assert_eq!(text(Lang::Ja, "no-such-id", &[]), "no-such-id");
    }

    #[test]
    fn english_details_find_their_translation() {
        assert_eq!(
            error_detail(Lang::De, "Not found.").as_deref(),
            Some("Nicht gefunden.")
        );
        assert_eq!(error_detail(Lang::De, "Some sentence nobody wrote."), None);
        assert_eq!(
            error_detail(Lang::En, "Not found.").as_deref(),
            Some("Not found.")
        );
    }
}
