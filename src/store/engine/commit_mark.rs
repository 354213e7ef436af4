//! What says, without a read transaction, that nothing was committed to the SQLite file
//! since a moment: the first copy of the WAL index's header, the first 48 bytes of the
//! `-shm` file every connection to a WAL database shares. SQLite rewrites that header on
//! every commit, by any connection of any process, before the commit returns (its
//! change counter, last frame and checksums move; a log restarted after a checkpoint
//! has new salts), so two equal readings mean no commit came between them. Reading it
//! is one `pread` of 48 bytes (the file is shared memory in the page cache), where a
//! read transaction takes and drops the file's locks with `fcntl` and steps statements:
//! a ready page whose caller and versions were checked at a mark still current is
//! answered without either (`routing::remembered_checks`).
//!
//! A reading that cannot be taken (no `-shm` file: an in-memory database; the header
//! not initialised yet) is `None`, and callers read the database as always.

use std::fs::File;
use std::sync::OnceLock;

/// Bytes of one copy of the WAL index header.
const HEADER: usize = 48;

/// Offset of `isInit` in the header (after three 4-byte fields): 1 once initialised.
const IS_INIT: usize = 12;

/// A reading of the header: equal readings, no commit between them.
pub type Mark = [u8; HEADER];

/// The `-shm` file of one database, opened on first need.
pub struct CommitMarks {
    path: Option<String>,
    file: OnceLock<File>,
}

impl CommitMarks {
    /// The marks of the database file at `db_path` (`None`, or empty: in memory).
    pub fn new(db_path: Option<&str>) -> CommitMarks {
        CommitMarks {
            path: db_path
                .filter(|p| !p.is_empty())
                .map(|p| format!("{p}-shm")),
            file: OnceLock::new(),
        }
    }

    /// The header as it is now; `None` when it cannot be read.
    #[cfg(unix)]
    pub fn read(&self) -> Option<Mark> {
        use std::os::unix::fs::FileExt;
        let file = match self.file.get() {
            Some(file) => file,
            None => {
                let opened = File::open(self.path.as_ref()?).ok()?;
                self.file.get_or_init(|| opened)
            }
        };
        let mut mark = [0u8; HEADER];
        file.read_exact_at(&mut mark, 0).ok()?;
        (mark[IS_INIT] == 1).then_some(mark)
    }

    /// No reading where files have no positioned read: every check reads the database.
    #[cfg(not(unix))]
    pub fn read(&self) -> Option<Mark> {
        None
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn a_commit_by_another_connection_moves_the_mark_and_a_read_does_not() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("t.db");
        let path = path.to_str().expect("utf-8 path");
        let a = Connection::open(path).expect("open");
        a.pragma_update(None, "journal_mode", "wal").expect("wal");
        a.execute("CREATE TABLE t (x INTEGER)", []).expect("table");
        let marks = CommitMarks::new(Some(path));
        let first = marks.read().expect("a mark");
        let b = Connection::open(path).expect("open");
        let n: i64 = b
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .expect("read");
        assert_eq!(n, 0);
        assert_eq!(marks.read(), Some(first), "a read moved the mark");
        b.execute("INSERT INTO t VALUES (1)", []).expect("insert");
        let second = marks.read().expect("a mark");
        assert_ne!(second, first, "a commit left the mark");
        b.execute("DELETE FROM t", []).expect("delete");
        assert_ne!(marks.read(), Some(second), "a second commit left the mark");
        // A checkpoint that restarts the log: later commits still move the mark.
        a.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        let after_checkpoint = marks.read();
        b.execute("INSERT INTO t VALUES (2)", []).expect("insert");
        assert_ne!(marks.read(), after_checkpoint);
    }

    #[test]
    fn a_database_in_memory_has_no_mark() {
        assert_eq!(CommitMarks::new(None).read(), None);
        assert_eq!(CommitMarks::new(Some("")).read(), None);
    }
}
