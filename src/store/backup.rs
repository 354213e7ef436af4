//! `natter backup`: a consistent copy of a SQLite database, written to exactly the path
//! given. SQLite reads a name starting with `file:` as a URI (the bundled build turns URIs
//! on for every connection) and `:memory:` as no file at all, so a copy asked for at
//! `file:x?mode=memory` used to vanish or land under another name while natter said
//! "backed up". Here both paths reach SQLite absolute, which it can only read as a file
//! name, and the copy is checked before it is reported.

use crate::store::{StoreError, StoreResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Copies the SQLite database at `source` to a new file at `dest` (never over an existing
/// one) with `VACUUM INTO`, which reads one snapshot, so a server may keep writing. The new
/// file is made 0600 before SQLite writes it. On any failure, including a copy that does
/// not read back as a sound database, the file is removed and the error says why.
pub fn write_copy(source: &Path, dest: &Path) -> StoreResult<()> {
    let source = literal(source)?;
    let dest = literal(dest)?;
    let dest_text = dest.to_str().ok_or_else(|| {
        StoreError::Internal("the path is not UTF-8, which SQLite cannot be given".into())
    })?;
    // Made here, empty and private: `create_new` refuses a file that appeared since the
    // command's own check, and VACUUM INTO writes into an empty file as into a new one.
    crate::kit::private_files::open(
        &dest,
        std::fs::OpenOptions::new().write(true).create_new(true),
    )
    .map_err(|e| StoreError::Internal(e.to_string()))?;
    let copied = vacuum_into(&source, dest_text).and_then(|()| check_copy(&dest));
    if copied.is_err() {
        let _ = std::fs::remove_file(&dest);
    }
    copied
}

/// `path` made absolute without resolving links: an absolute name starts with `/`,
/// which SQLite never takes for a URI (`file:`) or for `:memory:`.
fn literal(path: &Path) -> StoreResult<PathBuf> {
    std::path::absolute(path).map_err(|e| StoreError::Internal(e.to_string()))
}

/// Flags for both connections: no `SQLITE_OPEN_URI` (the build enables URIs anyway;
/// the absolute paths are what make the names literal) and no `CREATE`.
fn flags(write: bool) -> OpenFlags {
    let access = if write {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    access | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

fn vacuum_into(source: &Path, dest: &str) -> StoreResult<()> {
    // Read-write like the server's own readers, so it can use a live database's
    // write-ahead log and, with no server, fold it away on close.
    let c = Connection::open_with_flags(source, flags(true))?;
    c.busy_timeout(Duration::from_secs(5))?;
    c.execute("VACUUM INTO ?1", [dest])?;
    c.close().map_err(|(_, e)| StoreError::from(e))
}

/// The copy is there, at `dest`, and SQLite finds it sound and holding a schema.
fn check_copy(dest: &Path) -> StoreResult<()> {
    let c = Connection::open_with_flags(dest, flags(false))?;
    let verdict: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let tables: i64 = c.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if verdict != "ok" || tables == 0 {
        return Err(StoreError::Internal(format!(
            "the copy does not read back as the database (quick_check: {verdict}, {tables} \
             tables)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(dir: &Path) -> PathBuf {
        let path = dir.join("src.db");
        let c = Connection::open(&path).expect("open");
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (42);")
            .expect("fill");
        path
    }

    #[test]
    fn a_uri_shaped_name_is_written_as_that_very_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = source(dir.path());
        std::fs::create_dir(dir.path().join("file:x")).expect("folder named file:x");
        for name in ["file:x/y?mode=memory", ":memory:", "file:x/z.db"] {
            let dest = dir.path().join(name);
            write_copy(&src, &dest).expect(name);
            let c = Connection::open_with_flags(&dest, flags(false)).expect("copy opens");
            let x: i64 = c
                .query_row("SELECT x FROM t", [], |r| r.get(0))
                .expect("row");
            assert_eq!(x, 42, "{name}");
        }
    }

    #[test]
    fn an_existing_file_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = source(dir.path());
        let dest = dir.path().join("old.db");
        std::fs::write(&dest, b"previous").expect("write");
        assert!(write_copy(&src, &dest).is_err());
        assert_eq!(std::fs::read(&dest).expect("read"), b"previous");
    }
}
