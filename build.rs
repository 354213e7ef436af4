//! Prepares the web client when natter is built, so a start pays nothing for it: every
//! file under `static/` is embedded with its sha256 and, for text, its brotli and gzip
//! forms (at their best levels); the page names every file under its content's version
//! with the modules it needs listed up front, read from the modules' own imports
//! (`build/modules.rs`, `build/page.rs`). `web::files` holds the table this writes. The
//! executable's relocations are packed where the C library reads them (`build/link.rs`).

#[path = "src/web/compressible.rs"]
mod compressible;
#[path = "build/link.rs"]
mod link;
#[path = "build/modules.rs"]
mod modules;
#[path = "build/page.rs"]
mod page;

use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer
            .write_all(bytes)
            .unwrap_or_else(|e| panic!("brotli: {e}"));
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    writer
        .write_all(bytes)
        .unwrap_or_else(|e| panic!("gzip: {e}"));
    writer.finish().unwrap_or_else(|e| panic!("gzip: {e}"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The version a URL names a file's content by: its sha256's first 12 hex digits.
fn version_of(hex: &str) -> String {
    hex[..12].to_string()
}

fn main() {
    // `natter --version` names the commit: NATTER_COMMIT if set, else git's short HEAD,
    // else "unknown" (no git, no .git); rebuilt when HEAD moves (HEAD and its reflog).
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let commit = std::env::var("NATTER_COMMIT")
        .ok()
        .filter(|c| !c.is_empty());
    let commit = commit.or_else(|| git(&["rev-parse", "--short", "HEAD"]));
    println!(
        "cargo:rustc-env=NATTER_COMMIT={}",
        commit.as_deref().unwrap_or("unknown")
    );
    println!("cargo:rerun-if-env-changed=NATTER_COMMIT");
    for p in ["HEAD", "logs/HEAD"]
        .into_iter()
        .filter_map(|p| git(&["rev-parse", "--git-path", p]))
    {
        if Path::new(&p).exists() {
            println!("cargo:rerun-if-changed={p}");
        }
    }
    // Read when the script runs, not when it was compiled: a build script compiled in
    // another checkout (a copied target directory) would otherwise embed that checkout's
    // static/ files.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        PathBuf::from,
    );
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    link::emit();
    let root = manifest.join("static");
    println!("cargo:rerun-if-changed=static");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/web/compressible.rs");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
        files.insert(rel, bytes);
    }

    // The client's modules (its own under js/, the vendored ones under vendor/) and what
    // each imports.
    let modules: Vec<String> = files
        .keys()
        .filter(|p| (p.starts_with("js/") || p.starts_with("vendor/")) && p.ends_with(".js"))
        .cloned()
        .collect();
    let mut graph = BTreeMap::new();
    for m in &modules {
        let text = String::from_utf8_lossy(&files[m]).into_owned();
        let imports = modules::imports_of(m, &text);
        for needed in imports.now.iter().chain(&imports.later) {
            if !files.contains_key(needed) {
                panic!("static/{m} imports {needed}, which static/ does not hold");
            }
        }
        graph.insert(m.clone(), imports);
    }
    let version = |p: &str| version_of(&sha256_hex(&files[p]));
    let url = |p: &str| format!("/static/{p}");
    let mapped: Vec<(String, String)> = modules.iter().map(|m| (url(m), version(m))).collect();
    let map = page::import_map(&mapped);
    let map_hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(map.as_bytes()));
    let guard_hash = base64::engine::general_purpose::STANDARD
        .encode(Sha256::digest(page::RELOAD_GUARD.as_bytes()));
    let first = modules::needed_now(&graph, "js/main.js");
    let preload: Vec<String> = first
        .iter()
        .filter(|m| *m != "js/main.js")
        .map(|m| page::versioned(&url(m), &version(m)))
        .collect();
    // What the app (loaded once someone is signed in) needs besides: the page lists it
    // for main.js to preload when the sign-in form shows, or at once for someone who
    // signed in here before.
    let app: Vec<String> = modules::needed_now(&graph, "js/app.js")
        .into_iter()
        .filter(|m| !first.contains(m))
        .map(|m| page::versioned(&url(&m), &version(&m)))
        .collect();
    let mut assets: Vec<(String, String)> = vec![
        (url("base.css"), version("base.css")),
        (url("app.css"), version("app.css")),
        (url("js/main.js"), version("js/main.js")),
        (
            "/manifest.webmanifest".into(),
            version("manifest.webmanifest"),
        ),
    ];
    for icon in ["icons/natter.svg", "icons/natter-192.png"] {
        assets.push((url(icon), version(icon)));
    }
    let html = String::from_utf8_lossy(&files["index.html"]).into_owned();
    let html = page::page(&html, &map, &map_hash, &guard_hash, &preload, &app, &assets)
        .unwrap_or_else(|e| panic!("static/index.html: {e}"));
    // The client's catalogs (locales/<lang>.ftl) at their versioned addresses: i18n.js
    // reads the one it needs from the page, so a warm load asks nothing to revalidate.
    let catalogs: Vec<(String, String)> = files
        .keys()
        .filter_map(|p| {
            let lang = p.strip_prefix("locales/")?.strip_suffix(".ftl")?;
            Some((lang.to_string(), page::versioned(&url(p), &version(p))))
        })
        .collect();
    let html =
        page::with_catalogs(&html, &catalogs).unwrap_or_else(|e| panic!("static/index.html: {e}"));
    // The build's name: every file's content, so a change anywhere renames the cache.
    let build = {
        let mut all = Sha256::new();
        for (p, bytes) in &files {
            all.update(p.as_bytes());
            all.update(bytes);
        }
        version_of(
            &all.finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
        )
    };
    // The offline shell keeps the catalogs beside the modules.
    let module_urls: Vec<String> = modules
        .iter()
        .map(|m| url(m))
        .chain(
            files
                .keys()
                .filter(|p| p.starts_with("locales/") && p.ends_with(".ftl"))
                .map(|p| url(p)),
        )
        .collect();
    let sw = String::from_utf8_lossy(&files["sw.js"]).into_owned();
    let sw = page::service_worker(&sw, &build, &module_urls)
        .unwrap_or_else(|e| panic!("static/sw.js: {e}"));
    files.insert("index.html".into(), html.into_bytes());
    files.insert("sw.js".into(), sw.into_bytes());

    let prepared = out_dir.join("static");
    std::fs::create_dir_all(&prepared).unwrap_or_else(|e| panic!("cannot make {prepared:?}: {e}"));
    let write = |name: String, bytes: &[u8]| -> String {
        let target = prepared.join(name);
        std::fs::write(&target, bytes).unwrap_or_else(|e| panic!("cannot write {target:?}: {e}"));
        target.display().to_string()
    };
    let mut code = String::from(
        "/// Files under static/ as natter serves them, by path relative to it.\n\
         pub static STATIC_FILES: &[StaticFile] = &[\n",
    );
    for (n, (rel, bytes)) in files.iter().enumerate() {
        let hash = sha256_hex(bytes);
        let plain = write(format!("{n}"), bytes);
        let packed = |form: Vec<u8>, ext: &str| -> String {
            if form.len() < bytes.len() {
                format!(
                    "Some(include_bytes!({:?}))",
                    write(format!("{n}.{ext}"), &form)
                )
            } else {
                "None".into()
            }
        };
        let (br, gz) = if compressible::compressible(rel) {
            (packed(brotli(bytes), "br"), packed(gzip(bytes), "gz"))
        } else {
            ("None".into(), "None".into())
        };
        let _ = writeln!(
            code,
            "    StaticFile {{ path: {rel:?}, bytes: include_bytes!({plain:?}), sha256: {hash:?}, br: {br}, gzip: {gz} }},"
        );
    }
    code.push_str("];\n");
    let out = out_dir.join("static_files.rs");
    std::fs::write(out, code).unwrap_or_else(|e| panic!("cannot write static table: {e}"));
    // The page's policy lets its two inline scripts, the reload guard and the import map,
    // run by their hashes.
    let policy = format!(
        "/// The sha256 (base64) of the page's import map, which its policy lets run.\n\
         const IMPORT_MAP_SHA256: &str = {map_hash:?};\n\
         /// The sha256 (base64) of the page's reload guard, which its policy lets run.\n\
         const RELOAD_GUARD_SHA256: &str = {guard_hash:?};\n"
    );
    std::fs::write(out_dir.join("import_map_hash.rs"), policy)
        .unwrap_or_else(|e| panic!("cannot write the import map's hash: {e}"));
}
