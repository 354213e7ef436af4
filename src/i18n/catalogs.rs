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

/// A sentence of the English catalog with placeholders, as the literal pieces around
/// them: `"{ $operator }:{ $value }" is not a day…` is `"`, `:`, `" is not a day…`.
struct Shape {
    id: &'static str,
    /// One more than `vars`: the text before, between and after the placeholders.
    pieces: Vec<String>,
    /// The placeholders' names, in the order they stand (a name may stand twice).
    vars: Vec<String>,
}

/// Marks a placeholder's place while an English sentence is cut into its pieces.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// The placeholders (`$name`) a one-line message's text names, first stand first.
fn placeholders(body: &str) -> Vec<String> {
    body.split('$')
        .skip(1)
        .map(|piece| {
            piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// Every `error-*` sentence of the English catalog with placeholders, as [`Shape`]s:
/// the English is written with marks in its placeholders and cut at them.
fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let english = SOURCES[0].1[1];
        english
            .lines()
            .filter_map(|line| {
                let id = ids_of(line).next()?;
                let (_, body) = line.split_once(" =")?;
                let mut names = placeholders(body);
                names.dedup();
                if !id.starts_with("error-") || names.is_empty() {
                    return None;
                }
                let marks: Vec<String> = (0..names.len())
                    .map(|at| format!("{MARK_OPEN}{at}{MARK_CLOSE}"))
                    .collect();
                let args: Vec<(&str, Arg)> = names
                    .iter()
                    .zip(&marks)
                    .map(|(name, mark)| (name.as_str(), Arg::Str(mark)))
                    .collect();
                let marked = text(Lang::En, id, &args);
                let mut pieces = Vec::new();
                let mut vars = Vec::new();
                let mut rest = marked.as_str();
                while let Some((before, after)) = rest.split_once(MARK_OPEN) {
                    let (at, after) = after.split_once(MARK_CLOSE)?;
                    pieces.push(before.to_string());
                    vars.push(names.get(at.parse::<usize>().ok()?)?.clone());
                    rest = after;
                }
                pieces.push(rest.to_string());
                Some(Shape { id, pieces, vars })
            })
            .collect()
    })
}

/// The values `text` gives `shape`'s placeholders, when it is that sentence; a name
/// standing twice must stand for the same value.
fn values_in<'t>(shape: &'static Shape, text: &'t str) -> Option<Vec<(&'static str, &'t str)>> {
    let mut rest = text.strip_prefix(shape.pieces.first()?.as_str())?;
    let mut values: Vec<(&'static str, &'t str)> = Vec::new();
    for (at, name) in shape.vars.iter().enumerate() {
        let next = shape.pieces.get(at + 1)?.as_str();
        let value = if at + 1 == shape.vars.len() {
            let value = rest.strip_suffix(next)?;
            rest = "";
            value
        } else {
            if next.is_empty() {
                return None;
            }
            let (value, after) = rest.split_once(next)?;
            rest = after;
            value
        };
        if value.is_empty() {
            return None;
        }
        match values.iter().find(|(n, _)| *n == name.as_str()) {
            Some((_, seen)) if *seen != value => return None,
            Some(_) => {}
            None => values.push((name.as_str(), value)),
        }
    }
    Some(values)
}

/// `english`, a sentence of an error as natter writes it, in `lang`; `None` when the
/// catalogs do not hold that sentence (it then stays English). A sentence with values in
/// it (a number, a field, what was typed) is found by the words around them, and the
/// values go into the translation as they came (a number as a number, for plurals).
pub fn error_detail(lang: Lang, english: &str) -> Option<String> {
    if let Some(id) = errors_by_english().get(english) {
        return Some(text(lang, id, &[]));
    }
    let (shape, values) = shapes()
        .iter()
        .filter_map(|shape| Some((shape, values_in(shape, english)?)))
        .max_by_key(|(shape, _)| shape.pieces.iter().map(String::len).sum::<usize>())?;
    let args: Vec<(&str, Arg)> = values
        .iter()
        .map(|(name, value)| {
            let number = value
                .parse::<i64>()
                .ok()
                .filter(|n| n.to_string() == *value);
            (*name, number.map_or(Arg::Str(value), Arg::Num))
        })
        .collect();
    Some(text(lang, shape.id, &args))
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
        // A sentence with values: found by the words around them, a number picking the
        // plural, what was typed kept as typed.
        let es = |n: &str| {
            error_detail(
                Lang::Es,
                &format!("Ensure this field has no more than {n} characters."),
            )
        };
        assert_eq!(
            es("1").as_deref(),
            Some("Este campo no puede tener más de 1 carácter.")
        );
        assert_eq!(
            es("250").as_deref(),
            Some("Este campo no puede tener más de 250 caracteres.")
        );
        assert_eq!(
            error_detail(Lang::De, "\"007\" is not a valid choice.").as_deref(),
            Some("„007“ ist keine gültige Auswahl.")
        );
        let typed = "\"has:a \" is not a search\" is not a search: has: takes file, image, link, reaction or pin.";
        let japanese = error_detail(Lang::Ja, typed).unwrap_or_default();
        assert!(
            japanese.starts_with("「has:a \" is not a search」は検索に使えません。"),
            "{japanese}"
        );
        assert_eq!(
            error_detail(
                Lang::Ar,
                "\"before:2026-13-45\" is not a day: write it as YYYY-MM-DD."
            )
            .as_deref(),
            Some("«before:2026-13-45» ليس يومًا: اكتبه بالشكل YYYY-MM-DD.")
        );
        assert_eq!(
            error_detail(Lang::De, "from: may be given once in a search.").as_deref(),
            Some("from: darf in einer Suche nur einmal vorkommen.")
        );
        // Words that only begin like a sentence with values are not that sentence.
        assert_eq!(
            error_detail(Lang::De, "Ensure this field has no more than characters."),
            None
        );
        assert_eq!(
            error_detail(Lang::En, "Not found.").as_deref(),
            Some("Not found.")
        );
    }
}
