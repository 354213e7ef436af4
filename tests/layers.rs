//! The layers point one way (docs/architecture.md): `api/`, `ws/` -> `domain/` ->
//! `store/`, `hub`, and the small rooms at the bottom name nothing above them. This reads
//! the sources, not the binary: a use of a higher layer from a lower one, or a database
//! type outside `store/`, fails here with the file and line, before review has to catch it.
//!
//! Whole files are read, comments left out and unit tests (`#[cfg(test)]` items, and the
//! files such an item names) skipped by matching their braces. Every `crate::` path counts:
//! `use` lines, `use crate::{a, b::c}` groups and paths written inline.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The floors, top to bottom (docs/architecture.md): (room, floor, the rooms it may
/// import). A room is `src/<room>/` or `src/<room>.rs`; `lib` is what `lib.rs` defines
/// and stands on everything. Every room of `src/` must be listed; a room may import only
/// rooms on lower floors, and only those its row names.
const FLOORS: &[(&str, u8, &[&str])] = &[
    ("lib", 16, &[]),
    (
        "commands",
        15,
        &[
            "moving", "startup", "state", "domain", "store", "http", "config", "kit",
        ],
    ),
    (
        "moving",
        14,
        &[
            "startup", "state", "domain", "store", "http", "model", "config", "kit",
        ],
    ),
    (
        "startup",
        13,
        &[
            "state", "domain", "http", "store", "logging", "config", "kit",
        ],
    ),
    ("cli_errors", 13, &["config", "kit"]),
    (
        "api",
        12,
        &[
            "surfaces",
            "own",
            "schema",
            "routing",
            "ws",
            "web",
            "http",
            "domain",
            "i18n",
            "state",
            "ratelimit",
            "webhooks",
            "push",
            "store",
            "hub",
            "pages",
            "model",
            "metrics",
            "logging",
            "config",
            "kit",
        ],
    ),
    (
        "surfaces",
        11,
        &[
            "routing",
            "ws",
            "web",
            "http",
            "domain",
            "state",
            "ratelimit",
            "store",
            "hub",
            "pages",
            "model",
            "metrics",
            "config",
            "kit",
        ],
    ),
    (
        "own",
        11,
        &[
            "routing",
            "http",
            "domain",
            "i18n",
            "state",
            "ratelimit",
            "webhooks",
            "push",
            "store",
            "hub",
            "model",
            "metrics",
            "config",
            "kit",
        ],
    ),
    (
        "schema",
        11,
        &["routing", "web", "http", "model", "metrics", "kit"],
    ),
    (
        "routing",
        10,
        &[
            "web",
            "http",
            "domain",
            "state",
            "ratelimit",
            "store",
            "hub",
            "pages",
            "model",
            "metrics",
            "kit",
        ],
    ),
    (
        "ws",
        9,
        &[
            "http",
            "domain",
            "state",
            "ratelimit",
            "store",
            "hub",
            "model",
            "metrics",
            "kit",
        ],
    ),
    ("web", 9, &["http", "kit"]),
    (
        "http",
        8,
        &[
            "domain",
            "ratelimit",
            "store",
            "model",
            "metrics",
            "logging",
            "config",
            "kit",
        ],
    ),
    (
        "domain",
        7,
        &[
            "state",
            "ratelimit",
            "webhooks",
            "push",
            "unfurl",
            "oidc",
            "sfu",
            "mail",
            "i18n",
            "store",
            "hub",
            "model",
            "metrics",
            "config",
            "kit",
        ],
    ),
    (
        "state",
        6,
        &[
            "ratelimit",
            "webhooks",
            "push",
            "unfurl",
            "oidc",
            "turn",
            "sfu",
            "mail",
            "store",
            "hub",
            "pages",
            "model",
            "metrics",
            "config",
            "kit",
        ],
    ),
    ("ratelimit", 5, &["store", "metrics", "kit"]),
    ("webhooks", 5, &["push", "kit"]),
    ("unfurl", 5, &["push", "kit"]),
    ("store", 4, &["hub", "model", "metrics", "config", "kit"]),
    ("oidc", 3, &["config", "kit"]),
    ("turn", 3, &["config", "kit"]),
    ("sfu", 3, &["config", "kit"]),
    ("mail", 3, &["config", "kit"]),
    ("i18n", 3, &[]),
    ("hub", 3, &["model", "metrics", "kit"]),
    ("pages", 3, &["metrics", "kit"]),
    ("metrics", 2, &["logging", "kit"]),
    ("config", 2, &["kit"]),
    ("push", 2, &["kit"]),
    ("model", 1, &["kit"]),
    ("logging", 1, &[]),
    ("kit", 0, &[]),
];

