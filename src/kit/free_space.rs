//! Free space on a folder's file system, as an unprivileged process may use it (what
//! `df` shows as available): uploads stop before the disk fills up.

use std::path::Path;

/// Bytes an unprivileged process may still write on the file system holding `dir`;
/// `None` where the platform cannot say.
pub fn available_bytes(dir: &Path) -> std::io::Result<Option<u64>> {
    #[cfg(unix)]
    {
        let stat = rustix::fs::statvfs(dir)?;
        Ok(Some(stat.f_bavail.saturating_mul(stat.f_frsize)))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}
