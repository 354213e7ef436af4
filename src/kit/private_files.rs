//! Files at rest are natter's user's alone: the database holds the JWT signing key (which
//! mints a token for any user) and every password hash, and the media folder holds private
//! uploads. New files are made 0600 and folders 0700; an existing database keeps its mode,
//! and a database others can read is warned about once when natter starts serving.

use std::fs::{DirBuilder, File, OpenOptions};
use std::path::Path;

/// The permission bits nobody but the owner gets on what natter creates.
#[cfg(unix)]
const OTHERS: u32 = 0o077;

/// Sets the process's umask to 0o077, before any file is made, so that every file and
/// folder natter creates (the database, SQLite's `-wal` and `-shm`, which take the
/// database's mode, the lock, backups, the media folder and uploads) is 0600 / 0700,
/// including those made by SQLite, which asks for 0644. Called by `natter::start`; the
/// helpers below also ask for the private mode themselves, for embedders and tests that
/// never call `start`.
pub fn restrict_new_files() {
    #[cfg(unix)]
    {
        use rustix::fs::Mode;
        rustix::process::umask(Mode::from_raw_mode(OTHERS));
    }
}

/// `std::fs::create_dir_all`, with the folders it makes private (0700).
pub fn create_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` for writing with `options` (which say whether it may exist already),
/// made private (0600) if it is created.
pub fn open(path: &Path, options: &mut OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options.open(path)
}

/// Warns, once, when the database file at `db` exists and its group or others may
/// read or write it, with the command that fixes it. Its mode is left as it is: the
/// administrator may have chosen it (a backup user in the group, say). The caller asks
/// only for a file (not `:memory:`, not a PostgreSQL URL).
pub fn warn_if_shared(db: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(db) else {
            return;
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & OTHERS != 0 {
            let db = db.to_string_lossy();
            let shown = crate::kit::printable::escaped(&db);
            // Operators filter on this target (docs/running.md): it stays put when the
            // module moves.
            tracing::warn!(
                target: "natter::private_files",
                "the database {shown} has mode {mode:04o}: users other than natter's may read \
                 it, and it holds the JWT signing key and every password hash; run \
                 chmod 600 {shown} (and the same on its -wal and -shm files)"
            );
        }
    }
}
