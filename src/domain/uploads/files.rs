//! Uploaded files: their bytes live in the media directory under their sha256 (never a
//! name a client chose), written to a temporary file and renamed, so identical uploads
//! are stored once and a crash never leaves a half-written file under a real name.
//! Only the uploader, members of a chat where a file is attached and, for a file its
//! uploader shows as their profile image, any signed-in user may read it.

pub mod unattached;

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::domain::uploads::storage;
use crate::state::App;
use crate::store::{self, messaging::files::FileMeta, people::users::User};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest stored file name, in characters.
const MAX_NAME_CHARS: usize = 255;

/// An upload as the surface parsed it (name and type as the client sent them).
pub struct Upload {
    pub filename: String,
    pub content_type: String,
    pub bytes: Bytes,
}

/// Stores an upload's bytes (once per distinct content) and records it for `me`, if it
/// fits in their quota and leaves `--min-free-disk-mb` free (`domain::uploads::storage`).
pub async fn save(app: &App, me: &User, upload: Upload) -> Result<FileMeta> {
    if upload.bytes.is_empty() {
        return Err(Error::field("file", Problem::EmptyFile));
    }
    let max = app.config.max_upload_mb.saturating_mul(1024 * 1024);
    if upload.bytes.len() as u64 > max {
        return Err(Error::TooLarge);
    }
    let filename = clean_filename(&upload.filename);
    let content_type = clean_content_type(&upload.content_type);
    let bytes = upload.bytes;
    let size = bytes.len() as i64;
    let me_id = me.id;
    let quota = storage::quota_bytes(&app.config);
    // Refused before a byte is written when the quota is already used up; checked again
    // with the insert, which concurrent uploads may have raced.
    app.db
        .read(move |c| storage::check_quota(c, me_id, size, quota))
        .await?;
    let sha = write_content(app, bytes.clone(), true).await?;
    let recorded = {
        let sha = sha.clone();
        app.db
            .write(move |c| {
                storage::check_quota(c, me_id, size, quota)?;
                Ok(store::messaging::files::insert(
                    c,
                    me_id,
                    &filename,
                    &content_type,
                    size,
                    &sha,
                    &store::clock::now(),
                )?)
            })
            .await
    };
    match recorded {
        Ok(file) => {
            // The sweep may have removed the same content, unused then, before the row
            // was recorded: written again if so.
            write_content(app, bytes, false).await?;
            Ok(file)
        }
        Err(e) => {
            if let Err(cleanup) = unattached::remove_content_if_unused(app, &sha).await {
                tracing::warn!("{cleanup}");
            }
            Err(e)
        }
    }
}

/// Writes `bytes` into the media folder unless they are there, after checking the disk's
/// free space when `check_disk`; returns their sha256. A failure is logged with the
/// folder (an `Internal` error), never shown to the client. Also how an import stores
/// the files it brings.
pub async fn write_content(app: &App, bytes: Bytes, check_disk: bool) -> Result<String> {
    let config = app.config.clone();
    tokio::task::spawn_blocking(move || {
        let dir = &config.media_dir;
        let failed = |e: std::io::Error| {
            Error::Internal(format!(
                "cannot store an upload in --media-dir {}: {e}",
                dir.display()
            ))
        };
        // Private (0700): uploads to a chat are for its members only.
        crate::kit::private_files::create_dir_all(dir).map_err(failed)?;
        if check_disk {
            storage::check_disk(&config, dir, bytes.len() as u64)?;
        }
        store_bytes(dir, &bytes).map_err(failed)
    })
    .await
    .map_err(|e| Error::Internal(format!("file task: {e}")))?
}

