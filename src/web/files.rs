//! The web client's files, prepared when natter is built (`build.rs`): each with its
//! sha256 and, for text, its brotli and gzip forms, so a start compresses nothing.

/// One file of the web client as natter serves it.
pub struct StaticFile {
    /// Its path under `static/`.
    pub path: &'static str,
    /// Its bytes (the page and the service worker as `build.rs` wrote them).
    pub bytes: &'static [u8],
    /// The sha256 of `bytes` in hex: its validator, and (the first 12 digits) the version
    /// its address names (`?v=`).
    pub sha256: &'static str,
    /// Its brotli form, when smaller.
    pub br: Option<&'static [u8]>,
    /// Its gzip form, when smaller.
    pub gzip: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/static_files.rs"));

/// Every embedded file.
pub fn files() -> &'static [StaticFile] {
    STATIC_FILES
}

/// The file at `path` under `static/`.
pub fn file(path: &str) -> Option<&'static StaticFile> {
    STATIC_FILES.iter().find(|f| f.path == path)
}

/// Whether `path` (under `/static/`) is one of the web client's files.
pub fn has_static(path: &str) -> bool {
    file(path).is_some()
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
        // Fluent's message catalogs (no registered type): text a browser shows as such.
        "txt" | "ftl" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
