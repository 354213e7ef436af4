//! The layers point one way (docs/architecture.md): `api/`, `ws/` -> `domain/`
//! -> `store/`, `hub`. This reads the sources, not the binary: a use of a higher layer
//! from a lower one, or a database type outside `store/`, fails here with the file and
//! line, before review has to catch it.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
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

/// The lines of `file` outside its unit tests (a `#[cfg(test)]` module ends the file
/// in this code base) and outside comments.
fn code_lines(file: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(file).expect("read a source file");
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line.to_string()))
        .collect()
}

/// Lines of the files under `paths` that name any of `forbidden`.
fn offences(paths: &[&str], forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for path in paths {
        let path = root.join(path);
        let files = if path.is_dir() {
            sources(&path)
        } else {
            vec![path]
        };
        for file in files {
            for (n, line) in code_lines(&file) {
                for name in forbidden {
                    if line.contains(name) {
                        let shown = file.strip_prefix(root).unwrap_or(&file).display();
                        found.push(format!("{shown}:{n} names {name}: {}", line.trim()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn nothing_below_the_surfaces_imports_http_sockets_or_the_surfaces() {
    let found = offences(
        &["src/domain", "src/store", "src/hub", "src/state.rs"],
        &[
            "crate::api",
            "crate::ws",
            "crate::server",
            "crate::error",
            "warp",
            "hyper",
            "tungstenite",
        ],
    );
    assert!(found.is_empty(), "back-arrows:\n{}", found.join("\n"));
}

#[test]
fn only_the_store_names_the_database_library_or_writes_sql() {
    let found = offences(
        &[
            "src/api",
            "src/ws",
            "src/domain",
            "src/hub",
            "src/state.rs",
            "src/lib.rs",
            "src/commands.rs",
            "src/startup.rs",
            "src/error.rs",
        ],
        &[
            "rusqlite",
            "prepare_cached",
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE FROM",
        ],
    );
    assert!(found.is_empty(), "outside store/:\n{}", found.join("\n"));
}

#[test]
fn the_store_and_the_hub_do_not_reach_into_the_domain_rules() {
    // The hub carries the domain's neutral event types (domain::events, domain::views
    // and the store's rows they hold); it never calls domain code, and the store hands
    // the hub committed events without knowing what they mean.
    let found = offences(
        &["src/store", "src/hub"],
        &[
            "domain::chats::",
            "domain::messages",
            "domain::auth",
            "domain::accounts",
            "domain::files",
            "domain::social",
            "domain::history",
            "domain::calls",
            "crate::state",
        ],
    );
    assert!(
        found.is_empty(),
        "store/hub reaching up:\n{}",
        found.join("\n")
    );
}