/// Writes `bytes` under their sha256 in `dir` unless already there; returns the hex digest.
fn store_bytes(dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let target = dir.join(&sha);
    if target.is_file() {
        return Ok(sha);
    }
    let tmp = dir.join(format!(".upload-{}", crate::kit::random::random_hex(16)));
    // Private (0600): uploads to a chat are for its members only.
    let written = (|| -> std::io::Result<()> {
        let mut f = crate::kit::private_files::open(
            &tmp,
            std::fs::OpenOptions::new().write(true).create_new(true),
        )?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(sha)
}

/// A file `me` may read: its uploader; anyone signed in, while it is its uploader's
/// profile image (an avatar is shown beside every message, so it cannot be private); or
/// a member of a chat where it is attached to a live message. Anyone else gets the same
/// not-found as for an unknown id, so a file's existence is not revealed to those who may not
/// read it. Only the uploader's own profile can make a file public: a profile may name
/// any path, and naming someone else's file must not open it.
pub async fn readable(app: &App, me: &User, file_id: i64) -> Result<FileMeta> {
    let me_id = me.id;
    app.db
        .read(move |c| {
            let missing = Error::NotFound(Missing::File);
            let Some(file) = store::messaging::files::by_id(c, file_id)? else {
                return Err(missing);
            };
            let [slash, bare] = profile_image_paths(file_id);
            if file.owner_id == Some(me_id)
                || store::messaging::files::is_owners_profile_image(c, file_id, &slash, &bare)?
                || store::messaging::files::attached_in_chat_of(c, file_id, me_id)?
                || store::messaging::files::is_picture_of_chat_for(c, &slash, &bare, me_id)?
            {
                Ok(file)
            } else {
                Err(missing)
            }
        })
        .await
}

/// A shared file (attached to a live message, a profile image, a chat's picture) for
/// whoever holds its Matrix media id, which cannot be guessed: what older Matrix apps,
/// which fetch media without signing in, are served when `--matrix-unauthenticated-media`
/// allows it. A file never shared stays its uploader's alone.
pub async fn shared(app: &App, file_id: i64) -> Result<FileMeta> {
    app.db
        .read(move |c| {
            let missing = Error::NotFound(Missing::File);
            let Some(file) = store::messaging::files::by_id(c, file_id)? else {
                return Err(missing);
            };
            let [slash, bare] = profile_image_paths(file_id);
            match store::messaging::files::is_shared(c, file_id, &slash, &bare)? {
                true => Ok(file),
                false => Err(missing),
            }
        })
        .await
}

/// The profile `image` values that name a file: its download path as the web client sets
/// it (`/api/files/{id}/download/`), and the same without the trailing slash, which the
/// router answers alike.
pub fn profile_image_paths(file_id: i64) -> [String; 2] {
    let slash = format!("/api/files/{file_id}/download/");
    let bare = slash.trim_end_matches('/').to_string();
    [slash, bare]
}

/// The stored content of a file (after `readable` said yes), opened for streaming, with
/// its length: a download never holds the whole file in memory.
pub async fn open_content(app: &App, file: &FileMeta) -> Result<(tokio::fs::File, u64)> {
    let path = path_of(&app.config.media_dir, &file.sha256)?;
    let opened = match tokio::fs::File::open(&path).await {
        Ok(opened) => opened,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(Missing::FileContent))
        }
        Err(e) => return Err(e.into()),
    };
    let len = opened.metadata().await?.len();
    Ok((opened, len))
}

/// Where the content `sha` is kept in `dir`; refuses anything but a hex sha256.
pub fn path_of(dir: &Path, sha: &str) -> Result<PathBuf> {
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Internal(format!("bad stored digest {sha:?}")));
    }
    Ok(dir.join(sha))
}

/// A client's file name made safe to store and show: no directories, no control
/// characters, at most 255 characters; `file` when nothing is left.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "file".into()
    } else {
        cleaned.to_string()
    }
}

/// A client's content type reduced to a plain `type/subtype` (lower case, no
/// parameters); `application/octet-stream` when it is missing or malformed.
pub fn clean_content_type(raw: &str) -> String {
    crate::kit::media_type::essence(raw).unwrap_or_else(|| "application/octet-stream".into())
}

/// A `Content-Disposition` value that always downloads: a quoted ASCII fallback name
/// (quotes, backslashes, control and non-ASCII characters removed) plus the exact name
/// percent-encoded as `filename*` (RFC 6266 / 5987).
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control() && *c != '"' && *c != '\\')
        .collect();
    let fallback = if fallback.trim().is_empty() {
        "file".to_string()
    } else {
        fallback
    };
    const ATTR: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(name, ATTR);
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_image_names_a_file_by_its_download_path_with_or_without_the_slash() {
        assert_eq!(
            profile_image_paths(42),
            ["/api/files/42/download/", "/api/files/42/download"]
        );
    }
}
