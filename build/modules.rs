//! The web client's import graph, read from its modules' text: which module imports which
//! (`import … from './x.js'`, `import './x.js'`, `export … from './x.js'`) and which it
//! loads later (`import('./x.js')`). Only relative specifiers: the client imports nothing
//! from elsewhere.

use std::collections::{BTreeMap, BTreeSet};

/// A module's imports, resolved to paths under `static/`: those it needs before it runs,
/// and those it loads when it needs them.
#[derive(Default)]
pub struct Imports {
    pub now: Vec<String>,
    pub later: Vec<String>,
}

/// The quoted relative specifiers that follow each `marker` in `text`.
fn quoted_after(text: &str, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        let trimmed = rest.trim_start();
        let Some(quote) = trimmed.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let inner = &trimmed[1..];
        if let Some(end) = inner.find(quote) {
            let spec = &inner[..end];
            if spec.starts_with("./") || spec.starts_with("../") {
                found.push(spec.to_string());
            }
        }
    }
    found
}

/// `spec` (relative to the module at `from`, a path under `static/`) as a path under
/// `static/`.
fn resolve(from: &str, spec: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in spec.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The imports of the module at `path` whose text is `text`.
pub fn imports_of(path: &str, text: &str) -> Imports {
    let mut now: Vec<String> = quoted_after(text, "from")
        .into_iter()
        .chain(quoted_after(text, "import "))
        .map(|s| resolve(path, &s))
        .collect();
    now.sort();
    now.dedup();
    let mut later: Vec<String> = quoted_after(text, "import(")
        .into_iter()
        .map(|s| resolve(path, &s))
        .collect();
    later.sort();
    later.dedup();
    Imports { now, later }
}

/// Every module `entry` needs before it runs (itself included), by following `graph`'s
/// `now` edges.
pub fn needed_now(graph: &BTreeMap<String, Imports>, entry: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![entry.to_string()];
    while let Some(m) = stack.pop() {
        if !seen.insert(m.clone()) {
            continue;
        }
        if let Some(i) = graph.get(&m) {
            stack.extend(i.now.iter().cloned());
        }
    }
    seen
}