/// Modules inside a room that its siblings may import, where the rest of the room's
/// modules never name each other: (room, the shared modules). The five apps' APIs share
/// only the user shape and the address policy; each is otherwise on its own.
const SHARED_WITHIN: &[(&str, &[&str])] = &[("surfaces", &["users", "emails"])];

/// Rooms a room may name only through some of its paths: (room, room named, the
/// paths). The HTTP plumbing maps the domain's and the store's errors to answers, and
/// knows nothing else of them.
const ONLY_THROUGH: &[(&str, &str, &[&str])] = &[
    ("http", "domain", &["domain::error::"]),
    ("http", "store", &["store::StoreError"]),
];

/// One file as the checks see it.
struct Source {
    /// The path from the repository's root, for messages.
    shown: String,
    /// The room the file is in.
    room: String,
    /// The file with comments and unit tests blanked, string contents kept.
    text: String,
    /// The same with the contents of string and character literals blanked too.
    code: String,
}

/// Every `.rs` file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `text` with comments blanked (`text`), and also string and character contents
/// (`code`); every newline kept, so offsets give the same line numbers.
fn blank(text: &str) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut code = String::with_capacity(text.len());
    let space = |c: char| if c == '\n' { '\n' } else { ' ' };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let start = i;
        let mut literal = false;
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('#') | Some('"'))
            && (i == 0
                || !ident(chars[i - 1])
                || (chars[i - 1] == 'b' && (i < 2 || !ident(chars[i - 2]))))
        {
            let mut hashes = 0;
            i += 1;
            while chars.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            if chars.get(i) != Some(&'"') {
                // `r#ident`: a raw identifier, not a string.
                i = start + 1;
                kept.push(c);
                code.push(c);
                continue;
            }
            i += 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            literal = true;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            literal = true;
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            literal = true;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            literal = true;
        } else {
            kept.push(c);
            code.push(c);
            i += 1;
            continue;
        }
        let end = i.min(chars.len());
        for &c in &chars[start..end] {
            kept.push(if literal { c } else { space(c) });
            code.push(if literal && matches!(c, '"' | '\'') {
                c
            } else {
                space(c)
            });
        }
    }
    (kept, code)
}

/// The byte ranges of `code`'s `#[cfg(test)]` items (attribute to closing brace or `;`),
/// and the names of the modules such items declare in files of their own.
fn test_items(code: &str) -> (Vec<(usize, usize)>, Vec<String>) {
    let mut ranges = Vec::new();
    let mut modules = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]") {
        let start = from + at;
        let body = start + "#[cfg(test)]".len();
        let mut depth = 0;
        let mut end = code.len();
        for (i, c) in code[body..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = body + i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = body + i + 1;
                    let item = code[body..end].split_whitespace().collect::<Vec<_>>();
                    if let Some(pos) = item.iter().position(|w| *w == "mod") {
                        if let Some(name) = item.get(pos + 1) {
                            modules.push(name.trim_end_matches(';').to_string());
                        }
                    }
                    break;
                }
                _ => {}
            }
        }
        ranges.push((start, end));
        from = end;
    }
    (ranges, modules)
}

