//! The web client's files, embedded from `static/` at build time (`build.rs`).

include!(concat!(env!("OUT_DIR"), "/static_files.rs"));

/// Every embedded file, by path under `static/`.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    STATIC_FILES
}

/// Whether `path` (under `/static/`) is one of the web client's files.
pub fn has_static(path: &str) -> bool {
    STATIC_FILES.iter().any(|(p, _)| *p == path)
}

/// The `Content-Type` a file of the web client is served with, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
