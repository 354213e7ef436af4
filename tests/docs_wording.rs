//! README.md and docs/ are pages for operators and users, not a lab journal: this fails,
//! with file and line, on a work diary's phrases ("the seventh session"), one machine's
//! folders, pointers to issue numbers instead of the text itself, and citations of design
//! files a clone does not have. Sign-in sessions, the product's own word, are not touched.

use std::path::{Path, PathBuf};

/// README.md and every `.md` under docs/.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut dirs = vec![root.join("docs")];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The line without its inline code spans: `#7` in a sample message is not a pointer.
fn prose(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

const ORDINALS: [&str; 16] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "earlier",
];

/// Phrases of a work diary (lower case). A sign-in "session" alone is the product's word.
fn journal_phrase(lower: &str) -> Option<String> {
    for phrase in [
        "this session",
        "sessions of work",
        "sessions of the day",
        "sessions of 20",
        "session of 20",
        "this hour",
        "this round",
    ] {
        if lower.contains(phrase) {
            return Some(phrase.to_string());
        }
    }
    // "the seventh session of 2026-11-22", "(second session)": a diary's day. "A second
    // session in another browser" and "the first session cookie" are the product's.
    ORDINALS.iter().find_map(|o| {
        let phrase = format!("{o} session");
        lower.match_indices(&phrase).find_map(|(at, _)| {
            let before = &lower[..at];
            let diary_before = before.ends_with("the ") || before.ends_with("(");
            let diary_before = diary_before || before.ends_with(", ");
            let after = &lower[at + phrase.len()..];
            let diary_after = after.is_empty()
                || after.starts_with(" of ")
                || after.starts_with(" (")
                || after.starts_with(['.', ',', ')', ':', ';', '\''])
                || after.starts_with("s of");
            (diary_before && diary_after).then(|| phrase.clone())
        })
    })
}

/// `issue 12`, `issues 20`, `#34` as a pointer (a digit right after the word or sign).
fn issue_pointer(lower: &str) -> Option<String> {
    let bytes = lower.as_bytes();
    for word in ["issue ", "issues "] {
        for (at, _) in lower.match_indices(word) {
            let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            let digit = bytes.get(at + word.len()).is_some_and(u8::is_ascii_digit);
            if before_ok && digit {
                return Some(lower[at..].chars().take(word.len() + 3).collect());
            }
        }
    }
    for (at, _) in lower.match_indices('#') {
        let before_ok = at == 0 || !matches!(bytes[at - 1], b'&' | b'/' | b'[');
        if before_ok && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            return Some(lower[at..].chars().take(4).collect());
        }
    }
    None
}

/// What is wrong with one line of a page, if anything.
fn problems(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for path in ["/work/", "/tmp/bench", "/home/", "/root/"] {
        if line.contains(path) {
            found.push(format!("one machine's folder `{path}`"));
        }
    }
    for file in ["DESIGN.md", "SCALE-OUT.md", "STYLE.md", "UPSTREAM.md"] {
        if line.contains(file) {
            found.push(format!("cites {file}, which a clone does not have"));
        }
    }
    let lower = prose(line).to_lowercase();
    if let Some(p) = journal_phrase(&lower) {
        found.push(format!("journal wording `{p}`"));
    }
    if let Some(p) = issue_pointer(&lower) {
        found.push(format!("issue pointer `{p}`: say what it means instead"));
    }
    found
}

#[test]
fn pages_read_as_pages_not_as_a_journal() {
    let mut failures = Vec::new();
    for file in pages() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let mut in_code = false;
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            let found = if in_code {
                // Code blocks may hold `#1` or "session" freely, but not one machine's paths.
                problems(line)
                    .into_iter()
                    .filter(|p| p.starts_with("one machine") || p.starts_with("cites"))
                    .collect()
            } else {
                problems(line)
            };
            for p in found {
                let root = Path::new(env!("CARGO_MANIFEST_DIR"));
                let shown = file.strip_prefix(root).unwrap_or(&file);
                failures.push(format!("{}:{}: {p}", shown.display(), n + 1));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_checks_catch_what_they_should_and_spare_the_product() {
    for bad in [
        "Measured in the seventh session of 2026-11-22.",
        "As this session showed,",
        "after three sessions of work",
        "(issue 41, second session)",
        "the fifth session, 5 alternated pairs",
        "the script is /tmp/bench/run.sh",
        "see /work/main/notes",
        "(issue 34)",
        "Issues 20-22 added",
        "fixed in #41",
        "the reasons are in DESIGN.md",
    ] {
        assert!(!problems(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "Signing out ends every session of the person.",
        "`GET /api/account/sessions/` lists browser sessions and keys.",
        "A session cookie and a second session in another browser both work.",
        "DELETE it, and that session's sockets close.",
        "with the same session, the first session cookie stays.",
        "The first session cookie is HttpOnly.",
        "A reply to `[#999999999]` says the message is not in the chat.",
        "See [Live events](api.md#live-events-on-several-nodes).",
        "the tissue 3 layers", // a word that ends in "issue"
    ] {
        assert!(problems(good).is_empty(), "{good}: {:?}", problems(good));
    }
}