/// The files of `src/` outside unit tests, each with its room.
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut test_files = BTreeSet::new();
    let mut read = Vec::new();
    for path in files_under(&src) {
        let raw = std::fs::read_to_string(&path).expect("read a source file");
        let (mut text, mut code) = blank(&raw);
        let (ranges, modules) = test_items(&code);
        for (start, end) in ranges.into_iter().rev() {
            let gap: String = code[start..end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' })
                .collect();
            code.replace_range(start..end, &gap);
            text.replace_range(start..end, &gap);
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let dir = match stem {
            "mod" | "lib" | "main" => path.parent().map(Path::to_path_buf),
            _ => path.parent().map(|p| p.join(stem)),
        };
        for module in modules {
            if let Some(dir) = &dir {
                test_files.insert(dir.join(format!("{module}.rs")));
                test_files.insert(dir.join(&module).join("mod.rs"));
            }
        }
        read.push((path, text, code));
    }
    read.into_iter()
        .filter(|(path, _, _)| !test_files.contains(path))
        .map(|(path, text, code)| {
            let inner = path.strip_prefix(&src).unwrap_or(&path);
            let first = inner
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or("");
            Source {
                shown: path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
                room: first.trim_end_matches(".rs").to_string(),
                text,
                code,
            }
        })
        .collect()
}

/// The line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// Every path `code` names after `crate::`, with the line it starts on, groups spread
/// out: `use crate::{a::B, c}` gives `a::B` and `c`.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let mut found = Vec::new();
    for (k, &(at, _)) in chars.iter().enumerate() {
        if !code[at..].starts_with("crate::") {
            continue;
        }
        let before = k.checked_sub(1).map(|j| chars[j].1);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        tree(code, &chars, k + "crate::".len(), String::new(), &mut found);
    }
    found
}

