//! Room for uploads: each person's files may take `--storage-quota-mb` (0: no limit),
//! and no upload may leave less than `--min-free-disk-mb` free on the media folder's
//! disk, so one account cannot fill the disk that every write (messages too) needs.
//! Both refusals are `Error::StorageFull`, a 507 on the surfaces.

use crate::config::Config;
use crate::domain::error::{Error, NoRoom, Result};
use crate::state::App;
use crate::store::{self, Conn};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

const MIB: i64 = 1024 * 1024;

/// How often, at most, a full disk is logged (in seconds).
const WARN_EVERY_SECS: u64 = 60;

/// When a full disk was last logged (Unix seconds), so a flood of refused uploads logs
/// one line a minute.
static LAST_WARNED: AtomicU64 = AtomicU64::new(0);

/// A person's storage: the bytes their files take and their quota (`None`: no limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub used: i64,
    pub quota: Option<i64>,
}

/// `--storage-quota-mb` in bytes; `None` when it is 0 (no limit).
pub fn quota_bytes(config: &Config) -> Option<i64> {
    let mib = i64::try_from(config.storage_quota_mb).unwrap_or(i64::MAX);
    (mib > 0).then(|| mib.saturating_mul(MIB))
}

/// What `user_id`'s files take, and their quota.
pub async fn usage(app: &App, user_id: i64) -> Result<Usage> {
    let quota = quota_bytes(&app.config);
    let used = app
        .db
        .read(move |c| store::people::users::storage_used(c, user_id))
        .await?;
    Ok(Usage { used, quota })
}

/// Refuses an upload of `size` bytes that would take `owner_id`'s files past `quota`.
pub fn check_quota(c: &Conn, owner_id: i64, size: i64, quota: Option<i64>) -> Result<()> {
    let Some(quota) = quota else {
        return Ok(());
    };
    let used = store::people::users::storage_used(c, owner_id)?;
    if used.saturating_add(size) > quota {
        return Err(Error::StorageFull(NoRoom::Quota {
            used,
            upload: size,
            quota,
        }));
    }
    Ok(())
}

/// Refuses to write `size` more bytes in `dir` when that would leave less than
/// `--min-free-disk-mb` free there; logs the refusal once a minute at most. Blocking
/// (a `statvfs`): called off the async threads.
pub fn check_disk(config: &Config, dir: &Path, size: u64) -> Result<()> {
    let free = crate::kit::free_space::available_bytes(dir).map_err(|e| {
        Error::Internal(format!(
            "cannot read the free space of --media-dir {}: {e}",
            dir.display()
        ))
    })?;
    let Some(free) = free else {
        return Ok(());
    };
    let floor = config.min_free_disk_mb.saturating_mul(MIB as u64);
    if free.saturating_sub(size) >= floor && free >= size {
        return Ok(());
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let last = LAST_WARNED.load(Ordering::Relaxed);
    if now >= last.saturating_add(WARN_EVERY_SECS)
        && LAST_WARNED
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(
            "uploads refused: the disk of --media-dir {} has {} MiB free, and \
             --min-free-disk-mb keeps {} MiB free; free some space or move the media folder",
            dir.display(),
            free / MIB as u64,
            config.min_free_disk_mb
        );
    }
    Err(Error::StorageFull(NoRoom::Disk))
}
