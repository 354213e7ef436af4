//! Which of the web client's files are text worth compressing (images are compressed
//! already). `build.rs` includes this file too, so the files it packs and the answers
//! that say `Vary: Accept-Encoding` agree.

/// Whether a file of this name is text worth compressing.
pub fn compressible(path: &str) -> bool {
    matches!(
        path.rsplit('.').next().unwrap_or(""),
        "html" | "css" | "js" | "mjs" | "json" | "svg" | "webmanifest" | "txt" | "ftl"
    )
}