/// Reads one use tree (or inline path) at `chars[k]` under `prefix` into `found`; returns
/// where it ends.
fn tree(
    code: &str,
    chars: &[(usize, char)],
    mut k: usize,
    prefix: String,
    found: &mut Vec<(usize, String)>,
) -> usize {
    let skip_space = |mut k: usize| {
        while chars.get(k).is_some_and(|(_, c)| c.is_whitespace()) {
            k += 1;
        }
        k
    };
    k = skip_space(k);
    let start = chars.get(k).map_or(code.len(), |(at, _)| *at);
    let mut path = prefix;
    loop {
        k = skip_space(k);
        match chars.get(k) {
            Some((_, '{')) => {
                k += 1;
                loop {
                    k = skip_space(k);
                    match chars.get(k) {
                        None => return k,
                        Some((_, '}')) => return k + 1,
                        Some((_, ',')) => k += 1,
                        _ => k = tree(code, chars, k, path.clone(), found),
                    }
                }
            }
            Some((_, c)) if c.is_alphanumeric() || *c == '_' => {
                while chars
                    .get(k)
                    .is_some_and(|(_, c)| c.is_alphanumeric() || *c == '_')
                {
                    path.push(chars[k].1);
                    k += 1;
                }
                if code[chars.get(k).map_or(code.len(), |(at, _)| *at)..].starts_with("::") {
                    path.push_str("::");
                    k += 2;
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
    if !path.is_empty() && !path.starts_with("self") {
        found.push((line_of(code, start), path));
    }
    // `a::b as c`: the new name is no path.
    let after = skip_space(k);
    let rest = chars.get(after).map_or("", |(at, _)| &code[*at..]);
    if rest.starts_with("as") && rest[2..].starts_with(char::is_whitespace) {
        k = skip_space(after + 2);
        while chars
            .get(k)
            .is_some_and(|(_, c)| c.is_alphanumeric() || *c == '_')
        {
            k += 1;
        }
    }
    k
}

/// The top-level modules of `src/`: the rooms a path can name; anything else is `lib`.
fn rooms() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    std::fs::read_dir(&src)
        .expect("read src")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            Some(name.trim_end_matches(".rs").to_string())
        })
        .collect()
}

/// Every `crate::` path of every source: (file, line, room of the file, room named,
/// the path).
fn imports() -> Vec<(String, usize, String, String, String)> {
    let rooms = rooms();
    let mut all = Vec::new();
    for source in sources() {
        for (line, path) in crate_paths(&source.code) {
            let head = path.split("::").next().unwrap_or("");
            let named = if rooms.contains(head) && head != "lib" && head != "main" {
                head.to_string()
            } else {
                "lib".to_string()
            };
            all.push((source.shown.clone(), line, source.room.clone(), named, path));
        }
    }
    all
}

#[test]
fn the_floor_table_points_down_and_names_every_room() {
    let floor = |room: &str| FLOORS.iter().find(|(r, _, _)| *r == room).map(|f| f.1);
    let mut wrong = Vec::new();
    for (room, at, may) in FLOORS {
        for named in may.iter() {
            match floor(named) {
                Some(below) if below < *at => {}
                Some(below) => wrong.push(format!(
                    "{room} (floor {at}) may import {named} (floor {below})"
                )),
                None => wrong.push(format!("{room} may import {named}, which has no floor")),
            }
        }
    }
    for room in rooms() {
        if room != "main" && floor(&room).is_none() {
            wrong.push(format!("src/{room} has no floor: add it to FLOORS"));
        }
    }
    assert!(wrong.is_empty(), "the floor table:\n{}", wrong.join("\n"));
}

#[test]
fn each_room_names_only_the_rooms_below_it() {
    let mut found = Vec::new();
    for (file, line, room, named, path) in imports() {
        if named == room || room == "lib" || room == "main" {
            continue;
        }
        let allowed = FLOORS
            .iter()
            .find(|(r, _, _)| *r == room)
            .is_some_and(|(_, _, may)| may.contains(&named.as_str()));
        let narrow = ONLY_THROUGH
            .iter()
            .find(|(r, n, _)| *r == room && *n == named)
            .is_some_and(|(_, _, paths)| !paths.iter().any(|p| path.starts_with(*p)));
        if !allowed || narrow {
            found.push(format!("{file}:{line} names crate::{path}"));
        }
    }
    assert!(found.is_empty(), "back-arrows:\n{}", found.join("\n"));
}

/// The module path of a source file below `src/`: `src/surfaces/chats/render.rs` is
/// `["surfaces", "chats", "render"]`, a `mod.rs` its folder's path.
fn module_of(shown: &str) -> Vec<String> {
    let inner = shown.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = inner.split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Whether `src/<parts...>` is a module (a file or a folder with a `mod.rs`).
fn is_module(parts: &[&str]) -> bool {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let path = parts.iter().fold(src, |p, part| p.join(part));
    path.with_extension("rs").is_file() || path.join("mod.rs").is_file()
}

/// Every arrow between two sibling modules (two children of one parent, at any depth):
/// (parent, from, to) with the file and line that draws it. A module naming its own
/// child or parent is not an arrow between siblings. Paths written from `super::` and
/// `self::` count as `crate::` ones do: two files of one folder that name each other by
/// `super::` draw a circle all the same.
fn sibling_arrows() -> Vec<(String, String, String, String)> {
    let mut arrows = Vec::new();
    for source in sources() {
        let from = module_of(&source.shown);
        for (line, path) in resolved_paths(&source) {
            let to: Vec<&str> = path.iter().map(String::as_str).collect();
            let mut depth = 0;
            while depth < from.len() && depth < to.len() && from[depth] == to[depth] {
                depth += 1;
            }
            if depth >= from.len() || depth >= to.len() || !is_module(&to[..=depth]) {
                continue;
            }
            arrows.push((
                from[..depth].join("::"),
                from[depth].clone(),
                to[depth].to_string(),
                format!("{}:{line} names crate::{}", source.shown, path.join("::")),
            ));
        }
    }
    arrows
}

/// Every circle in `edges` (from, to, where): for each set of modules that reach one
/// another (a strongly connected set of two or more), the places of the arrows inside it.
fn circles(edges: &[(String, String, String)]) -> Vec<Vec<String>> {
    let reach = |start: &str| {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(at) = stack.pop() {
            for (_, to, _) in edges.iter().filter(|(f, _, _)| f == at) {
                if seen.insert(to.as_str()) {
                    stack.push(to.as_str());
                }
            }
        }
        seen
    };
    let nodes: BTreeSet<&str> = edges.iter().map(|(f, _, _)| f.as_str()).collect();
    let reached: std::collections::BTreeMap<&str, BTreeSet<&str>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut found = Vec::new();
    for node in &nodes {
        if placed.contains(node) || !reached[node].contains(node) {
            continue;
        }
        let set: BTreeSet<&str> = reached[node]
            .iter()
            .copied()
            .filter(|other| reached.get(other).is_some_and(|r| r.contains(node)))
            .collect();
        placed.extend(set.iter().copied());
        // One place per arrow (the first that draws it), not every line of it.
        let mut arrows: std::collections::BTreeMap<(&str, &str), &str> = Default::default();
        for (f, t, place) in edges {
            if set.contains(f.as_str()) && set.contains(t.as_str()) {
                arrows.entry((f, t)).or_insert(place);
            }
        }
        found.push(arrows.values().map(|p| p.to_string()).collect());
    }
    found
}

#[test]
fn no_circle_between_rooms_or_inside_one() {
    let mut by_parent: std::collections::BTreeMap<String, Vec<(String, String, String)>> =
        Default::default();
    for (parent, from, to, place) in sibling_arrows() {
        by_parent.entry(parent).or_default().push((from, to, place));
    }
    let mut found = Vec::new();
    for (parent, edges) in &by_parent {
        for places in circles(edges) {
            let room = if parent.is_empty() {
                "src"
            } else {
                parent.as_str()
            };
            found.push(format!("a circle in {room}:\n  {}", places.join("\n  ")));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_surfaces_share_only_their_common_modules() {
    let mut found = Vec::new();
    for (parent, from, to, place) in sibling_arrows() {
        let Some((_, shared)) = SHARED_WITHIN.iter().find(|(room, _)| *room == parent) else {
            continue;
        };
        if !shared.contains(&to.as_str()) {
            found.push(format!("{parent}::{from} -> {parent}::{to}: {place}"));
        }
    }
    assert!(
        found.is_empty(),
        "a surface names another:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_one() {
    let edge = |f: &str, t: &str| (f.to_string(), t.to_string(), format!("{f}->{t}"));
    assert!(circles(&[edge("a", "b"), edge("b", "c")]).is_empty());
    let found = circles(&[
        edge("a", "b"),
        edge("b", "c"),
        edge("c", "a"),
        edge("c", "d"),
        edge("d", "e"),
        edge("e", "d"),
    ]);
    let sizes: Vec<usize> = found.iter().map(Vec::len).collect();
    assert_eq!(sizes, [3, 2]);
}

/// Every module path `source` names, resolved from the crate's root (without `crate`):
/// `crate::` paths, `super::` and `self::` paths, and in a module's own file the paths
/// that start with the name of one of its child modules.
fn resolved_paths(source: &Source) -> Vec<(usize, Vec<String>)> {
    let module = module_of(&source.shown);
    let mut found: Vec<(usize, Vec<String>)> = crate_paths(&source.code)
        .into_iter()
        .map(|(line, path)| (line, path.split("::").map(str::to_string).collect()))
        .collect();
    let code = &source.code;
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !ident(c)
            || k.checked_sub(1)
                .is_some_and(|j| ident(chars[j].1) || chars[j].1 == ':')
        {
            continue;
        }
        let word: String = code[at..].chars().take_while(|c| ident(*c)).collect();
        if !code[at + word.len()..].starts_with("::") {
            continue;
        }
        let child = [
            module.iter().map(String::as_str).collect::<Vec<_>>(),
            vec![&word],
        ]
        .concat();
        let mut base = module.clone();
        let mut skip = 0;
        if word == "super" || word == "self" {
            let mut rest = &code[at..];
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
            if let Some(after) = rest.strip_prefix("self::") {
                rest = after;
            }
            skip = code[at..].len() - rest.len();
        } else if word == "crate" || !is_module(&child) {
            continue;
        }
        let start = chars.partition_point(|(i, _)| *i < at + skip);
        let mut paths = Vec::new();
        tree(code, &chars, start, String::new(), &mut paths);
        for (line, path) in paths {
            let mut full = base.clone();
            full.extend(
                path.split("::")
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
            found.push((line, full));
        }
    }
    found
}

/// A parent module's own file and one of its children must not take from each other: a
/// child that names an item of its parent's file (`crate::store::clock::now` from
/// `store/engine/`) while the parent's file names the child (`engine::readers` in
/// `store/mod.rs`) is a circle; the item they share goes down into a file of its own.
#[test]
fn no_circle_between_a_module_and_its_parent() {
    let mut up: std::collections::BTreeMap<(Vec<String>, String), String> = Default::default();
    let mut down: std::collections::BTreeMap<(Vec<String>, String), String> = Default::default();
    for source in sources() {
        let module = module_of(&source.shown);
        for (line, path) in resolved_paths(&source) {
            let place = format!("{}:{line} names {}", source.shown, path.join("::"));
            // Up: a file below the parent `module[..d]` names an item of the parent's file.
            for d in 1..module.len() {
                let parent = &module[..d];
                if path.len() > d
                    && path[..d] == *parent
                    && !is_module(&path[..=d].iter().map(String::as_str).collect::<Vec<_>>())
                {
                    up.entry((parent.to_vec(), module[d].clone()))
                        .or_insert(place.clone());
                }
            }
            // Down: the parent's own file names one of its children.
            let d = module.len();
            if d > 0
                && path.len() > d + 1
                && path[..d] == *module
                && is_module(&path[..=d].iter().map(String::as_str).collect::<Vec<_>>())
            {
                down.entry((module.clone(), path[d].clone()))
                    .or_insert(place);
            }
        }
    }
    let found: Vec<String> = up
        .iter()
        .filter_map(|(key, from_child)| {
            let from_parent = down.get(key)?;
            Some(format!(
                "{} and {}::{}:\n  {from_child}\n  {from_parent}",
                key.0.join("::"),
                key.0.join("::"),
                key.1
            ))
        })
        .collect();
    assert!(
        found.is_empty(),
        "a module and its parent take from each other:\n{}",
        found.join("\n")
    );
}

/// Lines of the sources in `rooms` whose text (`in_strings`) or code names any of
/// `forbidden`.
fn offences(rooms: &[&str], forbidden: &[&str], in_strings: bool) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources() {
        if !rooms.contains(&source.room.as_str()) {
            continue;
        }
        let text = if in_strings {
            &source.text
        } else {
            &source.code
        };
        for (n, line) in text.lines().enumerate() {
            for name in forbidden {
                if line.contains(name) {
                    found.push(format!(
                        "{}:{} names {name}: {}",
                        source.shown,
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

#[test]
fn nothing_below_the_surfaces_imports_http_sockets_or_the_surfaces() {
    let found = offences(
        &["domain", "store", "hub", "state"],
        &[
            "crate::api",
            "crate::surfaces",
            "crate::own",
            "crate::ws",
            "crate::http",
            "warp",
            "hyper",
            "tungstenite",
        ],
        false,
    );
    assert!(found.is_empty(), "back-arrows:\n{}", found.join("\n"));
}

#[test]
fn only_the_store_names_the_database_library_or_writes_sql() {
    let found = offences(
        &[
            "api", "surfaces", "own", "schema", "routing", "ws", "web", "domain", "hub", "state",
            "lib", "commands", "moving", "startup", "http",
        ],
        &["rusqlite", "prepare_cached"],
        false,
    );
    let sql = offences(
        &[
            "api", "surfaces", "own", "schema", "routing", "ws", "web", "domain", "hub", "state",
            "lib", "commands", "moving", "startup", "http",
        ],
        &["SELECT ", "INSERT ", "UPDATE ", "DELETE FROM"],
        true,
    );
    let found: Vec<String> = found.into_iter().chain(sql).collect();
    assert!(found.is_empty(), "outside store/:\n{}", found.join("\n"));
}

#[test]
fn the_store_and_the_hub_do_not_reach_into_the_domain_rules() {
    // The hub carries `model`'s events and views; it never calls domain code, and the
    // store hands the hub committed events without knowing what they mean.
    let found = offences(
        &["store", "hub"],
        &[
            "domain::messaging::chats::",
            "domain::messaging::messages",
            "domain::auth",
            "domain::people::accounts",
            "domain::uploads::files",
            "domain::people::social",
            "domain::messaging::history",
            "domain::calls",
            "crate::state",
        ],
        false,
    );
    assert!(
        found.is_empty(),
        "store/hub reaching up:\n{}",
        found.join("\n")
    );
}

/// Moving in and out (`src/moving/`: the imports, `natter export`, the copy to
/// PostgreSQL) runs only as commands: only `commands` names it, and only it names the
/// store's part for it (`store::moving`), so nothing on the serving path reaches either.
#[test]
fn only_the_commands_reach_moving_in_and_out() {
    let mut found = Vec::new();
    for (file, line, room, named, path) in imports() {
        let moving_sql = path.starts_with("store::moving");
        let allowed = match (named.as_str(), moving_sql) {
            ("moving", _) => room == "commands" || room == "moving",
            (_, true) => room == "moving" || file.starts_with("src/store/moving/"),
            _ => true,
        };
        if !allowed {
            found.push(format!("{file}:{line} names crate::{path}"));
        }
    }
    assert!(
        found.is_empty(),
        "moving in and out reached from the serving path:\n{}",
        found.join("\n")
    );
}

/// Files that must not name a module of their own room: two files that named each other
/// were split so that one reads the other's part alone. (file, what it must not name).
const SPLIT: &[(&str, &[&str])] = &[
    // The search reads the message row (`message_row.rs`), not the message queries.
    ("src/store/messaging/search.rs", &["messages::"]),
    (
        "src/store/messaging/message_row.rs",
        &["messages::", "search::"],
    ),
    // A send owes bots their calls (`messages/bot_deliveries.rs`); the bots' loop that
    // makes them and posts replies (`bots/outgoing.rs`) calls the send, never the other way.
    ("src/domain/messaging/messages.rs", &["domain::bots"]),
    (
        "src/domain/messaging/messages/bot_deliveries.rs",
        &["domain::bots"],
    ),
    // The allowed origins and the socket refusals share `origin.rs`, not each other's
    // files: a refusal names an origin, the allowed origins answer with a refusal.
    ("src/http/origin.rs", &["origins::", "socket_refusals::"]),
    ("src/http/socket_refusals.rs", &["origins::"]),
    // The negotiation decides and gathers what the page needs; the page renders it.
    ("src/api/negotiate.rs", &["browsable::"]),
    // The call rules read `App`'s registry; the registry knows no rule.
    ("src/state/calls.rs", &["domain::"]),
];

#[test]
fn split_files_stay_apart() {
    let mut found = Vec::new();
    for source in sources() {
        let Some((_, never)) = SPLIT.iter().find(|(file, _)| *file == source.shown) else {
            continue;
        };
        for (n, line) in source.code.lines().enumerate() {
            for name in never.iter() {
                if line.contains(name) {
                    found.push(format!(
                        "{}:{} names {name}: {}",
                        source.shown,
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "split files joined again:\n{}",
        found.join("\n")
    );
    let shown: BTreeSet<String> = sources().into_iter().map(|s| s.shown).collect();
    for (file, _) in SPLIT {
        assert!(shown.contains(*file), "{file} is gone: update SPLIT");
    }
}

#[test]
fn the_reader_sees_groups_inline_paths_and_skips_tests() {
    let source = "use crate::{a::B, c::{d, e::F as G}, h as _};\n\
                  fn f() { crate::g::h(1); }\n\
                  // crate::comment::X\n\
                  const S: &str = \"crate::string\";\n\
                  #[cfg(test)]\n\
                  mod tests { use crate::tested::Y; fn t() { let _ = '{'; } }\n\
                  fn after() { crate::after::Z; }\n";
    let (_, code) = blank(source);
    let (ranges, _) = test_items(&code);
    let mut code = code;
    for (start, end) in ranges.into_iter().rev() {
        let gap: String = code[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        code.replace_range(start..end, &gap);
    }
    let paths: Vec<(usize, String)> = crate_paths(&code);
    let want: Vec<(usize, String)> = [
        (1, "a::B"),
        (1, "c::d"),
        (1, "c::e::F"),
        (1, "h"),
        (2, "g::h"),
        (7, "after::Z"),
    ]
    .into_iter()
    .map(|(n, p)| (n, p.to_string()))
    .collect();
    assert_eq!(paths, want);
}
